/**
 * FeeCurve: the 2sAMM's dynamic fee, in the integer form of docs/math.md.
 *
 *     fee(q) = min(maxFee, (2·minFee − midFee) + (midFee − minFee) / (1 − q)),  q = R/P
 *
 * with the fraction computed as `ceil((midFee − minFee)·P / (P − R))` (the fee is a charge to
 * the trader, so it rounds up).
 * @module
 */
import { MAX_UINT128, PIPS } from "./constants.js";
import { inRange } from "./_check.js";
import { mulDivRoundingUp } from "./FullMath.js";
import { InvalidFeeParamsError } from "./errors.js";

/** The three points of the curve, in pips: at q = 0, q = 1/2, and the cap. */
export interface FeeParams {
  minFeePips: number;
  midFeePips: number;
  maxFeePips: number;
}

/** Defaults: 0.01% at q = 0, 0.5% at q = 1/2, capped at 5%. */
export const DEFAULT_FEE_PARAMS: Readonly<FeeParams> = Object.freeze({ minFeePips: 100, midFeePips: 5000, maxFeePips: 50000 });

/**
 * Checks `0 <= minFeePips <= midFeePips <= maxFeePips < 1_000_000` (integers).
 * @throws InvalidFeeParamsError otherwise.
 */
export function validateFeeParams(params: FeeParams): FeeParams {
  const { minFeePips: min, midFeePips: mid, maxFeePips: max } = params;
  const ok = [min, mid, max].every((x) => Number.isInteger(x)) && 0 <= min && min <= mid && mid <= max && max < PIPS;
  if (!ok) {
    throw new InvalidFeeParamsError("InvalidFeeParams: fee params must satisfy min <= mid <= max < 1e6", {
      details: `got min ${min}, mid ${mid}, max ${max}`,
    });
  }
  return params;
}

/** A flat fee: min = mid = max. */
export function flatFee(feePips: number): FeeParams {
  return validateFeeParams({ minFeePips: feePips, midFeePips: feePips, maxFeePips: feePips });
}

/**
 * The fee in pips for `reserved` (taker) liquidity `R` out of `provided` (maker) liquidity `P`
 * at the current price.
 * @throws InvalidFeeParamsError for bad params.
 * @example
 * feePips(0n, 100n);  // 100   (q = 0: minFee)
 * feePips(50n, 100n); // 5000  (q = 1/2: midFee)
 * feePips(90n, 100n); // 44200 (q = 0.9: -4800 + 4900/0.1)
 * feePips(92n, 100n); // 50000 (capped: -4800 + 4900/0.08 = 56450)
 */
export function feePips(reserved: bigint, provided: bigint, params: FeeParams = DEFAULT_FEE_PARAMS): number {
  inRange(reserved, 0n, MAX_UINT128, "reserved", "FeeCurve.feePips");
  inRange(provided, 0n, MAX_UINT128, "provided", "FeeCurve.feePips");
  const { minFeePips, midFeePips, maxFeePips } = validateFeeParams(params);
  if (provided === 0n) return minFeePips;
  if (reserved >= provided) return maxFeePips;
  const term = mulDivRoundingUp(BigInt(midFeePips - minFeePips), provided, provided - reserved);
  const fee = BigInt(2 * minFeePips - midFeePips) + term; // term >= mid − min, so fee >= minFee
  return fee < BigInt(maxFeePips) ? Number(fee) : maxFeePips;
}
