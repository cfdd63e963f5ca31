// Pool-priced positions in a Portfolio, valued by the built-in valuers (2sAMM maker, taker, bundle; Uniswap V3):
// after every step of a sequence (opens, swaps on both pools, time passing with premiums active and the money
// market accruing, oracle moves) the Portfolio read from the chain gives every producer's record and
// referenceRecord and the PM's breakdowns; a Portfolio read before time passes, valued at the later `now`
// (premium ledger walked, borrow indexes from the market twin), gives the chain's values then; what-if pool
// prices and feed answers equal the chain once it really moves there; liquidationPrice of a portfolio with
// pool-priced positions priced by the feeds flips pm.isSolvent between the answer and one unit beyond; a pool
// whose token has no feed is valued at the TWAP the PM reads, read at load.
import { beforeAll, describe, expect, it } from "vitest";
import { init, Portfolio, TickMath } from "../../bindings/index.js";
import { compareWithChain, deployPoolSystem, E18, E6, UNI_SPACING, type PoolSystem } from "./poolFixture.js";

let s: PoolSystem;
let id: bigint;
let owner: string;
let PM: string;
const provider = () => s.ethers.provider;
const latest = async () => BigInt((await provider().getBlock("latest"))!.timestamp);

beforeAll(async () => {
  await init();
  s = (await deployPoolSystem()) as PoolSystem;
  PM = await s.pm.getAddress();
  const { pm, alice, bob, deposits, t } = s;
  // Bob's deep maker liquidity for takes and swaps.
  const depth = await pm.portfolioCount(bob.address);
  await pm.connect(bob).openPortfolio();
  await deposits.connect(bob).deposit(t.t0, 10_000_000n * E18, depth);
  await t.makers.connect(bob).mint(t.POOL, -30000, 30000, 5_000_000n * E18, depth);
  await s.uniswapDeposit(bob, -887220, 887220, 1_000n * E18, 2_000_000n * E6, depth);
  owner = alice.address;
  id = await pm.portfolioCount(owner);
  await pm.connect(alice).openPortfolio();
  await deposits.connect(alice).deposit(t.t0, 1_000_000n * E18, id);
  await deposits.connect(alice).deposit(await s.tokens.WETH.getAddress(), 20n * E18, id);
}, 300_000);

describe("Portfolio with pool-priced positions", () => {
  it("every producer's Records and the PM's breakdowns, after every step", async () => {
    const { pm, alice, t } = s;
    let compared = 0;
    const step = async (label: string) => {
      const p = await Portfolio.fromChain(provider(), PM, owner, id);
      compared += await compareWithChain(s, p, owner, id, label);
      return p;
    };
    await t.makers.connect(alice).mint(t.POOL, -1200, 1800, 200_000n * E18, id);
    await step("maker");
    await t.takers.connect(alice).take(t.POOL, -600, 600, 100_000n * E18, id);
    await step("taker");
    await t.bundler.connect(alice).open({ pool: t.POOL, makerLower: -6000, makerUpper: 6000, makerLiquidity: 200_000n * E18, takerLower: -600, takerUpper: 600, takerLiquidity: 50_000n * E18 }, id);
    await step("bundle");
    const c = s.tick0 - (s.tick0 % UNI_SPACING);
    await s.uniswapDeposit(alice, c - 1200, c + 1200, 5n * E18, 10_000n * E6, id);
    const p = await step("uniswap");
    expect(p.positions.map((x) => x.kind)).toEqual(["deposit", "deposit", "maker", "taker", "bundle", "uniswapV3"]);
    // Both pools are loaded once for the portfolio.
    expect(Object.keys(p.shared.pools).sort()).toEqual([t.POOL.toLowerCase(), s.UPOOL.toLowerCase()].sort());

    for (const [i, target] of [300, -420, 60, -60].entries()) {
      await s.twoSidedSwapTo(target, TickMath);
      await s.uniswapSwap(i % 2 === 0, i % 2 === 0 ? 3n * E18 : 5_000n * E6);
      await step(`swap ${i}`);
      // Time passes with premiums active: a Portfolio read before, valued at the later time, equals the chain then.
      const before = await Portfolio.fromChain(provider(), PM, owner, id);
      await provider().send("evm_increaseTime", [3 * 3600 + i]);
      await provider().send("evm_mine", []);
      const now = await latest();
      compared += await compareWithChain(s, before, owner, id, `walked ${i}`, { now });
      await step(`after time ${i}`);
      // An oracle move: the reference valuation moves with the feeds.
      const answer = BigInt(95_000000 + i * 4_000000);
      await t.feedA.setAnswer(answer);
      await t.feedB.setAnswer(100_000000n);
      await s.feeds.WETH.setAnswer(BigInt(1900 + 50 * i) * 100000000n);
      await step(`oracle ${i}`);
    }
    expect(compared).toBeGreaterThan(100);
  }, 600_000);

  it("readMany loads each pool once for many portfolios; checkMany equals each check and the chain", async () => {
    const many = await Portfolio.readMany(provider(), PM, [[owner, id], [s.bob.address, 0n]]);
    expect(many[0].shared).toBe(many[1].shared);
    expect(Object.keys(many[0].shared.pools).sort()).toEqual([s.t.POOL.toLowerCase(), s.UPOOL.toLowerCase()].sort());
    expect(many[1].positions.map((x) => x.kind)).toEqual(["deposit", "maker", "uniswapV3"]);
    const answer = 1800_00000000n;
    const all = Portfolio.checkMany(many, { prices: { [s.WETH]: answer } });
    expect(all).toEqual(many.map((p) => p.check({ prices: { [s.WETH]: answer } })));
    await compareWithChain(s, many[0], owner, id, "readMany alice");
    await compareWithChain(s, many[1], s.bob.address, 0n, "readMany bob");
  }, 120_000);

  it("what-if feed answers and pool prices equal the chain once it moves there", async () => {
    const { t } = s;
    const p = await Portfolio.fromChain(provider(), PM, owner, id);
    const before = await s.feeds.WETH.answer();
    const answer = 1700_00000000n;
    const now = (await latest()) + 5n;
    const w = p.check({ now, prices: { [s.WETH]: answer } });
    await provider().send("evm_setNextBlockTimestamp", [Number(now)]);
    await s.feeds.WETH.setAnswer(answer);
    const q = await Portfolio.fromChain(provider(), PM, owner, id);
    expect(w).toEqual(q.check());
    expect(p.records({ now, prices: { [s.WETH]: answer } })).toEqual(q.records());
    await s.feeds.WETH.setAnswer(before);
    // A what-if pool price moves only the spot valuation of that pool's positions; the pool's own price is its spot.
    const r = await Portfolio.fromChain(provider(), PM, owner, id);
    const sq = r.shared.pools[t.POOL.toLowerCase()] as any;
    const same = r.records({ pools: { [t.POOL.toLowerCase()]: { sqrtPriceX96: sq.pool.sqrtPriceX96 } } });
    expect(same).toEqual(r.records());
    const moved = r.records({ pools: { [t.POOL.toLowerCase()]: { sqrtPriceX96: TickMath.getSqrtRatioAtTick(-2400) } } });
    expect(moved[2]).not.toEqual(same[2]);
    expect(moved[5]).toEqual(same[5]); // the Uniswap position's pool did not move
    expect(r.referenceRecords({ pools: { [t.POOL.toLowerCase()]: { sqrtPriceX96: TickMath.getSqrtRatioAtTick(-2400) } } })).toEqual(r.referenceRecords());
  }, 120_000);

  it("a pool whose token has no feed: the reference price is the pool's TWAP, read from the chain at load", async () => {
    const { pm, bob, t, ethers } = s;
    const C: any = await ethers.deployContract("TestERC20", ["C", "C", 18]);
    const CA = await C.getAddress();
    await pm.setToken(CA, (1n << 64n) * 2n, true, ethers.ZeroAddress, 0); // a tail token without a feed
    const config = { tickSpacing: 60, minFeePips: 3000, midFeePips: 3000, maxFeePips: 3000, takerCapPips: 700_000, protocolFeePips: 0, moneyMarket: ethers.ZeroAddress };
    const A = await t.A.getAddress();
    await t.factory.createPool(A, CA, config);
    const POOL3: string = await t.factory.getPool(A, CA, config);
    const pool3: any = await ethers.getContractAt("TwoSidedPool", POOL3);
    await pool3.initialize(1n << 96n);
    await pool3.increaseObservationCardinalityNext(32);
    await pm.setPoolReference(POOL3, 0, 50_000);
    await C.mint(bob.address, 10n ** 30n);
    await C.connect(bob).approve(await t.makers.getAddress(), ethers.MaxUint256);
    // The pool's TWAP needs its window (1800 s) of history before a position on it can be valued.
    await provider().send("evm_increaseTime", [3600]);
    await provider().send("evm_mine", []);
    for (const f of [t.feedA, t.feedB]) await f.setAnswer(await f.answer());
    const pid = await pm.portfolioCount(bob.address);
    await pm.connect(bob).openPortfolio();
    await s.deposits.connect(bob).deposit(t.t0, 1_000_000n * E18, pid);
    await t.makers.connect(bob).mint(POOL3, -1200, 1200, 10_000n * E18, pid);
    // Move the pool's price: its TWAP lags behind the spot price.
    await C.mint(await t.router.getAddress(), 10n ** 40n);
    await t.router.swap(POOL3, await t.router.getAddress(), true, 10n ** 20n, TickMath.getSqrtRatioAtTick(-300));
    await provider().send("evm_increaseTime", [600]);
    await provider().send("evm_mine", []);
    for (const f of [t.feedA, t.feedB]) await f.setAnswer(await f.answer());
    const p = await Portfolio.fromChain(provider(), PM, bob.address, pid);
    expect((p.shared.pools[POOL3.toLowerCase()] as any).reference.sqrtPriceX96).toBe(await pm.referenceSqrtPriceX96(POOL3));
    expect(p.positions.map((x) => x.kind)).toEqual(["deposit", "maker"]);
    const n = await compareWithChain(s, p, bob.address, pid, "twap");
    expect(n).toBe(2 * 2 + 1); // both Records of both positions, and the verdict
    // The reference price is not the spot one (the TWAP lags), so the maker's two Records differ.
    expect(p.referenceRecords()[1]).not.toEqual(p.records()[1]);
  }, 120_000);

  it("liquidationPrice with pool-priced positions flips pm.isSolvent at the answer and one unit beyond", async () => {
    // A USDC debt against the WETH deposit and the Uniswap WETH/USDC position, whose reference price is the feeds'.
    const bobId = await s.pm.portfolioCount(s.bob.address);
    await s.pm.connect(s.bob).openPortfolio();
    await s.deposits.connect(s.bob).deposit(s.WETH, 2n * E18, bobId);
    const c = s.tick0 - (s.tick0 % UNI_SPACING);
    await s.uniswapDeposit(s.bob, c - 3000, c + 3000, 3n * E18, 6_000n * E6, bobId);
    await s.borrows.connect(s.bob).borrow(s.USDC, 7_000n * E6, bobId);
    const p = await Portfolio.fromChain(provider(), PM, s.bob.address, bobId);
    expect(p.positions.map((x) => x.kind)).toEqual(["deposit", "uniswapV3", "borrow"]);
    const before = await s.feeds.WETH.answer();
    for (const beyond of [0n, 1n]) {
      const now = (await latest()) + 10n;
      const L = p.liquidationPrice(s.WETH, { now });
      expect(L).not.toBeNull();
      await provider().send("evm_setNextBlockTimestamp", [Number(now)]);
      await s.feeds.WETH.setAnswer(L! + beyond);
      expect(await s.pm.isSolvent(s.bob.address, bobId), `at L${beyond ? "+1" : ""}`).toBe(beyond === 1n);
      expect(p.check({ now, prices: { [s.WETH]: L! + beyond } }).solvent).toBe(beyond === 1n);
      await s.feeds.WETH.setAnswer(before);
    }
  }, 120_000);
});
