// Liquidity changes: TwoSidedPool's mint / burn / take / release for one owner
// per range, as Uniswap's _modifyPosition and Tick.update. Every check runs
// before the first write, so a failed change leaves the pool as it was.

import {
  E_LIQUIDITY_RESERVED,
  E_LIQUIDITY_UNDERFLOW,
  E_POSITION_NOT_FOUND,
  E_SAFE_CAST_OVERFLOW,
  E_TAKER_CAP_EXCEEDED,
  E_TICK_LIQUIDITY_OVERFLOW,
  E_ZERO_LIQUIDITY,
  OK,
} from "../errors";
import { add256, sub256 } from "../libraries/U256";
import { r0, r1, r2 } from "../registers";
import { MAKER, S_FG0, S_FG1, S_MAKER, S_TAKER, S_TICK, TAKER, T_FGO0, T_FGO1, T_GROSS, T_MAKER_NET, T_TAKER_NET } from "../layout";
import { checkRange, refreshActive } from "./Config";
import { CHECK_CAP, CHECK_RESERVED, walkCheck } from "./RangeWalk";
import { Pool, sAt } from "./State";

// Aggregate maker and taker liquidity per range [tickLower, tickUpper), so
// burn/release can refuse to remove more than was added (LiquidityUnderflow).
// @ts-ignore: decorator
@inline function rangeKey(tickLower: i32, tickUpper: i32): u64 {
  return (<u64>(<u32>tickLower) << 32) | <u64>(<u32>tickUpper);
}

/**
 * Adds (`add`) or removes `amount` (uint128 lo/hi) of maker or taker liquidity
 * over [tickLower, tickUpper): TwoSidedPool's mint / burn / take / release for
 * one owner per range. Every check runs before the first write, in the
 * contract's order:
 * - mint: InvalidTickRange, ZeroLiquidity, SafeCastOverflow (amount >= 2^127),
 *   TickLiquidityOverflow (lower or upper tick);
 * - take: the same, then TakerCapExceeded (the walk);
 * - burn: InvalidTickRange, SafeCastOverflow, LiquidityReserved (the walk,
 *   amount > 0), then LiquidityUnderflow (more than the range holds) or, for
 *   0, PositionNotFound (nothing to poke);
 * - release: InvalidTickRange, PositionNotFound (the range holds no taker
 *   liquidity), SafeCastOverflow, LiquidityUnderflow.
 * A burn or release of 0 that passes its checks changes nothing.
 */
export function modifyLiquidity(pool: Pool, tickLower: i32, tickUpper: i32, lo: u64, hi: u64, side: i32, add: bool): i32 {
  const zero = (lo | hi) == 0;
  const key = rangeKey(tickLower, tickUpper);
  let rangeSlot = -1;
  const ro = side == MAKER ? 0 : 2;
  if (add) {
    const e = checkRange(pool, tickLower, tickUpper);
    if (e != OK) return e;
    if (zero) return E_ZERO_LIQUIDITY;
    if (<i64>hi < 0) return E_SAFE_CAST_OVERFLOW;
    if (!grossFits(pool, tickLower, lo, hi) || !grossFits(pool, tickUpper, lo, hi)) return E_TICK_LIQUIDITY_OVERFLOW;
    if (side == TAKER && !walkCheck(pool, tickLower, tickUpper, lo, hi, CHECK_CAP)) return E_TAKER_CAP_EXCEEDED;
    if (pool.rangeSlots.has(key)) rangeSlot = pool.rangeSlots.get(key);
  } else {
    const e = checkRange(pool, tickLower, tickUpper);
    if (e != OK) return e;
    if (pool.rangeSlots.has(key)) rangeSlot = pool.rangeSlots.get(key);
    let pLo: u64 = 0, pHi: u64 = 0;
    if (rangeSlot >= 0) {
      pLo = unchecked(pool.ranges[rangeSlot * 4 + ro]);
      pHi = unchecked(pool.ranges[rangeSlot * 4 + ro + 1]);
    }
    const held = (pLo | pHi) != 0;
    // release: the position is looked up before anything else.
    if (side == TAKER && !held) return E_POSITION_NOT_FOUND;
    if (<i64>hi < 0) return E_SAFE_CAST_OVERFLOW;
    if (side == MAKER && !zero && !walkCheck(pool, tickLower, tickUpper, lo, hi, CHECK_RESERVED)) return E_LIQUIDITY_RESERVED;
    if (zero) return held ? OK : E_POSITION_NOT_FOUND;
    // The contract's tick and position updates both underflow here (LiquidityMath.addDelta).
    if (pHi < hi || (pHi == hi && pLo < lo)) return E_LIQUIDITY_UNDERFLOW;
  }

  // Effects: nothing below can fail.
  const s = pool.state;
  const tick = <i32>unchecked(s[S_TICK]);
  updateTick(pool, tickLower, tick, lo, hi, side, add, false);
  updateTick(pool, tickUpper, tick, lo, hi, side, add, true);
  // The range's aggregate.
  let slot = rangeSlot;
  if (slot < 0) {
    slot = pool.ranges.length >> 2;
    pool.ranges.push(0);
    pool.ranges.push(0);
    pool.ranges.push(0);
    pool.ranges.push(0);
    pool.rangeSlots.set(key, slot);
  }
  const rp = pool.ranges.dataStart + (<usize>(slot * 4 + ro) << 3);
  addSub128(rp, lo, hi, add);
  pool.gen++;
  // Liquidity in force at the current price.
  if (tickLower <= tick && tick < tickUpper) {
    addSub128(sAt(s, side == MAKER ? S_MAKER : S_TAKER), lo, hi, add);
    refreshActive(pool);
  }
  return OK;
}

/** x (uint128 at p) += or -= (lo, hi), mod 2^128. */
function addSub128(p: usize, lo: u64, hi: u64, add: bool): void {
  const x0 = load<u64>(p), x1 = load<u64>(p, 8);
  if (add) add256(x0, x1, 0, 0, lo, hi, 0, 0);
  else sub256(x0, x1, 0, 0, lo, hi, 0, 0);
  store<u64>(p, r0);
  store<u64>(p, r1, 8);
}

/** liquidityGross(tick) + amount <= maxLiquidityPerTick (Uniswap `LO`). */
function grossFits(pool: Pool, tick: i32, lo: u64, hi: u64): bool {
  const p = pool.ticks.ptrOf(tick);
  let g0: u64 = 0, g1: u64 = 0;
  if (p != 0) {
    g0 = load<u64>(p + (<usize>T_GROSS << 3));
    g1 = load<u64>(p + (<usize>T_GROSS << 3), 8);
  }
  add256(g0, g1, 0, 0, lo, hi, 0, 0);
  return r2 == 0 && (r1 < pool.maxLiquidityPerTickHi || (r1 == pool.maxLiquidityPerTickHi && r0 <= pool.maxLiquidityPerTickLo));
}

/**
 * Uniswap's Tick.update for one side, plus the bitmap flip and the clear of a
 * tick that ends with no liquidity. Callers have checked that it cannot fail.
 */
function updateTick(pool: Pool, tick: i32, tickCurrent: i32, lo: u64, hi: u64, side: i32, add: bool, upper: bool): void {
  const store_ = pool.ticks;
  let slot = store_.find(tick);
  let fresh = false;
  if (slot < 0) {
    // Only reachable when adding (a removal's bounds hold the removed liquidity).
    slot = store_.insert(tick);
    pool.tickGen++;
    fresh = true;
  }
  const p = store_.ptr(slot);
  if (fresh) {
    // By convention all growth before initialization happened below the tick.
    if (tick <= tickCurrent) {
      memory.copy(p + (<usize>T_FGO0 << 3), sAt(pool.state, S_FG0), 32);
      memory.copy(p + (<usize>T_FGO1 << 3), sAt(pool.state, S_FG1), 32);
    }
    pool.bitmap.flipTick(tick, pool.tickSpacing);
  }
  addSub128(p + (<usize>T_GROSS << 3), lo, hi, add);
  // net: the lower tick adds liquidity when crossed left to right, the upper removes it.
  addSub128(p + (<usize>(side == MAKER ? T_MAKER_NET : T_TAKER_NET) << 3), lo, hi, add != upper);
  if ((load<u64>(p + (<usize>T_GROSS << 3)) | load<u64>(p + (<usize>T_GROSS << 3), 8)) == 0) {
    pool.bitmap.flipTick(tick, pool.tickSpacing);
    store_.remove(tick);
    pool.tickGen++;
  }
}
