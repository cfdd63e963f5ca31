// The event-synced state against full re-reads: after every block of a random action stream
// (portfolios opened, deposits, lends, borrows, uninstalls, liquidations, oracle moves, swaps, money-
// market supply, time, rate-model, window and registry changes) the store equals Portfolio.readMany /
// Pool.fromChain at that block, and a reorg (evm_snapshot / evm_revert) is rolled back to the same.
import { beforeAll, describe, expect, it } from "vitest";
import { init } from "../../bindings/index.js";
import { EventSync } from "../../keeper/sync.js";
import { E18, E6, keeperSystem, MAX_LIMIT, MIN_LIMIT, rng } from "./helpers.js";

beforeAll(async () => {
  await init();
});

type Sys = Awaited<ReturnType<typeof keeperSystem>>;

/** One random action (a reverted one is part of the stream too: it mines nothing). */
async function act(sys: Sys, r: ReturnType<typeof rng>, counts: Map<string, number>, log: string[]) {
  const { s, a, owners, gov, router, provider } = sys;
  const o = r.pick(owners);
  const n = counts.get(o.address) ?? 0;
  const pid = n ? r.int(n) : 0;
  const kinds = ["open", "deposit", "deposit", "lend", "borrow", "borrow", "uninstall", "oracle", "oracle", "swap", "supply", "time", "rates", "window", "token", "liquidate"] as const;
  const k = n === 0 ? "open" : r.pick(kinds);
  log.push(k);
  try {
    if (k === "open") {
      if (n >= 8) return;
      await (await (s.pm.connect(o) as any).openPortfolio()).wait();
      counts.set(o.address, n + 1);
    } else if (k === "deposit") await (await (s.deposits.connect(o) as any).deposit(r.pick([a.weth, a.usdc]), BigInt(1 + r.int(50)) * (r.next() < 0.5 ? E18 / 10n : 100n * E6), pid)).wait();
    else if (k === "lend") await (await (s.lends.connect(o) as any).lend(r.pick([a.weth, a.usdc]), BigInt(1 + r.int(50)) * (r.next() < 0.5 ? E18 / 10n : 100n * E6), pid)).wait();
    else if (k === "borrow") await (await (s.borrows.connect(o) as any).borrow(r.pick([a.weth, a.usdc]), BigInt(1 + r.int(20)) * (r.next() < 0.5 ? E18 / 10n : 100n * E6), pid)).wait();
    else if (k === "uninstall") {
      const ps = await s.pm.positions(o.address, pid);
      if (ps.length === 0) return;
      const p = r.pick(ps) as any;
      await (await (s.pm.connect(o) as any).uninstall(pid, p.producer, p.assetId)).wait();
    } else if (k === "oracle") {
      const f = r.pick([s.feeds.WETH, s.feeds.USDC]);
      const [, ans] = await f.latestRoundData();
      await (await f.setAnswer((ans * BigInt(940 + r.int(120))) / 1000n)).wait();
    } else if (k === "swap") {
      const z = r.next() < 0.5;
      await (await router.swap(a.pool, await router.getAddress(), z, BigInt(1 + r.int(100)) * (z === (a.weth < a.usdc) ? E18 : 2000n * E6), z ? MIN_LIMIT : MAX_LIMIT)).wait();
    } else if (k === "supply") {
      await (await s.tokens.USDC.mint(gov.address, 10n ** 12n)).wait();
      await (await s.tokens.USDC.approve(a.mm, 10n ** 30n)).wait();
      await (await s.moneyMarket.supply(a.usdc, BigInt(1 + r.int(1000)) * E6)).wait();
    } else if (k === "time") {
      await provider.send("evm_increaseTime", [60 + r.int(3600)]);
      await provider.send("evm_mine", []);
    } else if (k === "rates") {
      const m = await s.moneyMarket.rateModel(r.pick([a.weth, a.usdc]));
      await (await s.moneyMarket.setRateModel(r.pick([a.weth, a.usdc]), { baseRateX64: (m.baseRateX64 * BigInt(50 + r.int(100))) / 100n, slope1X64: m.slope1X64, kinkX64: m.kinkX64, slope2X64: m.slope2X64, reserveShareX64: m.reserveShareX64 })).wait();
    } else if (k === "window") await (await s.borrows.setLiquidationWindow(600 + r.int(7200))).wait();
    else if (k === "token") await (await s.pm.setToken(a.weth, ((1n << 64n) * BigInt(101 + r.int(5))) / 100n, false, await s.feeds.WETH.getAddress(), 24 * 3600)).wait();
    else if (k === "liquidate") {
      for (const [addr, c] of counts) {
        for (let id = 0; id < c; id++) {
          if (await s.pm.isLiquidatable(addr, id)) {
            await (await s.tokens.WETH.mint(gov.address, 10n ** 24n)).wait();
            await (await s.tokens.USDC.mint(gov.address, 10n ** 14n)).wait();
            await (await s.tokens.WETH.approve(a.pm, 10n ** 30n)).wait();
            await (await s.tokens.USDC.approve(a.pm, 10n ** 30n)).wait();
            const n = (await s.pm.positions(addr, id)).length;
            await (await (s.pm.connect(gov) as any).liquidate(addr, id, (1n << BigInt(n)) - 1n)).wait();
            return;
          }
        }
      }
    }
  } catch {
    log[log.length - 1] += " (reverted)";
  }
}

describe("keeper event sync", () => {
  it("equals Portfolio.readMany and Pool.fromChain after every block of a random action stream", async () => {
    const sys = await keeperSystem();
    const seed = Number(process.env.KEEPER_SEED ?? 16);
    const r = rng(seed);
    const lines: string[] = [];
    const sync = new EventSync(sys.provider, sys.deployment, { checkEvery: 0, log: (l) => lines.push(l) });
    await sync.start();
    const counts = new Map<string, number>();
    const log: string[] = [];
    let blocks = 0, mismatches = 0, events = 0, reread = 0;
    for (let i = 0; i < 160; i++) {
      await act(sys, r, counts, log);
      for (const ev of await sync.poll()) {
        blocks++;
        events += ev.events;
        reread += ev.reread.portfolios;
      }
      const diffs = await sync.fullCheck(false);
      if (diffs.length) mismatches++;
      expect(diffs, `seed ${seed}, after ${log.join(", ")}`).toEqual([]);
    }
    const positions = [...sync.store.portfolios.values()].reduce((n, e) => n + e.positions.length, 0);
    // The stream did reach the states the comparison is about.
    const done = new Set(log.filter((l) => !l.endsWith("(reverted)")));
    for (const k of ["open", "deposit", "lend", "borrow", "uninstall", "oracle", "swap", "supply", "time", "rates", "window", "token"]) expect(done.has(k), `${k} never succeeded`).toBe(true);
    expect(blocks).toBeGreaterThan(100);
    expect(sync.store.portfolios.size).toBeGreaterThan(3);
    expect(positions).toBeGreaterThan(5);
    expect(events).toBeGreaterThan(100);
    expect(mismatches).toBe(0);
    expect(reread).toBeGreaterThan(0);

    // Two keepers of shards 0/2 and 1/2 split the same portfolios by owner, each equal to the chain.
    const shards = [0, 1].map((index) => new EventSync(sys.provider, sys.deployment, { checkEvery: 0, shard: { index, count: 2 } }));
    for (const sh of shards) await sh.start();
    const keys = shards.map((sh) => [...sh.store.portfolios.keys()]);
    expect([...keys[0], ...keys[1]].sort()).toEqual([...sync.store.portfolios.keys()].sort());
    expect(keys[0].length * keys[1].length).toBeGreaterThan(0);
    await act(sys, r, counts, log);
    for (const sh of shards) {
      await sh.poll();
      expect(await sh.fullCheck(false)).toEqual([]);
    }
  });

  it("rolls a reorg back by block hash and follows the new branch", async () => {
    const sys = await keeperSystem(2);
    const { s, a, owners, provider } = sys;
    const lines: string[] = [];
    const sync = new EventSync(sys.provider, sys.deployment, { checkEvery: 0, log: (l) => lines.push(l) });
    const [alice, bob] = owners;
    await (await (s.pm.connect(alice) as any).openPortfolio()).wait();
    await (await (s.deposits.connect(alice) as any).deposit(a.weth, 10n * E18, 0)).wait();
    await sync.start();
    const fork = await provider.send("evm_snapshot", []);
    // Branch A: alice borrows, bob opens and deposits, WETH moves.
    await (await (s.borrows.connect(alice) as any).borrow(a.usdc, 5_000n * E6, 0)).wait();
    await (await (s.pm.connect(bob) as any).openPortfolio()).wait();
    await (await (s.deposits.connect(bob) as any).deposit(a.usdc, 1_000n * E6, 0)).wait();
    await (await s.feeds.WETH.setAnswer(1900_00000000n)).wait();
    await sync.poll();
    expect(await sync.fullCheck(false)).toEqual([]);
    const headA = sync.store.head!;
    expect(sync.store.portfolios.size).toBe(2);
    // Branch B from the fork: fewer blocks than A, so A's head is simply gone.
    await provider.send("evm_revert", [fork]);
    await (await (s.lends.connect(alice) as any).lend(a.usdc, 2_000n * E6, 0)).wait();
    await sync.poll();
    expect(sync.reorgs).toBe(1);
    expect(lines.some((l) => l.includes("reorg"))).toBe(true);
    expect(sync.store.head!.number).toBeLessThan(headA.number);
    expect(sync.store.portfolios.size).toBe(1); // bob's portfolio was on branch A only
    expect(await sync.fullCheck(false)).toEqual([]);
    // Branch C from a second fork, longer than B: the same heights with other hashes.
    const fork2 = await provider.send("evm_snapshot", []);
    await (await s.feeds.WETH.setAnswer(2100_00000000n)).wait();
    await sync.poll();
    await provider.send("evm_revert", [fork2]);
    for (let i = 0; i < 3; i++) await (await (s.deposits.connect(alice) as any).deposit(a.usdc, BigInt(100 + i) * E6, 0)).wait();
    await sync.poll();
    expect(sync.reorgs).toBe(2);
    expect(await sync.fullCheck(false)).toEqual([]);
  });
});
