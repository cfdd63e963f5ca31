// ABI shims of the pool engine (re-exported by index.ts). A pool is a handle
// (i32 >= 1). Every export returns 0 or an error code (errors.ts); wide
// arguments and every result go through the IO region (io.ts); bulk data
// (quoteMany amounts, tick snapshots) through one resident scratch buffer
// whose address `poolScratch` returns.

import { IO, ioGet, ioSet } from "../io";
import { E_POOL_NOT_FOUND, OK } from "../errors";
import { getTickAtSqrtRatio } from "../libraries/TickMath";
import { MAKER, QUOTE_STRIDE, S_SQRT_PRICE, S_TICK, STATE_WORDS, SWAP_AMOUNT0, SWAP_STATE } from "../layout";
import { checkConfig, createPool } from "./Config";
import { modifyLiquidity } from "./Liquidity";
import { loadState, loadTicks, writeTicks } from "./Snapshot";
import { poolOf, register, unregister } from "./State";
import { swap } from "./Swap";
import { amountsForLiquidity, feeGrowthInsideOf, nextInitializedTick } from "./Views";
import { tickResult } from "../registers";

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
  const p0 = ioGet(0), p1 = ioGet(1), p2 = ioGet(2);
  e = getTickAtSqrtRatio(p0, p1, p2, ioGet(3));
  if (e != OK) return e;
  ioSet(0, <u64>register(createPool(tickSpacing, minFee, midFee, maxFee, protocolFeePips, takerCapPips, p0, p1, p2, tickResult)));
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
  return amountsForLiquidity(pool, tickLower, tickUpper, lo, hi, (side == MAKER) == (add != 0), IO);
}

/**
 * Token amounts of IO[0..1] = liquidity over [tickLower, tickUpper) at the current
 * price (rounded up when `roundUp`, as for a mint; down as for a burn):
 * IO[0..3] = amount0, IO[4..7] = amount1.
 */
export function poolAmountsForLiquidity(handle: i32, tickLower: i32, tickUpper: i32, roundUp: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  return amountsForLiquidity(pool, tickLower, tickUpper, ioGet(0), ioGet(1), roundUp != 0, IO);
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
 * IO[4..6] = sqrtPriceLimitX96. Results in IO (layout.ts, SWAP_*): amount0, amount1,
 * the pool state after the swap (layout of Pool.state), the fee paid (input token,
 * protocol share included) and the protocol's share.
 */
export function poolSwap(handle: i32, zeroForOne: i32, commit: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  return swap(pool, zeroForOne != 0, commit != 0, ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6));
}

/**
 * Quotes scratch[4i..4i+3] = amountSpecified_i for i < n against the same state,
 * with IO[0..2] = sqrtPriceLimitX96, writing result i (amount0, amount1, sqrtPriceX96,
 * tick: QUOTE_STRIDE words) at scratch[4n + QUOTE_STRIDE * i ..].
 * On a failure returns its code with IO[0] = the failing index.
 */
export function poolQuoteMany(handle: i32, zeroForOne: i32, n: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  // each quote's results overwrite IO, the limit first
  const l0 = ioGet(0), l1 = ioGet(1), l2 = ioGet(2);
  const base = changetype<usize>(scratch);
  const outBase = base + (<usize>(n * 4) << 3);
  for (let i = 0; i < n; i++) {
    const a = base + (<usize>(i * 4) << 3);
    const e = swap(pool, zeroForOne != 0, false, load<u64>(a), load<u64>(a, 8), load<u64>(a, 16), load<u64>(a, 24), l0, l1, l2);
    if (e != OK) {
      ioSet(0, <u64>i);
      return e;
    }
    const o = outBase + (<usize>(i * QUOTE_STRIDE) << 3);
    // amount0, amount1, then sqrtPriceX96 (3 limbs) and the tick, adjacent in the state block
    memory.copy(o, IO + (<usize>SWAP_AMOUNT0 << 3), 64);
    memory.copy(o + 64, IO + (<usize>(SWAP_STATE + S_SQRT_PRICE) << 3), 24);
    store<u64>(o, ioGet(SWAP_STATE + S_TICK), 88);
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

/** Sets the scalar state from IO (layout of Pool.state), see Snapshot.loadState. */
export function poolSetState(handle: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  return loadState(pool, IO);
}

/** Replaces all ticks with the n records at scratch[0..n*TICK_STRIDE), see Snapshot.loadTicks. */
export function poolSetTicks(handle: i32, n: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  return loadTicks(pool, changetype<usize>(scratch), n);
}

/** IO[0] = the number of initialized ticks. */
export function poolTickCount(handle: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  ioSet(0, <u64>pool.ticks.size);
  return OK;
}

/**
 * Writes every initialized tick's record (ascending by tick) to the scratch
 * buffer (call poolScratch(count * TICK_STRIDE) first, count from poolTickCount).
 */
export function poolGetTicks(handle: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  writeTicks(pool, changetype<usize>(scratch));
  return OK;
}

/**
 * The nextInitializedTickWithinOneWord of a pool's bitmap from `tick` (`lte` 1: at or below it):
 * IO[0] = the tick (as i64), IO[1] = 1 when it is initialized, else 0.
 */
export function poolNextInitializedTick(handle: i32, tick: i32, lte: i32): i32 {
  const pool = poolOf(handle);
  if (pool === null) return E_POOL_NOT_FOUND;
  nextInitializedTick(pool, tick, lte != 0, IO);
  return OK;
}
