/**
 * LiquidityMath: a signed int128 delta applied to a uint128 liquidity.
 * @module
 */
import { MAX_INT128, MAX_UINT128, MIN_INT128 } from "./constants.js";
import { inRange } from "./_check.js";
import { LiquidityOverflowError, LiquidityUnderflowError } from "./errors.js";

/**
 * `x + y` for uint128 `x` and int128 `y`.
 * @throws LiquidityUnderflowError when the result is negative; LiquidityOverflowError above 2^128-1.
 * @example
 * addDelta(1n, -1n); // 0n
 */
export function addDelta(x: bigint, y: bigint): bigint {
  inRange(x, 0n, MAX_UINT128, "x", "LiquidityMath.addDelta");
  inRange(y, MIN_INT128, MAX_INT128, "y", "LiquidityMath.addDelta");
  const z = x + y;
  if (z < 0n) throw new LiquidityUnderflowError("LiquidityUnderflow: liquidity would go below zero", { details: `${x} + (${y})` });
  if (z > MAX_UINT128) throw new LiquidityOverflowError("LiquidityOverflow: liquidity would exceed uint128", { details: `${x} + ${y}` });
  return z;
}
