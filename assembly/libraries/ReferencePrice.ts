// Twin of contracts/libraries/ReferencePrice.sol.
// The arithmetic of a pool's reference price: a price that no single transaction can move, at which
// the Portfolio Manager values liquidity positions beside the pool's spot price (docs/math.md,
// "Reference prices").
// - oracleSqrtPriceX96: the sqrt price implied by two USD feeds;
// - twapTick: the arithmetic mean tick between two tick cumulatives, rounded toward negative infinity
//   (Uniswap V3's OracleLibrary.consult convention).
//
// Limb convention (see U256.ts): answers (uint256) are 4 limbs, the result of oracleSqrtPriceX96 and
// sqrt is left in r0..r3; twapTick leaves its tick in `meanTick`. Functions that can fail return an
// error code. Where Solidity's checked arithmetic would panic (a zero answer1, 10^k beyond uint256),
// the Wasm returns an error code instead; the bindings refuse the inputs that reach those paths.

import { E_DIVISION_BY_ZERO, E_REFERENCE_PRICE_OUT_OF_RANGE, E_ZERO_TWAP_WINDOW, OK } from "../errors";
import { mostSignificantBit } from "./BitMath";
import { mulDiv } from "./FullMath";
import { MAX_SQRT_RATIO_0, MAX_SQRT_RATIO_1, MAX_SQRT_RATIO_2, MAX_TICK, MIN_SQRT_RATIO_0, MIN_TICK } from "./TickMath";
import { add256, cmp256, divRem256, lt256, mul256, setR, shl256, shr256 } from "./U256";

/** The largest k with 10^k < 2^256. */
const MAX_POW10: u32 = 77;

// 10^k for k = 0..77, four limbs each (least significant first), built once at start-up.
const POW10: usize = memory.data((MAX_POW10 + 1) * 32, 8);
store<u64>(POW10, 1);
for (let k: usize = 1; k <= <usize>MAX_POW10; k++) {
  const p = POW10 + ((k - 1) << 5);
  mul256(load<u64>(p), load<u64>(p, 8), load<u64>(p, 16), load<u64>(p, 24), 10, 0, 0, 0);
  const q = POW10 + (k << 5);
  store<u64>(q, r0);
  store<u64>(q, r1, 8);
  store<u64>(q, r2, 16);
  store<u64>(q, r3, 24);
}

import { meanTick, r0, r1, r2, r3 } from "../registers";

/**
 * The Q64.96 sqrt of the price of token0 in token1 (raw units) implied by USD feeds:
 * sqrt(a0 / 10^fd0 / (a1 / 10^fd1) * 10^(td1 - td0)) * 2^96.
 * @dev With N = a0 * 10^max(e, 0), D = a1 * 10^max(-e, 0), e = (fd1 + td1) - (fd0 + td0), the price is
 * N / D. When N / D < 2^64 the result is floor(sqrt(floor(N * 2^192 / D))), which equals
 * floor(sqrt(N * 2^192 / D)) exactly; above (sqrt prices of 2^128 or more, where N * 2^192 / D no
 * longer fits 256 bits) it is floor(sqrt(floor(N * 2^128 / D))) * 2^32, that exact floor with its low
 * 32 bits cleared. Answers are the PM's validated ones: in (0, 2^128); decimals are uint8 values.
 * An N or D that leaves 256 bits means a price beyond the tick range.
 * Fails with ReferencePriceOutOfRange; DivisionByZero for answer1 == 0 (Solidity: a division panic).
 * Result (uint160) in r0..r3.
 */
export function oracleSqrtPriceX96(
  a0: u64, a1: u64, a2: u64, a3: u64,
  feedDecimals0: u32,
  tokenDecimals0: u32,
  b0: u64, b1: u64, b2: u64, b3: u64,
  feedDecimals1: u32,
  tokenDecimals1: u32,
): i32 {
  const scale1 = feedDecimals1 + tokenDecimals1;
  const scale0 = feedDecimals0 + tokenDecimals0;
  // num = answer0 (a0..a3), den = answer1 (b0..b3)
  // 10^e < 2^240 for e <= 72; an overflow of the product means N / D >= 2^128 (or D / N >= 2^128).
  if (scale1 > scale0) {
    const k = scale1 - scale0;
    // Solidity's checked `10 ** k` panics here; decimals above 36 never reach this from the bindings.
    if (k > MAX_POW10) return E_REFERENCE_PRICE_OUT_OF_RANGE;
    const f = POW10 + (<usize>k << 5);
    // num > type(uint256).max / f  <=>  num * f >= 2^256
    if (mul256(a0, a1, a2, a3, load<u64>(f), load<u64>(f, 8), load<u64>(f, 16), load<u64>(f, 24))) return E_REFERENCE_PRICE_OUT_OF_RANGE;
    a0 = r0; a1 = r1; a2 = r2; a3 = r3;
  } else if (scale0 > scale1) {
    const k = scale0 - scale1;
    if (k > MAX_POW10) return E_REFERENCE_PRICE_OUT_OF_RANGE;
    const f = POW10 + (<usize>k << 5);
    if (mul256(b0, b1, b2, b3, load<u64>(f), load<u64>(f, 8), load<u64>(f, 16), load<u64>(f, 24))) return E_REFERENCE_PRICE_OUT_OF_RANGE;
    b0 = r0; b1 = r1; b2 = r2; b3 = r3;
  }
  // whole = num / den
  if (!divRem256(a0, a1, a2, a3, b0, b1, b2, b3)) return E_DIVISION_BY_ZERO;
  const w1 = r1, w2 = r2, w3 = r3;
  if ((w1 | w2 | w3) == 0) {
    // whole < 2^64: num * 2^192 / den < 2^256, so mulDiv cannot fail
    const e = mulDiv(a0, a1, a2, a3, 0, 0, 0, 1, b0, b1, b2, b3);
    if (e != OK) return e;
    sqrt(r0, r1, r2, r3);
  } else {
    if ((w2 | w3) != 0) return E_REFERENCE_PRICE_OUT_OF_RANGE; // whole >= 2^128
    // whole < 2^128: num * 2^128 / den < 2^256
    const e = mulDiv(a0, a1, a2, a3, 0, 0, 1, 0, b0, b1, b2, b3);
    if (e != OK) return e;
    sqrt(r0, r1, r2, r3);
    shl256(r0, r1, r2, r3, 32);
  }
  const s0 = r0, s1 = r1, s2 = r2, s3 = r3;
  if (lt256(s0, s1, s2, s3, MIN_SQRT_RATIO_0, 0, 0, 0) || !lt256(s0, s1, s2, s3, MAX_SQRT_RATIO_0, MAX_SQRT_RATIO_1, MAX_SQRT_RATIO_2, 0)) {
    return E_REFERENCE_PRICE_OUT_OF_RANGE;
  }
  return OK;
}

/**
 * The mean tick over `window` seconds between two tick cumulatives, rounded toward negative infinity.
 * @dev Equivalent to floor((tickCumulativeEnd - tickCumulativeStart) / window). The cumulatives are
 * int56 values (the bindings check), so their difference fits i64 (Solidity widens to int256).
 * Fails with ZeroTwapWindow (window == 0), ReferencePriceOutOfRange (the mean is outside
 * [MIN_TICK, MAX_TICK]). Result in meanTick.
 */
export function twapTick(tickCumulativeStart: i64, tickCumulativeEnd: i64, window: u32): i32 {
  if (window == 0) return E_ZERO_TWAP_WINDOW;
  const delta = tickCumulativeEnd - tickCumulativeStart;
  const w = <i64>window;
  // i64 `/` truncates toward zero and `%` takes the dividend's sign, as Solidity's int256 operators
  let mean = delta / w;
  if (delta < 0 && delta % w != 0) --mean;
  // Each cumulative is a sum of in-range ticks times seconds, so the mean is in range for honest pools;
  // a pool reporting otherwise is refused rather than clamped.
  if (mean < <i64>MIN_TICK || mean > <i64>MAX_TICK) return E_REFERENCE_PRICE_OUT_OF_RANGE;
  meanTick = <i32>mean;
  return OK;
}

/**
 * floor(sqrt(x)).
 * @dev Newton's iteration from a start above the root decreases strictly until it reaches floor(sqrt(x)).
 * Never fails. Result (below 2^128) in r0..r3.
 */
export function sqrt(x0: u64, x1: u64, x2: u64, x3: u64): void {
  if ((x0 | x1 | x2 | x3) == 0) {
    setR(0, 0, 0, 0);
    return;
  }
  // x < 2^(msb + 1), so sqrt(x) < 2^(msb / 2 + 1): a start at or above the root.
  shl256(1, 0, 0, 0, (<u32>mostSignificantBit(x0, x1, x2, x3) >> 1) + 1);
  // r <= 2^128 throughout (three limbs), and r + x / r <= 2r <= 2^129 cannot overflow
  let q0 = r0, q1 = r1, q2 = r2;
  while (true) {
    // y = (r + x / r) >> 1
    divRem256(x0, x1, x2, x3, q0, q1, q2, 0);
    add256(q0, q1, q2, 0, r0, r1, r2, r3);
    shr256(r0, r1, r2, r3, 1);
    if (cmp256(r0, r1, r2, r3, q0, q1, q2, 0) >= 0) {
      setR(q0, q1, q2, 0);
      return;
    }
    q0 = r0;
    q1 = r1;
    q2 = r2;
  }
}
