/**
 * SqrtPriceMath: prices and amounts along a liquidity curve, as Uniswap V3's SqrtPriceMath.
 * Uniswap's uint256 overflow checks (which pick between two formulas) are written as explicit
 * comparisons against 2^256-1, since bigint never overflows.
 * @module
 */
import { MAX_INT128, MAX_UINT128, MAX_UINT160, MAX_UINT256, MIN_INT128, Q96 } from "./constants.js";
import { inRange } from "./_check.js";
import { divRoundingUp, mulDiv, mulDivRoundingUp } from "./FullMath.js";
import { toInt256, toUint160 } from "./SafeCast.js";
import { InsufficientLiquidityError, PriceZeroError, SafeCastOverflowError, ZeroLiquidityError } from "./errors.js";

const insufficient = (fn: string) =>
  new InsufficientLiquidityError("InsufficientLiquidity: output exceeds what the liquidity holds", { details: fn });

/**
 * The next sqrt price after adding (`add`) or removing `amount` of token0, rounded up
 * (so the price moves far enough in either direction).
 * Formula: `L·√P / (L ± amount·√P)`, or `L / (L/√P ± amount)` when the product overflows.
 * @throws InsufficientLiquidityError when removing more token0 than the curve holds.
 */
export function getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96: bigint, liquidity: bigint, amount: bigint, add: boolean): bigint {
  if (amount === 0n) return sqrtPX96;
  const numerator1 = liquidity << 96n;
  const product = amount * sqrtPX96;
  if (add) {
    // Exact formula when neither amount·√P nor the denominator overflows uint256.
    if (product <= MAX_UINT256) {
      const denominator = numerator1 + product;
      if (denominator <= MAX_UINT256) return mulDivRoundingUp(numerator1, sqrtPX96, denominator);
    }
    // Fallback (Uniswap: checked add of numerator1/√P + amount).
    const denominator = numerator1 / sqrtPX96 + amount;
    if (denominator > MAX_UINT256) throw new SafeCastOverflowError("SafeCastOverflow: value does not fit the target type", { details: "getNextSqrtPriceFromAmount0RoundingUp: denominator exceeds uint256" });
    return divRoundingUp(numerator1, denominator);
  }
  // Removing token0: the product must not overflow and must stay below L·2^96.
  if (product > MAX_UINT256 || numerator1 <= product) throw insufficient("getNextSqrtPriceFromAmount0RoundingUp");
  return toUint160(mulDivRoundingUp(numerator1, sqrtPX96, numerator1 - product));
}

/**
 * The next sqrt price after adding (`add`) or removing `amount` of token1, rounded down
 * (so the price moves far enough in either direction). Formula: `√P ± amount/L`.
 * @throws InsufficientLiquidityError when removing more token1 than the curve holds.
 */
export function getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96: bigint, liquidity: bigint, amount: bigint, add: boolean): bigint {
  if (add) {
    const quotient = amount <= MAX_UINT160 ? (amount << 96n) / liquidity : mulDiv(amount, Q96, liquidity);
    return toUint160(sqrtPX96 + quotient);
  }
  const quotient = amount <= MAX_UINT160 ? divRoundingUp(amount << 96n, liquidity) : mulDivRoundingUp(amount, Q96, liquidity);
  if (sqrtPX96 <= quotient) throw insufficient("getNextSqrtPriceFromAmount1RoundingDown");
  return sqrtPX96 - quotient;
}

function checkPriceAndLiquidity(sqrtPX96: bigint, liquidity: bigint, fn: string): void {
  inRange(sqrtPX96, 0n, MAX_UINT160, "sqrtPX96", fn);
  inRange(liquidity, 0n, MAX_UINT128, "liquidity", fn);
  if (sqrtPX96 === 0n) throw new PriceZeroError("PriceZero: sqrtPX96 is zero", { details: fn });
  if (liquidity === 0n) throw new ZeroLiquidityError("ZeroLiquidity: liquidity is zero", { details: fn });
}

/**
 * The sqrt price after a swap of `amountIn` input (token0 when `zeroForOne`), rounded so the
 * price never passes the exact target.
 * @throws PriceZeroError (sqrtPX96 == 0), ZeroLiquidityError (liquidity == 0).
 * @example
 * getNextSqrtPriceFromInput(1n << 96n, 10n ** 18n, 10n ** 17n, false); // 87150978765690771352898345369n
 */
export function getNextSqrtPriceFromInput(sqrtPX96: bigint, liquidity: bigint, amountIn: bigint, zeroForOne: boolean): bigint {
  checkPriceAndLiquidity(sqrtPX96, liquidity, "SqrtPriceMath.getNextSqrtPriceFromInput");
  inRange(amountIn, 0n, MAX_UINT256, "amountIn", "SqrtPriceMath.getNextSqrtPriceFromInput");
  return zeroForOne
    ? getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountIn, true)
    : getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountIn, true);
}

/**
 * The sqrt price after a swap that takes `amountOut` output (token1 when `zeroForOne`) out of the curve.
 * @throws PriceZeroError, ZeroLiquidityError, InsufficientLiquidityError (the output exceeds the curve's reserve).
 */
export function getNextSqrtPriceFromOutput(sqrtPX96: bigint, liquidity: bigint, amountOut: bigint, zeroForOne: boolean): bigint {
  checkPriceAndLiquidity(sqrtPX96, liquidity, "SqrtPriceMath.getNextSqrtPriceFromOutput");
  inRange(amountOut, 0n, MAX_UINT256, "amountOut", "SqrtPriceMath.getNextSqrtPriceFromOutput");
  return zeroForOne
    ? getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountOut, false)
    : getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountOut, false);
}

/**
 * token0 between two sqrt prices: `L·2^96·(√B − √A) / (√B·√A)`, rounded up or down.
 * The order of A and B does not matter.
 * @throws PriceZeroError when the lower sqrt price is 0.
 * @example
 * getAmount0Delta(1n << 96n, 2n << 96n, 2n, true); // 1n
 */
export function getAmount0Delta(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  const fn = "SqrtPriceMath.getAmount0Delta";
  inRange(sqrtRatioAX96, 0n, MAX_UINT160, "sqrtRatioAX96", fn);
  inRange(sqrtRatioBX96, 0n, MAX_UINT160, "sqrtRatioBX96", fn);
  inRange(liquidity, 0n, MAX_UINT128, "liquidity", fn);
  if (sqrtRatioAX96 > sqrtRatioBX96) [sqrtRatioAX96, sqrtRatioBX96] = [sqrtRatioBX96, sqrtRatioAX96];
  if (sqrtRatioAX96 === 0n) throw new PriceZeroError("PriceZero: sqrtPX96 is zero", { details: fn });
  const numerator1 = liquidity << 96n;
  const numerator2 = sqrtRatioBX96 - sqrtRatioAX96;
  // Two divisions, as Uniswap: by √B inside mulDiv, then by √A.
  return roundUp
    ? divRoundingUp(mulDivRoundingUp(numerator1, numerator2, sqrtRatioBX96), sqrtRatioAX96)
    : mulDiv(numerator1, numerator2, sqrtRatioBX96) / sqrtRatioAX96;
}

/**
 * token1 between two sqrt prices: `L·(√B − √A) / 2^96`, rounded up or down.
 * @example
 * getAmount1Delta(1n << 96n, 2n << 96n, 3n, false); // 3n
 */
export function getAmount1Delta(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  const fn = "SqrtPriceMath.getAmount1Delta";
  inRange(sqrtRatioAX96, 0n, MAX_UINT160, "sqrtRatioAX96", fn);
  inRange(sqrtRatioBX96, 0n, MAX_UINT160, "sqrtRatioBX96", fn);
  inRange(liquidity, 0n, MAX_UINT128, "liquidity", fn);
  if (sqrtRatioAX96 > sqrtRatioBX96) [sqrtRatioAX96, sqrtRatioBX96] = [sqrtRatioBX96, sqrtRatioAX96];
  return roundUp
    ? mulDivRoundingUp(liquidity, sqrtRatioBX96 - sqrtRatioAX96, Q96)
    : mulDiv(liquidity, sqrtRatioBX96 - sqrtRatioAX96, Q96);
}

/**
 * Signed token0 delta for a signed int128 liquidity change: positive liquidity rounds up
 * (owed to the pool), negative rounds down (paid by the pool), as Uniswap's int overload.
 * @throws SafeCastOverflowError when the amount does not fit int256.
 */
export function getAmount0DeltaSigned(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint): bigint {
  inRange(liquidity, MIN_INT128, MAX_INT128, "liquidity", "SqrtPriceMath.getAmount0DeltaSigned");
  return liquidity < 0n
    ? -toInt256(getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, -liquidity, false))
    : toInt256(getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, liquidity, true));
}

/** Signed token1 delta for a signed int128 liquidity change (rounding as getAmount0DeltaSigned). */
export function getAmount1DeltaSigned(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint): bigint {
  inRange(liquidity, MIN_INT128, MAX_INT128, "liquidity", "SqrtPriceMath.getAmount1DeltaSigned");
  return liquidity < 0n
    ? -toInt256(getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, -liquidity, false))
    : toInt256(getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, liquidity, true));
}
