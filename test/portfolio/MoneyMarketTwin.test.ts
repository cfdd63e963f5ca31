// The Wasm twins of the money market and of the lend, borrow and ERC-4626 Records against the BigInt
// model (bindings/model/MoneyMarket.ts) on random and extreme states, including those that overflow
// (the contract panics: ArithmeticOverflow) and times before the last accrual. Chain states are
// covered by Portfolio.test.ts; this reaches the states no test chain gets to.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { init, Portfolio, type MarketState, type SharedState } from "../../bindings/index.js";
import * as M from "../../bindings/model/MoneyMarket.js";

beforeAll(async () => {
  await init();
});

const ONE = 1n << 64n;
const MAX_RATE = 1n << 44n;
const wide = fc.oneof(
  { arbitrary: fc.bigInt(0n, 10n ** 30n), weight: 6 },
  { arbitrary: fc.bigInt(0n, (1n << 256n) - 1n), weight: 1 },
  { arbitrary: fc.constantFrom(0n, 1n, (1n << 128n) - 1n, (1n << 192n) - 1n, (1n << 256n) - 1n), weight: 1 },
);
const index = fc.oneof({ arbitrary: fc.bigInt(ONE, 4n * ONE), weight: 6 }, { arbitrary: wide, weight: 1 });
const rate = fc.oneof({ arbitrary: fc.bigInt(0n, MAX_RATE / 3n), weight: 6 }, { arbitrary: wide, weight: 1 });
const marketArb = fc.record({
  lastAccrual: fc.bigInt(0n, 2n ** 40n),
  lendIndexX64: index,
  borrowIndexX64: index,
  totalLendShares: wide,
  totalBorrowShares: wide,
  baseRateX64: rate,
  slope1X64: rate,
  kinkX64: fc.oneof({ arbitrary: fc.bigInt(1n, ONE), weight: 8 }, { arbitrary: fc.constantFrom(0n, ONE, ONE + 1n), weight: 1 }),
  slope2X64: rate,
  reserveShareX64: fc.oneof({ arbitrary: fc.bigInt(0n, ONE), weight: 8 }, { arbitrary: fc.constantFrom(ONE + 1n), weight: 1 }),
});
const dtArb = fc.oneof(fc.bigInt(0n, 10n ** 8n), fc.constantFrom(-1n, 0n, 1n, 2n ** 32n));

function outcome<T>(f: () => T): T | string {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).constructor.name}`;
  }
}

const state = (m: M.Market): MarketState => ({ ...m, market: "0x" + "11".repeat(20), token: "0x" + "22".repeat(20) });

function shared(m: M.Market, blockTimestamp: bigint): SharedState {
  const s = state(m);
  return {
    blockTimestamp, blockNumber: 1n, tailRecordUsdDebt: 0n, pools: {},
    tokens: {}, markets: { [`${s.market}:${s.token}`]: s },
    vaults: { ["0x" + "33".repeat(20)]: { vault: "0x" + "33".repeat(20), asset: s.token, totalAssets: m.totalLendShares, totalSupply: m.totalBorrowShares, offsetPow: 1n } },
  };
}

describe("MoneyMarket twin", () => {
  it("indexes and rates equal the model, failing where it fails", () => {
    let values = 0;
    const failures: { [name: string]: number } = {};
    fc.assert(
      fc.property(marketArb, dtArb, (m, dt) => {
        const now = m.lastAccrual + dt;
        if (now < 0n) return;
        const w = outcome(() => Portfolio.marketAt(state(m), now));
        const model = outcome(() => {
          const [lendIndexX64, borrowIndexX64] = M.currentIndexes(m, now);
          const u = M.utilisation(m, lendIndexX64, borrowIndexX64);
          const br = M.borrowRate(m, u);
          return { lendIndexX64, borrowIndexX64, utilisationX64: u, borrowRatePerSecondX64: br, lendRatePerSecondX64: M.lendRate(m, br, u) };
        });
        expect(w).toEqual(model);
        if (typeof w !== "string") values++;
        else failures[w] = (failures[w] ?? 0) + 1;
      }),
      { numRuns: 3000, seed: 15 },
    );
    expect(values).toBeGreaterThan(1000);
    // The panics are reached too: overflow (wide states, a time before the last accrual) and a zero kink.
    expect(failures["throws ArithmeticOverflowError"]).toBeGreaterThan(50);
    expect(failures["throws DivisionByZeroError"]).toBeGreaterThan(5);
  });

  it("lend, borrow and vault Records equal the model", () => {
    fc.assert(
      fc.property(marketArb, fc.bigInt(0n, 10n ** 8n), wide, fc.bigInt(1n, 30n * 86_400n), fc.bigInt(0n, 1_000_000n), (m, dt, shares, window, riskPips) => {
        const now = m.lastAccrual + dt;
        const sh = shared(m, m.lastAccrual);
        const mk = Object.values(sh.markets)[0];
        const base = { producer: "0x" + "44".repeat(20), assetId: 1n, token: mk.token, market: mk.market, amount: shares };
        const positions = [
          { ...base, kind: "lend" as const },
          { ...base, kind: "borrow" as const, liquidationWindow: window },
          { ...base, kind: "erc4626" as const, vault: "0x" + "33".repeat(20), riskPips },
          { ...base, kind: "deposit" as const },
        ];
        const models = [
          () => ({ credit: [M.lendCredit(m, now, shares)], debt: [0n], delta: [0n] }),
          () => { const [d, e] = M.borrowDebtAndDelta(m, now, shares, window); return { credit: [0n], debt: [d], delta: [e] }; },
          () => { const [c, e] = M.vaultCreditAndDelta(m.totalLendShares, m.totalBorrowShares, 1n, shares, riskPips); return { credit: [c], debt: [0n], delta: [e] }; },
          () => ({ credit: [shares], debt: [0n], delta: [0n] }),
        ];
        for (let i = 0; i < positions.length; i++) {
          const p = Portfolio.fromSnapshot({ pm: base.producer, owner: base.producer, portfolioId: 0n, positions: [positions[i]], shared: sh });
          const w = outcome(() => { const r = p.records({ now })[0]; return { credit: r.credit, debt: r.debt, delta: r.delta }; });
          expect(w, positions[i].kind).toEqual(outcome(models[i]));
        }
      }),
      { numRuns: 1500, seed: 16 },
    );
  });
});
