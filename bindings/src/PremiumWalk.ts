/**
 * PremiumWalk: the 2sAMM's time-premium index arithmetic (docs/amm.md, "Time premium"). Over each interval a
 * token's premium index grows by the growth of the money market's borrow index, `ceil((end - start) * 2^64 /
 * start)`: what borrowing one unit at the start and repaying it at the end cost, X64. Twin of
 * contracts/libraries/PremiumWalk.sol (the index functions); Wasm in assembly/libraries/PremiumWalk.ts. The walk
 * over a pool's segments is bindings/src/producers/ (premiumGrowthInside, PremiumLedger).
 * @module
 */
import { check, trapError } from "./call.js";
import { aBigint, MAX_UINT128, MAX_UINT256 } from "./convert.js";
import { core, r128, r256, w128, w256 } from "./_io.js";

/** Largest value PremiumState keeps of a borrow index: its low 120 bits. */
export const MAX_UINT120 = (1n << 120n) - 1n;

/** Arguments of {@link premiumIndexDeltaX64RoundingUp}: the borrow index at an interval's start and end (uint256, X64). */
export type PremiumIndexDeltaX64RoundingUpParameters = [borrowIndexStartX64: bigint, borrowIndexEndX64: bigint];
/** Errors {@link premiumIndexDeltaX64RoundingUp} can throw. */
export type PremiumIndexDeltaX64RoundingUpErrorType =
  | import("./errors.js").MulDivOverflowError
  | import("./errors.js").InvalidArgumentTypeError
  | import("./errors.js").ValueOutOfRangeError
  | import("./errors.js").WasmTrapError
  | import("./errors.js").WasmNotLoadedError;

/** Arguments of {@link advancePremiumIndexX64}. */
export type AdvancePremiumIndexX64Parameters = [indexX64: bigint, borrowIndexLow: bigint, borrowIndexNowX64: bigint];
/** Errors {@link advancePremiumIndexX64} can throw. */
export type AdvancePremiumIndexX64ErrorType =
  | import("./errors.js").SafeCastOverflowError
  | import("./errors.js").MulDivOverflowError
  | import("./errors.js").InvalidArgumentTypeError
  | import("./errors.js").ValueOutOfRangeError
  | import("./errors.js").WasmTrapError
  | import("./errors.js").WasmNotLoadedError;

const DELTA = "PremiumWalk.premiumIndexDeltaX64RoundingUp";
const ADVANCE = "PremiumWalk.advancePremiumIndexX64";

/**
 * Growth of a premium index over an interval in which the money market's borrow index went from
 * `borrowIndexStartX64` to `borrowIndexEndX64`: `ceil((end - start) * 2^64 / start)`, rounded up because it is
 * charged to takers. 0 when the index did not grow, or when `start` is 0 (no money market).
 * @param borrowIndexStartX64 borrow index at the interval's start (uint256, X64: 1.0 = 2^64)
 * @param borrowIndexEndX64 borrow index at its end (uint256, X64)
 * @returns the premium index growth (uint256, X64: "rate x seconds")
 * @throws MulDivOverflowError when the growth exceeds 2^256-1 (a factor 2^192 over one interval);
 *   InvalidArgumentTypeError / ValueOutOfRangeError for an argument that is not a uint256 bigint.
 * @example
 * import { init, PremiumWalk } from "itos-core";
 * await init();
 * // 1% growth of the borrow index: 0.01 x 2^64, rounded up
 * PremiumWalk.premiumIndexDeltaX64RoundingUp(100n << 64n, 101n << 64n); // 184467440737095517n
 */
export function premiumIndexDeltaX64RoundingUp(borrowIndexStartX64: bigint, borrowIndexEndX64: bigint): bigint {
  aBigint(borrowIndexStartX64, 0n, MAX_UINT256, "borrowIndexStartX64", DELTA);
  aBigint(borrowIndexEndX64, 0n, MAX_UINT256, "borrowIndexEndX64", DELTA);
  const { exports, io, io32 } = core();
  w256(io, 0, borrowIndexStartX64);
  w256(io, 4, borrowIndexEndX64);
  try {
    check(exports.premiumWalkPremiumIndexDeltaX64RoundingUp() as number, DELTA);
  } catch (e) {
    throw trapError(e, DELTA);
  }
  return r256(io, 0, io32);
}

/**
 * One token's premium index advanced to the borrow index now, as the pool's accrual does: the borrow index at
 * the last advance is recovered from the low 120 bits the pool keeps (`borrowIndexLow`) as the greatest value
 * `<= borrowIndexNowX64` with those low bits, then the index grows by {@link premiumIndexDeltaX64RoundingUp}.
 * @param indexX64 the premium index (uint128, X64)
 * @param borrowIndexLow the borrow index at the last advance, mod 2^120 (uint120)
 * @param borrowIndexNowX64 the borrow index now (uint256, X64)
 * @returns the advanced premium index (uint128)
 * @throws SafeCastOverflowError when the index leaves 128 bits; MulDivOverflowError as the delta;
 *   InvalidArgumentTypeError / ValueOutOfRangeError for an argument outside its type.
 * @example
 * import { init, PremiumWalk } from "itos-core";
 * await init();
 * PremiumWalk.advancePremiumIndexX64(5n, 100n << 64n, 101n << 64n); // 184467440737095522n
 */
export function advancePremiumIndexX64(indexX64: bigint, borrowIndexLow: bigint, borrowIndexNowX64: bigint): bigint {
  aBigint(indexX64, 0n, MAX_UINT128, "indexX64", ADVANCE);
  aBigint(borrowIndexLow, 0n, MAX_UINT120, "borrowIndexLow", ADVANCE);
  aBigint(borrowIndexNowX64, 0n, MAX_UINT256, "borrowIndexNowX64", ADVANCE);
  const { exports, io, io32 } = core();
  w128(io, 0, indexX64);
  w128(io, 2, borrowIndexLow);
  w256(io, 4, borrowIndexNowX64);
  try {
    check(exports.premiumWalkAdvancePremiumIndexX64() as number, ADVANCE);
  } catch (e) {
    throw trapError(e, ADVANCE);
  }
  return r128(io, 0, io32);
}
