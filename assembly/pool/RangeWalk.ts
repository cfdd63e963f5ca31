// The range walk of take and burn (TwoSidedPool's PremiumWalk checks): the
// taker cap and the reserved liquidity at every price of a range.

import { add256, lte256, mul256, sub256 } from "../libraries/U256";
import { r0, r1, r2 } from "../registers";
import { Pool } from "./State";
import { T_MAKER_NET, T_TAKER_NET } from "../layout";

/** Checks of the range walk (TwoSidedPool's PremiumWalk.CHECK_*). */
export const CHECK_CAP: i32 = 1; // take: (taker + L) * 1e6 <= maker * takerCapPips at every price of the range
export const CHECK_RESERVED: i32 = 2; // burn: taker <= maker - L at every price of the range where maker >= L

/**
 * Runs `check` for `lo/hi` = L at every price in [tickLower, tickUpper).
 * Maker and taker liquidity at a price are the sums of the nets of the
 * initialized ticks at or below it, so one ascending walk over the bitmap
 * visits each piece of the range once.
 */
export function walkCheck(pool: Pool, tickLower: i32, tickUpper: i32, lo: u64, hi: u64, check: i32): bool {
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
