/**
 * FullMath: a*b/d with a 512-bit intermediate, exact as Uniswap V3's FullMath.
 * Twin of contracts/libraries/FullMath.sol.
 * @module
 */
import { check, trapError } from "./call.js";
import { aBigint, MAX_UINT256 } from "./convert.js";
import { core, r256, w256 } from "./_io.js";

/** Arguments of {@link mulDiv} and {@link mulDivRoundingUp}: three uint256 values. */
export type MulDivParameters = [a: bigint, b: bigint, denominator: bigint];
/** Errors {@link mulDiv} and {@link mulDivRoundingUp} can throw. */
export type MulDivErrorType =
  | import("./errors.js").DivisionByZeroError
  | import("./errors.js").MulDivOverflowError
  | import("./errors.js").InvalidArgumentTypeError
  | import("./errors.js").ValueOutOfRangeError
  | import("./errors.js").WasmNotLoadedError;

function run(fn: "fullMathMulDiv" | "fullMathMulDivRoundingUp", name: string, a: bigint, b: bigint, d: bigint): bigint {
  aBigint(a, 0n, MAX_UINT256, "a", name);
  aBigint(b, 0n, MAX_UINT256, "b", name);
  aBigint(d, 0n, MAX_UINT256, "denominator", name);
  const { exports, io, io32 } = core();
  w256(io, 0, a);
  w256(io, 4, b);
  w256(io, 8, d);
  try {
    check(exports[fn](), name);
  } catch (e) {
    throw trapError(e, name);
  }
  return r256(io, 0, io32);
}

/**
 * floor(a * b / denominator) with full 512-bit precision (uint256 inputs and result).
 * @throws DivisionByZeroError when denominator is 0; MulDivOverflowError when the result exceeds 2^256-1;
 *   InvalidArgumentTypeError / ValueOutOfRangeError for an argument that is not a uint256 bigint.
 * @example
 * import { init, FullMath } from "itos-core";
 * await init();
 * FullMath.mulDiv(2n ** 128n, 5n, 3n); // 567137278201564105772291012386280352426n
 */
export function mulDiv(a: bigint, b: bigint, denominator: bigint): bigint {
  return run("fullMathMulDiv", "FullMath.mulDiv", a, b, denominator);
}

/**
 * ceil(a * b / denominator) with full 512-bit precision (uint256 inputs and result).
 * @throws DivisionByZeroError when denominator is 0; MulDivOverflowError when the rounded-up result
 *   exceeds 2^256-1; InvalidArgumentTypeError / ValueOutOfRangeError for a bad argument.
 * @example
 * import { init, FullMath } from "itos-core";
 * await init();
 * FullMath.mulDivRoundingUp(7n, 1n, 2n); // 4n
 */
export function mulDivRoundingUp(a: bigint, b: bigint, denominator: bigint): bigint {
  return run("fullMathMulDivRoundingUp", "FullMath.mulDivRoundingUp", a, b, denominator);
}
