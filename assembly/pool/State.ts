// The pool's storage (TwoSidedPool's state variables) and the handle registry.
// The scalar state is one block of limbs laid out by the S_* constants of
// layout.ts, so a swap can copy it into the IO region and a snapshot can write
// it in one go. Wide values are u64 limbs, little-endian.

import { E_POOL_NOT_FOUND, OK } from "../errors";
import { TickStore, tickSpacingToMaxLiquidityPerTick } from "../libraries/Tick";
import { TickBitmap } from "../libraries/TickBitmap";
import { STATE_WORDS } from "../layout";
import { START_BUCKETS, START_ENTRY } from "./StepCache";
import { maxLiquidityHi } from "../registers";

/** Address of limb `i` of a state block. */
// @ts-ignore: decorator
@inline export function sAt(s: StaticArray<u64>, i: i32): usize {
  return changetype<usize>(s) + (<usize>i << 3);
}

export class Pool {
  // Configuration (immutable after create).
  tickSpacing: i32;
  minFeePips: u32;
  midFeePips: u32;
  maxFeePips: u32;
  protocolFeePips: u32;
  takerCapPips: u32;
  maxLiquidityPerTickLo: u64;
  maxLiquidityPerTickHi: u64;

  /** slot0, liquidity and the fee growth / protocol fee globals (layout.ts, S_*). */
  state: StaticArray<u64> = new StaticArray<u64>(STATE_WORDS);
  ticks: TickStore = new TickStore();
  bitmap: TickBitmap;
  /** range key -> index into `ranges` (4 limbs: maker lo/hi, taker lo/hi). */
  rangeSlots: Map<u64, i32> = new Map<u64, i32>();
  ranges: Array<u64> = new Array<u64>();
  /** Bumped by every change of liquidity or ticks: step-cache entries of older generations are stale. */
  gen: u64 = 1;
  /** Bumped when the set of initialized ticks changes: an entry's next tick stays valid until then. */
  tickGen: u64 = 1;
  /**
   * Step-cache entries for steps that do not start on an initialized tick just crossed: the
   * first step of a swap (from the pool's price) and steps from a word boundary. Direct-mapped
   * by start tick and direction, keyed also by the price and tick they start from (StepCache.ts).
   */
  startSteps: StaticArray<u64> = new StaticArray<u64>(2 * START_BUCKETS * START_ENTRY);

  constructor(tickSpacing: i32) {
    this.tickSpacing = tickSpacing;
    this.bitmap = new TickBitmap(tickSpacing);
    this.maxLiquidityPerTickLo = tickSpacingToMaxLiquidityPerTick(tickSpacing);
    this.maxLiquidityPerTickHi = maxLiquidityHi;
  }

  // @ts-ignore: decorator
  @inline get flatFee(): bool {
    return this.minFeePips == this.maxFeePips;
  }
}

// ---------------------------------------------------------------- handles
// Handle h refers to pools[h - 1]; 0 is never a handle. Freed handles are reused.
const pools = new Array<Pool | null>();
const freeHandles = new Array<i32>();

export function poolOf(handle: i32): Pool | null {
  if (handle < 1 || handle > pools.length) return null;
  return unchecked(pools[handle - 1]);
}

export function register(pool: Pool): i32 {
  if (freeHandles.length > 0) {
    const h = freeHandles.pop();
    unchecked((pools[h - 1] = pool));
    return h;
  }
  pools.push(pool);
  return pools.length;
}

export function unregister(handle: i32): i32 {
  if (poolOf(handle) === null) return E_POOL_NOT_FOUND;
  unchecked((pools[handle - 1] = null));
  freeHandles.push(handle);
  return OK;
}
