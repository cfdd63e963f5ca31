// Plans the liquidation of one insolvent portfolio as PortfolioManager.liquidate will execute it:
// which positions (the mask), the debts the liquidator pays, the credits the PM receives, and what
// the liquidator is paid at the oracle prices (debt value plus the bonus, capped by the credits).
import type { SharedState, SolvencyRecord } from "../bindings/index.js";
import type { Verdict } from "./checker.js";
import { usd } from "./util.js";

export interface Amount {
  token: string;
  amount: bigint;
}

export interface Plan {
  owner: string;
  portfolioId: bigint;
  mask: bigint;
  positions: number[];
  /** Debts the liquidator pays (pulled by the producers through the PM), per token. */
  debts: Amount[];
  /** Credits the closed positions release to the PM, per token. */
  credits: Amount[];
  debtUsd: bigint;
  creditUsd: bigint;
  /** What the PM pays the liquidator (USD, 18 decimals): debt value + bonus, at most the credits. */
  receiveUsd: bigint;
  bonusUsd: bigint;
  /** receiveUsd - debtUsd (before gas). */
  grossUsd: bigint;
  /** Filled by the sender's simulation. */
  gas?: bigint;
  gasUsd?: bigint;
  profitUsd?: bigint;
}

const PIPS = 1_000_000n;

function add(into: Map<string, bigint>, token: string, v: bigint) {
  if (v !== 0n) into.set(token, (into.get(token) ?? 0n) + v);
}

/** USD of an amount at the state's feed answer (0 for a token without a usable answer: a tail, a reverting feed). */
export function usdOf(shared: SharedState, token: string, amount: bigint): bigint {
  const t = shared.tokens[token];
  if (!t?.price || t.price.answer <= 0n) return 0n;
  return usd(amount, t.price.answer, t.decimals, t.price.decimals);
}

export function plan(v: Verdict, shared: SharedState, bonusPips: bigint): Plan {
  const records: SolvencyRecord[] = v.portfolio.referenceRecords({ now: shared.blockTimestamp });
  const r = v.result.reference;
  // A USD deficit: close everything (the portfolio ends empty, which `liquidate` accepts). Only failing
  // tails (USD net >= 0): the PM accepts only positions holding one of them.
  const tailOnly = r.usdNet >= 0n;
  const picked: number[] = [];
  records.forEach((rec, i) => {
    if (!tailOnly || rec.tokens.some((t) => r.failingTails.includes(t))) picked.push(i);
  });
  const debts = new Map<string, bigint>(), credits = new Map<string, bigint>();
  for (const i of picked) {
    records[i].tokens.forEach((t, j) => {
      add(debts, t, records[i].debt[j]);
      add(credits, t, records[i].credit[j]);
    });
  }
  let debtUsd = 0n, creditUsd = 0n;
  for (const [t, a] of debts) debtUsd += usdOf(shared, t, a);
  for (const [t, a] of credits) creditUsd += usdOf(shared, t, a);
  const owed = debtUsd + (debtUsd * bonusPips) / PIPS;
  const receiveUsd = owed < creditUsd ? owed : creditUsd;
  return {
    owner: v.entry.owner,
    portfolioId: v.entry.portfolioId,
    mask: picked.reduce((m, i) => m | (1n << BigInt(i)), 0n),
    positions: picked,
    debts: [...debts].map(([token, amount]) => ({ token, amount })),
    credits: [...credits].map(([token, amount]) => ({ token, amount })),
    debtUsd,
    creditUsd,
    receiveUsd,
    bonusUsd: receiveUsd - debtUsd > 0n ? receiveUsd - debtUsd : 0n,
    grossUsd: receiveUsd - debtUsd,
  };
}
