// Twin of contracts/libraries/FullMath.sol (Uniswap V3 FullMath).
// floor(a*b/d) and ceil(a*b/d) with a full 512-bit intermediate product.
// Solidity computes the 512-bit product with mulmod tricks and divides by a
// modular inverse; here the product comes from U256.mul512 and the division is
// U256.div512 (long division), which gives the same quotient and remainder.
//
// Convention (see U256.ts): arguments are four u64 limbs each (least
// significant first); the function returns an error code and leaves the
// 256-bit result in U256's r0..r3 (and the remainder of a*b/d in m0..m3).

import { h0, h1, h2, h3, m0, m1, m2, m3, r0, r1, r2, r3 } from "../registers";
import { E_DIVISION_BY_ZERO, E_MUL_DIV_OVERFLOW, OK } from "../errors";
import { div512, divRem256, mul512, add256 } from "./U256";

/**
 * Calculates floor(a*b/denominator) with full precision.
 * @dev Equivalent to `a * b / denominator` computed in 512 bits.
 * Fails with DivisionByZero when denominator == 0, MulDivOverflow when the
 * result exceeds 2^256-1 (Uniswap: `require(denominator > prod1)`).
 * Result in r0..r3; the remainder (a*b) % denominator in m0..m3.
 */
export function mulDiv(
  a0: u64, a1: u64, a2: u64, a3: u64,
  b0: u64, b1: u64, b2: u64, b3: u64,
  d0: u64, d1: u64, d2: u64, d3: u64,
): i32 {
  if ((d0 | d1 | d2 | d3) == 0) return E_DIVISION_BY_ZERO;
  mul512(a0, a1, a2, a3, b0, b1, b2, b3);
  const p0 = r0, p1 = r1, p2 = r2, p3 = r3;
  const p4 = h0, p5 = h1, p6 = h2, p7 = h3;
  if ((p4 | p5 | p6 | p7) == 0) {
    divRem256(p0, p1, p2, p3, d0, d1, d2, d3);
    return OK;
  }
  // The quotient fits 256 bits exactly when the high half is below the denominator.
  if (!div512(p0, p1, p2, p3, p4, p5, p6, p7, d0, d1, d2, d3)) return E_MUL_DIV_OVERFLOW;
  return OK;
}

/**
 * Calculates ceil(a*b/denominator) with full precision.
 * @dev Equivalent to `mulDiv(a, b, denominator) + (mulmod(a, b, denominator) > 0 ? 1 : 0)`,
 * failing with MulDivOverflow when that exceeds 2^256-1 (also after rounding up).
 * Result in r0..r3.
 */
export function mulDivRoundingUp(
  a0: u64, a1: u64, a2: u64, a3: u64,
  b0: u64, b1: u64, b2: u64, b3: u64,
  d0: u64, d1: u64, d2: u64, d3: u64,
): i32 {
  const e = mulDiv(a0, a1, a2, a3, b0, b1, b2, b3, d0, d1, d2, d3);
  if (e != OK) return e;
  if ((m0 | m1 | m2 | m3) != 0) {
    // Uniswap: require(result < type(uint256).max); result++
    if (add256(r0, r1, r2, r3, 1, 0, 0, 0)) return E_MUL_DIV_OVERFLOW;
  }
  return OK;
}
