// Pool.fromChain rebuilds a Wasm pool from a deployed 2sAMM pool; its quotes
// must equal what the contract then executes, to the wei. readPortfolio reads a portfolio's Records
// at spot and at reference prices in one call; Solvency.check on them must equal the Portfolio
// Manager's breakdown and referenceBreakdown, and a reference the PM cannot form comes back as the
// typed error of its revert.
import { Interface } from "ethers";
import hre from "hardhat";
import { beforeAll, describe, expect, it } from "vitest";
import { ChainReadError, init, InvalidPriceError, InvalidSqrtPriceError, InvalidTickError, MissingPriceError, Pool, readPortfolio, Solvency, StalePriceError, TickMath, UnknownTokenError } from "../../bindings/index.js";
import { decodeRevert, SNAPSHOT_PARTS } from "../../bindings/src/chain.js";
import { PriceDeviationError, ReferencePriceOutOfRangeError, TwapUnavailableError } from "../../bindings/src/errors.js";
import { deploy, deployMoneyMarket, deployPool, deploySystem, deployTokens } from "../../scripts/lib/system.js";
import { expectWasmAgrees } from "../producers/helpers.js";

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

describe("readPortfolio", () => {
  let ethers: any, signer: any, sys: any, router: any, owner: string;
  const agree = (id: bigint, label: string) => expectWasmAgrees({ ...sys, ethers } as any, owner, id, {}, label);

  beforeAll(async () => {
    await init();
    ({ ethers } = await hre.network.create());
    [signer] = await ethers.getSigners();
    owner = await signer.getAddress();
    sys = await deploySystem(ethers, signer);
    router = await deploy(ethers, signer, "PoolRouter");
    for (const t of Object.values(sys.tokens) as any[]) {
      for (const to of [owner, await router.getAddress()]) await (await t.mint(to, 10n ** 36n)).wait();
      for (const spender of [sys.deposits, sys.makers, sys.pm]) await (await t.approve(await spender.getAddress(), ethers.MaxUint256)).wait();
    }
    // User actions stay allowed with the spot up to 20,000 ticks from the reference.
    await (await sys.pm.setPoolReference(await sys.pool.getAddress(), 0, 20_000)).wait();
  });

  it("an empty portfolio and one without pool positions: the two valuations are one", async () => {
    await (await sys.pm.openPortfolio()).wait();
    const empty = await readPortfolio(ethers.provider, await sys.pm.getAddress(), owner, 0);
    expect([empty.records, empty.referenceRecords, empty.referenceError, empty.options]).toEqual([[], [], undefined, { tailRecordUsdDebt: 0n, referenceRecords: [] }]);
    const r = Solvency.check(empty.records, empty.tokens, empty.prices, empty.options);
    expect([r.solvent, r.liquidatable, r.failedValuation, r.spot, r.reference]).toEqual([true, false, undefined, { solvent: true, usdNet: 0n, nets: {}, failingTails: [] }, r.spot]);
    await agree(0n, "empty");
    await (await sys.deposits.deposit(await sys.tokens.WETH.getAddress(), 3n * 10n ** 18n, 0)).wait();
    const w = await agree(0n, "deposit");
    expect(w.reference).toEqual(w.spot);
  });

  it("a maker position and a borrow with the pool pushed off the feeds: spot and reference differ, each is the chain's", async () => {
    const pool = sys.pool, p = await pool.getAddress();
    const [, tick0] = await pool.slot0();
    const at = (d: number) => Math.round((Number(tick0) + d) / 60) * 60;
    await (await sys.makers.mint(p, at(-6000), at(6000), 10n ** 15n, 0)).wait();
    await (await sys.borrows.borrow(await sys.tokens.USDC.getAddress(), 5_000n * 10n ** 6n, 0)).wait();
    const before = await agree(0n, "at the feeds' price");
    // Push the spot 3,000 ticks up.
    await (await router.swap(p, await router.getAddress(), false, 10n ** 30n, TickMath.getSqrtRatioAtTick(Number(tick0) + 3000))).wait();
    const moved = await agree(0n, "pushed");
    expect(moved.spot!.usdNet).not.toBe(moved.reference!.usdNet);
    expect(moved.spot!.usdNet - moved.reference!.usdNet).toBeGreaterThan(before.spot!.usdNet - before.reference!.usdNet);
    const snap = await readPortfolio(ethers.provider, await sys.pm.getAddress(), owner, 0n);
    expect(snap.referenceRecords!.map((r) => r.tokens)).toEqual(snap.records.map((r) => r.tokens));
    expect(snap.options.referenceRecords).toBe(snap.referenceRecords);
  });

  it("fails with ChainReadError when the spot read itself fails (a held blue-chip's stale price), as pm.breakdown does", async () => {
    await ethers.provider.send("evm_increaseTime", [2 * 86_400]);
    await ethers.provider.send("evm_mine", []);
    await expect(sys.pm.breakdown(owner, 0)).rejects.toThrow(/StalePrice/);
    await expect(readPortfolio(ethers.provider, await sys.pm.getAddress(), owner, 0)).rejects.toThrow(ChainReadError);
    await expect(readPortfolio(ethers.provider, "0x1234", owner, 0)).rejects.toThrow(ChainReadError);
  });

  it("decodes the revert of a reference valuation to the typed error named after the Solidity error", () => {
    const pool = "0x00000000000000000000000000000000000000aa", token = "0x00000000000000000000000000000000000000bb";
    const iface = new Interface([
      "error TwapUnavailable(address pool, uint32 window)",
      "error PriceDeviation(address pool, int24 spotTick, int24 referenceTick)",
      "error ReferencePriceOutOfRange()",
      "error MissingPrice(address token)",
      "error StalePrice(address token, uint256 updatedAt)",
      "error InvalidPrice(address token)",
      "error UnknownToken(address token)",
      "error InvalidTick()",
      "error InvalidSqrtPrice()",
      "error Insolvent(address owner, uint256 portfolioId, uint8 valuation, int256 usdNet)",
    ]);
    const at = (name: string, args: unknown[] = []) => decodeRevert(iface.encodeErrorResult(name, args), "here");
    const twap = at("TwapUnavailable", [pool, 1800]) as TwapUnavailableError;
    expect(twap).toBeInstanceOf(TwapUnavailableError);
    expect([twap.pool, twap.window, twap.shortMessage.split(":")[0], twap.details]).toEqual([pool, 1800, "TwapUnavailable", `here: TwapUnavailable(${pool}, 1800)`]);
    const dev = at("PriceDeviation", [pool, -887272, 12]) as PriceDeviationError;
    expect(dev).toBeInstanceOf(PriceDeviationError);
    expect([dev.pool, dev.spotTick, dev.referenceTick]).toEqual([pool, -887272, 12]);
    expect(at("ReferencePriceOutOfRange")).toBeInstanceOf(ReferencePriceOutOfRangeError);
    expect(at("MissingPrice", [token])).toBeInstanceOf(MissingPriceError);
    const stale = at("StalePrice", [token, 77n]);
    expect(stale).toBeInstanceOf(StalePriceError);
    expect(stale.details).toBe(`here: StalePrice(${token}, 77)`);
    expect(at("InvalidPrice", [token])).toBeInstanceOf(InvalidPriceError);
    expect(at("UnknownToken", [token])).toBeInstanceOf(UnknownTokenError);
    expect(at("InvalidTick")).toBeInstanceOf(InvalidTickError);
    expect(at("InvalidSqrtPrice")).toBeInstanceOf(InvalidSqrtPriceError);
    // Anything else keeps its raw data; a revert without data says so.
    const other = iface.encodeErrorResult("Insolvent", [token, 1n, 1, -5n]);
    expect(decodeRevert(other, "here")).toBeInstanceOf(ChainReadError);
    expect(decodeRevert(other, "here").details).toBe(`revert data ${other}`);
    expect(decodeRevert("0x", "here").details).toBe("without data");
    // A known selector with its arguments cut off is not decoded.
    expect(decodeRevert(iface.encodeErrorResult("TwapUnavailable", [pool, 1]).slice(0, 12), "here")).toBeInstanceOf(ChainReadError);
  });
});

