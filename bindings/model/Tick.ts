/**
 * Tick: per-tick limits, as Uniswap V3's Tick library.
 * @module
 */
import { MAX_UINT128 } from "./constants.js";
import { MAX_TICK, MIN_TICK } from "./TickMath.js";

/**
 * The most liquidity any one tick may reference (`liquidityGross`), so that the sum over all
 * usable ticks of a spacing still fits in a uint128: `(2^128-1) / numberOfUsableTicks`.
 * @example
 * tickSpacingToMaxLiquidityPerTick(60); // 11505743598341114571880798222544994n
 */
export function tickSpacingToMaxLiquidityPerTick(tickSpacing: number): bigint {
  // Usable ticks: multiples of the spacing within [MIN_TICK, MAX_TICK] (Solidity division truncates).
  const minTick = Math.trunc(MIN_TICK / tickSpacing) * tickSpacing;
  const maxTick = Math.trunc(MAX_TICK / tickSpacing) * tickSpacing;
  const numTicks = BigInt((maxTick - minTick) / tickSpacing + 1);
  return MAX_UINT128 / numTicks;
}
