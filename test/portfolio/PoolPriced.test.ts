// Pool-priced positions in a Portfolio: the state reader recognises a 2sAMM maker and returns its pool
// and tokens; with no valuer registered for makers, valuing fails with UnknownProducerError (the core
// stays usable); a valuer plugged in through Portfolio.registerValuer is used for both valuations and
// netted with the built-in ones, and the verdict equals the chain's. The stand-in valuer here reads the
// producer's own Records in its `load` (valid at the read's state only): it shows the interface the
// Wasm twins of the pool-priced producers implement, not their arithmetic.
import { beforeAll, describe, expect, it } from "vitest";
import { init, Portfolio, UnknownProducerError, type PortfolioPosition, type SolvencyRecord } from "../../bindings/index.js";
import { deploySystem, type System } from "../pm/fixture.js";
import { deployTwoSided, type TwoSided } from "../pm/twoSided.js";
import { expectBreakdown, plain } from "./helpers.js";

let s: System;
let t: TwoSided;

beforeAll(async () => {
  await init();
  s = await deploySystem();
  t = await deployTwoSided(s);
});

describe("Portfolio with pool-priced positions", () => {
  it("reads a maker's pool and tokens, refuses to value it without a valuer, and nets a plugged-in one", async () => {
    const { pm, bob, deposits, ethers } = s;
    const id = await pm.portfolioCount(bob.address);
    await pm.connect(bob).openPortfolio();
    await deposits.connect(bob).deposit(await t.A.getAddress(), 5n * 10n ** 21n, id);
    await t.makers.connect(bob).mint(t.POOL, -600, 600, 10n ** 22n, id);
    const PM = await pm.getAddress();

    const p = await Portfolio.fromChain(ethers.provider, PM, bob.address, id);
    expect(p.positions.map((x) => x.kind)).toEqual(["deposit", "maker"]);
    const maker = p.positions[1];
    expect(maker.pool).toBe(t.POOL.toLowerCase());
    expect([maker.token0, maker.token1]).toEqual([t.t0.toLowerCase(), t.t1.toLowerCase()]);
    // Both pool tokens are in the token table the reader returned.
    expect(p.shared.tokens[t.t0.toLowerCase()]?.registered).toBe(true);
    expect(p.shared.tokens[t.t1.toLowerCase()]?.registered).toBe(true);
    expect(() => p.check()).toThrow(UnknownProducerError);
    expect(p.records.bind(p)).toThrow(UnknownProducerError);

    // A stand-in valuer: the producer's Records, loaded once per shared state.
    const loaded = new Map<string, { spot: SolvencyRecord; reference: SolvencyRecord }>();
    Portfolio.registerValuer("maker", {
      pricesMatter: true,
      async load(provider, positions: PortfolioPosition[]) {
        for (const x of positions) {
          const producer = await ethers.getContractAt("IProducer", x.producer);
          loaded.set(`${x.producer}:${x.assetId}`, { spot: plain(await producer.record(x.assetId)), reference: plain(await producer.referenceRecord(x.assetId)) });
          void provider;
        }
      },
      record: (x) => loaded.get(`${x.producer}:${x.assetId}`)!.spot,
      referenceRecord: (x) => loaded.get(`${x.producer}:${x.assetId}`)!.reference,
    });
    const q = await Portfolio.fromChain(ethers.provider, PM, bob.address, id);
    const w = q.check();
    expectBreakdown(w.spot, await pm.breakdown(bob.address, id), "spot");
    expectBreakdown(w.reference, await pm.referenceBreakdown(bob.address, id), "reference");
    expect(w.solvent).toBe(await pm.isSolvent(bob.address, id));
    expect(w.liquidatable).toBe(await pm.isLiquidatable(bob.address, id));
    expect(q.records()[1]).toEqual(loaded.get(`${maker.producer}:${maker.assetId}`)!.spot);
    // A Portfolio built before the registration values with the new valuer too (nothing stale cached).
    expect(p.check().spot.usdNet).toBe(w.spot.usdNet);
  });

  it("recognises takers and bundles by their producers' views", async () => {
    const { pm, alice, bob, deposits, ethers } = s;
    const E18 = 10n ** 18n;
    const depth = await pm.portfolioCount(bob.address);
    await pm.connect(bob).openPortfolio();
    await deposits.connect(bob).deposit(t.t0, 10_000_000n * E18, depth);
    await t.makers.connect(bob).mint(t.POOL, -30000, 30000, 5_000_000n * E18, depth);
    const id = await pm.portfolioCount(alice.address);
    await pm.connect(alice).openPortfolio();
    await deposits.connect(alice).deposit(t.t0, 1_000_000n * E18, id);
    await t.takers.connect(alice).take(t.POOL, -600, 600, 100_000n * E18, id);
    await t.bundler.connect(alice).open({ pool: t.POOL, makerLower: -6000, makerUpper: 6000, makerLiquidity: 200_000n * E18, takerLower: -600, takerUpper: 600, takerLiquidity: 50_000n * E18 }, id);
    const p = await Portfolio.fromChain(ethers.provider, await pm.getAddress(), alice.address, id);
    expect(p.positions.map((x) => x.kind)).toEqual(["deposit", "taker", "bundle"]);
    for (const x of p.positions.slice(1)) {
      expect(x.pool).toBe(t.POOL.toLowerCase());
      expect([x.token0, x.token1]).toEqual([t.t0.toLowerCase(), t.t1.toLowerCase()]);
    }
    expect(() => p.check()).toThrow(UnknownProducerError);
  });
});
