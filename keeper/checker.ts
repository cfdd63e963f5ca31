// Re-checks every portfolio of the Store in Wasm (Portfolio.checkMany: one netting call), reusing
// each Portfolio while neither its positions nor the shared state changed.
import { Portfolio, type SolvencyTwoValuationResult, type ValuationOptions } from "../bindings/index.js";
import type { ShardPool } from "./shard.js";
import type { ShardEntry } from "./shard-worker.js";
import type { PortfolioEntry, Store } from "./store.js";

export interface Verdict {
  key: string;
  entry: PortfolioEntry;
  portfolio: Portfolio;
  result: SolvencyTwoValuationResult;
}

export interface CheckReport {
  checked: number;
  /** Liquidatable: insolvent under the reference valuation (what `liquidate` reads). */
  insolvent: Verdict[];
  /** Portfolios the PM could not value either (a stale or missing feed): its views revert too. */
  errors: { key: string; error: Error }[];
  ms: number;
}

export class Checker {
  private cache = new Map<string, { version: number; shared: unknown; sharedVersion: number; p: Portfolio }>();

  private portfolio(store: Store, key: string, e: PortfolioEntry): Portfolio {
    const c = this.cache.get(key);
    if (c && c.version === e.version && c.shared === store.shared && c.sharedVersion === store.sharedVersion) return c.p;
    c?.p.free();
    const p = Portfolio.fromSnapshot({ pm: store.pm, owner: e.owner, portfolioId: e.portfolioId, positions: e.positions, shared: store.shared });
    this.cache.set(key, { version: e.version, shared: store.shared, sharedVersion: store.sharedVersion, p });
    return p;
  }

  /** Checks every non-empty portfolio at the store's head (or `options`: what-if prices, a later `now`). */
  check(store: Store, options: ValuationOptions = {}): CheckReport {
    const t0 = performance.now();
    const keys: string[] = [], ps: Portfolio[] = [], entries: PortfolioEntry[] = [];
    for (const [k, e] of store.portfolios) {
      if (e.positions.length === 0) continue; // an empty portfolio is never liquidatable
      keys.push(k);
      entries.push(e);
      ps.push(this.portfolio(store, k, e));
    }
    for (const k of this.cache.keys()) if (!store.portfolios.has(k)) (this.cache.get(k)!.p.free(), this.cache.delete(k));
    const insolvent: Verdict[] = [], errors: CheckReport["errors"] = [];
    let results: (SolvencyTwoValuationResult | Error)[];
    try {
      results = Portfolio.checkMany(ps, options);
    } catch {
      // checkMany stops at the first portfolio it cannot value: value them one by one to find which.
      results = ps.map((p) => {
        try {
          return p.check(options);
        } catch (e) {
          return e as Error;
        }
      });
    }
    results.forEach((r, i) => {
      if (r instanceof Error) errors.push({ key: keys[i], error: r });
      else if (r.liquidatable) insolvent.push({ key: keys[i], entry: entries[i], portfolio: ps[i], result: r });
    });
    return { checked: ps.length, insolvent, errors, ms: performance.now() - t0 };
  }
}

/**
 * The same check sharded by owner over worker threads (keeper/shard.ts): each block sends the shared
 * state and the portfolios whose positions changed; the few liquidatable ones are valued again here
 * for the planner.
 */
export class ShardedChecker {
  private readonly sent = new Map<string, number>();
  private readonly local = new Checker();

  constructor(readonly pool: ShardPool) {}

  async check(store: Store): Promise<CheckReport> {
    const t0 = performance.now();
    const upsert: ShardEntry[] = [], remove: string[] = [];
    for (const [key, e] of store.portfolios) {
      if (this.sent.get(key) === e.version) continue;
      upsert.push({ key, owner: e.owner, portfolioId: e.portfolioId, positions: e.positions });
      this.sent.set(key, e.version);
    }
    for (const k of this.sent.keys()) if (!store.portfolios.has(k)) (remove.push(k), this.sent.delete(k));
    await this.pool.update(store.pm, store.shared, upsert, remove);
    const r = await this.pool.check({});
    const insolvent: Verdict[] = [];
    const errors: CheckReport["errors"] = r.errors.map((key) => ({ key, error: new Error("the shard could not value it") }));
    for (const key of r.insolvent) {
      const entry = store.portfolios.get(key)!;
      const portfolio = Portfolio.fromSnapshot({ pm: store.pm, owner: entry.owner, portfolioId: entry.portfolioId, positions: entry.positions, shared: store.shared });
      insolvent.push({ key, entry, portfolio, result: portfolio.check() });
    }
    let checked = 0;
    for (const e of store.portfolios.values()) if (e.positions.length) checked++;
    return { checked, insolvent, errors, ms: performance.now() - t0 };
  }
}
