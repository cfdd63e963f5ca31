// ABI shims of the pool engine (re-exported by index.ts). A pool is a handle
// (i32 >= 1). Wide arguments and results go through the IO region (io.ts);
// bulk data (quoteMany amounts, tick snapshots) through one resident scratch
// buffer whose address `poolScratch` returns. Every export returns an error code.

import { IO, ioGet, ioSet } from "../io";
import { E_INVALID_SNAPSHOT, E_INVALID_SQRT_PRICE, E_POOL_NOT_FOUND, OK } from "../errors";
import { r0, r1, r2, r3 } from "../libraries/U256";
import { getSqrtRatioAtTick, getTickAtSqrtRatio, MAX_TICK, MIN_TICK, tickResult } from "../libraries/TickMath";
import { TICK_STRIDE, T_GROSS, T_TICK, TickStore } from "../libraries/Tick";
import { nextInitialized, TickBitmap } from "../libraries/TickBitmap";
import {
  amounts0,
  amounts1,
  amountsForLiquidity,
  checkConfig,
  in0, in1, in2, in3, lim0, lim1, lim2,
  amt0_0, amt0_1, amt0_2, amt0_3, amt1_0, amt1_1, amt1_2, amt1_3,
  modifyLiquidity,
  out,
  Pool,
  poolOf,
  refreshActive,
  register,
  swap,
  swapFee,
  swapProtocolFee,
  unregister,
  feeGrowthInsideOf,
} from "./Pool";
import { QUOTE_STRIDE, S_FG0, S_FG1, S_LIQUIDITY, S_MAKER, S_SQRT_PRICE, S_TAKER, S_TICK, STATE_WORDS } from "../layout";

// ---------------------------------------------------------------- scratch

let scratch = new StaticArray<u64>(1024);

/** Address of a resident buffer of at least `words` u64 (grown when needed; JS re-reads memory after). */
export function poolScratch(words: i32): usize {
  if (words > scratch.length) {
    let n = scratch.length;
    while (n < words) n <<= 1;
    scratch = new StaticArray<u64>(n);
  }
  return changetype<usize>(scratch);
}

// ---------------------------------------------------------------- lifecycle

/**
 * Creates a pool at IO[0..3] = sqrtPriceX96. Writes the handle to IO[0].
 * InvalidTickSpacing, InvalidFeeParams, InvalidProtocolFee, InvalidTakerCap, InvalidSqrtPrice (in that order).
 */
export function poolCreate(tickSpacing: i32, minFee: u32, midFee: u32, maxFee: u32, protocolFeePips: u32, takerCapPips: u32): i32 {
  let e = checkConfig(tickSpacing, minFee, midFee, maxFee, protocolFeePips, takerCapPips);
  if (e != OK) return e;
  const p0 = ioGet(0), p1 = ioGet(1), p2 = ioGet(2), p3 = ioGet(3);
  e = getTickAtSqrtRatio(p0, p1, p2, p3);
  if (e != OK) return e;
  const tick = tickResult;
  const pool = new Pool(tickSpacing);
  pool.minFeePips = minFee;
  pool.midFeePips = midFee;
  pool.maxFeePips = maxFee;
  pool.protocolFeePips = protocolFeePips;
  pool.takerCapPips = takerCapPips;
  const s = pool.state;
  unchecked((s[S_SQRT_PRICE] = p0));
  unchecked((s[S_SQRT_PRICE + 1] = p1));
  unchecked((s[S_SQRT_PRICE + 2] = p2));
  unchecked((s[S_TICK] = <u64>(<i64>tick)));
  refreshActive(pool);
  ioSet(0, <u64>register(pool));
  return OK;
}

/** Frees a pool; its handle may be reused. PoolNotFound for a bad handle. */
export function poolDestroy(handle: i32): i32 {
  return unregister(handle);
}

// ---------------------------------------------------------------- liquidity

/**
 * mint (side 0, add 1), burn (0, 0), take (1, 1), release (1, 0) of IO[0..1] = liquidity
 * over [tickLower, tickUpper). IO[0..3] = amount0, IO[4..7] = amount1 of the change
 * (as poolAmountsForLiquidity, after it).
 */
export function poolModify(handle: i32, tickLower: i32, tickUpper: i32, side: i32, add: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  const lo = ioGet(0), hi = ioGet(1);
  const e = modifyLiquidity(pool, tickLower, tickUpper, lo, hi, side, add != 0);
  if (e != OK) return e;
  // What the owner pays in rounds up (mint, release), what it gets rounds down (burn, take).
  return poolAmountsForLiquidity(handle, tickLower, tickUpper, (side == 0) == (add != 0) ? 1 : 0);
}

/**
 * Token amounts of IO[0..1] = liquidity over [tickLower, tickUpper) at the current
 * price (rounded up when `roundUp`, as for a mint; down as for a burn):
 * IO[0..3] = amount0, IO[4..7] = amount1.
 */
export function poolAmountsForLiquidity(handle: i32, tickLower: i32, tickUpper: i32, roundUp: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  const e = amountsForLiquidity(pool, tickLower, tickUpper, ioGet(0), ioGet(1), roundUp != 0);
  if (e != OK) return e;
  for (let i = 0; i < 4; i++) {
    ioSet(i, unchecked(amounts0[i]));
    ioSet(4 + i, unchecked(amounts1[i]));
  }
  return OK;
}

/** Fee growth inside [tickLower, tickUpper): IO[0..3] token0, IO[4..7] token1. */
export function poolFeeGrowthInside(handle: i32, tickLower: i32, tickUpper: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  return feeGrowthInsideOf(pool, tickLower, tickUpper, IO);
}

// ---------------------------------------------------------------- swap

/**
 * swap (commit 1) or quote (commit 0) of IO[0..3] = amountSpecified (int256),
 * IO[4..6] = sqrtPriceLimitX96. Results: IO[0..3] amount0, IO[4..7] amount1,
 * IO[8..8+STATE_WORDS) the pool state after the swap (layout of Pool.state),
 * then 4 limbs each: the fee paid (input token, protocol share included) and the protocol's share.
 */
export function poolSwap(handle: i32, zeroForOne: i32, commit: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  in0 = ioGet(0);
  in1 = ioGet(1);
  in2 = ioGet(2);
  in3 = ioGet(3);
  lim0 = ioGet(4);
  lim1 = ioGet(5);
  lim2 = ioGet(6);
  const e = swap(pool, zeroForOne != 0, commit != 0);
  if (e != OK) return e;
  ioSet(0, amt0_0);
  ioSet(1, amt0_1);
  ioSet(2, amt0_2);
  ioSet(3, amt0_3);
  ioSet(4, amt1_0);
  ioSet(5, amt1_1);
  ioSet(6, amt1_2);
  ioSet(7, amt1_3);
  memory.copy(IO + 64, changetype<usize>(out), <usize>STATE_WORDS << 3);
  memory.copy(IO + ((8 + <usize>STATE_WORDS) << 3), changetype<usize>(swapFee), 32);
  memory.copy(IO + ((12 + <usize>STATE_WORDS) << 3), changetype<usize>(swapProtocolFee), 32);
  return OK;
}


/**
 * Quotes scratch[4i..4i+3] = amountSpecified_i for i < n against the same state,
 * with IO[0..2] = sqrtPriceLimitX96, writing result i at scratch[4n + 12i ..].
 * On a failure returns its code with IO[0] = the failing index.
 */
export function poolQuoteMany(handle: i32, zeroForOne: i32, n: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  const l0 = ioGet(0), l1 = ioGet(1), l2 = ioGet(2);
  const base = changetype<usize>(scratch);
  const outBase = base + (<usize>(n * 4) << 3);
  for (let i = 0; i < n; i++) {
    const a = base + (<usize>(i * 4) << 3);
    in0 = load<u64>(a);
    in1 = load<u64>(a, 8);
    in2 = load<u64>(a, 16);
    in3 = load<u64>(a, 24);
    lim0 = l0;
    lim1 = l1;
    lim2 = l2;
    const e = swap(pool, zeroForOne != 0, false);
    if (e != OK) {
      ioSet(0, <u64>i);
      return e;
    }
    const o = outBase + (<usize>(i * QUOTE_STRIDE) << 3);
    store<u64>(o, amt0_0);
    store<u64>(o, amt0_1, 8);
    store<u64>(o, amt0_2, 16);
    store<u64>(o, amt0_3, 24);
    store<u64>(o, amt1_0, 32);
    store<u64>(o, amt1_1, 40);
    store<u64>(o, amt1_2, 48);
    store<u64>(o, amt1_3, 56);
    store<u64>(o, unchecked(out[S_SQRT_PRICE]), 64);
    store<u64>(o, unchecked(out[S_SQRT_PRICE + 1]), 72);
    store<u64>(o, unchecked(out[S_SQRT_PRICE + 2]), 80);
    store<u64>(o, unchecked(out[S_TICK]), 88);
  }
  return OK;
}

// ---------------------------------------------------------------- state and snapshots

/** IO[0..STATE_WORDS) = the pool's state (layout of Pool.state). */
export function poolGetState(handle: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  memory.copy(IO, changetype<usize>(pool.state), <usize>STATE_WORDS << 3);
  return OK;
}

/**
 * Sets the scalar state from IO (layout of Pool.state; liquidity and fee are
 * derived). InvalidSqrtPrice for a price out of bounds; InvalidSnapshot when
 * the tick does not belong to the price (Uniswap leaves tick = t - 1 at the
 * price of t after a leftward swap ending on t, so both are accepted) or
 * taker > maker.
 */
export function poolSetState(handle: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  const p0 = ioGet(S_SQRT_PRICE), p1 = ioGet(S_SQRT_PRICE + 1), p2 = ioGet(S_SQRT_PRICE + 2);
  if (ioGet(S_SQRT_PRICE + 3) != 0) return E_INVALID_SQRT_PRICE;
  const e = getTickAtSqrtRatio(p0, p1, p2, 0);
  if (e != OK) return e;
  const t = tickResult;
  const tick = <i32>(<i64>ioGet(S_TICK));
  if (tick != t) {
    if (tick != t - 1 || t - 1 < MIN_TICK) return E_INVALID_SNAPSHOT;
    getSqrtRatioAtTick(t);
    if (!(r0 == p0 && r1 == p1 && r2 == p2)) return E_INVALID_SNAPSHOT;
  }
  const mk0 = ioGet(S_MAKER), mk1 = ioGet(S_MAKER + 1), tk0 = ioGet(S_TAKER), tk1 = ioGet(S_TAKER + 1);
  if (tk1 > mk1 || (tk1 == mk1 && tk0 > mk0)) return E_INVALID_SNAPSHOT;
  memory.copy(changetype<usize>(pool.state), IO, <usize>STATE_WORDS << 3);
  refreshActive(pool);
  pool.gen++;
  return OK;
}

/**
 * Replaces all ticks with the n records at scratch[0..n*TICK_STRIDE) (layout of
 * a tick record, see Tick.ts; T_TICK holds the tick as i64). InvalidSnapshot
 * when a tick is out of bounds, not a multiple of the spacing, repeated, or has
 * zero gross liquidity. Nothing changes on failure. The per-range maker/taker
 * totals are cleared (burn/release need a mint/take after the snapshot).
 */
export function poolSetTicks(handle: i32, n: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  const ts = pool.tickSpacing;
  const store_ = new TickStore();
  const bitmap = new TickBitmap(ts);
  for (let i = 0; i < n; i++) {
    const rec = changetype<usize>(scratch) + (<usize>(i * TICK_STRIDE) << 3);
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

/** Number of initialized ticks. */
export function poolTickCount(handle: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return -1;
  return pool.ticks.size;
}

/**
 * Writes every initialized tick's record (ascending by tick) to the scratch
 * buffer (call poolScratch(poolTickCount * TICK_STRIDE) first).
 */
export function poolGetTicks(handle: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
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
        memory.copy(changetype<usize>(scratch) + (<usize>(k * TICK_STRIDE) << 3), pool.ticks.ptrOf(t), <usize>TICK_STRIDE << 3);
        k++;
      }
    }
  }
  return OK;
}

/** The nextInitializedTickWithinOneWord of a pool's bitmap: returns the tick, IO[0] = initialized. */
export function poolNextInitializedTick(handle: i32, tick: i32, lte: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return 0;
  const t = pool.bitmap.nextInitializedTickWithinOneWord(tick, pool.tickSpacing, lte != 0);
  ioSet(0, nextInitialized ? 1 : 0);
  return t;
}
