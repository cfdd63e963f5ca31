// UniswapV3PositionIntegrator on Uniswap V3's real factory, pool, NonfungiblePositionManager and
// SwapRouter (their published bytecode). After swaps have generated fees, the on-chain Record is
// compared with (a) Uniswap's own answer, what the position manager would pay on decreaseLiquidity +
// collect (eth_call from the integrator, the NFT's holder), and (b) the Wasm-computed
// `uniswapV3PositionRecord`, to the wei. Also: uninstall returns the NFT, a liquidation withdraws the
// liquidity to the PM, access control, and Solvency.check against the PM's breakdown.
import { beforeAll, describe, expect, it } from "vitest";
import { init, TickMath, uniswapV3PositionRecord, uniswapV3PositionRecordFromChain } from "../../bindings/index.js";
import { deploySystem, System } from "../pm/fixture.js";
import { expectWasmAgrees } from "./helpers.js";
import { deployUniswap, encodeSqrtPrice } from "./uniswap.js";

let s: System;
let u: Awaited<ReturnType<typeof deployUniswap>>;
let integrator: any, pool: any;
let WETH: string, USDC: string, INTEGRATOR: string, NPM: string, POOL: string;
let token0: string, token1: string, wethIs0: boolean;
let tick0: number; // tick at the start
const FEE = 3000, SPACING = 60, MOVE = 1000; // the delta covers a 1000-tick (~10.5%) move
const E18 = 10n ** 18n, E6 = 10n ** 6n;
const MAX128 = (1n << 128n) - 1n;
const DEADLINE = 1n << 40n;
const gas: Record<string, bigint> = {};

const floorTo = (t: number) => Math.floor(t / SPACING) * SPACING;

beforeAll(async () => {
  await init();
  s = await deploySystem();
  WETH = await s.tokens.WETH.getAddress();
  USDC = await s.tokens.USDC.getAddress();
  u = await deployUniswap(s.ethers, s.gov, WETH);
  NPM = await u.npm.getAddress();
  wethIs0 = WETH.toLowerCase() < USDC.toLowerCase();
  [token0, token1] = wethIs0 ? [WETH, USDC] : [USDC, WETH];
  // 2000 USDC per WETH, in raw units.
  const sqrtP = wethIs0 ? encodeSqrtPrice(2000n * E6, E18) : encodeSqrtPrice(E18, 2000n * E6);
  await u.npm.createAndInitializePoolIfNecessary(token0, token1, FEE, sqrtP);
  POOL = await u.factory.getPool(token0, token1, FEE);
  pool = u.poolAt(POOL);
  tick0 = Number((await pool.slot0()).tick);
  integrator = await s.ethers.deployContract("UniswapV3PositionIntegrator", [await s.pm.getAddress(), s.gov.address, NPM]);
  INTEGRATOR = await integrator.getAddress();
  await s.pm.setProducer(INTEGRATOR, true);
  await integrator.setPool(POOL, true, MOVE);
  // The tests swap the Uniswap pool far from the feeds on purpose; the spot-to-reference guard on user
  // actions is tested in test/pm/PriceManipulation.test.ts.
  await s.pm.setPoolReference(POOL, 0, 20_000);
  for (const w of [s.alice, s.bob]) {
    for (const t of [s.tokens.WETH, s.tokens.USDC]) {
      await t.connect(w).approve(NPM, s.ethers.MaxUint256);
      await t.connect(w).approve(await u.router.getAddress(), s.ethers.MaxUint256);
    }
    await u.npm.connect(w).setApprovalForAll(INTEGRATOR, true);
  }
});

async function open(who: any): Promise<bigint> {
  const id = await s.pm.portfolioCount(who.address);
  await s.pm.connect(who).openPortfolio();
  return id;
}

/** Mints a position of ~`weth` WETH and the matching USDC over [tickLower, tickUpper) to `who`; returns its token id. */
async function mint(who: any, tickLower: number, tickUpper: number, weth: bigint, usdc: bigint): Promise<bigint> {
  const [a0, a1] = wethIs0 ? [weth, usdc] : [usdc, weth];
  const tx = await u.npm.connect(who).mint({ token0, token1, fee: FEE, tickLower, tickUpper, amount0Desired: a0, amount1Desired: a1, amount0Min: 0, amount1Min: 0, recipient: who.address, deadline: DEADLINE });
  const rc = await tx.wait();
  const ev = rc.logs.map((l: any) => { try { return u.npm.interface.parseLog(l); } catch { return null; } }).find((e: any) => e?.name === "IncreaseLiquidity");
  return ev.args.tokenId;
}

async function swap(tokenIn: string, amountIn: bigint) {
  const tokenOut = tokenIn === WETH ? USDC : WETH;
  await u.router.connect(s.bob).exactInputSingle({ tokenIn, tokenOut, fee: FEE, recipient: s.bob.address, deadline: DEADLINE, amountIn, amountOutMinimum: 0, sqrtPriceLimitX96: 0 });
}

/** What Uniswap's position manager would pay the holder now: decreaseLiquidity(all) + collect, by eth_call. */
async function uniswapPays(tokenId: bigint): Promise<[bigint, bigint]> {
  const npm = u.npm.connect(s.ethers.provider) as any;
  const p = await npm.positions(tokenId);
  let a0 = 0n, a1 = 0n;
  if (p.liquidity > 0n) [a0, a1] = await npm.decreaseLiquidity.staticCall({ tokenId, liquidity: p.liquidity, amount0Min: 0, amount1Min: 0, deadline: DEADLINE }, { from: INTEGRATOR });
  const [f0, f1] = await npm.collect.staticCall({ tokenId, recipient: INTEGRATOR, amount0Max: MAX128, amount1Max: MAX128 }, { from: INTEGRATOR });
  return [a0 + f0, a1 + f1];
}

const plain = (r: any) => ({ tokens: [...r.tokens], credit: [...r.credit], debt: [...r.debt], delta: [...r.delta] });

describe("UniswapV3PositionIntegrator", () => {
  const assets: { assetId: bigint; tokenId: bigint }[] = [];
  let id: bigint;

  it("after swaps, the Record equals Uniswap's payout and the Wasm-computed Record to the wei", async () => {
    id = await open(s.alice);
    // A wide in-range position, a narrow one above the price (token0 only at first), one below, and
    // bob's position on the same range as the first (the pool aggregates both under the manager).
    const ranges: [number, number][] = [[floorTo(tick0) - 3000, floorTo(tick0) + 3000], [floorTo(tick0) + 120, floorTo(tick0) + 600], [floorTo(tick0) - 600, floorTo(tick0) - 60]];
    for (const [lo, hi] of ranges) {
      const tokenId = await mint(s.alice, lo, hi, 5n * E18 + 1234n, 10_000n * E6 + 77n);
      const rc = await (await integrator.connect(s.alice).deposit(tokenId, id)).wait();
      gas.deposit = rc.gasUsed; // the last: a portfolio of three NFTs
      assets.push({ assetId: await integrator.lastAssetId(), tokenId });
      expect(await u.npm.ownerOf(tokenId)).toBe(INTEGRATOR);
    }
    await mint(s.bob, ranges[0][0], ranges[0][1], 3n * E18, 6_000n * E6);
    // Swaps both ways, crossing the narrow ranges, so fee growth accrues inside, outside and across.
    const seq: [string, bigint][] = [[WETH, 4n * E18], [USDC, 15_000n * E6], [WETH, 2n * E18 + 3n], [USDC, 9_000n * E6 + 11n], [WETH, 1n * E18], [USDC, 4_321n * E6]];
    let checked = 0;
    for (const [tin, amt] of seq) {
      await swap(tin, amt);
      for (const a of assets) {
        const onChain = plain(await integrator.record(a.assetId));
        // (a) Uniswap's own payout.
        expect(onChain.credit).toEqual(await uniswapPays(a.tokenId));
        // (b) The Wasm twin from the pool's state.
        const off = await uniswapV3PositionRecordFromChain(u.npm, pool, a.tokenId, MOVE);
        expect(off).toEqual({ ...onChain, tokens: [token0, token1] });
        expect(onChain.debt).toEqual([0n, 0n]);
        checked++;
      }
    }
    expect(checked).toBe(18);
    const fees = await u.npm.positions(assets[0].tokenId);
    // Fees really accrued (credit > principal-only value): the wide position's Record includes them.
    const slot = await pool.slot0();
    const rec = uniswapV3PositionRecord(
      { sqrtPriceX96: slot.sqrtPriceX96, tick: Number(slot.tick), feeGrowthGlobal0X128: 0n, feeGrowthGlobal1X128: 0n, lower: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n }, upper: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n } },
      { token0, token1, tickLower: Number(fees.tickLower), tickUpper: Number(fees.tickUpper), liquidity: fees.liquidity, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 0n },
      MOVE,
    );
    const full = plain(await integrator.record(assets[0].assetId));
    expect(full.credit[0]).toBeGreaterThan(rec.credit[0]);
    expect(full.credit[1]).toBeGreaterThan(rec.credit[1]);
    await expectWasmAgrees(s, s.alice.address, id);
  });

  it("the delta matches the closed form L(sqrtPu - sqrtP)^2 / sqrtP for an in-range position", async () => {
    const p = await u.npm.positions(assets[0].tokenId);
    const sp: bigint = (await pool.slot0()).sqrtPriceX96;
    const r = plain(await integrator.record(assets[0].assetId));
    const Q96 = 1n << 96n;
    // Uniswap's sqrt(1.0001^1000) (Wasm TickMath, checked against Uniswap's vectors elsewhere):
    // loss1 ~ L (su - sp)^2 / (sp * 2^96) while the moved price stays inside the range.
    const su = (sp * TickMath.getSqrtRatioAtTick(MOVE)) / Q96;
    expect(su).toBeLessThan(TickMath.getSqrtRatioAtTick(Number(p.tickUpper)));
    const expected1 = (p.liquidity * (su - sp) ** 2n) / (sp * Q96);
    const rel = Number(r.delta[1] - expected1) / Number(expected1);
    expect(Math.abs(rel)).toBeLessThan(1e-6);
    expect(r.delta[0]).toBeGreaterThan(0n);
    // Second order: a ~10% move costs well under 1% of the credit.
    expect(r.delta[1] * 100n).toBeLessThan(r.credit[1] + (r.credit[0] * sp * sp) / Q96 / Q96);
  });

  it("a real 900-tick price move costs the position less than its delta (against holding)", async () => {
    const Q192 = 1n << 192n;
    for (const up of [true, false]) {
      const before = plain(await integrator.record(assets[0].assetId));
      const tick = Number((await pool.slot0()).tick);
      // Price of token0 in token1 up: buy token0 with token1 (and the reverse), stopping at the limit.
      const limit = TickMath.getSqrtRatioAtTick(tick + (up ? 900 : -900));
      await u.router.connect(s.bob).exactInputSingle({ tokenIn: up ? token1 : token0, tokenOut: up ? token0 : token1, fee: FEE, recipient: s.bob.address, deadline: DEADLINE, amountIn: 10n ** 30n, amountOutMinimum: 0, sqrtPriceLimitX96: limit });
      const sp: bigint = (await pool.slot0()).sqrtPriceX96;
      expect(sp).toBe(limit);
      const after = plain(await integrator.record(assets[0].assetId));
      // Value lost against holding the amounts of before, at the new price, in token1 (up) or token0 (down).
      const in1 = (x: bigint, y: bigint) => (x * sp * sp) / Q192 + y;
      const in0 = (x: bigint, y: bigint) => x + (y * Q192) / (sp * sp);
      const lost = up
        ? in1(before.credit[0], before.credit[1]) - in1(after.credit[0], after.credit[1])
        : in0(before.credit[0], before.credit[1]) - in0(after.credit[0], after.credit[1]);
      const delta = up ? before.delta[1] : before.delta[0];
      console.log(`price ${up ? "up" : "down"} 900 ticks: lost ${lost} against holding, delta was ${delta}`);
      expect(lost).toBeGreaterThan(0n);
      expect(lost).toBeLessThanOrEqual(delta);
    }
  });

  it("uninstall returns the NFT untouched", async () => {
    const { assetId, tokenId } = assets.pop()!;
    const before = await u.npm.positions(tokenId);
    const tx = await s.pm.connect(s.alice).uninstall(id, INTEGRATOR, assetId);
    const rc = await tx.wait();
    console.log(`UniswapV3PositionIntegrator gas: deposit of a third NFT (solvency check over 3 positions) ${gas.deposit}, uninstall ${rc.gasUsed}`);
    const names = rc.logs.map((l: any) => { try { return integrator.interface.parseLog(l)?.name; } catch { return undefined; } }).filter(Boolean);
    expect(names).toEqual(["AssetDestroyed", "PositionReturned"]);
    expect(await u.npm.ownerOf(tokenId)).toBe(s.alice.address);
    expect((await u.npm.positions(tokenId)).liquidity).toBe(before.liquidity);
    await expect(integrator.record(assetId)).rejects.toThrow(/UnknownAsset/);
  });

  it("a liquidation withdraws the liquidity and fees to the PM; the empty NFT returns to its owner", async () => {
    // Borrow USDC against the LPs, then WETH's oracle price falls to 500 USD.
    await s.borrows.connect(s.alice).borrow(USDC, 24_000n * E6, id);
    expect(await s.pm.isSolvent(s.alice.address, id)).toBe(true);
    await s.feeds.WETH.setAnswer(500_00000000n);
    expect(await s.pm.isSolvent(s.alice.address, id)).toBe(false);
    expect((await expectWasmAgrees(s, s.alice.address, id)).solvent).toBe(false);
    const recs = await Promise.all(assets.map(async (a) => plain(await integrator.record(a.assetId))));
    const n = (await s.pm.positions(s.alice.address, id)).length;
    const tx = await s.pm.connect(s.bob).liquidate(s.alice.address, id, (1n << BigInt(n)) - 1n);
    const logs = (await tx.wait()).logs.map((l: any) => { try { return s.pm.interface.parseLog(l); } catch { return null; } }).filter(Boolean);
    // Everything the PM received was paid out; per token it equals the sum of the LP Records' credits.
    const paid: Record<string, bigint> = {};
    for (const e of logs.filter((e: any) => e.name === "LiquidationPayout")) paid[e.args.token] = e.args.toLiquidator + e.args.toOwner;
    expect(paid[token0]).toBe(recs.reduce((a, r) => a + r.credit[0], 0n));
    expect(paid[token1]).toBe(recs.reduce((a, r) => a + r.credit[1], 0n));
    for (const a of assets) {
      expect(await u.npm.ownerOf(a.tokenId)).toBe(s.alice.address);
      const p = await u.npm.positions(a.tokenId);
      expect([p.liquidity, p.tokensOwed0, p.tokensOwed1]).toEqual([0n, 0n, 0n]);
    }
    expect((await s.pm.positions(s.alice.address, id)).length).toBe(0);
    await s.feeds.WETH.setAnswer(2000_00000000n);
  });

  it("refuses strangers, unlisted pools, positions not owned and bad parameters", async () => {
    const st = s.stranger;
    await expect(integrator.connect(st).setPool(POOL, true, 1)).rejects.toThrow(/NotOwner/);
    await expect(integrator.connect(st).destroy(1n, st.address)).rejects.toThrow(/NotPortfolioManager/);
    await expect(integrator.setPool(POOL, true, -1)).rejects.toThrow(/InvalidParameter/);
    await expect(integrator.setPool(POOL, true, 887273)).rejects.toThrow(/InvalidParameter/);
    const pid = await open(s.alice);
    const tokenId = await mint(s.alice, floorTo(tick0) - 600, floorTo(tick0) + 600, E18, 2000n * E6);
    // Not the owner of the NFT.
    await expect(integrator.connect(s.bob).deposit(tokenId, await open(s.bob))).rejects.toThrow();
    // Another fee tier's pool is not listed.
    await u.npm.createAndInitializePoolIfNecessary(token0, token1, 500, (await pool.slot0()).sqrtPriceX96);
    const other = await u.npm.connect(s.alice).mint({ token0, token1, fee: 500, tickLower: floorTo(tick0) - 600, tickUpper: floorTo(tick0) + 600, amount0Desired: E18, amount1Desired: E18, amount0Min: 0, amount1Min: 0, recipient: s.alice.address, deadline: DEADLINE });
    await other.wait();
    const otherId = (await u.npm.totalSupply()) as bigint;
    await expect(integrator.connect(s.alice).deposit(otherId, pid)).rejects.toThrow(/PoolNotListed/);
    await integrator.setPool(POOL, false, MOVE);
    await expect(integrator.connect(s.alice).deposit(tokenId, pid)).rejects.toThrow(/PoolNotListed/);
    await integrator.setPool(POOL, true, MOVE);
    await integrator.connect(s.alice).deposit(tokenId, pid);
    await expectWasmAgrees(s, s.alice.address, pid);
  });
});
