// The benchmark pool built in each implementation, and the quote inputs of the
// full-quote rows. Every input is derived from the BigInt model once, then the
// bench checks that every implementation returns the same result for it.
import { Pool } from "../../bindings/index.js";
import { Pool as ModelPool, type SwapParams } from "../../bindings/model/Pool.js";
import { getSqrtRatioAtTick, MIN_SQRT_RATIO } from "../../bindings/model/TickMath.js";
import { FEE_PIPS, POSITIONS, START_TICK, TICK_SPACING, tickAfterCrossing, tickList, type Position } from "./scenario.js";

/** Taker reservations for the "active takers" row: half of maker position k for k = 3, 6, ..., 48. */
// Inside [-60k, 60k) the makers j >= k are all in force, so reserved/provided stays <= 1/2 < the 70% cap.
export const TAKERS: Position[] = POSITIONS.filter((_, i) => (i + 1) % 3 === 0).map((p) => ({ ...p, liquidity: p.liquidity / 2n }));

export const START_SQRT_PRICE = getSqrtRatioAtTick(START_TICK);

/** Flat 0.3% fee and no protocol share: the configuration Uniswap V3 (and the SDK) compute. */
export const UNI_CONFIG = { sqrtPriceX96: START_SQRT_PRICE, tickSpacing: TICK_SPACING, fee: FEE_PIPS, protocolFeePips: 0 };
/** The default 2sAMM configuration: dynamic fee curve 100/5000/50000, 5% protocol share, 70% cap. */
export const TAKER_CONFIG = { sqrtPriceX96: START_SQRT_PRICE, tickSpacing: TICK_SPACING };

export function wasmPool(takers: Position[] = []): Pool {
  const pool = new Pool(takers.length ? TAKER_CONFIG : UNI_CONFIG);
  for (const p of POSITIONS) pool.mint(p.tickLower, p.tickUpper, p.liquidity);
  for (const p of takers) pool.take(p.tickLower, p.tickUpper, p.liquidity);
  return pool;
}

export function modelPool(takers: Position[] = []): ModelPool {
  const pool = new ModelPool(takers.length ? TAKER_CONFIG : UNI_CONFIG);
  for (const p of POSITIONS) pool.mint(p.tickLower, p.tickUpper, p.liquidity);
  for (const p of takers) pool.take(p.tickLower, p.tickUpper, p.liquidity);
  return pool;
}

/** Initialized ticks a zeroForOne swap from START_TICK crossed to end at `tick`. */
export function ticksCrossed(tick: number): number {
  return tickList().filter((t) => t.index <= START_TICK && t.index > tick).length;
}

export interface QuoteCase {
  name: string;
  crossings: number;
  exactInput: boolean;
  params: Required<SwapParams>;
}

const HUGE = 1n << 200n;

/**
 * A zeroForOne quote crossing `k` ticks. Below the last tick there is no liquidity, so the
 * all-ticks case is bounded by a price limit (with twice the needed amount); the others are
 * bounded by their amount (the one that reaches the midpoint below the k-th tick) and use the
 * default limit.
 */
export function quoteCase(pool: ModelPool, k: number, exactInput: boolean): QuoteCase {
  const limit = getSqrtRatioAtTick(tickAfterCrossing(k));
  const reach = pool.quote({ zeroForOne: true, amountSpecified: exactInput ? HUGE : -HUGE, sqrtPriceLimitX96: limit });
  const needed = exactInput ? reach.amount0 : reach.amount1; // > 0 paid in; < 0 paid out
  const bounded = k === tickList().filter((t) => t.index <= START_TICK).length;
  const params = bounded
    ? { zeroForOne: true, amountSpecified: 2n * needed, sqrtPriceLimitX96: limit }
    : { zeroForOne: true, amountSpecified: needed, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n };
  const label = bounded ? `all ${k}` : String(k);
  return { name: `quote exact ${exactInput ? "in" : "out"}, ${label} ticks crossed`, crossings: k, exactInput, params };
}
