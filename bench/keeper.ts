// Keeper rows of the bench (wired into bench/bench.ts; alone: `npx tsx bench/keeper.ts [--quick] [--only recheck|apply]`).
//
// - The per-block re-check after an oracle update: 1,000, 10,000 and 100,000 synthetic portfolios of
//   16 deposit, lend, borrow and ERC-4626 positions (bench/portfolio.ts's generator) on one shared
//   state, checked with Portfolio.checkMany in this thread and sharded by owner over worker_threads
//   (keeper/shard.ts). Two cases: the oracle moves in the block the Records were computed at (netting
//   only), and a new block (every Record recomputed at the new time, as each new block does).
// - The event apply rate: synthetic blocks of AnswerUpdated, Accrued, Supplied, Borrowed, Repaid and
//   Uninstalled logs applied to a store of 10,000 portfolios by EventSync.applyBlock (no RPC: none of
//   these needs a re-read), with and without the per-block copy kept for reorgs.
// - The pool event apply rate: blocks of Swap (both directions, exact input and output), Mint and Burn
//   logs produced by a source Wasm pool (the "chain") and applied by EventSync.applyBlock to the keeper's
//   resident pool (each Swap replayed from quotes), beside the cost of the re-read it replaces: rebuilding
//   the pool from a snapshot of the same ticks (Pool.fromSnapshot; the two eth_calls of Pool.fromChain
//   come on top of it and are not measured here).
// Numbers are printed, never asserted.
import { pathToFileURL } from "node:url";
import { init, Pool, Portfolio } from "../bindings/index.js";
import { FEED_EVENTS, MM_EVENTS, PM_EVENTS, POOL_EVENTS } from "../keeper/events.js";
import type { KeeperLog, KeeperProvider } from "../keeper/rpc.js";
import { ShardPool } from "../keeper/shard.js";
import { EventSync } from "../keeper/sync.js";
import { syntheticPortfolios, syntheticShared } from "./portfolio.js";

const addr = (i: number) => "0x" + i.toString(16).padStart(40, "0");
const MARKET = addr(0xc0);
const NOW = 1_800_000_000n;

function time(f: () => unknown, rounds: number): number {
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

async function timeAsync(f: () => Promise<unknown>, rounds: number): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

/** Synthetic portfolios with distinct owners (the shard key). */
function book(n: number) {
  const shared = syntheticShared();
  const ps = syntheticPortfolios(n, shared);
  return { shared, ps, token: Object.keys(shared.tokens)[0] };
}

async function recheckRows(sizes: number[], workers: number[], quick: boolean, log: (l: string) => void) {
  const rounds = quick ? 1 : 3;
  for (const n of sizes) {
    const { shared, ps, token } = book(n);
    const answer = shared.tokens[token].price!.answer;
    const moved = (k: number) => ({ [token]: (answer * BigInt(990 - k)) / 1000n });
    Portfolio.checkMany(ps, { now: NOW }); // the block's Records, cached
    let k = 0;
    const same = time(() => Portfolio.checkMany(ps, { now: NOW, prices: moved(++k) }), rounds);
    let t = NOW;
    const fresh = time(() => Portfolio.checkMany(ps, { now: (t += 12n), prices: moved(++k) }), rounds);
    log(`re-check ${n.toLocaleString("en-US")} portfolios, 1 thread: oracle update in the same block ${same.toFixed(1)} ms, in a new block ${fresh.toFixed(1)} ms`);
    for (const w of workers) {
      const pool = new ShardPool(w);
      const entries = ps.map((p) => ({ key: `${p.owner}:${p.portfolioId}`, owner: p.owner, portfolioId: p.portfolioId, positions: [...p.positions] }));
      const t0 = performance.now();
      await pool.update(addr(0xa1), shared, entries, []);
      await pool.check({ now: NOW }); // each worker's Records for the block, cached
      const loadMs = performance.now() - t0;
      const sameW = await timeAsync(() => pool.check({ now: NOW, prices: moved(++k) }), rounds);
      let tw = NOW + 10_000n;
      const freshW = await timeAsync(() => pool.check({ now: (tw += 12n), prices: moved(++k) }), rounds);
      log(`re-check ${n.toLocaleString("en-US")} portfolios, ${w} workers: same block ${sameW.toFixed(1)} ms, new block ${freshW.toFixed(1)} ms (loading the shards: ${loadMs.toFixed(0)} ms)`);
      await pool.close();
    }
    for (const p of ps) p.free();
  }
}

/** A provider that is never asked anything (the events below need no re-read). */
const offline: KeeperProvider = {
  call: () => Promise.reject(new Error("offline")),
  getBlockNumber: () => Promise.reject(new Error("offline")),
  getBlock: () => Promise.reject(new Error("offline")),
  getLogs: () => Promise.reject(new Error("offline")),
};

async function applyRows(quick: boolean, log: (l: string) => void) {
  const n = 10_000;
  const { shared, ps } = book(n);
  const pm = addr(0xa1);
  const tokens = Object.values(shared.tokens);
  const blue = tokens.filter((t) => t.price);
  for (const depth of [0, 32]) {
    const sync = new EventSync(offline, { pm, moneyMarket: MARKET }, { reorgDepth: depth, checkEvery: 0 });
    const st = sync.store;
    st.shared = structuredClone(shared);
    for (const p of ps) Object.assign(st.entry(p.owner, p.portfolioId), { positions: structuredClone([...p.positions]) });
    // ERC-4626 holders are re-read every block (vault totals move without events): leave them out here.
    for (const e of st.portfolios.values()) e.positions = e.positions.filter((p) => p.kind !== "erc4626");
    const blocks = quick ? 5 : 20, perBlock = 1000;
    let events = 0, blockNo = 100, index = 0, ms = 0;
    const mk = (address: string, e: { data: string; topics: string[] }): KeeperLog => ({ address, ...e, blockNumber: blockNo, blockHash: "0x" + blockNo.toString(16).padStart(64, "0"), index: index++, transactionHash: "0x" });
    let victim = 0;
    for (let b = 0; b < blocks; b++) {
      blockNo++;
      index = 0;
      const logs: KeeperLog[] = [];
      for (let i = 0; i < perBlock; i++) {
        const t = tokens[i % tokens.length];
        const kind = i % 6;
        if (kind === 0) {
          const f = blue[i % blue.length];
          logs.push(mk(f.feed, FEED_EVENTS.encodeEventLog("AnswerUpdated", [f.price!.answer + BigInt(i), NOW + BigInt(b), BigInt(b * perBlock + i)])));
        } else if (kind === 1) logs.push(mk(MARKET, MM_EVENTS.encodeEventLog("Accrued", [t.token, (1n << 64n) + BigInt(i), (1n << 64n) + BigInt(2 * i)])));
        else if (kind === 2) logs.push(mk(MARKET, MM_EVENTS.encodeEventLog("Supplied", [t.token, addr(7), 1000n, 999n])));
        else if (kind === 3) logs.push(mk(MARKET, MM_EVENTS.encodeEventLog("Borrowed", [t.token, addr(8), addr(8), 1000n, 1001n])));
        else if (kind === 4) logs.push(mk(MARKET, MM_EVENTS.encodeEventLog("Repaid", [t.token, addr(8), addr(8), 500n, 501n])));
        else {
          const e = st.portfolios.get(`${ps[victim % n].owner}:0`)!;
          const p = e.positions[e.positions.length - 1];
          victim++;
          if (p) logs.push(mk(pm, PM_EVENTS.encodeEventLog("Uninstalled", [e.owner, 0n, p.producer, p.assetId])));
        }
      }
      const t0 = performance.now();
      await sync.applyBlock({ number: blockNo, hash: "0x" + blockNo.toString(16).padStart(64, "0"), timestamp: Number(NOW) + b }, logs);
      ms += performance.now() - t0;
      events += logs.length;
    }
    log(`event apply: ${events.toLocaleString("en-US")} events in ${blocks} blocks over ${n.toLocaleString("en-US")} portfolios: ${Math.round(events / (ms / 1000)).toLocaleString("en-US")} events/s${depth ? ` with a copy per block for reorgs (depth ${depth}): ${(ms / blocks).toFixed(1)} ms per block` : ` (no reorg copies), ${(ms / blocks).toFixed(1)} ms per block`}`);
  }
}

async function poolRows(quick: boolean, log: (l: string) => void) {
  const config = { sqrtPriceX96: 1n << 96n, tickSpacing: 60 };
  const source = new Pool(config);
  // 200 overlapping ranges: swaps cross initialized ticks.
  for (let i = 1; i <= 200; i++) source.mint(-60 * i, 60 * ((i * 7) % 200 + 1), 10n ** 18n);
  const address = addr(0xb0);
  const sync = new EventSync(offline, { pm: addr(0xa1), moneyMarket: MARKET, pools: [address] }, { checkEvery: 0 });
  sync.store.pools.set(address, Pool.fromSnapshot(config, source.getState(), source.getTicks()));
  const blocks = quick ? 5 : 20, perBlock = 500;
  let events = 0, blockNo = 100, index = 0, ms = 0, seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const mk = (e: { data: string; topics: string[] }): KeeperLog => ({ address, ...e, blockNumber: blockNo, blockHash: "0x" + blockNo.toString(16).padStart(64, "0"), index: index++, transactionHash: "0x" });
  for (let b = 0; b < blocks; b++) {
    blockNo++;
    index = 0;
    const logs: KeeperLog[] = [];
    for (let i = 0; i < perBlock; i++) {
      const u = next();
      if (u < 0.8) {
        const zeroForOne = next() < 0.5;
        const amount = BigInt(1 + Math.floor(next() * 2000)) * 10n ** 15n;
        const r = source.swap({ zeroForOne, amountSpecified: next() < 0.5 ? amount : -amount / 2n });
        logs.push(mk(POOL_EVENTS.encodeEventLog("Swap", [addr(9), addr(9), r.amount0, r.amount1, r.sqrtPriceX96, r.liquidity, r.tick])));
      } else {
        const t = Math.floor(source.tick / 60) * 60, w = 60 * (1 + Math.floor(next() * 20));
        const liq = BigInt(1 + Math.floor(next() * 100)) * 10n ** 15n;
        const m = source.mint(t - w, t + w, liq);
        logs.push(mk(POOL_EVENTS.encodeEventLog("Mint", [addr(9), addr(9), t - w, t + w, liq, m.amount0, m.amount1])));
        const q = source.burn(t - w, t + w, liq / 2n);
        logs.push(mk(POOL_EVENTS.encodeEventLog("Burn", [addr(9), t - w, t + w, liq / 2n, q.amount0, q.amount1])));
      }
    }
    const t0 = performance.now();
    await sync.applyBlock({ number: blockNo, hash: "0x" + blockNo.toString(16).padStart(64, "0"), timestamp: Number(NOW) + b }, logs);
    ms += performance.now() - t0;
    events += logs.length;
  }
  const synced = sync.store.pools.get(address)!;
  const json = (p: Pool) => JSON.stringify([p.getState(), p.getTicks()], (_, v) => (typeof v === "bigint" ? v.toString() : v));
  const equal = json(synced) === json(source);
  const state = source.getState(), ticks = source.getTicks();
  const reread = time(() => Pool.fromSnapshot(config, state, ticks).free(), quick ? 5 : 20);
  const { applied, reread: fallback } = sync.poolEvents;
  log(`pool event apply: ${events.toLocaleString("en-US")} Swap/Mint/Burn events in ${blocks} blocks: ${Math.round(events / (ms / 1000)).toLocaleString("en-US")} events/s (${applied} applied, ${fallback} re-read; synced pool ${equal ? "equals" : "DIFFERS FROM"} the source); a re-read instead: ${reread.toFixed(2)} ms to rebuild the pool of ${ticks.length} ticks from its snapshot, plus Pool.fromChain's two eth_calls`);
  synced.free();
  source.free();
}

export async function keeperBench(log: (l: string) => void, quick = false, only?: "recheck" | "apply"): Promise<void> {
  await init();
  if (only !== "apply") await recheckRows(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000], [2, 4], quick, log);
  if (only !== "recheck") await applyRows(quick, log);
  if (only !== "recheck") await poolRows(quick, log);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const i = process.argv.indexOf("--only");
  await keeperBench((l) => console.log(l), process.argv.includes("--quick"), i > 0 ? (process.argv[i + 1] as "recheck" | "apply") : undefined);
  process.exit(0);
}
