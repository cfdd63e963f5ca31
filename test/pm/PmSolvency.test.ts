// The Wasm Solvency.check against the deployed Portfolio Manager, to the wei, after every step of
// random action sequences (fast-check, fixed seed): deposits, lends and borrows through the real
// producers, uninstalls, price moves, time passing (interest) and liquidations. Both valuations are
// compared (these producers depend on no pool, so the reference Records are the spot ones): spot
// with pm.breakdown, reference with pm.referenceBreakdown, solvent / liquidatable with
// pm.isSolvent / pm.isLiquidatable. The Wasm verdict also predicts the contracts' behaviour: a
// liquidation succeeds only when Wasm says liquidatable.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { init, Solvency } from "../../bindings/index.js";
import type { SolvencyPrices, SolvencyTokens } from "../../bindings/index.js";
import type { SolvencyTwoValuationResult } from "../../bindings/src/Solvency.js";
import { expectValuation, plainRecords } from "../producers/helpers.js";
import { deploySystem, System } from "./fixture.js";

let s: System;
const NAMES = ["USDC", "WETH", "SOL", "DOGE", "PEPE"];
const BASE: Record<string, bigint> = { USDC: 1_00000000n, WETH: 2000_00000000n, SOL: 100_00000000n, DOGE: 10_000000n, PEPE: 1000n };

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

let compared = 0;

/** Wasm verdict on the PM's own Records (both valuations), asserted equal to the PM's. */
async function compare(owner: string, id: bigint, step: string): Promise<SolvencyTwoValuationResult> {
  const [tokens, prices] = await tableAndPrices();
  const { pm } = s;
  const recs = plainRecords(await pm.records(owner, id));
  const referenceRecords = plainRecords(await pm.referenceRecords(owner, id));
  const w = Solvency.check(recs, tokens, prices, { tailRecordUsdDebt: await pm.tailRecordUsdDebt(), referenceRecords });
  expectValuation(w.spot, await pm.breakdown(owner, id), `${step}: spot`);
  expectValuation(w.reference, await pm.referenceBreakdown(owner, id), `${step}: reference`);
  expect(w.usdNet, step).toBe(w.spot.usdNet);
  expect(w.solvent, `${step}: isSolvent`).toBe(await pm.isSolvent(owner, id));
  expect(w.liquidatable, `${step}: isLiquidatable`).toBe(await pm.isLiquidatable(owner, id));
  // No pool behind these positions: the two valuations coincide.
  expect(w.reference, step).toEqual(w.spot);
  compared++;
  return w;
}

type Step =
  | { t: "open"; kind: "deposit" | "lend" | "borrow"; token: number; whole: number; dust: bigint }
  | { t: "uninstall"; pos: number }
  | { t: "price"; token: number; percent: number }
  | { t: "time"; seconds: number }
  | { t: "liquidate" };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant("open" as const), kind: fc.constantFrom("deposit" as const, "lend" as const, "borrow" as const, "borrow" as const), token: fc.nat(NAMES.length - 1), whole: fc.integer({ min: 1, max: 4000 }), dust: fc.bigInt(0n, 999_999n) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("uninstall" as const), pos: fc.nat(15) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant("price" as const), token: fc.nat(NAMES.length - 1), percent: fc.integer({ min: 20, max: 400 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("time" as const), seconds: fc.integer({ min: 60, max: 30 * 86_400 }) }) },
  { weight: 3, arbitrary: fc.constant({ t: "liquidate" as const }) },
);

describe("Solvency.check (Wasm) equals PortfolioManager.breakdown after every step", () => {
  it("on random sequences of user actions, price moves, time and liquidations", async () => {
    const plans = fc.sample(fc.array(stepArb, { minLength: 6, maxLength: 14 }), { numRuns: 8, seed: 99 });
    const { alice, bob, pm, ethers } = s;
    const stats: Record<string, number> = {};
    const count = (k: string) => (stats[k] = (stats[k] ?? 0) + 1);
    for (const plan of plans) {
      for (const n of NAMES) await s.feeds[n].setAnswer(BASE[n]);
      const id = await pm.portfolioCount(alice.address);
      await pm.connect(alice).openPortfolio();
      // Collateral first, so that most borrows that follow are accepted.
      await s.deposits.connect(alice).deposit(await s.tokens.WETH.getAddress(), 3n * 10n ** 18n, id);
      // Each plan ends with a collateral crash and a liquidation attempt.
      const steps: Step[] = [...plan, { t: "price", token: 1, percent: 25 }, { t: "liquidate" }];
      for (const [i, st] of steps.entries()) {
        const label = `plan step ${i}: ${JSON.stringify(st, (_, v) => (typeof v === "bigint" ? String(v) : v))}`;
        if (st.t === "open") {
          const name = NAMES[st.token];
          const t = await s.tokens[name].getAddress();
          const dec = BigInt(await s.tokens[name].decimals());
          // `whole` is a USD size at the base prices (collateral is 6000 USD), plus odd low digits.
          const amount = (BigInt(st.whole) * 10n ** dec * 1_00000000n) / BASE[name] + (st.dust % 10n ** dec);
          const producer = st.kind === "deposit" ? s.deposits : st.kind === "lend" ? s.lends : s.borrows;
          try {
            await producer.connect(alice)[st.kind](t, amount, id);
            count(st.kind);
          } catch (e: any) {
            const m = /Insolvent|TooManyPositions|StalePrice/.exec(String(e.message));
            if (!m) throw e; // only these may refuse
            count(`${st.kind}:${m[0]}`);
          }
        } else if (st.t === "uninstall") {
          const ps = await pm.positions(alice.address, id);
          if (ps.length === 0) continue;
          const p = ps[st.pos % ps.length];
          try {
            await pm.connect(alice).uninstall(id, p.producer, p.assetId);
            count("uninstall");
          } catch (e: any) {
            if (!/Insolvent/.test(String(e.message))) throw e;
            count("uninstall:Insolvent");
          }
        } else if (st.t === "price") {
          await s.feeds[NAMES[st.token]].setAnswer((BASE[NAMES[st.token]] * BigInt(st.percent)) / 100n + 7n);
          count("price");
        } else if (st.t === "time") {
          const now = (await ethers.provider.getBlock("latest"))!.timestamp;
          await ethers.provider.send("evm_setNextBlockTimestamp", [now + st.seconds]);
          await ethers.provider.send("evm_mine", []);
          // Keep the feeds fresh: re-stamp every answer at the new time.
          for (const n of NAMES) {
            const [, a] = await s.feeds[n].latestRoundData();
            await s.feeds[n].setAnswer(a);
          }
          count("time");
        } else {
          const n = (await pm.positions(alice.address, id)).length;
          if (n === 0) continue;
          const before = await compare(alice.address, id, `${label} (before)`);
          try {
            await pm.connect(bob).liquidate(alice.address, id, (1n << BigInt(n)) - 1n);
            expect(before.liquidatable, `${label}: liquidated a portfolio Wasm called not liquidatable`).toBe(true);
            count("liquidate");
          } catch (e: any) {
            const m = /NotLiquidatable|InsufficientCash|LiquidationIncomplete/.exec(String(e.message));
            if (!m) throw e;
            if (m[0] === "NotLiquidatable") expect(before.liquidatable, label).toBe(false);
            count(`liquidate:${m[0]}`);
          }
        }
        await compare(alice.address, id, label);
      }
      if ((await pm.portfolioCount(alice.address)) >= 8n) break;
    }
    // The sequences reached the interesting branches.
    expect(stats.borrow ?? 0).toBeGreaterThan(0);
    expect(stats.liquidate ?? 0).toBeGreaterThan(0);
    expect(stats["liquidate:NotLiquidatable"] ?? 0).toBeGreaterThan(0);
    expect(compared).toBeGreaterThan(80);
  });
});
