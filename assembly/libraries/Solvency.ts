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
// The functions are Solvency.sol's, in its order (check, collectNets, sumUsd, netRecord, then the
// helpers usdValue, indexOf, divRoundingUp, addSigned), with its constants under the same names,
// and they raise its errors in its order: the Records in order, in each its tokens in order
// (UnknownToken, InvalidVarianceFactor), then its amounts in order (SolvencyOverflow); then the held
// blue-chips in order of first appearance (the price, then MulDivOverflow / SolvencyOverflow from the
// USD value and the running sum); last the all-tail Records' fixed debt (SolvencyOverflow).
// `checkMany` runs `check` over many portfolios against one token table; `priceOf` is the Portfolio
// Manager's price read (PortfolioManager._price: MissingPrice, InvalidPrice, StalePrice), which on
// chain runs before the library and here runs where the library first reads the price.
//
// Where the twins differ, for speed only (the integers are the same):
// - A Record names its tokens by table index (the bindings intern the addresses), so `indexOf`
//   checks the index instead of searching addresses; a token "seen" in the current portfolio is
//   marked by a stamp instead of a scan of `order`.
// - The factor check `v <= ONE_X64 || v > MAX_VARIANCE_X64` is evaluated once per token per call
//   (`prepare`); netRecord reads its answer where Solidity evaluates it.
// - vc = (credit << 64) / v_R divides through the reciprocal floor(2^192 / v), found once per token
//   per call (`prepare`, remembered across calls by factor), with one correction step
//   (see `virtualCredit`).
// - divRoundingUp only ever divides by ONE_X64 here: it drops the low limb.
//
// Memory (one arena the bindings fill; offsets in ../layout.ts, section "solvency"):
//   table, TOKEN_WORDS u64 per token: varianceX64 (4), tail, decimals, price flags, answer (4,
//     int256), feed decimals, updatedAt, maxAge: the PM's TokenConfig and Price, unprocessed
//   ints (u32): per portfolio [records], per record [entries], per entry [token index]
//   amounts (u64): per entry credit (4), debt (4), delta (4), each a uint256
//   scratch, SCRATCH_WORDS u64 per token: rcp (2), net (4, int256), stamp, factor valid; and u32 order[tokens]
//   out (u64), per portfolio the Breakdown: solvent, usdNet (4, int256), tailRecords, tokens n,
//     failing f; then n x (table index, net (4, int256)) in order of first appearance; then f
//     table indexes of the failing tails

import {
  E_INVALID_PRICE,
  E_INVALID_VARIANCE_FACTOR,
  E_MISSING_PRICE,
  E_SOLVENCY_OVERFLOW,
  E_STALE_PRICE,
  E_UNKNOWN_TOKEN,
  OK,
} from "../errors";
import {
  NOT_AT,
  PRICE_DATED,
  PRICE_GIVEN,
  RESULT_HEAD_WORDS,
  RESULT_TOKEN_WORDS,
  R_FAILING,
  R_SOLVENT,
  R_TAIL_RECORDS,
  R_TOKENS,
  R_USD_NET,
  SCRATCH_WORDS,
  TOKEN_WORDS,
  T_ANSWER,
  T_DECIMALS,
  T_FEED_DECIMALS,
  T_MAX_AGE,
  T_PRICE,
  T_TAIL,
  T_UPDATED_AT,
  T_VARIANCE,
} from "../layout";
import { mulDiv, mulDivRoundingUp } from "./FullMath";
import { add256, divRem256, mul256, neg256, setR, umul64 } from "./U256";
import { mulHi, r0, r1, r2, r3 } from "../registers";

// ---------------------------------------------------------------- constants (Solvency.sol's)
// The uint256 constants are four limbs in static memory (least significant first).

/** 2^64. */
export const ONE_X64: usize = memory.data<u64>([0, 1, 0, 0]);
/** Largest variance factor: 256.0 (2^72). */
export const MAX_VARIANCE_X64: usize = memory.data<u64>([0, 0x100, 0, 0]);
/** Record amounts must stay below 2^128 (so no step of the netting can overflow). */
export const AMOUNT_LIMIT: usize = memory.data<u64>([0, 0, 1, 0]);
/** Feed answers must stay below 2^128. */
export const ANSWER_LIMIT: usize = memory.data<u64>([0, 0, 1, 0]);
export const MAX_DECIMALS: u8 = 36;

// 10^k for k = 0..2 * MAX_DECIMALS (the `10 ** (td + fd)` of usdValue), four limbs each, built once.
const POW10_COUNT: i32 = 2 * MAX_DECIMALS + 1;
const POW10: usize = memory.data(POW10_COUNT * 32, 8);
store<u64>(POW10, 1);
for (let k = 1; k < POW10_COUNT; k++) {
  const p = POW10 + (<usize>(k - 1) << 5);
  mul256(load<u64>(p), load<u64>(p, 8), load<u64>(p, 16), load<u64>(p, 24), 10, 0, 0, 0);
  const q = POW10 + (<usize>k << 5);
  store<u64>(q, r0);
  store<u64>(q, r1, 8);
  store<u64>(q, r2, 16);
  store<u64>(q, r3, 24);
}

// ---------------------------------------------------------------- state of a call
// The arena of the running `checkMany`, its read / write positions, and the failure location.

let table: usize = 0;
let ints: usize = 0;
let amounts: usize = 0;
let scratch: usize = 0;
let order: usize = 0;
let out: usize = 0;
let tokenCount: i32 = 0;
let tailRecordUsdDebt0: u64 = 0;
let tailRecordUsdDebt1: u64 = 0;
let now: u64 = 0;
/** Read position in ints (u32 words), in amounts (u64 words), write position in out (u64 words). */
let ip: i32 = 0;
let ap: i32 = 0;
let op: i32 = 0;
/** Stamp of the current portfolio (scratch word 6 of a token equals it once the token is seen). */
let stamp: u64 = 0;
/** Entries of `order` in use in the current portfolio. */
let used: i32 = 0;
/** netRecord's second result: the Record has tokens and all of them are tail tokens. */
let allTail: bool = false;

/** Where the last failing `checkMany` failed: portfolio, record, entry in it, table index (NOT_AT: none). */
export let failedPortfolio: u64 = 0;
export let failedRecord: u64 = 0;
export let failedEntry: u64 = 0;
export let failedToken: u64 = 0;

/** Records where `code` was raised (the Solidity errors' arguments) and returns it. */
function fail(code: i32, record: u64, entry: u64, token: u64): i32 {
  failedRecord = record;
  failedEntry = entry;
  failedToken = token;
  return code;
}

// ---------------------------------------------------------------- batch

/**
 * `check` over `portfolios` portfolios laid out one after the other, against one token table.
 * Returns OK or the first error (its location in failedPortfolio / failedRecord / failedEntry /
 * failedToken); each portfolio's Breakdown is written to `out_`, one after the other. With `cut`
 * the last portfolio is checked only up to the end of its Records (the bindings met a JS-level
 * error right after them, which they throw if nothing here fails first).
 */
export function checkMany(
  portfolios: i32,
  tokens: i32,
  table_: usize,
  ints_: usize,
  amounts_: usize,
  scratch_: usize,
  order_: usize,
  out_: usize,
  tailDebt0: u64,
  tailDebt1: u64,
  now_: u64,
  cut: bool,
): i32 {
  table = table_;
  ints = ints_;
  amounts = amounts_;
  scratch = scratch_;
  order = order_;
  out = out_;
  tokenCount = tokens;
  tailRecordUsdDebt0 = tailDebt0;
  tailRecordUsdDebt1 = tailDebt1;
  now = now_;
  prepare();
  ip = 0;
  ap = 0;
  op = 0;
  for (let p = 0; p < portfolios; p++) {
    stamp = <u64>(p + 1);
    const e = check(cut && p == portfolios - 1);
    if (e != OK) {
      failedPortfolio = <u64>p;
      return e;
    }
  }
  return OK;
}

/** Per token, once per call: clears the stamp, checks the factor (netRecord reads the answer) and finds the reciprocal of a valid one. */
function prepare(): void {
  for (let k = 0; k < tokenCount; k++) {
    const t = k * TOKEN_WORDS + T_VARIANCE, s = k * SCRATCH_WORDS;
    const v0 = ld64(table, t), v1 = ld64(table, t + 1), v2 = ld64(table, t + 2), v3 = ld64(table, t + 3);
    let rcp0: u64 = 0, rcp1: u64 = 0;
    const valid = validFactor(v0, v1, v2, v3);
    if (valid) {
      reciprocal(v0, v1);
      rcp0 = r0;
      rcp1 = r1;
    }
    st64(scratch, s, rcp0);
    st64(scratch, s + 1, rcp1);
    st64(scratch, s + 6, 0);
    st64(scratch, s + 7, valid ? 1 : 0);
  }
}

// The reciprocals of recent factors, RECIPROCALS entries of (v0, v1, rcp0, rcp1) by a hash of v,
// so repeated calls with one token table (a check per portfolio) skip the divisions. A valid
// factor has v1 >= 1, so an empty (zero) entry never matches.
const RECIPROCALS: i32 = 64;
const RECIPROCAL_CACHE: usize = memory.data(RECIPROCALS * 32, 8);

/** rcp = floor(2^192 / v) (< 2^128) in r0, r1, for v in (2^64, 2^72]. */
function reciprocal(v0: u64, v1: u64): void {
  const e = RECIPROCAL_CACHE + (<usize>(((v0 ^ v1) * 0x9e3779b97f4a7c15) >> 58) << 5);
  if (load<u64>(e) == v0 && load<u64>(e, 8) == v1) {
    setR(load<u64>(e, 16), load<u64>(e, 24), 0, 0);
    return;
  }
  divRem256(0, 0, 0, 1, v0, v1, 0, 0);
  store<u64>(e, v0);
  store<u64>(e, v1, 8);
  store<u64>(e, r0, 16);
  store<u64>(e, r1, 24);
}

// ---------------------------------------------------------------- check

/**
 * Nets the next portfolio's Records and values the result (Solidity: check). Returns OK or the
 * first error; writes the portfolio's Breakdown at the write position.
 * @param recordsOnly stop after the Records (a cut portfolio: its Breakdown is not written)
 */
function check(recordsOnly: bool): i32 {
  // (1) the Records: net virtual balances per token; `order` lists the table indexes of the
  //     tokens in order of first appearance (the order of every output and later check).
  const records = <i32>ld32(ints, ip++);
  used = 0;
  let tailRecords: u64 = 0;
  for (let r = 0; r < records; r++) {
    const e = netRecord(r);
    if (e != OK) return e;
    if (allTail) ++tailRecords;
  }
  if (recordsOnly) return OK;
  // (2) tail failures, then the blue-chips' USD values
  const head = op;
  const failing = collectNets(head);
  const e = sumUsd();
  if (e != OK) return e;
  const u0 = r0, u1 = r1, u2 = r2, u3 = r3;
  // (3) the all-tail Records' fixed debt. tailRecords < 2^64 and tailRecordUsdDebt < 2^128
  //     (the PM bounds it): the product fits.
  mul256(tailRecordUsdDebt0, tailRecordUsdDebt1, 0, 0, tailRecords, 0, 0, 0);
  neg256(r0, r1, r2, r3);
  if (!addSigned(u0, u1, u2, u3, r0, r1, r2, r3)) return fail(E_SOLVENCY_OVERFLOW, NOT_AT, NOT_AT, NOT_AT);
  st64(out, head + R_SOLVENT, failing == 0 && (r3 >> 63) == 0 ? 1 : 0);
  st64(out, head + R_USD_NET, r0);
  st64(out, head + R_USD_NET + 1, r1);
  st64(out, head + R_USD_NET + 2, r2);
  st64(out, head + R_USD_NET + 3, r3);
  st64(out, head + R_TAIL_RECORDS, tailRecords);
  return OK;
}

/**
 * Writes the tokens, their nets and the failing tails of the Breakdown at `head`, in order of
 * first appearance (Solidity: collectNets); moves the write position past them. Returns the
 * number of failing tails.
 */
function collectNets(head: i32): i32 {
  const n = used;
  let w = head + RESULT_HEAD_WORDS;
  let f = w + n * RESULT_TOKEN_WORDS; // the failing tails follow the n token entries
  let failingCount = 0;
  for (let i = 0; i < n; i++) {
    const k = <i32>ld32(order, i);
    const s = k * SCRATCH_WORDS + 2;
    const n3 = ld64(scratch, s + 3);
    st64(out, w, <u64>k);
    st64(out, w + 1, ld64(scratch, s));
    st64(out, w + 2, ld64(scratch, s + 1));
    st64(out, w + 3, ld64(scratch, s + 2));
    st64(out, w + 4, n3);
    w += RESULT_TOKEN_WORDS;
    if (ld64(table, k * TOKEN_WORDS + T_TAIL) != 0 && (n3 >> 63) != 0) {
      st64(out, f++, <u64>k);
      failingCount++;
    }
  }
  st64(out, head + R_TOKENS, <u64>n);
  st64(out, head + R_FAILING, <u64>failingCount);
  op = f;
  return failingCount;
}

/**
 * Sum of the held blue-chips' USD values, in order of first appearance (Solidity: sumUsd).
 * Returns OK or the first error; the int256 sum in r0..r3.
 */
function sumUsd(): i32 {
  let u0: u64 = 0, u1: u64 = 0, u2: u64 = 0, u3: u64 = 0;
  for (let i = 0; i < used; i++) {
    const k = <i32>ld32(order, i);
    if (ld64(table, k * TOKEN_WORDS + T_TAIL) != 0) continue;
    let e = priceOf(k);
    if (e == OK) e = usdValue(k);
    if (e != OK) return fail(e, NOT_AT, NOT_AT, <u64>k);
    if (!addSigned(u0, u1, u2, u3, r0, r1, r2, r3)) return fail(E_SOLVENCY_OVERFLOW, NOT_AT, NOT_AT, <u64>k);
    u0 = r0;
    u1 = r1;
    u2 = r2;
    u3 = r3;
  }
  setR(u0, u1, u2, u3);
  return OK;
}

/**
 * Adds the next Record's virtual balances to the nets, appending newly seen tokens to `order`
 * (Solidity: netRecord). Returns OK or the first error; sets `allTail`.
 * @param r the Record's position in the portfolio (where a failure is reported)
 */
function netRecord(r: i32): i32 {
  const m = <i32>ld32(ints, ip++);
  const idx = ip; // the Record's table indexes (Solidity: idx)
  ip += m;
  let v0: u64 = 0, v1: u64 = 0; // v_R, below 2^72 once checked
  let vk = 0; // the token whose factor is v_R (for its reciprocal)
  let all = m != 0;
  for (let j = 0; j < m; j++) {
    const k = indexOf(ld32(ints, idx + j));
    if (k < 0) return fail(E_UNKNOWN_TOKEN, <u64>r, <u64>j, NOT_AT);
    const t = k * TOKEN_WORDS;
    const s = k * SCRATCH_WORDS;
    // Solidity: if (v <= ONE_X64 || v > MAX_VARIANCE_X64) revert InvalidVarianceFactor (validFactor, once per call)
    if (ld64(scratch, s + 7) == 0) return fail(E_INVALID_VARIANCE_FACTOR, <u64>r, <u64>j, <u64>k);
    const x0 = ld64(table, t + T_VARIANCE), x1 = ld64(table, t + T_VARIANCE + 1);
    if (ld64(scratch, s + 6) != stamp) {
      // first seen in this portfolio: its net starts at zero
      st64(scratch, s + 6, stamp);
      st64(scratch, s + 2, 0);
      st64(scratch, s + 3, 0);
      st64(scratch, s + 4, 0);
      st64(scratch, s + 5, 0);
      store<u32>(order + (<usize>used << 2), <u32>k);
      used++;
    }
    if (x1 > v1 || (x1 == v1 && x0 > v0)) {
      v0 = x0;
      v1 = x1;
      vk = k;
    }
    if (ld64(table, t + T_TAIL) == 0) all = false;
  }
  allTail = all;
  const rcp0 = ld64(scratch, vk * SCRATCH_WORDS), rcp1 = ld64(scratch, vk * SCRATCH_WORDS + 1);
  for (let j = 0; j < m; j++) {
    const c0 = ld64(amounts, ap), c1 = ld64(amounts, ap + 1), c2 = ld64(amounts, ap + 2), c3 = ld64(amounts, ap + 3);
    const d0 = ld64(amounts, ap + 4), d1 = ld64(amounts, ap + 5), d2 = ld64(amounts, ap + 6), d3 = ld64(amounts, ap + 7);
    const e0 = ld64(amounts, ap + 8), e1 = ld64(amounts, ap + 9), e2 = ld64(amounts, ap + 10), e3 = ld64(amounts, ap + 11);
    ap += 12;
    if (!below(c0, c1, c2, c3, AMOUNT_LIMIT) || !below(d0, d1, d2, d3, AMOUNT_LIMIT) || !below(e0, e1, e2, e3, AMOUNT_LIMIT)) {
      return fail(E_SOLVENCY_OVERFLOW, <u64>r, <u64>j, NOT_AT);
    }
    // The net, int256, at scratch words 2..5 of the token.
    const s = <i32>ld32(ints, idx + j) * SCRATCH_WORDS + 2;
    // credit < 2^128 and v_R > 2^64: vc < 2^128. debt + delta < 2^129, v_R <= 2^72: vd < 2^137.
    if ((c0 | c1) != 0) {
      const vc0 = virtualCredit(c0, c1, v0, v1, rcp0, rcp1);
      addToNet(s, vc0, vcHi, 0);
    }
    if ((d0 | d1 | e0 | e1) != 0) {
      // debtAndDelta = debt + delta < 2^129 (3 limbs)
      const s0 = d0 + e0;
      const k0 = u64(s0 < d0);
      let s1 = d1 + e1;
      let s2 = u64(s1 < d1);
      s1 += k0;
      s2 += u64(s1 < k0);
      mul3x2(s0, s1, s2, v0, v1);
      divRoundingUp(w0, w1, w2, w3);
      subFromNet(s, vd0, vd1, vd2);
    }
    // |net| stays below 2^137 * records: no int256 overflow for any arena that fits memory.
  }
  return OK;
}

// ---------------------------------------------------------------- helpers

/**
 * The Portfolio Manager's price read (PortfolioManager._price), in its order: MissingPrice
 * without a price; InvalidPrice for an answer outside (0, 2^128) or more than 36 feed decimals;
 * StalePrice when dated (PRICE_DATED) and older than maxAge at `now`, or dated in the future.
 */
function priceOf(k: i32): i32 {
  const t = k * TOKEN_WORDS;
  const flags = ld64(table, t + T_PRICE);
  if ((flags & PRICE_GIVEN) == 0) return E_MISSING_PRICE;
  if (!validPrice(t)) return E_INVALID_PRICE;
  if ((flags & PRICE_DATED) != 0) {
    const updatedAt = ld64(table, t + T_UPDATED_AT);
    if (updatedAt > now || now - updatedAt > ld64(table, t + T_MAX_AGE)) return E_STALE_PRICE;
  }
  return OK;
}

/**
 * USD value (18 decimals) of token k's net, int256 in r0..r3 (Solidity: usdValue).
 * @dev Equivalent to floor(net * a * 10^18 / 10^(td + fd)) for net >= 0 and
 *      -ceil(-net * a * 10^18 / 10^(td + fd)) below zero: a debt's value rounds up, a credit's down.
 */
function usdValue(k: i32): i32 {
  const t = k * TOKEN_WORDS;
  if (!validPrice(t)) return E_INVALID_PRICE;
  const s = k * SCRATCH_WORDS + 2;
  let n0 = ld64(scratch, s), n1 = ld64(scratch, s + 1), n2 = ld64(scratch, s + 2), n3 = ld64(scratch, s + 3);
  if ((n0 | n1 | n2 | n3) == 0) {
    setR(0, 0, 0, 0);
    return OK;
  }
  // a < 2^128, so a * 10^18 < 2^188; td + fd <= 72, so 10^(td + fd) < 2^240.
  mul256(ld64(table, t + T_ANSWER), ld64(table, t + T_ANSWER + 1), 0, 0, 1_000_000_000_000_000_000, 0, 0, 0);
  const a0 = r0, a1 = r1, a2 = r2;
  const den = POW10 + (<usize>(<i32>ld64(table, t + T_DECIMALS) + <i32>ld64(table, t + T_FEED_DECIMALS)) << 5);
  const f0 = load<u64>(den), f1 = load<u64>(den, 8), f2 = load<u64>(den, 16), f3 = load<u64>(den, 24);
  const negative = (n3 >> 63) != 0;
  let e: i32;
  if (!negative) {
    e = mulDiv(n0, n1, n2, n3, a0, a1, a2, 0, f0, f1, f2, f3);
  } else {
    neg256(n0, n1, n2, n3);
    e = mulDivRoundingUp(r0, r1, r2, r3, a0, a1, a2, 0, f0, f1, f2, f3);
  }
  if (e != OK) return e;
  // Solidity: if (mag > uint256(type(int256).max)) revert SolvencyOverflow()
  if ((r3 >> 63) != 0) return E_SOLVENCY_OVERFLOW;
  if (negative) neg256(r0, r1, r2, r3);
  return OK;
}

/** Table index of a Record's token id; -1 (UnknownToken) if the token is not in the table (Solidity: indexOf). */
// @ts-ignore: decorator
@inline function indexOf(id: u32): i32 {
  return id < <u32>tokenCount ? <i32>id : -1;
}

/**
 * Equivalent to ceil(a / b) for b = ONE_X64, the only divisor Solvency.sol passes (Solidity:
 * divRoundingUp): the high limbs, plus one when the low limb is not zero. a < 2^256 - 2^64.
 * Result in vd0..vd2 (a < 2^201 here, so the quotient has three limbs).
 */
// @ts-ignore: decorator
@inline function divRoundingUp(a0: u64, a1: u64, a2: u64, a3: u64): void {
  vd0 = a1 + u64(a0 != 0);
  vd1 = a2 + u64(vd0 < a1);
  vd2 = a3 + u64(vd1 < a2);
}

/** a + b as int256: returns ok = false instead of a panic when the sum leaves int256; c in r0..r3 (Solidity: addSigned). */
function addSigned(a0: u64, a1: u64, a2: u64, a3: u64, b0: u64, b1: u64, b2: u64, b3: u64): bool {
  add256(a0, a1, a2, a3, b0, b1, b2, b3);
  // Solidity: ok = (b >= 0) == (c >= a), i.e. the sum leaves int256 only when a and b have one
  // sign and c the other.
  const sa = a3 >> 63, sb = b3 >> 63, sc = r3 >> 63;
  return !(sa == sb && sc != sa);
}

// ---------------------------------------------------------------- Wasm-only helpers

/** Limbs of the last `divRoundingUp` (a virtual debt). */
let vd0: u64 = 0;
let vd1: u64 = 0;
let vd2: u64 = 0;

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

/** x < c for a uint256 x and a constant c (four limbs at `c`). */
// @ts-ignore: decorator
@inline function below(x0: u64, x1: u64, x2: u64, x3: u64, c: usize): bool {
  const c0 = load<u64>(c), c1 = load<u64>(c, 8), c2 = load<u64>(c, 16), c3 = load<u64>(c, 24);
  return x3 < c3 || (x3 == c3 && (x2 < c2 || (x2 == c2 && (x1 < c1 || (x1 == c1 && x0 < c0)))));
}

/** x <= c for a uint256 x and a constant c (four limbs at `c`). */
// @ts-ignore: decorator
@inline function atMost(x0: u64, x1: u64, x2: u64, x3: u64, c: usize): bool {
  return below(x0, x1, x2, x3, c) || (x0 == load<u64>(c) && x1 == load<u64>(c, 8) && x2 == load<u64>(c, 16) && x3 == load<u64>(c, 24));
}

/** Solidity's `v <= ONE_X64 || v > MAX_VARIANCE_X64` negated: v in (2^64, 2^72]. */
// @ts-ignore: decorator
@inline function validFactor(v0: u64, v1: u64, v2: u64, v3: u64): bool {
  return !atMost(v0, v1, v2, v3, ONE_X64) && atMost(v0, v1, v2, v3, MAX_VARIANCE_X64);
}

/**
 * Solidity's `price.answer <= 0 || uint256(price.answer) >= ANSWER_LIMIT || price.decimals > MAX_DECIMALS`
 * negated, for the price of the token row at t.
 */
function validPrice(t: i32): bool {
  const a0 = ld64(table, t + T_ANSWER), a1 = ld64(table, t + T_ANSWER + 1), a2 = ld64(table, t + T_ANSWER + 2), a3 = ld64(table, t + T_ANSWER + 3);
  const positive = (a3 >> 63) == 0 && (a0 | a1 | a2 | a3) != 0;
  return positive && below(a0, a1, a2, a3, ANSWER_LIMIT) && ld64(table, t + T_FEED_DECIMALS) <= <u64>MAX_DECIMALS;
}

/** net (scratch words s..s+3, int256) += (x0, x1, x2). */
// @ts-ignore: decorator
@inline function addToNet(s: i32, x0: u64, x1: u64, x2: u64): void {
  const a0 = ld64(scratch, s), a1 = ld64(scratch, s + 1), a2 = ld64(scratch, s + 2), a3 = ld64(scratch, s + 3);
  const y0 = a0 + x0;
  const c0 = u64(y0 < a0);
  const t1 = a1 + x1;
  const y1 = t1 + c0;
  const c1 = u64(t1 < a1) | u64(y1 < t1);
  const t2 = a2 + x2;
  const y2 = t2 + c1;
  const c2 = u64(t2 < a2) | u64(y2 < t2);
  st64(scratch, s, y0);
  st64(scratch, s + 1, y1);
  st64(scratch, s + 2, y2);
  st64(scratch, s + 3, a3 + c2);
}

/** net (scratch words s..s+3, int256) -= (x0, x1, x2). */
// @ts-ignore: decorator
@inline function subFromNet(s: i32, x0: u64, x1: u64, x2: u64): void {
  const a0 = ld64(scratch, s), a1 = ld64(scratch, s + 1), a2 = ld64(scratch, s + 2), a3 = ld64(scratch, s + 3);
  const y0 = a0 - x0;
  const b0 = u64(a0 < x0);
  const t1 = a1 - x1;
  const y1 = t1 - b0;
  const b1 = u64(a1 < x1) | u64(t1 < b0);
  const t2 = a2 - x2;
  const y2 = t2 - b1;
  const b2 = u64(a2 < x2) | u64(t2 < b1);
  st64(scratch, s, y0);
  st64(scratch, s + 1, y1);
  st64(scratch, s + 2, y2);
  st64(scratch, s + 3, a3 - b2);
}

/** Limbs of the last `mul3x2` product. */
let w0: u64 = 0;
let w1: u64 = 0;
let w2: u64 = 0;
let w3: u64 = 0;

/**
 * w = a * b for a 3-limb a and a 2-limb b whose product is below 2^256 and whose top partial
 * product a2 * b1 is below 2^64 (here: a < 2^129 with b <= 2^72, or a and b both below 2^128).
 * @dev Equivalent to U256.mul256(a0, a1, a2, 0, b0, b1, 0, 0), column by column with the carries
 * counted, without the general routine's four rows; a one-limb a takes two products.
 */
function mul3x2(a0: u64, a1: u64, a2: u64, b0: u64, b1: u64): void {
  if ((a1 | a2) == 0) {
    // a < 2^64 (most amounts of tokens with few decimals): two products
    const l0 = umul64(a0, b0), h0 = mulHi;
    const l1 = umul64(a0, b1), h1 = mulHi;
    w0 = l0;
    w1 = h0 + l1;
    w2 = h1 + u64(w1 < l1);
    w3 = 0;
    return;
  }
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
 * @dev Division by a factor that repeats (one per token) through its reciprocal rcp = floor(2^192 / v)
 * (`prepare`): q = floor(credit * rcp / 2^128) is at most one below the true quotient
 * (rcp > 2^192/v - 1 and credit < 2^128 lose less than 2 in total), so the remainder
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
