// Twin of contracts/libraries/UnsafeMath.sol (Uniswap V3 UnsafeMath).
// Convention as in U256.ts: limbs in, result in U256's r0..r3.

import { m0, m1, m2, m3, r0, r1, r2, r3 } from "../registers";
import { add256, divRem256, setR } from "./U256";

/**
 * Returns ceil(x / y) in r0..r3.
 * @dev Equivalent to `x / y + (x % y > 0 ? 1 : 0)`. Like Solidity's `div` in
 * assembly, y == 0 gives 0 (callers never pass 0). Cannot overflow: the
 * quotient is below 2^256-1 whenever the remainder is non-zero.
 */
export function divRoundingUp(x0: u64, x1: u64, x2: u64, x3: u64, y0: u64, y1: u64, y2: u64, y3: u64): void {
  if (!divRem256(x0, x1, x2, x3, y0, y1, y2, y3)) {
    setR(0, 0, 0, 0);
    return;
  }
  if ((m0 | m1 | m2 | m3) != 0) add256(r0, r1, r2, r3, 1, 0, 0, 0);
}
