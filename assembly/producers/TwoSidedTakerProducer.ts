// Twin of contracts/producers/TwoSidedTakerProducer.sol's `_recordAt`: credit = the tokens lent for the taker (with
// interest), debt = the return amounts at the valuation price (rounded up) plus the fees and premiums owed, delta =
// how much the return amounts grow when the price at the valuation tick moves `deltaTicks` down (token0) or up
// (token1), each at least 0 (`priceMoveDeltaAt`).

import { E_ARITHMETIC_OVERFLOW, OK } from "../errors";
import {
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
  TK_LIQUIDITY,
} from "../layout";
import { Pool } from "../pool/Pool";
import { PremiumLedger } from "../libraries/PremiumLedger";
import { getAmountsForTicks } from "../libraries/LiquidityAmounts";
import { getSqrtRatioAtTick, MAX_TICK, MIN_TICK } from "../libraries/TickMath";
import { lt256, sub256 } from "../libraries/U256";
import { takerValueAt } from "../TwoSidedPoolLens";
import { checkedSum } from "./TwoSidedMakerProducer";
import { r0, r1, r2, r3 } from "../registers";

const v = new StaticArray<u64>(24);

/**
 * The Record of the taker position at `pos` (layout TK_*) at sqrt price (p0..p2) whose tick is `tick`, with the pool's
 * `deltaTicks`, written at `out` (layout RO_*).
 */
export function _recordAt(pool: Pool, l: PremiumLedger, tickLower: i32, tickUpper: i32, pos: usize, p0: u64, p1: u64, p2: u64, tick: i32, deltaTicks: i32, out: usize): i32 {
  const vp = changetype<usize>(v);
  let e = takerValueAt(pool, l, tickLower, tickUpper, pos, p0, p1, p2, vp);
  if (e != OK) return e;
  memory.copy(out + (<usize>RO_CREDIT0 << 3), vp + (<usize>TO_LENT0 << 3), 4 << 3);
  memory.copy(out + (<usize>RO_CREDIT1 << 3), vp + (<usize>TO_LENT1 << 3), 4 << 3);
  if (!checkedSum(out + (<usize>RO_DEBT0 << 3), vp + (<usize>TO_RETURN0 << 3), vp + (<usize>TO_DEBT0 << 3))) return E_ARITHMETIC_OVERFLOW;
  if (!checkedSum(out + (<usize>RO_DEBT1 << 3), vp + (<usize>TO_RETURN1 << 3), vp + (<usize>TO_DEBT1 << 3))) return E_ARITHMETIC_OVERFLOW;
  const l0 = load<u64>(pos + (<usize>TK_LIQUIDITY << 3)), l1 = load<u64>(pos + (<usize>TK_LIQUIDITY << 3), 8);
  return priceMoveDeltaAt(deltaTicks, tick, tickLower, tickUpper, l0, l1, vp + (<usize>TO_RETURN0 << 3), vp + (<usize>TO_RETURN1 << 3), out + (<usize>RO_DELTA0 << 3), out + (<usize>RO_DELTA1 << 3));
}

/**
 * Growth of the return amounts (`now0`, `now1`: 4 limbs each) when the price at `tick` moves `deltaTicks` down
 * (token0) or up (token1): the moved prices are getSqrtRatioAtTick(tick -/+ deltaTicks), clamped to the tick range, the
 * amounts at them rounded up. Written at d0, d1.
 */
export function priceMoveDeltaAt(deltaTicks: i32, tick: i32, tickLower: i32, tickUpper: i32, l0: u64, l1: u64, now0: usize, now1: usize, d0: usize, d1: usize): i32 {
  memory.fill(d0, 0, 4 << 3);
  memory.fill(d1, 0, 4 << 3);
  if ((l0 | l1) == 0) return OK;
  let down = <i64>tick - <i64>deltaTicks;
  let up = <i64>tick + <i64>deltaTicks;
  if (down < <i64>MIN_TICK) down = MIN_TICK;
  if (up > <i64>MAX_TICK) up = MAX_TICK;
  let e = getSqrtRatioAtTick(<i32>down);
  if (e != OK) return e;
  e = getAmountsForTicks(r0, r1, r2, tickLower, tickUpper, l0, l1, true, a0, a1);
  if (e != OK) return e;
  growth(d0, changetype<usize>(a0), now0);
  e = getSqrtRatioAtTick(<i32>up);
  if (e != OK) return e;
  e = getAmountsForTicks(r0, r1, r2, tickLower, tickUpper, l0, l1, true, a0, a1);
  if (e != OK) return e;
  growth(d1, changetype<usize>(a1), now1);
  return OK;
}

/** *d = a > now ? a - now : 0. */
function growth(d: usize, a: usize, now: usize): void {
  const x0 = load<u64>(a), x1 = load<u64>(a, 8), x2 = load<u64>(a, 16), x3 = load<u64>(a, 24);
  const n0 = load<u64>(now), n1 = load<u64>(now, 8), n2 = load<u64>(now, 16), n3 = load<u64>(now, 24);
  if (!lt256(n0, n1, n2, n3, x0, x1, x2, x3)) return;
  sub256(x0, x1, x2, x3, n0, n1, n2, n3);
  store<u64>(d, r0);
  store<u64>(d, r1, 8);
  store<u64>(d, r2, 16);
  store<u64>(d, r3, 24);
}

const a0 = new StaticArray<u64>(4);
const a1 = new StaticArray<u64>(4);
