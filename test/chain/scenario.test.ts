// The demo's scenario as a test: every Wasm answer equals the chain's, the
// liquidator gains exactly the bonus and the owner keeps the rest.
import hre from "hardhat";
import { beforeAll, describe, expect, it } from "vitest";
import { init } from "../../bindings/index.js";
import { runScenario, WETH_AFTER_DROP, type Step } from "../../scripts/lib/scenario.js";
import { portfolioManagerAbi, twoSidedPoolAbi } from "../../bindings/abis.js";

describe("the demo scenario on the Hardhat network", () => {
  let steps: Step[];

  beforeAll(async () => {
    await init();
    const { ethers } = await hre.network.create();
    ({ steps } = await runScenario({
      ethers: ethers as any,
      signers: (await ethers.getSigners()).slice(0, 5),
      increaseTime: async (s) => {
        await ethers.provider.send("evm_increaseTime", [s]);
        await ethers.provider.send("evm_mine", []);
      },
      onStep: () => {},
      log: () => {},
    }));
  });

  it("runs every step, and Wasm and chain agree at each", () => {
    expect(steps.map((s) => s.title.split(":")[0])).toEqual([
      "Makers", "Taker", "Swaps", "30 days pass", "Alice's portfolio (deposit + borrow + taker)", `WETH oracle 2000 -> ${WETH_AFTER_DROP} USD`, "Liquidation",
    ]);
    for (const s of steps) expect(s.match, s.title).toBe(true);
  });

  it("quotes every swap to the wei", () => {
    const swaps = steps[2].rows;
    expect(swaps.length).toBe(4);
    for (const r of swaps) {
      expect(r["wasm amount0"]).toBe(r["chain amount0"]);
      expect(r["wasm amount1"]).toBe(r["chain amount1"]);
    }
  });

  it("the oracle drop makes the portfolio insolvent, and liquidation pays exactly the bonus", () => {
    const solvent = (i: number) => steps[i].rows.find((r) => r.item === "solvent at spot prices");
    expect(solvent(4)).toMatchObject({ wasm: true, pm: true });
    expect(solvent(5)).toMatchObject({ wasm: false, pm: false });
    // Liquidation reads the reference valuation: it must fail too.
    expect(steps[5].rows.find((r) => String(r.item).startsWith("liquidatable"))).toMatchObject({ wasm: true, pm: true });
    const v = Object.fromEntries(steps[6].rows.map((r) => [r.item, Number(r.value)]));
    expect(v["positions liquidated"]).toBe(3);
    expect(v["debt retired (USD)"]).toBeGreaterThan(0);
    // Exact to the cent: payouts are rounded down by at most one token unit per token.
    expect(Math.abs(v["liquidator gain (USD, at oracle prices)"] - v["bonus (5% of debt retired)"])).toBeLessThanOrEqual(0.01);
    expect(v["bonus (5% of debt retired)"]).toBeCloseTo(v["debt retired (USD)"] * 0.05, 1);
    expect(v["returned to alice (USD)"]).toBeGreaterThan(0);
    expect(v["bad debt (USD)"]).toBe(0);
  });
});

describe("the package's contract ABIs (itos-core/abis)", () => {
  it("drive the deployed contracts through ethers", async () => {
    const { ethers } = await hre.network.create();
    const { system } = await runScenario({
      ethers: ethers as any,
      signers: (await ethers.getSigners()).slice(0, 5),
      increaseTime: async (s) => {
        await ethers.provider.send("evm_increaseTime", [s]);
        await ethers.provider.send("evm_mine", []);
      },
      onStep: () => {},
      log: () => {},
    });
    const pm = new ethers.Contract(await system.pm.getAddress(), portfolioManagerAbi as any, ethers.provider);
    const pool = new ethers.Contract(await system.pool.getAddress(), twoSidedPoolAbi as any, ethers.provider);
    const bob = (await ethers.getSigners())[2].address;
    expect((await pm.positions(bob, 0)).length).toBe(2); // bob's two maker positions
    expect(await pool.liquidity()).toBe(await system.pool.liquidity());
    expect(await pm.liquidationBonusPips()).toBe(50_000n);
  });
});
