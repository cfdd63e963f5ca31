// Tick.cross for a swap: crossing an initialized tick moves the swap's maker and
// taker liquidity by the tick's nets; the input token's fee growth at the
// crossing is recorded so a committed swap can flip the tick's fee growth
// outside (a quote records nothing).

import { E_LIQUIDITY_UNDERFLOW, OK } from "../errors";
import { sub256 } from "../libraries/U256";
import { addDelta } from "../libraries/LiquidityMath";
import { crossFeeGrowth } from "../libraries/Tick";
import { S_FEE, S_FG0, S_FG1, S_LIQUIDITY, S_MAKER, S_TAKER, T_MAKER_NET, T_TAKER_NET } from "../layout";
import { FEE_STALE } from "./Config";
import { Pool, sAt } from "./State";
import { r0, r1, lastError, res128_hi } from "../registers";

// Ticks crossed by the swap being run: their slot and the input token's fee
// growth global at the crossing (5 limbs each). Grown when a swap crosses more.
let crossings = new StaticArray<u64>(5 * 64);
let nCross: i32 = 0;

/** Starts a swap with no crossing recorded. */
// @ts-ignore: decorator
@inline export function clearCrossings(): void {
  nCross = 0;
}

/**
 * The swap with state block `st` crosses the initialized tick at `slot`: maker and taker
 * liquidity add the tick's nets when crossed rightward (subtract them leftward), and the fee
 * is left stale for the next step that needs it. With `record`, the input token's fee growth
 * global (at `fg`) is kept for applyCrossings. Fails, writing nothing of `st`, with an
 * underflow or overflow of the liquidity (LiquidityMath.addDelta, LiquidityUnderflow).
 */
export function crossTick(pool: Pool, st: usize, slot: i32, zeroForOne: bool, record: bool, fg: usize): i32 {
  const tp = pool.ticks.ptr(slot);
  let mn0 = load<u64>(tp + (<usize>T_MAKER_NET << 3)), mn1 = load<u64>(tp + (<usize>T_MAKER_NET << 3), 8);
  let tn0 = load<u64>(tp + (<usize>T_TAKER_NET << 3)), tn1 = load<u64>(tp + (<usize>T_TAKER_NET << 3), 8);
  // if we're moving leftward, we interpret the nets as the opposite sign
  if (zeroForOne) {
    sub256(0, 0, 0, 0, mn0, mn1, 0, 0);
    mn0 = r0; mn1 = r1;
    sub256(0, 0, 0, 0, tn0, tn1, 0, 0);
    tn0 = r0; tn1 = r1;
  }
  const mk0 = addDelta(load<u64>(st, S_MAKER << 3), load<u64>(st, (S_MAKER + 1) << 3), mn0, mn1);
  if (lastError != OK) return lastError;
  const mk1 = res128_hi;
  const tk0 = addDelta(load<u64>(st, S_TAKER << 3), load<u64>(st, (S_TAKER + 1) << 3), tn0, tn1);
  if (lastError != OK) return lastError;
  const tk1 = res128_hi;
  if (sub256(mk0, mk1, 0, 0, tk0, tk1, 0, 0)) return E_LIQUIDITY_UNDERFLOW;
  store<u64>(st, mk0, S_MAKER << 3);
  store<u64>(st, mk1, (S_MAKER + 1) << 3);
  store<u64>(st, tk0, S_TAKER << 3);
  store<u64>(st, tk1, (S_TAKER + 1) << 3);
  store<u64>(st, r0, S_LIQUIDITY << 3);
  store<u64>(st, r1, (S_LIQUIDITY + 1) << 3);
  // the fee at the new liquidity is computed when a step needs it (a cached step carries its own)
  store<u64>(st, FEE_STALE, S_FEE << 3);
  if (record) recordCrossing(slot, fg);
  return OK;
}

// @ts-ignore: decorator
@inline function recordCrossing(slot: i32, fg: usize): void {
  if ((nCross + 1) * 5 > crossings.length) {
    const grown = new StaticArray<u64>(crossings.length * 2);
    memory.copy(changetype<usize>(grown), changetype<usize>(crossings), <usize>crossings.length << 3);
    crossings = grown;
  }
  const p = changetype<usize>(crossings) + (<usize>(nCross * 5) << 3);
  store<u64>(p, <u64>slot);
  memory.copy(p + 8, fg, 32);
  nCross++;
}

/**
 * Tick.cross's fee growth for every recorded crossing: the input token's global as it was at
 * the crossing, the other token's (unchanged by the swap) from the pool's state.
 */
export function applyCrossings(pool: Pool, zeroForOne: bool): void {
  const other = sAt(pool.state, zeroForOne ? S_FG1 : S_FG0);
  for (let i = 0; i < nCross; i++) {
    const cr = changetype<usize>(crossings) + (<usize>(i * 5) << 3);
    const tp = pool.ticks.ptr(<i32>load<u64>(cr));
    if (zeroForOne) crossFeeGrowth(tp, cr + 8, other);
    else crossFeeGrowth(tp, other, cr + 8);
  }
}
