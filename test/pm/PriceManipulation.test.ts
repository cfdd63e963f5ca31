// Price-manipulation attacks on the Portfolio Manager, tried as an attacker with unlimited flash capital
// would: push a pool's spot price with a large swap, act on the pushed valuation, swap back. Every Record
// that reads a pool price is valued at spot and at the pool's reference price (the feeds' implied price
// here); a user action must be solvent under both and a liquidation needs insolvency under the reference.
// The feeds' reference ignores the pool, so the push, the action and the swap back may sit in separate
// blocks without changing what the PM sees at the action (the TWAP reference is tested in-block below).
import { deployFactory } from "../../scripts/lib/system.js";
import { beforeAll, describe, expect, it } from "vitest";
import { init, TickMath } from "../../bindings/index.js";
import { deploySystem, HOUR, System, vX64 } from "./fixture.js";
import { deployTwoSided } from "./twoSided.js";
import { deployUniswap, encodeSqrtPrice } from "../producers/uniswap.js";

const E18 = 10n ** 18n, E6 = 10n ** 6n;
const Q96 = 1n << 96n;
const MIN_LIMIT = 4295128740n, MAX_LIMIT = 1461446703485210103287273052203988822378723970341n;
const FULL_LO = -887220, FULL_HI = 887220; // full range at spacing 60
const L = 10n ** 24n; // the maker: worth about 2.0M USD at the fair price

let s: System;
let A: any, B: any, feedA: any, feedB: any, pool: any, POOL: string, makers: any, takers: any, bundler: any, router: any, lens: any;
let t0: string, t1: string;

async function open(who: any): Promise<bigint> {
  const id = await s.pm.portfolioCount(who.address);
  await s.pm.connect(who).openPortfolio();
  return id;
}

/** The custom error's decoded args, from an ethers rejection. */
async function revertOf(p: Promise<unknown>): Promise<{ name: string; args: any[] }> {
  const e: any = await p.then(() => undefined, (x) => x);
  expect(e, "the call was expected to revert").toBeDefined();
  const data = e?.data ?? e?.error?.data ?? e?.info?.error?.data;
  const parsed = data ? s.pm.interface.parseError(data) : null;
  if (parsed) return { name: parsed.name, args: [...parsed.args] };
  const m = /custom error '([A-Za-z]+)\((.*)\)'/.exec(String(e?.message));
  return { name: m?.[1] ?? String(e?.message).slice(0, 120), args: m ? m[2].split(", ") : [] };
}

/** Swaps pool to exactly `target` (the price limit), with the router's unlimited balance. */
async function swapTo(target: bigint) {
  const [now] = await pool.slot0();
  if (now === target) return;
  await router.swap(POOL, await router.getAddress(), now > target, 10n ** 40n, target);
}

beforeAll(async () => {
  await init();
  s = await deploySystem();
  ({ A, B, feedA, feedB, pool, POOL, makers, takers, bundler, router, lens, t0, t1 } = await deployTwoSided(s));
});

describe("price pushes cannot fool the Portfolio Manager", () => {
  it("the issue's maker push-borrow-push-back reverts at the borrow (Insolvent at the reference valuation)", async () => {
    const { pm, alice } = s;
    const id = await open(alice);
    await makers.connect(alice).mint(POOL, FULL_LO, FULL_HI, L, id);
    const fair = BigInt((await pm.breakdown(alice.address, id)).usdNet);
    expect(fair).toBe(BigInt((await pm.referenceBreakdown(alice.address, id)).usdNet)); // at the fair price both agree
    // Show the two-valuation rule alone stops it: allow any spot-to-reference distance on this pool.
    await pm.setPoolReference(POOL, 0, 2 * 887272);

    // Push: the price down to 1/16 (sqrt 1/4).
    await swapTo(Q96 / 4n);
    const spot = BigInt((await pm.breakdown(alice.address, id)).usdNet);
    const ref = BigInt((await pm.referenceBreakdown(alice.address, id)).usdNet);
    console.log(`maker of L = 1e24: USD net ${fair / E18} at the fair price; pushed to 1/16: spot ${spot / E18}, reference ${ref / E18}`);
    // The spot valuation is inflated by ~(sqrt(16) + 1/sqrt(16)) / 2 = 2.125x; the reference is not.
    expect(spot * 100n).toBeGreaterThan(fair * 200n);
    expect(ref).toBeGreaterThanOrEqual(fair); // fees the push paid only add to it
    expect(ref * 100n).toBeLessThan(fair * 101n);
    // The 3.0M borrow: the spot breakdown alone would have allowed it...
    const borrow = 3_000_000n * E18;
    expect(spot).toBeGreaterThan((borrow * 105n) / 100n);
    // ...the PM refuses it on the reference valuation.
    const r = await revertOf(s.borrows.connect(alice).borrow(t1, borrow, id));
    expect(r.name).toBe("Insolvent");
    expect(BigInt(r.args[2])).toBe(1n); // Valuation.Reference
    // What the fair collateral does allow still works while the price is pushed (the rule is no wider).
    await s.borrows.connect(alice).borrow(t1, 1_000_000n * E18, id);
    // Push back; no bad debt, the portfolio solvent at both valuations.
    await swapTo(Q96);
    expect(await pm.isSolvent(alice.address, id)).toBe(true);
    expect(await pm.totalBadDebtUsd()).toBe(0n);
    await pm.setPoolReference(POOL, 0, 0);
  });

  it("in one transaction from an attacker contract: push, borrow, push back is refused; a fair borrow goes through", async () => {
    const { pm, ethers } = s;
    const attacker: any = await ethers.deployContract("PriceManipulator", [await pm.getAddress()]);
    const ATT = await attacker.getAddress();
    const id = await attacker.portfolioId();
    for (const t of [A, B]) {
      await t.mint(ATT, 10n ** 32n); // the flash capital
      await attacker.execute(await t.getAddress(), t.interface.encodeFunctionData("approve", [await makers.getAddress(), ethers.MaxUint256]));
    }
    await attacker.execute(await makers.getAddress(), makers.interface.encodeFunctionData("mint", [POOL, FULL_LO, FULL_HI, L, id]));
    const borrow = (amount: bigint) => s.borrows.interface.encodeFunctionData("borrow", [t1, amount, id]);
    const BORROWS = await s.borrows.getAddress();
    // The two-valuation rule alone (any deviation allowed): the 3.0M borrow at 1/16 is refused in the same tx.
    await pm.setPoolReference(POOL, 0, 2 * 887272);
    let r = await revertOf(attacker.pushAndCall(POOL, Q96 / 4n, BORROWS, borrow(3_000_000n * E18)));
    expect(r.name).toBe("Insolvent");
    expect(BigInt(r.args[2])).toBe(1n);
    // The default guard refuses it earlier, by the distance between spot and reference.
    await pm.setPoolReference(POOL, 0, 0);
    r = await revertOf(attacker.pushAndCall(POOL, Q96 / 4n, BORROWS, borrow(3_000_000n * E18)));
    expect(r.name).toBe("PriceDeviation");
    // A borrow the fair collateral covers, wrapped in a push within the guard, goes through; the price ends where it began.
    await attacker.pushAndCall(POOL, TickMath.getSqrtRatioAtTick(-400), BORROWS, borrow(1_000_000n * E18));
    expect((await pool.slot0())[0]).toBe(Q96);
    expect(await pm.isSolvent(ATT, id)).toBe(true);
    expect(await pm.totalBadDebtUsd()).toBe(0n);
  });

  it("with the default guard, user actions on a pushed pool are refused with PriceDeviation", async () => {
    const { pm, alice } = s;
    const id = await open(alice);
    await makers.connect(alice).mint(POOL, FULL_LO, FULL_HI, L / 10n, id);
    const dev = Number(await pm.maxDeviationTicks(POOL));
    expect(dev).toBe(500);
    // Just inside the allowed distance the borrow goes through; one tick-spacing beyond it is refused.
    await swapTo(TickMath.getSqrtRatioAtTick(-dev + 1));
    await s.borrows.connect(alice).borrow(t1, 1000n * E18, id);
    await swapTo(TickMath.getSqrtRatioAtTick(-dev - 60));
    const r = await revertOf(s.borrows.connect(alice).borrow(t1, 1000n * E18, id));
    expect(r.name).toBe("PriceDeviation");
    expect(r.args[0].toLowerCase?.() ?? String(r.args[0]).toLowerCase()).toBe(POOL.toLowerCase());
    // Liquidation does not read spot at all: a solvent portfolio stays unliquidatable at any push.
    expect(await pm.isLiquidatable(alice.address, id)).toBe(false);
    expect((await revertOf(pm.connect(s.bob).liquidate(alice.address, id, 1n))).name).toBe("NotLiquidatable");
    await swapTo(Q96);
  });

  it("a bundle's push-borrow-push-back reverts at the borrow", async () => {
    const { pm, alice } = s;
    const id = await open(alice);
    await s.deposits.connect(alice).deposit(t0, 200_000n * E18, id);
    // A wide maker hedging a narrow taker: the bundle's spot net moves with the price.
    await bundler.connect(alice).open({ pool: POOL, makerLower: -6000, makerUpper: 6000, makerLiquidity: 2_000_000n * E18, takerLower: -600, takerUpper: 600, takerLiquidity: 500_000n * E18 }, id);
    await pm.setPoolReference(POOL, 0, 2 * 887272);
    const before = BigInt((await pm.referenceBreakdown(alice.address, id)).usdNet);
    // Search the push that inflates the spot valuation most (either direction, within the maker's range).
    let best = { usd: 0n, sqrt: Q96 };
    for (const t of [-5940, -3000, -1200, 1200, 3000, 5940]) {
      await swapTo(TickMath.getSqrtRatioAtTick(t));
      const usd = BigInt((await pm.breakdown(alice.address, id)).usdNet);
      if (usd > best.usd) best = { usd, sqrt: TickMath.getSqrtRatioAtTick(t) };
    }
    await swapTo(best.sqrt);
    const spot = BigInt((await pm.breakdown(alice.address, id)).usdNet);
    const ref = BigInt((await pm.referenceBreakdown(alice.address, id)).usdNet);
    console.log(`bundle: reference USD net ${before / E18} before, pushed: spot ${spot / E18}, reference ${ref / E18}`);
    expect(spot).toBeGreaterThan(ref);
    // Borrow what only the pushed spot valuation would cover.
    const borrow = ((ref + (spot - ref) / 2n) * 100n) / 105n;
    const r = await revertOf(s.borrows.connect(alice).borrow(t1, borrow, id));
    expect(r.name).toBe("Insolvent");
    expect(BigInt(r.args[2])).toBe(1n);
    await swapTo(Q96);
    await pm.setPoolReference(POOL, 0, 0);
  });

  it("pushing the price so a taker looks insolvent does not let anyone liquidate it", async () => {
    const { pm, alice, bob } = s;
    // Depth from another maker, then a taker over a range wider than its delta's 1000-tick move: far pushes
    // raise its spot debt (the return amounts) beyond what the delta covers at the fair price.
    const mid = await open(bob);
    await makers.connect(bob).mint(POOL, -30000, 30000, 5_000_000n * E18, mid);
    const id = await open(alice);
    await s.deposits.connect(alice).deposit(t0, 1_000_000n * E18, id);
    await takers.connect(alice).take(POOL, -19980, 19980, 1_000_000n * E18, id);
    await pm.setPoolReference(POOL, 0, 2 * 887272);
    const fair = BigInt((await pm.referenceBreakdown(alice.address, id)).usdNet);
    let worst = { usd: fair, sqrt: Q96 };
    for (const t of [-29940, -24000, 24000, 29940]) {
      await swapTo(TickMath.getSqrtRatioAtTick(t));
      const usd = BigInt((await pm.breakdown(alice.address, id)).usdNet);
      if (usd < worst.usd) worst = { usd, sqrt: TickMath.getSqrtRatioAtTick(t) };
    }
    await swapTo(Q96);
    const gap = fair - worst.usd;
    expect(gap).toBeGreaterThan(0n);
    // A borrow leaves half the gap as margin at the fair price, so the worst push makes spot insolvent.
    await s.borrows.connect(alice).borrow(t1, ((fair - gap / 2n) * 100n) / 105n, id);
    await swapTo(worst.sqrt);
    const spot = await pm.breakdown(alice.address, id);
    const ref = await pm.referenceBreakdown(alice.address, id);
    console.log(`taker: pushed spot USD net ${spot.usdNet / E18}, reference ${ref.usdNet / E18}`);
    expect(spot.solvent).toBe(false);
    expect(ref.solvent).toBe(true);
    // Spot says insolvent, the reference does not: liquidation is refused.
    expect(await pm.isLiquidatable(alice.address, id)).toBe(false);
    const n = (await pm.positions(alice.address, id)).length;
    expect((await revertOf(pm.connect(bob).liquidate(alice.address, id, (1n << BigInt(n)) - 1n))).name).toBe("NotLiquidatable");
    await swapTo(Q96);
    // (The taker is long volatility at the reference: feed moves either way raise its net, so it stays safe.)
    await pm.setPoolReference(POOL, 0, 0);
  });

  it("the reference follows the feeds exactly, and a bad feed refuses rather than falls back to spot", async () => {
    const { pm } = s;
    // Both tokens at 1 USD with the same decimals: exactly 2^96.
    expect(await pm.referenceSqrtPriceX96(POOL)).toBe(Q96);
    // A at 4 USD: token1 per token0 is 4 (A is token0) or 1/4: sqrt 2 or 1/2.
    await feedA.setAnswer(4_00000000n);
    const aIs0 = t0.toLowerCase() === (await A.getAddress()).toLowerCase();
    expect(await pm.referenceSqrtPriceX96(POOL)).toBe(aIs0 ? 2n * Q96 : Q96 / 2n);
    await feedA.setAnswer(1_00000000n);
    // A stale feed: the reference (and so every liquidation and user check) reverts StalePrice.
    await s.ethers.provider.send("evm_increaseTime", [25 * HOUR]);
    await s.ethers.provider.send("evm_mine", []);
    await feedB.setAnswer(1_00000000n);
    expect((await revertOf(pm.referenceSqrtPriceX96(POOL))).name).toBe("StalePrice");
    await feedA.setAnswer(1_00000000n);
    expect(await pm.referenceSqrtPriceX96(POOL)).toBe(Q96);
    // Feeds whose ratio puts the price beyond the tick range: a named error, never a clamped or spot price.
    await feedA.setAnswer(1n);
    await feedB.setAnswer((1n << 128n) - 1n);
    expect((await revertOf(pm.referenceSqrtPriceX96(POOL))).name).toBe("ReferencePriceOutOfRange");
    await feedA.setAnswer(1_00000000n);
    await feedB.setAnswer(1_00000000n);
    // Governance bounds.
    await expect(pm.setPoolReference(POOL, 0, 2 * 887272 + 1)).rejects.toThrow(/InvalidParameter/);
    await expect(pm.connect(s.stranger).setPoolReference(POOL, 60, 10)).rejects.toThrow(/NotOwner/);
  });
});

describe("a 2sAMM pool without feeds for both tokens: the reference is the pool's own TWAP", () => {
  it("refuses until the observations cover the window; an in-transaction push moves nothing; the borrow is refused", async () => {
    const { pm, ethers, gov } = s;
    // X: a tail token without a feed, so the pool X/A has no feed-implied price.
    const X: any = await ethers.deployContract("TestERC20", ["X", "X", 18]);
    await pm.setToken(await X.getAddress(), vX64(110n, 100n), true, ethers.ZeroAddress, 0);
    const factory: any = await deployFactory(ethers as any, gov);
    const cfg = { tickSpacing: 60, minFeePips: 3000, midFeePips: 3000, maxFeePips: 3000, takerCapPips: 700_000, protocolFeePips: 0, moneyMarket: ethers.ZeroAddress };
    await factory.createPool(await X.getAddress(), await A.getAddress(), cfg);
    const XPOOL = await factory.getPool(await X.getAddress(), await A.getAddress(), cfg);
    const xpool: any = await ethers.getContractAt("TwoSidedPool", XPOOL);
    await xpool.initialize(Q96);
    const lensAddr = await lens.getAddress();
    const xmakers: any = await ethers.deployContract("TwoSidedMakerProducer", [await pm.getAddress(), lensAddr, await factory.getAddress()]);
    await pm.setProducer(await xmakers.getAddress(), true);
    await X.mint(await router.getAddress(), 10n ** 40n);
    await router.mint(XPOOL, await router.getAddress(), FULL_LO, FULL_HI, L);
    // Cardinality 1 and a write in this block: a 30-minute average cannot be had.
    expect((await revertOf(pm.referenceSqrtPriceX96(XPOOL))).name).toBe("TwapUnavailable");
    await xpool.increaseObservationCardinalityNext(32);
    await ethers.provider.send("evm_increaseTime", [3600]);
    await ethers.provider.send("evm_mine", []);
    for (const f of [feedA, feedB]) await f.setAnswer(1_00000000n);
    for (const f of Object.values(s.feeds) as any[]) await f.setAnswer(await f.answer());
    // The mean tick over [now - 1800, now] is that of the pool's own observe: the price 1.
    expect(await pm.referenceSqrtPriceX96(XPOOL)).toBe(Q96);

    // The attacker's portfolio: a maker of X/A, in one contract that pushes, borrows and pushes back in one tx.
    const attacker: any = await ethers.deployContract("PriceManipulator", [await pm.getAddress()]);
    const ATT = await attacker.getAddress(), id = await attacker.portfolioId();
    for (const t of [X, A]) {
      await t.mint(ATT, 10n ** 32n);
      await attacker.execute(await t.getAddress(), t.interface.encodeFunctionData("approve", [await xmakers.getAddress(), ethers.MaxUint256]));
    }
    await attacker.execute(await xmakers.getAddress(), xmakers.interface.encodeFunctionData("mint", [XPOOL, FULL_LO, FULL_HI, L / 10n, id]));
    // Straight after the mint the average would include this block's write: wait out a window.
    await ethers.provider.send("evm_increaseTime", [1801]);
    await ethers.provider.send("evm_mine", []);
    for (const f of Object.values(s.feeds) as any[]) await f.setAnswer(await f.answer());
    for (const f of [feedA, feedB]) await f.setAnswer(1_00000000n);
    const aIs0 = (await xpool.token0()).toLowerCase() === (await A.getAddress()).toLowerCase();
    // X is a tail token (no USD value): the maker's collateral is its A. Push A's price in X down 16x, so the
    // position holds about 4x the A, and borrow 3x what the fair collateral covers, in one transaction.
    const pushTo = aIs0 ? Q96 / 4n : Q96 * 4n;
    const fairUsd = BigInt((await pm.referenceBreakdown(ATT, id)).usdNet);
    const borrow = s.borrows.interface.encodeFunctionData("borrow", [t1, (fairUsd * 3n * 100n) / 105n, id]);
    await pm.setPoolReference(XPOOL, 0, 2 * 887272); // the two-valuation rule alone
    const r = await revertOf(attacker.pushAndCall(XPOOL, pushTo, await s.borrows.getAddress(), borrow));
    expect(r.name).toBe("Insolvent");
    expect(BigInt(r.args[2])).toBe(1n);
    // The same push in its own transaction: the average has not moved in that block...
    await pm.setPoolReference(XPOOL, 0, 0);
    await ethers.provider.send("evm_setAutomine", [false]);
    const push = await router.swap(XPOOL, await router.getAddress(), aIs0, 10n ** 36n, pushTo);
    await ethers.provider.send("evm_mine", []);
    await ethers.provider.send("evm_setAutomine", [true]);
    await push.wait();
    expect((await xpool.slot0())[0]).toBe(pushTo);
    const cum: bigint[] = (await xpool.observe([1800, 0]))[0];
    const d = cum[1] - cum[0];
    const mean = Number(d / 1800n - (d < 0n && d % 1800n !== 0n ? 1n : 0n));
    expect(await pm.referenceSqrtPriceX96(XPOOL)).toBe(TickMath.getSqrtRatioAtTick(mean));
    expect(Math.abs(mean)).toBeLessThanOrEqual(16); // the pushed tick (~27,700) counts for at most a second
    // ...and with the default guard a user action against it is refused by the distance to the average.
    const tiny = s.borrows.interface.encodeFunctionData("borrow", [t1, 1n, id]);
    expect((await revertOf(attacker.execute(await s.borrows.getAddress(), tiny))).name).toBe("PriceDeviation");
    await router.swap(XPOOL, await router.getAddress(), !aIs0, 10n ** 36n, Q96);
  });
});

describe("a Uniswap V3 LP position (deployed Uniswap bytecode)", () => {
  it("push-borrow-push-back reverts at the borrow; the integrator's delta does not cover a larger push", async () => {
    const { pm, alice, ethers, gov } = s;
    for (const f of Object.values(s.feeds) as any[]) await f.setAnswer(await f.answer()); // fresh after the time jump
    const WETH = await s.tokens.WETH.getAddress(), USDC = await s.tokens.USDC.getAddress();
    const u = await deployUniswap(ethers, gov, WETH);
    const wethIs0 = WETH.toLowerCase() < USDC.toLowerCase();
    const [u0, u1] = wethIs0 ? [WETH, USDC] : [USDC, WETH];
    await u.npm.createAndInitializePoolIfNecessary(u0, u1, 3000, wethIs0 ? encodeSqrtPrice(2000n * E6, E18) : encodeSqrtPrice(E18, 2000n * E6));
    const UPOOL = await u.factory.getPool(u0, u1, 3000);
    const integrator: any = await ethers.deployContract("UniswapV3PositionIntegrator", [await pm.getAddress(), gov.address, await u.npm.getAddress()]);
    await pm.setProducer(await integrator.getAddress(), true);
    await integrator.setPool(UPOOL, true, 1000);
    for (const t of [s.tokens.WETH, s.tokens.USDC]) {
      await t.connect(alice).approve(await u.npm.getAddress(), ethers.MaxUint256);
      await t.connect(alice).approve(await u.router.getAddress(), ethers.MaxUint256);
    }
    const [a0, a1] = wethIs0 ? [1000n * E18, 2_000_000n * E6] : [2_000_000n * E6, 1000n * E18];
    const rc = await (await u.npm.connect(alice).mint({ token0: u0, token1: u1, fee: 3000, tickLower: -887220, tickUpper: 887220, amount0Desired: a0, amount1Desired: a1, amount0Min: 0, amount1Min: 0, recipient: alice.address, deadline: 1n << 40n })).wait();
    const tokenId = rc.logs.map((l: any) => { try { return u.npm.interface.parseLog(l); } catch { return null; } }).find((e: any) => e?.name === "IncreaseLiquidity").args.tokenId;
    const id = await open(alice);
    await u.npm.connect(alice).approve(await integrator.getAddress(), tokenId);
    await integrator.connect(alice).deposit(tokenId, id);
    await pm.setPoolReference(UPOOL, 0, 2 * 887272);
    const fair = BigInt((await pm.referenceBreakdown(alice.address, id)).usdNet);
    // Push WETH's pool price up 4x (far beyond the 1000-tick move the delta covers) with a big swap.
    const upool = u.poolAt(UPOOL);
    const [sp] = await upool.slot0();
    const wethUp = wethIs0 ? sp * 2n : sp / 2n; // WETH in USDC x4
    const usdcIn = !wethIs0; // buying WETH with USDC moves the price of token1-per-token0 up when WETH is token0
    await u.router.connect(alice).exactInputSingle({ tokenIn: wethIs0 ? USDC : WETH, tokenOut: wethIs0 ? WETH : USDC, fee: 3000, recipient: alice.address, deadline: 1n << 40n, amountIn: 10n ** 33n, amountOutMinimum: 0, sqrtPriceLimitX96: wethUp });
    void usdcIn;
    const spot = BigInt((await pm.breakdown(alice.address, id)).usdNet);
    const ref = BigInt((await pm.referenceBreakdown(alice.address, id)).usdNet);
    console.log(`Uniswap LP: reference USD net ${fair / E18}; WETH pushed 4x in the pool: spot ${spot / E18}, reference ${ref / E18}`);
    expect(spot).toBeGreaterThan((ref * 120n) / 100n);
    const borrowUsd = (ref + (spot - ref) / 2n) / 10n ** 12n; // USDC units (6 decimals)
    const r = await revertOf(s.borrows.connect(alice).borrow(USDC, borrowUsd, id));
    expect(r.name).toBe("Insolvent");
    expect(BigInt(r.args[2])).toBe(1n);
    // With the default guard the same borrow meets PriceDeviation first.
    await pm.setPoolReference(UPOOL, 0, 0);
    expect((await revertOf(s.borrows.connect(alice).borrow(USDC, borrowUsd, id))).name).toBe("PriceDeviation");
  });

  it("without feeds the reference is the Uniswap pool's own TWAP, refused until its observations cover the window", async () => {
    const { pm, alice, ethers, gov } = s;
    // Two tokens registered as tail tokens without feeds: the reference must come from observe().
    const X: any = await ethers.deployContract("TestERC20", ["X", "X", 18]);
    const Y: any = await ethers.deployContract("TestERC20", ["Y", "Y", 18]);
    for (const t of [X, Y]) await pm.setToken(await t.getAddress(), vX64(110n, 100n), true, ethers.ZeroAddress, 0);
    const u = await deployUniswap(ethers, gov, await X.getAddress());
    const [x, y] = [await X.getAddress(), await Y.getAddress()];
    const [u0, u1] = x.toLowerCase() < y.toLowerCase() ? [x, y] : [y, x];
    await u.npm.createAndInitializePoolIfNecessary(u0, u1, 3000, Q96);
    const UPOOL = await u.factory.getPool(u0, u1, 3000);
    const upool = u.poolAt(UPOOL);
    // Cardinality 1: observe(1800) cannot be answered.
    let r = await revertOf(pm.referenceSqrtPriceX96(UPOOL));
    expect(r.name).toBe("TwapUnavailable");
    await upool.increaseObservationCardinalityNext(10);
    for (const t of [X, Y]) {
      await t.mint(alice.address, 10n ** 30n);
      await t.connect(alice).approve(await u.npm.getAddress(), ethers.MaxUint256);
      await t.connect(alice).approve(await u.router.getAddress(), ethers.MaxUint256);
    }
    await u.npm.connect(alice).mint({ token0: u0, token1: u1, fee: 3000, tickLower: -6000, tickUpper: 6000, amount0Desired: 10n ** 24n, amount1Desired: 10n ** 24n, amount0Min: 0, amount1Min: 0, recipient: alice.address, deadline: 1n << 40n });
    // An hour at tick ~0, then a push to tick ~+2000 whose own block is where the reference is read.
    await ethers.provider.send("evm_increaseTime", [3600]);
    await ethers.provider.send("evm_mine", []);
    const before = await pm.referenceSqrtPriceX96(UPOOL);
    const mean = async () => {
      const cum: bigint[] = (await upool.observe([1800, 0]))[0];
      const d = cum[1] - cum[0];
      return Number(d / 1800n - (d < 0n && d % 1800n !== 0n ? 1n : 0n));
    };
    expect(before).toBe(TickMath.getSqrtRatioAtTick(await mean()));
    await ethers.provider.send("evm_setAutomine", [false]);
    const push = await u.router.connect(alice).exactInputSingle({ tokenIn: u1, tokenOut: u0, fee: 3000, recipient: alice.address, deadline: 1n << 40n, amountIn: 10n ** 26n, amountOutMinimum: 0, sqrtPriceLimitX96: TickMath.getSqrtRatioAtTick(2000) });
    await ethers.provider.send("evm_mine", []);
    await ethers.provider.send("evm_setAutomine", [true]);
    await push.wait();
    expect(Number((await upool.slot0()).tick)).toBeGreaterThan(1900);
    // The push's block wrote the pre-push tick; the TWAP moves only with the seconds the pushed tick lasts.
    const at = await pm.referenceSqrtPriceX96(UPOOL);
    expect(at).toBe(TickMath.getSqrtRatioAtTick(await mean()));
    const moved = TickMath.getTickAtSqrtRatio(at) - TickMath.getTickAtSqrtRatio(before);
    console.log(`TWAP reference: a push of ~2000 ticks moves a 30-minute mean by ${moved} ticks in the next second`);
    expect(Math.abs(moved)).toBeLessThanOrEqual(2);
    // A window no observation reaches: refused, never valued at spot.
    await pm.setPoolReference(UPOOL, 100_000, 0);
    r = await revertOf(pm.referenceSqrtPriceX96(UPOOL));
    expect(r.name).toBe("TwapUnavailable");
    expect(BigInt(r.args[1])).toBe(100_000n);
  });
});
