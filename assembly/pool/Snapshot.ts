// Snapshots: a pool's scalar state and tick records written or read in one go,
// so a pool read from the chain is rebuilt in two calls (docs/math.md, "Snapshots").

import { E_INVALID_SNAPSHOT, E_INVALID_SQRT_PRICE, OK } from "../errors";
import { r0, r1, r2, tickResult } from "../registers";
import { getSqrtRatioAtTick, getTickAtSqrtRatio, MAX_TICK, MIN_TICK } from "../libraries/TickMath";
import { TickStore } from "../libraries/Tick";
import { TickBitmap } from "../libraries/TickBitmap";
import { S_MAKER, S_SQRT_PRICE, S_TAKER, S_TICK, STATE_WORDS, TICK_STRIDE, T_GROSS, T_TICK } from "../layout";
import { refreshActive } from "./Config";
import { Pool } from "./State";

/**
 * Sets the scalar state from the block at `src` (layout of Pool.state; liquidity and fee are
 * derived). InvalidSqrtPrice for a price out of bounds; InvalidSnapshot when the tick does not
 * belong to the price (Uniswap leaves tick = t - 1 at the price of t after a leftward swap
 * ending on t, so both are accepted) or taker > maker.
 */
export function loadState(pool: Pool, src: usize): i32 {
  const p0 = load<u64>(src, S_SQRT_PRICE << 3), p1 = load<u64>(src, (S_SQRT_PRICE + 1) << 3), p2 = load<u64>(src, (S_SQRT_PRICE + 2) << 3);
  if (load<u64>(src, (S_SQRT_PRICE + 3) << 3) != 0) return E_INVALID_SQRT_PRICE;
  const e = getTickAtSqrtRatio(p0, p1, p2, 0);
  if (e != OK) return e;
  const t = tickResult;
  const tick = <i32>load<i64>(src, S_TICK << 3);
  if (tick != t) {
    if (tick != t - 1 || t - 1 < MIN_TICK) return E_INVALID_SNAPSHOT;
    getSqrtRatioAtTick(t);
    if (!(r0 == p0 && r1 == p1 && r2 == p2)) return E_INVALID_SNAPSHOT;
  }
  const mk0 = load<u64>(src, S_MAKER << 3), mk1 = load<u64>(src, (S_MAKER + 1) << 3);
  const tk0 = load<u64>(src, S_TAKER << 3), tk1 = load<u64>(src, (S_TAKER + 1) << 3);
  if (tk1 > mk1 || (tk1 == mk1 && tk0 > mk0)) return E_INVALID_SNAPSHOT;
  memory.copy(changetype<usize>(pool.state), src, <usize>STATE_WORDS << 3);
  refreshActive(pool);
  pool.gen++;
  return OK;
}

/**
 * Replaces all ticks with the n records at `src` (layout of a tick record, see Tick.ts; T_TICK
 * holds the tick as i64). InvalidSnapshot when a tick is out of bounds, not a multiple of the
 * spacing, repeated, or has zero gross liquidity. Nothing changes on failure. The per-range
 * maker/taker totals are cleared (burn/release need a mint/take after the snapshot).
 */
export function loadTicks(pool: Pool, src: usize, n: i32): i32 {
  const ts = pool.tickSpacing;
  const store_ = new TickStore();
  const bitmap = new TickBitmap(ts);
  for (let i = 0; i < n; i++) {
    const rec = src + (<usize>(i * TICK_STRIDE) << 3);
    const t64 = <i64>load<u64>(rec + (<usize>T_TICK << 3));
    if (t64 < MIN_TICK || t64 > MAX_TICK) return E_INVALID_SNAPSHOT;
    const t = <i32>t64;
    if (t % ts != 0 || store_.find(t) >= 0) return E_INVALID_SNAPSHOT;
    if ((load<u64>(rec + (<usize>T_GROSS << 3)) | load<u64>(rec + (<usize>T_GROSS << 3), 8)) == 0) return E_INVALID_SNAPSHOT;
    const slot = store_.insert(t);
    memory.copy(store_.ptr(slot), rec, <usize>TICK_STRIDE << 3);
    bitmap.flipTick(t, ts);
  }
  pool.ticks = store_;
  pool.bitmap = bitmap;
  // The range totals described liquidity held by the old ticks.
  pool.rangeSlots.clear();
  pool.ranges.length = 0;
  pool.gen++;
  pool.tickGen++;
  return OK;
}

/** Writes every initialized tick's record, ascending by tick, to `dst` (room for pool.ticks.size records). */
export function writeTicks(pool: Pool, dst: usize): void {
  const bm = pool.bitmap;
  const ts = pool.tickSpacing;
  let k = 0;
  for (let wi = 0; wi < bm.index.length; wi++) {
    const slot = unchecked(bm.index[wi]);
    if (slot < 0) continue;
    const wordPos = bm.minWord + wi;
    const wp = changetype<usize>(bm.words) + (<usize>slot << 5);
    for (let li = 0; li < 4; li++) {
      let w = load<u64>(wp + (<usize>li << 3));
      while (w != 0) {
        const t = ((wordPos << 8) + (li << 6) + <i32>ctz(w)) * ts;
        w &= w - 1;
        memory.copy(dst + (<usize>(k * TICK_STRIDE) << 3), pool.ticks.ptrOf(t), <usize>TICK_STRIDE << 3);
        k++;
      }
    }
  }
}
