// ABI shims for the money market and the producers that read no pool (re-exported by index.ts).
// IO layout in layout.ts ("portfolio"): the market's (or vault's) state at IO[0..37), `now` at
// PF_NOW, the position's amount at PF_AMOUNT, its parameter at PF_PARAM; results from PF_OUT on,
// so the state stays in IO for the next position of the same market.

import { IO } from "../io";
import { PF_AMOUNT, PF_NOW, PF_OUT, PF_OUT2, PF_OUT3, PF_PARAM, PF_V_OFFSET_POW, PF_V_TOTAL_ASSETS, PF_V_TOTAL_SUPPLY } from "../layout";
import { limb } from "../libraries/Checked256";
import { _currentIndexes, rates } from "../MoneyMarket";
import { record as lendRecord } from "./MoneyMarketLendProducer";
import { record as borrowRecord } from "./MoneyMarketBorrowProducer";
import { record as depositRecord } from "./TokenDepositProducer";
import { record as vaultRecord } from "./ERC4626Integrator";


// @ts-ignore: decorator
@inline function at(word: i32): usize {
  return IO + (<usize>word << 3);
}

/** MoneyMarket._currentIndexes at IO[PF_NOW] -> lendIndexX64 at PF_OUT, borrowIndexX64 at PF_OUT2. */
export function moneyMarketIndexes(): i32 {
  return _currentIndexes(at(PF_OUT), at(PF_OUT2), IO, limb(IO, PF_NOW));
}

/** utilisationX64 at PF_OUT, borrowRatePerSecondX64 at PF_OUT2, lendRatePerSecondX64 at PF_OUT3. */
export function moneyMarketRates(): i32 {
  return rates(at(PF_OUT), at(PF_OUT2), at(PF_OUT3), IO, limb(IO, PF_NOW));
}

/** MoneyMarketLendProducer.record: shares at PF_AMOUNT -> credit at PF_OUT. */
export function moneyMarketLendRecord(): i32 {
  return lendRecord(at(PF_OUT), IO, limb(IO, PF_NOW), at(PF_AMOUNT));
}

/** MoneyMarketBorrowProducer.record: shares at PF_AMOUNT, liquidationWindow at PF_PARAM -> debt at PF_OUT, delta at PF_OUT2. */
export function moneyMarketBorrowRecord(): i32 {
  return borrowRecord(at(PF_OUT), at(PF_OUT2), IO, limb(IO, PF_NOW), at(PF_AMOUNT), limb(IO, PF_PARAM));
}

/** TokenDepositProducer.record: amount at PF_AMOUNT -> credit at PF_OUT. */
export function tokenDepositRecord(): i32 {
  return depositRecord(at(PF_OUT), at(PF_AMOUNT));
}

/** ERC4626Integrator.record: vault totals at PF_V_*, shares at PF_AMOUNT, riskPips at PF_PARAM -> credit at PF_OUT, delta at PF_OUT2. */
export function erc4626Record(): i32 {
  return vaultRecord(at(PF_OUT), at(PF_OUT2), at(PF_V_TOTAL_ASSETS), at(PF_V_TOTAL_SUPPLY), at(PF_V_OFFSET_POW), at(PF_AMOUNT), limb(IO, PF_PARAM));
}
