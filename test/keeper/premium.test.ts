// Pool premium state in the keeper: portfolios holding 2sAMM makers and takers beside deposits and
// borrows. After every block of a stream of swaps, takes, releases, mints, burns and time, the keeper's
// shared pool entry (Wasm pool and PremiumLedger) equals Pool.fromChain / PremiumLedger.fromChain at that
// block, and the verdicts the keeper's state gives equal Portfolio.readMany's at that block.
import { beforeAll, describe, expect, it } from "vitest";
import { init, Pool, Portfolio, PremiumLedger } from "../../bindings/index.js";
import { pinned } from "../../keeper/rpc.js";
import { EventSync } from "../../keeper/sync.js";
import { stable, stablePositions } from "../../keeper/util.js";
import { E18, E6, keeperSystem, MAX_LIMIT, MIN_LIMIT } from "./helpers.js";

beforeAll(async () => {
  await init();
});

// The ledger's stored premium state (its snapshot time and the market's indexes then are the read's, not
// the pool's: the valuation walks the ledger to `now` itself).
const premium = (l: PremiumLedger) => { const { timestamp: _t, borrowIndexNowX64: _b, ...st } = l.state; return stable(st); };

const results = (ps: Portfolio[]) =>
  ps.map((p) => {
    try {
      return stable(p.check());
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  });

describe("keeper: pool premium state", () => {
  it("keeps each valued pool's premium ledger in step and values makers and takers as readMany does", async () => {
    const sys = await keeperSystem(2);
    const { s, a, owners, router, provider, base } = sys;
    const [mo, to] = owners;
    for (const o of owners) for (const t of [s.tokens.WETH, s.tokens.USDC]) for (const sp of [s.makers, s.takers]) await (await (t.connect(o) as any).approve(await sp.getAddress(), 10n ** 40n)).wait();
    const as = (c: any, o: any) => c.connect(o) as any;
    await (await as(s.pm, mo).openPortfolio()).wait();
    await (await as(s.deposits, mo).deposit(a.weth, 10n * E18, 0)).wait();
    await (await as(s.makers, mo).mint(a.pool, base - 1200, base + 1200, 3n * 10n ** 15n, 0)).wait();
    await (await as(s.borrows, mo).borrow(a.usdc, 5_000n * E6, 0)).wait();
    await (await as(s.pm, to).openPortfolio()).wait();
    await (await as(s.deposits, to).deposit(a.weth, 20n * E18, 0)).wait();
    await (await as(s.takers, to).take(a.pool, base - 600, base + 600, 10n ** 15n, 0)).wait();
    await (await as(s.borrows, to).borrow(a.usdc, 10_000n * E6, 0)).wait();

    const sync = new EventSync(provider, sys.deployment, { checkEvery: 0, reorgDepth: 4 });
    await sync.start();
    const first = premium((sync.store.shared.pools[a.pool] as any).ledger);
    const swap = async (z: boolean, n: bigint) => (await router.swap(a.pool, await router.getAddress(), z, n * (z === (a.weth < a.usdc) ? E18 : 2000n * E6), z ? MIN_LIMIT : MAX_LIMIT)).wait();
    // Time for the premiums, then both feeds posted again (their answers would be stale after a day).
    const time = async (sec: number) => {
      await provider.send("evm_increaseTime", [sec]);
      for (const f of [s.feeds.WETH, s.feeds.USDC]) { const [, ans] = await f.latestRoundData(); await (await f.setAnswer(ans)).wait(); }
    };
    const steps: [string, () => Promise<unknown>][] = [
      ["time", () => time(86_400)],
      ["swap", () => swap(true, 40n)],
      ["take", async () => (await as(s.takers, to).take(a.pool, base - 300, base + 300, 5n * 10n ** 14n, 0)).wait()],
      ["time", () => time(3 * 86_400)],
      ["swap", () => swap(false, 60n)],
      ["mint", async () => (await as(s.makers, mo).mint(a.pool, base - 600, base + 600, 10n ** 15n, 0)).wait()],
      ["time", () => time(86_400)],
      ["release", async () => { const ps = await s.pm.positions(to.address, 0); const t = [...ps].reverse().find((p: any) => p.producer.toLowerCase() === (s.takers.target as string).toLowerCase()); await (await as(s.pm, to).uninstall(0, t.producer, t.assetId)).wait(); }],
      ["swap", () => swap(true, 20n)],
      ["time", () => time(86_400)],
      ["burn", async () => { const ps = await s.pm.positions(mo.address, 0); const m = [...ps].reverse().find((p: any) => p.producer.toLowerCase() === (s.makers.target as string).toLowerCase()); await (await as(s.pm, mo).uninstall(0, m.producer, m.assetId)).wait(); }],
      ["oracle", async () => { const [, ans] = await s.feeds.WETH.latestRoundData(); await (await s.feeds.WETH.setAnswer((ans * 97n) / 100n)).wait(); }],
    ];
    const keys: [string, bigint][] = [[mo.address.toLowerCase(), 0n], [to.address.toLowerCase(), 0n]];
    let pooled = 0;
    for (const [what, f] of steps) {
      await f();
      await sync.poll();
      const head = sync.store.head!.number;
      const at = pinned(provider, head);
      const entry = sync.store.shared.pools[a.pool] as any;
      const [pool, ledger] = await Promise.all([Pool.fromChain(at, a.pool), PremiumLedger.fromChain(at, a.pool)]);
      expect(premium(entry.ledger), `${what}: ledger state at ${head}`).toBe(premium(ledger));
      expect(stable(entry.ledger.ticks), `${what}: ledger ticks at ${head}`).toBe(stable(ledger.ticks));
      expect(stable(entry.pool.getState()), `${what}: pool at ${head}`).toBe(stable(pool.getState()));
      pool.free();
      ledger.free();
      const fresh = await Portfolio.readMany(at, a.pm, keys);
      const mine = keys.map(([o, id]) => {
        const e = sync.store.portfolios.get(`${o}:${id}`)!;
        return Portfolio.fromSnapshot({ pm: a.pm, owner: e.owner, portfolioId: e.portfolioId, positions: e.positions, shared: sync.store.shared });
      });
      pooled += mine.reduce((n, p) => n + p.positions.filter((x) => x.kind === "maker" || x.kind === "taker").length, 0);
      expect(mine.map((p) => stablePositions(p.positions)), `${what}: positions at ${head}`).toEqual(fresh.map((p) => stablePositions(p.positions)));
      expect(results(mine), `${what}: verdicts at ${head}`).toEqual(results(fresh));
      for (const p of mine) expect(results([p])[0]).not.toMatch(/^error/); // valued, not skipped
    }
    // The stream moved the premium state the keeper had to follow, and valued pool-priced positions.
    expect(premium((sync.store.shared.pools[a.pool] as any).ledger)).not.toBe(first);
    expect(pooled).toBeGreaterThan(10);
    expect(Object.keys(sync.poolEventsByName)).toEqual(expect.arrayContaining(["Swap", "Take", "Release", "Mint", "Burn"]));
    expect(sync.mismatches).toBe(0);
    expect(await sync.fullCheck(false)).toEqual([]);
  }, 120_000);
});
