// Twin of contracts/producers/ERC4626Integrator.sol's `record`, from the vault's totals.
// The vault's `convertToAssets` is OpenZeppelin ERC4626's (the one the system lists):
// floor(shares * (totalAssets + 1) / (totalSupply + 10^decimalsOffset)).
// Record (one token, the vault's asset): credit = that, capped at 2^128 - 1; debt 0;
// delta = ceil(credit * riskPips / 1e6).

import { OK } from "../errors";
import { add, limb, set64 } from "../libraries/Checked256";
import { mulDiv, mulDivRoundingUp } from "../libraries/FullMath";
import { r0, r1, r2, r3 } from "../registers";

const PIPS: u64 = 1_000_000;
const S: usize = memory.data(64, 16);

// @ts-ignore: decorator
@inline function storeR(dst: usize): void {
  store<u64>(dst, r0);
  store<u64>(dst, r1, 8);
  store<u64>(dst, r2, 16);
  store<u64>(dst, r3, 24);
}

/** The vault's convertToAssets(shares) from its totals (OpenZeppelin ERC4626, rounding down). */
export function convertToAssets(dst: usize, totalAssets: usize, totalSupply: usize, offsetPow: usize, shares: usize): i32 {
  const a = S, s = S + 32;
  set64(a, 1);
  let e = add(a, totalAssets, a);
  if (e == OK) e = add(s, totalSupply, offsetPow);
  if (e != OK) return e;
  e = mulDiv(
    limb(shares, 0), limb(shares, 1), limb(shares, 2), limb(shares, 3),
    limb(a, 0), limb(a, 1), limb(a, 2), limb(a, 3),
    limb(s, 0), limb(s, 1), limb(s, 2), limb(s, 3),
  );
  if (e != OK) return e;
  storeR(dst);
  return OK;
}

export function record(creditDst: usize, deltaDst: usize, totalAssets: usize, totalSupply: usize, offsetPow: usize, shares: usize, riskPips: u64): i32 {
  let e = convertToAssets(creditDst, totalAssets, totalSupply, offsetPow, shares);
  if (e != OK) return e;
  // Capped so the Record stays valid (amounts below 2^128) whatever the vault reports.
  if ((limb(creditDst, 2) | limb(creditDst, 3)) != 0) {
    store<u64>(creditDst, u64.MAX_VALUE);
    store<u64>(creditDst, u64.MAX_VALUE, 8);
    store<u64>(creditDst, 0, 16);
    store<u64>(creditDst, 0, 24);
  }
  e = mulDivRoundingUp(limb(creditDst, 0), limb(creditDst, 1), 0, 0, riskPips, 0, 0, 0, PIPS, 0, 0, 0);
  if (e != OK) return e;
  storeR(deltaDst);
  return OK;
}
