/**
 * FullMath: `a·b/d` with a 512-bit intermediate, as Uniswap V3's FullMath. With bigint the
 * product is exact, so the model is the definition itself: floor (or ceil) of the exact
 * quotient, failing where Uniswap's reverts.
 * @module
 */
import { MAX_UINT256 } from "./constants.js";
import { inRange } from "./_check.js";
import { DivisionByZeroError, MulDivOverflowError } from "./errors.js";

/**
 * `floor(a·b/denominator)` over uint256 operands.
 * @throws DivisionByZeroError when `denominator == 0`; MulDivOverflowError when the result exceeds 2^256-1.
 * @example
 * mulDiv(1n << 128n, 5n, 2n); // 5n << 127n
 */
export function mulDiv(a: bigint, b: bigint, denominator: bigint): bigint {
  inRange(a, 0n, MAX_UINT256, "a", "FullMath.mulDiv");
  inRange(b, 0n, MAX_UINT256, "b", "FullMath.mulDiv");
  inRange(denominator, 0n, MAX_UINT256, "denominator", "FullMath.mulDiv");
  if (denominator === 0n) throw new DivisionByZeroError("DivisionByZero: denominator is zero", { details: "FullMath.mulDiv" });
  const result = (a * b) / denominator;
  if (result > MAX_UINT256) throw new MulDivOverflowError("MulDivOverflow: result exceeds uint256", { details: "FullMath.mulDiv" });
  return result;
}

/**
 * `ceil(a·b/denominator)` over uint256 operands.
 * @throws DivisionByZeroError when `denominator == 0`; MulDivOverflowError when the rounded-up result exceeds 2^256-1.
 * @example
 * mulDivRoundingUp(1n, 1n, 3n); // 1n
 */
export function mulDivRoundingUp(a: bigint, b: bigint, denominator: bigint): bigint {
  inRange(a, 0n, MAX_UINT256, "a", "FullMath.mulDivRoundingUp");
  inRange(b, 0n, MAX_UINT256, "b", "FullMath.mulDivRoundingUp");
  inRange(denominator, 0n, MAX_UINT256, "denominator", "FullMath.mulDivRoundingUp");
  if (denominator === 0n) throw new DivisionByZeroError("DivisionByZero: denominator is zero", { details: "FullMath.mulDivRoundingUp" });
  const product = a * b;
  let result = product / denominator;
  if (product % denominator !== 0n) result += 1n;
  if (result > MAX_UINT256) throw new MulDivOverflowError("MulDivOverflow: result exceeds uint256", { details: "FullMath.mulDivRoundingUp" });
  return result;
}

/**
 * `ceil(x/y)` (Uniswap's UnsafeMath.divRoundingUp). `y == 0` gives 0, as the EVM's division;
 * no caller passes 0.
 */
export function divRoundingUp(x: bigint, y: bigint): bigint {
  if (y === 0n) return 0n;
  const q = x / y;
  return x % y === 0n ? q : q + 1n;
}
