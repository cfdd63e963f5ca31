// Oracle faults on the Portfolio Manager beyond what test/pm covers (stale-in-the-past, zero and
// negative answers on breakdown and install; a stale liquidation): a feed that reverts (with data,
// without, or only in decimals()), an update time in the future, an answer at or above 2^128, more
// than 36 feed decimals, each on every path that reads a price (breakdown, isSolvent, install,
// uninstall, liquidation of a blue-chip and of a tail token). Every fault gives a named error and
// never an answer: isSolvent reverts rather than saying true or false. A feed with unexpected (but
// valid) decimals is handled exactly.
import { beforeAll, describe, expect, it } from "vitest";
import { deploySystem, E18, HOUR, System, vX64, X64 } from "../pm/fixture.js";

let s: System;
let T: Record<string, string>;
let solFeed: any, pepeFeed: any;
const SOL_V = vX64(104n, 100n);

beforeAll(async () => {
  s = await deploySystem();
  T = {};
  for (const [k, t] of Object.entries(s.tokens)) T[k] = await t.getAddress();
  solFeed = await s.ethers.deployContract("HostileFeed", [8, 100_00000000n]);
  pepeFeed = await s.ethers.deployContract("HostileFeed", [8, 1000n]);
  await s.pm.setToken(T.SOL, SOL_V, false, await solFeed.getAddress(), 24 * HOUR);
  await s.pm.setToken(T.PEPE, vX64(130n, 100n), true, await pepeFeed.getAddress(), 24 * HOUR);
});

async function now(): Promise<number> {
  return (await s.ethers.provider.getBlock("latest"))!.timestamp;
}

async function open(who: any): Promise<bigint> {
  const id = await s.pm.portfolioCount(who.address);
  await s.pm.connect(who).openPortfolio();
  return id;
}

/** The faults: how to set the feed, and the error the PM must give. */
const FAULTS: [string, (f: any, t: number, answer: bigint) => Promise<unknown>, RegExp][] = [
  ["stale", (f, t, a) => f.set(a, t - 24 * HOUR - 10, 8, 0), /StalePrice/],
  ["updated in the future", (f, t, a) => f.set(a, t + 3600, 8, 0), /StalePrice/],
  ["zero", (f, t) => f.set(0n, t, 8, 0), /InvalidPrice/],
  ["negative", (f, t) => f.set(-1n, t, 8, 0), /InvalidPrice/],
  ["2^128", (f, t) => f.set(1n << 128n, t, 8, 0), /InvalidPrice/],
  ["2^255 - 1", (f, t) => f.set((1n << 255n) - 1n, t, 8, 0), /InvalidPrice/],
  ["37 decimals", (f, t, a) => f.set(a, t, 37, 0), /InvalidPrice/],
  ["255 decimals", (f, t, a) => f.set(a, t, 255, 0), /InvalidPrice/],
  ["latestRoundData reverts with an error", (f, t, a) => f.set(a, t, 8, 1), /InvalidPrice/],
  ["latestRoundData reverts without data", (f, t, a) => f.set(a, t, 8, 2), /InvalidPrice/],
  ["decimals() reverts", (f, t, a) => f.set(a, t, 8, 3), /InvalidPrice/],
];

describe("oracle faults", () => {
  it("a blue-chip's bad feed: every price read gives the named error, never a solvency answer", async () => {
    const { pm, alice, bob, deposits, borrows } = s;
    const id = await open(alice);
    await deposits.connect(alice).deposit(T.SOL, 10n ** 10n, id); // 10 SOL at 100 USD
    await borrows.connect(alice).borrow(T.USDC, 900_000000n, id); // 900 USDC
    const borrowId = await borrows.lastAssetId();
    await solFeed.set(50_00000000n, await now(), 8, 0); // insolvent at 50 USD: 480 < 909
    expect(await pm.isSolvent(alice.address, id)).toBe(false);
    const misses: string[] = [];
    for (const [name, set, error] of FAULTS) {
      await set(solFeed, await now(), 50_00000000n);
      const tries: [string, () => Promise<unknown>][] = [
        ["breakdown", () => pm.breakdown(alice.address, id)],
        ["isSolvent", () => pm.isSolvent(alice.address, id)],
        ["install", () => deposits.connect(alice).deposit.staticCall(T.SOL, 1n, id)],
        // Repaying the debt still needs SOL's price for the check after (the collateral stays).
        ["uninstall", () => pm.connect(alice).uninstall.staticCall(id, s.borrows.target, borrowId)],
        ["liquidate", () => pm.connect(bob).liquidate.staticCall(alice.address, id, 3n)],
        ["price", () => pm.price(T.SOL)],
      ];
      for (const [what, call] of tries) {
        const e = await call().then(() => undefined, (err) => err);
        if (!e) misses.push(`${name}: ${what} answered`);
        else if (!error.test(String(e.message))) misses.push(`${name}: ${what} gave ${String(e.message).slice(0, 120)}`);
      }
    }
    expect(misses).toEqual([]);
    // With a good price again the same liquidation goes through: the refusals were the feed's doing.
    await solFeed.set(50_00000000n, await now(), 8, 0);
    await pm.connect(bob).liquidate(alice.address, id, 3n);
    expect((await pm.positions(alice.address, id)).length).toBe(0);
  });

  it("a tail token's bad feed refuses the tail liquidation with the named error", async () => {
    const { pm, alice, bob, deposits, borrows, gov } = s;
    const id = await open(alice);
    await deposits.connect(alice).deposit(T.PEPE, 1000n * E18, id);
    await borrows.connect(alice).borrow(T.PEPE, 500n * E18, id); // 769 virtual credit > 650 virtual debt
    // Governance raises PEPE's variance factor: 1000/2 = 500 < 500 x 2 = 1000, the tail fails.
    await pm.connect(gov).setToken(T.PEPE, vX64(200n, 100n), true, await pepeFeed.getAddress(), 24 * HOUR);
    const b = await pm.breakdown(alice.address, id);
    expect(b.solvent).toBe(false);
    expect(b.failingTails).toEqual([T.PEPE]);
    const misses: string[] = [];
    for (const [name, set, error] of FAULTS) {
      await set(pepeFeed, await now(), 1000n);
      const e = await pm.connect(bob).liquidate.staticCall(alice.address, id, 3n).then(() => undefined, (err: any) => err);
      if (!e) misses.push(`${name}: liquidated`);
      else if (!error.test(String(e.message))) misses.push(`${name}: ${String(e.message).slice(0, 120)}`);
      // The breakdown does not price tails, so it still answers (and says insolvent).
      expect((await pm.breakdown(alice.address, id)).solvent).toBe(false);
    }
    expect(misses).toEqual([]);
    await pepeFeed.set(1000n, await now(), 8, 0);
    await pm.connect(bob).liquidate(alice.address, id, 3n);
    expect((await pm.positions(alice.address, id)).length).toBe(0);
  });

  it("a feed with unexpected decimals is priced exactly (18-decimal and 0-decimal feeds agree with 8)", async () => {
    const { pm, bob, deposits } = s;
    await solFeed.set(100_00000000n, await now(), 8, 0);
    const id = await open(bob);
    const amount = 12_345_678_901n; // 12.345678901 SOL
    await deposits.connect(bob).deposit(T.SOL, amount, id);
    // By hand (docs/pm.md): vc = floor(credit * 2^64 / v); usd = floor(vc * a * 10^18 / 10^(9 + fd)).
    const vc = (amount * X64) / SOL_V;
    const expected = (vc * 137n * 10n ** 18n) / 10n ** 9n; // 137 USD whatever the feed's decimals
    for (const [answer, decimals] of [[137_00000000n, 8], [137n * E18, 18], [137n, 0], [137n * 10n ** 36n, 36]] as const) {
      await solFeed.set(answer, await now(), decimals, 0);
      expect((await pm.breakdown(bob.address, id)).usdNet, `${decimals} decimals`).toBe(expected);
    }
    await solFeed.set(100_00000000n, await now(), 8, 0);
  });
});
