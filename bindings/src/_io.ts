/**
 * Internal: fast bigint <-> limb transfers for the math bindings, and views of the
 * Wasm batch regions (see assembly/mathExports.ts). Writes touch only the limbs the
 * type needs; reads skip zero high limbs, so small values cost one bigint.
 * @module
 */
import { getCore, type Core, type WasmExports } from "./wasm.js";

/** The exports and two views of the IO region: u64 limbs, and u32 halves for zero tests without bigints. */
export interface FastCore {
  exports: WasmExports;
  io: BigUint64Array;
  io32: Uint32Array;
}

let fastCore: FastCore | undefined;

/**
 * The core, cached. A view of a detached buffer (Wasm memory grew) has length 0, which is
 * cheaper to test than reading `memory.buffer` on every call.
 */
export function core(): FastCore {
  const c = fastCore;
  if (c !== undefined && c.io.length !== 0) return c;
  const { exports, io } = getCore();
  return (fastCore = { exports, io, io32: new Uint32Array(io.buffer, io.byteOffset, io.length * 2) });
}

const MASK64 = /* @__PURE__ */ BigInt("0xffffffffffffffff");
const _64 = /* @__PURE__ */ BigInt(64);
const _128 = /* @__PURE__ */ BigInt(128);
const _192 = /* @__PURE__ */ BigInt(192);
const _0 = /* @__PURE__ */ BigInt(0);

/** Writes a value known to be in [0, 2^128) (or an int128's two's complement limbs) at io[at..at+1]. */
export function w128(io: BigUint64Array, at: number, v: bigint): void {
  if (v >= _0 && v <= MASK64) {
    io[at] = v;
    io[at + 1] = _0;
  } else {
    io[at] = v; // BigUint64Array stores v mod 2^64
    io[at + 1] = v >> _64;
  }
}

const MAX128 = /* @__PURE__ */ BigInt("0xffffffffffffffffffffffffffffffff");

/** Writes a value known to be in [0, 2^160) at io[at..at+2]. */
export function w160(io: BigUint64Array, at: number, v: bigint): void {
  if (v <= MASK64) {
    io[at] = v;
    io[at + 1] = _0;
    io[at + 2] = _0;
  } else if (v <= MAX128) {
    // most prices: one shift instead of two
    io[at] = v;
    io[at + 1] = v >> _64;
    io[at + 2] = _0;
  } else {
    io[at] = v;
    io[at + 1] = v >> _64;
    io[at + 2] = v >> _128;
  }
}

/** Writes a value in [-2^255, 2^256) as four limbs (two's complement for negatives) at io[at..at+3]. */
export function w256(io: BigUint64Array, at: number, v: bigint): void {
  if (v >= _0 && v <= MASK64) {
    io[at] = v;
    io[at + 1] = _0;
    io[at + 2] = _0;
    io[at + 3] = _0;
  } else {
    io[at] = v;
    io[at + 1] = v >> _64;
    io[at + 2] = v >> _128;
    io[at + 3] = v >> _192;
  }
}

/** Reads three limbs (a uint160) from io[at..at+2]; zero high limbs are found without making bigints. */
export function r160(io: BigUint64Array, at: number, io32?: Uint32Array): bigint {
  if (io32 !== undefined) {
    const k = at * 2;
    if ((io32[k + 4] | io32[k + 5]) === 0) {
      if ((io32[k + 2] | io32[k + 3]) === 0) return io[at];
      return (io[at + 1] << _64) | io[at];
    }
  }
  const l2 = io[at + 2], l1 = io[at + 1];
  if (l2 !== _0) return (l2 << _128) | (l1 << _64) | io[at];
  if (l1 !== _0) return (l1 << _64) | io[at];
  return io[at];
}

/** Reads four limbs (a uint256) from io[at..at+3]; zero high limbs are found without making bigints. */
export function r256(io: BigUint64Array, at: number, io32?: Uint32Array): bigint {
  if (io32 !== undefined) {
    const k = at * 2;
    if ((io32[k + 6] | io32[k + 7]) === 0) {
      if ((io32[k + 4] | io32[k + 5]) === 0) {
        if ((io32[k + 2] | io32[k + 3]) === 0) return io[at];
        return (io[at + 1] << _64) | io[at];
      }
      return (io[at + 2] << _128) | (io[at + 1] << _64) | io[at];
    }
  }
  const l3 = io[at + 3], l2 = io[at + 2], l1 = io[at + 1];
  if (l3 !== _0) return (l3 << _192) | (l2 << _128) | (l1 << _64) | io[at];
  if (l2 !== _0) return (l2 << _128) | (l1 << _64) | io[at];
  if (l1 !== _0) return (l1 << _64) | io[at];
  return io[at];
}

/** Typed views of the batch regions; rebuilt when Wasm memory grows. */
export interface BatchViews {
  cap: number;
  in64: BigUint64Array;
  in32: Int32Array;
  out64: BigUint64Array;
  out32: Int32Array;
}

let views: BatchViews | undefined;
let viewsBuffer: ArrayBuffer | undefined;

/** The core plus batch views over its current memory. */
export function batchCore(): { core: Core; b: BatchViews } {
  const core = getCore();
  const buffer = core.memory.buffer;
  if (!views || viewsBuffer !== buffer) {
    const e = core.exports;
    const cap = e.BATCH_CAP.value as number;
    const inPtr = e.batchInPtr() as number, outPtr = e.batchOutPtr() as number;
    views = {
      cap,
      in64: new BigUint64Array(buffer, inPtr, cap * 8),
      in32: new Int32Array(buffer, inPtr, cap * 16),
      out64: new BigUint64Array(buffer, outPtr, cap * 4),
      out32: new Int32Array(buffer, outPtr, cap * 8),
    };
    viewsBuffer = buffer as ArrayBuffer;
  }
  return { core, b: views };
}
