// The PM's cheap check: Records asked for in one call per producer (IProducer.records / valuations), read
// in place from the producer's answer, positions packed in one slot. Every batch answer must equal the
// producers' per-asset Records, the PM's Records must come back in position order whatever the mix of
// producers, and the check must agree with the Wasm Solvency.check on them (expectWasmAgrees). The new
// refusals (AssetIdTooLarge, BadProducerAnswer, a malformed answer) are exercised here.
import { beforeAll, describe, expect, it } from "vitest";
import { init, TickMath } from "../../bindings/index.js";
import { expectWasmAgrees, plainRecords } from "../producers/helpers.js";
import { deploySystem, E18, System } from "./fixture.js";
import { deployTwoSided, type TwoSided } from "./twoSided.js";

let s: System;
let two: TwoSided;
let T: Record<string, string>;

beforeAll(async () => {
  await init();
  s = await deploySystem();
  two = await deployTwoSided(s);
  T = {};
  for (const [k, t] of Object.entries(s.tokens)) T[k] = await t.getAddress();
});

async function open(who: any): Promise<bigint> {
  const id = await s.pm.portfolioCount(who.address);
  await s.pm.connect(who).openPortfolio();
  return id;
}

const extra = () => ({ A: { token: two.A, feed: two.feedA }, B: { token: two.B, feed: two.feedB } });

describe("batch Records from the producers", () => {
  it("records(ids, atReference) and valuations(ids, guarded) equal the per-asset Records; producers that read no pool answer an empty reference", async () => {
    const { alice, deposits, lends, borrows } = s;
    const id = await open(alice);
    await deposits.connect(alice).deposit(T.WETH, 3n * E18, id);
    await deposits.connect(alice).deposit(T.USDC, 5_000_000000n, id);
    await lends.connect(alice).lend(T.SOL, 40n * 10n ** 9n, id);
    await borrows.connect(alice).borrow(T.USDC, 1_000_000000n, id);
    for (const p of [deposits, lends, borrows]) {
      const last = await p.lastAssetId();
      const ids = Array.from({ length: Number(last) }, (_, i) => BigInt(i + 1));
      const live: bigint[] = [];
      for (const a of ids) {
        try {
          await p.record(a);
          live.push(a);
        } catch {
          // destroyed or never created
        }
      }
      const one = await Promise.all(live.map((a) => p.record(a)));
      expect(plainRecords(await p.records(live, false))).toEqual(plainRecords(one));
      expect(plainRecords(await p.records(live, true))).toEqual(plainRecords(await Promise.all(live.map((a) => p.referenceRecord(a)))));
      for (const guarded of [false, true]) {
        const [spot, atReference] = await p.valuations(live, guarded);
        expect(plainRecords(spot)).toEqual(plainRecords(one));
        expect(atReference.length).toBe(0);
      }
      // An unknown asset in a batch refuses the batch, as record() does.
      await expect(p.records([...live, 10n ** 9n], false)).rejects.toThrow(/UnknownAsset/);
      await expect(p.valuations([10n ** 9n], false)).rejects.toThrow(/UnknownAsset/);
    }
  });

  it("a pool-priced producer answers both valuations; guarded, it refuses a pool too far from its reference, unguarded it does not", async () => {
    const { pm, alice, bob } = s;
    const { makers, router, pool, POOL } = two;
    const bobId = await open(bob);
    await makers.connect(bob).mint(POOL, -12000, 12000, 10n ** 22n, bobId);
    const id = await open(alice);
    await makers.connect(alice).mint(POOL, -6000, 6000, 10n ** 22n, id);
    await makers.connect(alice).mint(POOL, -600, 1200, 10n ** 21n, id);
    const last = await makers.lastAssetId();
    const ids = [last - 1n, last, last - 2n];
    const check = async (label: string) => {
      const [spot, ref] = await makers.valuations(ids, false);
      expect(plainRecords(spot), label).toEqual(plainRecords(await Promise.all(ids.map((a) => makers.record(a)))));
      expect(plainRecords(ref), label).toEqual(plainRecords(await Promise.all(ids.map((a) => makers.referenceRecord(a)))));
      expect(plainRecords(await makers.records(ids, true)), label).toEqual(plainRecords(ref));
      expect(plainRecords(await makers.records(ids, false)), label).toEqual(plainRecords(spot));
      return [spot, ref];
    };
    await check("at the reference");
    // Push the spot 1,000 ticks down: more than the default 500-tick deviation allowed to user actions.
    await router.swap(POOL, await router.getAddress(), true, 10n ** 27n, TickMath.getSqrtRatioAtTick(-1000));
    const [spot, ref] = await check("pushed");
    expect(plainRecords(spot)).not.toEqual(plainRecords(ref));
    await expect(makers.valuations(ids, true)).rejects.toThrow(/PriceDeviation/);
    await expect(makers.userRecords(ids[0])).rejects.toThrow(/PriceDeviation/); // the per-asset guarded form alike
    // The PM's views (unguarded) still answer, and agree with the Wasm core.
    await expectWasmAgrees(s, alice.address, id, extra(), "pushed");
    // A user action on the portfolio is refused by the guard.
    await expect(s.deposits.connect(alice).deposit(T.USDC, 1n, id)).rejects.toThrow(/PriceDeviation/);
    await router.swap(POOL, await router.getAddress(), false, 10n ** 27n, TickMath.getSqrtRatioAtTick(0));
    expect((await pool.slot0())[1]).toBe(0n);
  });
});

describe("the PM gathers Records per producer, in position order", () => {
  it("interleaved positions of four producers: records / referenceRecords in position order, the check equal to the Wasm core's", async () => {
    const { pm, alice, deposits, lends, borrows } = s;
    const id = await open(alice);
    const byPosition: [any, bigint][] = [];
    const add = async (p: any, tx: Promise<any>) => {
      await (await tx).wait();
      byPosition.push([p, await p.lastAssetId()]);
    };
    await add(deposits, deposits.connect(alice).deposit(T.WETH, 2n * E18, id));
    await add(two.makers, two.makers.connect(alice).mint(two.POOL, -3000, 3000, 10n ** 20n, id));
    await add(lends, lends.connect(alice).lend(T.USDC, 2_000_000000n, id));
    await add(deposits, deposits.connect(alice).deposit(T.SOL, 10n * 10n ** 9n, id));
    await add(borrows, borrows.connect(alice).borrow(T.USDC, 500_000000n, id));
    await add(two.makers, two.makers.connect(alice).mint(two.POOL, -600, 600, 10n ** 19n, id));
    await add(deposits, deposits.connect(alice).deposit(T.DOGE, 1000n * 10n ** 8n, id));
    const ps = await pm.positions(alice.address, id);
    expect(ps.map((p: any) => [p.producer, p.assetId])).toEqual(await Promise.all(byPosition.map(async ([p, a]) => [await p.getAddress(), a])));
    const spot = await Promise.all(byPosition.map(([p, a]) => p.record(a)));
    const ref = await Promise.all(byPosition.map(([p, a]) => p.referenceRecord(a)));
    expect(plainRecords(await pm.records(alice.address, id))).toEqual(plainRecords(spot));
    expect(plainRecords(await pm.referenceRecords(alice.address, id))).toEqual(plainRecords(ref));
    await expectWasmAgrees(s, alice.address, id, extra(), "mixed producers");
    // Uninstall from the middle: the order of the others is kept.
    const [p3, a3] = byPosition[3];
    await pm.connect(alice).uninstall(id, await p3.getAddress(), a3);
    byPosition.splice(3, 1);
    expect(plainRecords(await pm.records(alice.address, id))).toEqual(plainRecords(await Promise.all(byPosition.map(([p, a]) => p.record(a)))));
    await expectWasmAgrees(s, alice.address, id, extra(), "after uninstall");
  });
});

describe("refusals of the packed positions and the batch answers", () => {
  it("AssetIdTooLarge: an asset id above 96 bits is refused at install; uninstalling one finds nothing", async () => {
    const { pm, gov, bob, stranger } = s;
    const id = await open(bob);
    // A registered account installing directly: the id check comes before anything is written.
    await pm.connect(gov).setProducer(stranger.address, true);
    try {
      await expect(pm.connect(stranger).install(bob.address, id, 1n << 96n)).rejects.toThrow(/AssetIdTooLarge/);
      await expect(pm.connect(stranger).install(bob.address, id, (1n << 256n) - 1n)).rejects.toThrow(/AssetIdTooLarge/);
      // 2^96 - 1 fits; the check after it then asks the account for Records, and an account that answers
      // nothing is refused (a malformed answer reverts, it is never read as Records).
      await expect(pm.connect(stranger).install(bob.address, id, (1n << 96n) - 1n)).rejects.toThrow();
      expect((await pm.positions(bob.address, id)).length).toBe(0);
      expect(await pm.isInstalled(stranger.address, (1n << 96n) - 1n)).toBe(false);
      await expect(pm.connect(bob).uninstall(id, stranger.address, (1n << 96n) + 5n)).rejects.toThrow(/NotInPortfolio/);
    } finally {
      await pm.connect(gov).setProducer(stranger.address, false);
    }
  });

  it("BadProducerAnswer: a producer whose batch answer has the wrong number of Records is refused", async () => {
    const { pm, alice } = s;
    const rogue: any = await s.ethers.deployContract("MaliciousProducer", [await pm.getAddress()]);
    await pm.setProducer(await rogue.getAddress(), true);
    const id = await open(alice);
    await rogue.installFor(alice.address, id, T.USDC, 1_000_000000n, 0n);
    await rogue.installFor(alice.address, id, T.USDC, 1_000_000000n, 0n);
    expect(await pm.isSolvent(alice.address, id)).toBe(true);
    await rogue.setAnswerShort(true);
    const rogueAddr = await rogue.getAddress();
    for (const call of [pm.isSolvent(alice.address, id), pm.records(alice.address, id), pm.referenceRecords(alice.address, id), pm.breakdown(alice.address, id)]) {
      await expect(call).rejects.toThrow(/BadProducerAnswer/);
    }
    await expect(rogue.installFor(alice.address, id, T.USDC, 1n, 0n)).rejects.toThrow(/BadProducerAnswer/);
    try {
      await pm.isSolvent(alice.address, id);
    } catch (e: any) {
      expect(pm.interface.parseError(e.data)?.args[0]).toBe(rogueAddr);
    }
    await rogue.setAnswerShort(false);
    expect(await pm.isSolvent(alice.address, id)).toBe(true);
  });
});

describe("the token registry in one slot", () => {
  it("tokenInfo returns exactly what setToken was given, at the bounds of every field (long staleness limits included)", async () => {
    const { pm, ethers } = s;
    const X64n = 1n << 64n;
    const cases: [bigint, boolean, boolean, number, number][] = [
      // varianceX64, tail, with feed, maxAge, decimals
      [X64n + 1n, false, true, 1, 0],
      [1n << 72n, true, false, 0, 36],
      [(X64n * 104n) / 100n, false, true, (1 << 17) - 2, 18],
      [(X64n * 130n) / 100n, true, true, (1 << 17) - 1, 6],
      [(1n << 72n) - 1n, false, true, 2 ** 32 - 1, 9],
    ];
    for (const [v, tail, withFeed, maxAge, dec] of cases) {
      const t: any = await ethers.deployContract("TestERC20", ["X", "X", dec]);
      const feed: any = await ethers.deployContract("MockAggregator", [8, 1_00000000n]);
      const feedAddr = withFeed ? await feed.getAddress() : ethers.ZeroAddress;
      await pm.setToken(await t.getAddress(), v, tail, feedAddr, maxAge);
      const info = await pm.tokenInfo(await t.getAddress());
      expect([info.registered, info.tail, info.decimals, info.maxAge, info.varianceX64, info.feed]).toEqual([true, tail, BigInt(dec), BigInt(maxAge), v, feedAddr]);
      if (withFeed) {
        // The price reads use the limit given: a fresh answer passes, one older than the limit fails.
        const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
        await feed.setAnswerAt(1_00000000n, now);
        await expect(pm.price(await t.getAddress())).resolves.toBeDefined();
        if (BigInt(maxAge) + 10n <= now) {
          await feed.setAnswerAt(1_00000000n, now - BigInt(maxAge) - 10n);
          await expect(pm.price(await t.getAddress())).rejects.toThrow(/StalePrice/);
        }
      }
    }
    // Updating an entry replaces every field (a long limit back to a short one included).
    const t: any = await ethers.deployContract("TestERC20", ["Y", "Y", 18]);
    const feed: any = await ethers.deployContract("MockAggregator", [8, 1_00000000n]);
    await pm.setToken(await t.getAddress(), X64n * 2n, false, await feed.getAddress(), 2 ** 31);
    await pm.setToken(await t.getAddress(), X64n * 3n, true, ethers.ZeroAddress, 0);
    const info = await pm.tokenInfo(await t.getAddress());
    expect([info.registered, info.tail, info.maxAge, info.varianceX64, info.feed]).toEqual([true, true, 0n, X64n * 3n, ethers.ZeroAddress]);
    const none = await pm.tokenInfo(ethers.Wallet.createRandom().address);
    expect([none.registered, none.tail, none.decimals, none.maxAge, none.varianceX64, none.feed]).toEqual([false, false, 0n, 0n, 0n, ethers.ZeroAddress]);
  });
});
