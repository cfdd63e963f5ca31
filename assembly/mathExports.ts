// ABI shims for the math libraries (re-exported by index.ts). Each reads its
// wide arguments from the IO scratch region (u64 limbs, see io.ts), calls the
// library, writes the result back to IO and returns an error code (0 = ok).
// Small arguments (ticks, pips, flags) are plain i32 parameters. The IO
// layout of each export is in its doc line: IO[i..j] are limbs, least
// significant first; a uint160 takes 3 limbs, a uint128/int128 2, a uint256/int256 4.
//
// Batch exports work on a separate static region (BATCH_IN / BATCH_OUT, room for
// BATCH_CAP items) so hot loops cross the JS/Wasm boundary once per chunk.

import { ioGet, ioSet } from "./io";
import { OK } from "./errors";
import { BATCH_CAP } from "./layout";
import {
  add256, cmp256, divRem256, h0, h1, h2, h3, m0, m1, m2, m3, mul256, mul512, neg256, r0, r1, r2, r3, reciprocalWord, sar256, setR, shl256, shr256, sub256,
} from "./libraries/U256";
import { mulDiv, mulDivRoundingUp } from "./libraries/FullMath";
import { getSqrtRatioAtTick, getTickAtSqrtRatio, tickResult } from "./libraries/TickMath";
import {
  getAmount0Delta,
  getAmount0DeltaSigned,
  getAmount1Delta,
  getAmount1DeltaSigned,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
} from "./libraries/SqrtPriceMath";
import {
  amountIn_0, amountIn_1, amountIn_2, amountIn_3,
  amountOut_0, amountOut_1, amountOut_2, amountOut_3,
  computeSwapStep,
  feeAmount_0, feeAmount_1, feeAmount_2, feeAmount_3,
  sqrtRatioNextX96_0, sqrtRatioNextX96_1, sqrtRatioNextX96_2,
} from "./libraries/SwapMath";
import { feePips } from "./libraries/FeeCurve";
import { toInt128, toInt256, toUint160 } from "./libraries/SafeCast";
import { leastSignificantBit, mostSignificantBit } from "./libraries/BitMath";
import { advancePremiumIndexX64, premiumIndexDeltaX64RoundingUp } from "./libraries/PremiumWalk";

// @ts-ignore: decorator
@inline function outR(at: i32): void {
  ioSet(at, r0);
  ioSet(at + 1, r1);
  ioSet(at + 2, r2);
  ioSet(at + 3, r3);
}

// ---------------------------------------------------------------- FullMath

/** FullMath.mulDiv: IO[0..3] = a, IO[4..7] = b, IO[8..11] = denominator -> IO[0..3]. */
export function fullMathMulDiv(): i32 {
  const e = mulDiv(ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6), ioGet(7), ioGet(8), ioGet(9), ioGet(10), ioGet(11));
  if (e != OK) return e;
  outR(0);
  return OK;
}

/** FullMath.mulDivRoundingUp: IO as fullMathMulDiv. */
export function fullMathMulDivRoundingUp(): i32 {
  const e = mulDivRoundingUp(ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6), ioGet(7), ioGet(8), ioGet(9), ioGet(10), ioGet(11));
  if (e != OK) return e;
  outR(0);
  return OK;
}

// ---------------------------------------------------------------- TickMath

/** TickMath.getSqrtRatioAtTick(tick) -> IO[0..2] (uint160). */
export function tickMathGetSqrtRatioAtTick(tick: i32): i32 {
  const e = getSqrtRatioAtTick(tick);
  if (e != OK) return e;
  ioSet(0, r0);
  ioSet(1, r1);
  ioSet(2, r2);
  return OK;
}

/** Added to an error code by exports that return a tick, so the two never collide. */
export const TICK_ERROR_BASE: i32 = 0x40000000;

/**
 * TickMath.getTickAtSqrtRatio: IO[0..2] = sqrtPriceX96 (uint160). Returns the tick, or
 * TICK_ERROR_BASE + error code (ticks are within +-887272).
 */
export function tickMathGetTickAtSqrtRatio(): i32 {
  const e = getTickAtSqrtRatio(ioGet(0), ioGet(1), ioGet(2), 0);
  return e != OK ? TICK_ERROR_BASE + e : tickResult;
}

// ---------------------------------------------------------------- SqrtPriceMath

/** SqrtPriceMath.getNextSqrtPriceFromInput: IO[0..2] = sqrtPX96, IO[3..4] = liquidity, IO[5..8] = amountIn -> IO[0..2]. */
export function sqrtPriceMathGetNextSqrtPriceFromInput(zeroForOne: i32): i32 {
  const e = getNextSqrtPriceFromInput(ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6), ioGet(7), ioGet(8), zeroForOne != 0);
  if (e != OK) return e;
  ioSet(0, r0);
  ioSet(1, r1);
  ioSet(2, r2);
  return OK;
}

/** SqrtPriceMath.getNextSqrtPriceFromOutput: IO as the input form, IO[5..8] = amountOut. */
export function sqrtPriceMathGetNextSqrtPriceFromOutput(zeroForOne: i32): i32 {
  const e = getNextSqrtPriceFromOutput(ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6), ioGet(7), ioGet(8), zeroForOne != 0);
  if (e != OK) return e;
  ioSet(0, r0);
  ioSet(1, r1);
  ioSet(2, r2);
  return OK;
}

/** SqrtPriceMath.getAmount0Delta: IO[0..2] = sqrtRatioAX96, IO[3..5] = sqrtRatioBX96, IO[6..7] = liquidity -> IO[0..3]. */
export function sqrtPriceMathGetAmount0Delta(roundUp: i32): i32 {
  const e = getAmount0Delta(ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6), ioGet(7), roundUp != 0);
  if (e != OK) return e;
  outR(0);
  return OK;
}

/** SqrtPriceMath.getAmount1Delta: IO as sqrtPriceMathGetAmount0Delta. */
export function sqrtPriceMathGetAmount1Delta(roundUp: i32): i32 {
  const e = getAmount1Delta(ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6), ioGet(7), roundUp != 0);
  if (e != OK) return e;
  outR(0);
  return OK;
}

/** SqrtPriceMath.getAmount0Delta (int128 overload): IO as above with IO[6..7] = int128 liquidity -> IO[0..3] int256. */
export function sqrtPriceMathGetAmount0DeltaSigned(): i32 {
  const e = getAmount0DeltaSigned(ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6), ioGet(7));
  if (e != OK) return e;
  outR(0);
  return OK;
}

/** SqrtPriceMath.getAmount1Delta (int128 overload): IO as sqrtPriceMathGetAmount0DeltaSigned. */
export function sqrtPriceMathGetAmount1DeltaSigned(): i32 {
  const e = getAmount1DeltaSigned(ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6), ioGet(7));
  if (e != OK) return e;
  outR(0);
  return OK;
}

// ---------------------------------------------------------------- SwapMath

/**
 * SwapMath.computeSwapStep: IO[0..2] = sqrtRatioCurrentX96, IO[3..5] = sqrtRatioTargetX96,
 * IO[6..7] = liquidity, IO[8..11] = |amountRemaining| with `negative` its sign (so small negative
 * amounts cross the boundary as small numbers)
 * -> IO[0..3] = sqrtRatioNextX96, IO[4..7] = amountIn, IO[8..11] = amountOut, IO[12..15] = feeAmount.
 * Returns an error code, 0, or STEP_REACHED_TARGET (success, sqrtRatioNextX96 == sqrtRatioTargetX96).
 */
export function swapMathComputeSwapStep(feePips: i32, negative: i32): i32 {
  const t0 = ioGet(3), t1 = ioGet(4), t2 = ioGet(5);
  let a0 = ioGet(8), a1 = ioGet(9), a2 = ioGet(10), a3 = ioGet(11);
  if (negative != 0) {
    neg256(a0, a1, a2, a3);
    a0 = r0;
    a1 = r1;
    a2 = r2;
    a3 = r3;
  }
  const e = computeSwapStep(ioGet(0), ioGet(1), ioGet(2), t0, t1, t2, ioGet(6), ioGet(7), a0, a1, a2, a3, <u32>feePips);
  if (e != OK) return e;
  ioSet(0, sqrtRatioNextX96_0);
  ioSet(1, sqrtRatioNextX96_1);
  ioSet(2, sqrtRatioNextX96_2);
  ioSet(3, 0);
  ioSet(4, amountIn_0);
  ioSet(5, amountIn_1);
  ioSet(6, amountIn_2);
  ioSet(7, amountIn_3);
  ioSet(8, amountOut_0);
  ioSet(9, amountOut_1);
  ioSet(10, amountOut_2);
  ioSet(11, amountOut_3);
  ioSet(12, feeAmount_0);
  ioSet(13, feeAmount_1);
  ioSet(14, feeAmount_2);
  ioSet(15, feeAmount_3);
  // Success; STEP_REACHED_TARGET tells the caller it may reuse the target it passed
  // (saves rebuilding a wide value on the JS side, the common case in swap loops).
  return sqrtRatioNextX96_0 == t0 && sqrtRatioNextX96_1 == t1 && sqrtRatioNextX96_2 == t2 ? STEP_REACHED_TARGET : OK;
}

/** Returned by swapMathComputeSwapStep instead of 0 when the step ended at its target price. */
export const STEP_REACHED_TARGET: i32 = 0x100;

// ---------------------------------------------------------------- FeeCurve

/** FeeCurve.feePips: IO[0..1] = reserved, IO[2..3] = provided (uint128). Returns the fee, or -error code. */
export function feeCurveFeePips(minFeePips: i32, midFeePips: i32, maxFeePips: i32): i32 {
  return feePips(ioGet(0), ioGet(1), ioGet(2), ioGet(3), <u32>minFeePips, <u32>midFeePips, <u32>maxFeePips);
}

// ---------------------------------------------------------------- U256 (for tests)

/**
 * One U256 operation on a = IO[0..3], b = IO[4..7] (or the shift count n), for the property tests:
 * op 0 add256, 1 sub256, 2 mul256, 3 mul512 (high half -> IO[4..7]), 4 neg256, 5 shl256, 6 shr256,
 * 7 sar256, 8 cmp256 (returned), 9 divRem256 (remainder -> IO[4..7]), 10 reciprocalWord(a0 | 2^63).
 * Result -> IO[0..3];
 * returns the carry / borrow / overflow / ok flag (0 or 1), or the compare result.
 */
export function u256(op: i32, n: i32): i32 {
  const a0 = ioGet(0), a1 = ioGet(1), a2 = ioGet(2), a3 = ioGet(3);
  const b0 = ioGet(4), b1 = ioGet(5), b2 = ioGet(6), b3 = ioGet(7);
  let flag: i32 = 0;
  switch (op) {
    case 0: flag = <i32>add256(a0, a1, a2, a3, b0, b1, b2, b3); break;
    case 1: flag = <i32>sub256(a0, a1, a2, a3, b0, b1, b2, b3); break;
    case 2: flag = <i32>mul256(a0, a1, a2, a3, b0, b1, b2, b3); break;
    case 3: {
      mul512(a0, a1, a2, a3, b0, b1, b2, b3);
      ioSet(4, h0);
      ioSet(5, h1);
      ioSet(6, h2);
      ioSet(7, h3);
      break;
    }
    case 4: neg256(a0, a1, a2, a3); break;
    case 5: shl256(a0, a1, a2, a3, <u32>n); break;
    case 6: shr256(a0, a1, a2, a3, <u32>n); break;
    case 7: sar256(a0, a1, a2, a3, <u32>n); break;
    case 8: return cmp256(a0, a1, a2, a3, b0, b1, b2, b3);
    case 9: {
      flag = <i32>divRem256(a0, a1, a2, a3, b0, b1, b2, b3);
      if (flag == 0) return 0;
      ioSet(4, m0);
      ioSet(5, m1);
      ioSet(6, m2);
      ioSet(7, m3);
      break;
    }
    case 10: {
      // the reciprocal of a normalised divisor (top bit of a0 forced), against udiv128's
      setR(reciprocalWord(a0 | (<u64>1 << 63)), 0, 0, 0);
      break;
    }
    default: return -1;
  }
  outR(0);
  return flag;
}

// ---------------------------------------------------------------- SafeCast, BitMath
// (no public bindings: the pool engine calls these in Wasm; the exports let tests reach them)

/** SafeCast.toUint160 (which = 0), toInt128 (1) or toInt256 (2): IO[0..3] = y -> IO[0..3]. */
export function safeCast(which: i32): i32 {
  const y0 = ioGet(0), y1 = ioGet(1), y2 = ioGet(2), y3 = ioGet(3);
  const e = which == 0 ? toUint160(y0, y1, y2, y3) : which == 1 ? toInt128(y0, y1, y2, y3) : toInt256(y0, y1, y2, y3);
  if (e != OK) return e;
  outR(0);
  return OK;
}

/** BitMath.mostSignificantBit (which = 0) or leastSignificantBit (1) of IO[0..3]; -1 for zero. */
export function bitMath(which: i32): i32 {
  return which == 0
    ? mostSignificantBit(ioGet(0), ioGet(1), ioGet(2), ioGet(3))
    : leastSignificantBit(ioGet(0), ioGet(1), ioGet(2), ioGet(3));
}

// ---------------------------------------------------------------- batches

/** Items per batch call (the bindings read this export). */
export { BATCH_CAP };
/** Batch input: up to 8 u64 words per item. */
const BATCH_IN: usize = memory.data(1024 * 8 * 8, 16);
/** Batch output: up to 4 u64 words per item. */
const BATCH_OUT: usize = memory.data(1024 * 4 * 8, 16);

/** Address of the batch input region. */
export function batchInPtr(): usize {
  return BATCH_IN;
}

/** Address of the batch output region. */
export function batchOutPtr(): usize {
  return BATCH_OUT;
}

// On failure a batch export returns the error code and writes the failing item's index to IO[0].
// A count above BATCH_CAP is clamped to it (the regions hold no more), so a wrong count from a
// raw caller cannot write outside them.
// @ts-ignore: decorator
@inline function batchCount(n: i32): i32 {
  return n < 0 ? 0 : n > BATCH_CAP ? BATCH_CAP : n;
}

// @ts-ignore: decorator
@inline function batchFail(i: i32, e: i32): i32 {
  ioSet(0, <u64>i);
  return e;
}

/** getSqrtRatioAtTick over n ticks: BATCH_IN = i32 ticks -> BATCH_OUT = 3 limbs per item. */
export function tickMathGetSqrtRatioAtTickBatch(n: i32): i32 {
  n = batchCount(n);
  for (let i = 0; i < n; i++) {
    const e = getSqrtRatioAtTick(load<i32>(BATCH_IN + (<usize>i << 2)));
    if (e != OK) return batchFail(i, e);
    const out = BATCH_OUT + <usize>i * 24;
    store<u64>(out, r0);
    store<u64>(out, r1, 8);
    store<u64>(out, r2, 16);
  }
  return OK;
}

/** getTickAtSqrtRatio over n prices: BATCH_IN = 3 limbs per price -> BATCH_OUT = i32 ticks. */
export function tickMathGetTickAtSqrtRatioBatch(n: i32): i32 {
  n = batchCount(n);
  for (let i = 0; i < n; i++) {
    const p = BATCH_IN + <usize>i * 24;
    const e = getTickAtSqrtRatio(load<u64>(p), load<u64>(p, 8), load<u64>(p, 16), 0);
    if (e != OK) return batchFail(i, e);
    store<i32>(BATCH_OUT + (<usize>i << 2), tickResult);
  }
  return OK;
}

/**
 * getAmount0Delta over n items: BATCH_IN = 8 words per item (sqrtRatioAX96 3 limbs, sqrtRatioBX96
 * 3 limbs, liquidity 2 limbs) -> BATCH_OUT = 4 limbs per item.
 */
export function sqrtPriceMathGetAmount0DeltaBatch(n: i32, roundUp: i32): i32 {
  n = batchCount(n);
  for (let i = 0; i < n; i++) {
    const p = BATCH_IN + (<usize>i << 6);
    const e = getAmount0Delta(
      load<u64>(p), load<u64>(p, 8), load<u64>(p, 16), load<u64>(p, 24), load<u64>(p, 32), load<u64>(p, 40),
      load<u64>(p, 48), load<u64>(p, 56), roundUp != 0,
    );
    if (e != OK) return batchFail(i, e);
    const out = BATCH_OUT + (<usize>i << 5);
    store<u64>(out, r0);
    store<u64>(out, r1, 8);
    store<u64>(out, r2, 16);
    store<u64>(out, r3, 24);
  }
  return OK;
}

/** getAmount1Delta over n items: layout as sqrtPriceMathGetAmount0DeltaBatch. */
export function sqrtPriceMathGetAmount1DeltaBatch(n: i32, roundUp: i32): i32 {
  n = batchCount(n);
  for (let i = 0; i < n; i++) {
    const p = BATCH_IN + (<usize>i << 6);
    getAmount1Delta(
      load<u64>(p), load<u64>(p, 8), load<u64>(p, 16), load<u64>(p, 24), load<u64>(p, 32), load<u64>(p, 40),
      load<u64>(p, 48), load<u64>(p, 56), roundUp != 0,
    );
    const out = BATCH_OUT + (<usize>i << 5);
    store<u64>(out, r0);
    store<u64>(out, r1, 8);
    store<u64>(out, r2, 16);
    store<u64>(out, r3, 24);
  }
  return OK;
}

// ---------------------------------------------------------------- ReferencePrice

import { meanTick, oracleSqrtPriceX96, sqrt, twapTick } from "./libraries/ReferencePrice";

/**
 * ReferencePrice.oracleSqrtPriceX96: IO[0..3] = answer0, IO[4..7] = answer1 (uint256), decimals
 * as parameters -> IO[0..2] (uint160).
 */
export function referencePriceOracleSqrtPriceX96(feedDecimals0: i32, tokenDecimals0: i32, feedDecimals1: i32, tokenDecimals1: i32): i32 {
  const e = oracleSqrtPriceX96(
    ioGet(0), ioGet(1), ioGet(2), ioGet(3), <u32>feedDecimals0, <u32>tokenDecimals0,
    ioGet(4), ioGet(5), ioGet(6), ioGet(7), <u32>feedDecimals1, <u32>tokenDecimals1,
  );
  if (e != OK) return e;
  ioSet(0, r0);
  ioSet(1, r1);
  ioSet(2, r2);
  return OK;
}

/**
 * ReferencePrice.twapTick: IO[0] = tickCumulativeStart, IO[1] = tickCumulativeEnd (int56 as
 * two's complement u64), window (uint32) as a parameter. Returns the tick, or TICK_ERROR_BASE + error code.
 */
export function referencePriceTwapTick(window: i32): i32 {
  const e = twapTick(<i64>ioGet(0), <i64>ioGet(1), <u32>window);
  return e != OK ? TICK_ERROR_BASE + e : meanTick;
}

/** ReferencePrice.sqrt: IO[0..3] = x (uint256) -> IO[0..3]. */
export function referencePriceSqrt(): i32 {
  sqrt(ioGet(0), ioGet(1), ioGet(2), ioGet(3));
  outR(0);
  return OK;
}

// ---------------------------------------------------------------- PremiumWalk (the premium index arithmetic)

/** PremiumWalk.premiumIndexDeltaX64RoundingUp: IO[0..3] = borrowIndexStartX64, IO[4..7] = borrowIndexEndX64 -> IO[0..3]. */
export function premiumWalkPremiumIndexDeltaX64RoundingUp(): i32 {
  const e = premiumIndexDeltaX64RoundingUp(ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6), ioGet(7));
  if (e != OK) return e;
  outR(0);
  return OK;
}

/**
 * PremiumWalk.advancePremiumIndexX64: IO[0..1] = indexX64 (uint128), IO[2..3] = borrowIndexLow (uint120),
 * IO[4..7] = borrowIndexNowX64 -> IO[0..1] (uint128).
 */
export function premiumWalkAdvancePremiumIndexX64(): i32 {
  const e = advancePremiumIndexX64(ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6), ioGet(7));
  if (e != OK) return e;
  ioSet(0, r0);
  ioSet(1, r1);
  return OK;
}
