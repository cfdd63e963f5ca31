// 2sAMM maker and taker positions in the Portfolio Manager: Records against independent amounts
// (the Wasm SqrtPriceMath / TickMath twins), margin checks, settlement on uninstall, access control.
import { beforeAll, describe, expect, it } from "vitest";
import { init, Solvency, SqrtPriceMath, TickMath } from "../../bindings/index.js";
import { deploySystem, E18, HOUR, System, vX64 } from "./fixture.js";

let s: System;
let A: any, B: any, pool: any, lens: any, makers: any, takers: any, factory: any;
let t0: string, t1: string;
const LOWER = -600, UPPER = 600;
const Q96 = 1n << 96n;

beforeAll(async () => {
  await init();
  s = await deploySystem();
  const { ethers, gov, pm, mm, alice, bob } = s;
  // Two 18-decimal blue-chips at 1 USD, so raw amounts compare directly.
  A = await ethers.deployContract("TestERC20", ["A", "A", 18]);
  B = await ethers.deployContract("TestERC20", ["B", "B", 18]);
  const walk = await ethers.deployContract("PremiumWalk");
  const oracle = await ethers.deployContract("Oracle");
  factory = await ethers.deployContract("TwoSidedPoolFactory", [gov.address], {
    libraries: {
      "project/contracts/libraries/PremiumWalk.sol:PremiumWalk": await walk.getAddress(),
      "project/contracts/libraries/Oracle.sol:Oracle": await oracle.getAddress(),
    },
  });
  lens = await ethers.deployContract("TwoSidedPoolLens");
  makers = await ethers.deployContract("TwoSidedMakerProducer", [await pm.getAddress(), await lens.getAddress(), await factory.getAddress()]);
  takers = await ethers.deployContract("TwoSidedTakerProducer", [await pm.getAddress(), await lens.getAddress(), await factory.getAddress(), gov.address]);
  await pm.setProducer(await makers.getAddress(), true);
  await pm.setProducer(await takers.getAddress(), true);
  await factory.setTaker(await takers.getAddress(), true);
  const model = { baseRateX64: (1n << 64n) / 1_000_000_000n, slope1X64: 0n, kinkX64: 1n << 63n, slope2X64: 0n, reserveShareX64: 0n };
  for (const t of [A, B]) {
    const feed = await ethers.deployContract("MockAggregator", [8, 1_00000000n]);
    await pm.setToken(await t.getAddress(), vX64(105n, 100n), false, await feed.getAddress(), 24 * HOUR);
    await mm.listMarket(await t.getAddress(), model);
    for (const w of [alice, bob]) {
      await t.mint(w.address, 10n ** 30n);
      for (const spender of [makers, pm, s.deposits]) await t.connect(w).approve(await spender.getAddress(), ethers.MaxUint256);
    }
  }
  const config = { tickSpacing: 60, minFeePips: 3000, midFeePips: 3000, maxFeePips: 3000, takerCapPips: 700_000, protocolFeePips: 0, moneyMarket: await mm.getAddress() };
  await factory.createPool(await A.getAddress(), await B.getAddress(), config);
  pool = await ethers.getContractAt("TwoSidedPool", await factory.getPool(await A.getAddress(), await B.getAddress(), config));
  await pool.initialize(Q96);
  [t0, t1] = [await pool.token0(), await pool.token1()];
});

const last = async (p: any) => p.lastAssetId();

describe("2sAMM producers", () => {
  it("a maker position's Record is the liquidity's token amounts", async () => {
    const { pm, bob } = s;
    const id = await pm.portfolioCount(bob.address);
    await pm.connect(bob).openPortfolio();
    const L = 10n ** 22n;
    await makers.connect(bob).mint(await pool.getAddress(), LOWER, UPPER, L, id);
    const rec = await makers.record(await last(makers));
    // At price 1 (tick 0) inside [-600, 600): amount0 = L(1/sqrtP - 1/sqrtUpper), amount1 = L(sqrtP - sqrtLower), rounded down.
    const sqrtLower = TickMath.getSqrtRatioAtTick(LOWER), sqrtUpper = TickMath.getSqrtRatioAtTick(UPPER);
    expect([...rec.tokens]).toEqual([t0, t1]);
    expect(rec.credit[0]).toBe(SqrtPriceMath.getAmount0Delta(Q96, sqrtUpper, L, false));
    expect(rec.credit[1]).toBe(SqrtPriceMath.getAmount1Delta(sqrtLower, Q96, L, false));
    expect([...rec.debt, ...rec.delta]).toEqual([0n, 0n, 0n, 0n]);
    expect(await pm.isSolvent(bob.address, id)).toBe(true);
  });

  it("a taker needs margin; its Record is lent credit, return debt and a price-move delta", async () => {
    const { pm, alice } = s;
    const id = await pm.portfolioCount(alice.address);
    await pm.connect(alice).openPortfolio();
    const L = 5n * 10n ** 21n;
    await expect(takers.connect(alice).take(await pool.getAddress(), LOWER, UPPER, L, id)).rejects.toThrow(/Insolvent/);
    await s.deposits.connect(alice).deposit(await A.getAddress(), 10n ** 22n, id); // margin
    await takers.connect(alice).take(await pool.getAddress(), LOWER, UPPER, L, id);
    const asset = await last(takers);
    const rec = await takers.record(asset);
    const sqrtLower = TickMath.getSqrtRatioAtTick(LOWER), sqrtUpper = TickMath.getSqrtRatioAtTick(UPPER);
    const ret0 = SqrtPriceMath.getAmount0Delta(Q96, sqrtUpper, L, true);
    const ret1 = SqrtPriceMath.getAmount1Delta(sqrtLower, Q96, L, true);
    // Lent: what a burn releases now (rounded down), supplied to the money market at index 1.
    expect(rec.credit[0]).toBeLessThanOrEqual(ret0);
    expect(ret0 - rec.credit[0]).toBeLessThanOrEqual(2n);
    expect(ret1 - rec.credit[1]).toBeLessThanOrEqual(2n);
    // Debt: the return amounts (no swap yet: no fees; premium accrues with time, so at least that).
    expect(rec.debt[0]).toBeGreaterThanOrEqual(ret0);
    expect(rec.debt[1]).toBeGreaterThanOrEqual(ret1);
    // Delta: 1000 ticks down leaves the range (all token0 over [-600, 600)); 1000 up, all token1.
    expect(rec.delta[0]).toBe(SqrtPriceMath.getAmount0Delta(sqrtLower, sqrtUpper, L, true) - ret0);
    expect(rec.delta[1]).toBe(SqrtPriceMath.getAmount1Delta(sqrtLower, sqrtUpper, L, true) - ret1);
    // A narrower move (governance, per pool): 100 ticks down stays in range.
    await takers.setDeltaTicks(await pool.getAddress(), 100);
    const rec2 = await takers.record(asset);
    expect(rec2.delta[0]).toBe(SqrtPriceMath.getAmount0Delta(TickMath.getSqrtRatioAtTick(-100), sqrtUpper, L, true) - ret0);
    expect(rec2.delta[1]).toBe(SqrtPriceMath.getAmount1Delta(sqrtLower, TickMath.getSqrtRatioAtTick(100), L, true) - ret1);
    // One asset per (pool, range).
    await expect(takers.connect(alice).take(await pool.getAddress(), LOWER, UPPER, 1n, id)).rejects.toThrow(/RangeInUse/);

    // The PM's breakdown equals the Wasm Solvency.check on the same Records.
    const recs = (await pm.records(alice.address, id)).map((r: any) => ({ tokens: [...r.tokens], credit: [...r.credit], debt: [...r.debt], delta: [...r.delta] }));
    const info = { varianceX64: vX64(105n, 100n), tail: false, decimals: 18 };
    const price = { answer: 1_00000000n, decimals: 8 };
    const w = Solvency.check(recs, { [t0]: info, [t1]: info }, { [t0]: price, [t1]: price }, { tailRecordUsdDebt: 0n });
    const b = await pm.breakdown(alice.address, id);
    expect(w.usdNet).toBe(b.usdNet);
    expect(w.solvent).toBe(b.solvent);

    // Uninstall: the reservation is released; the shortfall is collected from alice through settle.
    const before0 = await (await s.ethers.getContractAt("TestERC20", t0)).balanceOf(alice.address);
    const before1 = await (await s.ethers.getContractAt("TestERC20", t1)).balanceOf(alice.address);
    await pm.connect(alice).uninstall(id, await takers.getAddress(), asset);
    const paid0 = before0 - (await (await s.ethers.getContractAt("TestERC20", t0)).balanceOf(alice.address));
    const paid1 = before1 - (await (await s.ethers.getContractAt("TestERC20", t1)).balanceOf(alice.address));
    // She pays what the lent tokens do not cover: rounding and premium, a few wei at most here.
    expect(paid0).toBeGreaterThanOrEqual(0n);
    expect(paid1).toBeGreaterThanOrEqual(0n);
    expect(paid0 + paid1).toBeLessThan(10n ** 15n);
    await expect(takers.record(asset)).rejects.toThrow(/UnknownAsset/);
  });

  it("a maker uninstall returns the tokens to the owner", async () => {
    const { pm, bob } = s;
    const id = (await pm.portfolioCount(bob.address)) - 1n;
    const asset = await last(makers);
    const rec = await makers.record(asset);
    const c0 = await s.ethers.getContractAt("TestERC20", t0), c1 = await s.ethers.getContractAt("TestERC20", t1);
    const b0 = await c0.balanceOf(bob.address), b1 = await c1.balanceOf(bob.address);
    await pm.connect(bob).uninstall(id, await makers.getAddress(), asset);
    // The Record's credits (amounts plus owed fees and premiums) are what the owner receives.
    expect((await c0.balanceOf(bob.address)) - b0).toBeGreaterThanOrEqual(rec.credit[0]);
    expect((await c1.balanceOf(bob.address)) - b1).toBeGreaterThanOrEqual(rec.credit[1]);
    expect((await pm.positions(bob.address, id)).length).toBe(0);
  });

  it("an insolvent taker portfolio is liquidated through the pool's callback", async () => {
    const { pm, alice, bob, ethers } = s;
    const id = await pm.portfolioCount(alice.address);
    await pm.connect(alice).openPortfolio();
    const L = 4n * 10n ** 21n;
    const bobId = await pm.portfolioCount(bob.address);
    await pm.connect(bob).openPortfolio();
    await makers.connect(bob).mint(await pool.getAddress(), LOWER, UPPER, 10n ** 22n, bobId); // liquidity to reserve
    // Margin in WETH (v 1.02 at 2000 USD), then a reservation whose delta needs it.
    await s.deposits.connect(alice).deposit(await s.tokens.WETH.getAddress(), 10n ** 17n, id); // 200 USD
    await takers.connect(alice).take(await pool.getAddress(), LOWER, UPPER, L, id);
    expect(await pm.isSolvent(alice.address, id)).toBe(true);
    await s.feeds.WETH.setAnswer(20_00000000n); // the margin collapses
    const b = await pm.breakdown(alice.address, id);
    expect(b.solvent).toBe(false);
    for (const t of [A, B]) await t.connect(bob).approve(await pm.getAddress(), ethers.MaxUint256);
    const c0 = await ethers.getContractAt("TestERC20", t0), c1 = await ethers.getContractAt("TestERC20", t1);
    const before = [await c0.balanceOf(bob.address), await c1.balanceOf(bob.address)];
    await pm.connect(bob).liquidate(alice.address, id, 3n);
    expect((await pm.positions(alice.address, id)).length).toBe(0);
    // The liquidator paid the release's shortfall (rounding and premium: a few wei) through settle.
    const paid0 = before[0] - (await c0.balanceOf(bob.address)), paid1 = before[1] - (await c1.balanceOf(bob.address));
    expect(paid0 >= 0n && paid1 >= 0n).toBe(true);
    expect(paid0 + paid1).toBeLessThan(10n ** 15n);
    await s.feeds.WETH.setAnswer(2000_00000000n);
  });

  it("refuses strangers", async () => {
    const st = s.stranger;
    await expect(makers.connect(st).payForHolder(t0, st.address, 1n)).rejects.toThrow(/NotHolder/);
    await expect(takers.connect(st).twoSidedTakerCallback(1n, 1n, "0x")).rejects.toThrow(/NotReleasing/);
    await expect(makers.connect(st).destroy(1n, st.address)).rejects.toThrow(/NotPortfolioManager/);
    await expect(takers.connect(st).destroy(1n, st.address)).rejects.toThrow(/NotPortfolioManager/);
    await expect(takers.connect(st).setDeltaTicks(await pool.getAddress(), 5)).rejects.toThrow(/NotOwner/);
    const id = await s.pm.portfolioCount(s.bob.address);
    await s.pm.connect(s.bob).openPortfolio();
    await makers.connect(s.bob).mint(await pool.getAddress(), LOWER, UPPER, 10n ** 18n, id);
    const holder = await s.ethers.getContractAt("MakerHolder", (await makers.makers(await last(makers))).holder, st);
    await expect(holder.close(LOWER, UPPER, st.address)).rejects.toThrow(/Unauthorized/);
    await expect(holder.mint(LOWER, UPPER, 1n)).rejects.toThrow(/Unauthorized/);
    await expect(holder.twoSidedMintCallback(1n, 1n, "0x")).rejects.toThrow(/Unauthorized/);
  });
});
