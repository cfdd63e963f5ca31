// Twin of contracts/MoneyMarket.sol's view math: the indexes accrued to a given `now` and what
// lend and borrow shares are worth then, exact to the wei. A market is the block of its stored
// state (layout.ts, "portfolio": the indexes and lastAccrual an accrual last wrote, the share
// totals, the rate model) at pointer `m`; `now` plays block.timestamp. Functions keep the
// contract's names and order; each returns OK or the error the contract reverts with (checked
// arithmetic panics are ArithmeticOverflow) and leaves uint256 results at the `dst` pointers.

import { OK } from "./errors";
import {
  PF_M_BASE_RATE, PF_M_BORROW_INDEX, PF_M_KINK, PF_M_LAST_ACCRUAL, PF_M_LEND_INDEX, PF_M_RESERVE_SHARE, PF_M_SLOPE1, PF_M_SLOPE2,
  PF_M_TOTAL_BORROW_SHARES, PF_M_TOTAL_LEND_SHARES,
} from "./layout";
import { E_ARITHMETIC_OVERFLOW } from "./errors";
import { add, copy, div, divX64, gte, isZero, limb, mul, set64, sub } from "./libraries/Checked256";

// Scratch uint256 slots (32 bytes each), static so nothing allocates.
const T: usize = memory.data(32 * 16, 16);
// @ts-ignore: decorator
@inline function t(i: i32): usize {
  return T + (<usize>i << 5);
}
/** 2^64 as a uint256 (ONE_X64). */
const ONE: usize = memory.data<u64>([0, 1, 0, 0]);

// @ts-ignore: decorator
@inline function field(m: usize, word: i32): usize {
  return m + (<usize>word << 3);
}

/** _divUp(a, ONE_X64) = a == 0 ? 0 : (a - 1) / 2^64 + 1 (the divisions here are all by ONE_X64). */
function _divUp(dst: usize, a: usize): i32 {
  if (isZero(a)) {
    set64(dst, 0);
    return OK;
  }
  const one = t(15);
  set64(one, 1);
  let e = sub(dst, a, one);
  if (e != OK) return e;
  divX64(dst, dst);
  return add(dst, dst, one);
}

/** Borrowed / supplied, X64, capped at 1 (0 with nothing supplied), at the given indexes. */
export function _utilisation(dst: usize, m: usize, lendIndexX64: usize, borrowIndexX64: usize): i32 {
  const supplied = t(0), borrowed = t(1);
  let e = mul(supplied, field(m, PF_M_TOTAL_LEND_SHARES), lendIndexX64);
  if (e == OK) divX64(supplied, supplied);
  if (e != OK) return e;
  if (isZero(supplied)) {
    set64(dst, 0);
    return OK;
  }
  e = mul(borrowed, field(m, PF_M_TOTAL_BORROW_SHARES), borrowIndexX64);
  if (e == OK) e = _divUp(borrowed, borrowed);
  if (e != OK) return e;
  if (gte(borrowed, supplied)) {
    copy(dst, ONE);
    return OK;
  }
  e = mul(dst, borrowed, ONE);
  if (e == OK) e = div(dst, dst, supplied);
  return e;
}

/** u <= kink: base + slope1 * u / kink; above: base + slope1 + slope2 * (u - kink) / (1 - kink). */
export function _borrowRate(dst: usize, m: usize, uX64: usize): i32 {
  const kink = field(m, PF_M_KINK), x = t(2), y = t(3);
  let e: i32;
  if (gte(kink, uX64)) {
    e = mul(x, field(m, PF_M_SLOPE1), uX64);
    if (e == OK) e = div(x, x, kink);
    if (e == OK) e = add(dst, field(m, PF_M_BASE_RATE), x);
    return e;
  }
  e = add(x, field(m, PF_M_BASE_RATE), field(m, PF_M_SLOPE1));
  if (e == OK) e = sub(y, uX64, kink);
  if (e == OK) e = mul(y, field(m, PF_M_SLOPE2), y);
  const d = t(4);
  if (e == OK) e = sub(d, ONE, kink);
  if (e == OK) e = div(y, y, d);
  if (e == OK) e = add(dst, x, y);
  return e;
}

/** borrow rate x utilisation x (1 - reserve share), each product rounded down. */
export function _lendRate(dst: usize, m: usize, borrowRateX64: usize, uX64: usize): i32 {
  const x = t(5), y = t(6);
  let e = mul(x, borrowRateX64, uX64);
  if (e != OK) return e;
  divX64(x, x);
  e = sub(y, ONE, field(m, PF_M_RESERVE_SHARE));
  if (e == OK) e = mul(x, x, y);
  if (e == OK) divX64(dst, x);
  return e;
}

/**
 * Indexes as they would be after accruing to `now`, at the rates in force since the last accrual.
 * `now` before lastAccrual is the contract's underflow (ArithmeticOverflow).
 */
export function _currentIndexes(lendDst: usize, borrowDst: usize, m: usize, now: u64): i32 {
  const lend = t(7), borrow = t(8);
  copy(lend, field(m, PF_M_LEND_INDEX));
  copy(borrow, field(m, PF_M_BORROW_INDEX));
  const last = limb(m, PF_M_LAST_ACCRUAL);
  if (now < last) return E_ARITHMETIC_OVERFLOW;
  if (now != last) {
    const u = t(9), br = t(10), lr = t(11), dt = t(12), x = t(13);
    set64(dt, now - last);
    let e = _utilisation(u, m, lend, borrow);
    if (e == OK) e = _borrowRate(br, m, u);
    if (e == OK) e = _lendRate(lr, m, br, u);
    // Debt grows at least as fast as the true rate, lender claims at most as fast.
    if (e == OK) e = mul(x, borrow, br);
    if (e == OK) e = mul(x, x, dt);
    if (e == OK) e = _divUp(x, x);
    if (e == OK) e = add(borrow, borrow, x);
    if (e == OK) e = mul(x, lend, lr);
    if (e == OK) e = mul(x, x, dt);
    if (e == OK) divX64(x, x);
    if (e == OK) e = add(lend, lend, x);
    if (e != OK) return e;
  }
  copy(lendDst, lend);
  copy(borrowDst, borrow);
  return OK;
}

/** Token value of `shares` lend shares at the indexes of `now` (rounded down). */
export function sharesToAmount(dst: usize, m: usize, now: u64, shares: usize): i32 {
  const lend = t(14), borrow = t(13);
  let e = _currentIndexes(lend, borrow, m, now);
  if (e == OK) e = mul(dst, shares, lend);
  if (e == OK) divX64(dst, dst);
  return e;
}

/** Token value of `shares` borrow shares at the indexes of `now` (rounded up). */
export function borrowSharesToAmount(dst: usize, m: usize, now: u64, shares: usize): i32 {
  const lend = t(14), borrow = t(13);
  let e = _currentIndexes(lend, borrow, m, now);
  if (e == OK) e = mul(dst, shares, borrow);
  if (e == OK) e = _divUp(dst, dst);
  return e;
}

/** Borrow index of `now`. */
export function currentBorrowIndexX64(dst: usize, m: usize, now: u64): i32 {
  return _currentIndexes(t(14), dst, m, now);
}

/** The rate model's highest borrow rate (at 100% utilisation), per second, X64. */
export function maxBorrowRatePerSecondX64(dst: usize, m: usize): i32 {
  return _borrowRate(dst, m, ONE);
}

/** Utilisation, borrow rate and lend rate at the indexes of `now` (the contract's three views). */
export function rates(uDst: usize, borrowDst: usize, lendDst: usize, m: usize, now: u64): i32 {
  const lend = t(14), borrow = t(13);
  let e = _currentIndexes(lend, borrow, m, now);
  if (e == OK) e = _utilisation(uDst, m, lend, borrow);
  if (e == OK) e = _borrowRate(borrowDst, m, uDst);
  if (e == OK) e = _lendRate(lendDst, m, borrowDst, uDst);
  return e;
}
