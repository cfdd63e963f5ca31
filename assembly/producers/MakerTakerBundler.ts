// Twin of contracts/producers/MakerTakerBundler.sol's `_recordAt`: the maker leg (makerValueAt) and the taker leg
// (takerValueAt) netted in kind per token, and the bundle's delta (`_bundleDeltaAt`): the largest growth of (taker
// return - maker amount) of token0 over a price move down of up to `deltaTicks`, and of token1 over a move up,
// evaluated at the end of the move and at each range bound inside it.
//
// The signed differences are int256 in two's complement limbs; every amount is below 2^193 (liquidity < 2^128 times
// a sqrt-price ratio below 2^65), so the chain's checked int256 arithmetic cannot fail and wrapping limbs equal it.

import { E_ARITHMETIC_OVERFLOW, OK } from "../errors";
import {
  MO_AMOUNT0,
  MO_AMOUNT1,
  MO_OWED0,
  MO_OWED1,
  RO_CREDIT0,
  RO_CREDIT1,
  RO_DEBT0,
  RO_DEBT1,
  RO_DELTA0,
  RO_DELTA1,
  TO_DEBT0,
  TO_DEBT1,
  TO_LENT0,
  TO_LENT1,
  TO_RETURN0,
  TO_RETURN1,
} from "../layout";
import { Pool } from "../pool/Pool";
import { PremiumLedger } from "../libraries/PremiumLedger";
import { getAmountsForTicks } from "../libraries/LiquidityAmounts";
import { getSqrtRatioAtTick, MAX_TICK, MIN_TICK } from "../libraries/TickMath";
import { add256, cmp256, sub256 } from "../libraries/U256";
import { makerValueAt, takerValueAt } from "../TwoSidedPoolLens";
import { r0, r1, r2, r3 } from "../registers";

const m = new StaticArray<u64>(16);
const t = new StaticArray<u64>(24);
const gross = new StaticArray<u64>(8);

/** The bundle's legs and liquidities (Bundle storage): ranges, and the liquidities it opened with. */
export let makerLower: i32 = 0, makerUpper: i32 = 0, takerLower: i32 = 0, takerUpper: i32 = 0;
export let makerLiq0: u64 = 0, makerLiq1: u64 = 0, takerLiq0: u64 = 0, takerLiq1: u64 = 0;

/**
 * The Record of the bundle whose maker position is at `mpos` (layout MK_*) and taker position at `tpos` (TK_*), with
 * the Bundle fields set above, at sqrt price (p0..p2) whose tick is `tick`; written at `out` (layout RO_*).
 */
export function _recordAt(pool: Pool, l: PremiumLedger, mpos: usize, tpos: usize, p0: u64, p1: u64, p2: u64, tick: i32, deltaTicks: i32, out: usize): i32 {
  const mp = changetype<usize>(m), tp = changetype<usize>(t);
  let e = makerValueAt(pool, l, makerLower, makerUpper, mpos, p0, p1, p2, mp);
  if (e != OK) return e;
  e = takerValueAt(pool, l, takerLower, takerUpper, tpos, p0, p1, p2, tp);
  if (e != OK) return e;
  memory.fill(out, 0, 24 << 3);
  const g = changetype<usize>(gross);
  // credit = amount + owed + lent; debt = return + debt (checked sums)
  for (let k = 0; k < 2; k++) {
    const cr = g + (<usize>(k * 4) << 3);
    if (!sum3(cr, mp + (<usize>(k == 0 ? MO_AMOUNT0 : MO_AMOUNT1) << 3), mp + (<usize>(k == 0 ? MO_OWED0 : MO_OWED1) << 3), tp + (<usize>(k == 0 ? TO_LENT0 : TO_LENT1) << 3))) return E_ARITHMETIC_OVERFLOW;
    const ra = tp + (<usize>(k == 0 ? TO_RETURN0 : TO_RETURN1) << 3), da = tp + (<usize>(k == 0 ? TO_DEBT0 : TO_DEBT1) << 3);
    if (add256(load<u64>(ra), load<u64>(ra, 8), load<u64>(ra, 16), load<u64>(ra, 24), load<u64>(da), load<u64>(da, 8), load<u64>(da, 16), load<u64>(da, 24))) return E_ARITHMETIC_OVERFLOW;
    _net(cr, r0, r1, r2, r3, out + (<usize>(k == 0 ? RO_CREDIT0 : RO_CREDIT1) << 3), out + (<usize>(k == 0 ? RO_DEBT0 : RO_DEBT1) << 3));
  }
  // now_k = return_k - maker amount_k (int256)
  diff(changetype<usize>(now0), tp + (<usize>TO_RETURN0 << 3), mp + (<usize>MO_AMOUNT0 << 3));
  diff(changetype<usize>(now1), tp + (<usize>TO_RETURN1 << 3), mp + (<usize>MO_AMOUNT1 << 3));
  return _bundleDeltaAt(tick, deltaTicks, out + (<usize>RO_DELTA0 << 3), out + (<usize>RO_DELTA1 << 3));
}

const at = new StaticArray<i32>(5);
const now0 = new StaticArray<u64>(4);
const now1 = new StaticArray<u64>(4);
const worst0 = new StaticArray<u64>(4);
const worst1 = new StaticArray<u64>(4);
const n0 = new StaticArray<u64>(4);
const n1 = new StaticArray<u64>(4);

/** The bundle's delta from the net owed now (now0, now1) with the price at `tick`; written at d0, d1. */
export function _bundleDeltaAt(tick: i32, deltaTicks: i32, d0: usize, d1: usize): i32 {
  let down = <i64>tick - <i64>deltaTicks;
  let up = <i64>tick + <i64>deltaTicks;
  if (down < <i64>MIN_TICK) down = MIN_TICK;
  if (up > <i64>MAX_TICK) up = MAX_TICK;
  unchecked((at[0] = <i32>down));
  unchecked((at[1] = makerLower));
  unchecked((at[2] = makerUpper));
  unchecked((at[3] = takerLower));
  unchecked((at[4] = takerUpper));
  memory.copy(changetype<usize>(worst0), changetype<usize>(now0), 4 << 3);
  memory.copy(changetype<usize>(worst1), changetype<usize>(now1), 4 << 3);
  let e = OK;
  for (let i = 0; i < 5; i++) {
    const x = unchecked(at[i]);
    if (i == 0 || (<i64>x >= down && x <= tick)) {
      e = getSqrtRatioAtTick(x);
      if (e != OK) return e;
      e = _netOwed(r0, r1, r2);
      if (e != OK) return e;
      if (sgt(n0, worst0)) memory.copy(changetype<usize>(worst0), changetype<usize>(n0), 4 << 3);
    }
  }
  unchecked((at[0] = <i32>up));
  for (let i = 0; i < 5; i++) {
    const x = unchecked(at[i]);
    if (i == 0 || (x > tick && <i64>x <= up)) {
      e = getSqrtRatioAtTick(x);
      if (e != OK) return e;
      e = _netOwed(r0, r1, r2);
      if (e != OK) return e;
      if (sgt(n1, worst1)) memory.copy(changetype<usize>(worst1), changetype<usize>(n1), 4 << 3);
    }
  }
  diff(d0, changetype<usize>(worst0), changetype<usize>(now0));
  diff(d1, changetype<usize>(worst1), changetype<usize>(now1));
  return OK;
}

const ra0 = new StaticArray<u64>(4);
const ra1 = new StaticArray<u64>(4);
const ma0 = new StaticArray<u64>(4);
const ma1 = new StaticArray<u64>(4);

/** (taker return - maker amount) per token at sqrt price (p0..p2), with the bundle's own liquidities: into n0, n1. */
export function _netOwed(p0: u64, p1: u64, p2: u64): i32 {
  let e = getAmountsForTicks(p0, p1, p2, takerLower, takerUpper, takerLiq0, takerLiq1, true, ra0, ra1);
  if (e != OK) return e;
  e = getAmountsForTicks(p0, p1, p2, makerLower, makerUpper, makerLiq0, makerLiq1, false, ma0, ma1);
  if (e != OK) return e;
  diff(changetype<usize>(n0), changetype<usize>(ra0), changetype<usize>(ma0));
  diff(changetype<usize>(n1), changetype<usize>(ra1), changetype<usize>(ma1));
  return OK;
}


/** (c, d) = credit >= debt ? (credit - debt, 0) : (0, debt - credit); debt in r0..r3 on entry. */
function _net(credit: usize, d0: u64, d1: u64, d2: u64, d3: u64, c: usize, d: usize): void {
  const c0 = load<u64>(credit), c1 = load<u64>(credit, 8), c2 = load<u64>(credit, 16), c3 = load<u64>(credit, 24);
  if (cmp256(c0, c1, c2, c3, d0, d1, d2, d3) >= 0) {
    sub256(c0, c1, c2, c3, d0, d1, d2, d3);
    storeR(c);
  } else {
    sub256(d0, d1, d2, d3, c0, c1, c2, c3);
    storeR(d);
  }
}

/** *dst = *a + *b + *c, false on overflow (checked `+`, left to right). */
function sum3(dst: usize, a: usize, b: usize, c: usize): bool {
  if (add256(load<u64>(a), load<u64>(a, 8), load<u64>(a, 16), load<u64>(a, 24), load<u64>(b), load<u64>(b, 8), load<u64>(b, 16), load<u64>(b, 24))) return false;
  if (add256(r0, r1, r2, r3, load<u64>(c), load<u64>(c, 8), load<u64>(c, 16), load<u64>(c, 24))) return false;
  storeR(dst);
  return true;
}

/** dst = a - b (4 limbs, wrapping: an int256 in two's complement). */
function diff(dst: usize, a: usize, b: usize): void {
  sub256(load<u64>(a), load<u64>(a, 8), load<u64>(a, 16), load<u64>(a, 24), load<u64>(b), load<u64>(b, 8), load<u64>(b, 16), load<u64>(b, 24));
  storeR(dst);
}

/** a > b as int256. */
function sgt(a: StaticArray<u64>, b: StaticArray<u64>): bool {
  const s: u64 = <u64>1 << 63;
  return cmp256(unchecked(a[0]), unchecked(a[1]), unchecked(a[2]), unchecked(a[3]) ^ s, unchecked(b[0]), unchecked(b[1]), unchecked(b[2]), unchecked(b[3]) ^ s) > 0;
}

function storeR(p: usize): void {
  store<u64>(p, r0);
  store<u64>(p, r1, 8);
  store<u64>(p, r2, 16);
  store<u64>(p, r3, 24);
}
