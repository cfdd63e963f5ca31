// Many portfolios on one shared state: Portfolio.readMany reads them in one JSON-RPC batch onto one
// shared markets/registry object, and Portfolio.checkMany after an oracle move equals each
// portfolio's pm.breakdown once the feed really moves there (what a liquidation bot asks).
import { beforeAll, describe, expect, it } from "vitest";
import { init, Portfolio } from "../../bindings/index.js";
import { E18 } from "../pm/fixture.js";
import { deployPortfolioSystem, expectBreakdown, type PortfolioSystem } from "./helpers.js";

let s: PortfolioSystem;

beforeAll(async () => {
  await init();
  s = await deployPortfolioSystem();
});

describe("Portfolio.readMany / checkMany", () => {
  it("values many portfolios after a price change as the chain does", async () => {
    const { alice, bob, deposits, lends, borrows, tokens, pm, feeds } = s;
    const A = (n: string) => tokens[n].getAddress() as Promise<string>;
    const owners = [alice, bob];
    const ids: [string, bigint][] = [];
    for (const [k, u] of owners.entries()) {
      for (let id = 0n; id < 2n; id++) {
        await pm.connect(u).openPortfolio();
        await deposits.connect(u).deposit(await A("WETH"), (3n + id + BigInt(k)) * E18, id);
        await lends.connect(u).lend(await A("USDC"), (1000n + 500n * id) * 10n ** 6n, id);
        await borrows.connect(u).borrow(await A("USDC"), (k === 0 && id === 0n ? 1000n : 4800n + 1000n * BigInt(k) + 1500n * id) * 10n ** 6n, id);
        if (id === 1n) await borrows.connect(u).borrow(await A("SOL"), 10n * 10n ** 9n, id);
        ids.push([u.address, id]);
      }
    }
    const ps = await Portfolio.readMany(s.ethers.provider, await pm.getAddress(), ids);
    expect(ps.every((p) => p.shared === ps[0].shared)).toBe(true);
    expect(Object.keys(ps[0].shared.markets).length).toBe(2); // USDC and SOL, held once
    const weth = await A("WETH");
    for (const answer of [2000_00000000n, 1700_00000000n, 1450_00000000n, 1200_00000000n]) {
      await feeds.WETH.setAnswer(answer);
      const now = (await Portfolio.fromChain(s.ethers.provider, await pm.getAddress(), alice.address, 0n)).shared.blockTimestamp;
      const rs = Portfolio.checkMany(ps, { now, prices: { [weth]: answer } });
      for (let i = 0; i < ids.length; i++) {
        const [o, id] = ids[i];
        expectBreakdown(rs[i].spot!, await pm.breakdown(o, id), `portfolio ${i} at WETH ${answer}`);
        expect(rs[i].solvent, `portfolio ${i} isSolvent`).toBe(await pm.isSolvent(o, id));
        expect(rs[i].liquidatable, `portfolio ${i} isLiquidatable`).toBe(await pm.isLiquidatable(o, id));
      }
    }
    // Some became liquidatable along the way (the comparison saw both verdicts).
    const last = Portfolio.checkMany(ps, { prices: { [weth]: 1200_00000000n }, now: ps[0].shared.blockTimestamp + 100n });
    expect(last.some((r) => r.liquidatable)).toBe(true);
    expect(last.some((r) => !r.liquidatable)).toBe(true);
  });
});
