/**
 * Internal: the one bigint <-> u64-limb codec of the bindings, and the accessors of the one
 * memory-view cache (wasm.ts `getCore`: every view is built there and rebuilt there when
 * memory grows). Writes touch only the limbs the type needs; reads skip zero high limbs, so
 * small values cost one bigint. Limbs are little-endian (limb 0 least significant); signed
 * values cross as two's complement.
 *
 * Two families, the same encoding:
 * - `w*` / `r*` take a BigUint64Array and a limb index in it (the IO region `core().io`, a
 *   batch region), with the region's u32 view for zero tests that make no bigint;
 * - `putFast` / `getFast` / `getIntFast` take the hot views (`hotCore()`: the whole memory as
 *   u32 words and u64 limbs) and a limb index in memory; they build values below 2^53 from
 *   plain numbers, the fastest form, for the quote and swap paths.
 * @module
 */
import { BATCH_CAP, BATCH_IN_WORDS, BATCH_OUT_WORDS } from "./generated/layout.js";
import { getCore, type Core, type WasmExports } from "./wasm.js";

/** The exports and two views of the IO region: u64 limbs, and u32 halves for zero tests without bigints. */
export interface FastCore {
  exports: WasmExports;
  io: BigUint64Array;
  io32: Uint32Array;
}

/** The core with its views current (the one cache, wasm.ts). */
export function core(): Core {
  return getCore();
}

/** The hot paths' views: the whole memory as u32 words and u64 limbs; `io` is the IO region's limb index. */
export interface Hot {
  exports: WasmExports;
  words: Uint32Array;
  limbs: BigUint64Array;
  io: number;
}

/** What the hot readers need: memory (or a copy of it) as u32 words and as u64 limbs over one buffer. */
export interface LimbViews {
  words: Uint32Array;
  limbs: BigUint64Array;
}

/** The hot views (the same object, its views refreshed in place when memory grows). */
export function hotCore(): Hot {
  return getCore().hot;
}

const MASK64 = /* @__PURE__ */ BigInt("0xffffffffffffffff");
const MIN64 = /* @__PURE__ */ BigInt("-18446744073709551616"); // -2^64
const MAX128 = /* @__PURE__ */ BigInt("0xffffffffffffffffffffffffffffffff");
const _64 = /* @__PURE__ */ BigInt(64);
const _128 = /* @__PURE__ */ BigInt(128);
const _192 = /* @__PURE__ */ BigInt(192);
const _0 = /* @__PURE__ */ BigInt(0);

// ---------------------------------------------------------------- writes (region + limb index)

/** Writes a value in [-2^127, 2^128) (an int128 as two's complement) at io[at..at+1]. */
export function w128(io: BigUint64Array, at: number, v: bigint): void {
  if (v >= _0 && v <= MASK64) {
    io[at] = v;
    io[at + 1] = _0;
  } else {
    io[at] = v; // BigUint64Array stores v mod 2^64
    io[at + 1] = v >> _64;
  }
}

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
  } else if (v < _0 && v >= MIN64) {
    // most negative amounts (exact-output swaps): the low limb and a sign fill, no shifts
    io[at] = v;
    io[at + 1] = MASK64;
    io[at + 2] = MASK64;
    io[at + 3] = MASK64;
  } else {
    io[at] = v;
    io[at + 1] = v >> _64;
    io[at + 2] = v >> _128;
    io[at + 3] = v >> _192;
  }
}

// ---------------------------------------------------------------- reads (region + limb index)

/** Reads two limbs (a uint128) from io[at..at+1]. */
export function r128(io: BigUint64Array, at: number, io32?: Uint32Array): bigint {
  if (io32 !== undefined) {
    const k = at * 2;
    if ((io32[k + 2] | io32[k + 3]) === 0) return io[at];
  }
  const hi = io[at + 1];
  return hi === _0 ? io[at] : (hi << _64) | io[at];
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

/** Reads an int256 (two's complement) from io[at..at+3]. */
export function rInt256(io: BigUint64Array, at: number, io32?: Uint32Array): bigint {
  return BigInt.asIntN(256, r256(io, at, io32));
}

/** Reads a limb holding a sign-extended i32 (a tick, a fee, a bit index, a flag) as a number, without a bigint. */
export function rI32(io32: Uint32Array, at: number): number {
  return io32[2 * at] | 0;
}

// ---------------------------------------------------------------- hot paths (whole memory + limb index)

const TWO32 = 4294967296;
const TWO64N = /* @__PURE__ */ BigInt("0x10000000000000000");

/** Writes an int256/uint256 (two's complement) at limb index `at` of memory. */
export function putFast(c: Hot, at: number, v: bigint): void {
  if (v > -9007199254740992n && v < 9007199254740992n) {
    const w = c.words;
    const n = Number(v);
    const hi = Math.floor(n / TWO32);
    const i = 2 * at;
    w[i] = n - hi * TWO32;
    w[i + 1] = hi >>> 0;
    const fill = n < 0 ? 0xffffffff : 0;
    w[i + 2] = fill; w[i + 3] = fill; w[i + 4] = fill; w[i + 5] = fill; w[i + 6] = fill; w[i + 7] = fill;
    return;
  }
  if (v >= -TWO64N && v < TWO64N) {
    // one limb and its sign fill (the store keeps v mod 2^64, the two's complement low limb)
    c.limbs[at] = v;
    const fill = v < 0n ? 0xffffffff : 0;
    const w = c.words, i = 2 * at;
    w[i + 2] = fill; w[i + 3] = fill; w[i + 4] = fill; w[i + 5] = fill; w[i + 6] = fill; w[i + 7] = fill;
    return;
  }
  w256(c.limbs, at, v);
}

/** Reads an unsigned value of `n` limbs at limb index `at` of memory. */
export function getFast(c: LimbViews, at: number, n: number): bigint {
  const w = c.words, limbs = c.limbs;
  const i = 2 * at;
  let top = i + 2 * n - 1;
  while (top > i + 1 && w[top] === 0) top--;
  if (top === i + 1) {
    const hi = w[i + 1], lo = w[i];
    if ((hi | lo) === 0) return 0n;
    return hi < 0x200000 ? BigInt(hi * TWO32 + lo) : limbs[at];
  }
  if (top <= i + 3) return (limbs[at + 1] << 64n) | limbs[at];
  if (top <= i + 5) return (limbs[at + 2] << 128n) | (limbs[at + 1] << 64n) | limbs[at];
  return (limbs[at + 3] << 192n) | (limbs[at + 2] << 128n) | (limbs[at + 1] << 64n) | limbs[at];
}

/** Reads an int256 (two's complement) at limb index `at` of memory. */
export function getIntFast(c: LimbViews, at: number): bigint {
  const w = c.words;
  const i = 2 * at;
  if (w[i + 7] < 0x80000000) return getFast(c, at, 4);
  // negative: when every word above the low 53 bits is all ones it is a small number; when the
  // top three limbs are all ones it is the low limb minus 2^64 (most output amounts)
  if (w[i + 7] === 0xffffffff && w[i + 6] === 0xffffffff && w[i + 5] === 0xffffffff && w[i + 4] === 0xffffffff && w[i + 3] === 0xffffffff && w[i + 2] === 0xffffffff) {
    if (w[i + 1] >= 0xffe00000) return BigInt((w[i + 1] - TWO32) * TWO32 + w[i]);
    return c.limbs[at] - TWO64N;
  }
  return BigInt.asIntN(256, getFast(c, at, 4));
}

// ---------------------------------------------------------------- batch regions

/** Typed views of the batch regions (assembly/mathExports.ts BATCH_IN / BATCH_OUT). */
export type BatchViews = NonNullable<Core["batch"]>;

/** The core plus views of its batch regions, made once per memory buffer (in the one cache). */
export function batchCore(): { core: Core; b: BatchViews } {
  const c = getCore();
  let b = c.batch;
  if (b === undefined) {
    const buffer = c.memory.buffer;
    const inPtr = c.exports.batchInPtr() as number, outPtr = c.exports.batchOutPtr() as number;
    b = c.batch = {
      cap: BATCH_CAP,
      in64: new BigUint64Array(buffer, inPtr, BATCH_IN_WORDS),
      in32: new Int32Array(buffer, inPtr, 2 * BATCH_IN_WORDS),
      out64: new BigUint64Array(buffer, outPtr, BATCH_OUT_WORDS),
      out32: new Int32Array(buffer, outPtr, 2 * BATCH_OUT_WORDS),
    };
  }
  return { core: c, b };
}
