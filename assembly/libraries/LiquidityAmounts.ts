// Twin of contracts/libraries/LiquidityAmounts.sol.
// The token amounts of liquidity over a price range at a given price.
//
// Limb convention (see U256.ts): a sqrt price (uint160) is 3 limbs, a liquidity
// (uint128) 2 limbs, an amount (uint256) 4 limbs. Solidity returns the two
// amounts; AS functions return one value, so here they are written into two
// caller-owned 4-limb arrays and the function returns an error code.
//
// The branch is chosen on the sqrt price, as in the Solidity twin (whose comment
// proves that this equals the pool's choice on its tick at the pool's own price,
// including a price on a bound and tick = boundTick - 1 after a swap down):
//   sqrtP <  sqrtLower             -> token0 only
//   sqrtLower <= sqrtP < sqrtUpper -> both
//   sqrtUpper <= sqrtP             -> token1 only

import { r0, r1, r2, r3 } from "../registers";
import { OK } from "../errors";
import { lt256 } from "./U256";
import { getAmount0Delta, getAmount1Delta } from "./SqrtPriceMath";
import { getSqrtRatioAtTick } from "./TickMath";

// @ts-ignore: decorator
@inline function putR(a: StaticArray<u64>): void {
  unchecked((a[0] = r0));
  unchecked((a[1] = r1));
  unchecked((a[2] = r2));
  unchecked((a[3] = r3));
}

// @ts-ignore: decorator
@inline function putZero(a: StaticArray<u64>): void {
  unchecked((a[0] = 0));
  unchecked((a[1] = 0));
  unchecked((a[2] = 0));
  unchecked((a[3] = 0));
}

/**
 * Token amounts of liquidity (l0, l1) over [sqrtLower (a0..a2), sqrtUpper (b0..b2)) at the
 * sqrt price (p0..p2), rounded up (what minting charges) or down (what burning pays).
 * @dev Equivalent to Solidity's `getAmountsForLiquidity(sqrtPriceX96, sqrtLower, sqrtUpper, liquidity, roundUp)`;
 * requires 0 < sqrtLower < sqrtUpper (as TickMath gives them). Results in amount0[0..3] and
 * amount1[0..3] (an amount the branch does not touch is 0); returns OK, or PriceZero from
 * getAmount0Delta when sqrtLower is 0.
 */
export function getAmountsForLiquidity(
  p0: u64, p1: u64, p2: u64,
  a0: u64, a1: u64, a2: u64,
  b0: u64, b1: u64, b2: u64,
  l0: u64, l1: u64,
  roundUp: bool,
  amount0: StaticArray<u64>,
  amount1: StaticArray<u64>,
): i32 {
  let e = OK;
  if (lt256(p0, p1, p2, 0, a0, a1, a2, 0)) {
    e = getAmount0Delta(a0, a1, a2, b0, b1, b2, l0, l1, roundUp);
    putR(amount0);
    putZero(amount1);
  } else if (lt256(p0, p1, p2, 0, b0, b1, b2, 0)) {
    e = getAmount0Delta(p0, p1, p2, b0, b1, b2, l0, l1, roundUp);
    putR(amount0);
    getAmount1Delta(a0, a1, a2, p0, p1, p2, l0, l1, roundUp); // never fails
    putR(amount1);
  } else {
    putZero(amount0);
    getAmount1Delta(a0, a1, a2, b0, b1, b2, l0, l1, roundUp); // never fails
    putR(amount1);
  }
  return e;
}

/**
 * getAmountsForLiquidity over the range given by its ticks [tickLower, tickUpper) (Solidity's
 * `getAmountsForTicks`: the one form the lens, the premium walk and the producers value a range in).
 * InvalidTick for a bound outside [MIN_TICK, MAX_TICK].
 */
export function getAmountsForTicks(
  p0: u64, p1: u64, p2: u64,
  tickLower: i32, tickUpper: i32,
  l0: u64, l1: u64,
  roundUp: bool,
  amount0: StaticArray<u64>,
  amount1: StaticArray<u64>,
): i32 {
  let e = getSqrtRatioAtTick(tickLower);
  if (e != OK) return e;
  const a0 = r0, a1 = r1, a2 = r2;
  e = getSqrtRatioAtTick(tickUpper);
  if (e != OK) return e;
  return getAmountsForLiquidity(p0, p1, p2, a0, a1, a2, r0, r1, r2, l0, l1, roundUp, amount0, amount1);
}
