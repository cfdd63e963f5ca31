// The per-block re-check sharded over worker_threads: portfolios are split by owner (a hash of the
// address), each worker keeps its shard's Portfolios and gets only the changes (the shared state,
// positions that moved). The same split spreads the keeper over processes or machines (docs/keeper.md).
import { Worker } from "node:worker_threads";
import type { SharedState, ValuationOptions } from "../bindings/index.js";
import type { ShardEntry, ShardReply, ShardRequest } from "./shard-worker.js";

/** Which of `n` shards an owner belongs to (stable across runs and machines). */
export function shardOf(owner: string, n: number): number {
  return Number(BigInt(owner.toLowerCase()) % BigInt(n));
}

export class ShardPool {
  private readonly workers: Worker[];
  private next = 0;
  private readonly waiting = new Map<number, (r: ShardReply) => void>();

  constructor(readonly size: number) {
    const url = new URL("./shard-worker.ts", import.meta.url);
    // The worker is TypeScript: load it with tsx like the parent.
    const execArgv = process.execArgv.some((a) => a.includes("tsx")) ? process.execArgv : [...process.execArgv, "--import", "tsx"];
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(url, { execArgv });
      w.on("message", (r: ShardReply) => {
        this.waiting.get(r.id)?.(r);
        this.waiting.delete(r.id);
      });
      return w;
    });
  }

  private ask(i: number, m: Omit<ShardRequest, "id"> & { type: ShardRequest["type"] }): Promise<ShardReply> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.workers[i].postMessage({ ...m, id });
    });
  }

  /** Sends the changes: the shared state (when given), new or changed portfolios, removed ones. */
  async update(pm: string, shared: SharedState | undefined, upsert: ShardEntry[], remove: string[]): Promise<void> {
    const up: ShardEntry[][] = this.workers.map(() => []);
    const rm: string[][] = this.workers.map(() => []);
    for (const e of upsert) up[shardOf(e.owner, this.size)].push(e);
    for (const k of remove) rm[shardOf(k.split(":")[0], this.size)].push(k);
    await Promise.all(this.workers.map((_, i) => this.ask(i, { type: "update", pm, shared, upsert: up[i], remove: rm[i] } as any)));
  }

  /** Every shard checks at once; the liquidatable keys of all. */
  async check(options: ValuationOptions = {}): Promise<{ insolvent: string[]; errors: string[]; ms: number; shardMs: number[] }> {
    const t0 = performance.now();
    const rs = await Promise.all(this.workers.map((_, i) => this.ask(i, { type: "check", options } as any)));
    return { insolvent: rs.flatMap((r) => r.insolvent ?? []), errors: rs.flatMap((r) => r.errors ?? []), ms: performance.now() - t0, shardMs: rs.map((r) => r.ms ?? 0) };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
