// The 2sAMM pool engine: pools live in Wasm memory and JS holds a handle.
// The state and rules are docs/math.md "The 2sAMM pool"; the swap loop is
// Uniswap V3's UniswapV3Pool.swap step for step. Wide values are u64 limbs
// (little-endian). Every entry point checks everything that can fail before it
// writes, so a failed call leaves the pool exactly as it was.

import {
  E_INVALID_FEE_PARAMS,
  E_INVALID_PROTOCOL_FEE,
  E_INVALID_TAKER_CAP,
  E_INVALID_TICK_RANGE,
  E_INVALID_TICK_SPACING,
  E_LIQUIDITY_RESERVED,
  E_LIQUIDITY_UNDERFLOW,
  E_POOL_NOT_FOUND,
  E_POSITION_NOT_FOUND,
  E_SAFE_CAST_OVERFLOW,
  E_AMOUNT_SPECIFIED_ZERO,
  E_INVALID_PRICE_LIMIT,
  E_TAKER_CAP_EXCEEDED,
  E_TICK_LIQUIDITY_OVERFLOW,
  E_ZERO_LIQUIDITY,
  OK,
} from "../errors";
import { add256, divRem256, lt256, lte256, mul256, r0, r1, r2, r3, setR, sub256 } from "../libraries/U256";
import { mulDiv, mulDivRoundingUp } from "../libraries/FullMath";
import { addDelta, lastError, res128_hi } from "../libraries/LiquidityMath";
import {
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_SQRT_RATIO_0,
  MAX_SQRT_RATIO_1,
  MAX_SQRT_RATIO_2,
  MAX_TICK,
  MIN_SQRT_RATIO_0,
  MIN_TICK,
  tickResult,
} from "../libraries/TickMath";
import { getAmountsForLiquidity } from "../libraries/LiquidityAmounts";
import {
  amountIn_0, amountIn_1, amountIn_2, amountIn_3,
  amountOut_0, amountOut_1, amountOut_2, amountOut_3,
  computeSwapStep,
  computeSwapStepToTarget,
  feeAmount_0, feeAmount_1, feeAmount_2, feeAmount_3,
  sqrtRatioNextX96_0, sqrtRatioNextX96_1, sqrtRatioNextX96_2,
} from "../libraries/SwapMath";
import { feePips } from "../libraries/FeeCurve";
import {
  crossFeeGrowth,
  feeGrowthInside,
  T_FGO0,
  T_FGO1,
  T_GROSS,
  T_MAKER_NET,
  T_TAKER_NET,
  TickStore,
  maxLiquidityHi,
  tickSpacingToMaxLiquidityPerTick,
} from "../libraries/Tick";
import { nextInitialized, TickBitmap } from "../libraries/TickBitmap";
import {
  MAKER,
  S_FEE,
  S_FG0,
  S_FG1,
  S_LIQUIDITY,
  S_MAKER,
  S_PF0,
  S_PF1,
  S_SQRT_PRICE,
  S_TAKER,
  S_TICK,
  STATE_WORDS,
  TAKER,
} from "../layout";


// @ts-ignore: decorator
@inline function sAt(s: StaticArray<u64>, i: i32): usize {
  return changetype<usize>(s) + (<usize>i << 3);
}

// ---------------------------------------------------------------- positions
// Aggregate maker and taker liquidity per range [tickLower, tickUpper), so
// burn/release can refuse to remove more than was added (LiquidityUnderflow).
// @ts-ignore: decorator
@inline function rangeKey(tickLower: i32, tickUpper: i32): u64 {
  return (<u64>(<u32>tickLower) << 32) | <u64>(<u32>tickUpper);
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
   * by start tick and direction, keyed also by the price and tick they start from (E_START_*).
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

/** Pool configuration checks in the order docs/errors.md lists them. */
export function checkConfig(tickSpacing: i32, minFee: u32, midFee: u32, maxFee: u32, protocolFeePips: u32, takerCapPips: u32): i32 {
  if (tickSpacing < 1 || tickSpacing > 16384) return E_INVALID_TICK_SPACING;
  if (!(minFee <= midFee && midFee <= maxFee && maxFee < 1_000_000)) return E_INVALID_FEE_PARAMS;
  if (protocolFeePips > 1_000_000) return E_INVALID_PROTOCOL_FEE;
  if (takerCapPips > 1_000_000) return E_INVALID_TAKER_CAP;
  return OK;
}

/** Uniswap's checkTicks plus the spacing rule (InvalidTickRange). */
export function checkRange(pool: Pool, tickLower: i32, tickUpper: i32): i32 {
  if (tickLower >= tickUpper || tickLower < MIN_TICK || tickUpper > MAX_TICK) return E_INVALID_TICK_RANGE;
  if (tickLower % pool.tickSpacing != 0 || tickUpper % pool.tickSpacing != 0) return E_INVALID_TICK_RANGE;
  return OK;
}

// ---------------------------------------------------------------- liquidity


/**
 * Adds (`add`) or removes `amount` (uint128 lo/hi) of maker or taker liquidity
 * over [tickLower, tickUpper): TwoSidedPool's mint / burn / take / release for
 * one owner per range. Every check runs before the first write, in the
 * contract's order:
 * - mint: InvalidTickRange, ZeroLiquidity, SafeCastOverflow (amount >= 2^127),
 *   TickLiquidityOverflow (lower or upper tick);
 * - take: the same, then TakerCapExceeded (the walk);
 * - burn: InvalidTickRange, SafeCastOverflow, LiquidityReserved (the walk,
 *   amount > 0), then LiquidityUnderflow (more than the range holds) or, for
 *   0, PositionNotFound (nothing to poke);
 * - release: InvalidTickRange, PositionNotFound (the range holds no taker
 *   liquidity), SafeCastOverflow, LiquidityUnderflow.
 * A burn or release of 0 that passes its checks changes nothing.
 */
export function modifyLiquidity(pool: Pool, tickLower: i32, tickUpper: i32, lo: u64, hi: u64, side: i32, add: bool): i32 {
  const zero = (lo | hi) == 0;
  const key = rangeKey(tickLower, tickUpper);
  let rangeSlot = -1;
  const ro = side == MAKER ? 0 : 2;
  if (add) {
    const e = checkRange(pool, tickLower, tickUpper);
    if (e != OK) return e;
    if (zero) return E_ZERO_LIQUIDITY;
    if (<i64>hi < 0) return E_SAFE_CAST_OVERFLOW;
    if (!grossFits(pool, tickLower, lo, hi) || !grossFits(pool, tickUpper, lo, hi)) return E_TICK_LIQUIDITY_OVERFLOW;
    if (side == TAKER && !walkCheck(pool, tickLower, tickUpper, lo, hi, CHECK_CAP)) return E_TAKER_CAP_EXCEEDED;
    if (pool.rangeSlots.has(key)) rangeSlot = pool.rangeSlots.get(key);
  } else {
    const e = checkRange(pool, tickLower, tickUpper);
    if (e != OK) return e;
    if (pool.rangeSlots.has(key)) rangeSlot = pool.rangeSlots.get(key);
    let pLo: u64 = 0, pHi: u64 = 0;
    if (rangeSlot >= 0) {
      pLo = unchecked(pool.ranges[rangeSlot * 4 + ro]);
      pHi = unchecked(pool.ranges[rangeSlot * 4 + ro + 1]);
    }
    const held = (pLo | pHi) != 0;
    // release: the position is looked up before anything else.
    if (side == TAKER && !held) return E_POSITION_NOT_FOUND;
    if (<i64>hi < 0) return E_SAFE_CAST_OVERFLOW;
    if (side == MAKER && !zero && !walkCheck(pool, tickLower, tickUpper, lo, hi, CHECK_RESERVED)) return E_LIQUIDITY_RESERVED;
    if (zero) return held ? OK : E_POSITION_NOT_FOUND;
    // The contract's tick and position updates both underflow here (LiquidityMath.addDelta).
    if (pHi < hi || (pHi == hi && pLo < lo)) return E_LIQUIDITY_UNDERFLOW;
  }

  // Effects: nothing below can fail.
  const s = pool.state;
  const tick = <i32>unchecked(s[S_TICK]);
  updateTick(pool, tickLower, tick, lo, hi, side, add, false);
  updateTick(pool, tickUpper, tick, lo, hi, side, add, true);
  // The range's aggregate.
  let slot = rangeSlot;
  if (slot < 0) {
    slot = pool.ranges.length >> 2;
    pool.ranges.push(0);
    pool.ranges.push(0);
    pool.ranges.push(0);
    pool.ranges.push(0);
    pool.rangeSlots.set(key, slot);
  }
  const rp = pool.ranges.dataStart + (<usize>(slot * 4 + ro) << 3);
  addSub128(rp, lo, hi, add);
  pool.gen++;
  // Liquidity in force at the current price.
  if (tickLower <= tick && tick < tickUpper) {
    addSub128(sAt(s, side == MAKER ? S_MAKER : S_TAKER), lo, hi, add);
    refreshActive(pool);
  }
  return OK;
}

/** x (uint128 at p) += or -= (lo, hi), mod 2^128. */
function addSub128(p: usize, lo: u64, hi: u64, add: bool): void {
  const x0 = load<u64>(p), x1 = load<u64>(p, 8);
  if (add) add256(x0, x1, 0, 0, lo, hi, 0, 0);
  else sub256(x0, x1, 0, 0, lo, hi, 0, 0);
  store<u64>(p, r0);
  store<u64>(p, r1, 8);
}

/** liquidityGross(tick) + amount <= maxLiquidityPerTick (Uniswap `LO`). */
function grossFits(pool: Pool, tick: i32, lo: u64, hi: u64): bool {
  const p = pool.ticks.ptrOf(tick);
  let g0: u64 = 0, g1: u64 = 0;
  if (p != 0) {
    g0 = load<u64>(p + (<usize>T_GROSS << 3));
    g1 = load<u64>(p + (<usize>T_GROSS << 3), 8);
  }
  add256(g0, g1, 0, 0, lo, hi, 0, 0);
  return r2 == 0 && (r1 < pool.maxLiquidityPerTickHi || (r1 == pool.maxLiquidityPerTickHi && r0 <= pool.maxLiquidityPerTickLo));
}

/**
 * Uniswap's Tick.update for one side, plus the bitmap flip and the clear of a
 * tick that ends with no liquidity. Callers have checked that it cannot fail.
 */
function updateTick(pool: Pool, tick: i32, tickCurrent: i32, lo: u64, hi: u64, side: i32, add: bool, upper: bool): void {
  const store_ = pool.ticks;
  let slot = store_.find(tick);
  let fresh = false;
  if (slot < 0) {
    // Only reachable when adding (a removal's bounds hold the removed liquidity).
    slot = store_.insert(tick);
    pool.tickGen++;
    fresh = true;
  }
  const p = store_.ptr(slot);
  if (fresh) {
    // By convention all growth before initialization happened below the tick.
    if (tick <= tickCurrent) {
      memory.copy(p + (<usize>T_FGO0 << 3), sAt(pool.state, S_FG0), 32);
      memory.copy(p + (<usize>T_FGO1 << 3), sAt(pool.state, S_FG1), 32);
    }
    pool.bitmap.flipTick(tick, pool.tickSpacing);
  }
  addSub128(p + (<usize>T_GROSS << 3), lo, hi, add);
  // net: the lower tick adds liquidity when crossed left to right, the upper removes it.
  addSub128(p + (<usize>(side == MAKER ? T_MAKER_NET : T_TAKER_NET) << 3), lo, hi, add != upper);
  if ((load<u64>(p + (<usize>T_GROSS << 3)) | load<u64>(p + (<usize>T_GROSS << 3), 8)) == 0) {
    pool.bitmap.flipTick(tick, pool.tickSpacing);
    store_.remove(tick);
    pool.tickGen++;
  }
}

/** Checks of the range walk (TwoSidedPool's PremiumWalk.CHECK_*). */
const CHECK_CAP: i32 = 1; // take: (taker + L) * 1e6 <= maker * takerCapPips at every price of the range
const CHECK_RESERVED: i32 = 2; // burn: taker <= maker - L at every price of the range where maker >= L

/**
 * Runs `check` for `lo/hi` = L at every price in [tickLower, tickUpper).
 * Maker and taker liquidity at a price are the sums of the nets of the
 * initialized ticks at or below it, so one ascending walk over the bitmap
 * visits each piece of the range once.
 */
function walkCheck(pool: Pool, tickLower: i32, tickUpper: i32, lo: u64, hi: u64, check: i32): bool {
  const bm = pool.bitmap;
  const ts = pool.tickSpacing;
  let mk0: u64 = 0, mk1: u64 = 0, tk0: u64 = 0, tk1: u64 = 0;
  let checkedLower = false;
  const lastWord = (tickUpper / ts) >> 8;
  for (let wi = 0; wi < bm.index.length; wi++) {
    const wordPos = bm.minWord + wi;
    if (wordPos > lastWord) break;
    const slot = unchecked(bm.index[wi]);
    if (slot < 0) continue;
    const wp = changetype<usize>(bm.words) + (<usize>slot << 5);
    for (let li = 0; li < 4; li++) {
      let w = load<u64>(wp + (<usize>li << 3));
      while (w != 0) {
        const bit = (li << 6) + <i32>ctz(w);
        w &= w - 1;
        const t = ((wordPos << 8) + bit) * ts;
        if (t > tickLower && !checkedLower) {
          if (!checkAt(pool, mk0, mk1, tk0, tk1, lo, hi, check)) return false;
          checkedLower = true;
        }
        if (t >= tickUpper) return checkedLower || checkAt(pool, mk0, mk1, tk0, tk1, lo, hi, check);
        const p = pool.ticks.ptrOf(t);
        add256(mk0, mk1, 0, 0, load<u64>(p + (<usize>T_MAKER_NET << 3)), load<u64>(p + (<usize>T_MAKER_NET << 3), 8), 0, 0);
        mk0 = r0;
        mk1 = r1;
        add256(tk0, tk1, 0, 0, load<u64>(p + (<usize>T_TAKER_NET << 3)), load<u64>(p + (<usize>T_TAKER_NET << 3), 8), 0, 0);
        tk0 = r0;
        tk1 = r1;
        if (t >= tickLower) {
          if (!checkAt(pool, mk0, mk1, tk0, tk1, lo, hi, check)) return false;
          checkedLower = true;
        }
      }
    }
  }
  return checkedLower || checkAt(pool, mk0, mk1, tk0, tk1, lo, hi, check);
}

/**
 * One piece of the range. CHECK_CAP: (taker + L) * 1e6 <= maker * takerCapPips.
 * CHECK_RESERVED: taker <= maker - L (makers may withdraw whatever is not
 * reserved); maker < L is an over-burn, reported after the walk as LiquidityUnderflow.
 */
function checkAt(pool: Pool, mk0: u64, mk1: u64, tk0: u64, tk1: u64, lo: u64, hi: u64, check: i32): bool {
  if (check == CHECK_RESERVED) {
    if (sub256(mk0, mk1, 0, 0, lo, hi, 0, 0)) return true;
    return lte256(tk0, tk1, 0, 0, r0, r1, 0, 0);
  }
  add256(tk0, tk1, 0, 0, lo, hi, 0, 0);
  mul256(r0, r1, r2, 0, 1_000_000, 0, 0, 0);
  const a0 = r0, a1 = r1, a2 = r2;
  mul256(mk0, mk1, 0, 0, <u64>pool.takerCapPips, 0, 0, 0);
  return lte256(a0, a1, a2, 0, r0, r1, r2, 0);
}

/** liquidity = maker - taker, and the fee at the new ratio. */
export function refreshActive(pool: Pool): void {
  const s = pool.state;
  const mk0 = unchecked(s[S_MAKER]), mk1 = unchecked(s[S_MAKER + 1]);
  const tk0 = unchecked(s[S_TAKER]), tk1 = unchecked(s[S_TAKER + 1]);
  sub256(mk0, mk1, 0, 0, tk0, tk1, 0, 0);
  unchecked((s[S_LIQUIDITY] = r0));
  unchecked((s[S_LIQUIDITY + 1] = r1));
  unchecked((s[S_FEE] = <u64>currentFee(pool, mk0, mk1, tk0, tk1)));
}

/** FeeCurve.feePips(taker, maker) with the pool's parameters. */
export function currentFee(pool: Pool, mk0: u64, mk1: u64, tk0: u64, tk1: u64): u32 {
  if (pool.flatFee) return pool.minFeePips;
  // cannot fail: the parameters were checked at create
  return <u32>feePips(tk0, tk1, mk0, mk1, pool.minFeePips, pool.midFeePips, pool.maxFeePips);
}

// ---------------------------------------------------------------- swap

// Swap inputs and outputs (module globals: AS returns one value).
/** int256 amountSpecified (> 0 exact input, < 0 exact output). */
export let in0: u64 = 0, in1: u64 = 0, in2: u64 = 0, in3: u64 = 0;
/** uint160 sqrtPriceLimitX96. */
export let lim0: u64 = 0, lim1: u64 = 0, lim2: u64 = 0;
/** int256 pool balance deltas. */
export let amt0_0: u64 = 0, amt0_1: u64 = 0, amt0_2: u64 = 0, amt0_3: u64 = 0;
export let amt1_0: u64 = 0, amt1_1: u64 = 0, amt1_2: u64 = 0, amt1_3: u64 = 0;
/**
 * State after the swap (a quote leaves it here without committing it):
 * same layout as Pool.state.
 */
export const out = new StaticArray<u64>(STATE_WORDS);
/** Fee paid by the last swap in the input token (protocol share included), and that share. */
export const swapFee = new StaticArray<u64>(4);
export const swapProtocolFee = new StaticArray<u64>(4);

// Ticks crossed by the last swap: their slot and the input token's fee growth
// global at the crossing (5 limbs each), applied to the ticks on commit only.
let crossings = new StaticArray<u64>(5 * 64);
let nCross: i32 = 0;

// @ts-ignore: decorator
@inline function recordCrossing(slot: i32, f0: u64, f1: u64, f2: u64, f3: u64): void {
  if ((nCross + 1) * 5 > crossings.length) {
    const grown = new StaticArray<u64>(crossings.length * 2);
    memory.copy(changetype<usize>(grown), changetype<usize>(crossings), <usize>crossings.length << 3);
    crossings = grown;
  }
  const p = changetype<usize>(crossings) + (<usize>(nCross * 5) << 3);
  store<u64>(p, <u64>slot);
  store<u64>(p, f0, 8);
  store<u64>(p, f1, 16);
  store<u64>(p, f2, 24);
  store<u64>(p, f3, 32);
  nCross++;
}

/**
 * UniswapV3Pool.swap on (in*, lim*): runs the loop on a copy of the scalar
 * state (into `out` and amt*), and when `commit` writes it back and flips the
 * crossed ticks' fee growth outside. A quote (commit = false) writes nothing
 * of the pool. Fails, writing nothing, with AmountSpecifiedZero,
 * InvalidPriceLimit, or an error of the math it calls.
 *
 * A step that starts on an initialized tick just crossed and runs to the next
 * tick is the same for every swap until the pool's liquidity changes: its
 * results (computeSwapStep's amounts and fee, the protocol share, the fee
 * growth) are kept in the tick's step cache and reused when the swap has
 * enough left to finish the step (see docs/math.md, "Step cache").
 */
export function swap(pool: Pool, zeroForOne: bool, commit: bool): i32 {
  if ((in0 | in1 | in2 | in3) == 0) return E_AMOUNT_SPECIFIED_ZERO;
  const s = pool.state;
  let p0 = unchecked(s[S_SQRT_PRICE]), p1 = unchecked(s[S_SQRT_PRICE + 1]), p2 = unchecked(s[S_SQRT_PRICE + 2]);
  const l0 = lim0, l1 = lim1, l2 = lim2;
  // Uniswap `SPL`: the limit is strictly beyond the price and strictly inside the ratio bounds.
  if (zeroForOne) {
    if (!(lt256(l0, l1, l2, 0, p0, p1, p2, 0) && lt256(MIN_SQRT_RATIO_0, 0, 0, 0, l0, l1, l2, 0))) return E_INVALID_PRICE_LIMIT;
  } else {
    if (!(lt256(p0, p1, p2, 0, l0, l1, l2, 0) && lt256(l0, l1, l2, 0, MAX_SQRT_RATIO_0, MAX_SQRT_RATIO_1, MAX_SQRT_RATIO_2, 0))) return E_INVALID_PRICE_LIMIT;
  }
  const exactInput = <i64>in3 >= 0;
  const ts = pool.tickSpacing;
  const bitmap = pool.bitmap;
  const tickStore = pool.ticks;
  const protocolFeePips = <u64>pool.protocolFeePips;
  const dir = zeroForOne ? 0 : 1;

  // SwapState
  let rem0 = in0, rem1 = in1, rem2 = in2, rem3 = in3; // amountSpecifiedRemaining
  let calc0: u64 = 0, calc1: u64 = 0, calc2: u64 = 0, calc3: u64 = 0; // amountCalculated
  let tick = <i32>unchecked(s[S_TICK]);
  const fgAt = zeroForOne ? S_FG0 : S_FG1;
  let fg0 = unchecked(s[fgAt]), fg1 = unchecked(s[fgAt + 1]), fg2 = unchecked(s[fgAt + 2]), fg3 = unchecked(s[fgAt + 3]);
  let pf0: u64 = 0, pf1: u64 = 0, pf2: u64 = 0, pf3: u64 = 0; // protocolFee
  let ft0: u64 = 0, ft1: u64 = 0, ft2: u64 = 0, ft3: u64 = 0; // total fee paid (protocol share included)
  let liq0 = unchecked(s[S_LIQUIDITY]), liq1 = unchecked(s[S_LIQUIDITY + 1]);
  let mk0 = unchecked(s[S_MAKER]), mk1 = unchecked(s[S_MAKER + 1]);
  let tk0 = unchecked(s[S_TAKER]), tk1 = unchecked(s[S_TAKER + 1]);
  let fee = <u32>unchecked(s[S_FEE]);
  // the fee is re-evaluated after a crossing only when a step needs it (a cached step carries its own)
  let feeStale = false;
  // slot of the initialized tick the last step crossed (its entry caches the next step), or -1
  // (then the step's entry is in pool.startSteps)
  let crossedSlot = -1;
  nCross = 0;

  // continue swapping as long as we haven't used the entire input/output and haven't reached the price limit
  while ((rem0 | rem1 | rem2 | rem3) != 0 && !(p0 == l0 && p1 == l1 && p2 == l2)) {
    const start0 = p0, start1 = p1, start2 = p2;
    let tickNext: i32;
    let initialized: bool;
    let nextSlot = -1;
    let n0: u64 = 0, n1: u64 = 0, n2: u64 = 0; // sqrt price of tickNext
    let ai0: u64, ai1: u64, ai2: u64, ai3: u64; // amountIn
    let ao0: u64, ao1: u64, ao2: u64, ao3: u64; // amountOut
    let fa0: u64, fa1: u64, fa2: u64, fa3: u64; // feeAmount
    let cached = false;
    // c: the step-cache entry of this step; usable: it holds the whole step to the next tick
    let c: usize;
    let usable = false;

    {
      let fresh: bool;
      if (crossedSlot < 0) {
        if (feeStale) {
          // the start entry is keyed by the fee (a tick crossed earlier may have changed it)
          fee = currentFee(pool, mk0, mk1, tk0, tk1);
          feeStale = false;
        }
        const bucket = (<i32>((<u32>tick * 0x9e3779b1) >>> (32 - START_BUCKET_BITS)) << 1) | dir;
        c = changetype<usize>(pool.startSteps) + (<usize>(bucket * START_ENTRY) << 3);
        fresh = load<u64>(c, E_START_PRICE << 3) == p0 && load<u64>(c, (E_START_PRICE + 1) << 3) == p1 && load<u64>(c, (E_START_PRICE + 2) << 3) == p2 && load<i64>(c, E_START_TICK << 3) == <i64>tick && load<u64>(c, E_FEE << 3) == <u64>fee;
      } else {
        c = tickStore.cachePtr(crossedSlot, dir);
        fresh = true;
      }
      fresh = fresh && load<u64>(c, E_GEN << 3) == pool.gen && load<u64>(c, E_MAKER << 3) == mk0 && load<u64>(c, (E_MAKER << 3) + 8) == mk1 && load<u64>(c, E_TAKER << 3) == tk0 && load<u64>(c, (E_TAKER << 3) + 8) == tk1;
      if (!fresh) {
        if (feeStale) {
          fee = currentFee(pool, mk0, mk1, tk0, tk1);
          feeStale = false;
        }
        // a start entry's next tick is reusable only from the same start tick (a tick's own entries
        // always start there)
        const sameStart = crossedSlot >= 0 || load<i64>(c, E_START_TICK << 3) == <i64>tick;
        fillStepCache(pool, c, tick, zeroForOne, sameStart, p0, p1, p2, mk0, mk1, tk0, tk1, liq0, liq1, fee);
        if (crossedSlot < 0) {
          store<u64>(c, p0, E_START_PRICE << 3);
          store<u64>(c, p1, (E_START_PRICE + 1) << 3);
          store<u64>(c, p2, (E_START_PRICE + 2) << 3);
          store<i64>(c, <i64>tick, E_START_TICK << 3);
        }
      }
      usable = load<u64>(c, E_USABLE << 3) != 0;
      if (usable) {
        n0 = load<u64>(c, E_TARGET << 3);
        n1 = load<u64>(c, (E_TARGET + 1) << 3);
        n2 = load<u64>(c, (E_TARGET + 2) << 3);
        // the limit comes first: not this step
        const beyond = zeroForOne ? lt256(n0, n1, n2, 0, l0, l1, l2, 0) : lt256(l0, l1, l2, 0, n0, n1, n2, 0);
        if (!beyond) {
          if (exactInput) {
            // amountRemainingLessFee >= amountIn  <=>  amountRemaining >= ceil(amountIn * 1e6 / (1e6 - fee))
            cached = !lt256(rem0, rem1, rem2, rem3, load<u64>(c, E_THRESHOLD << 3), load<u64>(c, (E_THRESHOLD + 1) << 3), load<u64>(c, (E_THRESHOLD + 2) << 3), load<u64>(c, (E_THRESHOLD + 3) << 3));
          } else {
            // -amountRemaining >= amountOut
            sub256(0, 0, 0, 0, rem0, rem1, rem2, rem3);
            cached = !lt256(r0, r1, r2, r3, load<u64>(c, E_AMOUNT_OUT << 3), load<u64>(c, (E_AMOUNT_OUT + 1) << 3), load<u64>(c, (E_AMOUNT_OUT + 2) << 3), load<u64>(c, (E_AMOUNT_OUT + 3) << 3));
          }
        }
      }
    }

    if (cached) {
      fee = <u32>load<u64>(c, E_FEE << 3);
      feeStale = false;
      tickNext = <i32>load<i64>(c, E_TICK_NEXT << 3);
      nextSlot = <i32>load<i64>(c, E_NEXT_SLOT << 3);
      initialized = nextSlot >= 0;
      p0 = n0; p1 = n1; p2 = n2;
      ai0 = load<u64>(c, E_AMOUNT_IN << 3); ai1 = load<u64>(c, (E_AMOUNT_IN + 1) << 3); ai2 = load<u64>(c, (E_AMOUNT_IN + 2) << 3); ai3 = load<u64>(c, (E_AMOUNT_IN + 3) << 3);
      ao0 = load<u64>(c, E_AMOUNT_OUT << 3); ao1 = load<u64>(c, (E_AMOUNT_OUT + 1) << 3); ao2 = load<u64>(c, (E_AMOUNT_OUT + 2) << 3); ao3 = load<u64>(c, (E_AMOUNT_OUT + 3) << 3);
      fa0 = load<u64>(c, E_FEE_AMOUNT << 3); fa1 = load<u64>(c, (E_FEE_AMOUNT + 1) << 3); fa2 = load<u64>(c, (E_FEE_AMOUNT + 2) << 3); fa3 = load<u64>(c, (E_FEE_AMOUNT + 3) << 3);
    } else {
      if (feeStale) {
        fee = currentFee(pool, mk0, mk1, tk0, tk1);
        feeStale = false;
      }
      if (usable) {
        // the entry knows the next tick, its slot and its price (n0..n2, loaded above)
        tickNext = <i32>load<i64>(c, E_TICK_NEXT << 3);
        nextSlot = <i32>load<i64>(c, E_NEXT_SLOT << 3);
        initialized = nextSlot >= 0;
      } else {
        tickNext = bitmap.nextInitializedTickWithinOneWord(tick, ts, zeroForOne);
        initialized = nextInitialized;
        // the bitmap is not aware of the tick bounds
        if (tickNext < MIN_TICK) tickNext = MIN_TICK;
        else if (tickNext > MAX_TICK) tickNext = MAX_TICK;
        if (initialized) {
          // an initialized tick keeps its sqrt price next to its step cache
          nextSlot = tickStore.find(tickNext);
          tickSqrtPrice(pool, nextSlot, tickNext);
        } else {
          getSqrtRatioAtTick(tickNext); // cannot fail: tickNext is within the bounds
        }
        n0 = r0; n1 = r1; n2 = r2;
      }
      // the step's target: the next tick's price, or the limit if the limit comes first
      const useLimit = zeroForOne ? lt256(n0, n1, n2, 0, l0, l1, l2, 0) : lt256(l0, l1, l2, 0, n0, n1, n2, 0);
      // toward the entry's target, the amount that reaches it is known (see computeSwapStep)
      const known = usable && !useLimit;
      if (known) {
        if (exactInput) {
          amountIn_0 = load<u64>(c, E_AMOUNT_IN << 3); amountIn_1 = load<u64>(c, (E_AMOUNT_IN + 1) << 3); amountIn_2 = load<u64>(c, (E_AMOUNT_IN + 2) << 3); amountIn_3 = load<u64>(c, (E_AMOUNT_IN + 3) << 3);
        } else {
          amountOut_0 = load<u64>(c, E_AMOUNT_OUT << 3); amountOut_1 = load<u64>(c, (E_AMOUNT_OUT + 1) << 3); amountOut_2 = load<u64>(c, (E_AMOUNT_OUT + 2) << 3); amountOut_3 = load<u64>(c, (E_AMOUNT_OUT + 3) << 3);
        }
      }
      const e = computeSwapStep(p0, p1, p2, useLimit ? l0 : n0, useLimit ? l1 : n1, useLimit ? l2 : n2, liq0, liq1, rem0, rem1, rem2, rem3, fee, known);
      if (e != OK) return e;
      p0 = sqrtRatioNextX96_0; p1 = sqrtRatioNextX96_1; p2 = sqrtRatioNextX96_2;
      ai0 = amountIn_0; ai1 = amountIn_1; ai2 = amountIn_2; ai3 = amountIn_3;
      ao0 = amountOut_0; ao1 = amountOut_1; ao2 = amountOut_2; ao3 = amountOut_3;
      fa0 = feeAmount_0; fa1 = feeAmount_1; fa2 = feeAmount_2; fa3 = feeAmount_3;
    }

    if (exactInput) {
      add256(ai0, ai1, ai2, ai3, fa0, fa1, fa2, fa3);
      sub256(rem0, rem1, rem2, rem3, r0, r1, r2, r3);
      rem0 = r0; rem1 = r1; rem2 = r2; rem3 = r3;
      sub256(calc0, calc1, calc2, calc3, ao0, ao1, ao2, ao3);
    } else {
      add256(rem0, rem1, rem2, rem3, ao0, ao1, ao2, ao3);
      rem0 = r0; rem1 = r1; rem2 = r2; rem3 = r3;
      add256(ai0, ai1, ai2, ai3, fa0, fa1, fa2, fa3);
      add256(calc0, calc1, calc2, calc3, r0, r1, r2, r3);
    }
    calc0 = r0; calc1 = r1; calc2 = r2; calc3 = r3;
    add256(ft0, ft1, ft2, ft3, fa0, fa1, fa2, fa3);
    ft0 = r0; ft1 = r1; ft2 = r2; ft3 = r3;

    if (cached) {
      add256(pf0, pf1, pf2, pf3, load<u64>(c, E_PROTOCOL << 3), load<u64>(c, (E_PROTOCOL + 1) << 3), load<u64>(c, (E_PROTOCOL + 2) << 3), load<u64>(c, (E_PROTOCOL + 3) << 3));
      pf0 = r0; pf1 = r1; pf2 = r2; pf3 = r3;
      add256(fg0, fg1, fg2, fg3, load<u64>(c, E_GROWTH << 3), load<u64>(c, (E_GROWTH + 1) << 3), load<u64>(c, (E_GROWTH + 2) << 3), load<u64>(c, (E_GROWTH + 3) << 3));
      fg0 = r0; fg1 = r1; fg2 = r2; fg3 = r3;
    } else {
      // the protocol's share, rounded up (the makers' part is a credit and rounds down)
      if (protocolFeePips != 0 && (fa0 | fa1 | fa2 | fa3) != 0) {
        const e = mulDivRoundingUp(fa0, fa1, fa2, fa3, protocolFeePips, 0, 0, 0, 1_000_000, 0, 0, 0);
        if (e != OK) return e;
        const d0 = r0, d1 = r1, d2 = r2, d3 = r3;
        sub256(fa0, fa1, fa2, fa3, d0, d1, d2, d3);
        fa0 = r0; fa1 = r1; fa2 = r2; fa3 = r3;
        add256(pf0, pf1, pf2, pf3, d0, d1, d2, d3);
        pf0 = r0; pf1 = r1; pf2 = r2; pf3 = r3;
      }
      // update global fee tracker (per unit of active liquidity)
      if ((liq0 | liq1) != 0) {
        const e = feeGrowthDelta(fa0, fa1, fa2, fa3, liq0, liq1);
        if (e != OK) return e;
        add256(fg0, fg1, fg2, fg3, r0, r1, r2, r3);
        fg0 = r0; fg1 = r1; fg2 = r2; fg3 = r3;
      }
    }

    crossedSlot = -1;
    // shift tick if we reached the next price
    if (p0 == n0 && p1 == n1 && p2 == n2) {
      // if the tick is initialized, run the tick transition
      if (initialized) {
        const slot = nextSlot;
        const tp = tickStore.ptr(slot);
        let mn0 = load<u64>(tp + (<usize>T_MAKER_NET << 3)), mn1 = load<u64>(tp + (<usize>T_MAKER_NET << 3), 8);
        let tn0 = load<u64>(tp + (<usize>T_TAKER_NET << 3)), tn1 = load<u64>(tp + (<usize>T_TAKER_NET << 3), 8);
        // if we're moving leftward, we interpret the nets as the opposite sign
        if (zeroForOne) {
          sub256(0, 0, 0, 0, mn0, mn1, 0, 0);
          mn0 = r0; mn1 = r1;
          sub256(0, 0, 0, 0, tn0, tn1, 0, 0);
          tn0 = r0; tn1 = r1;
        }
        mk0 = addDelta(mk0, mk1, mn0, mn1);
        if (lastError != OK) return lastError;
        mk1 = res128_hi;
        tk0 = addDelta(tk0, tk1, tn0, tn1);
        if (lastError != OK) return lastError;
        tk1 = res128_hi;
        if (sub256(mk0, mk1, 0, 0, tk0, tk1, 0, 0)) return E_LIQUIDITY_UNDERFLOW;
        liq0 = r0; liq1 = r1;
        feeStale = true;
        crossedSlot = slot;
        if (commit) recordCrossing(slot, fg0, fg1, fg2, fg3);
      }
      tick = zeroForOne ? tickNext - 1 : tickNext;
    } else if (!(p0 == start0 && p1 == start1 && p2 == start2)) {
      // recompute unless we're on a lower tick boundary (i.e. already transitioned ticks), and haven't moved
      getTickAtSqrtRatio(p0, p1, p2, 0); // cannot fail: the price is within the limits
      tick = tickResult;
    }
  }
  if (feeStale) fee = currentFee(pool, mk0, mk1, tk0, tk1);

  // (amount0, amount1) = zeroForOne == exactInput ? (specified - remaining, calculated) : (calculated, specified - remaining)
  sub256(in0, in1, in2, in3, rem0, rem1, rem2, rem3);
  if (zeroForOne == exactInput) {
    amt0_0 = r0; amt0_1 = r1; amt0_2 = r2; amt0_3 = r3;
    amt1_0 = calc0; amt1_1 = calc1; amt1_2 = calc2; amt1_3 = calc3;
  } else {
    amt1_0 = r0; amt1_1 = r1; amt1_2 = r2; amt1_3 = r3;
    amt0_0 = calc0; amt0_1 = calc1; amt0_2 = calc2; amt0_3 = calc3;
  }
  unchecked((swapFee[0] = ft0)); unchecked((swapFee[1] = ft1)); unchecked((swapFee[2] = ft2)); unchecked((swapFee[3] = ft3));
  unchecked((swapProtocolFee[0] = pf0)); unchecked((swapProtocolFee[1] = pf1)); unchecked((swapProtocolFee[2] = pf2)); unchecked((swapProtocolFee[3] = pf3));

  // The state after the swap.
  memory.copy(changetype<usize>(out), changetype<usize>(s), <usize>STATE_WORDS << 3);
  unchecked((out[S_SQRT_PRICE] = p0));
  unchecked((out[S_SQRT_PRICE + 1] = p1));
  unchecked((out[S_SQRT_PRICE + 2] = p2));
  unchecked((out[S_TICK] = <u64>(<i64>tick)));
  unchecked((out[S_MAKER] = mk0));
  unchecked((out[S_MAKER + 1] = mk1));
  unchecked((out[S_TAKER] = tk0));
  unchecked((out[S_TAKER + 1] = tk1));
  unchecked((out[S_LIQUIDITY] = liq0));
  unchecked((out[S_LIQUIDITY + 1] = liq1));
  unchecked((out[S_FEE] = <u64>fee));
  unchecked((out[fgAt] = fg0));
  unchecked((out[fgAt + 1] = fg1));
  unchecked((out[fgAt + 2] = fg2));
  unchecked((out[fgAt + 3] = fg3));
  const pfAt = zeroForOne ? S_PF0 : S_PF1;
  add256(unchecked(s[pfAt]), unchecked(s[pfAt + 1]), unchecked(s[pfAt + 2]), unchecked(s[pfAt + 3]), pf0, pf1, pf2, pf3);
  unchecked((out[pfAt] = r0));
  unchecked((out[pfAt + 1] = r1));
  unchecked((out[pfAt + 2] = r2));
  unchecked((out[pfAt + 3] = r3));

  if (commit) {
    // Tick.cross for every crossed tick: the input token's global as it was at
    // the crossing, the other token's (unchanged by this swap) from the state.
    const other = sAt(s, zeroForOne ? S_FG1 : S_FG0);
    for (let i = 0; i < nCross; i++) {
      const cr = changetype<usize>(crossings) + (<usize>(i * 5) << 3);
      const tp = tickStore.ptr(<i32>load<u64>(cr));
      if (zeroForOne) crossFeeGrowth(tp, cr + 8, other);
      else crossFeeGrowth(tp, other, cr + 8);
    }
    memory.copy(changetype<usize>(s), changetype<usize>(out), <usize>STATE_WORDS << 3);
  }
  return OK;
}

// ---------------------------------------------------------------- step cache
// Entry layout (CACHE_ENTRY limbs, see Tick.ts): the step from the tick's price
// to the next tick in one direction, for the pool generation and the maker and
// taker liquidity it was computed with.
const E_GEN: i32 = 0; // pool generation (0: empty)
const E_MAKER: i32 = 1; // maker liquidity of the step (2 limbs)
const E_TAKER: i32 = 3; // taker liquidity of the step (2 limbs)
const E_USABLE: i32 = 5; // 1 when the step can be taken from the cache
const E_FEE: i32 = 6; // fee pips of the step
const E_TICK_NEXT: i32 = 7; // the step's tickNext
const E_NEXT_SLOT: i32 = 8; // slot of tickNext when initialized, else -1
const E_TARGET: i32 = 9; // sqrt price of tickNext (3 limbs)
const E_THRESHOLD: i32 = 12; // least exact-input amountRemaining that finishes the step (4 limbs)
const E_AMOUNT_IN: i32 = 16; // computeSwapStep amountIn (4 limbs)
const E_AMOUNT_OUT: i32 = 20; // computeSwapStep amountOut (4 limbs)
const E_FEE_AMOUNT: i32 = 24; // computeSwapStep feeAmount (4 limbs)
const E_PROTOCOL: i32 = 28; // protocol share of feeAmount (4 limbs)
const E_GROWTH: i32 = 32; // fee growth increment of the step (4 limbs)
// In the leftward entry only, kept across generations (a tick's price never changes):
const E_SQRT: i32 = 36; // getSqrtRatioAtTick of the slot's tick (3 limbs)
const E_SQRT_OK: i32 = 39; // 1 once E_SQRT is set
const E_TICK_GEN: i32 = 40; // pool.tickGen when E_TICK_NEXT, E_NEXT_SLOT and E_TARGET were found
// In the start entries (Pool.startSteps) only:
const E_START_PRICE: i32 = 41; // sqrt price the step starts from (3 limbs)
const E_START_TICK: i32 = 44; // tick the step starts from
const START_ENTRY: i32 = 45;
const START_BUCKET_BITS: i32 = 4;
const START_BUCKETS: i32 = 1 << START_BUCKET_BITS;

/**
 * Computes the full step from price p (the price of a tick just crossed, the
 * loop's tick state `tick`) to the next initialized tick or word boundary, with
 * Uniswap's own functions, and stores it at `c`. A step that a large enough
 * swap would not finish (never in practice) is stored as unusable.
 */
function fillStepCache(pool: Pool, c: usize, tick: i32, zeroForOne: bool, sameStart: bool, p0: u64, p1: u64, p2: u64, mk0: u64, mk1: u64, tk0: u64, tk1: u64, liq0: u64, liq1: u64, fee: u32): void {
  store<u64>(c, pool.gen, E_GEN << 3);
  store<u64>(c, mk0, E_MAKER << 3);
  store<u64>(c, mk1, (E_MAKER + 1) << 3);
  store<u64>(c, tk0, E_TAKER << 3);
  store<u64>(c, tk1, (E_TAKER + 1) << 3);
  store<u64>(c, 0, E_USABLE << 3);
  store<u64>(c, <u64>fee, E_FEE << 3);
  // The next tick, its slot and price depend only on where the step starts and on which ticks
  // are initialized: kept from an earlier fill while neither changed (E_TICK_GEN is 0 until then).
  let n0: u64, n1: u64, n2: u64;
  if (load<u64>(c, E_TICK_GEN << 3) == pool.tickGen && sameStart) {
    n0 = load<u64>(c, E_TARGET << 3);
    n1 = load<u64>(c, (E_TARGET + 1) << 3);
    n2 = load<u64>(c, (E_TARGET + 2) << 3);
  } else {
    let tickNext = pool.bitmap.nextInitializedTickWithinOneWord(tick, pool.tickSpacing, zeroForOne);
    const initialized = nextInitialized;
    if (tickNext < MIN_TICK) tickNext = MIN_TICK;
    else if (tickNext > MAX_TICK) tickNext = MAX_TICK;
    store<i64>(c, <i64>tickNext, E_TICK_NEXT << 3);
    const nextSlot = initialized ? pool.ticks.find(tickNext) : -1;
    store<i64>(c, <i64>nextSlot, E_NEXT_SLOT << 3);
    if (nextSlot >= 0) tickSqrtPrice(pool, nextSlot, tickNext);
    else getSqrtRatioAtTick(tickNext);
    n0 = r0; n1 = r1; n2 = r2;
    store<u64>(c, n0, E_TARGET << 3);
    store<u64>(c, n1, (E_TARGET + 1) << 3);
    store<u64>(c, n2, (E_TARGET + 2) << 3);
    store<u64>(c, pool.tickGen, E_TICK_GEN << 3);
  }
  // The whole step: what any amount at least amountIn + feeAmount gives (exact input), or
  // at least amountOut (exact output). A step no amount finishes (fee of 100%) is unusable.
  if (computeSwapStepToTarget(p0, p1, p2, n0, n1, n2, liq0, liq1, fee) != OK) return;
  const ai0 = amountIn_0, ai1 = amountIn_1, ai2 = amountIn_2, ai3 = amountIn_3;
  let fa0 = feeAmount_0, fa1 = feeAmount_1, fa2 = feeAmount_2, fa3 = feeAmount_3;
  putLimbs(c, E_AMOUNT_IN, ai0, ai1, ai2, ai3);
  putLimbs(c, E_AMOUNT_OUT, amountOut_0, amountOut_1, amountOut_2, amountOut_3);
  putLimbs(c, E_FEE_AMOUNT, fa0, fa1, fa2, fa3);
  // floor(rem * (1e6 - fee) / 1e6) >= amountIn  <=>  rem * (1e6 - fee) >= amountIn * 1e6  <=>
  // rem >= ceil(amountIn * 1e6 / (1e6 - fee)) = amountIn + ceil(amountIn * fee / (1e6 - fee)),
  // which is amountIn + feeAmount
  if (add256(ai0, ai1, ai2, ai3, fa0, fa1, fa2, fa3)) setR(~(<u64>0), ~(<u64>0), ~(<u64>0), ~(<u64>0));
  putLimbs(c, E_THRESHOLD, r0, r1, r2, r3);
  let d0: u64 = 0, d1: u64 = 0, d2: u64 = 0, d3: u64 = 0;
  const protocolFeePips = <u64>pool.protocolFeePips;
  if (protocolFeePips != 0 && (fa0 | fa1 | fa2 | fa3) != 0) {
    if (mulDivRoundingUp(fa0, fa1, fa2, fa3, protocolFeePips, 0, 0, 0, 1_000_000, 0, 0, 0) != OK) return;
    d0 = r0; d1 = r1; d2 = r2; d3 = r3;
    sub256(fa0, fa1, fa2, fa3, d0, d1, d2, d3);
    fa0 = r0; fa1 = r1; fa2 = r2; fa3 = r3;
  }
  putLimbs(c, E_PROTOCOL, d0, d1, d2, d3);
  let g0: u64 = 0, g1: u64 = 0, g2: u64 = 0, g3: u64 = 0;
  if ((liq0 | liq1) != 0) {
    if (feeGrowthDelta(fa0, fa1, fa2, fa3, liq0, liq1) != OK) return;
    g0 = r0; g1 = r1; g2 = r2; g3 = r3;
  }
  putLimbs(c, E_GROWTH, g0, g1, g2, g3);
  store<u64>(c, 1, E_USABLE << 3);
}

/** getSqrtRatioAtTick of the initialized tick at `slot` into r0..r2, kept with the tick. */
function tickSqrtPrice(pool: Pool, slot: i32, tick: i32): void {
  const sp = pool.ticks.cachePtr(slot, 0);
  if (load<u64>(sp, E_SQRT_OK << 3) == 0) {
    getSqrtRatioAtTick(tick); // cannot fail: an initialized tick is within the bounds
    store<u64>(sp, r0, E_SQRT << 3);
    store<u64>(sp, r1, (E_SQRT + 1) << 3);
    store<u64>(sp, r2, (E_SQRT + 2) << 3);
    store<u64>(sp, 1, E_SQRT_OK << 3);
    return;
  }
  setR(load<u64>(sp, E_SQRT << 3), load<u64>(sp, (E_SQRT + 1) << 3), load<u64>(sp, (E_SQRT + 2) << 3), 0);
}

/**
 * FullMath.mulDiv(feeAmount, 2^128, liquidity) into r0..r3.
 * @dev Equivalent to `mulDiv(feeAmount, Q128, liquidity)`: when feeAmount < 2^128 the
 * product is feeAmount << 128 and fits 256 bits, so one 256-bit division gives the same floor.
 */
// @ts-ignore: decorator
@inline function feeGrowthDelta(fa0: u64, fa1: u64, fa2: u64, fa3: u64, liq0: u64, liq1: u64): i32 {
  if ((fa2 | fa3) == 0) {
    divRem256(0, 0, fa0, fa1, liq0, liq1, 0, 0); // liquidity != 0: cannot fail
    return OK;
  }
  return mulDiv(fa0, fa1, fa2, fa3, 0, 0, 1, 0, liq0, liq1, 0, 0);
}

// @ts-ignore: decorator
@inline function putLimbs(c: usize, at: i32, a0: u64, a1: u64, a2: u64, a3: u64): void {
  const p = c + (<usize>at << 3);
  store<u64>(p, a0);
  store<u64>(p, a1, 8);
  store<u64>(p, a2, 16);
  store<u64>(p, a3, 24);
}

// ---------------------------------------------------------------- positions' view

/** Results of amountsForLiquidity (4 limbs each). */
export const amounts0 = new StaticArray<u64>(4);
export const amounts1 = new StaticArray<u64>(4);

/**
 * The token amounts of `liquidity` over [tickLower, tickUpper) at the current
 * price, as Uniswap's _modifyPosition computes them (roundUp: as for a mint;
 * otherwise as for a burn): LiquidityAmounts.getAmountsForLiquidity, chosen on
 * the sqrt price, which equals the choice on the tick at the pool's own price.
 * InvalidTickRange.
 */
export function amountsForLiquidity(pool: Pool, tickLower: i32, tickUpper: i32, lo: u64, hi: u64, roundUp: bool): i32 {
  const e = checkRange(pool, tickLower, tickUpper);
  if (e != OK) return e;
  const s = pool.state;
  const p0 = unchecked(s[S_SQRT_PRICE]), p1 = unchecked(s[S_SQRT_PRICE + 1]), p2 = unchecked(s[S_SQRT_PRICE + 2]);
  getSqrtRatioAtTick(tickLower);
  const a0 = r0, a1 = r1, a2 = r2;
  getSqrtRatioAtTick(tickUpper);
  return getAmountsForLiquidity(p0, p1, p2, a0, a1, a2, r0, r1, r2, lo, hi, roundUp, amounts0, amounts1);
}

/** Fee growth inside [tickLower, tickUpper) for both tokens -> out[0..3], out[4..7]. InvalidTickRange. */
export function feeGrowthInsideOf(pool: Pool, tickLower: i32, tickUpper: i32, out_: usize): i32 {
  const e = checkRange(pool, tickLower, tickUpper);
  if (e != OK) return e;
  const pl = pool.ticks.ptrOf(tickLower);
  const pu = pool.ticks.ptrOf(tickUpper);
  const tick = <i32>unchecked(pool.state[S_TICK]);
  feeGrowthInside(pl, pu, T_FGO0, tickLower, tickUpper, tick, sAt(pool.state, S_FG0), out_);
  feeGrowthInside(pl, pu, T_FGO1, tickLower, tickUpper, tick, sAt(pool.state, S_FG1), out_ + 32);
  return OK;
}
