// The premium ledger of one pool, resident in Wasm: what TwoSidedPool keeps in `_s.premium` (PremiumState) and
// `_s.premiums` (Tick.Premium per segment start), loaded from the chain (contracts/readers/PremiumLedgerReader.sol).
// The walk over it is PremiumWalk.ts's `walkView`; the pool's ticks and liquidity come from the pool engine.
// A ledger has its own handle (JS holds it beside the pool's), so freeing or reusing a pool handle never leaves a
// ledger pointing at the wrong pool's ticks by accident of numbering.

import { E_INVALID_SNAPSHOT, E_LEDGER_NOT_FOUND, OK } from "../errors";
import {
  LEDGER_TICK_WORDS,
  LT_LAST_INDEX0,
  LT_TICK,
  PL_ACTIVE,
  PL_BORROW_LOW0,
  PL_BORROW_LOW1,
  PL_BORROW_NOW0,
  PL_BORROW_NOW1,
  PL_INDEX0,
  PL_INDEX1,
  PL_TIME,
} from "../layout";
import { MAX_TICK, MIN_TICK } from "./TickMath";

/** u64 limbs per stored Tick.Premium: lastIndex0 (2), lastIndex1 (2), maker0, maker1, taker0, taker1 (4 each). */
export const PREMIUM_STRIDE: i32 = 20;
/** Offsets in a stored Tick.Premium. */
export const P_LAST0: i32 = 0;
export const P_LAST1: i32 = 2;
export const P_MAKER0: i32 = 4;
export const P_MAKER1: i32 = 8;
export const P_TAKER0: i32 = 12;
export const P_TAKER1: i32 = 16;

/** A zero Tick.Premium: what Solidity's mapping reads for a segment never written. */
const ZERO = new StaticArray<u64>(PREMIUM_STRIDE);

export class PremiumLedger {
  // PremiumWalk.PremiumState
  index0Lo: u64 = 0;
  index0Hi: u64 = 0;
  index1Lo: u64 = 0;
  index1Hi: u64 = 0;
  borrowLow0Lo: u64 = 0;
  borrowLow0Hi: u64 = 0;
  borrowLow1Lo: u64 = 0;
  borrowLow1Hi: u64 = 0;
  active: bool = false;
  /** Timestamp of the snapshot: valuations before it are refused. */
  time: u64 = 0;
  /** The indexes the next walks accrue to (`_currentIndexes` at the valuation time), uint128 each. */
  view0Lo: u64 = 0;
  view0Hi: u64 = 0;
  view1Lo: u64 = 0;
  view1Hi: u64 = 0;
  /** segment start tick -> record index in `data`. */
  slots: Map<i32, i32> = new Map<i32, i32>();
  data: StaticArray<u64> = new StaticArray<u64>(0);

  /** Address of the Tick.Premium of segment `tick` (a zero record when it was never written). */
  premiumPtr(tick: i32): usize {
    if (!this.slots.has(tick)) return changetype<usize>(ZERO);
    return changetype<usize>(this.data) + (<usize>(this.slots.get(tick) * PREMIUM_STRIDE) << 3);
  }
}

// ---------------------------------------------------------------- handles
// Handle h refers to ledgers[h - 1]; 0 is never a handle. Freed handles are reused.
const ledgers = new Array<PremiumLedger | null>();
const freeHandles = new Array<i32>();

export function ledgerOf(handle: i32): PremiumLedger | null {
  if (handle < 1 || handle > ledgers.length) return null;
  return unchecked(ledgers[handle - 1]);
}

export function registerLedger(l: PremiumLedger): i32 {
  if (freeHandles.length > 0) {
    const h = freeHandles.pop();
    unchecked((ledgers[h - 1] = l));
    return h;
  }
  ledgers.push(l);
  return ledgers.length;
}

export function unregisterLedger(handle: i32): i32 {
  if (ledgerOf(handle) === null) return E_LEDGER_NOT_FOUND;
  unchecked((ledgers[handle - 1] = null));
  freeHandles.push(handle);
  return OK;
}

// ---------------------------------------------------------------- loading

/** A ledger from the header at `h` (layout PL_*); the view indexes are set by the caller. */
export function ledgerFromHeader(h: usize): PremiumLedger {
  const l = new PremiumLedger();
  l.index0Lo = load<u64>(h + (<usize>PL_INDEX0 << 3));
  l.index0Hi = load<u64>(h + (<usize>PL_INDEX0 << 3), 8);
  l.index1Lo = load<u64>(h + (<usize>PL_INDEX1 << 3));
  l.index1Hi = load<u64>(h + (<usize>PL_INDEX1 << 3), 8);
  l.borrowLow0Lo = load<u64>(h + (<usize>PL_BORROW_LOW0 << 3));
  l.borrowLow0Hi = load<u64>(h + (<usize>PL_BORROW_LOW0 << 3), 8);
  l.borrowLow1Lo = load<u64>(h + (<usize>PL_BORROW_LOW1 << 3));
  l.borrowLow1Hi = load<u64>(h + (<usize>PL_BORROW_LOW1 << 3), 8);
  l.active = load<u64>(h + (<usize>PL_ACTIVE << 3)) != 0;
  l.time = load<u64>(h + (<usize>PL_TIME << 3));
  return l;
}

/** True when the header is a PremiumState (uint120 borrow indexes, a bool). */
export function headerValid(h: usize): bool {
  return load<u64>(h + (<usize>PL_BORROW_LOW0 << 3), 8) < (<u64>1 << 56)
    && load<u64>(h + (<usize>PL_BORROW_LOW1 << 3), 8) < (<u64>1 << 56)
    && load<u64>(h + (<usize>PL_ACTIVE << 3)) <= 1;
}

/** Addresses of the snapshot's borrow indexes in the header (4 limbs each). */
export function headerBorrowNow0(h: usize): usize {
  return h + (<usize>PL_BORROW_NOW0 << 3);
}
export function headerBorrowNow1(h: usize): usize {
  return h + (<usize>PL_BORROW_NOW1 << 3);
}

/**
 * Replaces the ledger's per-tick records with the `n` records at `src` (layout LT_*). InvalidSnapshot for a tick out
 * of bounds or repeated; nothing changes then.
 */
export function loadTicks(l: PremiumLedger, src: usize, n: i32): i32 {
  const slots = new Map<i32, i32>();
  for (let i = 0; i < n; i++) {
    const t = <i32>load<i64>(src + (<usize>(i * LEDGER_TICK_WORDS + LT_TICK) << 3));
    if (t < MIN_TICK || t > MAX_TICK || slots.has(t)) return E_INVALID_SNAPSHOT;
    slots.set(t, i);
  }
  const data = new StaticArray<u64>(n * PREMIUM_STRIDE);
  for (let i = 0; i < n; i++) {
    memory.copy(
      changetype<usize>(data) + (<usize>(i * PREMIUM_STRIDE) << 3),
      src + (<usize>(i * LEDGER_TICK_WORDS + LT_LAST_INDEX0) << 3),
      <usize>PREMIUM_STRIDE << 3,
    );
  }
  l.slots = slots;
  l.data = data;
  return OK;
}
