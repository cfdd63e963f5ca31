/**
 * LiquidityMath: signed deltas on uint128 liquidity. Twin of contracts/libraries/LiquidityMath.sol.
 * @module
 */
import { check, trapError } from "./call.js";
import { aBigint, get128, MAX_INT128, MAX_UINT128, MIN_INT128, put128 } from "./convert.js";
import { getCore } from "./wasm.js";

/**
 * Adds a signed liquidity delta `y` (int128) to `x` (uint128).
 * @throws LiquidityUnderflowError when the result is negative, LiquidityOverflowError above 2^128-1.
 * @example
 * LiquidityMath.addDelta(1n, -1n); // 0n
 */
export function addDelta(x: bigint, y: bigint): bigint {
  aBigint(x, 0n, MAX_UINT128, "x", "LiquidityMath.addDelta");
  aBigint(y, MIN_INT128, MAX_INT128, "y", "LiquidityMath.addDelta");
  const { exports, io } = getCore();
  put128(io, 0, x);
  put128(io, 2, y);
  try {
    check(exports.liquidityAddDelta(), "LiquidityMath.addDelta");
  } catch (e) {
    throw trapError(e, "LiquidityMath.addDelta");
  }
  return get128(io, 0);
}
