// UniswapV3Pool.swap, step for step, on the 2sAMM's maker and taker liquidity.
// The loop works in the IO region, where its results are read (layout.ts,
// SWAP_*): SwapState's amountSpecifiedRemaining and amountCalculated sit where
// amount0 and amount1 end up, the price, tick, liquidity and fee growth in the
// state block after the swap, and the fee totals after it. A quote leaves the
// pool untouched; a swap copies the state block back and flips the crossed
// ticks' fee growth outside. A failure returns before any write to the pool.

import { E_AMOUNT_SPECIFIED_ZERO, E_INVALID_PRICE_LIMIT, OK } from "../errors";
import { IO } from "../io";
import { lt256, sub256 } from "../libraries/U256";
import { mulDivRoundingUp } from "../libraries/FullMath";
import { getTickAtSqrtRatio, MAX_SQRT_RATIO_0, MAX_SQRT_RATIO_1, MAX_SQRT_RATIO_2, MIN_SQRT_RATIO_0 } from "../libraries/TickMath";
import { computeSwapStep } from "../libraries/SwapMath";
import {
  S_FEE, S_FG0, S_FG1, S_LIQUIDITY, S_PF0, S_PF1, S_SQRT_PRICE, S_TICK,
  STATE_WORDS, SWAP_AMOUNT0, SWAP_AMOUNT1, SWAP_FEE, SWAP_PROTOCOL_FEE, SWAP_STATE,
} from "../layout";
import { feeOf } from "./Config";
import { applyCrossings, clearCrossings, crossTick } from "./Cross";
import { addTo, isZero256At, put256, subFrom } from "./Limbs";
import { Pool } from "./State";
import {
  E_AMOUNT_IN, E_AMOUNT_OUT, E_FEE, E_FEE_AMOUNT, E_GROWTH, E_NEXT_SLOT, E_PROTOCOL, E_TARGET, E_TICK_NEXT, E_USABLE,
  feeGrowthDelta, stepEntry, takesWholeStep,
} from "./StepCache";
import { r0, r1, r2, r3, tickResult, amountIn_0, amountIn_1, amountIn_2, amountIn_3, amountOut_0, amountOut_1, amountOut_2, amountOut_3, feeAmount_0, feeAmount_1, feeAmount_2, feeAmount_3, sqrtRatioNextX96_0, sqrtRatioNextX96_1, sqrtRatioNextX96_2 } from "../registers";

/** amountSpecifiedRemaining during the loop, amount0 after it. */
const REMAINING: usize = IO + (<usize>SWAP_AMOUNT0 << 3);
/** amountCalculated during the loop, amount1 after it. */
const CALCULATED: usize = IO + (<usize>SWAP_AMOUNT1 << 3);
/** The swap's state block: sqrtPriceX96, tick, liquidity, fee, the input token's fee growth. */
const STATE: usize = IO + (<usize>SWAP_STATE << 3);
/** Fee paid in the input token (protocol share included), and the protocol's share. */
const FEE_PAID: usize = IO + (<usize>SWAP_FEE << 3);
const PROTOCOL_FEE: usize = IO + (<usize>SWAP_PROTOCOL_FEE << 3);

/**
 * UniswapV3Pool.swap of amountSpecified (a0..a3, int256: > 0 exact input, < 0 exact output) up to
 * sqrtPriceLimitX96 (l0..l2). Results in IO (SWAP_*); `commit` applies them to the pool. Fails,
 * writing nothing of the pool, with AmountSpecifiedZero, InvalidPriceLimit, or an error of the
 * math it calls.
 */
export function swap(pool: Pool, zeroForOne: bool, commit: bool, a0: u64, a1: u64, a2: u64, a3: u64, l0: u64, l1: u64, l2: u64): i32 {
  if ((a0 | a1 | a2 | a3) == 0) return E_AMOUNT_SPECIFIED_ZERO;
  const s = pool.state;
  const p0 = unchecked(s[S_SQRT_PRICE]), p1 = unchecked(s[S_SQRT_PRICE + 1]), p2 = unchecked(s[S_SQRT_PRICE + 2]);
  // Uniswap `SPL`: the limit is strictly beyond the price and strictly inside the ratio bounds.
  if (zeroForOne) {
    if (!(lt256(l0, l1, l2, 0, p0, p1, p2, 0) && lt256(MIN_SQRT_RATIO_0, 0, 0, 0, l0, l1, l2, 0))) return E_INVALID_PRICE_LIMIT;
  } else {
    if (!(lt256(p0, p1, p2, 0, l0, l1, l2, 0) && lt256(l0, l1, l2, 0, MAX_SQRT_RATIO_0, MAX_SQRT_RATIO_1, MAX_SQRT_RATIO_2, 0))) return E_INVALID_PRICE_LIMIT;
  }
  // SwapState: starts from the pool's state, nothing swapped yet.
  memory.copy(STATE, changetype<usize>(s), <usize>STATE_WORDS << 3);
  put256(REMAINING, a0, a1, a2, a3);
  put256(CALCULATED, 0, 0, 0, 0);
  put256(FEE_PAID, 0, 0, 0, 0);
  put256(PROTOCOL_FEE, 0, 0, 0, 0);
  const e = stepLoop(pool, zeroForOne, <i64>a3 >= 0, commit, l0, l1, l2);
  if (e != OK) return e;
  finish(pool, zeroForOne, a0, a1, a2, a3);
  if (commit) {
    applyCrossings(pool, zeroForOne);
    memory.copy(changetype<usize>(pool.state), STATE, <usize>STATE_WORDS << 3);
  }
  return OK;
}

/**
 * The loop: continue swapping as long as we haven't used the entire input/output and haven't
 * reached the price limit. Each step is taken whole from the step cache when the swap would
 * finish it anyway, otherwise computed (docs/math.md, "Step cache").
 */
function stepLoop(pool: Pool, zeroForOne: bool, exactInput: bool, commit: bool, l0: u64, l1: u64, l2: u64): i32 {
  const fg = STATE + (<usize>(zeroForOne ? S_FG0 : S_FG1) << 3);
  // the initialized tick the last step crossed (its entry holds the next step), or -1
  let crossedSlot = -1;
  clearCrossings();
  while (!isZero256At(REMAINING) && !(load<u64>(STATE) == l0 && load<u64>(STATE, 8) == l1 && load<u64>(STATE, 16) == l2)) {
    const start0 = load<u64>(STATE), start1 = load<u64>(STATE, 8), start2 = load<u64>(STATE, 16);
    const c = stepEntry(pool, STATE, zeroForOne, crossedSlot);
    const whole = takesWholeStep(c, REMAINING, zeroForOne, exactInput, l0, l1, l2);
    if (whole) {
      cachedStep(c, exactInput, fg);
    } else {
      const e = computedStep(pool, c, zeroForOne, exactInput, l0, l1, l2, fg);
      if (e != OK) return e;
    }

    crossedSlot = -1;
    const p0 = load<u64>(STATE), p1 = load<u64>(STATE, 8), p2 = load<u64>(STATE, 16);
    // shift tick if we reached the next price (a whole step does)
    if (whole || (p0 == load<u64>(c, E_TARGET << 3) && p1 == load<u64>(c, (E_TARGET + 1) << 3) && p2 == load<u64>(c, (E_TARGET + 2) << 3))) {
      const tickNext = <i32>load<i64>(c, E_TICK_NEXT << 3);
      const nextSlot = <i32>load<i64>(c, E_NEXT_SLOT << 3);
      // if the tick is initialized, run the tick transition
      if (nextSlot >= 0) {
        const e = crossTick(pool, STATE, nextSlot, zeroForOne, commit, fg);
        if (e != OK) return e;
        crossedSlot = nextSlot;
      }
      store<i64>(STATE, <i64>(zeroForOne ? tickNext - 1 : tickNext), S_TICK << 3);
    } else if (!(p0 == start0 && p1 == start1 && p2 == start2)) {
      // recompute unless we're on a lower tick boundary (i.e. already transitioned ticks), and haven't moved
      getTickAtSqrtRatio(p0, p1, p2, 0); // cannot fail: the price is within the limits
      store<i64>(STATE, <i64>tickResult, S_TICK << 3);
    }
  }
  return OK;
}

/** The whole step of entry `c`, as Uniswap's step gives it for an amount that finishes it. */
// @ts-ignore: decorator
@inline function cachedStep(c: usize, exactInput: bool, fg: usize): void {
  store<u64>(STATE, load<u64>(c, E_FEE << 3), S_FEE << 3);
  store<u64>(STATE, load<u64>(c, E_TARGET << 3));
  store<u64>(STATE, load<u64>(c, (E_TARGET + 1) << 3), 8);
  store<u64>(STATE, load<u64>(c, (E_TARGET + 2) << 3), 16);
  consume(exactInput,
    load<u64>(c, E_AMOUNT_IN << 3), load<u64>(c, (E_AMOUNT_IN + 1) << 3), load<u64>(c, (E_AMOUNT_IN + 2) << 3), load<u64>(c, (E_AMOUNT_IN + 3) << 3),
    load<u64>(c, E_AMOUNT_OUT << 3), load<u64>(c, (E_AMOUNT_OUT + 1) << 3), load<u64>(c, (E_AMOUNT_OUT + 2) << 3), load<u64>(c, (E_AMOUNT_OUT + 3) << 3),
    load<u64>(c, E_FEE_AMOUNT << 3), load<u64>(c, (E_FEE_AMOUNT + 1) << 3), load<u64>(c, (E_FEE_AMOUNT + 2) << 3), load<u64>(c, (E_FEE_AMOUNT + 3) << 3));
  addTo(PROTOCOL_FEE, load<u64>(c, E_PROTOCOL << 3), load<u64>(c, (E_PROTOCOL + 1) << 3), load<u64>(c, (E_PROTOCOL + 2) << 3), load<u64>(c, (E_PROTOCOL + 3) << 3));
  addTo(fg, load<u64>(c, E_GROWTH << 3), load<u64>(c, (E_GROWTH + 1) << 3), load<u64>(c, (E_GROWTH + 2) << 3), load<u64>(c, (E_GROWTH + 3) << 3));
}

/**
 * computeSwapStep toward the entry's next tick, or the limit if the limit comes first, then the
 * protocol's share and the fee growth of the step.
 */
function computedStep(pool: Pool, c: usize, zeroForOne: bool, exactInput: bool, l0: u64, l1: u64, l2: u64, fg: usize): i32 {
  const fee = feeOf(pool, STATE);
  const n0 = load<u64>(c, E_TARGET << 3), n1 = load<u64>(c, (E_TARGET + 1) << 3), n2 = load<u64>(c, (E_TARGET + 2) << 3);
  const useLimit = zeroForOne ? lt256(n0, n1, n2, 0, l0, l1, l2, 0) : lt256(l0, l1, l2, 0, n0, n1, n2, 0);
  // toward the entry's target, the amount that reaches it is known (see computeSwapStep)
  const known = load<u64>(c, E_USABLE << 3) != 0 && !useLimit;
  if (known) {
    if (exactInput) {
      amountIn_0 = load<u64>(c, E_AMOUNT_IN << 3); amountIn_1 = load<u64>(c, (E_AMOUNT_IN + 1) << 3); amountIn_2 = load<u64>(c, (E_AMOUNT_IN + 2) << 3); amountIn_3 = load<u64>(c, (E_AMOUNT_IN + 3) << 3);
    } else {
      amountOut_0 = load<u64>(c, E_AMOUNT_OUT << 3); amountOut_1 = load<u64>(c, (E_AMOUNT_OUT + 1) << 3); amountOut_2 = load<u64>(c, (E_AMOUNT_OUT + 2) << 3); amountOut_3 = load<u64>(c, (E_AMOUNT_OUT + 3) << 3);
    }
  }
  const liq0 = load<u64>(STATE, S_LIQUIDITY << 3), liq1 = load<u64>(STATE, (S_LIQUIDITY + 1) << 3);
  let e = computeSwapStep(
    load<u64>(STATE), load<u64>(STATE, 8), load<u64>(STATE, 16),
    useLimit ? l0 : n0, useLimit ? l1 : n1, useLimit ? l2 : n2,
    liq0, liq1,
    load<u64>(REMAINING), load<u64>(REMAINING, 8), load<u64>(REMAINING, 16), load<u64>(REMAINING, 24),
    fee, known,
  );
  if (e != OK) return e;
  store<u64>(STATE, sqrtRatioNextX96_0);
  store<u64>(STATE, sqrtRatioNextX96_1, 8);
  store<u64>(STATE, sqrtRatioNextX96_2, 16);
  let fa0 = feeAmount_0, fa1 = feeAmount_1, fa2 = feeAmount_2, fa3 = feeAmount_3;
  consume(exactInput, amountIn_0, amountIn_1, amountIn_2, amountIn_3, amountOut_0, amountOut_1, amountOut_2, amountOut_3, fa0, fa1, fa2, fa3);
  // the protocol's share, rounded up (the makers' part is a credit and rounds down)
  const protocolFeePips = <u64>pool.protocolFeePips;
  if (protocolFeePips != 0 && (fa0 | fa1 | fa2 | fa3) != 0) {
    e = mulDivRoundingUp(fa0, fa1, fa2, fa3, protocolFeePips, 0, 0, 0, 1_000_000, 0, 0, 0);
    if (e != OK) return e;
    const d0 = r0, d1 = r1, d2 = r2, d3 = r3;
    sub256(fa0, fa1, fa2, fa3, d0, d1, d2, d3);
    fa0 = r0; fa1 = r1; fa2 = r2; fa3 = r3;
    addTo(PROTOCOL_FEE, d0, d1, d2, d3);
  }
  // update global fee tracker (per unit of active liquidity)
  if ((liq0 | liq1) != 0) {
    e = feeGrowthDelta(fa0, fa1, fa2, fa3, liq0, liq1);
    if (e != OK) return e;
    addTo(fg, r0, r1, r2, r3);
  }
  return OK;
}

/**
 * A step's amountIn, amountOut and feeAmount into amountSpecifiedRemaining, amountCalculated and
 * the fee paid: (amountIn + feeAmount) is taken in two in-place updates, the same mod 2^256.
 */
// @ts-ignore: decorator
@inline function consume(exactInput: bool, ai0: u64, ai1: u64, ai2: u64, ai3: u64, ao0: u64, ao1: u64, ao2: u64, ao3: u64, fa0: u64, fa1: u64, fa2: u64, fa3: u64): void {
  if (exactInput) {
    subFrom(REMAINING, ai0, ai1, ai2, ai3);
    subFrom(REMAINING, fa0, fa1, fa2, fa3);
    subFrom(CALCULATED, ao0, ao1, ao2, ao3);
  } else {
    addTo(REMAINING, ao0, ao1, ao2, ao3);
    addTo(CALCULATED, ai0, ai1, ai2, ai3);
    addTo(CALCULATED, fa0, fa1, fa2, fa3);
  }
  addTo(FEE_PAID, fa0, fa1, fa2, fa3);
}

/**
 * The results: the fee at the final liquidity, (amount0, amount1) = zeroForOne == exactInput ?
 * (specified - remaining, calculated) : (calculated, specified - remaining), and the protocol
 * fees accrued in the state block.
 */
function finish(pool: Pool, zeroForOne: bool, a0: u64, a1: u64, a2: u64, a3: u64): void {
  feeOf(pool, STATE);
  sub256(a0, a1, a2, a3, load<u64>(REMAINING), load<u64>(REMAINING, 8), load<u64>(REMAINING, 16), load<u64>(REMAINING, 24));
  if (zeroForOne == (<i64>a3 >= 0)) {
    put256(REMAINING, r0, r1, r2, r3);
  } else {
    const d0 = r0, d1 = r1, d2 = r2, d3 = r3;
    memory.copy(REMAINING, CALCULATED, 32);
    put256(CALCULATED, d0, d1, d2, d3);
  }
  addTo(STATE + (<usize>(zeroForOne ? S_PF0 : S_PF1) << 3), load<u64>(PROTOCOL_FEE), load<u64>(PROTOCOL_FEE, 8), load<u64>(PROTOCOL_FEE, 16), load<u64>(PROTOCOL_FEE, 24));
}
