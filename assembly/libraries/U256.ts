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
// no widening multiply); division is Knuth's algorithm D on 32-bit digits,
// because Wasm divides 64 by 64 bits natively but not 128 by 64.

// ---------------------------------------------------------------- results

/** Limbs of the last 256-bit result (r0 least significant). */
export let r0: u64 = 0;
export let r1: u64 = 0;
export let r2: u64 = 0;
export let r3: u64 = 0;
/** High half of the last `mul512` product. */
export let h0: u64 = 0;
export let h1: u64 = 0;
export let h2: u64 = 0;
export let h3: u64 = 0;
/** Remainder of the last division. */
export let m0: u64 = 0;
export let m1: u64 = 0;
export let m2: u64 = 0;
export let m3: u64 = 0;
/** High 64 bits of the last `umul64` product. */
export let mulHi: u64 = 0;

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

/**
 * 64x64 -> 128-bit product. Returns the low word, leaves the high word in `mulHi`.
 * Split into 32-bit halves; every partial sum below stays under 2^64.
 */
// @ts-ignore: decorator
@inline export function umul64(a: u64, b: u64): u64 {
  const aL = a & MASK32, aH = a >> 32;
  const bL = b & MASK32, bH = b >> 32;
  const ll = aL * bL;
  const lh = aL * bH;
  const hl = aH * bL;
  const hh = aH * bH;
  // (ll >> 32) + two 32-bit halves < 3 * 2^32: no overflow.
  const mid = (ll >> 32) + (lh & MASK32) + (hl & MASK32);
  mulHi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  return a * b;
}

/** Full 512-bit product a * b: low half in r0..r3, high half in h0..h3. */
export function mul512(a0: u64, a1: u64, a2: u64, a3: u64, b0: u64, b1: u64, b2: u64, b3: u64): void {
  // Schoolbook: row i adds a * b_i shifted by i limbs into the accumulator p.
  let p0: u64 = 0, p1: u64 = 0, p2: u64 = 0, p3: u64 = 0, p4: u64 = 0, p5: u64 = 0, p6: u64 = 0, p7: u64 = 0;
  let lo: u64, c: u64, t: u64;

  // row 0 (b0): p0..p4 = a * b0
  if (b0 != 0) {
    p0 = umul64(a0, b0); c = mulHi;
    lo = umul64(a1, b0); p1 = lo + c; c = mulHi + u64(p1 < lo);
    lo = umul64(a2, b0); p2 = lo + c; c = mulHi + u64(p2 < lo);
    lo = umul64(a3, b0); p3 = lo + c; c = mulHi + u64(p3 < lo);
    p4 = c;
  }
  // row 1 (b1): p1..p5 += a * b1
  if (b1 != 0) {
    lo = umul64(a0, b1); t = p1 + lo; c = mulHi + u64(t < lo); p1 = t;
    lo = umul64(a1, b1); t = p2 + lo; let c2 = u64(t < lo); t += c; c2 += u64(t < c); p2 = t; c = mulHi + c2;
    lo = umul64(a2, b1); t = p3 + lo; c2 = u64(t < lo); t += c; c2 += u64(t < c); p3 = t; c = mulHi + c2;
    lo = umul64(a3, b1); t = p4 + lo; c2 = u64(t < lo); t += c; c2 += u64(t < c); p4 = t; c = mulHi + c2;
    p5 = c;
  }
  // row 2 (b2): p2..p6 += a * b2
  if (b2 != 0) {
    lo = umul64(a0, b2); t = p2 + lo; c = mulHi + u64(t < lo); p2 = t;
    lo = umul64(a1, b2); t = p3 + lo; let c2 = u64(t < lo); t += c; c2 += u64(t < c); p3 = t; c = mulHi + c2;
    lo = umul64(a2, b2); t = p4 + lo; c2 = u64(t < lo); t += c; c2 += u64(t < c); p4 = t; c = mulHi + c2;
    lo = umul64(a3, b2); t = p5 + lo; c2 = u64(t < lo); t += c; c2 += u64(t < c); p5 = t; c = mulHi + c2;
    p6 = c;
  }
  // row 3 (b3): p3..p7 += a * b3
  if (b3 != 0) {
    lo = umul64(a0, b3); t = p3 + lo; c = mulHi + u64(t < lo); p3 = t;
    lo = umul64(a1, b3); t = p4 + lo; let c2 = u64(t < lo); t += c; c2 += u64(t < c); p4 = t; c = mulHi + c2;
    lo = umul64(a2, b3); t = p5 + lo; c2 = u64(t < lo); t += c; c2 += u64(t < c); p5 = t; c = mulHi + c2;
    lo = umul64(a3, b3); t = p6 + lo; c2 = u64(t < lo); t += c; c2 += u64(t < c); p6 = t; c = mulHi + c2;
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

// Knuth's algorithm D (TAOCP 4.3.1) on base-2^32 digits, so every trial
// quotient and partial product fits a u64. Static scratch, no allocation:
// U = numerator (16 digits + 1 for normalisation), V = divisor (8 digits), Q = quotient.
const U: usize = memory.data(17 * 4, 16);
const V: usize = memory.data(8 * 4, 16);
const Q: usize = memory.data(16 * 4, 16);

// @ts-ignore: decorator
@inline function ld(base: usize, i: i32): u64 {
  return <u64>load<u32>(base + (<usize>i << 2));
}
// @ts-ignore: decorator
@inline function st(base: usize, i: i32, v: u64): void {
  store<u32>(base + (<usize>i << 2), <u32>v);
}

// @ts-ignore: decorator
@inline function putLimb(base: usize, i: i32, v: u64): void {
  store<u64>(base + (<usize>i << 3), v);
}
// @ts-ignore: decorator
@inline function getLimb(base: usize, i: i32): u64 {
  return load<u64>(base + (<usize>i << 3));
}

/**
 * Divides the numerator in U (nu 32-bit digits, little-endian) by the divisor in
 * V (nv digits, top digit non-zero, nv >= 1). Quotient -> r0..r3 (the caller
 * guarantees it fits 256 bits), remainder -> m0..m3.
 */
function divCore(nu: i32, nv: i32): void {
  memory.fill(Q, 0, 16 * 4);
  if (nu < nv) {
    // numerator < divisor
    setR(0, 0, 0, 0);
    m0 = getLimb(U, 0);
    m1 = getLimb(U, 1);
    m2 = getLimb(U, 2);
    m3 = getLimb(U, 3);
    return;
  }
  if (nv == 1) {
    // Short division: each step divides a 64-bit partial by one 32-bit digit.
    const v = ld(V, 0);
    let rem: u64 = 0;
    for (let j = nu - 1; j >= 0; j--) {
      const cur = (rem << 32) | ld(U, j);
      st(Q, j, cur / v);
      rem = cur % v;
    }
    r0 = getLimb(Q, 0);
    r1 = getLimb(Q, 1);
    r2 = getLimb(Q, 2);
    r3 = getLimb(Q, 3);
    m0 = rem;
    m1 = 0;
    m2 = 0;
    m3 = 0;
    return;
  }
  // D1: normalise so the divisor's top digit has its high bit set.
  const s = <u64>clz<u32>(<u32>ld(V, nv - 1));
  if (s != 0) {
    for (let i = nv - 1; i > 0; i--) st(V, i, (ld(V, i) << s) | (ld(V, i - 1) >> (32 - s)));
    st(V, 0, ld(V, 0) << s);
    st(U, nu, ld(U, nu - 1) >> (32 - s));
    for (let i = nu - 1; i > 0; i--) st(U, i, (ld(U, i) << s) | (ld(U, i - 1) >> (32 - s)));
    st(U, 0, ld(U, 0) << s);
  } else {
    st(U, nu, 0);
  }
  const vTop = ld(V, nv - 1);
  const vNext = ld(V, nv - 2);
  // D2..D7: one quotient digit per step, from the top.
  for (let j = nu - nv; j >= 0; j--) {
    // D3: estimate qhat from the top two numerator digits; correct it at most twice.
    const num = (ld(U, j + nv) << 32) | ld(U, j + nv - 1);
    let qhat = num / vTop;
    let rhat = num - qhat * vTop;
    while (qhat > MASK32 || qhat * vNext > ((rhat << 32) | ld(U, j + nv - 2))) {
      qhat--;
      rhat += vTop;
      if (rhat > MASK32) break;
    }
    // D4: U[j..j+nv] -= qhat * V, with a signed borrow k.
    let k: i64 = 0;
    let t: i64;
    for (let i = 0; i < nv; i++) {
      const p = qhat * ld(V, i);
      t = <i64>ld(U, i + j) - k - <i64>(p & MASK32);
      st(U, i + j, <u64>t);
      k = <i64>(p >> 32) - (t >> 32);
    }
    t = <i64>ld(U, j + nv) - k;
    st(U, j + nv, <u64>t);
    // D5/D6: the estimate was one too large (rare): add V back.
    if (t < 0) {
      qhat--;
      let c: u64 = 0;
      for (let i = 0; i < nv; i++) {
        const sum = ld(U, i + j) + ld(V, i) + c;
        st(U, i + j, sum);
        c = sum >> 32;
      }
      st(U, j + nv, ld(U, j + nv) + c);
    }
    st(Q, j, qhat);
  }
  r0 = getLimb(Q, 0);
  r1 = getLimb(Q, 1);
  r2 = getLimb(Q, 2);
  r3 = getLimb(Q, 3);
  // D8: the remainder is U[0..nv) shifted back.
  if (s != 0) {
    for (let i = 0; i < nv - 1; i++) st(U, i, (ld(U, i) >> s) | (ld(U, i + 1) << (32 - s)));
    st(U, nv - 1, ld(U, nv - 1) >> s);
  }
  for (let i = nv; i < 8; i++) st(U, i, 0);
  m0 = getLimb(U, 0);
  m1 = getLimb(U, 1);
  m2 = getLimb(U, 2);
  m3 = getLimb(U, 3);
}

// @ts-ignore: decorator
@inline function digits(top: i32): i32 {
  return top < 0 ? 0 : (top >> 5) + 1;
}

function loadDivisor(d0: u64, d1: u64, d2: u64, d3: u64): i32 {
  putLimb(V, 0, d0);
  putLimb(V, 1, d1);
  putLimb(V, 2, d2);
  putLimb(V, 3, d3);
  return digits(msb256(d0, d1, d2, d3));
}

/**
 * r = a / d, m = a % d (unsigned). Returns false, leaving r and m untouched, when d == 0.
 */
export function divRem256(a0: u64, a1: u64, a2: u64, a3: u64, d0: u64, d1: u64, d2: u64, d3: u64): bool {
  if ((d1 | d2 | d3) == 0) {
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
  }
  const nv = loadDivisor(d0, d1, d2, d3);
  putLimb(U, 0, a0);
  putLimb(U, 1, a1);
  putLimb(U, 2, a2);
  putLimb(U, 3, a3);
  putLimb(U, 4, 0);
  putLimb(U, 5, 0);
  putLimb(U, 6, 0);
  putLimb(U, 7, 0);
  divCore(digits(msb256(a0, a1, a2, a3)), nv);
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
  const nv = loadDivisor(d0, d1, d2, d3);
  putLimb(U, 0, n0);
  putLimb(U, 1, n1);
  putLimb(U, 2, n2);
  putLimb(U, 3, n3);
  putLimb(U, 4, n4);
  putLimb(U, 5, n5);
  putLimb(U, 6, n6);
  putLimb(U, 7, n7);
  divCore(8 + digits(msb256(n4, n5, n6, n7)), nv);
  return true;
}
