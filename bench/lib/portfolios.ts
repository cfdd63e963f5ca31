// Solvency inputs: portfolios of 16 Records over 8 tokens (6 blue-chips, 2 tail),
// generated from a fixed seed so every run checks the same portfolios.
import type { Prices, SolvencyRecord, TokenRegistry } from "../../bindings/model/Solvency.js";

export const POSITIONS_PER_PORTFOLIO = 16;
const Q64 = 1n << 64n;

const address = (i: number) => "0x" + (0xa0 + i).toString(16).padStart(40, "0");
export const TOKEN_ADDRESSES = Array.from({ length: 8 }, (_, i) => address(i));

// [decimals, tail, variance (per mille), price (8-decimal feed answer)]
const SPEC: [number, boolean, number, bigint][] = [
  [18, false, 1040, 3000_00000000n],
  [6, false, 1010, 1_00000000n],
  [8, false, 1050, 60000_00000000n],
  [18, false, 1100, 150_00000000n],
  [18, false, 1200, 12_00000000n],
  [6, false, 1015, 99_980000n],
  [18, true, 1500, 0n],
  [18, true, 2000, 0n],
];

export const TOKENS: TokenRegistry = Object.fromEntries(
  SPEC.map(([decimals, tail, permille], i) => [TOKEN_ADDRESSES[i], { varianceX64: (Q64 * BigInt(permille)) / 1000n, tail, decimals }]),
);
export const PRICES: Prices = Object.fromEntries(SPEC.filter(([, tail]) => !tail).map(([, , , answer], i) => [TOKEN_ADDRESSES[i], { answer, decimals: 8 }]));
export const OPTIONS = { tailRecordUsdDebt: 50n * 10n ** 18n };

/** xorshift32: deterministic and fast. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

/** `n` portfolios of 16 Records each; a Record holds 1 to 3 distinct tokens, credits, some debts and deltas. */
export function portfolios(n: number, seed = 20260101): SolvencyRecord[][] {
  const r = rng(seed);
  const amount = (t: number, max: number) => BigInt(Math.floor(r() * max)) * 10n ** BigInt(SPEC[t][0]) + BigInt(Math.floor(r() * 1e6));
  const out: SolvencyRecord[][] = [];
  for (let p = 0; p < n; p++) {
    const records: SolvencyRecord[] = [];
    for (let k = 0; k < POSITIONS_PER_PORTFOLIO; k++) {
      const m = 1 + Math.floor(r() * 3);
      const picked = new Set<number>();
      while (picked.size < m) picked.add(Math.floor(r() * 8));
      const ts = [...picked];
      records.push({
        tokens: ts.map((t) => TOKEN_ADDRESSES[t]),
        credit: ts.map((t) => amount(t, 1000)),
        debt: ts.map((t) => (r() < 0.4 ? amount(t, 800) : 0n)),
        delta: ts.map((t) => (r() < 0.2 ? amount(t, 50) : 0n)),
      });
    }
    out.push(records);
  }
  return out;
}

/** The same inputs in the Solidity harness's ABI shape (token table, configs, prices by index). */
export function solidityArgs(records: SolvencyRecord[]) {
  const configs = TOKEN_ADDRESSES.map((a) => ({ varianceX64: TOKENS[a].varianceX64, tail: TOKENS[a].tail, decimals: TOKENS[a].decimals }));
  const prices = TOKEN_ADDRESSES.map((a) => ({ answer: PRICES[a]?.answer ?? 0n, decimals: PRICES[a]?.decimals ?? 0 }));
  return [records.map((x) => [x.tokens, x.credit, x.debt, x.delta]), TOKEN_ADDRESSES, configs, prices, OPTIONS.tailRecordUsdDebt] as const;
}
