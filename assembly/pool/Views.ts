// Read-only views of a pool: the token amounts of a range's liquidity, the fee
// growth inside a range (TwoSidedPool's _modifyPosition amounts and
// getFeeGrowthInside) and the bitmap's next initialized tick.

import { OK } from "../errors";
import { r0, r1, r2, nextInitialized } from "../registers";
import { getSqrtRatioAtTick } from "../libraries/TickMath";
import { getAmountsForLiquidity } from "../libraries/LiquidityAmounts";
import { feeGrowthInside } from "../libraries/Tick";
import { S_FG0, S_FG1, S_SQRT_PRICE, S_TICK, T_FGO0, T_FGO1 } from "../layout";
import { checkRange } from "./Config";
import { Pool, sAt } from "./State";

// getAmountsForLiquidity's result arrays, copied to the caller's address.
const amount0 = new StaticArray<u64>(4);
const amount1 = new StaticArray<u64>(4);

/**
 * The token amounts of `liquidity` (lo, hi) over [tickLower, tickUpper) at the current price, as
 * Uniswap's _modifyPosition computes them (roundUp: as for a mint; otherwise as for a burn):
 * LiquidityAmounts.getAmountsForLiquidity, chosen on the sqrt price, which equals the choice on
 * the tick at the pool's own price. amount0 -> out_[0..3], amount1 -> out_[4..7]. InvalidTickRange.
 */
export function amountsForLiquidity(pool: Pool, tickLower: i32, tickUpper: i32, lo: u64, hi: u64, roundUp: bool, out_: usize): i32 {
  let e = checkRange(pool, tickLower, tickUpper);
  if (e != OK) return e;
  const s = pool.state;
  const p0 = unchecked(s[S_SQRT_PRICE]), p1 = unchecked(s[S_SQRT_PRICE + 1]), p2 = unchecked(s[S_SQRT_PRICE + 2]);
  getSqrtRatioAtTick(tickLower);
  const a0 = r0, a1 = r1, a2 = r2;
  getSqrtRatioAtTick(tickUpper);
  e = getAmountsForLiquidity(p0, p1, p2, a0, a1, a2, r0, r1, r2, lo, hi, roundUp, amount0, amount1);
  if (e != OK) return e;
  memory.copy(out_, changetype<usize>(amount0), 32);
  memory.copy(out_ + 32, changetype<usize>(amount1), 32);
  return OK;
}

/** Fee growth inside [tickLower, tickUpper) for both tokens -> out_[0..3], out_[4..7]. InvalidTickRange. */
export function feeGrowthInsideOf(pool: Pool, tickLower: i32, tickUpper: i32, out_: usize): i32 {
  const e = checkRange(pool, tickLower, tickUpper);
  if (e != OK) return e;
  const pl = pool.ticks.ptrOf(tickLower);
  const pu = pool.ticks.ptrOf(tickUpper);
  const tick = <i32>unchecked(pool.state[S_TICK]);
  feeGrowthInside(pl, pu, T_FGO0, tickLower, tickUpper, tick, sAt(pool.state, S_FG0), out_);
  feeGrowthInside(pl, pu, T_FGO1, tickLower, tickUpper, tick, sAt(pool.state, S_FG1), out_ + 32);
  return OK;
}

/**
 * TickBitmap.nextInitializedTickWithinOneWord of the pool's bitmap from `tick` (`lte`: at or
 * below it): the tick (as i64) -> out_[0], whether it is initialized (1 or 0) -> out_[1].
 */
export function nextInitializedTick(pool: Pool, tick: i32, lte: bool, out_: usize): void {
  const next = pool.bitmap.nextInitializedTickWithinOneWord(tick, pool.tickSpacing, lte);
  store<i64>(out_, <i64>next);
  store<u64>(out_, nextInitialized ? 1 : 0, 8);
}
