// The Wasm Solvency.check against the deployed Portfolio Manager's breakdown, to the wei, on random
// portfolios built through the real producers (fast-check, fixed seed), with random price moves.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { init, Solvency } from "../../bindings/index.js";
import type { SolvencyPrices, SolvencyTokens } from "../../bindings/index.js";
import { deploySystem, System } from "./fixture.js";

let s: System;
const NAMES = ["USDC", "WETH", "SOL", "DOGE", "PEPE"];

beforeAll(async () => {
  await init();
  s = await deploySystem();
  await s.pm.setTailRecordUsdDebt(2n * 10n ** 18n);
});

async function tableAndPrices(): Promise<[SolvencyTokens, SolvencyPrices]> {
  const tokens: SolvencyTokens = {}, prices: SolvencyPrices = {};
  for (const n of NAMES) {
    const a = await s.tokens[n].getAddress();
    const info = await s.pm.tokenInfo(a);
    tokens[a] = { varianceX64: info.varianceX64, tail: info.tail, decimals: Number(info.decimals) };
    if (!info.tail) {
      const [, answer] = await s.feeds[n].latestRoundData();
      prices[a] = { answer, decimals: Number(await s.feeds[n].decimals()) };
    }
  }
  return [tokens, prices];
}

describe("Solvency.check (Wasm) equals PortfolioManager.breakdown", () => {
  it("on random portfolios and price moves", async () => {
    const action = fc.record({
      kind: fc.constantFrom("deposit", "lend", "borrow", "borrow", "borrow"),
      token: fc.integer({ min: 0, max: NAMES.length - 1 }),
      // amount in whole tokens (scaled by decimals below), with odd low digits for rounding
      whole: fc.integer({ min: 1, max: 5000 }),
      dust: fc.bigInt(0n, 999_999n),
    });
    const plans = fc.sample(fc.record({ actions: fc.array(action, { minLength: 1, maxLength: 10 }), moves: fc.array(fc.integer({ min: 20, max: 400 }), { minLength: 5, maxLength: 5 }) }), { numRuns: 8, seed: 99 });
    const { alice } = s;
    let compared = 0, insolvent = 0;
    for (const plan of plans) {
      const id = await s.pm.portfolioCount(alice.address);
      if (id >= 8n) break;
      await s.pm.connect(alice).openPortfolio();
      // Collateral first, so that most borrows that follow are accepted.
      for (const a of [{ kind: "deposit", token: 1, whole: 3, dust: 0n }, ...plan.actions]) {
        const name = NAMES[a.token];
        const t = await s.tokens[name].getAddress();
        const dec = BigInt(await s.tokens[name].decimals());
        const amount = BigInt(a.whole) * 10n ** dec + (a.dust % 10n ** dec);
        const producer = a.kind === "deposit" ? s.deposits : a.kind === "lend" ? s.lends : s.borrows;
        const fn = a.kind === "deposit" ? "deposit" : a.kind;
        try {
          await producer.connect(alice)[fn](t, amount, id);
        } catch (e: any) {
          if (!/Insolvent/.test(String(e.message))) throw e; // only the solvency check may refuse
        }
      }
      // Move the prices (20%..400%), then compare.
      const base: Record<string, bigint> = { USDC: 1_00000000n, WETH: 2000_00000000n, SOL: 100_00000000n, DOGE: 10_000000n, PEPE: 1000n };
      for (let i = 0; i < NAMES.length; i++) await s.feeds[NAMES[i]].setAnswer((base[NAMES[i]] * BigInt(plan.moves[i])) / 100n + 7n);
      const [tokens, prices] = await tableAndPrices();
      const b = await s.pm.breakdown(alice.address, id);
      const recs = (await s.pm.records(alice.address, id)).map((r: any) => ({ tokens: [...r.tokens], credit: [...r.credit], debt: [...r.debt], delta: [...r.delta] }));
      const w = Solvency.check(recs, tokens, prices, { tailRecordUsdDebt: await s.pm.tailRecordUsdDebt() });
      expect(w.usdNet).toBe(b.usdNet);
      expect(w.solvent).toBe(b.solvent);
      expect(Object.keys(w.nets)).toEqual([...b.tokens]);
      expect(Object.values(w.nets)).toEqual([...b.nets]);
      expect(w.failingTails).toEqual([...b.failingTails]);
      compared++;
      if (!w.solvent) insolvent++;
    }
    expect(compared).toBe(8);
    expect(insolvent).toBeGreaterThan(0);
  });
});
