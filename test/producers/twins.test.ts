// The Wasm twins of the 2sAMM producers' valuations against the deployed contracts: after randomized steps (maker
// mints, takes, releases, bundles, swaps, index accruals, time passing with premiums active and the money market
// accruing), the twins fed from the chain's readers (Pool.fromChain, PremiumLedger.fromChain, the producers' asset
// readers) give exactly pool.premiumGrowthInside, lens.makerValueAt / takerValueAt at random prices, and every
// asset's record and referenceRecord (the feeds, hence the reference price, move at random). A ledger read before
// time passes, walked to the later time with the borrow indexes then, gives the chain's values at that time; after
// a what-if swap applied alike to the Wasm pool and on chain, the twins over the swapped Wasm pool give the chain's
// values after it. Two pools: spacing 60 with the money market; spacing 10 with a dynamic fee, a protocol share and
// no money market. Bad inputs raise typed errors. TWINS_STEPS and TWINS_SEED choose the campaign.
import { beforeAll, describe, expect, it } from "vitest";
import {
  bundleAssetsFromChain,
  bundleRecordAt,
  ChainReadError,
  init,
  InvalidSnapshotError,
  LedgerNotFoundError,
  makerAssetsFromChain,
  makerRecordAt,
  makerValueAt,
  NowBeforeSnapshotError,
  Pool,
  PoolNotFoundError,
  PremiumLedger,
  premiumGrowthInside,
  takerAssetsFromChain,
  takerRecordAt,
  takerValueAt,
  TickMath,
  TickNotInPoolError,
  ValueOutOfRangeError,
} from "../../bindings/index.js";
import type { BundleAssetData, MakerAssetData, SolvencyRecord, TakerAssetData, PoolValuationContext } from "../../bindings/index.js";
import { deploySystem, HOUR, type System } from "../pm/fixture.js";
import { deployTwoSided, type TwoSided } from "../pm/twoSided.js";

let s: System;
let ts: TwoSided;
let MAKERS: string, TAKERS: string, BUNDLER: string;

/** One pool's campaign: the pool, its spacing and the assets opened on it. */
interface Campaign {
  name: string;
  POOL: string;
  pool: any;
  spacing: number;
  makerIds: bigint[];
  takerIds: bigint[];
  bundleIds: bigint[];
  usedTakerRanges: Set<string>;
  usedBundleRanges: Set<string>;
}
const campaigns: Campaign[] = [];
const campaign = (name: string, POOL: string, pool: any, spacing: number): Campaign => ({
  name, POOL, pool, spacing, makerIds: [], takerIds: [], bundleIds: [], usedTakerRanges: new Set(), usedBundleRanges: new Set(),
});

// A small deterministic generator (xorshift32): the campaign is reproducible from SEED.
const SEED = Number(process.env.TWINS_SEED ?? 0x2a5a11);
let rs = SEED >>> 0 || 1;
function rnd(): number {
  rs ^= rs << 13;
  rs >>>= 0;
  rs ^= rs >>> 17;
  rs ^= rs << 5;
  rs >>>= 0;
  return rs / 4294967296;
}
const rint = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
let SPACING = 60;
const rtick = (lo: number, hi: number) => rint(Math.ceil(lo / SPACING), Math.floor(hi / SPACING)) * SPACING;

let aliceId: bigint, bobId: bigint;

const plain = (r: any): SolvencyRecord => ({ tokens: [...r.tokens].map((t: string) => t.toLowerCase()), credit: [...r.credit], debt: [...r.debt], delta: [...r.delta] });

beforeAll(async () => {
  await init();
  s = await deploySystem();
  ts = await deployTwoSided(s);
  [MAKERS, TAKERS, BUNDLER] = await Promise.all([ts.makers.getAddress(), ts.takers.getAddress(), ts.bundler.getAddress()]);
  const { pm, mm, alice, bob, gov } = s;
  await pm.setPoolReference(ts.POOL, 0, 50_000);
  // A steeper borrow rate than the fixture's, so premiums and interest are large enough to round differently.
  const model = { baseRateX64: (1n << 64n) / 10_000_000n, slope1X64: (1n << 64n) / 10_000_000n, kinkX64: 1n << 63n, slope2X64: 0n, reserveShareX64: (1n << 64n) / 10n };
  for (const t of [ts.A, ts.B]) await mm.connect(gov).setRateModel(await t.getAddress(), model);
  // Bob's wide liquidity for swaps and takes; alice's portfolio holds ample margin.
  // A second pool of the same tokens: spacing 10, a dynamic fee, a protocol share, no money market (no premium
  // index growth; a taker's lent tokens are held by the pool, its "shares" are the amounts).
  const config = { tickSpacing: 10, minFeePips: 500, midFeePips: 3000, maxFeePips: 30000, takerCapPips: 800_000, protocolFeePips: 100_000, moneyMarket: "0x0000000000000000000000000000000000000000" };
  const [a, b] = [await ts.A.getAddress(), await ts.B.getAddress()];
  await ts.factory.createPool(a, b, config);
  const POOL2: string = await ts.factory.getPool(a, b, config);
  const pool2: any = await s.ethers.getContractAt("TwoSidedPool", POOL2);
  await pool2.initialize(1n << 96n);
  await pm.setPoolReference(POOL2, 0, 50_000);
  campaigns.push(campaign("spacing 60, money market", ts.POOL, ts.pool, 60), campaign("spacing 10, no money market", POOL2, pool2, 10));
  bobId = await pm.portfolioCount(bob.address);
  await pm.connect(bob).openPortfolio();
  for (const c of campaigns) {
    await ts.makers.connect(bob).mint(c.POOL, -12000, 12000, 10n ** 24n, bobId);
    c.makerIds.push(await ts.makers.lastAssetId());
  }
  aliceId = await pm.portfolioCount(alice.address);
  await pm.connect(alice).openPortfolio();
  for (const t of [ts.A, ts.B]) await s.deposits.connect(alice).deposit(await t.getAddress(), 10n ** 26n, aliceId);
}, 120_000);

/** Everything the twins read, at the latest block. */
async function snapshot(c: Campaign) {
  const provider = s.ethers.provider;
  const [pool, ledger] = await Promise.all([Pool.fromChain(provider, c.POOL), PremiumLedger.fromChain(provider, c.POOL)]);
  const [makers, takers, bundles] = await Promise.all([
    makerAssetsFromChain(provider, MAKERS, c.makerIds),
    takerAssetsFromChain(provider, TAKERS, c.takerIds),
    bundleAssetsFromChain(provider, BUNDLER, c.bundleIds),
  ]);
  const ctx: PoolValuationContext = { now: ledger.timestamp, borrowIndexX64: ledger.state.borrowIndexNowX64 };
  return { pool, ledger, makers, takers, bundles, ctx };
}

type Snap = Awaited<ReturnType<typeof snapshot>>;

const v = (x: any) => [...x].map((y: any) => BigInt(y));

let compared = 0;
let premiumsSeen = 0;

/** Compares every twin with the chain at the current block. `ctx` overrides the snapshot's (a later time). */
async function compareAll(c: Campaign, snap: Snap, label: string, ctx: PoolValuationContext = snap.ctx) {
  const { pool, ledger, makers, takers, bundles } = snap;
  const { lens } = ts;
  const POOL = c.POOL;
  SPACING = c.spacing;
  const refSqrt: bigint = await s.pm.referenceSqrtPriceX96(POOL);
  const [spot] = await c.pool.slot0();
  // premium growth inside: every position's range and a few random ones
  const ranges: [number, number][] = [
    ...makers.map((m) => [m.tickLower, m.tickUpper] as [number, number]),
    ...takers.map((t) => [t.tickLower, t.tickUpper] as [number, number]),
    ...bundles.flatMap((b) => [[b.maker.tickLower, b.maker.tickUpper], [b.taker.tickLower, b.taker.tickUpper]] as [number, number][]),
  ];
  for (let i = 0; i < 3; i++) {
    const a = rtick(-15000, 15000), b = rtick(-15000, 15000);
    if (a !== b) ranges.push([Math.min(a, b), Math.max(a, b)]);
  }
  for (const [lo, hi] of ranges) {
    const chain = v(await c.pool.premiumGrowthInside(lo, hi));
    const w = premiumGrowthInside(pool, ledger, lo, hi, ctx);
    expect([w.maker0X128, w.maker1X128, w.taker0X128, w.taker1X128], `${label} premiumGrowthInside(${lo}, ${hi})`).toEqual(chain);
    if (chain.some((x) => x !== 0n)) premiumsSeen++;
    compared++;
  }
  // lens values at spot and at a random price
  const randomSqrt = TickMath.getSqrtRatioAtTick(rint(-20000, 20000)) + BigInt(rint(0, 1_000_000));
  for (const m of makers) {
    for (const sq of [spot as bigint, randomSqrt]) {
      const chain = await lens.makerValueAt(POOL, m.owner, m.tickLower, m.tickUpper, sq);
      const w = makerValueAt(pool, ledger, m, sq, ctx);
      expect([w.liquidity, w.amount0, w.amount1, w.owed0, w.owed1], `${label} maker ${m.assetId} value`).toEqual(v(chain));
    }
    expect(makerRecordAt(pool, ledger, m, undefined, ctx), `${label} maker ${m.assetId} record`).toEqual(plain(await ts.makers.record(m.assetId)));
    expect(makerRecordAt(pool, ledger, m, refSqrt, ctx), `${label} maker ${m.assetId} referenceRecord`).toEqual(plain(await ts.makers.referenceRecord(m.assetId)));
    compared += 4;
  }
  for (const t of takers) {
    for (const sq of [spot as bigint, randomSqrt]) {
      const chain = await lens.takerValueAt(POOL, t.owner, t.tickLower, t.tickUpper, sq);
      const w = takerValueAt(pool, ledger, t, sq, ctx);
      expect([w.liquidity, w.lent0, w.lent1, w.returnAmount0, w.returnAmount1, w.debt0, w.debt1], `${label} taker ${t.assetId} value`).toEqual(v(chain));
    }
    expect(takerRecordAt(pool, ledger, t, undefined, ctx), `${label} taker ${t.assetId} record`).toEqual(plain(await ts.takers.record(t.assetId)));
    expect(takerRecordAt(pool, ledger, t, refSqrt, ctx), `${label} taker ${t.assetId} referenceRecord`).toEqual(plain(await ts.takers.referenceRecord(t.assetId)));
    compared += 4;
  }
  for (const b of bundles) {
    expect(bundleRecordAt(pool, ledger, b, undefined, ctx), `${label} bundle ${b.assetId} record`).toEqual(plain(await ts.bundler.record(b.assetId)));
    expect(bundleRecordAt(pool, ledger, b, refSqrt, ctx), `${label} bundle ${b.assetId} referenceRecord`).toEqual(plain(await ts.bundler.referenceRecord(b.assetId)));
    compared += 2;
  }
}

async function advance(seconds: number) {
  await s.ethers.provider.send("evm_increaseTime", [seconds]);
  await s.ethers.provider.send("evm_mine", []);
}

async function borrowIndexesNow(): Promise<[bigint, bigint]> {
  return [await s.mm.currentBorrowIndexX64(ts.t0), await s.mm.currentBorrowIndexX64(ts.t1)];
}

async function latestTimestamp(): Promise<bigint> {
  return BigInt((await s.ethers.provider.getBlock("latest"))!.timestamp);
}

const free = (snap: Snap) => {
  snap.pool.free();
  snap.ledger.free();
};

// One randomized action; false when it was refused on chain (the state did not change).
async function step(c: Campaign): Promise<string> {
  const { alice, bob } = s;
  const { POOL, pool } = c;
  const kind = rint(0, 9);
  try {
    if (kind <= 1) {
      const lo = rtick(-9000, 6000), hi = lo + rtick(SPACING, 6000);
      const [who, id] = rnd() < 0.5 ? [alice, aliceId] : [bob, bobId];
      await ts.makers.connect(who).mint(POOL, lo, hi, BigInt(rint(1, 1000)) * 10n ** 20n, id);
      c.makerIds.push(await ts.makers.lastAssetId());
      return `mint [${lo}, ${hi})`;
    }
    if (kind <= 3) {
      const lo = rtick(-6000, 3000), hi = lo + rtick(SPACING, 3000);
      if (c.usedTakerRanges.has(`${lo},${hi}`)) return "skip";
      await ts.takers.connect(alice).take(POOL, lo, hi, BigInt(rint(1, 100)) * 10n ** 21n, aliceId);
      c.usedTakerRanges.add(`${lo},${hi}`);
      c.takerIds.push(await ts.takers.lastAssetId());
      return `take [${lo}, ${hi})`;
    }
    if (kind === 4) {
      const ml = rtick(-6000, 0), mu = ml + rtick(SPACING, 6000);
      const tl = rtick(-3000, 1500), tu = tl + rtick(SPACING, 1500);
      if (c.usedBundleRanges.has(`m${ml},${mu}`) || c.usedBundleRanges.has(`t${tl},${tu}`)) return "skip";
      const b = { pool: POOL, makerLower: ml, makerUpper: mu, makerLiquidity: BigInt(rint(1, 100)) * 10n ** 21n, takerLower: tl, takerUpper: tu, takerLiquidity: BigInt(rint(1, 50)) * 10n ** 21n };
      await ts.bundler.connect(alice).open(b, aliceId);
      c.usedBundleRanges.add(`m${ml},${mu}`);
      c.usedBundleRanges.add(`t${tl},${tu}`);
      c.bundleIds.push(await ts.bundler.lastAssetId());
      return `bundle maker [${ml}, ${mu}) taker [${tl}, ${tu})`;
    }
    if (kind <= 6) {
      const [, now] = await pool.slot0();
      const target = Math.max(-11000, Math.min(11000, Number(now) + rint(-2500, 2500)));
      const zeroForOne = target < Number(now);
      if (target === Number(now)) return "skip";
      await ts.router.swap(POOL, await ts.router.getAddress(), zeroForOne, 10n ** 27n, TickMath.getSqrtRatioAtTick(target) + (zeroForOne ? 0n : BigInt(rint(0, 1000))));
      return `swap to ${target}`;
    }
    if (kind === 7) {
      await pool.accruePremiumIndexes();
      return "accruePremiumIndexes";
    }
    if (kind === 8 && rnd() < 0.5 && c.takerIds.length > 1) {
      const id = c.takerIds.splice(rint(0, c.takerIds.length - 1), 1)[0];
      const [, lo, hi] = await ts.takers.takers(id);
      await s.pm.connect(alice).uninstall(aliceId, TAKERS, id);
      c.usedTakerRanges.delete(`${lo},${hi}`);
      return `release taker ${id}`;
    }
    return "time only";
  } catch (e) {
    // A take over the cap, a swap without liquidity...: the chain refused; the state is unchanged.
    return `refused (${(e as Error).message.slice(0, 60)})`;
  }
}

async function whatIfSwap(c: Campaign, snap: Snap, label: string) {
  const [, tick] = await c.pool.slot0();
  const zeroForOne = rnd() < 0.5;
  const limit = TickMath.getSqrtRatioAtTick(Math.max(-20000, Math.min(20000, Number(tick) + (zeroForOne ? -1 : 1) * rint(1, 4000))));
  const amountSpecified = (rnd() < 0.8 ? 1n : -1n) * BigInt(rint(1, 1_000_000)) * 10n ** BigInt(rint(12, 18));
  let wasm: string;
  try {
    snap.pool.swap({ zeroForOne, amountSpecified, sqrtPriceLimitX96: limit });
    wasm = "ok";
  } catch (e) {
    wasm = (e as Error).name;
  }
  let chain = "ok";
  try {
    await ts.router.swap(c.POOL, await ts.router.getAddress(), zeroForOne, amountSpecified, limit);
  } catch {
    chain = "reverted";
  }
  expect(wasm === "ok", `${label}: the Wasm swap succeeds exactly when the chain's does (${wasm}, ${chain})`).toBe(chain === "ok");
  if (chain !== "ok") return;
  expect(snap.pool.sqrtPriceX96, `${label}: price after the swap`).toBe((await c.pool.slot0())[0]);
  const hasMM = c === campaigns[0];
  const ctx: PoolValuationContext = { now: await latestTimestamp(), borrowIndexX64: hasMM ? await borrowIndexesNow() : [0n, 0n] };
  const lent = new Map<string, bigint>();
  for (const t of [...snap.takers, ...snap.bundles.map((b) => b.taker)]) {
    for (const [j, sh] of [[0, t.shares0], [1, t.shares1]] as const) {
      if (sh !== 0n) lent.set(`${j}:${sh}`, hasMM ? await s.mm.sharesToAmount(j === 0 ? ts.t0 : ts.t1, sh) : sh);
    }
  }
  ctx.sharesToAmount = (j, sh) => lent.get(`${j}:${sh}`)!;
  await compareAll(c, snap, label, ctx);
  whatIfs++;
}

let whatIfs = 0;

describe("2sAMM producers' twins against the chain", () => {
  it("give the chain's premium growth, lens values and Records after every randomized step, and walk a ledger forward in time", async () => {
    const steps = Number(process.env.TWINS_STEPS ?? 24);
    for (let i = 0; i < steps; i++) {
      const c = campaigns[i % campaigns.length];
      SPACING = c.spacing;
      const what = await step(c);
      if (process.env.TWINS_LOG) console.log(`step ${i} [${c.name}]: ${what}`);
      // Fresh feeds, so the reference price (and the PM behind it) stays readable over the time jump below, at
      // random prices around 1 USD: the reference price (the feeds' ratio) and its tick move from step to step.
      for (const f of [ts.feedA, ts.feedB]) await f.setAnswer(BigInt(rint(80_000000, 125_000000)));
      const snaps = await Promise.all(campaigns.map(snapshot));
      for (let k = 0; k < campaigns.length; k++) await compareAll(campaigns[k], snaps[k], `step ${i} [${c.name}: ${what}] ${campaigns[k].name}`);
      // Time passes with nothing else happening: the ledgers read before, walked to the new time with the money
      // market's indexes then, give the chain's values at that time. Lent shares are valued then too.
      const dt = rint(1, 3) === 1 ? rint(1, 60) : rint(HOUR, 20 * HOUR);
      await advance(dt);
      const now = await latestTimestamp();
      for (let k = 0; k < campaigns.length; k++) {
        const snap = snaps[k];
        const hasMM = k === 0;
        const later: PoolValuationContext = { now, borrowIndexX64: hasMM ? await borrowIndexesNow() : [0n, 0n] };
        const lent = new Map<string, bigint>();
        for (const t of [...snap.takers, ...snap.bundles.map((b) => b.taker)]) {
          for (const [j, sh] of [[0, t.shares0], [1, t.shares1]] as const) {
            if (sh !== 0n) lent.set(`${j}:${sh}`, hasMM ? await s.mm.sharesToAmount(j === 0 ? ts.t0 : ts.t1, sh) : sh);
          }
        }
        later.sharesToAmount = (j, sh) => lent.get(`${j}:${sh}`)!;
        await compareAll(campaigns[k], snap, `step ${i} + ${dt}s [${c.name}: ${what}] ${campaigns[k].name}`, later);
      }
      // eth_call runs at the latest block's timestamp (the reader's own time equals it), as the comparison assumes
      const probe = await PremiumLedger.fromChain(s.ethers.provider, ts.POOL);
      expect(probe.timestamp).toBe(now);
      probe.free();
      // What-if: the same swap on the Wasm pool and on the chain; the twins over the swapped Wasm pool and the
      // ledger read before give the chain's values after it (a swap writes no premium state).
      if (rnd() < 0.5) await whatIfSwap(c, snaps[campaigns.indexOf(c)], `step ${i} what-if swap [${c.name}]`);
      snaps.forEach(free);
    }
    expect(compared).toBeGreaterThan(steps * 10);
    expect(premiumsSeen, "ranges with premium growth compared").toBeGreaterThan(steps);
    expect(whatIfs, "what-if swaps compared").toBeGreaterThan(0);
    for (const c of campaigns) expect(c.takerIds.length + c.bundleIds.length, `${c.name}: the campaign took liquidity`).toBeGreaterThan(0);
  }, 600_000);

  it("raise typed errors for a freed pool or ledger, ticks not in the pool, a time before the snapshot, an unknown asset", async () => {
    const snap = await snapshot(campaigns[0]);
    const { pool, ledger, makers, ctx } = snap;
    const m = makers[0];
    // A position whose bounds are no initialized ticks of the pool.
    const stray: MakerAssetData = { ...m, tickLower: 14040, tickUpper: 14100, liquidity: 1n };
    expect(() => makerValueAt(pool, ledger, stray, undefined, ctx)).toThrow(TickNotInPoolError);
    // Zero liquidity needs no ticks (the lens returns early too).
    expect(makerValueAt(pool, ledger, { ...stray, liquidity: 0n }, undefined, ctx).amount0).toBe(0n);
    expect(() => makerRecordAt(pool, ledger, m, undefined, { ...ctx, now: ledger.timestamp - 1n })).toThrow(NowBeforeSnapshotError);
    // the failure left the ledger usable
    expect(makerRecordAt(pool, ledger, m, undefined, ctx)).toEqual(plain(await ts.makers.record(m.assetId)));
    await expect(makerAssetsFromChain(s.ethers.provider, MAKERS, [10_000n])).rejects.toThrow(ChainReadError);
    // A snapshot no pool can hold: a tick twice, a tick out of range, a borrow index wider than PremiumState keeps.
    const t0 = { tick: 0, lastIndex0X64: 0n, lastIndex1X64: 0n, makerGrowth0X128: 0n, makerGrowth1X128: 0n, takerGrowth0X128: 0n, takerGrowth1X128: 0n };
    expect(() => PremiumLedger.fromSnapshot(ledger.state, [t0, t0])).toThrow(InvalidSnapshotError);
    expect(() => PremiumLedger.fromSnapshot(ledger.state, [{ ...t0, tick: 887273 }])).toThrow(ValueOutOfRangeError);
    expect(() => PremiumLedger.fromSnapshot({ ...ledger.state, borrowIndex0X64: 1n << 120n }, [])).toThrow(ValueOutOfRangeError);
    // A ledger rebuilt from its own state gives the same values as the one read from the chain.
    expect(ledger.state.active && ledger.ticks.length > 0).toBe(true);
    const copy = PremiumLedger.fromSnapshot(ledger.state, ledger.ticks);
    for (const x of makers) expect(makerRecordAt(pool, copy, x, undefined, ctx)).toEqual(makerRecordAt(pool, ledger, x, undefined, ctx));
    copy.free();
    copy.free(); // idempotent
    ledger.free();
    expect(() => makerValueAt(pool, ledger, m, undefined, ctx)).toThrow(LedgerNotFoundError);
    const ledger2 = await PremiumLedger.fromChain(s.ethers.provider, ts.POOL);
    pool.free();
    expect(() => makerValueAt(pool, ledger2, m, undefined, ctx)).toThrow(PoolNotFoundError);
    ledger2.free();
  }, 120_000);
});
