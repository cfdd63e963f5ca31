// Twin of contracts/libraries/TickMath.sol (Uniswap V3 TickMath).
// Prices as Q64.96 square roots of 1.0001^tick, for ticks in [MIN_TICK, MAX_TICK].
// Where Solidity multiplies uint256 values, the factors here are known to fit
// 128 bits, so only the high 128 bits of a 128x128 product are formed
// (U256.umulh on 32-bit halves). getTickAtSqrtRatio keeps the twin's structure
// with a cheaper estimate of the log (f64), see its comment. Results follow
// U256.ts: error code returned, value in r0..r3.

import { E_INVALID_SQRT_PRICE, E_INVALID_TICK, OK } from "../errors";
import { divRem256, lte256, setR, umulh } from "./U256";

/** The minimum tick that may be passed to getSqrtRatioAtTick, from log base 1.0001 of 2^-128. */
export const MIN_TICK: i32 = -887272;
/** The maximum tick that may be passed to getSqrtRatioAtTick, from log base 1.0001 of 2^128. */
export const MAX_TICK: i32 = 887272;
/** getSqrtRatioAtTick(MIN_TICK) = 4295128739 (one limb). */
export const MIN_SQRT_RATIO_0: u64 = 0x1000276a3;
/** getSqrtRatioAtTick(MAX_TICK) = 1461446703485210103287273052203988822378723970342, as limbs 0..2. */
export const MAX_SQRT_RATIO_0: u64 = 0x5d951d5263988d26;
export const MAX_SQRT_RATIO_1: u64 = 0xefd1fc6a50648849;
export const MAX_SQRT_RATIO_2: u64 = 0xfffd8963;

// 2^128 / sqrt(1.0001)^(2^i) as Q128 (lo, hi) for i = 0..19: the factors of getSqrtRatioAtTick.
const RATIOS: usize = memory.data<u64>([
  0xaa2d162d1a594001, 0xfffcb933bd6fad37, // bit 0: 0xfffcb933bd6fad37aa2d162d1a594001
  0x59a46990580e213a, 0xfff97272373d4132, // bit 1: 0xfff97272373d413259a46990580e213a
  0xef12357cf3c7fdcc, 0xfff2e50f5f656932, // bit 2: 0xfff2e50f5f656932ef12357cf3c7fdcc
  0x1c3624eaa0941cd0, 0xffe5caca7e10e4e6, // bit 3: 0xffe5caca7e10e4e61c3624eaa0941cd0
  0xc9db58835c926644, 0xffcb9843d60f6159, // bit 4: 0xffcb9843d60f6159c9db58835c926644
  0x472e6896dfb254c0, 0xff973b41fa98c081, // bit 5: 0xff973b41fa98c081472e6896dfb254c0
  0x43ec78b326b52861, 0xff2ea16466c96a38, // bit 6: 0xff2ea16466c96a3843ec78b326b52861
  0x11c461f1969c3053, 0xfe5dee046a99a2a8, // bit 7: 0xfe5dee046a99a2a811c461f1969c3053
  0xdcffc83b479aa3a4, 0xfcbe86c7900a88ae, // bit 8: 0xfcbe86c7900a88aedcffc83b479aa3a4
  0x6f2b074cf7815e54, 0xf987a7253ac41317, // bit 9: 0xf987a7253ac413176f2b074cf7815e54
  0x940c7a398e4b70f3, 0xf3392b0822b70005, // bit 10: 0xf3392b0822b70005940c7a398e4b70f3
  0x43b29c7fa6e889d9, 0xe7159475a2c29b74, // bit 11: 0xe7159475a2c29b7443b29c7fa6e889d9
  0x845ad8f792aa5825, 0xd097f3bdfd2022b8, // bit 12: 0xd097f3bdfd2022b8845ad8f792aa5825
  0x8a65dc1f90e061e5, 0xa9f746462d870fdf, // bit 13: 0xa9f746462d870fdf8a65dc1f90e061e5
  0x90bb3df62baf32f7, 0x70d869a156d2a1b8, // bit 14: 0x70d869a156d2a1b890bb3df62baf32f7
  0x81231505542fcfa6, 0x31be135f97d08fd9, // bit 15: 0x31be135f97d08fd981231505542fcfa6
  0xc677de54f3e99bc9, 0x09aa508b5b7a84e1, // bit 16: 0x9aa508b5b7a84e1c677de54f3e99bc9
  0x6699c329225ee604, 0x005d6af8dedb8119, // bit 17: 0x5d6af8dedb81196699c329225ee604
  0x1ea926041bedfe98, 0x00002216e584f5fa, // bit 18: 0x2216e584f5fa1ea926041bedfe98
  0x91f7dc42444e8fa2, 0x00000000048a1703, // bit 19: 0x48a170391f7dc42444e8fa2
]);

/** High limb of the last mulShift128 result. */
let mulShiftHi: u64 = 0;

/**
 * (ratio * c) >> 128 for a ratio and a factor below 2^128: the high 128 bits of a 128x128
 * product (Solidity: `(ratio * c) >> 128` in uint256). Returns the low limb; high in mulShiftHi.
 */
// @ts-ignore: decorator
@inline function mulShift128(lo: u64, hi: u64, cLo: u64, cHi: u64): u64 {
  const llH = umulh(lo, cLo);
  const lh = lo * cHi;
  const lhH = umulh(lo, cHi);
  const hl = hi * cLo;
  const hlH = umulh(hi, cLo);
  const hh = hi * cHi;
  const hhH = umulh(hi, cHi);
  // word 1 = llH + lh + hl; only its carries matter
  let w1 = llH + lh;
  let c: u64 = u64(w1 < lh);
  w1 += hl;
  c += u64(w1 < hl);
  // word 2 = lhH + hlH + hh + c, word 3 = hhH + carries
  let w2 = lhH + hlH;
  let c2: u64 = u64(w2 < hlH);
  w2 += hh;
  c2 += u64(w2 < hh);
  w2 += c;
  c2 += u64(w2 < c);
  mulShiftHi = hhH + c2;
  return w2;
}

// The ratio after the low LOW_BITS bits of |tick|, for each of their 2^LOW_BITS values: the same
// products, in the same order, as the bit-by-bit loop (so bit-exact), built once on first use.
// Entry v = entry[v without its top bit] * factor[top bit] >> 128, because the loop applies the
// highest of the low bits last. Entry 0 stands for 2^128 (no low bit set) and is not used.
const LOW_BITS: u32 = 10;
const LOW_TABLE: usize = memory.data(<i32>(1 << LOW_BITS) * 16, 16);
let lowTableBuilt = false;

function buildLowTable(): void {
  store<u64>(LOW_TABLE + 16, load<u64>(RATIOS));
  store<u64>(LOW_TABLE + 16, load<u64>(RATIOS, 8), 8);
  for (let v: u32 = 2; v < (<u32>1 << LOW_BITS); v++) {
    const top: u32 = 31 - clz(v);
    const rest = v & ~(<u32>1 << top);
    const f = RATIOS + (<usize>top << 4);
    if (rest == 0) {
      // (2^128 * c) >> 128 = c
      store<u64>(LOW_TABLE + (<usize>v << 4), load<u64>(f));
      store<u64>(LOW_TABLE + (<usize>v << 4), load<u64>(f, 8), 8);
    } else {
      const p = LOW_TABLE + (<usize>rest << 4);
      const lo = mulShift128(load<u64>(p), load<u64>(p, 8), load<u64>(f), load<u64>(f, 8));
      store<u64>(LOW_TABLE + (<usize>v << 4), lo);
      store<u64>(LOW_TABLE + (<usize>v << 4), mulShiftHi, 8);
    }
  }
  lowTableBuilt = true;
}

/**
 * Calculates sqrt(1.0001^tick) * 2^96.
 * @dev Fails with InvalidTick when |tick| > MAX_TICK (Uniswap `T`).
 * Equivalent to Uniswap's loop over the 20 bits of |tick|; the first LOW_BITS steps come from a
 * table of their exact results. Result (a uint160) in r0..r2, r3 = 0.
 */
export function getSqrtRatioAtTick(tick: i32): i32 {
  const absTick: u32 = tick < 0 ? <u32>(-tick) : <u32>tick;
  if (absTick > <u32>MAX_TICK) return E_INVALID_TICK;
  if (!lowTableBuilt) buildLowTable();

  // ratio is a Q128.128 below 2^128, except the starting value 2^128 (tracked by `one`).
  let lo: u64 = 0, hi: u64 = 0;
  let one = true;
  const low = absTick & ((<u32>1 << LOW_BITS) - 1);
  if (low != 0) {
    const p = LOW_TABLE + (<usize>low << 4);
    lo = load<u64>(p);
    hi = load<u64>(p, 8);
    one = false;
  }
  for (let i: u32 = LOW_BITS; i < 20; i++) {
    if ((absTick & (<u32>1 << i)) == 0) continue;
    const cLo = load<u64>(RATIOS + (<usize>i << 4));
    const cHi = load<u64>(RATIOS + (<usize>i << 4), 8);
    if (one) {
      // (2^128 * c) >> 128 = c
      lo = cLo;
      hi = cHi;
      one = false;
      continue;
    }
    // ratio = (ratio * c) >> 128
    lo = mulShift128(lo, hi, cLo, cHi);
    hi = mulShiftHi;
  }
  if (one) {
    // tick == 0: ratio = 2^128, sqrtPriceX96 = 2^96
    setR(0, 1 << 32, 0, 0);
    return OK;
  }

  let x0 = lo, x1 = hi, x2: u64 = 0, x3: u64 = 0;
  if (tick > 0) {
    // ratio = type(uint256).max / ratio
    divRem256(~(<u64>0), ~(<u64>0), ~(<u64>0), ~(<u64>0), lo, hi, 0, 0);
    x0 = r0;
    x1 = r1;
    x2 = r2;
    x3 = r3;
  }
  // Back to Q64.96, rounding up: (ratio >> 32) + (ratio % 2^32 == 0 ? 0 : 1).
  // The result always fits 160 bits.
  let s0 = (x0 >> 32) | (x1 << 32);
  let s1 = (x1 >> 32) | (x2 << 32);
  let s2 = (x2 >> 32) | (x3 << 32);
  if ((x0 & 0xffffffff) != 0) {
    s0 += 1;
    if (s0 == 0) {
      s1 += 1;
      if (s1 == 0) s2 += 1;
    }
  }
  setR(s0, s1, s2, 0);
  return OK;
}

const TWO64: f64 = 18446744073709551616.0;
const TWO128: f64 = TWO64 * TWO64;
/** ln(2^96): sqrtPriceX96 is a Q64.96. */
const LN_Q96: f64 = 96 * Math.LN2;
/** 1 / ln(sqrt(1.0001)): ticks per unit of ln(sqrt price). */
const INV_LN_SQRT10001: f64 = 2 / Math.log(1.0001);
/** Distance to an integer below which the f64 tick is not trusted. */
const NEAR: f64 = 1e-4;

import { tickResult, r0, r1, r2, r3 } from "../registers";

/**
 * Calculates the greatest tick such that getSqrtRatioAtTick(tick) <= sqrtPriceX96.
 * @dev Fails with InvalidSqrtPrice unless MIN_SQRT_RATIO <= sqrtPriceX96 < MAX_SQRT_RATIO
 * (Uniswap `R`). The price is four limbs (a uint160 has p3 = 0 and p2 < 2^32).
 * The tick is left in `tickResult`.
 * Same structure as the Solidity twin (estimate the log, keep one or two candidate ticks,
 * check the higher one against getSqrtRatioAtTick), with the estimate taken from an f64
 * logarithm instead of 14 squarings of a Q128.128: it is within 2e-9 of the real tick, and
 * getSqrtRatioAtTick(t) is within 5e-6 of a tick of the exact ratio, so a floor more than 1e-4
 * from an integer is the only candidate. Bounds in docs/math.md, "TickMath".
 */
export function getTickAtSqrtRatio(p0: u64, p1: u64, p2: u64, p3: u64): i32 {
  if (p3 != 0 || (p1 | p2) == 0 && p0 < MIN_SQRT_RATIO_0) return E_INVALID_SQRT_PRICE;
  if (lte256(MAX_SQRT_RATIO_0, MAX_SQRT_RATIO_1, MAX_SQRT_RATIO_2, 0, p0, p1, p2, 0)) return E_INVALID_SQRT_PRICE;

  // log_sqrt10001(sqrtPriceX96 / 2^96), as a real number
  const x = (Math.log(<f64>p2 * TWO128 + <f64>p1 * TWO64 + <f64>p0) - LN_Q96) * INV_LN_SQRT10001;
  const k = Math.floor(x);
  const frac = x - k;
  let tickLow: i32, tickHi: i32;
  if (frac > NEAR && frac < 1 - NEAR) {
    tickLow = tickHi = <i32>k;
  } else {
    // near an integer: it or the tick below
    tickHi = frac < 0.5 ? <i32>k : <i32>k + 1;
    if (tickHi > MAX_TICK) tickHi = MAX_TICK;
    tickLow = tickHi - 1;
  }

  if (tickLow == tickHi) {
    tickResult = tickLow;
  } else {
    getSqrtRatioAtTick(tickHi);
    tickResult = lte256(r0, r1, r2, r3, p0, p1, p2, 0) ? tickHi : tickLow;
  }
  return OK;
}
