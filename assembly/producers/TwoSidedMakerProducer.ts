// Twin of contracts/producers/TwoSidedMakerProducer.sol's `_recordAt`: credits = the maker position's token amounts at
// the valuation price plus the fees and premiums owed to it (both rounded down, TwoSidedPoolLens.makerValueAt); no
// debt; delta 0. Tokens are (token0, token1).

import { E_ARITHMETIC_OVERFLOW, OK } from "../errors";
import { MO_AMOUNT0, MO_AMOUNT1, MO_OWED0, MO_OWED1, RO_CREDIT0, RO_CREDIT1 } from "../layout";
import { Pool } from "../pool/Pool";
import { PremiumLedger } from "../libraries/PremiumLedger";
import { makerValueAt } from "../TwoSidedPoolLens";
import { add256 } from "../libraries/U256";
import { r0, r1, r2, r3 } from "../registers";

const v = new StaticArray<u64>(16);

/** The Record of the maker position at `pos` (layout MK_*) at sqrt price (p0..p2), written at `out` (layout RO_*). */
export function _recordAt(pool: Pool, l: PremiumLedger, tickLower: i32, tickUpper: i32, pos: usize, p0: u64, p1: u64, p2: u64, out: usize): i32 {
  const vp = changetype<usize>(v);
  const e = makerValueAt(pool, l, tickLower, tickUpper, pos, p0, p1, p2, vp);
  if (e != OK) return e;
  memory.fill(out, 0, 24 << 3);
  if (!checkedSum(out + (<usize>RO_CREDIT0 << 3), vp + (<usize>MO_AMOUNT0 << 3), vp + (<usize>MO_OWED0 << 3))) return E_ARITHMETIC_OVERFLOW;
  if (!checkedSum(out + (<usize>RO_CREDIT1 << 3), vp + (<usize>MO_AMOUNT1 << 3), vp + (<usize>MO_OWED1 << 3))) return E_ARITHMETIC_OVERFLOW;
  return OK;
}

/** *dst = *a + *b (uint256, 4 limbs); false when the sum overflows (Solidity's checked `+`: Panic 0x11). */
export function checkedSum(dst: usize, a: usize, b: usize): bool {
  if (add256(load<u64>(a), load<u64>(a, 8), load<u64>(a, 16), load<u64>(a, 24), load<u64>(b), load<u64>(b, 8), load<u64>(b, 16), load<u64>(b, 24))) return false;
  store<u64>(dst, r0);
  store<u64>(dst, r1, 8);
  store<u64>(dst, r2, 16);
  store<u64>(dst, r3, 24);
  return true;
}
