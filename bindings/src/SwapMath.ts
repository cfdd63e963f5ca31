/**
 * SwapMath: one swap step within a single liquidity range, exact as Uniswap V3's SwapMath.
 * Twin of contracts/libraries/SwapMath.sol; Wasm in assembly/libraries/SwapMath.ts.
 * @module
 */
import { trapError } from "./call.js";
import { throwCode } from "./errors.js";
import { aBigint, aInt, MAX_INT256, MAX_UINT128, MAX_UINT160, MIN_INT256 } from "./convert.js";
import { core, r160, r256, rI32, w128, w160, w256 } from "./_io.js";
import { SWAP_STEP_REACHED_TARGET } from "./generated/layout.js";

/** Result of {@link computeSwapStep}. All amounts are unsigned token amounts. */
export interface ComputeSwapStepReturnType {
  /** The price after the step (never past the target). */
  sqrtRatioNextX96: bigint;
  /** Input paid into the curve, fee excluded. */
  amountIn: bigint;
  /** Output taken from the curve. */
  amountOut: bigint;
  /** Fee charged on top of amountIn, in the input token. */
  feeAmount: bigint;
}

/** Arguments of {@link computeSwapStep}. */
export type ComputeSwapStepParameters = [
  sqrtRatioCurrentX96: bigint,
  sqrtRatioTargetX96: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: number,
];

/** Errors {@link computeSwapStep} can throw. */
export type ComputeSwapStepErrorType =
  | import("./errors.js").PriceZeroError
  | import("./errors.js").InsufficientLiquidityError
  | import("./errors.js").SafeCastOverflowError
  | import("./errors.js").MulDivOverflowError
  | import("./errors.js").DivisionByZeroError
  | import("./errors.js").InvalidArgumentTypeError
  | import("./errors.js").ValueOutOfRangeError
  | import("./errors.js").WasmNotLoadedError;

const FN = "SwapMath.computeSwapStep";

/**
 * Swaps `amountRemaining` (> 0 exact input, < 0 exact output; int256) from `sqrtRatioCurrentX96`
 * towards `sqrtRatioTargetX96` (the direction follows from the two prices) with `liquidity` at
 * `feePips` (v3-core's signature). Inputs round up, outputs down; an exact-input step that stops
 * short of the target takes the whole remainder beyond amountIn as fee.
 * @param feePips the fee in pips, an integer in [0, 1_000_000]
 * @throws the SqrtPriceMath / FullMath errors of its sub-steps (DivisionByZeroError when feePips is
 *   1_000_000 and the fee is computed from amountIn); InvalidArgumentTypeError / ValueOutOfRangeError for bad input.
 * @example
 * import { init, SwapMath } from "itos-core";
 * await init();
 * SwapMath.computeSwapStep(79228162514264337593543950336n, 79623317895830914510639640423n, 2n * 10n ** 18n, 10n ** 18n, 600);
 * // { sqrtRatioNextX96: 79623317895830914510639640423n, amountIn: 9975124224178055n,
 * //   amountOut: 9925619580021728n, feeAmount: 5988667735148n }
 */
export function computeSwapStep(
  sqrtRatioCurrentX96: bigint,
  sqrtRatioTargetX96: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: number,
): ComputeSwapStepReturnType {
  // Fast checks inline; the a* helpers run only to throw the typed error.
  if (typeof sqrtRatioCurrentX96 !== "bigint" || sqrtRatioCurrentX96 < 0n || sqrtRatioCurrentX96 > MAX_UINT160) {
    aBigint(sqrtRatioCurrentX96, 0n, MAX_UINT160, "sqrtRatioCurrentX96", FN);
  }
  if (typeof sqrtRatioTargetX96 !== "bigint" || sqrtRatioTargetX96 < 0n || sqrtRatioTargetX96 > MAX_UINT160) {
    aBigint(sqrtRatioTargetX96, 0n, MAX_UINT160, "sqrtRatioTargetX96", FN);
  }
  if (typeof liquidity !== "bigint" || liquidity < 0n || liquidity > MAX_UINT128) aBigint(liquidity, 0n, MAX_UINT128, "liquidity", FN);
  if (typeof amountRemaining !== "bigint" || amountRemaining < MIN_INT256 || amountRemaining > MAX_INT256) {
    aBigint(amountRemaining, MIN_INT256, MAX_INT256, "amountRemaining", FN);
  }
  if (typeof feePips !== "number" || feePips >>> 0 !== feePips || feePips > 1_000_000) aInt(feePips, 0, 1_000_000, "feePips", FN);
  const c = core();
  const { exports, io, io32 } = c;
  w160(io, 0, sqrtRatioCurrentX96);
  w160(io, 3, sqrtRatioTargetX96);
  w128(io, 6, liquidity);
  // int256 two's complement, as Pool.quote sends amounts (small values of either sign are written as numbers)
  w256(io, 8, amountRemaining);
  let code: number;
  try {
    code = exports.swapMathComputeSwapStep(feePips) as number;
  } catch (e) {
    throw trapError(e, FN);
  }
  if (code !== 0) throwCode(code, FN);
  // reached the target: the next price is the target passed in, no need to rebuild it
  const sqrtRatioNextX96 = rI32(io32, SWAP_STEP_REACHED_TARGET) !== 0 ? sqrtRatioTargetX96 : r160(io, 0, io32);
  return { sqrtRatioNextX96, amountIn: r256(io, 4, io32), amountOut: r256(io, 8, io32), feeAmount: r256(io, 12, io32) };
}
