/**
 * Price encoding and liquidity-for-amounts helpers, with the semantics of Uniswap's v3-sdk
 * (`encodeSqrtRatioX96`, `maxLiquidityForAmounts`). Results are not bounded to uint128.
 * @module
 */
import { Q96 } from "./constants.js";

/** Floor of the square root of `n >= 0` (Newton's method on bigint). */
export function sqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError("sqrt: negative input");
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2)); // >= sqrt(n)
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * `floor(sqrt(amount1 / amount0) · 2^96)`: the sqrt price of `amount1` token1 per `amount0` token0.
 * @example
 * encodeSqrtRatioX96(1n, 1n); // 79228162514264337593543950336n
 */
export function encodeSqrtRatioX96(amount1: bigint, amount0: bigint): bigint {
  return sqrt((amount1 << 192n) / amount0);
}

function sorted(a: bigint, b: bigint): [bigint, bigint] {
  return a > b ? [b, a] : [a, b];
}

/**
 * Liquidity that `amount0` of token0 buys over [A, B], with the sdk's "imprecise" rounding
 * (the product √A·√B is divided by 2^96 before multiplying by the amount), kept for
 * compatibility with positions computed by old sdk versions.
 */
export function maxLiquidityForAmount0Imprecise(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount0: bigint): bigint {
  const [a, b] = sorted(sqrtRatioAX96, sqrtRatioBX96);
  const intermediate = (a * b) / Q96;
  return (amount0 * intermediate) / (b - a);
}

/** Liquidity that `amount0` of token0 buys over [A, B]: `floor(amount0·√A·√B / (2^96·(√B − √A)))`. */
export function maxLiquidityForAmount0Precise(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount0: bigint): bigint {
  const [a, b] = sorted(sqrtRatioAX96, sqrtRatioBX96);
  return (amount0 * a * b) / (Q96 * (b - a));
}

/** Liquidity that `amount1` of token1 buys over [A, B]: `floor(amount1·2^96 / (√B − √A))`. */
export function maxLiquidityForAmount1(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount1: bigint): bigint {
  const [a, b] = sorted(sqrtRatioAX96, sqrtRatioBX96);
  return (amount1 * Q96) / (b - a);
}

/**
 * The largest liquidity over [A, B] that `amount0` and `amount1` can fund at the current price
 * (below the range only token0 counts, above only token1, inside the smaller of the two).
 * @param useFullPrecision false reproduces the sdk's imprecise token0 formula.
 * @example
 * maxLiquidityForAmounts(1n << 96n, 75541088972021052632782079082n, 83095197869223157896060286990n, 100n, 200n, true); // 2148n
 */
export function maxLiquidityForAmounts(
  sqrtRatioCurrentX96: bigint,
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  amount0: bigint,
  amount1: bigint,
  useFullPrecision: boolean,
): bigint {
  const [a, b] = sorted(sqrtRatioAX96, sqrtRatioBX96);
  const forAmount0 = useFullPrecision ? maxLiquidityForAmount0Precise : maxLiquidityForAmount0Imprecise;
  if (sqrtRatioCurrentX96 <= a) return forAmount0(a, b, amount0);
  if (sqrtRatioCurrentX96 < b) {
    const liquidity0 = forAmount0(sqrtRatioCurrentX96, b, amount0);
    const liquidity1 = maxLiquidityForAmount1(a, sqrtRatioCurrentX96, amount1);
    return liquidity0 < liquidity1 ? liquidity0 : liquidity1;
  }
  return maxLiquidityForAmount1(a, b, amount1);
}
