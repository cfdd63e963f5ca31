// Twin of contracts/libraries/BitMath.sol (Uniswap V3 BitMath), for the tick bitmap.
// Solidity finds the bit by binary search; Wasm has clz/ctz per 64-bit limb.

import { lsb256, msb256 } from "./U256";

/**
 * Index of the most significant set bit of a uint256 (x >= 2^msb and x < 2^(msb+1)).
 * @dev Solidity reverts `BitMathZero()` for x == 0; here that returns -1 and callers check (the
 * `bitMath` export returns E_BIT_MATH_ZERO, the same error).
 */
export function mostSignificantBit(x0: u64, x1: u64, x2: u64, x3: u64): i32 {
  return msb256(x0, x1, x2, x3);
}

/**
 * Index of the least significant set bit of a uint256 ((x & 2^lsb) != 0 and (x & (2^lsb - 1)) == 0).
 * @dev Solidity reverts `BitMathZero()` for x == 0; here that returns -1 and callers check (the
 * `bitMath` export returns E_BIT_MATH_ZERO, the same error).
 */
export function leastSignificantBit(x0: u64, x1: u64, x2: u64, x3: u64): i32 {
  return lsb256(x0, x1, x2, x3);
}
