// Twin of contracts/libraries/SqrtPriceMath.sol (Uniswap V3 SqrtPriceMath).
// Price and amount math on the curve x*y = L^2 with prices as Q64.96 square roots.
//
// Limb convention (see U256.ts): a sqrt price (uint160) is 3 limbs (s0, s1, s2),
// a liquidity (uint128) 2 limbs, an amount (uint256) 4 limbs. Functions return
// an error code and leave the result in U256's r0..r3. Solidity's uint256
// overflow checks (which pick between two formulas) appear here as the carry
// flags of U256.mul256 / add256.

import { h0, m0, m1, m2, m3, r0, r1, r2, r3 } from "../registers";
import { E_DIVISION_BY_ZERO, E_INSUFFICIENT_LIQUIDITY, E_PRICE_ZERO, E_SAFE_CAST_OVERFLOW, E_ZERO_LIQUIDITY, OK } from "../errors";
import { mulDiv, mulDivRoundingUp } from "./FullMath";
import { divRoundingUp } from "./UnsafeMath";
import { add256, cmp256, div512, divRem256, mul256, mul512, neg256, setR, sub256 } from "./U256";

const U32: u64 = 0xffffffff;

// @ts-ignore: decorator
@inline function fitsUint160(x2: u64, x3: u64): bool {
  return x3 == 0 && x2 <= U32;
}

// The product |B - A| * L, remembered with its operands: a swap step computes both amounts over
// the same prices and liquidity (getAmount0Delta's numerator is this product << 96).
let pk0: u64 = 0, pk1: u64 = 0, pk2: u64 = 0, pkL0: u64 = 0, pkL1: u64 = 0;
let pp0: u64 = 0, pp1: u64 = 0, pp2: u64 = 0, pp3: u64 = 0, pp4: u64 = 0;

/** |B - A| * L (below 2^288) into pp0..pp4. */
function deltaTimesLiquidity(d0: u64, d1: u64, d2: u64, l0: u64, l1: u64): void {
  if (d0 == pk0 && d1 == pk1 && d2 == pk2 && l0 == pkL0 && l1 == pkL1) return;
  mul512(d0, d1, d2, 0, l0, l1, 0, 0);
  pp0 = r0; pp1 = r1; pp2 = r2; pp3 = r3; pp4 = h0;
  pk0 = d0; pk1 = d1; pk2 = d2; pkL0 = l0; pkL1 = l1;
}

/**
 * Gets the next sqrt price given a delta of token0, rounding up: the price moves at least far
 * enough (up when removing in the exact output case, down when adding in the exact input case).
 * @dev Equivalent to `liquidity * sqrtPX96 / (liquidity ± amount * sqrtPX96)`, or when that product
 * overflows, `liquidity / (liquidity / sqrtPX96 ± amount)`.
 * Fails with InsufficientLiquidity (removing: the product overflows or reaches liquidity << 96),
 * SafeCastOverflow (adding: the fallback denominator overflows uint256; removing: the result
 * exceeds uint160), MulDivOverflow. Requires sqrtPX96 > 0. Result in r0..r2.
 */
export function getNextSqrtPriceFromAmount0RoundingUp(
  s0: u64, s1: u64, s2: u64,
  l0: u64, l1: u64,
  a0: u64, a1: u64, a2: u64, a3: u64,
  add: bool,
): i32 {
  // we short circuit amount == 0 because the result is otherwise not guaranteed to equal the input price
  if ((a0 | a1 | a2 | a3) == 0) {
    setR(s0, s1, s2, 0);
    return OK;
  }
  // numerator1 = uint256(liquidity) << 96
  const n0: u64 = 0, n1 = l0 << 32, n2 = (l0 >> 32) | (l1 << 32), n3 = l1 >> 32;
  // (operands ordered for U256.mul512's short-operand path)
  const overflow = mul256(s0, s1, s2, 0, a0, a1, a2, a3);
  const p0 = r0, p1 = r1, p2 = r2, p3 = r3;
  if (add) {
    if (!overflow) {
      // denominator = numerator1 + product, when that does not overflow
      if (!add256(n0, n1, n2, n3, p0, p1, p2, p3)) {
        // always fits 160 bits: numerator1 <= denominator
        return mulDivRoundingUp(s0, s1, s2, 0, n0, n1, n2, n3, r0, r1, r2, r3);
      }
    }
    // denominator = numerator1 / sqrtPX96 + amount (checked add)
    divRem256(n0, n1, n2, n3, s0, s1, s2, 0);
    if (add256(r0, r1, r2, r3, a0, a1, a2, a3)) return E_SAFE_CAST_OVERFLOW;
    divRoundingUp(n0, n1, n2, n3, r0, r1, r2, r3);
    return OK;
  }
  // if the product overflows, we know the denominator underflows; in addition, we must check
  // that the denominator does not underflow
  if (overflow || cmp256(n0, n1, n2, n3, p0, p1, p2, p3) <= 0) return E_INSUFFICIENT_LIQUIDITY;
  sub256(n0, n1, n2, n3, p0, p1, p2, p3);
  const e = mulDivRoundingUp(s0, s1, s2, 0, n0, n1, n2, n3, r0, r1, r2, r3);
  if (e != OK) return e;
  if (!fitsUint160(r2, r3)) return E_SAFE_CAST_OVERFLOW; // toUint160
  return OK;
}

/**
 * Gets the next sqrt price given a delta of token1, rounding down: the price moves at least far
 * enough (down when removing in the exact output case, up when adding in the exact input case).
 * @dev Equivalent to `sqrtPX96 ± amount * 2^96 / liquidity` (the quotient rounded down when adding,
 * up when removing). Fails with SafeCastOverflow (adding: the result exceeds uint160),
 * InsufficientLiquidity (removing: quotient >= sqrtPX96), MulDivOverflow. Requires liquidity > 0.
 * Result in r0..r2.
 */
export function getNextSqrtPriceFromAmount1RoundingDown(
  s0: u64, s1: u64, s2: u64,
  l0: u64, l1: u64,
  a0: u64, a1: u64, a2: u64, a3: u64,
  add: bool,
): i32 {
  // Solidity's `/ liquidity` panics on zero; callers check ZeroLiquidity first.
  if ((l0 | l1) == 0) return E_DIVISION_BY_ZERO;
  const small = fitsUint160(a2, a3);
  // amount << 96 when amount fits 160 bits (the shift cannot overflow then)
  const x0: u64 = 0, x1 = a0 << 32, x2 = (a0 >> 32) | (a1 << 32), x3 = (a1 >> 32) | (a2 << 32);
  if (add) {
    if (small) {
      divRem256(x0, x1, x2, x3, l0, l1, 0, 0);
    } else {
      const e = mulDiv(a0, a1, a2, a3, 0, 1 << 32, 0, 0, l0, l1, 0, 0);
      if (e != OK) return e;
    }
    // toUint160(sqrtPX96 + quotient)
    if (add256(s0, s1, s2, 0, r0, r1, r2, r3)) return E_SAFE_CAST_OVERFLOW;
    if (!fitsUint160(r2, r3)) return E_SAFE_CAST_OVERFLOW;
    return OK;
  }
  if (small) {
    divRoundingUp(x0, x1, x2, x3, l0, l1, 0, 0);
  } else {
    const e = mulDivRoundingUp(a0, a1, a2, a3, 0, 1 << 32, 0, 0, l0, l1, 0, 0);
    if (e != OK) return e;
  }
  // require(sqrtPX96 > quotient)
  if (cmp256(s0, s1, s2, 0, r0, r1, r2, r3) <= 0) return E_INSUFFICIENT_LIQUIDITY;
  // always fits 160 bits
  sub256(s0, s1, s2, 0, r0, r1, r2, r3);
  return OK;
}

/**
 * Gets the next sqrt price given an input amount of token0 (zeroForOne) or token1.
 * @dev Fails with PriceZero (sqrtPX96 == 0), ZeroLiquidity (liquidity == 0), then as the
 * two functions above. Result in r0..r2.
 */
export function getNextSqrtPriceFromInput(
  s0: u64, s1: u64, s2: u64,
  l0: u64, l1: u64,
  a0: u64, a1: u64, a2: u64, a3: u64,
  zeroForOne: bool,
): i32 {
  if ((s0 | s1 | s2) == 0) return E_PRICE_ZERO;
  if ((l0 | l1) == 0) return E_ZERO_LIQUIDITY;
  // round to make sure that we don't pass the target price
  return zeroForOne
    ? getNextSqrtPriceFromAmount0RoundingUp(s0, s1, s2, l0, l1, a0, a1, a2, a3, true)
    : getNextSqrtPriceFromAmount1RoundingDown(s0, s1, s2, l0, l1, a0, a1, a2, a3, true);
}

/**
 * Gets the next sqrt price given an output amount of token1 (zeroForOne) or token0.
 * @dev Fails with PriceZero, ZeroLiquidity, then as the two functions above (InsufficientLiquidity
 * when the output is at least what the curve holds). Result in r0..r2.
 */
export function getNextSqrtPriceFromOutput(
  s0: u64, s1: u64, s2: u64,
  l0: u64, l1: u64,
  a0: u64, a1: u64, a2: u64, a3: u64,
  zeroForOne: bool,
): i32 {
  if ((s0 | s1 | s2) == 0) return E_PRICE_ZERO;
  if ((l0 | l1) == 0) return E_ZERO_LIQUIDITY;
  // round to make sure that we pass the target price
  return zeroForOne
    ? getNextSqrtPriceFromAmount1RoundingDown(s0, s1, s2, l0, l1, a0, a1, a2, a3, false)
    : getNextSqrtPriceFromAmount0RoundingUp(s0, s1, s2, l0, l1, a0, a1, a2, a3, false);
}

/**
 * Gets the amount0 delta between two prices: liquidity / sqrt(lower) - liquidity / sqrt(upper).
 * @dev Equivalent to `roundUp ? divRoundingUp(mulDivRoundingUp(L << 96, B - A, B), A)
 * : mulDiv(L << 96, B - A, B) / A` with A <= B (the order of the arguments does not matter).
 * Fails with PriceZero when the lower price is 0 (Uniswap: `require(sqrtRatioAX96 > 0)`).
 * Result in r0..r3 (below 2^224).
 */
export function getAmount0Delta(
  a0: u64, a1: u64, a2: u64,
  b0: u64, b1: u64, b2: u64,
  l0: u64, l1: u64,
  roundUp: bool,
): i32 {
  if (cmp256(a0, a1, a2, 0, b0, b1, b2, 0) > 0) {
    let t = a0; a0 = b0; b0 = t;
    t = a1; a1 = b1; b1 = t;
    t = a2; a2 = b2; b2 = t;
  }
  if ((a0 | a1 | a2) == 0) return E_PRICE_ZERO;
  const n0: u64 = 0, n1 = l0 << 32, n2 = (l0 >> 32) | (l1 << 32), n3 = l1 >> 32;
  sub256(b0, b1, b2, 0, a0, a1, a2, 0);
  const d0 = r0, d1 = r1, d2 = r2;
  // Wasm only, same results: one division by A * B instead of two, by B then A, since for x >= 0
  // and A, B > 0, ceil(ceil(x / B) / A) = ceil(x / (A * B)) and floor(floor(x / B) / A) =
  // floor(x / (A * B)). Taken when A * B fits 256 bits (prices below 2^128); the quotient is the
  // amount, below 2^224, so the 512-bit division's precondition holds.
  mul512(a0, a1, a2, 0, b0, b1, b2, 0);
  if (h0 == 0) {
    const q0 = r0, q1 = r1, q2 = r2, q3 = r3;
    // x = ((B - A) * L) << 96: below 2^288 before the shift, so five limbs, then seven
    deltaTimesLiquidity(d0, d1, d2, l0, l1);
    div512(0, pp0 << 32, (pp0 >> 32) | (pp1 << 32), (pp1 >> 32) | (pp2 << 32), (pp2 >> 32) | (pp3 << 32), (pp3 >> 32) | (pp4 << 32), pp4 >> 32, 0, q0, q1, q2, q3);
    if (roundUp && (m0 | m1 | m2 | m3) != 0) add256(r0, r1, r2, r3, 1, 0, 0, 0);
    return OK;
  }
  // mulDiv cannot fail here: numerator2 <= sqrtRatioBX96, so the quotient is at most numerator1.
  if (roundUp) {
    mulDivRoundingUp(d0, d1, d2, 0, n0, n1, n2, n3, b0, b1, b2, 0);
    divRoundingUp(r0, r1, r2, r3, a0, a1, a2, 0);
  } else {
    mulDiv(d0, d1, d2, 0, n0, n1, n2, n3, b0, b1, b2, 0);
    divRem256(r0, r1, r2, r3, a0, a1, a2, 0);
  }
  return OK;
}

/**
 * Gets the amount1 delta between two prices: liquidity * (sqrt(upper) - sqrt(lower)).
 * @dev Equivalent to `roundUp ? mulDivRoundingUp(L, B - A, 2^96) : mulDiv(L, B - A, 2^96)`;
 * the division by 2^96 is a shift here (same result). Never fails. Result in r0..r3 (below 2^192).
 */
export function getAmount1Delta(
  a0: u64, a1: u64, a2: u64,
  b0: u64, b1: u64, b2: u64,
  l0: u64, l1: u64,
  roundUp: bool,
): i32 {
  // |B - A| (the order of the arguments does not matter)
  if (sub256(b0, b1, b2, 0, a0, a1, a2, 0)) sub256(a0, a1, a2, 0, b0, b1, b2, 0);
  deltaTimesLiquidity(r0, r1, r2, l0, l1);
  // product < 2^288, so p4 is its only high limb that can be set (it is folded in by the shift below).
  const p0 = pp0, p1 = pp1, p2 = pp2, p3 = pp3;
  const p4 = pp4;
  // >> 96 = drop limb 0, shift the rest right by 32
  let q0 = (p1 >> 32) | (p2 << 32);
  let q1 = (p2 >> 32) | (p3 << 32);
  let q2 = (p3 >> 32) | (p4 << 32);
  let q3 = p4 >> 32;
  if (roundUp && (p0 | (p1 & U32)) != 0) {
    q0 += 1;
    if (q0 == 0) {
      q1 += 1;
      if (q1 == 0) {
        q2 += 1;
        if (q2 == 0) q3 += 1;
      }
    }
  }
  setR(q0, q1, q2, q3);
  return OK;
}

/**
 * Signed amount0 delta for a signed (int128, two's complement limbs) liquidity change:
 * positive liquidity rounds up (owed to the pool), negative rounds down and negates.
 * Twin of Solidity's `getAmount0Delta(uint160, uint160, int128)` overload.
 * @dev Fails with SafeCastOverflow when the amount does not fit int256, PriceZero as above.
 * Result (int256, two's complement) in r0..r3.
 */
export function getAmount0DeltaSigned(
  a0: u64, a1: u64, a2: u64,
  b0: u64, b1: u64, b2: u64,
  l0: u64, l1: u64,
): i32 {
  const neg = <i64>l1 < 0;
  if (neg) {
    neg256(l0, l1, ~(<u64>0), ~(<u64>0));
    l0 = r0;
    l1 = r1;
  }
  const e = getAmount0Delta(a0, a1, a2, b0, b1, b2, l0, l1, !neg);
  if (e != OK) return e;
  if (<i64>r3 < 0) return E_SAFE_CAST_OVERFLOW; // toInt256
  if (neg) neg256(r0, r1, r2, r3);
  return OK;
}

/**
 * Signed amount1 delta for a signed (int128) liquidity change; rounding as getAmount0DeltaSigned.
 * Twin of Solidity's `getAmount1Delta(uint160, uint160, int128)` overload. Result (int256) in r0..r3.
 */
export function getAmount1DeltaSigned(
  a0: u64, a1: u64, a2: u64,
  b0: u64, b1: u64, b2: u64,
  l0: u64, l1: u64,
): i32 {
  const neg = <i64>l1 < 0;
  if (neg) {
    neg256(l0, l1, ~(<u64>0), ~(<u64>0));
    l0 = r0;
    l1 = r1;
  }
  getAmount1Delta(a0, a1, a2, b0, b1, b2, l0, l1, !neg);
  if (<i64>r3 < 0) return E_SAFE_CAST_OVERFLOW; // toInt256
  if (neg) neg256(r0, r1, r2, r3);
  return OK;
}
