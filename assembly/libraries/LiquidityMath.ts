// Twin of contracts/libraries/LiquidityMath.sol.
// A uint128 is held as two u64 limbs (lo, hi); an int128 delta as its two's
// complement in two limbs. Solidity gets the 128-bit add for free; here the
// carry/borrow between limbs is propagated by hand.

import { E_LIQUIDITY_OVERFLOW, E_LIQUIDITY_UNDERFLOW, OK } from "../errors";

import { res128_hi, lastError } from "../registers";

/**
 * Add a signed liquidity delta to a liquidity amount.
 * Equivalent to `y < 0 ? x - uint128(-y) : x + uint128(y)`, failing with
 * LiquidityUnderflow / LiquidityOverflow exactly where Solidity reverts.
 * Result: low limb returned, high limb in `res128_hi`; error code in `lastError`.
 */

export function addDelta(xLo: u64, xHi: u64, yLo: u64, yHi: u64): u64 {
  lastError = OK;
  if (<i64>yHi < 0) {
    // |y| = two's complement negation of y
    let mLo = ~yLo + 1;
    let mHi = ~yHi + u64(mLo == 0);
    if (xHi < mHi || (xHi == mHi && xLo < mLo)) {
      lastError = E_LIQUIDITY_UNDERFLOW;
      return 0;
    }
    let lo = xLo - mLo;
    res128_hi = xHi - mHi - u64(xLo < mLo);
    return lo;
  }
  let lo = xLo + yLo;
  let carry = u64(lo < xLo);
  let hi = xHi + yHi;
  let overflow = hi < xHi;
  let hi2 = hi + carry;
  if (overflow || hi2 < hi) {
    lastError = E_LIQUIDITY_OVERFLOW;
    return 0;
  }
  res128_hi = hi2;
  return lo;
}
