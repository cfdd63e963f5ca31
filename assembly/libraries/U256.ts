// 256-bit integer arithmetic on four u64 limbs (no Solidity twin: Solidity has
// uint256 built in; this file is what the EVM gives the Solidity side for free).
//
// ============================== API ==============================
// Representation
//   A uint256 is passed as four u64 limbs `x0, x1, x2, x3`, x0 least significant.
//   An int256 is the same four limbs in two's complement (sign = top bit of x3).
//   Smaller types use fewer limbs: uint128 = (lo, hi), uint160 = 3 limbs with
//   x2 < 2^32. Nothing here allocates: limbs travel as parameters and locals.
//
// Results (AssemblyScript functions return one value)
//   Every 256-bit result is left in the module globals `r0, r1, r2, r3`.
//   `mul512` also leaves the high half of the product in `h0..h3`; the
//   divisions leave the remainder in `m0..m3`; `umul64` leaves the high word
//   in `mulHi`. The next call overwrites them: copy them into locals at once.
//   The library files (FullMath, SqrtPriceMath, ...) follow the same rule: a
//   function that can fail returns an error code from ../errors (OK = 0) and
//   leaves its 256-bit result in r0..r3.
//
// Functions (valid input ranges: any limbs unless stated)
//   umul64(a, b): u64                      low 64 bits of a*b; high 64 bits -> mulHi
//   umulh(a, b): u64                       high 64 bits of a*b (pure: preferred in hot code)
//   add256(a, b): bool                     r = a + b mod 2^256; returns the carry out
//   sub256(a, b): bool                     r = a - b mod 2^256; returns the borrow out
//   mul256(a, b): bool                     r = a * b mod 2^256; returns true if a*b >= 2^256
//   mul512(a, b): void                     a*b as 512 bits: low -> r0..r3, high -> h0..h3
//   neg256(a): void                        r = -a mod 2^256 (two's complement)
//   shl256(a, n) / shr256(a, n): void      logical shifts; n >= 256 gives 0
//   sar256(a, n): void                     arithmetic shift of an int256; n >= 256 gives 0 or -1
//   cmp256(a, b): i32                      unsigned compare: -1, 0, 1
//   lt256 / lte256 / eq256 (a, b): bool    unsigned compare
//   isZero256(a): bool
//   setR(a): void                          r = a (return a value held in locals)
//   msb256(a): i32                         index of the highest set bit, -1 for a == 0
//   lsb256(a): i32                         index of the lowest set bit, -1 for a == 0
//   divRem256(a, d): bool                  r = a / d, m = a % d; false (r, m untouched) if d == 0
//   div512(n0..n7, d): bool                r = n / d, m = n % d for a 512-bit n (n0 lowest);
//                                          precondition n >> 256 < d, so the quotient fits
//                                          in 256 bits; false if d == 0 or the precondition fails
//
// Multiplication splits each 64x64->128 product into 32-bit halves (Wasm has
// no widening multiply); mul512 has a shorter path when a < 2^128 (put the
// operand more likely to be short first). Division, by one to four limbs, is
// long division in locals with quotient limbs from a reciprocal of the divisor's
// top limbs (Moller and Granlund 2011: 2-by-1 and 3-by-2 steps, multiplications
// only); longer divisors add one multiply-subtract and at most one add-back per
// quotient limb. The reciprocal comes from a table and Newton steps; those of
// recent divisors are remembered.


// ---------------------------------------------------------------- results

import { r0, r1, r2, r3, h0, h1, h2, h3, m0, m1, m2, m3, mulHi } from "../registers";

const MASK32: u64 = 0xffffffff;

/** Sets r0..r3 (for library code that returns a value it already holds in limbs). */
// @ts-ignore: decorator
@inline export function setR(a0: u64, a1: u64, a2: u64, a3: u64): void {
  r0 = a0;
  r1 = a1;
  r2 = a2;
  r3 = a3;
}

// ---------------------------------------------------------------- multiply

/** 64x64 -> 128-bit product. Returns the low word, leaves the high word in `mulHi`. */
// @ts-ignore: decorator
@inline export function umul64(a: u64, b: u64): u64 {
  mulHi = umulh(a, b);
  return a * b;
}

/**
 * High 64 bits of the 128-bit product a * b (the low half is the native `a * b`).
 * A pure function: inlined code keeps the result in locals, with no global traffic.
 */
// @ts-ignore: decorator
@inline export function umulh(a: u64, b: u64): u64 {
  const aL = a & MASK32, aH = a >> 32;
  const bL = b & MASK32, bH = b >> 32;
  // each partial sum stays below 2^64: (2^32 - 1)^2 + 2 * (2^32 - 1) < 2^64
  const w1 = aH * bL + ((aL * bL) >> 32);
  const w2 = aL * bH + (w1 & MASK32);
  return aH * bH + (w1 >> 32) + (w2 >> 32);
}

/** Full 512-bit product a * b: low half in r0..r3, high half in h0..h3. */
export function mul512(a0: u64, a1: u64, a2: u64, a3: u64, b0: u64, b1: u64, b2: u64, b3: u64): void {
  // Schoolbook: row i adds a * b_i shifted by i limbs into the accumulator p.
  let p0: u64 = 0, p1: u64 = 0, p2: u64 = 0, p3: u64 = 0, p4: u64 = 0, p5: u64 = 0, p6: u64 = 0, p7: u64 = 0;
  let lo: u64, c: u64, t: u64;

  if ((a2 | a3) == 0) {
    // a fits 128 bits (liquidity, most prices): two products per row. Row i writes
    // p_i, p_(i+1) and its carry into p_(i+2), which no earlier row has touched.
    if (b0 != 0) {
      p0 = a0 * b0; c = umulh(a0, b0);
      lo = a1 * b0; p1 = lo + c; p2 = umulh(a1, b0) + u64(p1 < lo);
    }
    if (b1 != 0) {
      lo = a0 * b1; t = p1 + lo; c = umulh(a0, b1) + u64(t < lo); p1 = t;
      lo = a1 * b1; t = p2 + lo; let c2 = u64(t < lo); t += c; c2 += u64(t < c); p2 = t; p3 = umulh(a1, b1) + c2;
    }
    if (b2 != 0) {
      lo = a0 * b2; t = p2 + lo; c = umulh(a0, b2) + u64(t < lo); p2 = t;
      lo = a1 * b2; t = p3 + lo; let c2 = u64(t < lo); t += c; c2 += u64(t < c); p3 = t; p4 = umulh(a1, b2) + c2;
    }
    if (b3 != 0) {
      lo = a0 * b3; t = p3 + lo; c = umulh(a0, b3) + u64(t < lo); p3 = t;
      lo = a1 * b3; t = p4 + lo; let c2 = u64(t < lo); t += c; c2 += u64(t < c); p4 = t; p5 = umulh(a1, b3) + c2;
    }
    setR(p0, p1, p2, p3);
    h0 = p4;
    h1 = p5;
    h2 = 0;
    h3 = 0;
    return;
  }

  // row 0 (b0): p0..p4 = a * b0
  if (b0 != 0) {
    p0 = a0 * b0; c = umulh(a0, b0);
    lo = a1 * b0; p1 = lo + c; c = umulh(a1, b0) + u64(p1 < lo);
    lo = a2 * b0; p2 = lo + c; c = umulh(a2, b0) + u64(p2 < lo);
    lo = a3 * b0; p3 = lo + c; c = umulh(a3, b0) + u64(p3 < lo);
    p4 = c;
  }
  // row 1 (b1): p1..p5 += a * b1
  if (b1 != 0) {
    lo = a0 * b1; t = p1 + lo; c = umulh(a0, b1) + u64(t < lo); p1 = t;
    lo = a1 * b1; t = p2 + lo; let c2 = u64(t < lo); t += c; c2 += u64(t < c); p2 = t; c = umulh(a1, b1) + c2;
    lo = a2 * b1; t = p3 + lo; c2 = u64(t < lo); t += c; c2 += u64(t < c); p3 = t; c = umulh(a2, b1) + c2;
    lo = a3 * b1; t = p4 + lo; c2 = u64(t < lo); t += c; c2 += u64(t < c); p4 = t; c = umulh(a3, b1) + c2;
    p5 = c;
  }
  // row 2 (b2): p2..p6 += a * b2
  if (b2 != 0) {
    lo = a0 * b2; t = p2 + lo; c = umulh(a0, b2) + u64(t < lo); p2 = t;
    lo = a1 * b2; t = p3 + lo; let c2 = u64(t < lo); t += c; c2 += u64(t < c); p3 = t; c = umulh(a1, b2) + c2;
    lo = a2 * b2; t = p4 + lo; c2 = u64(t < lo); t += c; c2 += u64(t < c); p4 = t; c = umulh(a2, b2) + c2;
    lo = a3 * b2; t = p5 + lo; c2 = u64(t < lo); t += c; c2 += u64(t < c); p5 = t; c = umulh(a3, b2) + c2;
    p6 = c;
  }
  // row 3 (b3): p3..p7 += a * b3
  if (b3 != 0) {
    lo = a0 * b3; t = p3 + lo; c = umulh(a0, b3) + u64(t < lo); p3 = t;
    lo = a1 * b3; t = p4 + lo; let c2 = u64(t < lo); t += c; c2 += u64(t < c); p4 = t; c = umulh(a1, b3) + c2;
    lo = a2 * b3; t = p5 + lo; c2 = u64(t < lo); t += c; c2 += u64(t < c); p5 = t; c = umulh(a2, b3) + c2;
    lo = a3 * b3; t = p6 + lo; c2 = u64(t < lo); t += c; c2 += u64(t < c); p6 = t; c = umulh(a3, b3) + c2;
    p7 = c;
  }
  // mulHi + c2 cannot overflow: the row sum a*b_i + old limbs is < 2^(64*(i+5)).
  setR(p0, p1, p2, p3);
  h0 = p4;
  h1 = p5;
  h2 = p6;
  h3 = p7;
}

/** r = a * b mod 2^256. Returns true when the exact product is >= 2^256. */
export function mul256(a0: u64, a1: u64, a2: u64, a3: u64, b0: u64, b1: u64, b2: u64, b3: u64): bool {
  mul512(a0, a1, a2, a3, b0, b1, b2, b3);
  return (h0 | h1 | h2 | h3) != 0;
}

// ---------------------------------------------------------------- add / sub

/** r = a + b mod 2^256. Returns the carry out (true when a + b >= 2^256). */
export function add256(a0: u64, a1: u64, a2: u64, a3: u64, b0: u64, b1: u64, b2: u64, b3: u64): bool {
  const s0 = a0 + b0;
  let c = u64(s0 < a0);
  let s1 = a1 + b1;
  let c1 = u64(s1 < a1);
  s1 += c;
  c = c1 | u64(s1 < c);
  let s2 = a2 + b2;
  c1 = u64(s2 < a2);
  s2 += c;
  c = c1 | u64(s2 < c);
  let s3 = a3 + b3;
  c1 = u64(s3 < a3);
  s3 += c;
  c = c1 | u64(s3 < c);
  setR(s0, s1, s2, s3);
  return c != 0;
}

/** r = a - b mod 2^256. Returns the borrow out (true when a < b). */
export function sub256(a0: u64, a1: u64, a2: u64, a3: u64, b0: u64, b1: u64, b2: u64, b3: u64): bool {
  const d0 = a0 - b0;
  let br = u64(a0 < b0);
  let d1 = a1 - b1;
  let b1o = u64(a1 < b1) | u64(d1 < br);
  d1 -= br;
  let d2 = a2 - b2;
  let b2o = u64(a2 < b2) | u64(d2 < b1o);
  d2 -= b1o;
  let d3 = a3 - b3;
  let b3o = u64(a3 < b3) | u64(d3 < b2o);
  d3 -= b2o;
  setR(d0, d1, d2, d3);
  return b3o != 0;
}

/** r = -a mod 2^256 (two's complement negation). */
export function neg256(a0: u64, a1: u64, a2: u64, a3: u64): void {
  sub256(0, 0, 0, 0, a0, a1, a2, a3);
}

// ---------------------------------------------------------------- compare

/** Unsigned compare: -1 if a < b, 0 if equal, 1 if a > b. */
export function cmp256(a0: u64, a1: u64, a2: u64, a3: u64, b0: u64, b1: u64, b2: u64, b3: u64): i32 {
  if (a3 != b3) return a3 < b3 ? -1 : 1;
  if (a2 != b2) return a2 < b2 ? -1 : 1;
  if (a1 != b1) return a1 < b1 ? -1 : 1;
  if (a0 != b0) return a0 < b0 ? -1 : 1;
  return 0;
}

/** a < b (unsigned). */
// @ts-ignore: decorator
@inline export function lt256(a0: u64, a1: u64, a2: u64, a3: u64, b0: u64, b1: u64, b2: u64, b3: u64): bool {
  return cmp256(a0, a1, a2, a3, b0, b1, b2, b3) < 0;
}

/** a <= b (unsigned). */
// @ts-ignore: decorator
@inline export function lte256(a0: u64, a1: u64, a2: u64, a3: u64, b0: u64, b1: u64, b2: u64, b3: u64): bool {
  return cmp256(a0, a1, a2, a3, b0, b1, b2, b3) <= 0;
}

/** a == b. */
// @ts-ignore: decorator
@inline export function eq256(a0: u64, a1: u64, a2: u64, a3: u64, b0: u64, b1: u64, b2: u64, b3: u64): bool {
  return ((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2) | (a3 ^ b3)) == 0;
}

/** a == 0. */
// @ts-ignore: decorator
@inline export function isZero256(a0: u64, a1: u64, a2: u64, a3: u64): bool {
  return (a0 | a1 | a2 | a3) == 0;
}

// ---------------------------------------------------------------- bits

/** Index (0..255) of the most significant set bit; -1 when a == 0. */
export function msb256(a0: u64, a1: u64, a2: u64, a3: u64): i32 {
  if (a3 != 0) return 255 - <i32>clz(a3);
  if (a2 != 0) return 191 - <i32>clz(a2);
  if (a1 != 0) return 127 - <i32>clz(a1);
  if (a0 != 0) return 63 - <i32>clz(a0);
  return -1;
}

/** Index (0..255) of the least significant set bit; -1 when a == 0. */
export function lsb256(a0: u64, a1: u64, a2: u64, a3: u64): i32 {
  if (a0 != 0) return <i32>ctz(a0);
  if (a1 != 0) return 64 + <i32>ctz(a1);
  if (a2 != 0) return 128 + <i32>ctz(a2);
  if (a3 != 0) return 192 + <i32>ctz(a3);
  return -1;
}

// ---------------------------------------------------------------- shifts

/** r = a << n (logical, mod 2^256); n >= 256 gives 0. */
export function shl256(a0: u64, a1: u64, a2: u64, a3: u64, n: u32): void {
  if (n >= 256) {
    setR(0, 0, 0, 0);
    return;
  }
  // Whole-limb move first, then the bit shift (Wasm masks shift counts to 6 bits,
  // so a zero bit shift must skip the `64 - b` cross term).
  let w = n >> 6;
  while (w > 0) {
    a3 = a2;
    a2 = a1;
    a1 = a0;
    a0 = 0;
    w--;
  }
  const b = <u64>(n & 63);
  if (b != 0) {
    const c = 64 - b;
    a3 = (a3 << b) | (a2 >> c);
    a2 = (a2 << b) | (a1 >> c);
    a1 = (a1 << b) | (a0 >> c);
    a0 = a0 << b;
  }
  setR(a0, a1, a2, a3);
}

/** r = a >> n (logical); n >= 256 gives 0. */
export function shr256(a0: u64, a1: u64, a2: u64, a3: u64, n: u32): void {
  if (n >= 256) {
    setR(0, 0, 0, 0);
    return;
  }
  let w = n >> 6;
  while (w > 0) {
    a0 = a1;
    a1 = a2;
    a2 = a3;
    a3 = 0;
    w--;
  }
  const b = <u64>(n & 63);
  if (b != 0) {
    const c = 64 - b;
    a0 = (a0 >> b) | (a1 << c);
    a1 = (a1 >> b) | (a2 << c);
    a2 = (a2 >> b) | (a3 << c);
    a3 = a3 >> b;
  }
  setR(a0, a1, a2, a3);
}

/** r = a >> n for an int256 (sign-filling); n >= 256 gives 0 or -1. */
export function sar256(a0: u64, a1: u64, a2: u64, a3: u64, n: u32): void {
  const fill: u64 = <i64>a3 < 0 ? ~(<u64>0) : 0;
  if (n >= 256) {
    setR(fill, fill, fill, fill);
    return;
  }
  let w = n >> 6;
  while (w > 0) {
    a0 = a1;
    a1 = a2;
    a2 = a3;
    a3 = fill;
    w--;
  }
  const b = <u64>(n & 63);
  if (b != 0) {
    const c = 64 - b;
    a0 = (a0 >> b) | (a1 << c);
    a1 = (a1 >> b) | (a2 << c);
    a2 = (a2 >> b) | (a3 << c);
    a3 = <u64>(<i64>a3 >> b);
  }
  setR(a0, a1, a2, a3);
}

// ---------------------------------------------------------------- division

// Division by a normalised two-limb divisor (d1, d0) with a precomputed reciprocal
// (Moller and Granlund, "Improved division by invariant integers", 2011): each
// quotient limb costs three 64x64 multiplications instead of hardware divisions.

// Reciprocals of the last two one-limb divisors (1e6 and 1e6 - fee in swap math). Keys are
// normalised divisors (top bit set), so the initial zeros never match.
let rc1dA: u64 = 0, rc1vA: u64 = 0, rc1dB: u64 = 0, rc1vB: u64 = 0;

// 11-bit first approximations of the reciprocal, floor((2^19 - 3 * 2^8) / d9) for the top nine
// bits d9 (256..511) of a normalised divisor (Moller and Granlund, algorithm 2).
const RECIPROCAL_TABLE: usize = memory.data(256 * 2, 2);
for (let i = 0; i < 256; i++) store<u16>(RECIPROCAL_TABLE + (<usize>i << 1), <u16>((524288 - 768) / (256 + i)));

/**
 * floor((2^128 - 1) / d) - 2^64 for a normalised d (top bit set), with multiplications only
 * (Moller and Granlund, "Improved division by invariant integers", 2011, algorithm 2): a table
 * look-up and three Newton steps of growing precision, then one exact adjustment.
 */
export function reciprocalWord(d: u64): u64 {
  const d0 = d & 1;
  const d9 = d >> 55;
  const d40 = (d >> 24) + 1;
  const d63 = (d >> 1) + d0; // ceil(d / 2)
  const v0 = <u64>load<u16>(RECIPROCAL_TABLE + (<usize>(d9 - 256) << 1));
  const v1 = (v0 << 11) - ((v0 * v0 * d40) >> 40) - 1;
  const v2 = (v1 << 13) + ((v1 * ((<u64>1 << 60) - v1 * d40)) >> 47);
  // e = 2^96 - v2 * d63 + floor(v2 / 2) * d0, which fits 64 bits
  const e = ((v2 >> 1) & (0 - d0)) - v2 * d63;
  const v3 = (umulh(v2, e) >> 1) + (v2 << 31);
  // v4 = v3 - floor((v3 + 2^64 + 1) * d / 2^64) mod 2^64
  const lo = v3 * d;
  const t = lo + d;
  const hi = umulh(v3, d) + u64(t < lo);
  return v3 - hi - d;
}

/** floor((2^128 - 1) / d) - 2^64 for a normalised d, cached. */
function reciprocal2by1(d: u64): u64 {
  if (d == rc1dA) return rc1vA;
  if (d == rc1dB) return rc1vB;
  const v = reciprocalWord(d);
  rc1dB = rc1dA;
  rc1vB = rc1vA;
  rc1dA = d;
  rc1vA = v;
  return v;
}

// Two-limb reciprocals by divisor, direct-mapped (1,024 entries of d1, d0, v): swap math divides
// by the same prices (every initialized tick's), liquidities and fee constants again and again.
// Keys are normalised (top bit set), so the initial zeros never match.
const RC2: usize = memory.data(1024 * 24, 8);

/** reciprocal3by2, remembered. */
function reciprocal3by2Cached(d1: u64, d0: u64): u64 {
  const p = RC2 + <usize>(((d0 ^ d1) * 0x9e3779b97f4a7c15) >> 54) * 24;
  if (load<u64>(p) == d1 && load<u64>(p, 8) == d0) return load<u64>(p, 16);
  const v = reciprocal3by2(d1, d0);
  store<u64>(p, d1);
  store<u64>(p, d0, 8);
  store<u64>(p, v, 16);
  return v;
}

/** floor((2^192 - 1) / (d1 * 2^64 + d0)) - 2^64 for a normalised d1 (top bit set). */
function reciprocal3by2(d1: u64, d0: u64): u64 {
  // v = floor((2^128 - 1) / d1) - 2^64
  let v = reciprocalWord(d1);
  // fold in d0 (the paper's algorithm 6)
  let p = d1 * v + d0;
  if (p < d0) {
    v--;
    if (p >= d1) {
      v--;
      p -= d1;
    }
    p -= d1;
  }
  const t0 = umul64(v, d0);
  const t1 = mulHi;
  p += t1;
  if (p < t1) {
    v--;
    if (p > d1 || (p == d1 && t0 >= d0)) v--;
  }
  return v;
}

/** Remainder limbs of the last division step (div2by1: rr0; div3by2: rr1, rr0; div4by3: rr2..rr0; step5by4: rr3..rr0). */
let rr3: u64 = 0;
let rr2: u64 = 0;
let rr1: u64 = 0;
let rr0: u64 = 0;

/**
 * (u2, u1, u0) / (d1, d0) for (u2, u1) < (d1, d0), d normalised, v = reciprocal3by2(d1, d0).
 * Returns the quotient limb; the remainder is left in (rr1, rr0).
 */
// @ts-ignore: decorator
@inline function div3by2(u2: u64, u1: u64, u0: u64, d1: u64, d0: u64, v: u64): u64 {
  // (q1, q0) = v * u2 + (u2, u1)
  let q0 = v * u2;
  let q1 = umulh(v, u2);
  const s0 = q0 + u1;
  q1 += u2 + u64(s0 < q0);
  q0 = s0;
  // r = (u1 - q1 * d1, u0) - q1 * d0 - d, mod 2^128
  let r1 = u1 - q1 * d1;
  const t0 = d0 * q1;
  const t1 = umulh(d0, q1);
  let r0 = u0 - t0;
  r1 = r1 - t1 - u64(u0 < t0);
  const r0b = r0;
  r0 -= d0;
  r1 = r1 - d1 - u64(r0b < d0);
  q1++;
  // adjustment: the estimate is one too large. Taken about half the time, so done without a
  // branch: mask is all ones when r1 >= q0.
  const mask: u64 = 0 - u64(r1 >= q0);
  q1 += mask;
  const a0 = r0;
  r0 += d0 & mask;
  r1 += (d1 & mask) + u64(r0 < a0);
  // unlikely: one too small
  if (r1 > d1 || (r1 == d1 && r0 >= d0)) {
    q1++;
    const a = r0;
    r0 -= d0;
    r1 = r1 - d1 - u64(a < d0);
  }
  rr1 = r1;
  rr0 = r0;
  return q1;
}

/**
 * (u1 * 2^64 + u0) / d for u1 < d, d normalised, v = floor((2^128 - 1) / d) - 2^64.
 * Returns the quotient; the remainder is left in rr0. (Moller and Granlund, algorithm 4.)
 */
// @ts-ignore: decorator
@inline function div2by1(u1: u64, u0: u64, d: u64, v: u64): u64 {
  let q0 = v * u1;
  let q1 = umulh(v, u1);
  const s0 = q0 + u0;
  q1 += u1 + 1 + u64(s0 < q0);
  q0 = s0;
  let r = u0 - q1 * d;
  // unpredictable adjustment, without a branch (mask is all ones when r > q0)
  const mask: u64 = 0 - u64(r > q0);
  q1 += mask;
  r += d & mask;
  if (r >= d) {
    q1++;
    r -= d;
  }
  rr0 = r;
  return q1;
}

/**
 * (r2, r1, r0, u) / (d2, d1, d0) for (r2, r1, r0) < d, d normalised (d2's top bit set),
 * v = reciprocal3by2(d2, d1). Returns the quotient limb; the remainder is left in (rr2, rr1, rr0).
 * The 3-by-2 division of the top three limbs by the top two gives the quotient or one more
 * (the rest of the divisor, q * d0 < 2^128, is less than d), so at most one add-back.
 */
// @ts-ignore: decorator
@inline function div4by3(r2: u64, r1: u64, r0: u64, u: u64, d2: u64, d1: u64, d0: u64, v: u64): u64 {
  if (r2 == d2 && r1 == d1) {
    // (rare) the top limbs equal the divisor's: with r = d - e (0 < e = d0 - r0), the window is
    // (2^64 - 1) * d + (d - e * 2^64 + u), and that remainder is in (0, d)
    const e = d0 - r0;
    let t1 = d1 - e;
    let t2 = d2 - u64(d1 < e);
    const t0 = d0 + u;
    const c = u64(t0 < u);
    t1 += c;
    t2 += u64(t1 < c);
    rr2 = t2;
    rr1 = t1;
    rr0 = t0;
    return ~(<u64>0);
  }
  let q = div3by2(r2, r1, r0, d2, d1, v);
  const s1 = rr1, s0 = rr0;
  // (s1, s0, u) - q * d0
  const pLo = q * d0, pHi = umulh(q, d0);
  const t0 = u - pLo;
  const b0 = u64(u < pLo);
  const t1a = s0 - pHi;
  const t1 = t1a - b0;
  const b1 = u64(s0 < pHi) | u64(t1a < b0);
  let t2 = s1 - b1;
  let x0 = t0, x1 = t1;
  if (s1 < b1) {
    // one too large: add the divisor back (the carry out cancels the borrow)
    q--;
    x0 = t0 + d0;
    const c0 = u64(x0 < d0);
    const y1 = t1 + d1;
    const c1 = u64(y1 < d1);
    x1 = y1 + c0;
    t2 = t2 + d2 + c1 + u64(x1 < c0);
  }
  rr2 = t2;
  rr1 = x1;
  rr0 = x0;
  return q;
}

// One quotient limb of a long division: the remainder so far (rr.., below d) with the next
// limb u, divided by the normalised d. A window below d gives 0 and just shifts u in.

// @ts-ignore: decorator
@inline function step2by1(u: u64, d: u64, v: u64): u64 {
  if (rr0 == 0 && u < d) {
    rr0 = u;
    return 0;
  }
  return div2by1(rr0, u, d, v);
}

// @ts-ignore: decorator
@inline function step3by2(u: u64, d1: u64, d0: u64, v: u64): u64 {
  if (rr1 == 0 && (rr0 < d1 || (rr0 == d1 && u < d0))) {
    rr1 = rr0;
    rr0 = u;
    return 0;
  }
  return div3by2(rr1, rr0, u, d1, d0, v);
}

// @ts-ignore: decorator
@inline function step4by3(u: u64, d2: u64, d1: u64, d0: u64, v: u64): u64 {
  if (rr2 == 0 && (rr1 < d2 || (rr1 == d2 && (rr0 < d1 || (rr0 == d1 && u < d0))))) {
    rr2 = rr1;
    rr1 = rr0;
    rr0 = u;
    return 0;
  }
  return div4by3(rr2, rr1, rr0, u, d2, d1, d0, v);
}

/**
 * step for a four-limb d, v = reciprocal3by2(d3, d2): the 3-by-2 estimate from the top limbs,
 * one two-limb multiply-subtract and at most one add-back, as div4by3.
 */
function step5by4(u: u64, d3: u64, d2: u64, d1: u64, d0: u64, v: u64): u64 {
  const x3 = rr3, x2 = rr2, x1 = rr1, x0 = rr0;
  if (x3 == 0 && (x2 < d3 || (x2 == d3 && (x1 < d2 || (x1 == d2 && (x0 < d1 || (x0 == d1 && u < d0))))))) {
    rr3 = x2; rr2 = x1; rr1 = x0; rr0 = u;
    return 0;
  }
  if (x3 == d3 && x2 == d2) {
    // (rare) the estimate saturates, and 2^64 - 1 is then exact (the window is at least
    // (d3, d2) * 2^192 > (2^64 - 1) * d): the remainder is window - d * 2^64 + d, below d,
    // so it comes out right mod 2^256
    sub256(x0, x1, x2, x3, d0, d1, d2, d3);
    add256(u, r0, r1, r2, d0, d1, d2, d3);
    rr3 = r3; rr2 = r2; rr1 = r1; rr0 = r0;
    return ~(<u64>0);
  }
  let q = div3by2(x3, x2, x1, d3, d2, v);
  // (rr1, rr0, x0, u) - q * (d1, d0), with q * (d1, d0) as three limbs (t2, t1, t0)
  const t0 = q * d0, p0h = umulh(q, d0);
  const p1 = q * d1;
  const t1 = p1 + p0h;
  const t2 = umulh(q, d1) + u64(t1 < p1);
  const w0 = u - t0;
  let br = u64(u < t0);
  const y1 = x0 - t1;
  const w1 = y1 - br;
  br = u64(x0 < t1) | u64(y1 < br);
  const y2 = rr0 - t2;
  const w2 = y2 - br;
  br = u64(rr0 < t2) | u64(y2 < br);
  const w3 = rr1 - br;
  if (rr1 < br) {
    // one too large: add d back (the carry out cancels the borrow)
    q--;
    add256(w0, w1, w2, w3, d0, d1, d2, d3);
    rr3 = r3; rr2 = r2; rr1 = r1; rr0 = r0;
  } else {
    rr3 = w3; rr2 = w2; rr1 = w1; rr0 = w0;
  }
  return q;
}

/**
 * (a4, a3, a2, a1, a0) / d for a one-limb d != 0 and a4 < d (so the quotient fits 256 bits),
 * in locals: the common case (fees, small liquidity, a 512-bit mulDiv by one limb).
 */
function divBy1Limb(a4: u64, a3: u64, a2: u64, a1: u64, a0: u64, d: u64): void {
  const s = clz(d);
  let u4 = a4, u3 = a3, u2 = a2, u1 = a1, u0 = a0;
  if (s != 0) {
    // a4 < d < 2^(64 - s): nothing is shifted out of the top
    const c = 64 - s;
    d <<= s;
    u4 = (a4 << s) | (a3 >> c);
    u3 = (a3 << s) | (a2 >> c);
    u2 = (a2 << s) | (a1 >> c);
    u1 = (a1 << s) | (a0 >> c);
    u0 = a0 << s;
  }
  const inv = reciprocal2by1(d);
  // Remainder rr0 < d, starting from the top limb (u4 < d).
  rr0 = u4;
  const q3 = step2by1(u3, d, inv);
  const q2 = step2by1(u2, d, inv);
  const q1 = step2by1(u1, d, inv);
  const q0 = step2by1(u0, d, inv);
  setR(q0, q1, q2, q3);
  m0 = rr0 >> s;
  m1 = 0;
  m2 = 0;
  m3 = 0;
}

/**
 * (a5, a4, a3, a2, a1, a0) / d for a two-limb d (d1 != 0) and (a5, a4) < d (so the quotient
 * fits 256 bits), in locals: four 3-by-2 steps, fewer when the top limbs are zero.
 */
function divBy2Limbs(a5: u64, a4: u64, a3: u64, a2: u64, a1: u64, a0: u64, d0: u64, d1: u64): void {
  const s = clz(d1);
  let u5 = a5, u4 = a4, u3 = a3, u2 = a2, u1 = a1, u0 = a0;
  if (s != 0) {
    // (a5, a4) < d < 2^(128 - s): nothing is shifted out of the top
    const c = 64 - s;
    d1 = (d1 << s) | (d0 >> c);
    d0 <<= s;
    u5 = (a5 << s) | (a4 >> c);
    u4 = (a4 << s) | (a3 >> c);
    u3 = (a3 << s) | (a2 >> c);
    u2 = (a2 << s) | (a1 >> c);
    u1 = (a1 << s) | (a0 >> c);
    u0 = a0 << s;
  }
  const inv = reciprocal3by2Cached(d1, d0);
  // Remainder (rr1, rr0) < d, starting from the top two limbs.
  rr1 = u5;
  rr0 = u4;
  const q3 = step3by2(u3, d1, d0, inv);
  const q2 = step3by2(u2, d1, d0, inv);
  const q1 = step3by2(u1, d1, d0, inv);
  const q0 = step3by2(u0, d1, d0, inv);
  setR(q0, q1, q2, q3);
  const r1 = rr1, r0 = rr0;
  m0 = s != 0 ? (r0 >> s) | (r1 << (64 - s)) : r0;
  m1 = r1 >> s;
  m2 = 0;
  m3 = 0;
}

/**
 * (a6, ..., a0) / d for a three-limb d (d2 != 0) and (a6, a5, a4) < d (so the quotient fits
 * 256 bits), in locals: four 4-by-3 steps, each a 3-by-2 division and one multiply-subtract.
 */
function divBy3Limbs(a6: u64, a5: u64, a4: u64, a3: u64, a2: u64, a1: u64, a0: u64, d0: u64, d1: u64, d2: u64): void {
  const s = clz(d2);
  let u6 = a6, u5 = a5, u4 = a4, u3 = a3, u2 = a2, u1 = a1, u0 = a0;
  if (s != 0) {
    // (a6, a5, a4) < d < 2^(192 - s): nothing is shifted out of the top
    const c = 64 - s;
    d2 = (d2 << s) | (d1 >> c);
    d1 = (d1 << s) | (d0 >> c);
    d0 <<= s;
    u6 = (a6 << s) | (a5 >> c);
    u5 = (a5 << s) | (a4 >> c);
    u4 = (a4 << s) | (a3 >> c);
    u3 = (a3 << s) | (a2 >> c);
    u2 = (a2 << s) | (a1 >> c);
    u1 = (a1 << s) | (a0 >> c);
    u0 = a0 << s;
  }
  const v = reciprocal3by2Cached(d2, d1);
  // Remainder (rr2, rr1, rr0) < d, starting from the top three limbs.
  rr2 = u6;
  rr1 = u5;
  rr0 = u4;
  const q3 = step4by3(u3, d2, d1, d0, v);
  const q2 = step4by3(u2, d2, d1, d0, v);
  const q1 = step4by3(u1, d2, d1, d0, v);
  const q0 = step4by3(u0, d2, d1, d0, v);
  const x2 = rr2, x1 = rr1, x0 = rr0;
  setR(q0, q1, q2, q3);
  if (s != 0) {
    const c = 64 - s;
    m0 = (x0 >> s) | (x1 << c);
    m1 = (x1 >> s) | (x2 << c);
    m2 = x2 >> s;
  } else {
    m0 = x0;
    m1 = x1;
    m2 = x2;
  }
  m3 = 0;
}

/**
 * (a7, ..., a0) / d for a four-limb d (d3 != 0) and (a7, a6, a5, a4) < d, in locals: four
 * 5-by-4 steps (fewer while the remainder is short), each a 3-by-2 estimate from the top limbs,
 * one two-limb multiply-subtract and at most one add-back, as div4by3.
 */
function divBy4Limbs(a7: u64, a6: u64, a5: u64, a4: u64, a3: u64, a2: u64, a1: u64, a0: u64, d0: u64, d1: u64, d2: u64, d3: u64): void {
  const s = clz(d3);
  let u7 = a7, u6 = a6, u5 = a5, u4 = a4, u3 = a3, u2 = a2, u1 = a1, u0 = a0;
  if (s != 0) {
    const c = 64 - s;
    d3 = (d3 << s) | (d2 >> c);
    d2 = (d2 << s) | (d1 >> c);
    d1 = (d1 << s) | (d0 >> c);
    d0 <<= s;
    u7 = (a7 << s) | (a6 >> c);
    u6 = (a6 << s) | (a5 >> c);
    u5 = (a5 << s) | (a4 >> c);
    u4 = (a4 << s) | (a3 >> c);
    u3 = (a3 << s) | (a2 >> c);
    u2 = (a2 << s) | (a1 >> c);
    u1 = (a1 << s) | (a0 >> c);
    u0 = a0 << s;
  }
  const v = reciprocal3by2Cached(d3, d2);
  // Remainder (rr3, rr2, rr1, rr0) < d, starting from the top four limbs.
  rr3 = u7;
  rr2 = u6;
  rr1 = u5;
  rr0 = u4;
  const q3 = step5by4(u3, d3, d2, d1, d0, v);
  const q2 = step5by4(u2, d3, d2, d1, d0, v);
  const q1 = step5by4(u1, d3, d2, d1, d0, v);
  const q0 = step5by4(u0, d3, d2, d1, d0, v);
  const x3 = rr3, x2 = rr2, x1 = rr1, x0 = rr0;
  setR(q0, q1, q2, q3);
  if (s != 0) {
    const c = 64 - s;
    m0 = (x0 >> s) | (x1 << c);
    m1 = (x1 >> s) | (x2 << c);
    m2 = (x2 >> s) | (x3 << c);
    m3 = x3 >> s;
  } else {
    m0 = x0;
    m1 = x1;
    m2 = x2;
    m3 = x3;
  }
}

/**
 * r = a / d, m = a % d (unsigned). Returns false, leaving r and m untouched, when d == 0.
 */
export function divRem256(a0: u64, a1: u64, a2: u64, a3: u64, d0: u64, d1: u64, d2: u64, d3: u64): bool {
  if ((d2 | d3) == 0) {
    if (d1 == 0) {
      if (d0 == 0) return false;
      if ((a1 | a2 | a3) == 0) {
        // Both fit 64 bits: the native divide.
        setR(a0 / d0, 0, 0, 0);
        m0 = a0 % d0;
        m1 = 0;
        m2 = 0;
        m3 = 0;
        return true;
      }
      divBy1Limb(0, a3, a2, a1, a0, d0);
      return true;
    }
    divBy2Limbs(0, 0, a3, a2, a1, a0, d0, d1);
    return true;
  }
  if (d3 == 0) {
    divBy3Limbs(0, 0, 0, a3, a2, a1, a0, d0, d1, d2);
    return true;
  }
  divBy4Limbs(0, 0, 0, 0, a3, a2, a1, a0, d0, d1, d2, d3);
  return true;
}

/**
 * r = n / d, m = n % d for a 512-bit n = (n0..n7, n0 least significant).
 * Requires (n >> 256) < d so that the quotient fits 256 bits; returns false
 * (r and m untouched) when d == 0 or that does not hold.
 */
export function div512(
  n0: u64, n1: u64, n2: u64, n3: u64, n4: u64, n5: u64, n6: u64, n7: u64,
  d0: u64, d1: u64, d2: u64, d3: u64,
): bool {
  if (!lt256(n4, n5, n6, n7, d0, d1, d2, d3)) return false;
  if ((n4 | n5 | n6 | n7) == 0) return divRem256(n0, n1, n2, n3, d0, d1, d2, d3);
  if ((d2 | d3) == 0) {
    // short divisors in locals; n >> 256 < d leaves at most one (two) high limbs
    if (d1 == 0) divBy1Limb(n4, n3, n2, n1, n0, d0);
    else divBy2Limbs(n5, n4, n3, n2, n1, n0, d0, d1);
    return true;
  }
  if (d3 == 0) divBy3Limbs(n6, n5, n4, n3, n2, n1, n0, d0, d1, d2);
  else divBy4Limbs(n7, n6, n5, n4, n3, n2, n1, n0, d0, d1, d2, d3);
  return true;
}
