// The step cache (docs/math.md, "Step cache"): a step that runs from a tick's
// price to the next tick is the same for every swap until the pool's liquidity
// changes, so its results are kept and taken again when a swap would finish it.

import { OK } from "../errors";
import { add256, divRem256, lt256, setR, sub256 } from "../libraries/U256";
import { mulDiv, mulDivRoundingUp } from "../libraries/FullMath";
import { getSqrtRatioAtTick, MAX_TICK, MIN_TICK } from "../libraries/TickMath";
import { computeSwapStepToTarget } from "../libraries/SwapMath";
import { r0, r1, r2, r3, amountIn_0, amountIn_1, amountIn_2, amountIn_3, amountOut_0, amountOut_1, amountOut_2, amountOut_3, feeAmount_0, feeAmount_1, feeAmount_2, feeAmount_3, nextInitialized } from "../registers";
import { S_LIQUIDITY, S_MAKER, S_SQRT_PRICE, S_TAKER, S_TICK } from "../layout";
import { feeOf } from "./Config";
import { Pool } from "./State";

// Entry layout (CACHE_ENTRY limbs, see Tick.ts): the step from the tick's price
// to the next tick in one direction, for the pool generation and the maker and
// taker liquidity it was computed with.
export const E_GEN: i32 = 0; // pool generation (0: empty)
export const E_MAKER: i32 = 1; // maker liquidity of the step (2 limbs)
export const E_TAKER: i32 = 3; // taker liquidity of the step (2 limbs)
export const E_USABLE: i32 = 5; // 1 when the step can be taken from the cache
export const E_FEE: i32 = 6; // fee pips of the step
export const E_TICK_NEXT: i32 = 7; // the step's tickNext
export const E_NEXT_SLOT: i32 = 8; // slot of tickNext when initialized, else -1
export const E_TARGET: i32 = 9; // sqrt price of tickNext (3 limbs)
export const E_THRESHOLD: i32 = 12; // least exact-input amountRemaining that finishes the step (4 limbs)
export const E_AMOUNT_IN: i32 = 16; // computeSwapStep amountIn (4 limbs)
export const E_AMOUNT_OUT: i32 = 20; // computeSwapStep amountOut (4 limbs)
export const E_FEE_AMOUNT: i32 = 24; // computeSwapStep feeAmount (4 limbs)
export const E_PROTOCOL: i32 = 28; // protocol share of feeAmount (4 limbs)
export const E_GROWTH: i32 = 32; // fee growth increment of the step (4 limbs)
// In the leftward entry only, kept across generations (a tick's price never changes):
export const E_SQRT: i32 = 36; // getSqrtRatioAtTick of the slot's tick (3 limbs)
export const E_SQRT_OK: i32 = 39; // 1 once E_SQRT is set
export const E_TICK_GEN: i32 = 40; // pool.tickGen when E_TICK_NEXT, E_NEXT_SLOT and E_TARGET were found
// In the start entries (Pool.startSteps) only:
export const E_START_PRICE: i32 = 41; // sqrt price the step starts from (3 limbs)
export const E_START_TICK: i32 = 44; // tick the step starts from
export const START_ENTRY: i32 = 45;
export const START_BUCKET_BITS: i32 = 4;
export const START_BUCKETS: i32 = 1 << START_BUCKET_BITS;

/**
 * The entry of the step a swap takes next from its state block `st` (price, tick, liquidity),
 * filled for that state when it was stale. `crossedSlot` is the slot of the initialized tick the
 * last step crossed (its own entry holds the step), or -1: the first step of a swap and a step
 * from a word boundary use the pool's start entries. A fresh entry always knows the step's next
 * tick, that tick's slot and price (E_TICK_NEXT, E_NEXT_SLOT, E_TARGET), usable or not.
 */
export function stepEntry(pool: Pool, st: usize, zeroForOne: bool, crossedSlot: i32): usize {
  const p0 = load<u64>(st, S_SQRT_PRICE << 3), p1 = load<u64>(st, (S_SQRT_PRICE + 1) << 3), p2 = load<u64>(st, (S_SQRT_PRICE + 2) << 3);
  const tick = <i32>load<i64>(st, S_TICK << 3);
  const mk0 = load<u64>(st, S_MAKER << 3), mk1 = load<u64>(st, (S_MAKER + 1) << 3);
  const tk0 = load<u64>(st, S_TAKER << 3), tk1 = load<u64>(st, (S_TAKER + 1) << 3);
  const dir = zeroForOne ? 0 : 1;
  let c: usize;
  let fresh = true;
  if (crossedSlot < 0) {
    // the start entry is keyed by the fee (a tick crossed earlier may have changed it)
    const fee = feeOf(pool, st);
    const bucket = (<i32>((<u32>tick * 0x9e3779b1) >>> (32 - START_BUCKET_BITS)) << 1) | dir;
    c = changetype<usize>(pool.startSteps) + (<usize>(bucket * START_ENTRY) << 3);
    fresh = load<u64>(c, E_START_PRICE << 3) == p0 && load<u64>(c, (E_START_PRICE + 1) << 3) == p1 && load<u64>(c, (E_START_PRICE + 2) << 3) == p2 && load<i64>(c, E_START_TICK << 3) == <i64>tick && load<u64>(c, E_FEE << 3) == <u64>fee;
  } else {
    c = pool.ticks.cachePtr(crossedSlot, dir);
  }
  fresh = fresh && load<u64>(c, E_GEN << 3) == pool.gen && load<u64>(c, E_MAKER << 3) == mk0 && load<u64>(c, (E_MAKER << 3) + 8) == mk1 && load<u64>(c, E_TAKER << 3) == tk0 && load<u64>(c, (E_TAKER << 3) + 8) == tk1;
  if (!fresh) {
    const fee = feeOf(pool, st);
    // a start entry's next tick is reusable only from the same start tick (a tick's own entries
    // always start there)
    const sameStart = crossedSlot >= 0 || load<i64>(c, E_START_TICK << 3) == <i64>tick;
    fillStepCache(pool, c, tick, zeroForOne, sameStart, p0, p1, p2, mk0, mk1, tk0, tk1, load<u64>(st, S_LIQUIDITY << 3), load<u64>(st, (S_LIQUIDITY + 1) << 3), fee);
    if (crossedSlot < 0) {
      store<u64>(c, p0, E_START_PRICE << 3);
      store<u64>(c, p1, (E_START_PRICE + 1) << 3);
      store<u64>(c, p2, (E_START_PRICE + 2) << 3);
      store<i64>(c, <i64>tick, E_START_TICK << 3);
    }
  }
  return c;
}

/**
 * Whether the swap, with amountSpecifiedRemaining at `rem` and the price limit (l0..l2), takes
 * the whole step of entry `c` from the cache: the entry is usable, the limit does not come first,
 * and the swap has enough left to finish the step (then Uniswap's step gives the cached values).
 */
// @ts-ignore: decorator
@inline export function takesWholeStep(c: usize, rem: usize, zeroForOne: bool, exactInput: bool, l0: u64, l1: u64, l2: u64): bool {
  if (load<u64>(c, E_USABLE << 3) == 0) return false;
  const n0 = load<u64>(c, E_TARGET << 3), n1 = load<u64>(c, (E_TARGET + 1) << 3), n2 = load<u64>(c, (E_TARGET + 2) << 3);
  if (zeroForOne ? lt256(n0, n1, n2, 0, l0, l1, l2, 0) : lt256(l0, l1, l2, 0, n0, n1, n2, 0)) return false;
  const rem0 = load<u64>(rem), rem1 = load<u64>(rem, 8), rem2 = load<u64>(rem, 16), rem3 = load<u64>(rem, 24);
  if (exactInput) {
    // amountRemainingLessFee >= amountIn  <=>  amountRemaining >= ceil(amountIn * 1e6 / (1e6 - fee))
    return !lt256(rem0, rem1, rem2, rem3, load<u64>(c, E_THRESHOLD << 3), load<u64>(c, (E_THRESHOLD + 1) << 3), load<u64>(c, (E_THRESHOLD + 2) << 3), load<u64>(c, (E_THRESHOLD + 3) << 3));
  }
  // -amountRemaining >= amountOut
  sub256(0, 0, 0, 0, rem0, rem1, rem2, rem3);
  return !lt256(r0, r1, r2, r3, load<u64>(c, E_AMOUNT_OUT << 3), load<u64>(c, (E_AMOUNT_OUT + 1) << 3), load<u64>(c, (E_AMOUNT_OUT + 2) << 3), load<u64>(c, (E_AMOUNT_OUT + 3) << 3));
}

/**
 * Computes the full step from price p (the price of a tick just crossed, the
 * loop's tick state `tick`) to the next initialized tick or word boundary, with
 * Uniswap's own functions, and stores it at `c`. A step that a large enough
 * swap would not finish (never in practice) is stored as unusable.
 */
function fillStepCache(pool: Pool, c: usize, tick: i32, zeroForOne: bool, sameStart: bool, p0: u64, p1: u64, p2: u64, mk0: u64, mk1: u64, tk0: u64, tk1: u64, liq0: u64, liq1: u64, fee: u32): void {
  store<u64>(c, pool.gen, E_GEN << 3);
  store<u64>(c, mk0, E_MAKER << 3);
  store<u64>(c, mk1, (E_MAKER + 1) << 3);
  store<u64>(c, tk0, E_TAKER << 3);
  store<u64>(c, tk1, (E_TAKER + 1) << 3);
  store<u64>(c, 0, E_USABLE << 3);
  store<u64>(c, <u64>fee, E_FEE << 3);
  // The next tick, its slot and price depend only on where the step starts and on which ticks
  // are initialized: kept from an earlier fill while neither changed (E_TICK_GEN is 0 until then).
  let n0: u64, n1: u64, n2: u64;
  if (load<u64>(c, E_TICK_GEN << 3) == pool.tickGen && sameStart) {
    n0 = load<u64>(c, E_TARGET << 3);
    n1 = load<u64>(c, (E_TARGET + 1) << 3);
    n2 = load<u64>(c, (E_TARGET + 2) << 3);
  } else {
    let tickNext = pool.bitmap.nextInitializedTickWithinOneWord(tick, pool.tickSpacing, zeroForOne);
    const initialized = nextInitialized;
    if (tickNext < MIN_TICK) tickNext = MIN_TICK;
    else if (tickNext > MAX_TICK) tickNext = MAX_TICK;
    store<i64>(c, <i64>tickNext, E_TICK_NEXT << 3);
    const nextSlot = initialized ? pool.ticks.find(tickNext) : -1;
    store<i64>(c, <i64>nextSlot, E_NEXT_SLOT << 3);
    if (nextSlot >= 0) tickSqrtPrice(pool, nextSlot, tickNext);
    else getSqrtRatioAtTick(tickNext);
    n0 = r0; n1 = r1; n2 = r2;
    store<u64>(c, n0, E_TARGET << 3);
    store<u64>(c, n1, (E_TARGET + 1) << 3);
    store<u64>(c, n2, (E_TARGET + 2) << 3);
    store<u64>(c, pool.tickGen, E_TICK_GEN << 3);
  }
  // The whole step: what any amount at least amountIn + feeAmount gives (exact input), or
  // at least amountOut (exact output). A step no amount finishes (fee of 100%) is unusable.
  if (computeSwapStepToTarget(p0, p1, p2, n0, n1, n2, liq0, liq1, fee) != OK) return;
  const ai0 = amountIn_0, ai1 = amountIn_1, ai2 = amountIn_2, ai3 = amountIn_3;
  let fa0 = feeAmount_0, fa1 = feeAmount_1, fa2 = feeAmount_2, fa3 = feeAmount_3;
  putLimbs(c, E_AMOUNT_IN, ai0, ai1, ai2, ai3);
  putLimbs(c, E_AMOUNT_OUT, amountOut_0, amountOut_1, amountOut_2, amountOut_3);
  putLimbs(c, E_FEE_AMOUNT, fa0, fa1, fa2, fa3);
  // floor(rem * (1e6 - fee) / 1e6) >= amountIn  <=>  rem * (1e6 - fee) >= amountIn * 1e6  <=>
  // rem >= ceil(amountIn * 1e6 / (1e6 - fee)) = amountIn + ceil(amountIn * fee / (1e6 - fee)),
  // which is amountIn + feeAmount
  if (add256(ai0, ai1, ai2, ai3, fa0, fa1, fa2, fa3)) setR(~(<u64>0), ~(<u64>0), ~(<u64>0), ~(<u64>0));
  putLimbs(c, E_THRESHOLD, r0, r1, r2, r3);
  let d0: u64 = 0, d1: u64 = 0, d2: u64 = 0, d3: u64 = 0;
  const protocolFeePips = <u64>pool.protocolFeePips;
  if (protocolFeePips != 0 && (fa0 | fa1 | fa2 | fa3) != 0) {
    if (mulDivRoundingUp(fa0, fa1, fa2, fa3, protocolFeePips, 0, 0, 0, 1_000_000, 0, 0, 0) != OK) return;
    d0 = r0; d1 = r1; d2 = r2; d3 = r3;
    sub256(fa0, fa1, fa2, fa3, d0, d1, d2, d3);
    fa0 = r0; fa1 = r1; fa2 = r2; fa3 = r3;
  }
  putLimbs(c, E_PROTOCOL, d0, d1, d2, d3);
  let g0: u64 = 0, g1: u64 = 0, g2: u64 = 0, g3: u64 = 0;
  if ((liq0 | liq1) != 0) {
    if (feeGrowthDelta(fa0, fa1, fa2, fa3, liq0, liq1) != OK) return;
    g0 = r0; g1 = r1; g2 = r2; g3 = r3;
  }
  putLimbs(c, E_GROWTH, g0, g1, g2, g3);
  store<u64>(c, 1, E_USABLE << 3);
}

/** getSqrtRatioAtTick of the initialized tick at `slot` into r0..r2, kept with the tick. */
export function tickSqrtPrice(pool: Pool, slot: i32, tick: i32): void {
  const sp = pool.ticks.cachePtr(slot, 0);
  if (load<u64>(sp, E_SQRT_OK << 3) == 0) {
    getSqrtRatioAtTick(tick); // cannot fail: an initialized tick is within the bounds
    store<u64>(sp, r0, E_SQRT << 3);
    store<u64>(sp, r1, (E_SQRT + 1) << 3);
    store<u64>(sp, r2, (E_SQRT + 2) << 3);
    store<u64>(sp, 1, E_SQRT_OK << 3);
    return;
  }
  setR(load<u64>(sp, E_SQRT << 3), load<u64>(sp, (E_SQRT + 1) << 3), load<u64>(sp, (E_SQRT + 2) << 3), 0);
}

/**
 * FullMath.mulDiv(feeAmount, 2^128, liquidity) into r0..r3.
 * @dev Equivalent to `mulDiv(feeAmount, Q128, liquidity)`: when feeAmount < 2^128 the
 * product is feeAmount << 128 and fits 256 bits, so one 256-bit division gives the same floor.
 */
// @ts-ignore: decorator
@inline export function feeGrowthDelta(fa0: u64, fa1: u64, fa2: u64, fa3: u64, liq0: u64, liq1: u64): i32 {
  if ((fa2 | fa3) == 0) {
    divRem256(0, 0, fa0, fa1, liq0, liq1, 0, 0); // liquidity != 0: cannot fail
    return OK;
  }
  return mulDiv(fa0, fa1, fa2, fa3, 0, 0, 1, 0, liq0, liq1, 0, 0);
}

// @ts-ignore: decorator
@inline function putLimbs(c: usize, at: i32, a0: u64, a1: u64, a2: u64, a3: u64): void {
  const p = c + (<usize>at << 3);
  store<u64>(p, a0);
  store<u64>(p, a1, 8);
  store<u64>(p, a2, 16);
  store<u64>(p, a3, 24);
}
