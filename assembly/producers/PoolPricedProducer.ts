// Twin of contracts/producers/PoolPricedProducer.sol: a 2sAMM producer's Record is one `_recordAt` at a price and
// its tick, either the pool's spot (`record`: slot0's price and tick, the tick as the pool keeps it) or a reference
// sqrt price (`referenceRecord`: its tick from getTickAtSqrtRatio). These choose the price; the producers' files hold
// the `_recordAt`s.

import { OK } from "../errors";
import { S_SQRT_PRICE, S_TICK } from "../layout";
import { Pool } from "../pool/Pool";
import { getTickAtSqrtRatio } from "../libraries/TickMath";
import { tickResult } from "../registers";

/** The valuation's sqrt price (3 limbs) and tick, set by record / referenceRecord. */
export let atSqrt0: u64 = 0, atSqrt1: u64 = 0, atSqrt2: u64 = 0;
export let atTick: i32 = 0;

/** The price of `record(assetId)`: the pool's slot0. */
export function record(pool: Pool): i32 {
  const s = pool.state;
  atSqrt0 = unchecked(s[S_SQRT_PRICE]);
  atSqrt1 = unchecked(s[S_SQRT_PRICE + 1]);
  atSqrt2 = unchecked(s[S_SQRT_PRICE + 2]);
  atTick = <i32>unchecked(s[S_TICK]);
  return OK;
}

/** The price of `referenceRecord(assetId)`: sqrtRef (p0..p2) and getTickAtSqrtRatio(sqrtRef). InvalidSqrtPrice. */
export function referenceRecord(p0: u64, p1: u64, p2: u64): i32 {
  const e = getTickAtSqrtRatio(p0, p1, p2, 0);
  if (e != OK) return e;
  atSqrt0 = p0;
  atSqrt1 = p1;
  atSqrt2 = p2;
  atTick = tickResult;
  return OK;
}
