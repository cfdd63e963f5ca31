// The 2sAMM side of the PM tests: two 18-decimal blue-chips A and B at 1 USD (so raw amounts compare
// directly and the feed-implied reference price is 1), the 2sAMM factory with its lens and producers
// (makers, takers, bundler) registered, A and B listed in the money market with lenders' liquidity,
// funded and approved wallets, and a flat 0.3% A/B pool at price 1.
import { deployFactory } from "../../scripts/lib/system.js";
import { HOUR, type System, vX64 } from "./fixture.js";

export const Q96 = 1n << 96n;

export interface TwoSided {
  A: any;
  B: any;
  feedA: any;
  feedB: any;
  factory: any;
  lens: any;
  makers: any;
  takers: any;
  bundler: any;
  router: any;
  pool: any;
  POOL: string;
  t0: string;
  t1: string;
}

export async function deployTwoSided(s: System): Promise<TwoSided> {
  const { ethers, gov, pm, mm, alice, bob } = s;
  const A: any = await ethers.deployContract("TestERC20", ["A", "A", 18]);
  const B: any = await ethers.deployContract("TestERC20", ["B", "B", 18]);
  const factory: any = await deployFactory(ethers as any, gov); // links the pools' PremiumWalk and Oracle
  const lens: any = await ethers.deployContract("TwoSidedPoolLens");
  const PM = await pm.getAddress(), LENS = await lens.getAddress(), F = await factory.getAddress();
  const makers: any = await ethers.deployContract("TwoSidedMakerProducer", [PM, LENS, F]);
  const takers: any = await ethers.deployContract("TwoSidedTakerProducer", [PM, LENS, F, gov.address]);
  const bundler: any = await ethers.deployContract("MakerTakerBundler", [PM, LENS, F, gov.address]);
  const router: any = await ethers.deployContract("PoolRouter");
  for (const p of [makers, takers, bundler]) await pm.setProducer(await p.getAddress(), true);
  await factory.setTaker(await takers.getAddress(), true);
  await factory.setTaker(await bundler.getAddress(), true);
  // A flat, tiny borrow rate: premiums and interest stay out of the way of the valuations.
  const model = { baseRateX64: (1n << 64n) / 1_000_000_000n, slope1X64: 0n, kinkX64: 1n << 63n, slope2X64: 0n, reserveShareX64: 0n };
  const feeds: any[] = [];
  for (const t of [A, B]) {
    const feed = await ethers.deployContract("MockAggregator", [8, 1_00000000n]);
    feeds.push(feed);
    await pm.setToken(await t.getAddress(), vX64(105n, 100n), false, await feed.getAddress(), 24 * HOUR);
    await mm.listMarket(await t.getAddress(), model);
    await t.mint(await router.getAddress(), 10n ** 40n);
    await t.mint(gov.address, 10n ** 30n);
    await t.connect(gov).approve(await mm.getAddress(), ethers.MaxUint256);
    await mm.connect(gov).supply(await t.getAddress(), 10n ** 27n); // the lenders' liquidity to borrow
    for (const w of [alice, bob]) {
      await t.mint(w.address, 10n ** 30n);
      for (const spender of [makers, bundler, pm, s.deposits]) await t.connect(w).approve(await spender.getAddress(), ethers.MaxUint256);
    }
  }
  const config = { tickSpacing: 60, minFeePips: 3000, midFeePips: 3000, maxFeePips: 3000, takerCapPips: 700_000, protocolFeePips: 0, moneyMarket: await mm.getAddress() };
  await factory.createPool(await A.getAddress(), await B.getAddress(), config);
  const POOL: string = await factory.getPool(await A.getAddress(), await B.getAddress(), config);
  const pool: any = await ethers.getContractAt("TwoSidedPool", POOL);
  await pool.initialize(Q96);
  const [t0, t1] = [await pool.token0(), await pool.token1()];
  return { A, B, feedA: feeds[0], feedB: feeds[1], factory, lens, makers, takers, bundler, router, pool, POOL, t0, t1 };
}
