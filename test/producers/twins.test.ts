// The Wasm twins of the 2sAMM producers' valuations against the deployed contracts: after randomized steps (maker
// mints, takes, bundles, swaps, time passing with premiums active and the money market accruing), the twins fed
// from the chain's readers (Pool.fromChain, PremiumLedger.fromChain, the producers' asset readers) give exactly
// pool.premiumGrowthInside, lens.makerValueAt / takerValueAt at random prices, and every asset's record and
// referenceRecord. A ledger read before time passes, walked to the later time with the borrow indexes then, gives
// the chain's values at that time. Bad inputs raise typed errors.
import { beforeAll, describe, expect, it } from "vitest";
import {
  bundleAssetsFromChain,
  bundleRecordAt,
  ChainReadError,
  init,
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
} from "../../bindings/index.js";
import type { BundleAssetData, MakerAssetData, SolvencyRecord, TakerAssetData, ValuationContext } from "../../bindings/index.js";
import { deploySystem, HOUR, type System } from "../pm/fixture.js";
import { deployTwoSided, type TwoSided } from "../pm/twoSided.js";

let s: System;
let ts: TwoSided;
let MAKERS: string, TAKERS: string, BUNDLER: string;
const E18 = 10n ** 18n;
const SPACING = 60;

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
const rtick = (lo: number, hi: number) => rint(lo / SPACING, hi / SPACING) * SPACING;

const makerIds: bigint[] = [];
const takerIds: bigint[] = [];
const bundleIds: bigint[] = [];
const usedTakerRanges = new Set<string>();
const usedBundleRanges = new Set<string>();
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
  bobId = await pm.portfolioCount(bob.address);
  await pm.connect(bob).openPortfolio();
  await ts.makers.connect(bob).mint(ts.POOL, -12000, 12000, 10n ** 24n, bobId);
  makerIds.push(await ts.makers.lastAssetId());
  aliceId = await pm.portfolioCount(alice.address);
  await pm.connect(alice).openPortfolio();
  for (const t of [ts.A, ts.B]) await s.deposits.connect(alice).deposit(await t.getAddress(), 10n ** 26n, aliceId);
}, 120_000);

/** Everything the twins read, at the latest block. */
async function snapshot() {
  const provider = s.ethers.provider;
  const [pool, ledger] = await Promise.all([Pool.fromChain(provider, ts.POOL), PremiumLedger.fromChain(provider, ts.POOL)]);
  const [makers, takers, bundles] = await Promise.all([
    makerAssetsFromChain(provider, MAKERS, makerIds),
    takerAssetsFromChain(provider, TAKERS, takerIds),
    bundleAssetsFromChain(provider, BUNDLER, bundleIds),
  ]);
  const ctx: ValuationContext = { now: ledger.timestamp, borrowIndexX64: ledger.state.borrowIndexNowX64 };
  return { pool, ledger, makers, takers, bundles, ctx };
}

type Snap = Awaited<ReturnType<typeof snapshot>>;

const v = (x: any) => [...x].map((y: any) => BigInt(y));

let compared = 0;
let premiumsSeen = 0;

/** Compares every twin with the chain at the current block. `ctx` overrides the snapshot's (a later time). */
async function compareAll(snap: Snap, label: string, ctx: ValuationContext = snap.ctx) {
  const { pool, ledger, makers, takers, bundles } = snap;
  const { lens } = ts;
  const refSqrt: bigint = await s.pm.referenceSqrtPriceX96(ts.POOL);
  const [spot] = await ts.pool.slot0();
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
    const chain = v(await ts.pool.premiumGrowthInside(lo, hi));
    const w = premiumGrowthInside(pool, ledger, lo, hi, ctx);
    expect([w.maker0X128, w.maker1X128, w.taker0X128, w.taker1X128], `${label} premiumGrowthInside(${lo}, ${hi})`).toEqual(chain);
    if (chain.some((x) => x !== 0n)) premiumsSeen++;
    compared++;
  }
  // lens values at spot and at a random price
  const randomSqrt = TickMath.getSqrtRatioAtTick(rint(-20000, 20000)) + BigInt(rint(0, 1_000_000));
  for (const m of makers) {
    for (const sq of [spot as bigint, randomSqrt]) {
      const c = await lens.makerValueAt(ts.POOL, m.owner, m.tickLower, m.tickUpper, sq);
      const w = makerValueAt(pool, ledger, m, sq, ctx);
      expect([w.liquidity, w.amount0, w.amount1, w.owed0, w.owed1], `${label} maker ${m.assetId} value`).toEqual(v(c));
    }
    expect(makerRecordAt(pool, ledger, m, undefined, ctx), `${label} maker ${m.assetId} record`).toEqual(plain(await ts.makers.record(m.assetId)));
    expect(makerRecordAt(pool, ledger, m, refSqrt, ctx), `${label} maker ${m.assetId} referenceRecord`).toEqual(plain(await ts.makers.referenceRecord(m.assetId)));
    compared += 4;
  }
  for (const t of takers) {
    for (const sq of [spot as bigint, randomSqrt]) {
      const c = await lens.takerValueAt(ts.POOL, t.owner, t.tickLower, t.tickUpper, sq);
      const w = takerValueAt(pool, ledger, t, sq, ctx);
      expect([w.liquidity, w.lent0, w.lent1, w.returnAmount0, w.returnAmount1, w.debt0, w.debt1], `${label} taker ${t.assetId} value`).toEqual(v(c));
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
async function step(i: number): Promise<string> {
  const { alice, bob } = s;
  const kind = rint(0, 9);
  try {
    if (kind <= 1) {
      const lo = rtick(-9000, 6000), hi = lo + rtick(SPACING, 6000);
      const [who, id] = rnd() < 0.5 ? [alice, aliceId] : [bob, bobId];
      await ts.makers.connect(who).mint(ts.POOL, lo, hi, BigInt(rint(1, 1000)) * 10n ** 20n, id);
      makerIds.push(await ts.makers.lastAssetId());
      return `mint [${lo}, ${hi})`;
    }
    if (kind <= 3) {
      const lo = rtick(-6000, 3000), hi = lo + rtick(SPACING, 3000);
      if (usedTakerRanges.has(`${lo},${hi}`)) return "skip";
      await ts.takers.connect(alice).take(ts.POOL, lo, hi, BigInt(rint(1, 100)) * 10n ** 21n, aliceId);
      usedTakerRanges.add(`${lo},${hi}`);
      takerIds.push(await ts.takers.lastAssetId());
      return `take [${lo}, ${hi})`;
    }
    if (kind === 4) {
      const ml = rtick(-6000, 0), mu = ml + rtick(SPACING, 6000);
      const tl = rtick(-3000, 1500), tu = tl + rtick(SPACING, 1500);
      if (usedBundleRanges.has(`m${ml},${mu}`) || usedBundleRanges.has(`t${tl},${tu}`)) return "skip";
      const b = { pool: ts.POOL, makerLower: ml, makerUpper: mu, makerLiquidity: BigInt(rint(1, 100)) * 10n ** 21n, takerLower: tl, takerUpper: tu, takerLiquidity: BigInt(rint(1, 50)) * 10n ** 21n };
      await ts.bundler.connect(alice).open(b, aliceId);
      usedBundleRanges.add(`m${ml},${mu}`);
      usedBundleRanges.add(`t${tl},${tu}`);
      bundleIds.push(await ts.bundler.lastAssetId());
      return `bundle maker [${ml}, ${mu}) taker [${tl}, ${tu})`;
    }
    if (kind <= 6) {
      const [, now] = await ts.pool.slot0();
      const target = Math.max(-11000, Math.min(11000, Number(now) + rint(-2500, 2500)));
      const zeroForOne = target < Number(now);
      if (target === Number(now)) return "skip";
      await ts.router.swap(ts.POOL, await ts.router.getAddress(), zeroForOne, 10n ** 27n, TickMath.getSqrtRatioAtTick(target) + (zeroForOne ? 0n : BigInt(rint(0, 1000))));
      return `swap to ${target}`;
    }
    if (kind === 7) {
      await ts.pool.accruePremiumIndexes();
      return "accruePremiumIndexes";
    }
    if (kind === 8 && rnd() < 0.5 && takerIds.length > 1) {
      const id = takerIds.splice(rint(0, takerIds.length - 1), 1)[0];
      const [, lo, hi] = await ts.takers.takers(id);
      await s.pm.connect(alice).uninstall(aliceId, TAKERS, id);
      usedTakerRanges.delete(`${lo},${hi}`);
      return `release taker ${id}`;
    }
    return "time only";
  } catch (e) {
    // A take over the cap, a swap without liquidity...: the chain refused; the state is unchanged.
    return `refused (${(e as Error).message.slice(0, 60)})`;
  }
}

describe("2sAMM producers' twins against the chain", () => {
  it("give the chain's premium growth, lens values and Records after every randomized step, and walk a ledger forward in time", async () => {
    const steps = Number(process.env.TWINS_STEPS ?? 30);
    for (let i = 0; i < steps; i++) {
      const what = await step(i);
      if (process.env.TWINS_LOG) console.log(`step ${i}: ${what}`);
      // Fresh feeds, so the reference price (and the PM behind it) stays readable over the time jump below.
      for (const f of [ts.feedA, ts.feedB]) await f.setAnswer(1_00000000n);
      const snap = await snapshot();
      await compareAll(snap, `step ${i} (${what})`);
      // Time passes with nothing else happening: the ledger read before, walked to the new time with the money
      // market's indexes then, gives the chain's values at that time. Lent shares are valued then too.
      const dt = rint(1, 3) === 1 ? rint(1, 60) : rint(HOUR, 20 * HOUR);
      await advance(dt);
      const now = await latestTimestamp();
      const later: ValuationContext = { now, borrowIndexX64: await borrowIndexesNow() };
      const lent = new Map<string, bigint>();
      for (const t of [...snap.takers, ...snap.bundles.map((b) => b.taker)]) {
        for (const [i, sh] of [[0, t.shares0], [1, t.shares1]] as const) {
          if (sh !== 0n) lent.set(`${i}:${sh}`, await s.mm.sharesToAmount(i === 0 ? ts.t0 : ts.t1, sh));
        }
      }
      later.sharesToAmount = (i, sh) => lent.get(`${i}:${sh}`)!;
      // eth_call runs at the latest block's timestamp (checked: the reader's own time equals it)
      const probe = await PremiumLedger.fromChain(s.ethers.provider, ts.POOL);
      expect(probe.timestamp).toBe(now);
      probe.free();
      await compareAll(snap, `step ${i} + ${dt}s (${what})`, later);
      free(snap);
    }
    expect(compared).toBeGreaterThan(steps * 10);
    expect(premiumsSeen, "ranges with premium growth compared").toBeGreaterThan(steps);
    expect(takerIds.length + bundleIds.length, "the campaign took liquidity").toBeGreaterThan(0);
    // Premiums did accrue: some taker's debt exceeds its return amounts.
    const snap = await snapshot();
    const accrued = snap.takers.some((t) => takerValueAt(snap.pool, snap.ledger, t, undefined, snap.ctx).debt0 + takerValueAt(snap.pool, snap.ledger, t, undefined, snap.ctx).debt1 > 0n);
    expect(accrued, "premiums or fees accrued to some taker").toBe(true);
    free(snap);
  }, 600_000);

  it("raise typed errors for a freed pool or ledger, ticks not in the pool, a time before the snapshot, an unknown asset", async () => {
    const snap = await snapshot();
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
    ledger.free();
    expect(() => makerValueAt(pool, ledger, m, undefined, ctx)).toThrow(LedgerNotFoundError);
    const ledger2 = await PremiumLedger.fromChain(s.ethers.provider, ts.POOL);
    pool.free();
    expect(() => makerValueAt(pool, ledger2, m, undefined, ctx)).toThrow(PoolNotFoundError);
    ledger2.free();
  }, 120_000);
});
