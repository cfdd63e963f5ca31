/**
 * LiquidityAmounts: the position-sizing helpers Uniswap's SDK users reach for (price from amounts,
 * liquidity from amounts, the per-tick liquidity limit). They are not on a hot path, so they run
 * the readable BigInt forms of `bindings/model/` behind the bindings' input checks.
 * @module
 */
import { aBigint, aBool, aInt, MAX_UINT160, MAX_UINT256 } from "./convert.js";
import { DivisionByZeroError, ValueOutOfRangeError } from "./errors.js";
import * as LA from "../model/LiquidityAmounts.js";
import { tickSpacingToMaxLiquidityPerTick as maxPerTick } from "../model/Tick.js";

/**
 * `floor(sqrt(amount1 / amount0) * 2^96)`: the sqrt price (Q64.96) of `amount1` token1 per `amount0` token0.
 * @throws DivisionByZeroError when amount0 is 0; ValueOutOfRangeError when the price does not fit a uint160.
 * @example
 * LiquidityAmounts.encodeSqrtRatioX96(1n, 1n); // 79228162514264337593543950336n
 */
export function encodeSqrtRatioX96(amount1: bigint, amount0: bigint): bigint {
  const fn = "LiquidityAmounts.encodeSqrtRatioX96";
  aBigint(amount1, 0n, MAX_UINT256, "amount1", fn);
  aBigint(amount0, 0n, MAX_UINT256, "amount0", fn);
  if (amount0 === 0n) throw new DivisionByZeroError(`${fn}: amount0 is zero`);
  const r = LA.encodeSqrtRatioX96(amount1, amount0);
  if (r > MAX_UINT160) throw new ValueOutOfRangeError(`${fn}: price does not fit a uint160`, { details: `amount1 / amount0 too large` });
  return r;
}

/**
 * The largest liquidity over [A, B] that `amount0` and `amount1` can fund at the current price
 * (v3-sdk semantics; `useFullPrecision = false` reproduces the SDK's imprecise token0 formula).
 * @throws DivisionByZeroError when sqrtRatioAX96 == sqrtRatioBX96.
 * @example
 * LiquidityAmounts.maxLiquidityForAmounts(1n << 96n, 75541088972021052632782079082n, 83095197869223157896060286990n, 100n, 200n, true); // 2148n
 */
export function maxLiquidityForAmounts(
  sqrtRatioCurrentX96: bigint,
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  amount0: bigint,
  amount1: bigint,
  useFullPrecision: boolean,
): bigint {
  const fn = "LiquidityAmounts.maxLiquidityForAmounts";
  aBigint(sqrtRatioCurrentX96, 0n, MAX_UINT160, "sqrtRatioCurrentX96", fn);
  aBigint(sqrtRatioAX96, 0n, MAX_UINT160, "sqrtRatioAX96", fn);
  aBigint(sqrtRatioBX96, 0n, MAX_UINT160, "sqrtRatioBX96", fn);
  aBigint(amount0, 0n, MAX_UINT256, "amount0", fn);
  aBigint(amount1, 0n, MAX_UINT256, "amount1", fn);
  aBool(useFullPrecision, "useFullPrecision", fn);
  if (sqrtRatioAX96 === sqrtRatioBX96) throw new DivisionByZeroError(`${fn}: sqrtRatioAX96 == sqrtRatioBX96`);
  return LA.maxLiquidityForAmounts(sqrtRatioCurrentX96, sqrtRatioAX96, sqrtRatioBX96, amount0, amount1, useFullPrecision);
}

/**
 * The most liquidity any one tick may reference at `tickSpacing` (Uniswap V3's
 * `Tick.tickSpacingToMaxLiquidityPerTick`; the pools enforce it as TickLiquidityOverflow).
 * @example
 * LiquidityAmounts.tickSpacingToMaxLiquidityPerTick(60); // 11505743598341114571880798222544994n
 */
export function tickSpacingToMaxLiquidityPerTick(tickSpacing: number): bigint {
  aInt(tickSpacing, 1, 887272, "tickSpacing", "LiquidityAmounts.tickSpacingToMaxLiquidityPerTick");
  return maxPerTick(tickSpacing);
}
