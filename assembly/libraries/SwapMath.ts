// Twin of contracts/libraries/SwapMath.sol (Uniswap V3 SwapMath).
// One swap step within a single liquidity range. Limb convention as in
// SqrtPriceMath.ts; the four results are left in the module globals below
// (AssemblyScript returns one value: the error code).

import { E_INVALID_FEE_PARAMS, OK } from "../errors";
import { mulDiv, mulDivRoundingUp } from "./FullMath";
import {
  getAmount0Delta,
  getAmount1Delta,
  getNextSqrtPriceFromInput,
  getNextSqrtPriceFromOutput,
} from "./SqrtPriceMath";
import { cmp256, neg256, sub256 } from "./U256";

const PIPS: u64 = 1_000_000;

import { sqrtRatioNextX96_0, sqrtRatioNextX96_1, sqrtRatioNextX96_2, amountIn_0, amountIn_1, amountIn_2, amountIn_3, amountOut_0, amountOut_1, amountOut_2, amountOut_3, feeAmount_0, feeAmount_1, feeAmount_2, feeAmount_3, r0, r1, r2, r3 } from "../registers";

// @ts-ignore: decorator
@inline function setIn(): void {
  amountIn_0 = r0;
  amountIn_1 = r1;
  amountIn_2 = r2;
  amountIn_3 = r3;
}
// @ts-ignore: decorator
@inline function setOut(): void {
  amountOut_0 = r0;
  amountOut_1 = r1;
  amountOut_2 = r2;
  amountOut_3 = r3;
}

/**
 * Computes the result of swapping some amount in, or out, given the parameters of the swap.
 * The fee, plus the amount in, will never exceed the amount remaining if the swap's
 * `amountRemaining` is positive (exact input).
 * @dev Same steps and rounding as Uniswap's computeSwapStep: inputs round up, outputs down; when
 * exact input stops short of the target, the whole remainder beyond amountIn is the fee.
 * `amountRemaining` is an int256 (two's complement limbs): >= 0 exact input, < 0 exact output
 * (its magnitude is taken as a uint256, so int256.min means 2^255, as in Solidity 0.7).
 * Requires feePips <= 1e6, which every caller guarantees (the binding refuses a larger one, a
 * pool's fee is below 1e6), as the Solidity twin assumes: it computes 1e6 - feePips unchecked.
 * Fails with DivisionByZero when feePips == 1e6 and the fee is computed from amountIn, and with
 * the errors of the SqrtPriceMath sub-steps (PriceZero, InsufficientLiquidity, ...).
 * `known` (Wasm only, for the pool's step cache): the amount that reaches the target, which
 * the step computes first (amountIn for exact input, amountOut for exact output), is already
 * in amountIn_* / amountOut_*, computed by an earlier call with the same price, target and
 * liquidity, so it is not computed again.
 */
export function computeSwapStep(
  c0: u64, c1: u64, c2: u64,
  t0: u64, t1: u64, t2: u64,
  l0: u64, l1: u64,
  ar0: u64, ar1: u64, ar2: u64, ar3: u64,
  feePips: u32,
  known: bool = false,
): i32 {
  const zeroForOne = cmp256(c0, c1, c2, 0, t0, t1, t2, 0) >= 0;
  const exactIn = <i64>ar3 >= 0;
  // |amountRemaining| as a uint256
  let m0 = ar0, m1 = ar1, m2 = ar2, m3 = ar3;
  if (!exactIn) {
    neg256(ar0, ar1, ar2, ar3);
    m0 = r0;
    m1 = r1;
    m2 = r2;
    m3 = r3;
  }
  let n0 = t0, n1 = t1, n2 = t2; // sqrtRatioNextX96
  let e: i32;

  if (exactIn) {
    // cannot fail: the result is at most amountRemaining
    mulDiv(m0, m1, m2, m3, PIPS - <u64>feePips, 0, 0, 0, PIPS, 0, 0, 0);
    const f0 = r0, f1 = r1, f2 = r2, f3 = r3; // amountRemainingLessFee
    if (!known) {
      e = zeroForOne
        ? getAmount0Delta(t0, t1, t2, c0, c1, c2, l0, l1, true)
        : getAmount1Delta(c0, c1, c2, t0, t1, t2, l0, l1, true);
      if (e != OK) return e;
      setIn();
    }
    if (cmp256(f0, f1, f2, f3, amountIn_0, amountIn_1, amountIn_2, amountIn_3) < 0) {
      e = getNextSqrtPriceFromInput(c0, c1, c2, l0, l1, f0, f1, f2, f3, zeroForOne);
      if (e != OK) return e;
      n0 = r0;
      n1 = r1;
      n2 = r2;
    }
  } else {
    if (!known) {
      e = zeroForOne
        ? getAmount1Delta(t0, t1, t2, c0, c1, c2, l0, l1, false)
        : getAmount0Delta(c0, c1, c2, t0, t1, t2, l0, l1, false);
      if (e != OK) return e;
      setOut();
    }
    if (cmp256(m0, m1, m2, m3, amountOut_0, amountOut_1, amountOut_2, amountOut_3) < 0) {
      e = getNextSqrtPriceFromOutput(c0, c1, c2, l0, l1, m0, m1, m2, m3, zeroForOne);
      if (e != OK) return e;
      n0 = r0;
      n1 = r1;
      n2 = r2;
    }
  }

  const max = n0 == t0 && n1 == t1 && n2 == t2;

  // get the input/output amounts
  if (zeroForOne) {
    if (!(max && exactIn)) {
      e = getAmount0Delta(n0, n1, n2, c0, c1, c2, l0, l1, true);
      if (e != OK) return e;
      setIn();
    }
    if (!(max && !exactIn)) {
      getAmount1Delta(n0, n1, n2, c0, c1, c2, l0, l1, false);
      setOut();
    }
  } else {
    if (!(max && exactIn)) {
      getAmount1Delta(c0, c1, c2, n0, n1, n2, l0, l1, true);
      setIn();
    }
    if (!(max && !exactIn)) {
      e = getAmount0Delta(c0, c1, c2, n0, n1, n2, l0, l1, false);
      if (e != OK) return e;
      setOut();
    }
  }

  // cap the output amount to not exceed the remaining output amount
  if (!exactIn && cmp256(amountOut_0, amountOut_1, amountOut_2, amountOut_3, m0, m1, m2, m3) > 0) {
    amountOut_0 = m0;
    amountOut_1 = m1;
    amountOut_2 = m2;
    amountOut_3 = m3;
  }

  if (exactIn && !max) {
    // we didn't reach the target, so take the remainder of the maximum input as fee
    sub256(m0, m1, m2, m3, amountIn_0, amountIn_1, amountIn_2, amountIn_3);
  } else {
    e = mulDivRoundingUp(amountIn_0, amountIn_1, amountIn_2, amountIn_3, <u64>feePips, 0, 0, 0, PIPS - <u64>feePips, 0, 0, 0);
    if (e != OK) return e;
  }
  feeAmount_0 = r0;
  feeAmount_1 = r1;
  feeAmount_2 = r2;
  feeAmount_3 = r3;
  sqrtRatioNextX96_0 = n0;
  sqrtRatioNextX96_1 = n1;
  sqrtRatioNextX96_2 = n2;
  return OK;
}

/**
 * computeSwapStep's results for an exact-input step that reaches its target: what any
 * amountRemaining of at least amountIn + feeAmount gives (Wasm only: the pool's step cache).
 * @dev amountIn and amountOut are the deltas between the two prices, rounded up and down, and
 * feeAmount = mulDivRoundingUp(amountIn, feePips, 1e6 - feePips), as computeSwapStep computes
 * them when `max && exactIn`. Requires feePips < 1e6 (with feePips == 1e6 no amount reaches
 * the target: InvalidFeeParams). Fails as the delta functions do.
 */
export function computeSwapStepToTarget(
  c0: u64, c1: u64, c2: u64,
  t0: u64, t1: u64, t2: u64,
  l0: u64, l1: u64,
  feePips: u32,
): i32 {
  if (<u64>feePips >= PIPS) return E_INVALID_FEE_PARAMS;
  const zeroForOne = cmp256(c0, c1, c2, 0, t0, t1, t2, 0) >= 0;
  let e = zeroForOne
    ? getAmount0Delta(t0, t1, t2, c0, c1, c2, l0, l1, true)
    : getAmount1Delta(c0, c1, c2, t0, t1, t2, l0, l1, true);
  if (e != OK) return e;
  setIn();
  e = zeroForOne
    ? getAmount1Delta(t0, t1, t2, c0, c1, c2, l0, l1, false)
    : getAmount0Delta(c0, c1, c2, t0, t1, t2, l0, l1, false);
  if (e != OK) return e;
  setOut();
  e = mulDivRoundingUp(amountIn_0, amountIn_1, amountIn_2, amountIn_3, <u64>feePips, 0, 0, 0, PIPS - <u64>feePips, 0, 0, 0);
  if (e != OK) return e;
  feeAmount_0 = r0;
  feeAmount_1 = r1;
  feeAmount_2 = r2;
  feeAmount_3 = r3;
  sqrtRatioNextX96_0 = t0;
  sqrtRatioNextX96_1 = t1;
  sqrtRatioNextX96_2 = t2;
  return OK;
}
