/**
 * FeeCurve: the 2sAMM's dynamic fee in pips, in the integer form of docs/math.md:
 * `fee(q) = min(maxFee, (2·minFee − midFee) + (midFee − minFee) / (1 − q))`, q = reserved / provided,
 * with the fraction rounded up. Twin of contracts/libraries/FeeCurve.sol; Wasm in assembly/libraries/FeeCurve.ts.
 * @module
 */
import { aBigint, MAX_UINT128 } from "./convert.js";
import { trapError } from "./call.js";
import { InvalidArgumentTypeError, InvalidFeeParamsError, throwCode } from "./errors.js";
import { core, rI32, w128 } from "./_io.js";

/** The three points of the curve, in pips: the fee at q = 0, at q = 1/2, and the cap. */
export interface FeeParams {
  minFeePips: number;
  midFeePips: number;
  maxFeePips: number;
}

/**
 * Defaults: 0.01% at q = 0, 0.5% at q = 1/2, capped at 5%.
 * @example
 * import { FeeCurve } from "itos-core";
 * FeeCurve.DEFAULT_FEE_PARAMS; // { minFeePips: 100, midFeePips: 5000, maxFeePips: 50000 }
 */
export const DEFAULT_FEE_PARAMS: Readonly<FeeParams> = /* @__PURE__ */ Object.freeze({ minFeePips: 100, midFeePips: 5000, maxFeePips: 50000 });

/** Errors {@link feePips} can throw. */
export type FeePipsErrorType =
  | import("./errors.js").InvalidFeeParamsError
  | import("./errors.js").InvalidArgumentTypeError
  | import("./errors.js").ValueOutOfRangeError
  | import("./errors.js").WasmNotLoadedError;

const FN = "FeeCurve.feePips";

/**
 * The fee in pips for `reserved` (taker) liquidity out of `provided` (maker) liquidity at the
 * current price. `provided == 0` gives minFee; `reserved >= provided` gives maxFee.
 * @param reserved taker liquidity R (uint128)
 * @param provided maker liquidity P (uint128)
 * @param params curve points; must satisfy 0 <= min <= mid <= max < 1_000_000 (defaults 100 / 5000 / 50000)
 * @throws InvalidFeeParamsError for params outside that order; InvalidArgumentTypeError for a non-integer
 *   param or a non-bigint liquidity; ValueOutOfRangeError for a liquidity outside uint128.
 * @example
 * import { init, FeeCurve } from "itos-core";
 * await init();
 * FeeCurve.feePips(0n, 100n); // 100   (q = 0: minFee)
 * FeeCurve.feePips(50n, 100n); // 5000 (q = 1/2: midFee)
 * FeeCurve.feePips(95n, 100n); // 50000 (capped)
 * FeeCurve.feePips(1n, 2n, { minFeePips: 30, midFeePips: 30, maxFeePips: 30 }); // 30 (flat)
 */
export function feePips(reserved: bigint, provided: bigint, params: FeeParams = DEFAULT_FEE_PARAMS): number {
  aBigint(reserved, 0n, MAX_UINT128, "reserved", FN);
  aBigint(provided, 0n, MAX_UINT128, "provided", FN);
  if (typeof params !== "object" || params === null) throw new InvalidArgumentTypeError(`${FN}: params must be an object`);
  const { minFeePips: min, midFeePips: mid, maxFeePips: max } = params;
  if (!Number.isInteger(min) || !Number.isInteger(mid) || !Number.isInteger(max)) {
    throw new InvalidArgumentTypeError(`${FN}: fee params must be integer numbers`, { details: `got min ${min}, mid ${mid}, max ${max}` });
  }
  // Outside [0, 1e6) the Wasm i32 parameters could wrap: reject here, with the same error.
  if (min < 0 || max >= 1_000_000 || min > mid || mid > max) {
    throw new InvalidFeeParamsError("InvalidFeeParams: fee params must satisfy min <= mid <= max < 1e6", { details: `${FN}: got min ${min}, mid ${mid}, max ${max}` });
  }
  const { exports, io, io32 } = core();
  w128(io, 0, reserved);
  w128(io, 2, provided);
  let code: number;
  try {
    code = exports.feeCurveFeePips(min, mid, max) as number;
  } catch (e) {
    throw trapError(e, FN);
  }
  if (code !== 0) throwCode(code, FN);
  return rI32(io32, 0);
}
