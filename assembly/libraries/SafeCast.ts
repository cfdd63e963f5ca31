// Twin of contracts/libraries/SafeCast.sol (Uniswap V3 SafeCast).
// Checked narrowing casts on U256 limbs. Each returns OK (the value, unchanged,
// in r0..r3) or SafeCastOverflow when it does not fit the target type.

import { E_SAFE_CAST_OVERFLOW, OK } from "../errors";
import { setR } from "./U256";

/** Cast a uint256 to a uint160, failing with SafeCastOverflow above 2^160-1. */
export function toUint160(y0: u64, y1: u64, y2: u64, y3: u64): i32 {
  if (y3 != 0 || y2 > 0xffffffff) return E_SAFE_CAST_OVERFLOW;
  setR(y0, y1, y2, 0);
  return OK;
}

/** Cast an int256 to an int128, failing with SafeCastOverflow outside [-2^127, 2^127-1]. */
export function toInt128(y0: u64, y1: u64, y2: u64, y3: u64): i32 {
  // fits when limbs 2 and 3 are the sign extension of bit 127
  const ext: u64 = <u64>(<i64>y1 >> 63);
  if (y2 != ext || y3 != ext) return E_SAFE_CAST_OVERFLOW;
  setR(y0, y1, y2, y3);
  return OK;
}

/** Cast a uint256 to an int256, failing with SafeCastOverflow at or above 2^255. */
export function toInt256(y0: u64, y1: u64, y2: u64, y3: u64): i32 {
  if (<i64>y3 < 0) return E_SAFE_CAST_OVERFLOW;
  setR(y0, y1, y2, y3);
  return OK;
}
