// Two valuations on the deployed system: a 2sAMM maker position with a borrow, its pool's spot price
// pushed away from the feeds. The Wasm Solvency.check (on the PM's Records and through readPortfolio)
// must equal pm.breakdown at spot and pm.referenceBreakdown at the reference price, and predict
// pm.isSolvent / pm.isLiquidatable and the liquidation; a reference the PM cannot form is reported by
// readPortfolio as a typed error beside an intact spot snapshot.
import { beforeAll, describe, expect, it } from "vitest";
import { init, readPortfolio, Solvency, StalePriceError, TickMath } from "../../bindings/index.js";
import { TwapUnavailableError } from "../../bindings/src/errors.js";
import { expectWasmAgrees, lowered } from "../producers/helpers.js";
import { deploySystem, HOUR, System, vX64 } from "./fixture.js";
import { deployTwoSided } from "./twoSided.js";

let s: System;
let A: any, B: any, feedA: any, feedB: any, pool: any, makers: any, router: any;
let poolAddress: string;
const Q96 = 1n << 96n;
const E18 = 10n ** 18n;
const extra = () => ({ A: { token: A, feed: feedA }, B: { token: B, feed: feedB } });

beforeAll(async () => {
  await init();
  s = await deploySystem();
  // Two 18-decimal blue-chips at 1 USD: the reference (oracle-implied) price is 1, tick 0.
  ({ A, B, feedA, feedB, pool, makers, router, POOL: poolAddress } = await deployTwoSided(s));
  const { pm } = s;
  // Let user actions through while the spot is up to 20,000 ticks from the reference.
  await pm.setPoolReference(poolAddress, 0, 20_000);
});

/** Swaps through the router until the pool's price reaches `tick` (zeroForOne when it is below the price). */
async function pushTo(tick: number) {
  const [, now] = await pool.slot0();
  const zeroForOne = tick < Number(now);
  await router.swap(poolAddress, await router.getAddress(), zeroForOne, 10n ** 27n, TickMath.getSqrtRatioAtTick(tick));
  expect((await pool.slot0())[0]).toBe(TickMath.getSqrtRatioAtTick(tick));
}

describe("spot and reference valuations", () => {
  let id: bigint;

  it("a maker position with a borrow: the spot valuation moves with the pool, the reference stays with the feeds; both equal the chain's", async () => {
    const { pm, alice, bob } = s;
    // Liquidity for the swaps (bob), then alice's maker position and a USDC borrow against it.
    const bobId = await pm.portfolioCount(bob.address);
    await pm.connect(bob).openPortfolio();
    await makers.connect(bob).mint(poolAddress, -12000, 12000, 10n ** 22n, bobId);
    id = await pm.portfolioCount(alice.address);
    await pm.connect(alice).openPortfolio();
    await makers.connect(alice).mint(poolAddress, -6000, 6000, 10n ** 22n, id);
    await s.borrows.connect(alice).borrow(await s.tokens.USDC.getAddress(), 3_000n * 10n ** 6n, id);

    // At tick 0 the spot and the reference price are the same.
    const atStart = await expectWasmAgrees(s, alice.address, id, extra(), "tick 0");
    expect(atStart.reference!.usdNet).toBe(atStart.spot!.usdNet);
    expect([atStart.solvent, atStart.liquidatable, atStart.failedValuation]).toEqual([true, false, undefined]);

    // Push the spot 3,000 ticks down (about -26%): the maker holds more A and less B at spot. Valued at
    // the feeds' prices, a position away from the price the feeds imply is worth more: the spot
    // valuation rises, which is why liquidation reads the reference.
    await pushTo(-3000);
    const moved = await expectWasmAgrees(s, alice.address, id, extra(), "tick -3000");
    expect(moved.spot!.usdNet).toBeGreaterThan(moved.reference!.usdNet);
    expect(moved.spot!.usdNet - moved.reference!.usdNet).toBeGreaterThan(100n * E18);
    expect(moved.reference!.nets).not.toEqual(moved.spot!.nets);
    expect([moved.solvent, moved.liquidatable]).toEqual([true, false]);
    // The Records differ only in the pool-priced position: the borrow is the same in both.
    const [spotRecs, refRecs] = [await pm.records(alice.address, id), await pm.referenceRecords(alice.address, id)];
    expect([...spotRecs[1].debt]).toEqual([...refRecs[1].debt]);
    expect([...spotRecs[0].credit]).not.toEqual([...refRecs[0].credit]);
  });

  it("insolvent at the reference but not at spot: liquidatable, and the liquidation goes through", async () => {
    const { pm, alice, bob } = s;
    const w = await expectWasmAgrees(s, alice.address, id, extra(), "before the USDC move");
    // Raise USDC so that the debt grows by the midpoint of the two USD nets: the reference goes below
    // zero, the spot stays above.
    const usdc = await s.tokens.USDC.getAddress();
    const owed = -w.nets[usdc]; // virtual USDC units (6 decimals)
    const target = (w.spot!.usdNet + w.reference!.usdNet) / 2n;
    const [, answer] = await s.feeds.USDC.latestRoundData();
    // debt USD = owed * answer * 1e18 / 1e14: each unit of answer adds owed * 1e4 wei of USD.
    await s.feeds.USDC.setAnswer(answer + target / (owed * 10n ** 4n) + 1n);
    const r = await expectWasmAgrees(s, alice.address, id, extra(), "USDC up");
    expect(r.spot!.solvent).toBe(true);
    expect(r.reference!.solvent).toBe(false);
    expect([r.solvent, r.liquidatable, r.failedValuation]).toEqual([false, true, "reference"]);
    expect(r.spot!.usdNet).toBeGreaterThan(0n);
    expect(r.reference!.usdNet).toBeLessThan(0n);
    // A user action now fails on the reference valuation (Insolvent's `valuation` 1 = Reference).
    await expect(s.borrows.connect(alice).borrow(usdc, 1n, id)).rejects.toThrow(/Insolvent\("0x[0-9a-fA-F]{40}", \d+, 1, -\d+\)/);
    // The PM agrees it may be liquidated, and the liquidation (which reads the reference) succeeds.
    const n = (await pm.positions(alice.address, id)).length;
    await pm.connect(bob).liquidate(alice.address, id, (1n << BigInt(n)) - 1n);
    expect((await pm.positions(alice.address, id)).length).toBe(0);
    const after = await expectWasmAgrees(s, alice.address, id, extra(), "after the liquidation");
    expect([after.solvent, after.liquidatable, after.usdNet]).toEqual([true, false, 0n]);
    await s.feeds.USDC.setAnswer(answer);
  });

  it("a spot moved back to the reference gives the same valuation twice again", async () => {
    const { pm, bob } = s;
    await pushTo(0);
    const bobId = (await pm.portfolioCount(bob.address)) - 1n;
    const w = await expectWasmAgrees(s, bob.address, bobId, extra(), "back at tick 0");
    expect(w.spot!.usdNet).toBe(w.reference!.usdNet);
  });

  it("a reference the PM cannot form: readPortfolio returns the spot snapshot and the typed error", async () => {
    const { pm, bob, ethers } = s;
    const bobId = (await pm.portfolioCount(bob.address)) - 1n;
    const a = await A.getAddress();
    // A becomes a tail token without a feed: the pool's reference is its TWAP. The pool keeps one observation
    // (cardinality 1) and the push below rewrites it, so no 30-minute average can be had: TwapUnavailable.
    await pm.setToken(a, vX64(105n, 100n), true, ethers.ZeroAddress, 0);
    await pushTo(-3000);
    const w = await expectWasmAgrees(s, bob.address, bobId, extra(), "no feed for A");
    const snap = await readPortfolio(ethers.provider, await pm.getAddress(), bob.address, bobId);
    expect(snap.referenceError).toBeInstanceOf(TwapUnavailableError);
    const e = snap.referenceError as TwapUnavailableError;
    expect([e.pool, e.window]).toEqual([poolAddress.toLowerCase(), 1800]);
    expect(e.shortMessage).toMatch(/^TwapUnavailable:/);
    expect(snap.options.referenceRecords).toBeUndefined();
    // The spot snapshot is whole: its check is pm.breakdown, spot only.
    const r = Solvency.check(snap.records, snap.tokens, snap.prices, snap.options);
    expect(r.spot).toBeUndefined();
    expect(lowered(r)).toEqual(lowered(w));
    expect(r.usdNet).toBe((await pm.breakdown(bob.address, bobId)).usdNet);

    // With a feed again but a stale one: the spot valuation does not read a tail's feed, the reference does.
    await pm.setToken(a, vX64(105n, 100n), true, await feedA.getAddress(), 60);
    await ethers.provider.send("evm_increaseTime", [120]);
    await ethers.provider.send("evm_mine", []);
    await feedB.setAnswer(1_00000000n);
    const stale = await readPortfolio(ethers.provider, await pm.getAddress(), bob.address, bobId);
    expect(stale.referenceError).toBeInstanceOf(StalePriceError);
    expect(stale.referenceError!.details).toContain(a.toLowerCase());
    await expectWasmAgrees(s, bob.address, bobId, extra(), "stale tail feed");
    await feedA.setAnswer(1_00000000n);
    await expectWasmAgrees(s, bob.address, bobId, extra(), "fresh tail feed");
  });
});
