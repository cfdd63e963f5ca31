// Twin of contracts/producers/MoneyMarketBorrowProducer.sol's `record`: a borrow owed by a
// portfolio. Record (one token): debt = the shares' value at `now` (rounded up); delta = the
// interest over the liquidation window at the rate model's highest rate:
// ceil(debt * maxBorrowRatePerSecondX64 * liquidationWindow / 2^64).

import { OK } from "../errors";
import { borrowSharesToAmount, maxBorrowRatePerSecondX64 } from "../MoneyMarket";
import { limb, mul, set64 } from "../libraries/Checked256";
import { mulDivRoundingUp } from "../libraries/FullMath";
import { r0, r1, r2, r3 } from "../registers";

const RATE: usize = memory.data(64, 16);

/** debt and delta of `shares` borrow shares of the market at `m`, at `now`. */
export function record(debtDst: usize, deltaDst: usize, m: usize, now: u64, shares: usize, liquidationWindow: u64): i32 {
  let e = borrowSharesToAmount(debtDst, m, now, shares);
  if (e != OK) return e;
  const rate = RATE, window = RATE + 32;
  e = maxBorrowRatePerSecondX64(rate, m);
  if (e != OK) return e;
  set64(window, liquidationWindow);
  e = mul(rate, rate, window);
  if (e != OK) return e;
  e = mulDivRoundingUp(
    limb(debtDst, 0), limb(debtDst, 1), limb(debtDst, 2), limb(debtDst, 3),
    limb(rate, 0), limb(rate, 1), limb(rate, 2), limb(rate, 3),
    0, 1, 0, 0,
  );
  if (e != OK) return e;
  store<u64>(deltaDst, r0);
  store<u64>(deltaDst, r1, 8);
  store<u64>(deltaDst, r2, 16);
  store<u64>(deltaDst, r3, 24);
  return OK;
}
