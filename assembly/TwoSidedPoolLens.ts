// Twin of contracts/TwoSidedPoolLens.sol's valuations: makerValueAt, takerValueAt, feeGrowthInside, amountsAt (same
// names, order and rounding), over a pool of the Wasm engine (its price, ticks and fee growth outside) and its
// premium ledger (the premium walk). The position is passed in by the caller (layout MK_* / TK_*), as the chain's
// makerPositions / takerPositions return it; the taker's lent tokens come in as amounts (its money-market shares
// valued by the caller, with interest to the valuation time).
//
// Results are 4-limb uint256 values written at `out` (layout MO_* / TO_*).

import { E_TICK_NOT_IN_POOL, OK } from "./errors";
import {
  GO_MAKER0,
  MK_LAST,
  MK_LIQUIDITY,
  MK_OWED0,
  MK_OWED1,
  MO_AMOUNT0,
  MO_AMOUNT1,
  MO_OWED0,
  MO_OWED1,
  TK_LAST,
  TK_LENT0,
  TK_LENT1,
  TK_LIQUIDITY,
  TK_OWED0,
  TK_OWED1,
  TO_DEBT0,
  TO_DEBT1,
  TO_LENT0,
  TO_LENT1,
  TO_RETURN0,
  TO_RETURN1,
} from "./layout";
import { checkRange, feeGrowthInsideOf, Pool } from "./pool/Pool";
import { mulDiv, mulDivRoundingUp } from "./libraries/FullMath";
import { getAmountsForTicks } from "./libraries/LiquidityAmounts";
import { PremiumLedger } from "./libraries/PremiumLedger";
import { walkSums, walkView } from "./libraries/PremiumWalk";
import { getSqrtRatioAtTick } from "./libraries/TickMath";
import { add256, sub256 } from "./libraries/U256";
import { r0, r1, r2, r3 } from "./registers";

/** Results of amountsAt (4 limbs each). */
export const amountsAt0 = new StaticArray<u64>(4);
export const amountsAt1 = new StaticArray<u64>(4);

/** premiumGrowthInside's result: maker0, maker1, taker0, taker1 (4 limbs each, layout GO_*). */
export const premiumInside = new StaticArray<u64>(16);
/** feeGrowthInside's result: token0, token1 (4 limbs each). */
export const feeInside = new StaticArray<u64>(8);

/**
 * Token amounts of `liquidity` (l0, l1) over [tickLower, tickUpper) at sqrt price (p0..p2), into amountsAt0/1
 * (LiquidityAmounts.getAmountsForTicks). InvalidTick for a bound outside the tick range.
 */
export function amountsAt(p0: u64, p1: u64, p2: u64, tickLower: i32, tickUpper: i32, l0: u64, l1: u64, roundUp: bool): i32 {
  return getAmountsForTicks(p0, p1, p2, tickLower, tickUpper, l0, l1, roundUp, amountsAt0, amountsAt1);
}

/** Fee growth per unit of liquidity inside [tickLower, tickUpper), X128, into feeInside. InvalidTickRange. */
export function feeGrowthInside(pool: Pool, tickLower: i32, tickUpper: i32): i32 {
  return feeGrowthInsideOf(pool, tickLower, tickUpper, changetype<usize>(feeInside));
}

/**
 * Twin of TwoSidedPool.premiumGrowthInside: (0, 0, 0, 0) before premium tracking starts, else InvalidTickRange or the
 * walk's sums at the ledger's view indexes. Into premiumInside.
 */
export function premiumGrowthInside(pool: Pool, l: PremiumLedger, tickLower: i32, tickUpper: i32): i32 {
  if (!l.active) {
    for (let i = 0; i < 16; i++) unchecked((premiumInside[i] = 0));
    return OK;
  }
  let e = checkRange(pool, tickLower, tickUpper);
  if (e != OK) return e;
  e = walkView(pool, l, tickLower, tickUpper);
  if (e != OK) return e;
  memory.copy(changetype<usize>(premiumInside), changetype<usize>(walkSums), 16 << 3);
  return OK;
}

/** The bounds of a position holding liquidity are initialized ticks of the pool (else the snapshot is not its pool's). */
function ticksInPool(pool: Pool, tickLower: i32, tickUpper: i32): i32 {
  if (pool.ticks.ptrOf(tickLower) == 0 || pool.ticks.ptrOf(tickUpper) == 0) return E_TICK_NOT_IN_POOL;
  return OK;
}

/**
 * Value of the maker position at `pos` (layout MK_*) over [tickLower, tickUpper) with its token amounts at sqrt price
 * (p0..p2): amounts (rounded down), owed = tokensOwed + fees and premiums accrued since its last update (rounded
 * down, mod 2^256 as the lens's unchecked block). Written at `out` (layout MO_*).
 */
export function makerValueAt(pool: Pool, l: PremiumLedger, tickLower: i32, tickUpper: i32, pos: usize, p0: u64, p1: u64, p2: u64, out: usize): i32 {
  const l0 = load<u64>(pos + (<usize>MK_LIQUIDITY << 3)), l1 = load<u64>(pos + (<usize>MK_LIQUIDITY << 3), 8);
  memory.fill(out, 0, 16 << 3);
  store<u64>(out + (<usize>MO_OWED0 << 3), load<u64>(pos + (<usize>MK_OWED0 << 3)));
  store<u64>(out + (<usize>MO_OWED0 << 3), load<u64>(pos + (<usize>MK_OWED0 << 3), 8), 8);
  store<u64>(out + (<usize>MO_OWED1 << 3), load<u64>(pos + (<usize>MK_OWED1 << 3)));
  store<u64>(out + (<usize>MO_OWED1 << 3), load<u64>(pos + (<usize>MK_OWED1 << 3), 8), 8);
  if ((l0 | l1) == 0) return OK;
  let e = ticksInPool(pool, tickLower, tickUpper);
  if (e != OK) return e;
  e = amountsAt(p0, p1, p2, tickLower, tickUpper, l0, l1, false);
  if (e != OK) return e;
  put(out, MO_AMOUNT0, amountsAt0);
  put(out, MO_AMOUNT1, amountsAt1);
  e = feeGrowthInside(pool, tickLower, tickUpper);
  if (e != OK) return e;
  e = premiumGrowthInside(pool, l, tickLower, tickUpper);
  if (e != OK) return e;
  const last = pos + (<usize>MK_LAST << 3);
  // owed0 += f0 share + p0 share; owed1 likewise (premium sums: maker0 at 0, maker1 at 4)
  e = addShare(out + (<usize>MO_OWED0 << 3), changetype<usize>(feeInside), last, l0, l1, false);
  if (e != OK) return e;
  e = addShare(out + (<usize>MO_OWED0 << 3), changetype<usize>(premiumInside) + (<usize>GO_MAKER0 << 3), last + (8 << 3), l0, l1, false);
  if (e != OK) return e;
  e = addShare(out + (<usize>MO_OWED1 << 3), changetype<usize>(feeInside) + (4 << 3), last + (4 << 3), l0, l1, false);
  if (e != OK) return e;
  return addShare(out + (<usize>MO_OWED1 << 3), changetype<usize>(premiumInside) + (<usize>(GO_MAKER0 + 4) << 3), last + (12 << 3), l0, l1, false);
}

/**
 * Value of the taker position at `pos` (layout TK_*) with its return amounts at sqrt price (p0..p2): lent (as given),
 * return amounts (rounded up), debt = owed + fees and premiums accrued since its last update (rounded up, mod 2^256).
 * Written at `out` (layout TO_*).
 */
export function takerValueAt(pool: Pool, l: PremiumLedger, tickLower: i32, tickUpper: i32, pos: usize, p0: u64, p1: u64, p2: u64, out: usize): i32 {
  const l0 = load<u64>(pos + (<usize>TK_LIQUIDITY << 3)), l1 = load<u64>(pos + (<usize>TK_LIQUIDITY << 3), 8);
  memory.fill(out, 0, 24 << 3);
  memory.copy(out + (<usize>TO_DEBT0 << 3), pos + (<usize>TK_OWED0 << 3), 4 << 3);
  memory.copy(out + (<usize>TO_DEBT1 << 3), pos + (<usize>TK_OWED1 << 3), 4 << 3);
  memory.copy(out + (<usize>TO_LENT0 << 3), pos + (<usize>TK_LENT0 << 3), 4 << 3);
  memory.copy(out + (<usize>TO_LENT1 << 3), pos + (<usize>TK_LENT1 << 3), 4 << 3);
  if ((l0 | l1) == 0) return OK;
  let e = ticksInPool(pool, tickLower, tickUpper);
  if (e != OK) return e;
  e = amountsAt(p0, p1, p2, tickLower, tickUpper, l0, l1, true);
  if (e != OK) return e;
  put(out, TO_RETURN0, amountsAt0);
  put(out, TO_RETURN1, amountsAt1);
  e = feeGrowthInside(pool, tickLower, tickUpper);
  if (e != OK) return e;
  e = premiumGrowthInside(pool, l, tickLower, tickUpper);
  if (e != OK) return e;
  const last = pos + (<usize>TK_LAST << 3);
  // premium sums: taker0 at 8, taker1 at 12
  e = addShare(out + (<usize>TO_DEBT0 << 3), changetype<usize>(feeInside), last, l0, l1, true);
  if (e != OK) return e;
  e = addShare(out + (<usize>TO_DEBT0 << 3), changetype<usize>(premiumInside) + (<usize>(GO_MAKER0 + 8) << 3), last + (8 << 3), l0, l1, true);
  if (e != OK) return e;
  e = addShare(out + (<usize>TO_DEBT1 << 3), changetype<usize>(feeInside) + (4 << 3), last + (4 << 3), l0, l1, true);
  if (e != OK) return e;
  return addShare(out + (<usize>TO_DEBT1 << 3), changetype<usize>(premiumInside) + (<usize>(GO_MAKER0 + 12) << 3), last + (12 << 3), l0, l1, true);
}

/** *acc += mulDiv[RoundingUp](growth - last, liquidity, 2^128), the subtraction and the sum wrapping (unchecked). */
function addShare(acc: usize, growth: usize, last: usize, l0: u64, l1: u64, up: bool): i32 {
  sub256(load<u64>(growth), load<u64>(growth, 8), load<u64>(growth, 16), load<u64>(growth, 24), load<u64>(last), load<u64>(last, 8), load<u64>(last, 16), load<u64>(last, 24));
  const e = up
    ? mulDivRoundingUp(r0, r1, r2, r3, l0, l1, 0, 0, 0, 0, 1, 0)
    : mulDiv(r0, r1, r2, r3, l0, l1, 0, 0, 0, 0, 1, 0);
  if (e != OK) return e;
  add256(load<u64>(acc), load<u64>(acc, 8), load<u64>(acc, 16), load<u64>(acc, 24), r0, r1, r2, r3);
  store<u64>(acc, r0);
  store<u64>(acc, r1, 8);
  store<u64>(acc, r2, 16);
  store<u64>(acc, r3, 24);
  return OK;
}

function put(out: usize, at: i32, a: StaticArray<u64>): void {
  memory.copy(out + (<usize>at << 3), changetype<usize>(a), 4 << 3);
}
