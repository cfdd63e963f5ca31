/**
 * LiquidityMath: signed deltas on uint128 liquidity. Twin of contracts/libraries/LiquidityMath.sol.
 * @module
 */
import { check, trapError } from "./call.js";
import { aBigint, MAX_INT128, MAX_UINT128, MIN_INT128 } from "./convert.js";
import { core, r128, w128 } from "./_io.js";

/**
 * Adds a signed liquidity delta `y` (int128) to `x` (uint128).
 * @throws LiquidityUnderflowError when the result is negative, LiquidityOverflowError above 2^128-1.
 * @example
 * LiquidityMath.addDelta(1n, -1n); // 0n
 */
export function addDelta(x: bigint, y: bigint): bigint {
  aBigint(x, 0n, MAX_UINT128, "x", "LiquidityMath.addDelta");
  aBigint(y, MIN_INT128, MAX_INT128, "y", "LiquidityMath.addDelta");
  const { exports, io, io32 } = core();
  w128(io, 0, x);
  w128(io, 2, y);
  try {
    check(exports.liquidityAddDelta(), "LiquidityMath.addDelta");
  } catch (e) {
    throw trapError(e, "LiquidityMath.addDelta");
  }
  return r128(io, 0, io32);
}
