// Twin of Uniswap V3's Tick library, extended for the 2sAMM: a tick carries
// a maker and a taker liquidityNet. Solidity keeps `mapping(int24 => Tick.Info)`;
// here a pool keeps an open-addressing hash table from tick to a record slot and
// one growable array of records (TICK_STRIDE u64 limbs each), so a lookup is a
// multiply, a probe or two and a load, and nothing crosses to JS.

import { MAX_TICK, MIN_TICK } from "./TickMath";
import { sub256 } from "./U256";

// ---------------------------------------------------------------- record layout
// Declared in layout.ts (the bindings read the records).
import { T_FGO0, T_FGO1, T_TICK, TICK_STRIDE } from "../layout";
import { maxLiquidityHi, r0, r1, r2, r3 } from "../registers";

const EMPTY: i32 = i32.MIN_VALUE; // not a valid tick

/**
 * u64 limbs of the swap-step cache of each slot: two entries (index 0: the step
 * leftward from the tick, 1: rightward), see the pool engine. Zeroed on insert.
 */
export const CACHE_ENTRY: i32 = 41;
export const CACHE_STRIDE: i32 = 2 * CACHE_ENTRY;

// @ts-ignore: decorator
@inline function hashOf(tick: i32, shift: i32): i32 {
  return <i32>((<u32>tick * 0x9e3779b1) >>> <u32>shift);
}

/** The ticks of one pool: hash table tick -> slot, records, and a free list of slots. */
export class TickStore {
  keys: StaticArray<i32>;
  vals: StaticArray<i32>;
  /** 32 - log2(table size). */
  shift: i32 = 28;
  size: i32 = 0;
  data: StaticArray<u64>;
  /** Slots ever handed out; freed ones go to `freeSlots`. */
  top: i32 = 0;
  freeSlots: StaticArray<i32>;
  nFree: i32 = 0;
  /** CACHE_STRIDE limbs per slot, grown with `data`. */
  cache: StaticArray<u64>;

  constructor() {
    const keys = new StaticArray<i32>(16);
    for (let i = 0; i < 16; i++) unchecked((keys[i] = EMPTY));
    this.keys = keys;
    this.vals = new StaticArray<i32>(16);
    this.data = new StaticArray<u64>(16 * TICK_STRIDE);
    this.freeSlots = new StaticArray<i32>(16);
    this.cache = new StaticArray<u64>(16 * CACHE_STRIDE);
  }

  /** Slot of `tick`, or -1. */
  find(tick: i32): i32 {
    const mask = this.keys.length - 1;
    let i = hashOf(tick, this.shift);
    while (true) {
      const k = unchecked(this.keys[i]);
      if (k == tick) return unchecked(this.vals[i]);
      if (k == EMPTY) return -1;
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** Address of a slot's record. Valid until the next `insert`. */
  // @ts-ignore: decorator
  @inline ptr(slot: i32): usize {
    return changetype<usize>(this.data) + (<usize>slot << 7);
  }

  /** Address of a slot's swap-step cache entry (dir 0: leftward, 1: rightward). Valid until the next `insert`. */
  // @ts-ignore: decorator
  @inline cachePtr(slot: i32, dir: i32): usize {
    return changetype<usize>(this.cache) + (<usize>(slot * CACHE_STRIDE + dir * CACHE_ENTRY) << 3);
  }

  /** Address of the record of `tick`, or 0 when the tick is not initialized. */
  ptrOf(tick: i32): usize {
    const s = this.find(tick);
    return s < 0 ? 0 : this.ptr(s);
  }

  /** Adds `tick` (not present) with a zeroed record; returns its slot. */
  insert(tick: i32): i32 {
    if ((this.size + 1) * 2 > this.keys.length) this.rehash(this.keys.length * 2);
    let slot: i32;
    if (this.nFree > 0) slot = unchecked(this.freeSlots[--this.nFree]);
    else {
      slot = this.top++;
      if (this.top * TICK_STRIDE > this.data.length) {
        const grown = new StaticArray<u64>(this.data.length * 2);
        memory.copy(changetype<usize>(grown), changetype<usize>(this.data), <usize>this.data.length << 3);
        this.data = grown;
        const grownCache = new StaticArray<u64>(this.cache.length * 2);
        memory.copy(changetype<usize>(grownCache), changetype<usize>(this.cache), <usize>this.cache.length << 3);
        this.cache = grownCache;
      }
    }
    memory.fill(this.ptr(slot), 0, <usize>TICK_STRIDE << 3);
    memory.fill(this.cachePtr(slot, 0), 0, <usize>CACHE_STRIDE << 3);
    store<i64>(this.ptr(slot) + (<usize>T_TICK << 3), <i64>tick);
    this.put(tick, slot);
    this.size++;
    return slot;
  }

  /** Removes `tick` (present): Uniswap's `clear`. Backward-shift deletion keeps probes short. */
  remove(tick: i32): void {
    const mask = this.keys.length - 1;
    let i = hashOf(tick, this.shift);
    while (unchecked(this.keys[i]) != tick) i = (i + 1) & mask;
    const slot = unchecked(this.vals[i]);
    let j = i;
    while (true) {
      j = (j + 1) & mask;
      const k = unchecked(this.keys[j]);
      if (k == EMPTY) break;
      const home = hashOf(k, this.shift);
      // Move k back into the hole when the hole lies between its home and j.
      if (((j - home) & mask) >= ((j - i) & mask)) {
        unchecked((this.keys[i] = k));
        unchecked((this.vals[i] = this.vals[j]));
        i = j;
      }
    }
    unchecked((this.keys[i] = EMPTY));
    this.size--;
    if (this.nFree == this.freeSlots.length) {
      const grown = new StaticArray<i32>(this.freeSlots.length * 2);
      memory.copy(changetype<usize>(grown), changetype<usize>(this.freeSlots), <usize>this.freeSlots.length << 2);
      this.freeSlots = grown;
    }
    unchecked((this.freeSlots[this.nFree++] = slot));
  }

  private put(tick: i32, slot: i32): void {
    const mask = this.keys.length - 1;
    let i = hashOf(tick, this.shift);
    while (unchecked(this.keys[i]) != EMPTY) i = (i + 1) & mask;
    unchecked((this.keys[i] = tick));
    unchecked((this.vals[i] = slot));
  }

  private rehash(n: i32): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new StaticArray<i32>(n);
    this.vals = new StaticArray<i32>(n);
    for (let i = 0; i < n; i++) unchecked((this.keys[i] = EMPTY));
    this.shift = 32 - (31 - <i32>clz<i32>(n));
    for (let i = 0; i < oldKeys.length; i++) {
      const k = unchecked(oldKeys[i]);
      if (k != EMPTY) this.put(k, unchecked(oldVals[i]));
    }
  }
}

/**
 * Uniswap's tickSpacingToMaxLiquidityPerTick: uint128 max / number of usable ticks.
 * Result: low limb returned, high limb in `maxLiquidityHi`. The 128-by-32-bit
 * division is done in 32-bit steps (numTicks < 2^21, so every partial quotient fits).
 */
export function tickSpacingToMaxLiquidityPerTick(tickSpacing: i32): u64 {
  const minTick = (MIN_TICK / tickSpacing) * tickSpacing;
  const maxTick = (MAX_TICK / tickSpacing) * tickSpacing;
  const n = <u64>((maxTick - minTick) / tickSpacing) + 1;
  const hi = u64.MAX_VALUE;
  maxLiquidityHi = hi / n;
  let r = hi % n;
  let t = (r << 32) | 0xffffffff;
  const q1 = t / n;
  r = t % n;
  t = (r << 32) | 0xffffffff;
  return (q1 << 32) | (t / n);
}

// ---------------------------------------------------------------- fee growth

/**
 * Uniswap's Tick.cross, fee growth part: the tick's fee growth outside flips
 * to the other side, `feeGrowthOutside = feeGrowthGlobal - feeGrowthOutside`
 * (mod 2^256), for both tokens. `g0`/`g1` point to the 4 limbs of each global.
 */
export function crossFeeGrowth(p: usize, g0: usize, g1: usize): void {
  flipOutside(p + (<usize>T_FGO0 << 3), g0);
  flipOutside(p + (<usize>T_FGO1 << 3), g1);
}

// @ts-ignore: decorator
@inline function flipOutside(o: usize, g: usize): void {
  sub256(load<u64>(g), load<u64>(g, 8), load<u64>(g, 16), load<u64>(g, 24), load<u64>(o), load<u64>(o, 8), load<u64>(o, 16), load<u64>(o, 24));
  store<u64>(o, r0);
  store<u64>(o, r1, 8);
  store<u64>(o, r2, 16);
  store<u64>(o, r3, 24);
}

/**
 * Uniswap's Tick.getFeeGrowthInside for one token: the fee growth per unit of
 * liquidity inside [tickLower, tickUpper) (mod 2^256), written to `out`.
 * `pl`/`pu` are the records of the bounds (0 for an uninitialized tick, whose
 * fee growth outside is 0); `off` selects the token (T_FGO0 or T_FGO1); `g`
 * points to that token's global.
 */
export function feeGrowthInside(pl: usize, pu: usize, off: i32, tickLower: i32, tickUpper: i32, tickCurrent: i32, g: usize, out: usize): void {
  const g0 = load<u64>(g), g1 = load<u64>(g, 8), g2 = load<u64>(g, 16), g3 = load<u64>(g, 24);
  const o = <usize>off << 3;
  // feeGrowthBelow
  let b0: u64 = 0, b1: u64 = 0, b2: u64 = 0, b3: u64 = 0;
  if (pl != 0) {
    b0 = load<u64>(pl + o);
    b1 = load<u64>(pl + o, 8);
    b2 = load<u64>(pl + o, 16);
    b3 = load<u64>(pl + o, 24);
  }
  if (tickCurrent < tickLower) {
    sub256(g0, g1, g2, g3, b0, b1, b2, b3);
    b0 = r0;
    b1 = r1;
    b2 = r2;
    b3 = r3;
  }
  // feeGrowthAbove
  let a0: u64 = 0, a1: u64 = 0, a2: u64 = 0, a3: u64 = 0;
  if (pu != 0) {
    a0 = load<u64>(pu + o);
    a1 = load<u64>(pu + o, 8);
    a2 = load<u64>(pu + o, 16);
    a3 = load<u64>(pu + o, 24);
  }
  if (tickCurrent >= tickUpper) {
    sub256(g0, g1, g2, g3, a0, a1, a2, a3);
    a0 = r0;
    a1 = r1;
    a2 = r2;
    a3 = r3;
  }
  sub256(g0, g1, g2, g3, b0, b1, b2, b3);
  sub256(r0, r1, r2, r3, a0, a1, a2, a3);
  store<u64>(out, r0);
  store<u64>(out, r1, 8);
  store<u64>(out, r2, 16);
  store<u64>(out, r3, 24);
}
