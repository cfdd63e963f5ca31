// Twin of contracts/libraries/Solvency.sol: nets a portfolio's Records into per-token virtual
// balances and a USD total (docs/pm.md states the rules; SPEC section 4 "The arithmetic, exactly").
//
//   v_R = the largest varianceX64 among a Record's tokens
//   vc  = floor(credit * 2^64 / v_R)          vd = ceil((debt + delta) * v_R / 2^64)
//   net_t = sum of (vc - vd); a tail token fails when net_t < 0
//   usd_t = net_t >= 0 ? floor(net_t * a * 10^18 / 10^(td + fd)) : -ceil(-net_t * a * 10^18 / 10^(td + fd))
//   usdNet = sum of blue-chip usd_t - tailRecordUsdDebt * (number of all-tail Records)
//   solvent when usdNet >= 0 and no tail token fails
//
// Where the twins differ: Solidity nets each entry as int256(vc) - int256(vd). Here the credits
// and debts of a token are summed separately as unsigned 192-bit values (3 limbs; vc < 2^128,
// vd < 2^137, so 2^55 entries cannot overflow) and net = credits - debts is taken once at the
// end: the same integer, without a signed add per entry. The bindings check what Solidity checks
// while reading the Records (UnknownToken, InvalidVarianceFactor, amounts below 2^128) before
// anything reaches this file; what remains here are the price checks and the USD arithmetic, in
// the library's order (held blue-chips in order of first appearance).
//
// Memory (all set up by the bindings in one arena, see solvencyExports.ts):
//   token table, TOKEN_WORDS u64 per token: v0, v1, info, num0..num3, den0..den3, rcp0, rcp1, (pad)
//     info = tail (bit 0) | price state << 8 (PRICE_OK / MISSING / INVALID / STALE)
//     num = answer * 10^18 (< 2^188), den = 10^(td + fd), rcp = floor(2^192 / v) (< 2^128)
//   ints (u32): per portfolio [records], per record [entries], per entry [token index]
//   amounts (u64): per entry credit lo, hi, debt lo, hi, delta lo, hi
//   scratch, SCRATCH_WORDS u64 per token: credits (3), debts (3), stamp; and u32 order[tokens]
//   out (u64) per portfolio: solvent, usdNet (4, two's complement), used count,
//     then per used token (first-appearance order): index, sign (1 = negative), |net| (3)

import {
  E_INVALID_PRICE,
  E_MISSING_PRICE,
  E_SOLVENCY_OVERFLOW,
  E_STALE_PRICE,
  OK,
} from "../errors";
import { PRICE_INVALID, PRICE_MISSING, PRICE_OK, PRICE_STALE, SCRATCH_WORDS, TOKEN_WORDS } from "../layout";
import { mulDiv, mulDivRoundingUp } from "./FullMath";
import { add256, mul256, mulHi, neg256, r0, r1, r2, r3, umul64 } from "./U256";


/** Index of the portfolio that failed in the last `checkMany` (valid when it returned an error). */
export let failedPortfolio: i32 = 0;

// @ts-ignore: decorator
@inline function ld64(base: usize, i: i32): u64 {
  return load<u64>(base + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline function st64(base: usize, i: i32, v: u64): void {
  store<u64>(base + (<usize>i << 3), v);
}

// @ts-ignore: decorator
@inline function ld32(base: usize, i: i32): u32 {
  return load<u32>(base + (<usize>i << 2));
}

/**
 * Checks `portfolios` portfolios against one token table. Returns OK or the first error code
 * (the failing portfolio in `failedPortfolio`); results go to `out`.
 * @param tailDebt0 / tailDebt1 tailRecordUsdDebt (< 2^128)
 */
export function checkMany(
  portfolios: i32,
  tokenCount: i32,
  table: usize,
  ints: usize,
  amounts: usize,
  scratch: usize,
  order: usize,
  out: usize,
  tailDebt0: u64,
  tailDebt1: u64,
): i32 {
  // Stamps mark a token as seen in the current portfolio without clearing the table each time.
  for (let k = 0; k < tokenCount; k++) st64(scratch, k * SCRATCH_WORDS + 6, 0);
  let ip = 0; // read position in ints
  let ap = 0; // read position in amounts (u64 words)
  let op = 0; // write position in out (u64 words)
  for (let p = 0; p < portfolios; p++) {
    const stamp = <u64>(p + 1);
    const records = <i32>ld32(ints, ip++);
    let used = 0;
    let tailRecords: u64 = 0;
    for (let r = 0; r < records; r++) {
      const m = <i32>ld32(ints, ip);
      ip++;
      // First pass: the Record's factor (largest) and whether it is all-tail.
      let v0: u64 = 0, v1: u64 = 0;
      let vt = 0; // table row of the token whose factor is v_R (for its reciprocal)
      let allTail = m != 0;
      for (let j = 0; j < m; j++) {
        const k = <i32>ld32(ints, ip + j);
        const t = k * TOKEN_WORDS;
        const tv0 = ld64(table, t), tv1 = ld64(table, t + 1);
        if (tv1 > v1 || (tv1 == v1 && tv0 > v0)) {
          v0 = tv0;
          v1 = tv1;
          vt = t;
        }
        if ((ld64(table, t + 2) & 1) == 0) allTail = false;
        const s = k * SCRATCH_WORDS;
        if (ld64(scratch, s + 6) != stamp) {
          st64(scratch, s + 6, stamp);
          for (let w = 0; w < 6; w++) st64(scratch, s + w, 0);
          store<u32>(order + (<usize>used << 2), <u32>k);
          used++;
        }
      }
      if (allTail) tailRecords++;
      const rcp0 = m != 0 ? ld64(table, vt + 11) : 0, rcp1 = m != 0 ? ld64(table, vt + 12) : 0;
      // Second pass: virtual credit and debt per entry.
      for (let j = 0; j < m; j++) {
        const s = <i32>ld32(ints, ip + j) * SCRATCH_WORDS;
        const c0 = ld64(amounts, ap), c1 = ld64(amounts, ap + 1);
        const d0 = ld64(amounts, ap + 2), d1 = ld64(amounts, ap + 3);
        const e0 = ld64(amounts, ap + 4), e1 = ld64(amounts, ap + 5);
        ap += 6;
        if ((c0 | c1) != 0) {
          const vcLo = virtualCredit(c0, c1, v0, v1, rcp0, rcp1);
          addTo(scratch, s, vcLo, vcHi);
        }
        if ((d0 | d1 | e0 | e1) != 0) {
          // debt + delta < 2^129 (3 limbs)
          const s0 = d0 + e0;
          const k0 = u64(s0 < d0);
          let s1 = d1 + e1;
          let s2 = u64(s1 < d1);
          s1 += k0;
          s2 += u64(s1 < k0);
          // vd = ceil((debt + delta) * v_R / 2^64): drop the low limb, add one if it was non-zero.
          mul3x2(s0, s1, s2, v0, v1);
          const lowNonZero = u64(w0 != 0);
          const q0 = w1 + lowNonZero;
          const q0c = u64(q0 < w1);
          const q1 = w2 + q0c;
          const q2 = w3 + u64(q1 < w2);
          addTo3(scratch, s + 3, q0, q1, q2);
        }
      }
      ip += m;
    }

    // Values, in order of first appearance.
    const head = op;
    op += 6;
    let u0: u64 = 0, u1: u64 = 0, u2: u64 = 0, u3: u64 = 0; // usdNet, int256
    for (let i = 0; i < used; i++) {
      const k = <i32>load<u32>(order + (<usize>i << 2));
      const s = k * SCRATCH_WORDS;
      const a0 = ld64(scratch, s), a1 = ld64(scratch, s + 1), a2 = ld64(scratch, s + 2);
      const b0 = ld64(scratch, s + 3), b1 = ld64(scratch, s + 4), b2 = ld64(scratch, s + 5);
      // |net| and its sign from credits (a) - debts (b), 3 limbs each.
      let negative = false;
      if (a2 < b2 || (a2 == b2 && (a1 < b1 || (a1 == b1 && a0 < b0)))) {
        negative = true;
        sub3(b0, b1, b2, a0, a1, a2);
      } else {
        sub3(a0, a1, a2, b0, b1, b2);
      }
      const n0 = t0, n1 = t1, n2 = t2;
      st64(out, op, <u64>k);
      st64(out, op + 1, negative ? 1 : 0);
      st64(out, op + 2, n0);
      st64(out, op + 3, n1);
      st64(out, op + 4, n2);
      op += 5;

      const t = k * TOKEN_WORDS;
      const info = ld64(table, t + 2);
      if ((info & 1) != 0) continue; // tail: netted in kind, not priced
      const state = info >> 8;
      if (state != PRICE_OK) {
        failedPortfolio = p;
        return state == PRICE_MISSING ? E_MISSING_PRICE : state == PRICE_INVALID ? E_INVALID_PRICE : E_STALE_PRICE;
      }
      if ((n0 | n1 | n2) == 0) continue;
      // USD value: credits round down, debts up.
      const e = negative
        ? mulDivRoundingUp(n0, n1, n2, 0, ld64(table, t + 3), ld64(table, t + 4), ld64(table, t + 5), ld64(table, t + 6), ld64(table, t + 7), ld64(table, t + 8), ld64(table, t + 9), ld64(table, t + 10))
        : mulDiv(n0, n1, n2, 0, ld64(table, t + 3), ld64(table, t + 4), ld64(table, t + 5), ld64(table, t + 6), ld64(table, t + 7), ld64(table, t + 8), ld64(table, t + 9), ld64(table, t + 10));
      if (e != OK) {
        failedPortfolio = p;
        return e;
      }
      // Solidity: if (mag > uint256(type(int256).max)) revert SolvencyOverflow()
      if ((r3 >> 63) != 0) {
        failedPortfolio = p;
        return E_SOLVENCY_OVERFLOW;
      }
      let x0 = r0, x1 = r1, x2 = r2, x3 = r3;
      if (negative) {
        neg256(x0, x1, x2, x3);
        x0 = r0; x1 = r1; x2 = r2; x3 = r3;
      }
      if (!addSigned(u0, u1, u2, u3, x0, x1, x2, x3)) {
        failedPortfolio = p;
        return E_SOLVENCY_OVERFLOW;
      }
      u0 = r0; u1 = r1; u2 = r2; u3 = r3;
    }
    // The all-tail Records' fixed debt: tailDebt < 2^128, tailRecords < 2^64, the product < 2^192.
    if (tailRecords != 0) {
      mul256(tailDebt0, tailDebt1, 0, 0, tailRecords, 0, 0, 0);
      neg256(r0, r1, r2, r3);
      if (!addSigned(u0, u1, u2, u3, r0, r1, r2, r3)) {
        failedPortfolio = p;
        return E_SOLVENCY_OVERFLOW;
      }
      u0 = r0; u1 = r1; u2 = r2; u3 = r3;
    }
    // Solvency of the USD side; the bindings add the tail failures from the signed nets.
    st64(out, head, (u3 >> 63) == 0 ? 1 : 0);
    st64(out, head + 1, u0);
    st64(out, head + 2, u1);
    st64(out, head + 3, u2);
    st64(out, head + 4, u3);
    st64(out, head + 5, <u64>used);
  }
  return OK;
}

// ---------------------------------------------------------------- helpers

/** Limbs of the last `mul3x2` product. */
let w0: u64 = 0;
let w1: u64 = 0;
let w2: u64 = 0;
let w3: u64 = 0;

/**
 * w = a * b for a 3-limb a and a 2-limb b whose product is below 2^256 and whose top partial
 * product a2 * b1 is below 2^64 (here: a < 2^129 with b <= 2^72, or a and b both below 2^128).
 * @dev Equivalent to U256.mul256(a0, a1, a2, 0, b0, b1, 0, 0), column by column with the carries
 * counted, without the general routine's four rows.
 */
function mul3x2(a0: u64, a1: u64, a2: u64, b0: u64, b1: u64): void {
  const l00 = umul64(a0, b0), h00 = mulHi;
  const l01 = umul64(a0, b1), h01 = mulHi;
  const l10 = umul64(a1, b0), h10 = mulHi;
  const l11 = umul64(a1, b1), h11 = mulHi;
  const l20 = umul64(a2, b0), h20 = mulHi;
  const l21 = a2 * b1;
  // column 1: h00 + l01 + l10
  let x1 = h00 + l01;
  let c1 = u64(x1 < l01);
  x1 += l10;
  c1 += u64(x1 < l10);
  // column 2: h01 + h10 + l11 + l20 + c1
  let x2 = h01 + h10;
  let c2 = u64(x2 < h10);
  x2 += l11;
  c2 += u64(x2 < l11);
  x2 += l20;
  c2 += u64(x2 < l20);
  x2 += c1;
  c2 += u64(x2 < c1);
  // column 3: h11 + h20 + l21 + c2 (fits: the product is below 2^256)
  w0 = l00;
  w1 = x1;
  w2 = x2;
  w3 = h11 + h20 + l21 + c2;
}

/** High limb of the last `virtualCredit`. */
let vcHi: u64 = 0;

/**
 * vc = floor(credit * 2^64 / v) for credit < 2^128 and v in (2^64, 2^72]; low limb returned, high
 * limb in `vcHi`. Equivalent to the Solidity `(credit << 64) / vR`.
 * @dev Division by a factor that repeats (one per token) through its reciprocal rcp = floor(2^192 / v),
 * computed once per token by the bindings: q = floor(credit * rcp / 2^128) is at most one below the
 * true quotient (rcp > 2^192/v - 1 and credit < 2^128 lose less than 2 in total), so the remainder
 * credit * 2^64 - q * v is below 2v and one correction step gives the exact floor.
 */
function virtualCredit(c0: u64, c1: u64, v0: u64, v1: u64, rcp0: u64, rcp1: u64): u64 {
  mul3x2(c0, c1, 0, rcp0, rcp1);
  let q0 = w2, q1 = w3;
  // remainder = credit * 2^64 - q * v (non-negative, below 2v < 2^73: two limbs)
  mul3x2(q0, q1, 0, v0, v1);
  const p0 = w0, p1 = w1, p2 = w2;
  const m0 = 0 - p0;
  const b0 = u64(p0 != 0);
  const m1 = c0 - p1 - b0;
  const b1 = u64(c0 < p1) | u64(c0 - p1 < b0);
  const m2 = c1 - p2 - b1;
  // while remainder >= v: q++, remainder -= v (at most twice)
  let x0 = m0, x1 = m1, x2 = m2;
  for (let i = 0; i < 2; i++) {
    if (x2 == 0 && (x1 < v1 || (x1 == v1 && x0 < v0))) break;
    const y0 = x0 - v0;
    const bb = u64(x0 < v0);
    const y1 = x1 - v1 - bb;
    x2 -= u64(x1 < v1) | u64(x1 - v1 < bb);
    x0 = y0;
    x1 = y1;
    q0++;
    if (q0 == 0) q1++;
  }
  vcHi = q1;
  return q0;
}

let t0: u64 = 0;
let t1: u64 = 0;
let t2: u64 = 0;

/** t = a - b for 3-limb a >= b. */
// @ts-ignore: decorator
@inline function sub3(a0: u64, a1: u64, a2: u64, b0: u64, b1: u64, b2: u64): void {
  t0 = a0 - b0;
  const br0 = u64(a0 < b0);
  const d1 = a1 - b1;
  t1 = d1 - br0;
  const br1 = u64(a1 < b1) | u64(d1 < br0);
  t2 = a2 - b2 - br1;
}

/** scratch[s..s+2] += (x0, x1) (a 128-bit value into a 192-bit sum). */
// @ts-ignore: decorator
@inline function addTo(scratch: usize, s: i32, x0: u64, x1: u64): void {
  addTo3(scratch, s, x0, x1, 0);
}

/** scratch[s..s+2] += (x0, x1, x2). */
function addTo3(scratch: usize, s: i32, x0: u64, x1: u64, x2: u64): void {
  const a0 = ld64(scratch, s), a1 = ld64(scratch, s + 1), a2 = ld64(scratch, s + 2);
  const y0 = a0 + x0;
  const c0 = u64(y0 < a0);
  let y1 = a1 + x1;
  let c1 = u64(y1 < a1);
  y1 += c0;
  c1 |= u64(y1 < c0);
  st64(scratch, s, y0);
  st64(scratch, s + 1, y1);
  st64(scratch, s + 2, a2 + x2 + c1);
}

/** r = a + b as int256; false when the sum leaves int256 (Solidity: addSigned). */
function addSigned(a0: u64, a1: u64, a2: u64, a3: u64, b0: u64, b1: u64, b2: u64, b3: u64): bool {
  add256(a0, a1, a2, a3, b0, b1, b2, b3);
  const sa = a3 >> 63, sb = b3 >> 63, sr = r3 >> 63;
  return !(sa == sb && sr != sa);
}
