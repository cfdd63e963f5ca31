// Twin of contracts/producers/TokenDepositProducer.sol's `record`: plain collateral.
// Record (one token): credit = the deposited amount, no debt, delta 0.

import { OK } from "../errors";
import { copy } from "../libraries/Checked256";

export function record(creditDst: usize, amount: usize): i32 {
  copy(creditDst, amount);
  return OK;
}
