/**
 * TickMath: ticks <-> Q64.96 sqrt prices, exact as Uniswap V3's TickMath.
 * Twin of contracts/libraries/TickMath.sol; Wasm in assembly/libraries/TickMath.ts.
 * @module
 */
import { check, trapError } from "./call.js";
import { aBigint, aInt, MAX_UINT160 } from "./convert.js";
import { InvalidArgumentTypeError, throwCode } from "./errors.js";
import { batchCore, core, r160, rI32, w160 } from "./_io.js";

/**
 * The minimum tick, from log base 1.0001 of 2^-128.
 * @example
 * import { MIN_TICK, TickMath } from "itos-core";
 * MIN_TICK; // -887272 (also TickMath.MIN_TICK)
 */
export const MIN_TICK = -887272;
/**
 * The maximum tick, from log base 1.0001 of 2^128.
 * @example
 * import { MAX_TICK } from "itos-core";
 * MAX_TICK; // 887272
 */
export const MAX_TICK = 887272;
/**
 * getSqrtRatioAtTick(MIN_TICK): the lowest sqrt price a pool can have.
 * @example
 * import { MIN_SQRT_RATIO } from "itos-core";
 * MIN_SQRT_RATIO; // 4295128739n
 */
export const MIN_SQRT_RATIO = /* @__PURE__ */ BigInt("4295128739");
/**
 * getSqrtRatioAtTick(MAX_TICK): one above the highest sqrt price getTickAtSqrtRatio accepts.
 * @example
 * import { init, MAX_SQRT_RATIO, TickMath } from "itos-core";
 * await init();
 * TickMath.getTickAtSqrtRatio(MAX_SQRT_RATIO - 1n); // 887271
 */
export const MAX_SQRT_RATIO = /* @__PURE__ */ BigInt("1461446703485210103287273052203988822378723970342");

/** Errors the TickMath functions can throw. */
export type TickMathErrorType =
  | import("./errors.js").InvalidTickError
  | import("./errors.js").InvalidSqrtPriceError
  | import("./errors.js").InvalidArgumentTypeError
  | import("./errors.js").ValueOutOfRangeError
  | import("./errors.js").WasmNotLoadedError;

// int24: the Solidity parameter type. Inside it, |tick| > MAX_TICK is InvalidTick (Uniswap `T`).
const INT24_MIN = -(2 ** 23), INT24_MAX = 2 ** 23 - 1;

/**
 * sqrt(1.0001^tick) * 2^96 as a Q64.96 uint160.
 * @param tick an integer in [MIN_TICK, MAX_TICK]
 * @throws InvalidTickError when |tick| > 887272; InvalidArgumentTypeError for a non-integer;
 *   ValueOutOfRangeError outside int24.
 * @example
 * import { init, TickMath } from "itos-core";
 * await init();
 * TickMath.getSqrtRatioAtTick(0); // 79228162514264337593543950336n
 * TickMath.getSqrtRatioAtTick(TickMath.MIN_TICK); // 4295128739n
 */
export function getSqrtRatioAtTick(tick: number): bigint {
  aInt(tick, INT24_MIN, INT24_MAX, "tick", "TickMath.getSqrtRatioAtTick");
  const { exports, io, io32 } = core();
  try {
    check(exports.tickMathGetSqrtRatioAtTick(tick), "TickMath.getSqrtRatioAtTick");
  } catch (e) {
    throw trapError(e, "TickMath.getSqrtRatioAtTick");
  }
  return r160(io, 0, io32);
}

/**
 * The greatest tick whose sqrt price is <= sqrtPriceX96.
 * @param sqrtPriceX96 a uint160 in [MIN_SQRT_RATIO, MAX_SQRT_RATIO)
 * @throws InvalidSqrtPriceError outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO); InvalidArgumentTypeError for a
 *   non-bigint; ValueOutOfRangeError outside uint160.
 * @example
 * import { init, TickMath } from "itos-core";
 * await init();
 * TickMath.getTickAtSqrtRatio(79228162514264337593543950336n); // 0
 * TickMath.getTickAtSqrtRatio(TickMath.MAX_SQRT_RATIO - 1n); // 887271
 */
export function getTickAtSqrtRatio(sqrtPriceX96: bigint): number {
  aBigint(sqrtPriceX96, 0n, MAX_UINT160, "sqrtPriceX96", "TickMath.getTickAtSqrtRatio");
  const { exports, io, io32 } = core();
  w160(io, 0, sqrtPriceX96);
  let code: number;
  try {
    code = exports.tickMathGetTickAtSqrtRatio() as number;
  } catch (e) {
    throw trapError(e, "TickMath.getTickAtSqrtRatio");
  }
  if (code !== 0) throwCode(code, "TickMath.getTickAtSqrtRatio");
  return rI32(io32, 0);
}

/**
 * getSqrtRatioAtTick for many ticks in one pass through Wasm (one boundary crossing per 1024 ticks).
 * @param ticks ticks in [MIN_TICK, MAX_TICK] (an Int32Array, or an array of integers)
 * @returns the sqrt prices, in input order
 * @throws InvalidTickError naming the first bad index; InvalidArgumentTypeError for a non-integer entry.
 * @example
 * import { init, TickMath } from "itos-core";
 * await init();
 * TickMath.getSqrtRatioAtTickBatch(Int32Array.of(-1, 0, 1));
 * // [79224201403219477170569942574n, 79228162514264337593543950336n, 79232123823359799118286999568n]
 */
export function getSqrtRatioAtTickBatch(ticks: Int32Array | readonly number[]): bigint[] {
  const fn = "TickMath.getSqrtRatioAtTickBatch";
  if (!(ticks instanceof Int32Array) && !Array.isArray(ticks)) {
    throw new InvalidArgumentTypeError(`${fn}: ticks must be an Int32Array or an array of numbers`);
  }
  const { core, b } = batchCore();
  const n = ticks.length;
  const out: bigint[] = new Array(n);
  const o = b.out64;
  for (let start = 0; start < n; start += b.cap) {
    const m = Math.min(b.cap, n - start);
    if (ticks instanceof Int32Array) {
      b.in32.set(ticks.subarray(start, start + m));
    } else {
      for (let i = 0; i < m; i++) b.in32[i] = aInt(ticks[start + i], INT24_MIN, INT24_MAX, `ticks[${start + i}]`, fn);
    }
    let e: number;
    try {
      e = core.exports.tickMathGetSqrtRatioAtTickBatch(m) as number;
    } catch (err) {
      throw trapError(err, fn);
    }
    if (e !== 0) throwCode(e, `${fn}: ticks[${start + Number(core.io[0])}]`);
    for (let i = 0, k = 0; i < m; i++, k += 3) {
      const l2 = o[k + 2], l1 = o[k + 1];
      out[start + i] = l2 !== 0n ? (l2 << 128n) | (l1 << 64n) | o[k] : l1 !== 0n ? (l1 << 64n) | o[k] : o[k];
    }
  }
  return out;
}

/**
 * getSqrtRatioAtTick for many ticks, as limbs: no bigint is created, so this is the fastest form
 * for hot loops that can work on limbs (or convert only the prices they need with {@link priceFromLimbs}).
 * @param ticks ticks in [MIN_TICK, MAX_TICK]
 * @param out optional destination with room for `3 * ticks.length` limbs (reused across calls)
 * @returns `out` (or a new array): price i is limbs [3i, 3i+1, 3i+2], least significant first
 * @throws InvalidTickError naming the first bad index; InvalidArgumentTypeError for a bad argument.
 * @example
 * import { init, TickMath } from "itos-core";
 * await init();
 * const limbs = TickMath.getSqrtRatioAtTickBatchLimbs(Int32Array.of(0, 1));
 * TickMath.priceFromLimbs(limbs, 1); // 79232123823359799118286999568n
 */
export function getSqrtRatioAtTickBatchLimbs(ticks: Int32Array, out?: BigUint64Array): BigUint64Array {
  const fn = "TickMath.getSqrtRatioAtTickBatchLimbs";
  if (!(ticks instanceof Int32Array)) throw new InvalidArgumentTypeError(`${fn}: ticks must be an Int32Array`);
  const n = ticks.length;
  if (out === undefined) out = new BigUint64Array(3 * n);
  else if (!(out instanceof BigUint64Array) || out.length < 3 * n) {
    throw new InvalidArgumentTypeError(`${fn}: out must be a BigUint64Array with room for ${3 * n} limbs`);
  }
  const { core, b } = batchCore();
  for (let start = 0; start < n; start += b.cap) {
    const m = Math.min(b.cap, n - start);
    b.in32.set(ticks.subarray(start, start + m));
    let e: number;
    try {
      e = core.exports.tickMathGetSqrtRatioAtTickBatch(m) as number;
    } catch (err) {
      throw trapError(err, fn);
    }
    if (e !== 0) throwCode(e, `${fn}: ticks[${start + Number(core.io[0])}]`);
    out.set(b.out64.subarray(0, 3 * m), 3 * start);
  }
  return out;
}

/**
 * The price at `index` of a limb array from {@link getSqrtRatioAtTickBatchLimbs}, as a bigint.
 * @example
 * import { init, TickMath } from "itos-core";
 * await init();
 * TickMath.priceFromLimbs(TickMath.getSqrtRatioAtTickBatchLimbs(Int32Array.of(0)), 0); // 79228162514264337593543950336n
 */
export function priceFromLimbs(limbs: BigUint64Array, index: number): bigint {
  if (!(limbs instanceof BigUint64Array)) throw new InvalidArgumentTypeError("TickMath.priceFromLimbs: limbs must be a BigUint64Array");
  aInt(index, 0, Math.floor(limbs.length / 3) - 1, "index", "TickMath.priceFromLimbs");
  const k = 3 * index;
  const l2 = limbs[k + 2], l1 = limbs[k + 1];
  return l2 !== 0n ? (l2 << 128n) | (l1 << 64n) | limbs[k] : l1 !== 0n ? (l1 << 64n) | limbs[k] : limbs[k];
}

/**
 * getTickAtSqrtRatio for many prices in one pass through Wasm.
 * @param sqrtPricesX96 uint160 sqrt prices, each in [MIN_SQRT_RATIO, MAX_SQRT_RATIO)
 * @returns the ticks, in input order
 * @throws InvalidSqrtPriceError naming the first bad index; InvalidArgumentTypeError / ValueOutOfRangeError
 *   for an entry that is not a uint160 bigint.
 * @example
 * import { init, TickMath } from "itos-core";
 * await init();
 * TickMath.getTickAtSqrtRatioBatch([79228162514264337593543950336n, 4295128739n]); // Int32Array [0, -887272]
 */
export function getTickAtSqrtRatioBatch(sqrtPricesX96: readonly bigint[]): Int32Array {
  const fn = "TickMath.getTickAtSqrtRatioBatch";
  if (!Array.isArray(sqrtPricesX96)) throw new InvalidArgumentTypeError(`${fn}: sqrtPricesX96 must be an array of bigints`);
  const { core, b } = batchCore();
  const n = sqrtPricesX96.length;
  const out = new Int32Array(n);
  for (let start = 0; start < n; start += b.cap) {
    const m = Math.min(b.cap, n - start);
    for (let i = 0; i < m; i++) {
      const p = sqrtPricesX96[start + i];
      if (typeof p !== "bigint" || p < 0n || p > MAX_UINT160) aBigint(p, 0n, MAX_UINT160, `sqrtPricesX96[${start + i}]`, fn);
      w160(b.in64, i * 3, p);
    }
    let e: number;
    try {
      e = core.exports.tickMathGetTickAtSqrtRatioBatch(m) as number;
    } catch (err) {
      throw trapError(err, fn);
    }
    if (e !== 0) throwCode(e, `${fn}: sqrtPricesX96[${start + Number(core.io[0])}]`);
    out.set(b.out32.subarray(0, m), start);
  }
  return out;
}
