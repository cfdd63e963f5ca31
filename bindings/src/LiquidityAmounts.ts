/**
 * LiquidityAmounts: the position-sizing helpers Uniswap's SDK users reach for (price from amounts,
 * liquidity from amounts, the per-tick liquidity limit). They are not on a hot path, so they run
 * as plain BigInt arithmetic here, behind the bindings' input checks. `bindings/model/` holds an
 * independent copy of the same formulas that the tests use as an oracle; this module does not
 * import it, so the shipped bundle carries no model code.
 * @module
 */
import { aBigint, aBool, aInt, MAX_UINT128, MAX_UINT160, MAX_UINT256 } from "./convert.js";
import { DivisionByZeroError, ValueOutOfRangeError } from "./errors.js";
import { MAX_TICK, MIN_TICK } from "./TickMath.js";

const Q96 = /* @__PURE__ */ BigInt(1) << /* @__PURE__ */ BigInt(96);

/** `floor(sqrt(n))` for `n >= 0`: Newton's iteration from a power of two at or above the root. */
function sqrtFloor(n: bigint): bigint {
  if (n < 2n) return n;
  // 2^ceil(bits/2) >= sqrt(n); from above, the iterates decrease until they reach the floor.
  let x = 1n << BigInt((n.toString(2).length + 1) >> 1);
  for (;;) {
    const next = (x + n / x) >> 1n;
    if (next >= x) return x;
    x = next;
  }
}

/** Liquidity `amount0` buys over [A, B] with A <= B, the SDK's imprecise form: `(√A·√B / 2^96)` is floored first. */
function liquidityForAmount0Imprecise(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount0: bigint): bigint {
  const intermediate = (sqrtRatioAX96 * sqrtRatioBX96) / Q96;
  return (amount0 * intermediate) / (sqrtRatioBX96 - sqrtRatioAX96);
}

/** Liquidity `amount0` buys over [A, B] with A <= B: `floor(amount0·√A·√B / (2^96·(√B − √A)))`. */
function liquidityForAmount0Precise(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount0: bigint): bigint {
  return (amount0 * sqrtRatioAX96 * sqrtRatioBX96) / (Q96 * (sqrtRatioBX96 - sqrtRatioAX96));
}

/** Liquidity `amount1` buys over [A, B] with A <= B: `floor(amount1·2^96 / (√B − √A))`. */
function liquidityForAmount1(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount1: bigint): bigint {
  return (amount1 * Q96) / (sqrtRatioBX96 - sqrtRatioAX96);
}

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
  const r = sqrtFloor((amount1 << 192n) / amount0);
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
  const [a, b] = sqrtRatioAX96 < sqrtRatioBX96 ? [sqrtRatioAX96, sqrtRatioBX96] : [sqrtRatioBX96, sqrtRatioAX96];
  const forAmount0 = useFullPrecision ? liquidityForAmount0Precise : liquidityForAmount0Imprecise;
  // Below the range only token0 is needed, above it only token1, inside it the scarcer of the two.
  if (sqrtRatioCurrentX96 <= a) return forAmount0(a, b, amount0);
  if (sqrtRatioCurrentX96 >= b) return liquidityForAmount1(a, b, amount1);
  const liquidity0 = forAmount0(sqrtRatioCurrentX96, b, amount0);
  const liquidity1 = liquidityForAmount1(a, sqrtRatioCurrentX96, amount1);
  return liquidity0 < liquidity1 ? liquidity0 : liquidity1;
}

/**
 * The most liquidity any one tick may reference at `tickSpacing` (Uniswap V3's
 * `Tick.tickSpacingToMaxLiquidityPerTick`; the pools enforce it as TickLiquidityOverflow).
 * @example
 * LiquidityAmounts.tickSpacingToMaxLiquidityPerTick(60); // 11505743598341114571880798222544994n
 */
export function tickSpacingToMaxLiquidityPerTick(tickSpacing: number): bigint {
  aInt(tickSpacing, 1, 887272, "tickSpacing", "LiquidityAmounts.tickSpacingToMaxLiquidityPerTick");
  // Usable ticks are the multiples of the spacing in [MIN_TICK, MAX_TICK]; Solidity's division truncates.
  const minTick = Math.trunc(MIN_TICK / tickSpacing) * tickSpacing;
  const maxTick = Math.trunc(MAX_TICK / tickSpacing) * tickSpacing;
  const numTicks = BigInt((maxTick - minTick) / tickSpacing + 1);
  return MAX_UINT128 / numTicks;
}
