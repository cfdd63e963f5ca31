/**
 * SwapMath: one step of a swap within a single liquidity range, as Uniswap V3's SwapMath.
 * @module
 */
import { MAX_INT256, MAX_UINT128, MAX_UINT160, MIN_INT256, PIPS } from "./constants.js";
import { inRange, intInRange } from "./_check.js";
import { mulDiv, mulDivRoundingUp } from "./FullMath.js";
import { getAmount0Delta, getAmount1Delta, getNextSqrtPriceFromInput, getNextSqrtPriceFromOutput } from "./SqrtPriceMath.js";

/** Result of one swap step. All amounts are unsigned token amounts. */
export interface SwapStep {
  /** The price after the step (never past the target). */
  sqrtRatioNextX96: bigint;
  /** Input token paid into the curve, fee excluded. */
  amountIn: bigint;
  /** Output token taken from the curve. */
  amountOut: bigint;
  /** Fee charged on top of `amountIn`, in the input token. */
  feeAmount: bigint;
}

/**
 * Swaps `amountRemaining` (> 0 exact input, < 0 exact output) from `sqrtRatioCurrentX96`
 * towards `sqrtRatioTargetX96` (the direction follows from the two prices) at `feePips`.
 * Inputs round up, outputs down; when exact input stops short of the target, the whole
 * remainder beyond `amountIn` is the fee.
 * @throws The SqrtPriceMath / FullMath errors of its sub-steps (e.g. DivisionByZeroError when feePips == 1e6 and the price reaches the target).
 * @example
 * computeSwapStep(1n << 96n, 79623317895830914510639640423n, 2n * 10n ** 18n, 10n ** 18n, 600);
 * // { sqrtRatioNextX96: 79623317895830914510639640423n, amountIn: 9975124224178055n, amountOut: 9925619580021728n, feeAmount: 5988667735148n }
 */
export function computeSwapStep(
  sqrtRatioCurrentX96: bigint,
  sqrtRatioTargetX96: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: number,
): SwapStep {
  const fn = "SwapMath.computeSwapStep";
  inRange(sqrtRatioCurrentX96, 0n, MAX_UINT160, "sqrtRatioCurrentX96", fn);
  inRange(sqrtRatioTargetX96, 0n, MAX_UINT160, "sqrtRatioTargetX96", fn);
  inRange(liquidity, 0n, MAX_UINT128, "liquidity", fn);
  inRange(amountRemaining, MIN_INT256, MAX_INT256, "amountRemaining", fn);
  intInRange(feePips, 0, PIPS, "feePips", fn);
  const fee = BigInt(feePips);
  const oneMinusFee = BigInt(PIPS) - fee;

  const zeroForOne = sqrtRatioCurrentX96 >= sqrtRatioTargetX96;
  const exactIn = amountRemaining >= 0n;
  let sqrtRatioNextX96: bigint;
  let amountIn = 0n;
  let amountOut = 0n;

  if (exactIn) {
    const amountRemainingLessFee = mulDiv(amountRemaining, oneMinusFee, BigInt(PIPS));
    amountIn = zeroForOne
      ? getAmount0Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, true)
      : getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, true);
    sqrtRatioNextX96 = amountRemainingLessFee >= amountIn
      ? sqrtRatioTargetX96
      : getNextSqrtPriceFromInput(sqrtRatioCurrentX96, liquidity, amountRemainingLessFee, zeroForOne);
  } else {
    amountOut = zeroForOne
      ? getAmount1Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, false)
      : getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, false);
    sqrtRatioNextX96 = -amountRemaining >= amountOut
      ? sqrtRatioTargetX96
      : getNextSqrtPriceFromOutput(sqrtRatioCurrentX96, liquidity, -amountRemaining, zeroForOne);
  }

  const max = sqrtRatioTargetX96 === sqrtRatioNextX96;
  // Reuse the amount computed against the target when the step reached it; otherwise recompute.
  if (zeroForOne) {
    if (!(max && exactIn)) amountIn = getAmount0Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, true);
    if (!(max && !exactIn)) amountOut = getAmount1Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, false);
  } else {
    if (!(max && exactIn)) amountIn = getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, true);
    if (!(max && !exactIn)) amountOut = getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, false);
  }

  // Exact output: never pay out more than asked (the price rounding can overshoot by a unit).
  if (!exactIn && amountOut > -amountRemaining) amountOut = -amountRemaining;

  const feeAmount = exactIn && sqrtRatioNextX96 !== sqrtRatioTargetX96
    ? amountRemaining - amountIn
    : mulDivRoundingUp(amountIn, fee, oneMinusFee);

  return { sqrtRatioNextX96, amountIn, amountOut, feeAmount };
}
