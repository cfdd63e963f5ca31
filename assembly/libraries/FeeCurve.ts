// Twin of contracts/libraries/FeeCurve.sol: the 2sAMM's dynamic fee, in the
// integer form of docs/math.md:
//
//   fee(q) = min(maxFee, (2·minFee − midFee) + (midFee − minFee) / (1 − q)),  q = R / P
//
// with the fraction as ceil((midFee − minFee) · P / (P − R)) (the fee is a
// charge to the trader, so it rounds up).

import { r0, r1, r2, r3 } from "../registers";
import { E_INVALID_FEE_PARAMS } from "../errors";
import { mulDivRoundingUp } from "./FullMath";
import { sub256 } from "./U256";

const PIPS: u32 = 1_000_000;

/**
 * The fee in pips for reserved (taker) liquidity R = (r0, r1) out of provided (maker) liquidity
 * P = (p0, p1) at the current price (both uint128).
 * @dev Returns the fee (0 <= fee <= maxFeePips), or -InvalidFeeParams (a negative number) unless
 * minFeePips <= midFeePips <= maxFeePips < 1_000_000. P == 0 gives minFee; R >= P gives maxFee.
 */
export function feePips(
  rLo: u64, rHi: u64,
  pLo: u64, pHi: u64,
  minFeePips: u32, midFeePips: u32, maxFeePips: u32,
): i32 {
  if (!(minFeePips <= midFeePips && midFeePips <= maxFeePips && maxFeePips < PIPS)) return -E_INVALID_FEE_PARAMS;
  if ((pLo | pHi) == 0) return <i32>minFeePips;
  // R >= P, also P - R as a 128-bit difference
  if (sub256(pLo, pHi, 0, 0, rLo, rHi, 0, 0) || (r0 | r1) == 0) return <i32>maxFeePips;
  const dLo = r0, dHi = r1;
  // term = ceil((mid − min) · P / (P − R)); cannot fail: the denominator is non-zero and the
  // numerator is below 2^148
  mulDivRoundingUp(<u64>(midFeePips - minFeePips), 0, 0, 0, pLo, pHi, 0, 0, dLo, dHi, 0, 0);
  // fee = 2·min − mid + term, capped at max: the cap applies once term >= max + mid − 2·min (>= 0)
  const capTerm: u64 = <u64>maxFeePips + <u64>midFeePips - 2 * <u64>minFeePips;
  if ((r1 | r2 | r3) != 0 || r0 >= capTerm) return <i32>maxFeePips;
  return <i32>(<i64>(2 * <u64>minFeePips) - <i64>midFeePips + <i64>r0);
}
