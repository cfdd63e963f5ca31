// Configuration of a pool: the constructor's checks, the range checks, and the
// fee the curve gives at the pool's parameters (TwoSidedPool's constructor,
// checkTicks and _currentFee).

import {
  E_INVALID_FEE_PARAMS,
  E_INVALID_PROTOCOL_FEE,
  E_INVALID_TAKER_CAP,
  E_INVALID_TICK_RANGE,
  E_INVALID_TICK_SPACING,
  OK,
} from "../errors";
import { sub256 } from "../libraries/U256";
import { MAX_TICK, MIN_TICK } from "../libraries/TickMath";
import { feePips } from "../libraries/FeeCurve";
import { S_FEE, S_LIQUIDITY, S_MAKER, S_SQRT_PRICE, S_TAKER, S_TICK } from "../layout";
import { Pool } from "./State";
import { r0, r1 } from "../registers";

/** Pool configuration checks in the order docs/errors.md lists them. */
export function checkConfig(tickSpacing: i32, minFee: u32, midFee: u32, maxFee: u32, protocolFeePips: u32, takerCapPips: u32): i32 {
  if (tickSpacing < 1 || tickSpacing > 16384) return E_INVALID_TICK_SPACING;
  if (!(minFee <= midFee && midFee <= maxFee && maxFee < 1_000_000)) return E_INVALID_FEE_PARAMS;
  if (protocolFeePips > 1_000_000) return E_INVALID_PROTOCOL_FEE;
  if (takerCapPips > 1_000_000) return E_INVALID_TAKER_CAP;
  return OK;
}

/**
 * A pool of a checked configuration, initialized at the sqrt price (p0..p2) whose tick is
 * `tick` (Uniswap's initialize).
 */
export function createPool(tickSpacing: i32, minFee: u32, midFee: u32, maxFee: u32, protocolFeePips: u32, takerCapPips: u32, p0: u64, p1: u64, p2: u64, tick: i32): Pool {
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
  return pool;
}

/** Uniswap's checkTicks plus the spacing rule (InvalidTickRange). */
export function checkRange(pool: Pool, tickLower: i32, tickUpper: i32): i32 {
  if (tickLower >= tickUpper || tickLower < MIN_TICK || tickUpper > MAX_TICK) return E_INVALID_TICK_RANGE;
  if (tickLower % pool.tickSpacing != 0 || tickUpper % pool.tickSpacing != 0) return E_INVALID_TICK_RANGE;
  return OK;
}

/** liquidity = maker - taker, and the fee at the new ratio. */
export function refreshActive(pool: Pool): void {
  const s = pool.state;
  const mk0 = unchecked(s[S_MAKER]), mk1 = unchecked(s[S_MAKER + 1]);
  const tk0 = unchecked(s[S_TAKER]), tk1 = unchecked(s[S_TAKER + 1]);
  sub256(mk0, mk1, 0, 0, tk0, tk1, 0, 0);
  unchecked((s[S_LIQUIDITY] = r0));
  unchecked((s[S_LIQUIDITY + 1] = r1));
  unchecked((s[S_FEE] = <u64>currentFee(pool, mk0, mk1, tk0, tk1)));
}

/** FeeCurve.feePips(taker, maker) with the pool's parameters. */
export function currentFee(pool: Pool, mk0: u64, mk1: u64, tk0: u64, tk1: u64): u32 {
  if (pool.flatFee) return pool.minFeePips;
  // cannot fail: the parameters were checked at create
  return <u32>feePips(tk0, tk1, mk0, mk1, pool.minFeePips, pool.midFeePips, pool.maxFeePips);
}

/** S_FEE of a swap's state block after a crossing, until a step needs the fee. */
export const FEE_STALE: u64 = ~(<u64>0);

/**
 * The fee of the state block at `st` (a swap's, in IO), recomputed when a crossing left it
 * stale: a crossing changes the liquidity, and a step taken from the cache carries its own fee.
 */
// @ts-ignore: decorator
@inline export function feeOf(pool: Pool, st: usize): u32 {
  let f = load<u64>(st, S_FEE << 3);
  if (f == FEE_STALE) {
    f = <u64>currentFee(pool, load<u64>(st, S_MAKER << 3), load<u64>(st, (S_MAKER + 1) << 3), load<u64>(st, S_TAKER << 3), load<u64>(st, (S_TAKER + 1) << 3));
    store<u64>(st, f, S_FEE << 3);
  }
  return <u32>f;
}
