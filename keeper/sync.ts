// Event sync: loads every portfolio once (discovered from PortfolioOpened), then applies the PM,
// money-market, feed, producer and pool events of each new block to the Store. Events that carry
// the whole change are applied exactly; where one does not (Installed names only the asset), the
// object is re-read at that block's end (docs/keeper.md lists which). Every `checkEvery` blocks the
// state is compared with a full re-read; reorgs are detected by block hash and rolled back.
import { Pool, Portfolio, PremiumLedger, type PortfolioPosition, type PortfolioState, type SharedState } from "../bindings/index.js";
import { decode, PM_EVENTS, PM_READ, type Decoded } from "./events.js";
import { applyPoolEvent } from "./pool-events.js";
import { pinned, retry, type KeeperLog, type KeeperProvider } from "./rpc.js";
import { keyOf, Store, type BlockRef } from "./store.js";
import { shardOf } from "./shard.js";
import { stable, stablePositions } from "./util.js";

export interface Deployment {
  pm: string;
  moneyMarket: string;
  /** 2sAMM pools to keep in Wasm. */
  pools?: string[];
  /** First block to search for PortfolioOpened (the PM's deployment block). */
  fromBlock?: number;
}

export interface SyncOptions {
  /** Compare with a full re-read every this many blocks (0: never). */
  checkEvery?: number;
  reorgDepth?: number;
  /** Blocks per eth_getLogs while syncing history. */
  logChunk?: number;
  /** Portfolios per readMany batch. */
  readBatch?: number;
  /** Keep only the owners of this shard (`shardOf(owner, count) === index`): one keeper per shard. */
  shard?: { index: number; count: number };
  log?: (line: string) => void;
}

/** What a block changed, for the keeper's line and its statistics. */
export interface BlockEvents {
  block: BlockRef;
  events: number;
  oracleUpdates: number;
  liquidations: { owner: string; portfolioId: bigint; liquidator: string }[];
  reread: { portfolios: number; pools: number };
  /** Pool events applied to the resident Wasm pools, and those that fell back to a re-read. */
  poolEvents: { applied: number; reread: number };
  /** Time spent fetching and applying the block. */
  ms: number;
}

/** The options actually given (an explicit `undefined` keeps the default). */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export class EventSync {
  readonly store: Store;
  readonly pm: string;
  readonly mm: string;
  readonly pools: Set<string>;
  readonly options: Required<SyncOptions>;
  /** Differences the periodic full check found (0 when the event sync is exact). */
  mismatches = 0;
  reorgs = 0;
  /** Pool events applied to the Wasm pools, and those that needed a re-read of their pool (since start). */
  poolEvents = { applied: 0, reread: 0 };
  /** The same per event name (Swap, Mint, ...). */
  poolEventsByName: Record<string, { applied: number; reread: number }> = {};

  private countPool(name: string, applied: boolean): void {
    const c = (this.poolEventsByName[name] ??= { applied: 0, reread: 0 });
    if (applied) c.applied++;
    else c.reread++;
  }

  constructor(readonly provider: KeeperProvider, deployment: Deployment, options: SyncOptions = {}) {
    this.pm = deployment.pm.toLowerCase();
    this.mm = deployment.moneyMarket.toLowerCase();
    this.pools = new Set((deployment.pools ?? []).map((p) => p.toLowerCase()));
    this.fromBlock = deployment.fromBlock ?? 0;
    this.options = { checkEvery: 50, reorgDepth: 32, logChunk: 2000, readBatch: 500, log: () => {}, shard: { index: 0, count: 1 }, ...defined(options) };
    this.store = new Store(this.pm, this.options.reorgDepth);
  }
  private readonly fromBlock: number;

  /** Whether this keeper keeps `owner`'s portfolios. */
  mine(owner: string): boolean {
    const { index, count } = this.options.shard;
    return count <= 1 || shardOf(owner, count) === index;
  }

  private rpc<T>(what: string, f: () => Promise<T>): Promise<T> {
    return retry(what, f, { log: this.options.log });
  }

  private async header(n: number): Promise<BlockRef & { parentHash: string }> {
    const b = await this.rpc(`getBlock(${n})`, () => this.provider.getBlock(n));
    if (!b || !b.hash) throw new Error(`block ${n} not available`);
    return { number: b.number, hash: b.hash, timestamp: b.timestamp, parentHash: b.parentHash };
  }

  private async logs(address: string[], from: number, to: number): Promise<KeeperLog[]> {
    const out: KeeperLog[] = [];
    for (let a = from; a <= to; a += this.options.logChunk) {
      const b = Math.min(to, a + this.options.logChunk - 1);
      out.push(...(await this.rpc(`getLogs(${a}..${b})`, () => this.provider.getLogs({ address, fromBlock: a, toBlock: b }))));
    }
    return out;
  }

  /** Feeds of the tokens in the state (their AnswerUpdated moves prices). */
  private feeds(): Map<string, string[]> {
    const m = new Map<string, string[]>();
    for (const t of Object.values(this.store.shared.tokens)) {
      if (t.feed && !/^0x0{40}$/.test(t.feed)) m.set(t.feed, [...(m.get(t.feed) ?? []), t.token]);
    }
    return m;
  }

  private producers(): Set<string> {
    const s = new Set<string>();
    for (const e of this.store.portfolios.values()) for (const p of e.positions) if (p.kind === "borrow") s.add(p.producer);
    return s;
  }

  private watched(): string[] {
    return [this.pm, this.mm, ...this.feeds().keys(), ...this.producers(), ...this.pools].sort();
  }

  /** Loads the state at the chain head: discovers the portfolios from history and reads them. */
  async start(): Promise<void> {
    const { parentHash: _, ...head } = await this.header(await this.rpc("getBlockNumber", () => this.provider.getBlockNumber()));
    await this.loadAt(head);
  }

  private async loadAt(head: BlockRef): Promise<void> {
    const log = this.options.log;
    const store = this.store;
    const opened: [string, bigint][] = [];
    const topic = PM_EVENTS.getEvent("PortfolioOpened")!.topicHash;
    const span = Math.max(1, head.number - this.fromBlock + 1);
    for (let a = this.fromBlock; a <= head.number; a += this.options.logChunk) {
      const b = Math.min(head.number, a + this.options.logChunk - 1);
      const ls = await this.rpc(`getLogs(${a}..${b})`, () => this.provider.getLogs({ address: [this.pm], fromBlock: a, toBlock: b, topics: [topic] }));
      for (const l of ls) {
        const d = decode("pm", l)!;
        if (this.mine(d.args.owner)) opened.push([d.args.owner, d.args.portfolioId]);
      }
      log(`sync: history ${Math.round(((b - this.fromBlock + 1) / span) * 100)}% (block ${b}/${head.number}, ${opened.length} portfolios found)`);
    }
    const at = pinned(this.provider, head.number);
    store.portfolios.clear();
    store.shared = { blockTimestamp: BigInt(head.timestamp), blockNumber: BigInt(head.number), tailRecordUsdDebt: 0n, tokens: {}, markets: {}, vaults: {}, pools: {} };
    const batch = this.options.readBatch;
    for (let i = 0; i < opened.length; i += batch) {
      const part = opened.slice(i, i + batch);
      const states = await this.read(at, part);
      for (const s of states) this.adopt(s, true);
      log(`sync: read ${Math.min(opened.length, i + batch)}/${opened.length} portfolios at block ${head.number}`);
    }
    store.bonusPips = BigInt(PM_READ.decodeFunctionResult("liquidationBonusPips", await this.rpc("liquidationBonusPips", () => at.call({ to: this.pm, data: PM_READ.encodeFunctionData("liquidationBonusPips") })))[0]);
    for (const p of this.pools) await this.rereadPool(p, head.number);
    store.sharedVersion++;
    store.clearHistory();
    store.commit(head);
  }

  /**
   * Reads portfolios at a pinned block with `Portfolio.readMany`: the state read plus the pool valuers'
   * loads (2sAMM pools and premium ledgers, maker/taker asset data), so pool-priced positions are valued.
   */
  private async read(at: ReturnType<typeof pinned>, pairs: [string, bigint][]): Promise<PortfolioState[]> {
    const ps = await this.rpc("Portfolio.readMany", () => Portfolio.readMany(at, this.pm, pairs));
    return ps.map((p) => ({ pm: p.pm, owner: p.owner, portfolioId: p.portfolioId, positions: p.positions as PortfolioPosition[], shared: p.shared }));
  }

  /**
   * Re-reads a valued 2sAMM pool's entry of the shared state (its Wasm pool and premium ledger) at
   * `block`: the time-premium indexes and per-tick premium state move with PremiumIndexes and every
   * take, release, mint, burn or swap, and no event carries them whole. The entry is replaced, never
   * mutated (the reorg copies share it).
   */
  private async rereadPremium(address: string, block: number): Promise<void> {
    const sh = this.store.shared;
    const old = sh.pools[address] as any;
    if (!old || old.type !== "2sAMM") return;
    const at = pinned(this.provider, block);
    const [pool, ledger] = await this.rpc(`PremiumLedger.fromChain(${address})`, () => Promise.all([Pool.fromChain(at, address), PremiumLedger.fromChain(at, address)]));
    sh.pools[address] = this.linked({ ...old, pool, ledger });
  }

  /** A 2sAMM pool entry on the store's own market objects (which Accrued and the share events update). */
  private linked(d: any): any {
    const sh = this.store.shared;
    if (d?.type !== "2sAMM" || !d.markets) return d;
    return { ...d, markets: [sh.markets[`${d.moneyMarket}:${d.token0}`] ?? d.markets[0], sh.markets[`${d.moneyMarket}:${d.token1}`] ?? d.markets[1]] };
  }

  /** Takes a portfolio's positions from a fresh read; adds its tokens, markets and vaults (vaults overwrite). */
  private adopt(s: PortfolioState, initial = false): void {
    const e = this.store.entry(s.owner, s.portfolioId);
    e.positions = s.positions;
    e.version++;
    const sh = this.store.shared;
    if (initial && Object.keys(sh.tokens).length === 0) sh.tailRecordUsdDebt = s.shared.tailRecordUsdDebt;
    for (const [k, v] of Object.entries(s.shared.tokens)) sh.tokens[k] ??= v;
    for (const [k, v] of Object.entries(s.shared.markets)) sh.markets[k] ??= v;
    // Vault totals move without an event the keeper follows (a transfer to the vault): the read wins.
    for (const [k, v] of Object.entries(s.shared.vaults)) sh.vaults[k] = v;
    for (const [k, v] of Object.entries(s.shared.pools)) sh.pools[k] ??= this.linked(v);
    for (const p of s.positions) if (p.pool) this.pools.add(p.pool);
  }

  private async rereadPool(address: string, block: number): Promise<void> {
    const fresh = await this.rpc(`Pool.fromChain(${address})`, () => Pool.fromChain(pinned(this.provider, block), address));
    this.store.pools.get(address)?.free();
    this.store.pools.set(address, fresh);
  }

  /**
   * Follows the chain to its head: rolls back a reorg, then applies each new block. Returns what each
   * applied block changed.
   */
  async poll(onBlock?: (ev: BlockEvents, last: boolean) => Promise<void>): Promise<BlockEvents[]> {
    const out: BlockEvents[] = [];
    const latest = await this.rpc("getBlockNumber", () => this.provider.getBlockNumber());
    await this.detectReorg(latest);
    let next = this.store.head!.number + 1;
    while (next <= latest) {
      const watched = this.watched();
      const to = Math.min(latest, next + this.options.logChunk - 1);
      const logs = await this.logs(watched, next, to);
      const byBlock = new Map<number, KeeperLog[]>();
      for (const l of logs) byBlock.set(l.blockNumber, [...(byBlock.get(l.blockNumber) ?? []), l]);
      for (let n = next; n <= to; n++) {
        const { parentHash, ...ref } = await this.header(n);
        if (parentHash !== this.store.head!.hash) {
          // The chain changed under us while we read it: roll back and start over from the fork.
          await this.detectReorg(latest);
          return [...out, ...(await this.poll(onBlock))];
        }
        const ls = (byBlock.get(n) ?? []).filter((l) => l.blockHash === ref.hash).sort((a, b) => a.index - b.index);
        const ev = await this.applyBlock(ref, ls);
        out.push(ev);
        next = n + 1;
        if (this.options.checkEvery > 0 && n % this.options.checkEvery === 0) await this.fullCheck(true);
        await onBlock?.(ev, n === latest);
        // A re-read may add feeds, producers or pools to follow: fetch the rest with the new set.
        if (this.watched().join() !== watched.join()) break;
      }
    }
    return out;
  }

  private async detectReorg(latest: number): Promise<void> {
    const head = this.store.head!;
    const onChain = head.number <= latest ? await this.header(head.number).catch(() => undefined) : undefined;
    if (onChain && onChain.hash === head.hash) return;
    this.reorgs++;
    for (const n of this.store.savedBlocks()) {
      if (n > latest) continue;
      const h = await this.header(n).catch(() => undefined);
      if (h && h.hash === this.store.hashAt(n)) {
        this.store.restore(n);
        for (const p of this.pools) await this.rereadPool(p, n);
        for (const p of Object.keys(this.store.shared.pools)) await this.rereadPremium(p, n);
        this.options.log(`sync: reorg: block ${head.number} ${head.hash.slice(0, 10)} is gone; rolled back to ${n}`);
        return;
      }
    }
    this.options.log(`sync: reorg deeper than ${this.options.reorgDepth} blocks: reloading everything`);
    const { parentHash: _, ...ref } = await this.header(latest);
    await this.loadAt(ref);
  }

  /** Applies one block's logs (in log order) and re-reads what its events do not describe fully. */
  async applyBlock(ref: BlockRef, logs: KeeperLog[]): Promise<BlockEvents> {
    const st = this.store;
    const sh = st.shared;
    const feeds = this.feeds();
    const producers = this.producers();
    const dirty = new Set<string>();
    const dirtyPools = new Set<string>();
    const premiumPools = new Set<string>(); // valued 2sAMM pools with an event in the block
    const t0 = performance.now();
    const res: BlockEvents = { block: ref, events: 0, oracleUpdates: 0, liquidations: [], reread: { portfolios: 0, pools: 0 }, poolEvents: { applied: 0, reread: 0 }, ms: 0 };
    let sharedChanged = false;
    const holders = (token: string) => {
      for (const [k, e] of st.portfolios) if (e.positions.some((p) => p.token === token || p.token0 === token || p.token1 === token)) dirty.add(k);
    };
    for (const l of logs) {
      const a = l.address.toLowerCase();
      const d: Decoded | null =
        a === this.pm ? decode("pm", l) : a === this.mm ? decode("mm", l) : feeds.has(a) ? decode("feed", l) : this.pools.has(a) ? decode("pool", l) : producers.has(a) ? decode("producer", l) : null;
      if (!d) {
        if (this.pools.has(a)) dirtyPools.add(a); // a pool log not of the declared shape: read the pool
        continue;
      }
      res.events++;
      const x = d.args;
      if (d.source === "pm") {
        if (x.owner !== undefined && !this.mine(x.owner)) continue; // another shard's portfolio
        if (d.name === "PortfolioOpened") st.entry(x.owner, x.portfolioId);
        else if (d.name === "Installed") dirty.add(keyOf(x.owner, x.portfolioId)); // the event names the asset, not its state
        else if (d.name === "Uninstalled") {
          const k = keyOf(x.owner, x.portfolioId);
          if (dirty.has(k)) continue;
          const e = st.entry(x.owner, x.portfolioId);
          const i = e.positions.findIndex((p) => p.producer === x.producer && p.assetId === x.assetId);
          if (i < 0) dirty.add(k);
          else {
            e.positions = e.positions.filter((_, j) => j !== i); // the PM keeps the others' order
            e.version++;
          }
        } else if (d.name === "Liquidated") res.liquidations.push({ owner: x.owner, portfolioId: x.portfolioId, liquidator: x.liquidator });
        else if (d.name === "TokenSet") {
          const t = sh.tokens[x.token];
          if (t) {
            const feedChanged = t.feed !== x.feed;
            Object.assign(t, { registered: true, varianceX64: x.varianceX64, tail: x.tail, maxAge: Number(x.maxAge), decimals: Number(x.decimals), feed: x.feed });
            if (feedChanged) holders(x.token); // the new feed's round: read it
            sharedChanged = true;
          }
        } else if (d.name === "TailRecordUsdDebtSet") {
          sh.tailRecordUsdDebt = x.usdDebt;
          sharedChanged = true;
        } else if (d.name === "LiquidationBonusSet") st.bonusPips = x.bonusPips;
      } else if (d.source === "mm") {
        const m = sh.markets[`${this.mm}:${x.token}`];
        if (!m) continue; // a market no portfolio uses yet: read with the first portfolio that does
        sharedChanged = true;
        if (d.name === "Accrued") Object.assign(m, { lendIndexX64: x.lendIndexX64, borrowIndexX64: x.borrowIndexX64, lastAccrual: BigInt(ref.timestamp) });
        else if (d.name === "Supplied") m.totalLendShares += x.shares;
        else if (d.name === "Withdrawn") m.totalLendShares -= x.shares;
        else if (d.name === "Borrowed") m.totalBorrowShares += x.shares;
        else if (d.name === "Repaid") m.totalBorrowShares -= x.shares;
        else if (d.name === "RateModelSet") Object.assign(m, { baseRateX64: x.baseRateX64, slope1X64: x.slope1X64, kinkX64: x.kinkX64, slope2X64: x.slope2X64, reserveShareX64: x.reserveShareX64 });
      } else if (d.source === "feed") {
        res.oracleUpdates++;
        for (const token of feeds.get(a)!) {
          const t = sh.tokens[token];
          if (t.price) t.price = { answer: x.answer, decimals: t.price.decimals, updatedAt: x.updatedAt };
          else holders(token); // the feed reverted before: its decimals come with a read
        }
        sharedChanged = true;
      } else if (d.source === "producer") {
        for (const e of st.portfolios.values()) {
          if (!e.positions.some((p) => p.producer === a && p.kind === "borrow")) continue;
          e.positions = e.positions.map((p) => (p.producer === a && p.kind === "borrow" ? { ...p, liquidationWindow: x.seconds_ } : p));
          e.version++;
        }
      } else if ((premiumPools.add(a), dirtyPools.has(a))) {
        res.poolEvents.reread++; // the block-end re-read includes it
        this.countPool(d.name, false);
      } else {
        const pool = st.pools.get(a);
        const why = pool ? applyPoolEvent(pool, d) : "pool not loaded";
        this.countPool(d.name, why === null);
        if (why === null) res.poolEvents.applied++;
        else {
          res.poolEvents.reread++;
          dirtyPools.add(a);
          this.options.log(`sync: block ${ref.number}: pool ${a} re-read: ${why}`);
        }
      }
    }
    // Vault totals can move without an event: holders of vault shares are re-read every block.
    for (const [k, e] of st.portfolios) if (e.positions.some((p) => p.kind === "erc4626")) dirty.add(k);
    sh.blockNumber = BigInt(ref.number);
    sh.blockTimestamp = BigInt(ref.timestamp);
    if (dirty.size) {
      const at = pinned(this.provider, ref.number);
      const keys = [...dirty];
      const states = await this.read(at, keys.map((k) => { const e = st.portfolios.get(k)!; return [e.owner, e.portfolioId] as [string, bigint]; }));
      for (const s of states) this.adopt(s);
      sharedChanged = true;
    }
    for (const p of dirtyPools) await this.rereadPool(p, ref.number);
    for (const p of premiumPools) {
      if (!sh.pools[p]) continue;
      await this.rereadPremium(p, ref.number);
      sharedChanged = true;
    }
    // A new SharedState object: the pool valuers cache Records per shared state, time and price.
    if (premiumPools.size && [...premiumPools].some((p) => sh.pools[p])) st.shared = { ...sh };
    res.reread = { portfolios: dirty.size, pools: dirtyPools.size };
    this.poolEvents.applied += res.poolEvents.applied;
    this.poolEvents.reread += res.poolEvents.reread;
    if (sharedChanged) st.sharedVersion++;
    st.commit(ref);
    res.ms = performance.now() - t0;
    return res;
  }

  /**
   * Compares the state with a full re-read at the head (`Portfolio.readMany`, `Pool.fromChain`);
   * returns the differences, logging each; with `repair` the re-read replaces what differs.
   */
  async fullCheck(repair: boolean): Promise<string[]> {
    const st = this.store;
    const head = st.head!.number;
    const at = pinned(this.provider, head);
    const diffs: string[] = [];
    const entries = [...st.portfolios.values()];
    const fresh: SharedState = { ...st.shared, tokens: {}, markets: {}, vaults: {}, pools: {} };
    for (let i = 0; i < entries.length; i += this.options.readBatch) {
      const part = entries.slice(i, i + this.options.readBatch);
      const read = await this.rpc("Portfolio.readMany", () => Portfolio.readMany(at, this.pm, part.map((e) => [e.owner, e.portfolioId])));
      read.forEach((p, j) => {
        const e = part[j];
        if (stablePositions(p.positions) !== stablePositions(e.positions)) {
          diffs.push(`portfolio ${e.owner}:${e.portfolioId} positions`);
          if (repair) [e.positions, e.version] = [p.positions as PortfolioPosition[], e.version + 1];
        }
        fresh.tailRecordUsdDebt = p.shared.tailRecordUsdDebt;
        for (const [k, v] of Object.entries(p.shared.tokens)) fresh.tokens[k] ??= v;
        for (const [k, v] of Object.entries(p.shared.markets)) fresh.markets[k] ??= v;
        for (const [k, v] of Object.entries(p.shared.vaults)) fresh.vaults[k] ??= v;
      });
    }
    for (const part of ["tokens", "markets", "vaults"] as const) {
      for (const [k, v] of Object.entries(fresh[part])) {
        if (stable(st.shared[part][k]) !== stable(v)) {
          diffs.push(`${part} ${k}`);
          if (repair) (st.shared[part] as any)[k] = v;
        }
      }
    }
    if (entries.length && fresh.tailRecordUsdDebt !== st.shared.tailRecordUsdDebt) {
      diffs.push("tailRecordUsdDebt");
      if (repair) st.shared.tailRecordUsdDebt = fresh.tailRecordUsdDebt;
    }
    for (const [addr, pool] of st.pools) {
      const f = await this.rpc(`Pool.fromChain(${addr})`, () => Pool.fromChain(at, addr));
      if (stable(f.getState()) !== stable(pool.getState()) || stable(f.getTicks()) !== stable(pool.getTicks())) {
        diffs.push(`pool ${addr}`);
        if (repair) [st.pools.get(addr)!.free(), st.pools.set(addr, f)];
        else f.free();
      } else f.free();
    }
    for (const d of diffs) this.options.log(`sync: full check at block ${head}: ${d} differs from the chain${repair ? "; resynced" : ""}`);
    this.mismatches += diffs.length;
    if (diffs.length && repair) st.sharedVersion++;
    return diffs;
  }
}
