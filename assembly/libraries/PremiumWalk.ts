// Twin of contracts/libraries/PremiumWalk.sol, the index arithmetic only (docs/amm.md, "Time premium"):
// the premium index of a token advances, per interval, by the growth of the money market's borrow index
// over the interval, ceil((end - start) * 2^64 / start). The walk over segments (the ledger itself) is not
// ported yet; the functions here are the per-token state transition of `_accrueIndexes`.
//
// Convention (see U256.ts): 256-bit arguments are four u64 limbs (least significant first); a function
// returns an error code and leaves its result in U256's r0..r3.

import { E_SAFE_CAST_OVERFLOW, OK } from "../errors";
import { mulDivRoundingUp } from "./FullMath";
import { add256, lte256, r0, r1, r2, r3, setR, sub256 } from "./U256";

/** Low 56 bits of the second limb: with the first limb, the 120 bits PremiumState keeps of a borrow index. */
const MASK56: u64 = (<u64>1 << 56) - 1;

/**
 * Growth of the premium index over an interval in which the borrow index went from `start` to `end`:
 * what borrowing one unit at the start and repaying it at the end cost, X64, rounded up (charged to takers).
 * @dev Equivalent to ceil((end - start) * 2^64 / start); 0 when end <= start or start == 0. Fails with
 * MulDivOverflow when the result exceeds 2^256-1. Result in r0..r3.
 */
export function premiumIndexDeltaX64RoundingUp(
  s0: u64, s1: u64, s2: u64, s3: u64,
  e0: u64, e1: u64, e2: u64, e3: u64,
): i32 {
  if (lte256(e0, e1, e2, e3, s0, s1, s2, s3) || (s0 | s1 | s2 | s3) == 0) {
    setR(0, 0, 0, 0);
    return OK;
  }
  sub256(e0, e1, e2, e3, s0, s1, s2, s3); // end > start: no borrow
  // (end - start) * 2^64 / start: 2^64 is the limbs (0, 1, 0, 0)
  return mulDivRoundingUp(r0, r1, r2, r3, 0, 1, 0, 0, s0, s1, s2, s3);
}

/**
 * The borrow index at the last advance, from its low 120 bits (lo0, lo1 < 2^56: a uint120) and the index now:
 * the greatest B <= now with B mod 2^120 == low.
 * @dev Equivalent to now - ((now - low) mod 2^120), wrapping as Solidity's unchecked block: exact while the index
 * grew by less than 2^120 over the interval and never decreased. Result in r0..r3.
 */
export function lastBorrowIndexX64(n0: u64, n1: u64, n2: u64, n3: u64, lo0: u64, lo1: u64): void {
  sub256(n0, n1, n2, n3, lo0, lo1, 0, 0);
  sub256(n0, n1, n2, n3, r0, r1 & MASK56, 0, 0);
}

/**
 * One token's premium index (uint128: i0, i1) advanced from the borrow index kept at the last advance (its low
 * 120 bits: lo0, lo1) to the borrow index now.
 * @dev Equivalent to toUint128(index + premiumIndexDeltaX64RoundingUp(lastBorrowIndexX64(now, low), now)).
 * Fails with MulDivOverflow (the delta) or SafeCastOverflow (the sum above 2^128-1). Result in r0..r1.
 */
export function advancePremiumIndexX64(
  i0: u64, i1: u64,
  lo0: u64, lo1: u64,
  n0: u64, n1: u64, n2: u64, n3: u64,
): i32 {
  lastBorrowIndexX64(n0, n1, n2, n3, lo0, lo1);
  const e = premiumIndexDeltaX64RoundingUp(r0, r1, r2, r3, n0, n1, n2, n3);
  if (e != OK) return e;
  // index + delta in 256 bits, then the uint128 cast
  if (add256(r0, r1, r2, r3, i0, i1, 0, 0) || (r2 | r3) != 0) return E_SAFE_CAST_OVERFLOW;
  return OK;
}
