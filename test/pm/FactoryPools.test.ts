// Regression: the 2sAMM producers read Records from the pool, so they must refuse a pool their
// factory did not create (a look-alike could report any credit and borrow real tokens against it).
import { describe, expect, it } from "vitest";
import { deploySystem } from "../../scripts/lib/system.js";
import { network } from "../helpers/chain.js";

describe("2sAMM producers accept only the factory's pools", () => {
  it("the maker and taker producers refuse a look-alike pool with UnknownPool, and nothing can be borrowed against it", async () => {
    const { ethers } = await network();
    const [gov, mallory] = await ethers.getSigners();
    const s = await deploySystem(ethers as any, gov);
    const weth = await s.tokens.WETH.getAddress(), usdc = await s.tokens.USDC.getAddress();
    const fake = await ethers.deployContract("FakePool", [weth, usdc, 10n ** 24n, 10n ** 24n]);
    await (s.pm.connect(mallory) as any).openPortfolio();
    // The look-alike answers the exploit's calls but not every configuration view: refused either way.
    await expect((s.makers.connect(mallory) as any).mint(await fake.getAddress(), -60, 60, 1n, 0)).rejects.toThrow();
    await expect((s.takers.connect(mallory) as any).take(await fake.getAddress(), -60, 60, 1n, 0)).rejects.toThrow();
    // Not a contract, or a real pool of another factory: UnknownPool.
    await expect((s.makers.connect(mallory) as any).mint(mallory.address, -60, 60, 1n, 0)).rejects.toThrow(/UnknownPool/);
    await expect((s.takers.connect(mallory) as any).take(mallory.address, -60, 60, 1n, 0)).rejects.toThrow(/UnknownPool/);
    const { deployMoneyMarket, deployPool } = await import("../../scripts/lib/system.js");
    const mm2 = await deployMoneyMarket(ethers as any, gov, [s.tokens.WETH, s.tokens.USDC]);
    const { pool: other } = await deployPool(ethers as any, gov, s.tokens.WETH, s.tokens.USDC, mm2, await s.pool.slot0().then((x: any) => x[0]));
    await expect((s.takers.connect(mallory) as any).take(await other.getAddress(), -60, 60, 1n, 0)).rejects.toThrow(/UnknownPool/);
    // With no credit in the portfolio, a borrow is refused by the PM's solvency check.
    await expect((s.borrows.connect(mallory) as any).borrow(weth, 10n ** 18n, 0)).rejects.toThrow(/Insolvent/);
    // The real pool is still accepted.
    expect(await s.factory.getPool(weth, usdc, { tickSpacing: 60, minFeePips: 100, midFeePips: 5000, maxFeePips: 50000, takerCapPips: 700_000, protocolFeePips: 50_000, moneyMarket: await s.moneyMarket.getAddress() })).toBe(await s.pool.getAddress());
  });
});
