// Twin of contracts/libraries/PremiumWalk.sol, the index arithmetic only (docs/amm.md, "Time premium"):
// the premium index of a token advances, per interval, by the growth of the money market's borrow index
// over the interval, ceil((end - start) * 2^64 / start); and the view walk over the segments of a range
// (`walkView`, `_walk`, `_seekBelowLower`, `_segmentEnd`, `_visit`, `_accrued`, `_currentIndexes`), over a pool of the
// Wasm engine and its premium ledger (PremiumLedger.ts). Views never write: the walk's `_push`/`_write`, the checks
// of takes and burns and `finishTicks` stay on chain (the pool engine has its own walkCheck).
//
// Convention (see U256.ts): 256-bit arguments are four u64 limbs (least significant first); a function
// returns an error code and leaves its result in U256's r0..r3.

import { E_SAFE_CAST_OVERFLOW, E_TICK_NOT_IN_POOL, OK } from "../errors";
import { S_MAKER, S_SQRT_PRICE, S_TAKER, S_TICK, T_MAKER_NET, T_TAKER_NET } from "../layout";
import { Pool } from "../pool/Pool";
import { mulDiv, mulDivRoundingUp } from "./FullMath";
import { getAmountsForTicks } from "./LiquidityAmounts";
import { addDelta } from "./LiquidityMath";
import { P_LAST0, P_LAST1, P_MAKER0, P_MAKER1, P_TAKER0, P_TAKER1, PremiumLedger } from "./PremiumLedger";
import { compress } from "./TickBitmap";
import { lastError, res128_hi, nextInitialized, r0, r1, r2, r3 } from "../registers";
import { getSqrtRatioAtTick, MAX_TICK, MIN_TICK } from "./TickMath";
import { add256, lte256, setR, sub256 } from "./U256";

/** Low 56 bits of the second limb: with the first limb, the 120 bits PremiumState keeps of a borrow index. */
const MASK56: u64 = (<u64>1 << 56) - 1;

/**
 * Growth of the premium index over an interval in which the borrow index went from `start` to `end`:
 * what borrowing one unit at the start and repaying it at the end cost, X64, rounded up (charged to takers).
 * @dev Equivalent to ceil((end - start) * 2^64 / start); 0 when end <= start or start == 0. Fails with
 * MulDivOverflow when the result exceeds 2^256-1. Result in r0..r3.
 */
export function premiumIndexDeltaX64RoundingUp(
  s0: u64, s1: u64, s2: u64, s3: u64,
  e0: u64, e1: u64, e2: u64, e3: u64,
): i32 {
  if (lte256(e0, e1, e2, e3, s0, s1, s2, s3) || (s0 | s1 | s2 | s3) == 0) {
    setR(0, 0, 0, 0);
    return OK;
  }
  sub256(e0, e1, e2, e3, s0, s1, s2, s3); // end > start: no borrow
  // (end - start) * 2^64 / start: 2^64 is the limbs (0, 1, 0, 0)
  return mulDivRoundingUp(r0, r1, r2, r3, 0, 1, 0, 0, s0, s1, s2, s3);
}

/**
 * The borrow index at the last advance, from its low 120 bits (lo0, lo1 < 2^56: a uint120) and the index now:
 * the greatest B <= now with B mod 2^120 == low.
 * @dev Equivalent to now - ((now - low) mod 2^120), wrapping as Solidity's unchecked block: exact while the index
 * grew by less than 2^120 over the interval and never decreased. Result in r0..r3.
 */
export function lastBorrowIndexX64(n0: u64, n1: u64, n2: u64, n3: u64, lo0: u64, lo1: u64): void {
  sub256(n0, n1, n2, n3, lo0, lo1, 0, 0);
  sub256(n0, n1, n2, n3, r0, r1 & MASK56, 0, 0);
}

/**
 * One token's premium index (uint128: i0, i1) advanced from the borrow index kept at the last advance (its low
 * 120 bits: lo0, lo1) to the borrow index now.
 * @dev Equivalent to toUint128(index + premiumIndexDeltaX64RoundingUp(lastBorrowIndexX64(now, low), now)).
 * Fails with MulDivOverflow (the delta) or SafeCastOverflow (the sum above 2^128-1). Result in r0..r1.
 */
export function advancePremiumIndexX64(
  i0: u64, i1: u64,
  lo0: u64, lo1: u64,
  n0: u64, n1: u64, n2: u64, n3: u64,
): i32 {
  lastBorrowIndexX64(n0, n1, n2, n3, lo0, lo1);
  const e = premiumIndexDeltaX64RoundingUp(r0, r1, r2, r3, n0, n1, n2, n3);
  if (e != OK) return e;
  // index + delta in 256 bits, then the uint128 cast
  if (add256(r0, r1, r2, r3, i0, i1, 0, 0) || (r2 | r3) != 0) return E_SAFE_CAST_OVERFLOW;
  return OK;
}

// ---------------------------------------------------------------- the view walk

/**
 * The indexes a walk at the valuation time accrues to: each token's premium index advanced to the money market's
 * borrow index then (`b0`, `b1`: 4 limbs each; 0 without a money market), or (0, 0) before the first take. Written to
 * the ledger's view indexes. MulDivOverflow or SafeCastOverflow as advancePremiumIndexX64.
 */
export function _currentIndexes(l: PremiumLedger, b0: usize, b1: usize): i32 {
  if (!l.active) {
    l.view0Lo = 0;
    l.view0Hi = 0;
    l.view1Lo = 0;
    l.view1Hi = 0;
    return OK;
  }
  let e = advancePremiumIndexX64(l.index0Lo, l.index0Hi, l.borrowLow0Lo, l.borrowLow0Hi, load<u64>(b0), load<u64>(b0, 8), load<u64>(b0, 16), load<u64>(b0, 24));
  if (e != OK) return e;
  const i0 = r0, i1 = r1;
  e = advancePremiumIndexX64(l.index1Lo, l.index1Hi, l.borrowLow1Lo, l.borrowLow1Hi, load<u64>(b1), load<u64>(b1, 8), load<u64>(b1, 16), load<u64>(b1, 24));
  if (e != OK) return e;
  l.view0Lo = i0;
  l.view0Hi = i1;
  l.view1Lo = r0;
  l.view1Hi = r1;
  return OK;
}

/** Sums of a walk (PremiumWalk.Sums, the growth part): maker0, maker1, taker0, taker1, 4 limbs each. */
export const walkSums = new StaticArray<u64>(16);

// The walk's Cursor: liquidity of the current segment (P, R: uint128), its start tick if an initialized tick starts
// it, and a tick inside it.
let cP0: u64 = 0, cP1: u64 = 0, cR0: u64 = 0, cR1: u64 = 0;
let cHasStart: bool = false;
let cStart: i32 = 0;
let cCur: i32 = 0;
// The segment's accrued accumulators (_accrued's result): maker0, maker1, taker0, taker1.
const acc = new StaticArray<u64>(16);
// _nextRight / _nextLeft's second result.
let nextFound: bool = false;

/**
 * Sums over the initialized ticks in [tickLower, tickUpper) of the premium accumulators, accrued to the ledger's view
 * indexes (see _currentIndexes), over the pool's current price and liquidity: PremiumWalk.walkView with the pool's
 * _params (no check). Result in walkSums. LiquidityUnderflow/Overflow, MulDivOverflow, DivisionByZero as the chain;
 * TickNotInPool when the pool's bitmap names a tick its store lacks (an inconsistent snapshot).
 */
export function walkView(pool: Pool, l: PremiumLedger, tickLower: i32, tickUpper: i32): i32 {
  return _walk(pool, l, tickLower, tickUpper);
}

/**
 * Walk the segments from the one just below tickLower to the one starting at or below tickUpper, accrue each to the
 * view indexes and sum those inside the range.
 */
export function _walk(pool: Pool, l: PremiumLedger, tickLower: i32, tickUpper: i32): i32 {
  for (let i = 0; i < 16; i++) unchecked((walkSums[i] = 0));
  const s = pool.state;
  cP0 = unchecked(s[S_MAKER]);
  cP1 = unchecked(s[S_MAKER + 1]);
  cR0 = unchecked(s[S_TAKER]);
  cR1 = unchecked(s[S_TAKER + 1]);
  cHasStart = false;
  cStart = 0;
  cCur = <i32>unchecked(s[S_TICK]);
  let e = _seekBelowLower(pool, tickLower);
  if (e != OK) return e;

  // Segment by segment up to the one starting at or below tickUpper.
  cCur = tickLower - 1;
  while (true) {
    const end = _segmentEnd(pool);
    const found = nextFound;
    if (cHasStart) {
      e = _visit(pool, l, tickLower, tickUpper, end);
      if (e != OK) return e;
    }
    if (!found || end > tickUpper) break;
    e = crossRight(pool, end);
    if (e != OK) return e;
    cHasStart = true;
    cStart = end;
    cCur = end;
  }
  return OK;
}

/** Move the cursor from the current tick to the segment containing tickLower - 1. */
export function _seekBelowLower(pool: Pool, tickLower: i32): i32 {
  const spacing = pool.tickSpacing;
  const tick = <i32>unchecked(pool.state[S_TICK]);
  const x0 = tickLower - 1;
  let e = OK;
  if (x0 < tick) {
    let t = tick;
    while (true) {
      const k = _nextLeft(pool, t, spacing);
      if (!nextFound) break;
      if (k <= x0) {
        cHasStart = true;
        cStart = k;
        break;
      }
      e = crossLeft(pool, k);
      if (e != OK) return e;
      t = k - 1;
    }
  } else {
    let t = tick;
    while (true) {
      const k = _nextRight(pool, t, spacing);
      if (!nextFound || k > x0) break;
      e = crossRight(pool, k);
      if (e != OK) return e;
      cHasStart = true;
      cStart = k;
      t = k;
    }
    // Nothing crossed: the start is the greatest initialized tick at or below the current one, needed to accrue the
    // segment (R > 0). (The chain's other reason, merging a deleted lower tick, is not a view's.)
    if (!cHasStart && (cR0 | cR1) != 0) {
      const k = _nextLeft(pool, tick, spacing);
      if (nextFound) {
        cHasStart = true;
        cStart = k;
      }
    }
  }
  return OK;
}

/** The cursor's liquidity after crossing initialized tick `k` left to right (P += makerNet, R += takerNet). */
function crossRight(pool: Pool, k: i32): i32 {
  const p = pool.ticks.ptrOf(k);
  if (p == 0) return E_TICK_NOT_IN_POOL;
  const m0 = load<u64>(p + (<usize>T_MAKER_NET << 3)), m1 = load<u64>(p + (<usize>T_MAKER_NET << 3), 8);
  const t0 = load<u64>(p + (<usize>T_TAKER_NET << 3)), t1 = load<u64>(p + (<usize>T_TAKER_NET << 3), 8);
  return moveCursor(m0, m1, t0, t1);
}

/** The cursor's liquidity after crossing `k` right to left (P -= makerNet, R -= takerNet). */
function crossLeft(pool: Pool, k: i32): i32 {
  const p = pool.ticks.ptrOf(k);
  if (p == 0) return E_TICK_NOT_IN_POOL;
  const m0 = load<u64>(p + (<usize>T_MAKER_NET << 3)), m1 = load<u64>(p + (<usize>T_MAKER_NET << 3), 8);
  const t0 = load<u64>(p + (<usize>T_TAKER_NET << 3)), t1 = load<u64>(p + (<usize>T_TAKER_NET << 3), 8);
  // -net in two's complement (|net| <= maxLiquidityPerTick < 2^127: Solidity's checked negation cannot fail)
  const nm0 = ~m0 + 1, nm1 = ~m1 + u64(nm0 == 0);
  const nt0 = ~t0 + 1, nt1 = ~t1 + u64(nt0 == 0);
  return moveCursor(nm0, nm1, nt0, nt1);
}

function moveCursor(m0: u64, m1: u64, t0: u64, t1: u64): i32 {
  const p0 = addDelta(cP0, cP1, m0, m1);
  if (lastError != OK) return lastError;
  const p1 = res128_hi;
  const q0 = addDelta(cR0, cR1, t0, t1);
  if (lastError != OK) return lastError;
  cP0 = p0;
  cP1 = p1;
  cR0 = q0;
  cR1 = res128_hi;
  return OK;
}

/** The next initialized tick above the cursor (MAX_TICK, nextFound false when there is none). */
export function _segmentEnd(pool: Pool): i32 {
  const end = _nextRight(pool, cCur, pool.tickSpacing);
  return nextFound ? end : MAX_TICK;
}

/** The smallest initialized tick strictly above `tick` (nextFound false when there is none). */
export function _nextRight(pool: Pool, tick: i32, spacing: i32): i32 {
  const lastWord = compress(MAX_TICK, spacing) >> 8;
  let t = tick;
  while (true) {
    const k = pool.bitmap.nextInitializedTickWithinOneWord(t, spacing, false);
    if (nextInitialized) {
      nextFound = true;
      return k;
    }
    if (compress(k, spacing) >> 8 >= lastWord) break;
    t = k;
  }
  nextFound = false;
  return 0;
}

/** The greatest initialized tick at or below `tick` (nextFound false when there is none). */
export function _nextLeft(pool: Pool, tick: i32, spacing: i32): i32 {
  const firstWord = compress(MIN_TICK, spacing) >> 8;
  let t = tick;
  while (true) {
    const k = pool.bitmap.nextInitializedTickWithinOneWord(t, spacing, true);
    if (nextInitialized) {
      nextFound = true;
      return k;
    }
    if (compress(k, spacing) >> 8 <= firstWord) break;
    t = k - 1;
  }
  nextFound = false;
  return 0;
}

/** Accrue the cursor's segment [start, end) and add it to the range sums when it starts inside the range. */
export function _visit(pool: Pool, l: PremiumLedger, tickLower: i32, tickUpper: i32, end: i32): i32 {
  const e = _accrued(pool, l, cStart, end);
  if (e != OK) return e;
  if (cStart >= tickLower && cStart < tickUpper) {
    for (let j = 0; j < 16; j += 4) {
      const at = changetype<usize>(walkSums) + (<usize>j << 3);
      const a = changetype<usize>(acc) + (<usize>j << 3);
      add256(load<u64>(at), load<u64>(at, 8), load<u64>(at, 16), load<u64>(at, 24), load<u64>(a), load<u64>(a, 8), load<u64>(a, 16), load<u64>(a, 24));
      store<u64>(at, r0);
      store<u64>(at, r1, 8);
      store<u64>(at, r2, 16);
      store<u64>(at, r3, 24);
    }
  }
  return OK;
}

/**
 * The accumulators of segment [start, end) brought up to the view indexes (into `acc`): the premium is the borrow
 * rate on the tokens underlying the segment's reserved liquidity R at the pool's price; per unit of R it is charged
 * to takers (rounded up), per unit of maker liquidity P credited to makers (rounded down).
 */
export function _accrued(pool: Pool, l: PremiumLedger, start: i32, end: i32): i32 {
  const p = l.premiumPtr(start);
  memory.copy(changetype<usize>(acc), p + (<usize>P_MAKER0 << 3), 16 << 3);
  if ((cR0 | cR1) == 0) return OK;
  // uint128 subtraction, unchecked: wraps mod 2^128
  const d00 = l.view0Lo - load<u64>(p + (<usize>P_LAST0 << 3));
  const d01 = l.view0Hi - load<u64>(p + (<usize>P_LAST0 << 3), 8) - u64(l.view0Lo < load<u64>(p + (<usize>P_LAST0 << 3)));
  const d10 = l.view1Lo - load<u64>(p + (<usize>P_LAST1 << 3));
  const d11 = l.view1Hi - load<u64>(p + (<usize>P_LAST1 << 3), 8) - u64(l.view1Lo < load<u64>(p + (<usize>P_LAST1 << 3)));
  const has0 = (d00 | d01) != 0, has1 = (d10 | d11) != 0;
  if (!has0 && !has1) return OK;
  const s = pool.state;
  let e = getAmountsForTicks(unchecked(s[S_SQRT_PRICE]), unchecked(s[S_SQRT_PRICE + 1]), unchecked(s[S_SQRT_PRICE + 2]), start, end, cR0, cR1, true, amt0, amt1);
  if (e != OK) return e;
  if (has0 && !isZero(amt0)) {
    e = accrueToken(amt0, d00, d01, P_MAKER0 - P_MAKER0, P_TAKER0 - P_MAKER0);
    if (e != OK) return e;
  }
  if (has1 && !isZero(amt1)) {
    e = accrueToken(amt1, d10, d11, P_MAKER1 - P_MAKER0, P_TAKER1 - P_MAKER0);
    if (e != OK) return e;
  }
  return OK;
}

/** prem = ceil(a * d / 2^64); taker growth += ceil(prem * 2^128 / R), maker growth += floor(prem * 2^128 / P). */
function accrueToken(a: StaticArray<u64>, d0: u64, d1: u64, makerAt: i32, takerAt: i32): i32 {
  let e = mulDivRoundingUp(unchecked(a[0]), unchecked(a[1]), unchecked(a[2]), unchecked(a[3]), d0, d1, 0, 0, 0, 1, 0, 0);
  if (e != OK) return e;
  const q0 = r0, q1 = r1, q2 = r2, q3 = r3;
  e = mulDivRoundingUp(q0, q1, q2, q3, 0, 0, 1, 0, cR0, cR1, 0, 0);
  if (e != OK) return e;
  addAt(takerAt);
  e = mulDiv(q0, q1, q2, q3, 0, 0, 1, 0, cP0, cP1, 0, 0);
  if (e != OK) return e;
  addAt(makerAt);
  return OK;
}

/** acc[at..at+3] += r0..r3, wrapping (Solidity's unchecked). */
function addAt(at: i32): void {
  const x = changetype<usize>(acc) + (<usize>at << 3);
  add256(load<u64>(x), load<u64>(x, 8), load<u64>(x, 16), load<u64>(x, 24), r0, r1, r2, r3);
  store<u64>(x, r0);
  store<u64>(x, r1, 8);
  store<u64>(x, r2, 16);
  store<u64>(x, r3, 24);
}

// @ts-ignore: decorator
@inline function isZero(a: StaticArray<u64>): bool {
  return (unchecked(a[0]) | unchecked(a[1]) | unchecked(a[2]) | unchecked(a[3])) == 0;
}

const amt0 = new StaticArray<u64>(4);
const amt1 = new StaticArray<u64>(4);
