// ABI shims of the 2sAMM producers' twins (re-exported by index.ts): the premium ledger's lifecycle, the lens's
// valuations and each producer's Record. A pool and a premium ledger are handles (i32 >= 1). Positions and prices
// come in through IO (layout MK_*, TK_*, MV_*, TV_*, BV_*), results go back to IO (MO_*, TO_*, RO_*, GO_*). Every
// export returns an error code; a failed call changes no state.
//
// `spot` (1) values at the pool's own price and tick (the producers' `record`); otherwise at the sqrt price in IO,
// whose tick is getTickAtSqrtRatio (`referenceRecord`; for the lens the tick is not used).

import { IO, ioGet, ioSet } from "../io";
import { E_INVALID_SNAPSHOT, E_LEDGER_NOT_FOUND, E_NOW_BEFORE_SNAPSHOT, E_POOL_NOT_FOUND, OK } from "../errors";
import {
  BV_MAKER_LIQUIDITY,
  BV_SQRT_PRICE,
  BV_TAKER,
  BV_TAKER_LIQUIDITY,
  IO_WORDS,
  LEDGER_TICK_WORDS,
  MV_SQRT_PRICE,
  PA_BORROW0,
  PA_BORROW1,
  PA_NOW,
  PL_HEADER_WORDS,
  TV_SQRT_PRICE,
} from "../layout";
import { Pool, poolOf } from "../pool/Pool";
import {
  headerBorrowNow0,
  headerBorrowNow1,
  headerValid,
  ledgerFromHeader,
  ledgerOf,
  loadTicks,
  PremiumLedger,
  registerLedger,
  unregisterLedger,
} from "../libraries/PremiumLedger";
import { _currentIndexes } from "../libraries/PremiumWalk";
import { feeGrowthInside, feeInside, makerValueAt, premiumGrowthInside, premiumInside, takerValueAt } from "../TwoSidedPoolLens";
import { atSqrt0, atSqrt1, atSqrt2, atTick, record, referenceRecord } from "./PoolPricedProducer";
import { _recordAt as makerRecord } from "./TwoSidedMakerProducer";
import { _recordAt as takerRecord } from "./TwoSidedTakerProducer";
import * as Bundler from "./MakerTakerBundler";

// Inputs are copied out of IO first: results are written over them.
const inBuf = new StaticArray<u64>(IO_WORDS);
const header = new StaticArray<u64>(PL_HEADER_WORDS);

function takeInputs(): usize {
  memory.copy(changetype<usize>(inBuf), IO, <usize>IO_WORDS << 3);
  return changetype<usize>(inBuf);
}

// ---------------------------------------------------------------- premium ledger

let ledgerBuf = new StaticArray<u64>(LEDGER_TICK_WORDS * 64);

/** Address of a resident buffer of at least `words` u64 for premiumLedgerLoadTicks (JS re-reads memory after). */
export function premiumLedgerScratch(words: i32): usize {
  if (words > ledgerBuf.length) {
    let n = ledgerBuf.length;
    while (n < words) n <<= 1;
    ledgerBuf = new StaticArray<u64>(n);
  }
  return changetype<usize>(ledgerBuf);
}

/**
 * A premium ledger from the header in IO (layout PL_*: PremiumState, the snapshot's time and borrow indexes), accrued
 * to the snapshot time. Writes the handle to IO[0]. InvalidSnapshot for a header no PremiumState can hold;
 * MulDivOverflow / SafeCastOverflow as the chain's index advance.
 */
export function premiumLedgerCreate(): i32 {
  const h = changetype<usize>(header);
  memory.copy(h, IO, <usize>PL_HEADER_WORDS << 3);
  if (!headerValid(h)) return E_INVALID_SNAPSHOT;
  const l = ledgerFromHeader(h);
  const e = _currentIndexes(l, headerBorrowNow0(h), headerBorrowNow1(h));
  if (e != OK) return e;
  ioSet(0, <u64>registerLedger(l));
  return OK;
}

/**
 * Sets the ledger's per-tick records to the `n` in the scratch buffer (LEDGER_TICK_WORDS each, layout LT_*).
 * LedgerNotFound; InvalidSnapshot for a tick out of bounds or repeated.
 */
export function premiumLedgerLoadTicks(handle: i32, n: i32): i32 {
  const l = ledgerOf(handle);
  if (l === null) return E_LEDGER_NOT_FOUND;
  if (n < 0 || n * LEDGER_TICK_WORDS > ledgerBuf.length) return E_INVALID_SNAPSHOT;
  return loadTicks(l, changetype<usize>(ledgerBuf), n);
}

/**
 * Accrue the ledger's view to IO[PA_NOW] (a timestamp, not before the snapshot's) with the money market's borrow
 * indexes then (IO[PA_BORROW0..], IO[PA_BORROW1..], 4 limbs each; 0 without a money market). Later valuations walk to
 * these indexes. LedgerNotFound, NowBeforeSnapshot, MulDivOverflow, SafeCastOverflow (nothing changes then).
 */
export function premiumLedgerAt(handle: i32): i32 {
  const l = ledgerOf(handle);
  if (l === null) return E_LEDGER_NOT_FOUND;
  if (ioGet(PA_NOW) < l.time) return E_NOW_BEFORE_SNAPSHOT;
  const a0 = l.view0Lo, a1 = l.view0Hi, b0 = l.view1Lo, b1 = l.view1Hi;
  const e = _currentIndexes(l, IO + (<usize>PA_BORROW0 << 3), IO + (<usize>PA_BORROW1 << 3));
  if (e != OK) {
    l.view0Lo = a0;
    l.view0Hi = a1;
    l.view1Lo = b0;
    l.view1Hi = b1;
  }
  return e;
}

/** Frees a ledger; its handle may be reused. LedgerNotFound. */
export function premiumLedgerDestroy(handle: i32): i32 {
  return unregisterLedger(handle);
}

// ---------------------------------------------------------------- lens

/** TwoSidedPool.premiumGrowthInside at the ledger's view: IO[0..16) maker0, maker1, taker0, taker1. */
export function lensPremiumGrowthInside(poolHandle: i32, ledgerHandle: i32, tickLower: i32, tickUpper: i32): i32 {
  const pool = poolOf(poolHandle);
  if (pool === null) return E_POOL_NOT_FOUND;
  const l = ledgerOf(ledgerHandle);
  if (l === null) return E_LEDGER_NOT_FOUND;
  const e = premiumGrowthInside(pool, l, tickLower, tickUpper);
  if (e != OK) return e;
  memory.copy(IO, changetype<usize>(premiumInside), 16 << 3);
  return OK;
}

/** TwoSidedPoolLens.feeGrowthInside: IO[0..8) token0, token1. PoolNotFound, InvalidTickRange. */
export function lensFeeGrowthInside(poolHandle: i32, tickLower: i32, tickUpper: i32): i32 {
  const pool = poolOf(poolHandle);
  if (pool === null) return E_POOL_NOT_FOUND;
  const e = feeGrowthInside(pool, tickLower, tickUpper);
  if (e != OK) return e;
  memory.copy(IO, changetype<usize>(feeInside), 8 << 3);
  return OK;
}

let sq0: u64 = 0, sq1: u64 = 0, sq2: u64 = 0;

/** The lens's price argument: the pool's (spot) or the 3 limbs at `at` of the inputs. */
function lensPrice(pool: Pool, inp: usize, at: i32, spot: i32): void {
  if (spot != 0) {
    record(pool);
    sq0 = atSqrt0;
    sq1 = atSqrt1;
    sq2 = atSqrt2;
  } else {
    sq0 = load<u64>(inp + (<usize>at << 3));
    sq1 = load<u64>(inp + (<usize>at << 3), 8);
    sq2 = load<u64>(inp + (<usize>at << 3), 16);
  }
}

/** TwoSidedPoolLens.makerValueAt of the maker position in IO (MK_*) at IO[MV_SQRT_PRICE..] or spot: IO = MO_*. */
export function lensMakerValueAt(poolHandle: i32, ledgerHandle: i32, tickLower: i32, tickUpper: i32, spot: i32): i32 {
  const pool = poolOf(poolHandle);
  if (pool === null) return E_POOL_NOT_FOUND;
  const l = ledgerOf(ledgerHandle);
  if (l === null) return E_LEDGER_NOT_FOUND;
  const inp = takeInputs();
  lensPrice(pool, inp, MV_SQRT_PRICE, spot);
  return makerValueAt(pool, l, tickLower, tickUpper, inp, sq0, sq1, sq2, IO);
}

/** TwoSidedPoolLens.takerValueAt of the taker position in IO (TK_*) at IO[TV_SQRT_PRICE..] or spot: IO = TO_*. */
export function lensTakerValueAt(poolHandle: i32, ledgerHandle: i32, tickLower: i32, tickUpper: i32, spot: i32): i32 {
  const pool = poolOf(poolHandle);
  if (pool === null) return E_POOL_NOT_FOUND;
  const l = ledgerOf(ledgerHandle);
  if (l === null) return E_LEDGER_NOT_FOUND;
  const inp = takeInputs();
  lensPrice(pool, inp, TV_SQRT_PRICE, spot);
  return takerValueAt(pool, l, tickLower, tickUpper, inp, sq0, sq1, sq2, IO);
}

// ---------------------------------------------------------------- Records

/** The valuation price: the pool's (record) or the reference sqrt price at `at` of the inputs (referenceRecord). */
function recordPrice(pool: Pool, inp: usize, at: i32, spot: i32): i32 {
  if (spot != 0) return record(pool);
  return referenceRecord(load<u64>(inp + (<usize>at << 3)), load<u64>(inp + (<usize>at << 3), 8), load<u64>(inp + (<usize>at << 3), 16));
}

/** TwoSidedMakerProducer's Record of the maker position in IO (MK_*), at spot or at IO[MV_SQRT_PRICE..]: IO = RO_*. */
export function makerRecordAt(poolHandle: i32, ledgerHandle: i32, tickLower: i32, tickUpper: i32, spot: i32): i32 {
  const pool = poolOf(poolHandle);
  if (pool === null) return E_POOL_NOT_FOUND;
  const l = ledgerOf(ledgerHandle);
  if (l === null) return E_LEDGER_NOT_FOUND;
  const inp = takeInputs();
  const e = recordPrice(pool, inp, MV_SQRT_PRICE, spot);
  if (e != OK) return e;
  return makerRecord(pool, l, tickLower, tickUpper, inp, atSqrt0, atSqrt1, atSqrt2, IO);
}

/**
 * TwoSidedTakerProducer's Record of the taker position in IO (TK_*) with the pool's price move `deltaTicks`, at spot
 * or at IO[TV_SQRT_PRICE..]: IO = RO_*.
 */
export function takerRecordAt(poolHandle: i32, ledgerHandle: i32, tickLower: i32, tickUpper: i32, deltaTicks: i32, spot: i32): i32 {
  const pool = poolOf(poolHandle);
  if (pool === null) return E_POOL_NOT_FOUND;
  const l = ledgerOf(ledgerHandle);
  if (l === null) return E_LEDGER_NOT_FOUND;
  const inp = takeInputs();
  const e = recordPrice(pool, inp, TV_SQRT_PRICE, spot);
  if (e != OK) return e;
  return takerRecord(pool, l, tickLower, tickUpper, inp, atSqrt0, atSqrt1, atSqrt2, atTick, deltaTicks, IO);
}

/**
 * MakerTakerBundler's Record of the bundle in IO (maker position at 0, taker position at BV_TAKER, the bundle's maker
 * and taker liquidities at BV_MAKER_LIQUIDITY / BV_TAKER_LIQUIDITY) with the pool's `deltaTicks`, at spot or at
 * IO[BV_SQRT_PRICE..]: IO = RO_*.
 */
export function bundleRecordAt(
  poolHandle: i32,
  ledgerHandle: i32,
  makerLower: i32,
  makerUpper: i32,
  takerLower: i32,
  takerUpper: i32,
  deltaTicks: i32,
  spot: i32,
): i32 {
  const pool = poolOf(poolHandle);
  if (pool === null) return E_POOL_NOT_FOUND;
  const l = ledgerOf(ledgerHandle);
  if (l === null) return E_LEDGER_NOT_FOUND;
  const inp = takeInputs();
  const e = recordPrice(pool, inp, BV_SQRT_PRICE, spot);
  if (e != OK) return e;
  Bundler.makerLower = makerLower;
  Bundler.makerUpper = makerUpper;
  Bundler.takerLower = takerLower;
  Bundler.takerUpper = takerUpper;
  Bundler.makerLiq0 = load<u64>(inp + (<usize>BV_MAKER_LIQUIDITY << 3));
  Bundler.makerLiq1 = load<u64>(inp + (<usize>BV_MAKER_LIQUIDITY << 3), 8);
  Bundler.takerLiq0 = load<u64>(inp + (<usize>BV_TAKER_LIQUIDITY << 3));
  Bundler.takerLiq1 = load<u64>(inp + (<usize>BV_TAKER_LIQUIDITY << 3), 8);
  return Bundler._recordAt(pool, l, inp, inp + (<usize>BV_TAKER << 3), atSqrt0, atSqrt1, atSqrt2, atTick, deltaTicks, IO);
}

