// Pool.fromChain rebuilds a Wasm pool from a deployed 2sAMM pool; its quotes
// must equal what the contract then executes, to the wei.
import hre from "hardhat";
import { beforeAll, describe, expect, it } from "vitest";
import { ChainReadError, init, Pool, TickMath } from "../../bindings/index.js";
import { SNAPSHOT_PARTS } from "../../bindings/src/chain.js";
import { deploy, deployMoneyMarket, deployPool, deployTokens } from "../../scripts/lib/system.js";

describe("Pool.fromChain", () => {
  let ethers: any, signer: any, pool: any, router: any, factory: any, tokens: any;

  beforeAll(async () => {
    await init();
    ({ ethers } = await hre.network.create());
    [signer] = await ethers.getSigners();
    tokens = await deployTokens(ethers, signer);
    const mm = await deployMoneyMarket(ethers, signer, [tokens.weth, tokens.usdc]);
    ({ pool, factory } = await deployPool(ethers, signer, tokens.weth, tokens.usdc, mm, TickMath.getSqrtRatioAtTick(0)));
    router = await deploy(ethers, signer, "PoolRouter");
    const r = await router.getAddress();
    for (const t of [tokens.weth, tokens.usdc]) await (await t.mint(r, 10n ** 40n)).wait();
    await (await factory.setTaker(r, true)).wait();
    const p = await pool.getAddress();
    // Makers over several ranges, then a taker: both nets appear in the ticks.
    for (const [lo, hi, l] of [[-887220, 887220, 10n ** 18n], [-600, 600, 5n * 10n ** 18n], [-1800, -120, 3n * 10n ** 18n], [240, 3000, 2n * 10n ** 18n]] as const) {
      await (await router.mint(p, r, lo, hi, l)).wait();
    }
    await (await router.take(p, -300, 300, 2n * 10n ** 18n)).wait();
  });

  it("reads the state, and its quotes match the executed swaps to the wei", async () => {
    const p = await pool.getAddress();
    const steps = [
      { zeroForOne: true, amountSpecified: 3n * 10n ** 17n },
      { zeroForOne: false, amountSpecified: -(4n * 10n ** 17n) },
      { zeroForOne: true, amountSpecified: 2n * 10n ** 18n },
      { zeroForOne: false, amountSpecified: 10n ** 19n },
    ];
    for (const s of steps) {
      const wasm = await Pool.fromChain(ethers.provider, p);
      try {
        const [sqrt, tick] = await pool.slot0();
        expect(wasm.sqrtPriceX96).toBe(sqrt);
        expect(wasm.tick).toBe(Number(tick));
        expect(wasm.liquidity).toBe(await pool.liquidity());
        expect(wasm.makerLiquidity).toBe(await pool.makerLiquidity());
        expect(wasm.takerLiquidity).toBe(await pool.takerLiquidity());
        const limit = s.zeroForOne ? 4295128740n : 1461446703485210103287273052203988822378723970341n;
        const q = wasm.quote({ ...s, sqrtPriceLimitX96: limit });
        const receipt = await (await router.swap(p, await signer.getAddress(), s.zeroForOne, s.amountSpecified, limit)).wait();
        const swap = receipt.logs.map((l: any) => pool.interface.parseLog(l)).find((e: any) => e?.name === "Swap");
        expect(q.amount0).toBe(swap.args.amount0);
        expect(q.amount1).toBe(swap.args.amount1);
        const [sqrtAfter, tickAfter] = await pool.slot0();
        expect(q.sqrtPriceX96).toBe(sqrtAfter);
        expect(q.tick).toBe(Number(tickAfter));
        expect(q.liquidity).toBe(await pool.liquidity());
        expect(q.feeGrowthGlobal0X128).toBe(await pool.feeGrowthGlobal0X128());
        expect(q.feeGrowthGlobal1X128).toBe(await pool.feeGrowthGlobal1X128());
      } finally {
        wasm.free();
      }
    }
  });

  it("reads a tick-spacing-1 pool (the whole 6,932-word bitmap) under the call gas cap", async () => {
    const mm = await deployMoneyMarket(ethers, signer, [tokens.weth, tokens.usdc]);
    const cfg = { tickSpacing: 1, minFeePips: 500, midFeePips: 500, maxFeePips: 500, takerCapPips: 700_000, protocolFeePips: 0 };
    const { pool: p1 } = await deployPool(ethers, signer, tokens.weth, tokens.usdc, mm, TickMath.getSqrtRatioAtTick(7), cfg, factory);
    const a = await p1.getAddress(), r = await router.getAddress();
    for (const [lo, hi] of [[-887272, 887272], [-3, 11], [-700000, 5], [6, 800001]] as const) await (await router.mint(a, r, lo, hi, 10n ** 18n)).wait();
    const wasm = await Pool.fromChain(ethers.provider, a);
    try {
      expect(wasm.getTicks().map((t) => t.tick)).toEqual([-887272, -700000, -3, 5, 6, 11, 800001, 887272]);
      const limit = 4295128740n;
      const q = wasm.quote({ zeroForOne: true, amountSpecified: 3n * 10n ** 18n, sqrtPriceLimitX96: limit });
      const rc = await (await router.swap(a, await signer.getAddress(), true, 3n * 10n ** 18n, limit)).wait();
      const ev = rc.logs.map((l: any) => p1.interface.parseLog(l)).find((e: any) => e?.name === "Swap");
      expect([q.amount0, q.amount1]).toEqual([ev.args.amount0, ev.args.amount1]);
    } finally {
      wasm.free();
    }
  });

  it("fails with a typed error for an address that is not a pool", async () => {
    await expect(Pool.fromChain(ethers.provider, await signer.getAddress())).rejects.toThrow(ChainReadError);
    await expect(Pool.fromChain(ethers.provider, "0x1234")).rejects.toThrow(ChainReadError);
  });
});
