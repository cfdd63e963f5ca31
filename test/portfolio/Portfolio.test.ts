// Portfolio (bindings) against the deployed Portfolio Manager, to the wei: after deposits, lends,
// borrows, vault shares, time passing, rate-model changes and oracle moves, `records()` equals each
// producer's `record()` and `check()` equals `pm.breakdown` / `pm.referenceBreakdown` / `pm.isSolvent`
// (or fails with the PM's error). A Portfolio read earlier and valued at a later `now` must equal a
// fresh read (the money market accrues from its stored state exactly as the contract will).
import { beforeAll, describe, expect, it } from "vitest";
import { init, Portfolio, NowBeforeSnapshotError, UnknownAssetError, UnknownProducerError, MissingPriceError, WasmTrapError } from "../../bindings/index.js";
import { getCore } from "../../bindings/src/wasm.js";
import { E18, HOUR } from "../pm/fixture.js";
import { deployPortfolioSystem, expectBreakdown, outcome, plain, type PortfolioSystem } from "./helpers.js";

let s: PortfolioSystem;
let owner: string;
const ID = 0n;

beforeAll(async () => {
  await init();
  s = await deployPortfolioSystem();
  owner = s.alice.address;
  await s.pm.connect(s.alice).openPortfolio();
});

const provider = () => s.ethers.provider;
const pmAddr = () => s.pm.getAddress();
const A = (name: string) => s.tokens[name].getAddress() as Promise<string>;

async function mine(seconds: number) {
  await provider().send("evm_increaseTime", [seconds]);
  await provider().send("evm_mine", []);
}

/** The chain's view of the portfolio now, each call's error name where it reverts. */
async function chain() {
  const positions = await s.pm.positions(owner, ID);
  const records = await Promise.all(
    positions.map(async (p: any) => {
      const producer = await s.ethers.getContractAt("IProducer", p.producer);
      return outcome(async () => plain(await producer.record(p.assetId)));
    }),
  );
  return {
    records,
    breakdown: await outcome(() => s.pm.breakdown(owner, ID)),
    reference: await outcome(() => s.pm.referenceBreakdown(owner, ID)),
    solvent: await outcome(() => s.pm.isSolvent(owner, ID)),
    liquidatable: await outcome(() => s.pm.isLiquidatable(owner, ID)),
  };
}

let compared = 0;

/** `p` valued at `now` equals the chain now, Record by Record and verdict by verdict. */
async function expectEqualsChain(p: Portfolio, now: bigint | undefined, label: string) {
  const c = await chain();
  const recs = await outcome(() => p.records({ now }));
  for (let i = 0; i < c.records.length; i++) {
    const r = c.records[i];
    if (r.ok) {
      expect(recs.ok, `${label}: record ${i}`).toBe(true);
      if (recs.ok) expect(recs.v[i], `${label}: record ${i}`).toEqual(r.v);
    } else {
      expect(recs.ok ? "ok" : recs.name, `${label}: record ${i} fails`).toBe(r.name);
      return;
    }
  }
  const w = await outcome(() => p.check({ now }));
  if (!c.breakdown.ok) {
    expect(w.ok ? "ok" : w.name, `${label}: check fails as pm.breakdown`).toBe(c.breakdown.name);
    compared++;
    return;
  }
  expect(w.ok, `${label}: check ${w.ok ? "" : w.name}`).toBe(true);
  if (!w.ok) return;
  expectBreakdown(w.v.spot, c.breakdown.v, `${label}: spot`);
  if (c.reference.ok) expectBreakdown(w.v.reference, c.reference.v, `${label}: reference`);
  if (c.solvent.ok) expect(w.v.solvent, `${label}: isSolvent`).toBe(c.solvent.v);
  if (c.liquidatable.ok) expect(w.v.liquidatable, `${label}: isLiquidatable`).toBe(c.liquidatable.v);
  compared++;
}

/** The block.timestamp an eth_call sees now (what the chain's views value at). */
async function callTime(): Promise<bigint> {
  return (await Portfolio.fromChain(provider(), await pmAddr(), owner, ID)).shared.blockTimestamp;
}

describe("Portfolio", () => {
  it("reads an empty portfolio in one call: solvent, never liquidatable", async () => {
    const p = await Portfolio.fromChain(provider(), await pmAddr(), owner, ID);
    expect(p.positions).toEqual([]);
    expect(p.records()).toEqual([]);
    const r = p.check();
    expect(r.solvent).toBe(true);
    expect(r.liquidatable).toBe(await s.pm.isLiquidatable(owner, ID));
  });

  it("equals every producer's record and pm.breakdown through deposits, lends, borrows, vault shares, time and rate moves", async () => {
    const { alice, deposits, lends, borrows, vault, vaultIntegrator, mm, gov } = s;
    await deposits.connect(alice).deposit(await A("USDC"), 50_000n * 10n ** 6n, ID);
    await lends.connect(alice).lend(await A("WETH"), 7n * E18 + 123n, ID);
    await deposits.connect(alice).deposit(await A("DOGE"), 1_000n * 10n ** 8n, ID); // a tail
    await borrows.connect(alice).borrow(await A("SOL"), 150n * 10n ** 9n + 7n, ID);
    await borrows.connect(alice).borrow(await A("USDC"), 12_345n * 10n ** 6n, ID);
    await vault.connect(alice).deposit(3n * E18, alice.address);
    await vault.connect(s.bob).deposit(E18 / 3n, s.bob.address);
    await vaultIntegrator.connect(alice).deposit(await vault.getAddress(), 2n * E18, ID);
    // A second lender and borrower move utilisation in the markets the portfolio reads.
    await s.pm.connect(s.bob).openPortfolio();
    await deposits.connect(s.bob).deposit(await A("USDC"), 10n ** 12n, 0n);
    await borrows.connect(s.bob).borrow(await A("SOL"), 2_000n * 10n ** 9n, 0n);

    const p0 = await Portfolio.fromChain(provider(), await pmAddr(), owner, ID);
    expect(p0.positions.map((x) => x.kind)).toEqual(["deposit", "lend", "deposit", "borrow", "borrow", "erc4626"]);
    await expectEqualsChain(p0, undefined, "after installs");

    // Time passes with nothing touching the markets: the old snapshot valued at the new time equals the chain.
    for (const dt of [1, 59, HOUR, 7 * HOUR]) {
      await mine(dt);
      const now = await callTime();
      await expectEqualsChain(p0, now, `old snapshot +${dt}s`);
      await expectEqualsChain(await Portfolio.fromChain(provider(), await pmAddr(), owner, ID), undefined, `fresh +${dt}s`);
    }

    // A rate-model change accrues and changes the slope; a supply moves utilisation.
    await mm.connect(gov).setRateModel(await A("SOL"), {
      baseRateX64: (1n << 64n) / 100_000_000n, slope1X64: (1n << 64n) / 10_000_000n, kinkX64: (1n << 63n), slope2X64: (1n << 64n) / 4_000_000n, reserveShareX64: (1n << 64n) / 5n,
    });
    await mm.connect(gov).supply(await A("USDC"), 10n ** 13n);
    await vault.connect(s.bob).deposit(E18 / 7n, s.bob.address);
    const p1 = await Portfolio.fromChain(provider(), await pmAddr(), owner, ID);
    await expectEqualsChain(p1, undefined, "after rate change");
    await mine(3 * HOUR);
    await expectEqualsChain(p1, await callTime(), "after rate change +3h");
    // The vault loses assets: its share price falls.
    await vault.lose(E18 / 5n);
    await expectEqualsChain(await Portfolio.fromChain(provider(), await pmAddr(), owner, ID), undefined, "after a vault loss");

    // The twin's market views equal the contract's.
    const p2 = await Portfolio.fromChain(provider(), await pmAddr(), owner, ID);
    const sol = (await A("SOL")).toLowerCase();
    const m = p2.shared.markets[`${(await mm.getAddress()).toLowerCase()}:${sol}`];
    const at = Portfolio.marketAt(m, p2.shared.blockTimestamp);
    expect(at.borrowIndexX64).toBe(await mm.currentBorrowIndexX64(sol));
    expect(at.borrowRatePerSecondX64).toBe(await mm.borrowRatePerSecondX64(sol));
    expect(at.lendRatePerSecondX64).toBe(await mm.lendRatePerSecondX64(sol));
    expect(at.utilisationX64).toBe(await mm.utilisationX64(sol));
    expect(compared).toBeGreaterThanOrEqual(12);
  });

  it("what-if oracle moves equal the chain once the feed really moves there", async () => {
    const p = await Portfolio.fromChain(provider(), await pmAddr(), owner, ID);
    for (const [name, answer] of [["WETH", 1500_00000000n], ["SOL", 260_00000000n], ["USDC", 99_000000n]] as const) {
      const before = await s.feeds[name].answer();
      await s.feeds[name].setAnswer(answer);
      const now = await callTime();
      const w = p.check({ now, prices: { [await A(name)]: answer } });
      expectBreakdown(w.spot, await s.pm.breakdown(owner, ID), `${name} -> ${answer}`);
      expect(w.solvent, `${name} isSolvent`).toBe(await s.pm.isSolvent(owner, ID));
      await s.feeds[name].setAnswer(before);
    }
  });

  it("liquidationPrice is exact: the chain flips solvency between that answer and one unit beyond", async () => {
    // Borrow more so that a plausible WETH fall (or SOL rise) makes the portfolio insolvent.
    await s.borrows.connect(s.alice).borrow(await A("USDC"), 30_000n * 10n ** 6n, ID);
    const p = await Portfolio.fromChain(provider(), await pmAddr(), owner, ID);
    for (const [name, side] of [["WETH", "long"], ["SOL", "short"]] as const) {
      const token = await A(name);
      const before = await s.feeds[name].answer();
      for (const beyond of [0n, 1n]) {
        // The feed update is mined at a chosen time t; the chain's views then value at t.
        const t = (await callTime()) + 10n;
        const L = p.liquidationPrice(token, { now: t });
        expect(L, name).not.toBeNull();
        const answer = side === "long" ? L! + beyond : L! - beyond;
        await provider().send("evm_setNextBlockTimestamp", [Number(t)]);
        await s.feeds[name].setAnswer(answer);
        expect(await callTime()).toBe(t);
        expect(await s.pm.isSolvent(owner, ID), `${name} at L${beyond ? (side === "long" ? "+1" : "-1") : ""}`).toBe(beyond === 1n);
        expect(p.check({ now: t, prices: { [token]: answer } }).solvent).toBe(beyond === 1n);
        compared++;
      }
      await s.feeds[name].setAnswer(before);
    }
    // No exposure: a token the portfolio does not hold.
    expect(p.liquidationPrice(await A("PEPE"))).toBeNull();
  });

  it("fails with typed errors and stays usable", async () => {
    const p = await Portfolio.fromChain(provider(), await pmAddr(), owner, ID);
    expect(() => p.check({ now: p.shared.blockTimestamp - 1n })).toThrow(NowBeforeSnapshotError);
    // Past the feeds' 24 h staleness limit the PM reverts StalePrice: so does the Portfolio.
    await mine(25 * HOUR);
    const now = await callTime();
    const c = await outcome(() => s.pm.breakdown(owner, ID));
    const w = await outcome(() => p.check({ now }));
    expect(c.ok ? "ok" : c.name).toBe("StalePrice");
    expect(w.ok ? "ok" : w.name).toBe("StalePrice");
    // A bare answer for a token with no feed in the snapshot.
    const q = Portfolio.fromSnapshot({ ...p, positions: [...p.positions], shared: { ...p.shared, tokens: {} } } as any);
    const weth = await A("WETH");
    expect(() => q.check({ prices: { [weth]: 1n } })).toThrow(MissingPriceError);
    // A producer the reader did not recognise; a pool-priced position whose pool the snapshot lacks.
    const u = Portfolio.fromSnapshot({ pm: p.pm, owner, portfolioId: ID, shared: p.shared, positions: [{ producer: p.pm, assetId: 1n, kind: "unknown" }] });
    expect(() => u.records()).toThrow(UnknownProducerError);
    const m = Portfolio.fromSnapshot({ pm: p.pm, owner, portfolioId: ID, shared: p.shared, positions: [{ producer: p.pm, assetId: 1n, kind: "maker", pool: p.pm }] });
    expect(() => m.records()).toThrow(UnknownAssetError);
    // A Wasm trap becomes WasmTrapError (the trap guard), and the next valuation is right.
    // (defineProperty: the raw exports sit read-only on the prototype; deleting the own property restores them.)
    const e = getCore().exports as Record<string, unknown>;
    Object.defineProperty(e, "moneyMarketLendRecord", {
      configurable: true,
      writable: true,
      value: () => {
        throw new WebAssembly.RuntimeError("unreachable");
      },
    });
    try {
      expect(() => p.records({ now: p.shared.blockTimestamp + 1n })).toThrow(WasmTrapError);
    } finally {
      delete e.moneyMarketLendRecord;
    }
    expect(typeof e.moneyMarketLendRecord).toBe("function");
    // Still usable.
    const fresh = await Portfolio.fromChain(provider(), await pmAddr(), owner, ID);
    await expectEqualsChain(fresh, undefined, "after failures");
    fresh.free();
    expect(() => fresh.records()).toThrow();
  });
});
