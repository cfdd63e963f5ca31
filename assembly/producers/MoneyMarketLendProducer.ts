// Twin of contracts/producers/MoneyMarketLendProducer.sol's `record`: a lend position as
// collateral. Record (one token, the lent one): credit = the shares' value at `now` (rounded down),
// no debt, delta 0.

import { sharesToAmount } from "../MoneyMarket";

/** credit = market.sharesToAmount(token, shares) at `now`; the market's state at `m`. */
export function record(creditDst: usize, m: usize, now: u64, shares: usize): i32 {
  return sharesToAmount(creditDst, m, now, shares);
}
