// MakerTakerBundler on a deployed 2sAMM pool: its Record against the pool lens and an independent
// delta computation (Wasm TickMath / SqrtPriceMath), the collateral it needs next to the same two
// legs installed separately through the maker and taker producers (printed side by side), atomic
// open / close, liquidation, access control, and Solvency.check against the PM's breakdown.
import { beforeAll, describe, expect, it } from "vitest";
import { init, SqrtPriceMath, TickMath } from "../../bindings/index.js";
import { deploySystem, System } from "../pm/fixture.js";
import { deployTwoSided } from "../pm/twoSided.js";
import { deployFactory } from "../../scripts/lib/system.js";
import { expectWasmAgrees } from "./helpers.js";

let s: System;
let A: any, B: any, feedA: any, feedB: any, pool: any, lens: any, makers: any, takers: any, bundler: any, router: any;
let t0: string, t1: string, POOL: string, BUNDLER: string;
let extra: Record<string, { token: any; feed: any }>;
const E18 = 10n ** 18n;
const M_LO = -1200, M_HI = 1200, T_LO = -600, T_HI = 600;
// A taker hedged by a wider, smaller maker: the bundle is net short liquidity and needs margin.
const LM = 4_000n * E18, LT = 10_000n * E18;

beforeAll(async () => {
  await init();
  s = await deploySystem();
  const { pm } = s;
  ({ A, B, feedA, feedB, pool, POOL, lens, makers, takers, bundler, router, t0, t1 } = await deployTwoSided(s));
  BUNDLER = await bundler.getAddress();
  extra = { A: { token: A, feed: feedA }, B: { token: B, feed: feedB } };
  // Background depth from another maker.
  await router.mint(POOL, await router.getAddress(), -6000, 6000, 200_000n * E18);
  // These tests swap the pool far from its feeds on purpose (to exercise the Record at many prices); the
  // spot-to-reference guard on user actions is tested in test/pm/PriceManipulation.test.ts.
  await pm.setPoolReference(POOL, 0, 20_000);
});

async function open(who: any): Promise<bigint> {
  const id = await s.pm.portfolioCount(who.address);
  await s.pm.connect(who).openPortfolio();
  return id;
}
const bundle = (over: Partial<Record<string, unknown>> = {}) => ({ pool: POOL, makerLower: M_LO, makerUpper: M_HI, takerLower: T_LO, takerUpper: T_HI, makerLiquidity: LM, takerLiquidity: LT, ...over });
const plain = (r: any): { tokens: string[]; credit: bigint[]; debt: bigint[]; delta: bigint[] } => ({ tokens: [...r.tokens], credit: [...r.credit], debt: [...r.debt], delta: [...r.delta] });

/** Amounts of `L` over [lo, hi) at sqrt price x (the pool's formulas, via the Wasm twins). */
function amountsAt(x: bigint, lo: number, hi: number, L: bigint, up: boolean): [bigint, bigint] {
  const sl = TickMath.getSqrtRatioAtTick(lo), su = TickMath.getSqrtRatioAtTick(hi);
  if (x <= sl) return [SqrtPriceMath.getAmount0Delta(sl, su, L, up), 0n];
  if (x < su) return [SqrtPriceMath.getAmount0Delta(x, su, L, up), SqrtPriceMath.getAmount1Delta(sl, x, L, up)];
  return [0n, SqrtPriceMath.getAmount1Delta(sl, su, L, up)];
}

/** Independent bundle Record: the lens's legs netted per token, and the delta by scanning the move. */
async function expectedRecord(lm = LM, lt = LT, moveTicks = 1000) {
  const m: any = await lens.makerValue(POOL, BUNDLER, M_LO, M_HI);
  const t: any = await lens.takerValue(POOL, BUNDLER, T_LO, T_HI);
  const c: bigint[] = [m.amount0 + m.owed0 + t.lent0, m.amount1 + m.owed1 + t.lent1] as bigint[];
  const d: bigint[] = [t.returnAmount0 + t.debt0, t.returnAmount1 + t.debt1] as bigint[];
  const credit = c.map((x, i) => (x > d[i] ? x - d[i] : 0n));
  const debt = c.map((x, i) => (d[i] > x ? d[i] - x : 0n));
  const tick = Number((await pool.slot0()).tick);
  const now: bigint[] = [(t.returnAmount0 as bigint) - (m.amount0 as bigint), (t.returnAmount1 as bigint) - (m.amount1 as bigint)];
  const net = (x: bigint) => {
    const r = amountsAt(x, T_LO, T_HI, lt, true), k = amountsAt(x, M_LO, M_HI, lm, false);
    return [r[0] - k[0], r[1] - k[1]];
  };
  // Every tick of the move, not just the kinks: an independent (and slower) search for the worst.
  const max = (a: bigint, b: bigint) => (a > b ? a : b);
  let w0: bigint = now[0], w1: bigint = now[1];
  for (let k = 1; k <= moveTicks; k++) {
    w0 = max(w0, net(TickMath.getSqrtRatioAtTick(tick - k))[0]);
    w1 = max(w1, net(TickMath.getSqrtRatioAtTick(tick + k))[1]);
  }
  return { tokens: [t0, t1], credit, debt, delta: [w0 - now[0], w1 - now[1]] };
}

describe("MakerTakerBundler", () => {
  let bundleId: bigint, assetId: bigint;

  it("needs less collateral than the same maker and taker installed separately", async () => {
    const { pm, alice } = s;
    const A_ = await A.getAddress();
    const separate = await open(alice), bundled = await open(alice);
    for (const id of [separate, bundled]) await s.deposits.connect(alice).deposit(A_, 10_000n * E18, id);
    const base: bigint = (await pm.breakdown(alice.address, separate)).usdNet;
    expect((await pm.breakdown(alice.address, bundled)).usdNet).toBe(base);

    const g1 = (await (await makers.connect(alice).mint(POOL, M_LO, M_HI, LM, separate)).wait()).gasUsed;
    const g2 = (await (await takers.connect(alice).take(POOL, T_LO, T_HI, LT, separate)).wait()).gasUsed;
    const g3 = (await (await bundler.connect(alice).open(bundle(), bundled)).wait()).gasUsed;
    console.log(`gas to open: maker ${g1} + taker ${g2} = ${g1 + g2} separately, bundle ${g3}`);
    bundleId = bundled;
    assetId = await bundler.lastAssetId();

    const sep: bigint = (await pm.breakdown(alice.address, separate)).usdNet;
    const bun: bigint = (await pm.breakdown(alice.address, bundled)).usdNet;
    // Collateral the legs consume: the fall of the portfolio's USD net (virtual value) when they are added.
    const needSep = base - sep, needBun = base - bun;
    const recs = (await pm.records(alice.address, separate)).map(plain);
    const brec = plain(await bundler.record(assetId));
    const usd = (x: bigint) => (Number(x) / 1e18).toFixed(2);
    console.log(
      [
        `maker [${M_LO}, ${M_HI}) L=${LM / E18}e18 + taker [${T_LO}, ${T_HI}) L=${LT / E18}e18, tokens at 1 USD, v = 1.05, move 1000 ticks`,
        `separately: maker credit ${recs[1].credit.map(usd)}; taker credit ${recs[2].credit.map(usd)} debt ${recs[2].debt.map(usd)} delta ${recs[2].delta.map(usd)}`,
        `bundle:     credit ${brec.credit.map(usd)} debt ${brec.debt.map(usd)} delta ${brec.delta.map(usd)}`,
        `collateral used (USD of virtual value): separately ${usd(needSep)}, bundle ${usd(needBun)} (${((Number(needBun) / Number(needSep)) * 100).toFixed(1)}%)`,
      ].join("\n"),
    );
    expect(needSep).toBeGreaterThan(0n);
    expect(needBun).toBeLessThan(needSep);
    // The bundle's delta is at most the taker's alone (the maker leg offsets it).
    expect(brec.delta[0]).toBeLessThanOrEqual(recs[2].delta[0]);
    expect(brec.delta[1]).toBeLessThanOrEqual(recs[2].delta[1]);
    await expectWasmAgrees(s, alice.address, separate, extra);
    await expectWasmAgrees(s, alice.address, bundled, extra);
  });

  it("the Record is the lens's legs netted in kind, with the delta of the bundle over the whole move", async () => {
    expect(plain(await bundler.record(assetId))).toEqual(await expectedRecord());
    // Swaps move the price through the ranges and accrue fees and premiums; compare again each time.
    const steps: [boolean, bigint][] = [[true, 3_000n * E18], [false, 7_000n * E18], [false, 2_500n * E18], [true, 1_000n * E18]];
    for (const [zeroForOne, amount] of steps) {
      const limit = zeroForOne ? 4295128740n : 1461446703485210103287273052203988822378723970341n;
      await router.swap(POOL, await router.getAddress(), zeroForOne, amount, limit);
      expect(plain(await bundler.record(assetId))).toEqual(await expectedRecord());
      await expectWasmAgrees(s, s.alice.address, bundleId, extra);
    }
    // A narrower move (governance): the delta follows.
    await bundler.setDeltaTicks(POOL, 300);
    expect(plain(await bundler.record(assetId))).toEqual(await expectedRecord(LM, LT, 300));
    await bundler.setDeltaTicks(POOL, 1000);
  });

  it("a real price move within deltaTicks costs the bundle less than its delta", async () => {
    for (const [zeroForOne, sign] of [[true, -1], [false, 1]] as [boolean, number][]) {
      const before = plain(await bundler.record(assetId));
      const tick = Number((await pool.slot0()).tick);
      // Move the price 900 ticks (of the 1000 the delta covers) with one large swap to a price limit.
      const limit = TickMath.getSqrtRatioAtTick(tick + sign * 900);
      await router.swap(POOL, await router.getAddress(), zeroForOne, 10n ** 27n, limit);
      expect(Math.abs(Number((await pool.slot0()).tick) - tick)).toBeGreaterThanOrEqual(899);
      const after = plain(await bundler.record(assetId));
      // The token whose owed amount grows: token0 when the price falls, token1 when it rises.
      const i = zeroForOne ? 0 : 1;
      const lost = before.credit[i] - before.debt[i] - (after.credit[i] - after.debt[i]);
      console.log(`price ${zeroForOne ? "down" : "up"} 900 ticks: token${i} net fell ${lost}, delta was ${before.delta[i]}`);
      expect(lost).toBeGreaterThan(0n);
      expect(lost).toBeLessThanOrEqual(before.delta[i]);
      await expectWasmAgrees(s, s.alice.address, bundleId, extra);
    }
  });

  it("uninstall closes both legs at once and pays the owner the net", async () => {
    const { pm, alice } = s;
    const rec = plain(await bundler.record(assetId));
    const c0 = await s.ethers.getContractAt("TestERC20", t0), c1 = await s.ethers.getContractAt("TestERC20", t1);
    const b0: bigint = await c0.balanceOf(alice.address), b1: bigint = await c1.balanceOf(alice.address);
    const tx = await pm.connect(alice).uninstall(bundleId, BUNDLER, assetId);
    console.log(`bundle uninstall gas ${(await tx.wait()).gasUsed}`);
    const names = (await tx.wait()).logs.map((l: any) => { try { return bundler.interface.parseLog(l)?.name; } catch { return undefined; } }).filter(Boolean);
    expect(names).toEqual(["AssetDestroyed", "BundleClosed"]);
    const got0 = (await c0.balanceOf(alice.address)) - b0, got1 = (await c1.balanceOf(alice.address)) - b1;
    // The owner's net receipt is the Record's net, up to one block of premium and interest (< 1e-6).
    for (const [got, i] of [[got0, 0], [got1, 1]] as [bigint, number][]) {
      const net: bigint = rec.credit[i] - rec.debt[i];
      const diff = got > net ? got - net : net - got;
      expect(diff * 10n ** 6n).toBeLessThan(rec.credit[i] + rec.debt[i] + 1n);
    }
    expect((await lens.makerValue(POOL, BUNDLER, M_LO, M_HI)).liquidity).toBe(0n);
    expect((await lens.takerValue(POOL, BUNDLER, T_LO, T_HI)).liquidity).toBe(0n);
    expect(await c0.balanceOf(BUNDLER)).toBe(0n);
    expect(await c1.balanceOf(BUNDLER)).toBe(0n);
    await expect(bundler.record(assetId)).rejects.toThrow(/UnknownAsset/);
  });

  it("a bundle whose own maker backs its reservation closes taker first, the owner advancing the return", async () => {
    const { pm, alice } = s;
    const id = await open(alice);
    await s.deposits.connect(alice).deposit(await A.getAddress(), 10_000n * E18, id);
    // No other maker above tick 6000: the reservation sits on the bundle's own liquidity, so the maker
    // leg cannot be burnt while the reservation exists.
    const b = bundle({ makerLower: 6600, makerUpper: 9000, takerLower: 7200, takerUpper: 7800, makerLiquidity: 1_000n * E18, takerLiquidity: 600n * E18 });
    await bundler.connect(alice).open(b, id);
    const asset = await bundler.lastAssetId();
    const rec = plain(await bundler.record(asset));
    const c0 = await s.ethers.getContractAt("TestERC20", t0), c1 = await s.ethers.getContractAt("TestERC20", t1);
    const b0: bigint = await c0.balanceOf(alice.address), b1: bigint = await c1.balanceOf(alice.address);
    const tx = await pm.connect(alice).uninstall(id, BUNDLER, asset);
    const logs = (await tx.wait()).logs.map((l: any) => { try { return pool.interface.parseLog(l)?.name; } catch { return undefined; } }).filter(Boolean);
    // Release before Burn: the taker went first.
    expect(logs.indexOf("Release")).toBeLessThan(logs.indexOf("Burn"));
    const got0 = (await c0.balanceOf(alice.address)) - b0, got1 = (await c1.balanceOf(alice.address)) - b1;
    for (const [got, i] of [[got0, 0], [got1, 1]] as [bigint, number][]) {
      const net: bigint = rec.credit[i] - rec.debt[i];
      const diff = got > net ? got - net : net - got;
      expect(diff * 10n ** 6n).toBeLessThanOrEqual(rec.credit[i] + rec.debt[i] + 10n ** 6n);
    }
    expect((await lens.makerValue(POOL, BUNDLER, 6600, 9000)).liquidity).toBe(0n);
    expect((await lens.takerValue(POOL, BUNDLER, 7200, 7800)).liquidity).toBe(0n);
    expect(await c0.balanceOf(BUNDLER)).toBe(0n);
    expect(await c1.balanceOf(BUNDLER)).toBe(0n);
  });

  it("a liquidation closes the bundle; the liquidator pays the borrow and is paid from the bundle's net", async () => {
    const { pm, alice, bob } = s;
    const id = await open(alice);
    await s.deposits.connect(alice).deposit(await A.getAddress(), 5_000n * E18, id);
    await bundler.connect(alice).open(bundle(), id);
    const asset = await bundler.lastAssetId();
    // Borrow B for 70% of the remaining margin, then A (the collateral) falls 35%.
    const margin: bigint = (await pm.breakdown(alice.address, id)).usdNet;
    await s.borrows.connect(alice).borrow(await B.getAddress(), (margin * 70n) / 105n, id);
    expect(await pm.isSolvent(alice.address, id)).toBe(true);
    await feedA.setAnswer(65_000000n);
    expect(await pm.isSolvent(alice.address, id)).toBe(false);
    expect((await expectWasmAgrees(s, alice.address, id, extra)).solvent).toBe(false);
    for (const t of [A, B]) await t.connect(bob).approve(await pm.getAddress(), s.ethers.MaxUint256);
    const tx = await pm.connect(bob).liquidate(alice.address, id, 0b111n);
    const ev = (await tx.wait()).logs.map((l: any) => { try { return pm.interface.parseLog(l); } catch { return null; } }).find((e: any) => e?.name === "Liquidated");
    expect(ev.args.badDebtUsd).toBe(0n);
    expect(ev.args.paidUsd).toBeGreaterThan(ev.args.debtUsd);
    expect((await pm.positions(alice.address, id)).length).toBe(0);
    expect((await lens.takerValue(POOL, BUNDLER, T_LO, T_HI)).liquidity).toBe(0n);
    expect(await A.balanceOf(BUNDLER)).toBe(0n);
    expect(await B.balanceOf(BUNDLER)).toBe(0n);
    await expect(bundler.record(asset)).rejects.toThrow(/UnknownAsset/);
    await feedA.setAnswer(1_00000000n);
  });

  it("refuses strangers, reused ranges, zero liquidity and bad parameters", async () => {
    const st = s.stranger;
    await expect(bundler.connect(st).destroy(1n, st.address)).rejects.toThrow(/NotPortfolioManager/);
    await expect(bundler.connect(st).twoSidedTakerCallback(1n, 1n, "0x")).rejects.toThrow(/Unauthorized/);
    await expect(bundler.connect(st).twoSidedMintCallback(1n, 1n, "0x")).rejects.toThrow(/Unauthorized/);
    await expect(bundler.connect(st).setDeltaTicks(POOL, 5)).rejects.toThrow(/NotOwner/);
    await expect(bundler.setDeltaTicks(POOL, 0)).rejects.toThrow(/InvalidDeltaTicks/);
    await expect(bundler.setDeltaTicks(POOL, 887273)).rejects.toThrow(/InvalidDeltaTicks/);
    const id = await open(s.alice);
    await s.deposits.connect(s.alice).deposit(await A.getAddress(), 10_000n * E18, id);
    await expect(bundler.connect(s.alice).open(bundle({ takerLiquidity: 0n }), id)).rejects.toThrow(/ZeroAmount/);
    // Only pools of the trusted factory: a look-alike (here the router, or an account) is refused.
    await expect(bundler.connect(s.alice).open(bundle({ pool: await router.getAddress() }), id)).rejects.toThrow();
    await expect(bundler.connect(s.alice).open(bundle({ pool: st.address }), id)).rejects.toThrow(/UnknownPool/);
    const other: any = await deployFactory(s.ethers as any, s.gov);
    const cfg = { tickSpacing: 60, minFeePips: 3000, midFeePips: 3000, maxFeePips: 3000, takerCapPips: 700_000, protocolFeePips: 0, moneyMarket: await s.mm.getAddress() };
    await other.createPool(await A.getAddress(), await B.getAddress(), cfg);
    const foreign = await other.getPool(await A.getAddress(), await B.getAddress(), cfg);
    await expect(bundler.connect(s.alice).open(bundle({ pool: foreign }), id)).rejects.toThrow(/UnknownPool/);
    await bundler.connect(s.alice).open(bundle(), id);
    await expect(bundler.connect(s.alice).open(bundle({ takerLower: -120, takerUpper: 120 }), id)).rejects.toThrow(/RangeInUse/);
    await expect(bundler.connect(s.alice).open(bundle({ makerLower: -2400, makerUpper: 2400 }), id)).rejects.toThrow(/RangeInUse/);
    // Opening is atomic: a bundle the portfolio cannot carry leaves nothing behind.
    const poor = await open(s.bob);
    await expect(bundler.connect(s.bob).open(bundle({ makerLower: -60, makerUpper: 60, takerLower: -3000, takerUpper: 3000 }), poor)).rejects.toThrow(/Insolvent/);
    expect((await lens.makerValue(POOL, BUNDLER, -60, 60)).liquidity).toBe(0n);
  });
});
