// A check worker: holds one shard of the portfolios (by owner) on its own copy of the shared state
// and its own Wasm core, and answers which of them are liquidatable at the prices and time asked.
import { parentPort } from "node:worker_threads";
import { init, Portfolio, type PortfolioPosition, type SharedState, type ValuationOptions } from "../bindings/index.js";

export interface ShardEntry {
  key: string;
  owner: string;
  portfolioId: bigint;
  positions: PortfolioPosition[];
}

export type ShardRequest =
  | { id: number; type: "update"; pm: string; shared?: SharedState; upsert: ShardEntry[]; remove: string[] }
  | { id: number; type: "check"; options: ValuationOptions };

export interface ShardReply {
  id: number;
  insolvent?: string[];
  errors?: string[];
  ms?: number;
}

await init();
let pm = "";
let shared: SharedState | undefined;
const entries = new Map<string, ShardEntry>();
let built: { keys: string[]; ps: Portfolio[] } | undefined;

function build() {
  if (built) return built;
  const keys: string[] = [], ps: Portfolio[] = [];
  for (const e of entries.values()) {
    if (e.positions.length === 0) continue;
    keys.push(e.key);
    ps.push(Portfolio.fromSnapshot({ pm, owner: e.owner, portfolioId: e.portfolioId, positions: e.positions, shared: shared! }));
  }
  return (built = { keys, ps });
}

parentPort!.on("message", (m: ShardRequest) => {
  if (m.type === "update") {
    pm = m.pm;
    if (m.shared) shared = m.shared;
    for (const e of m.upsert) entries.set(e.key, e);
    for (const k of m.remove) entries.delete(k);
    if (m.shared || m.upsert.length || m.remove.length) built = undefined;
    parentPort!.postMessage({ id: m.id } satisfies ShardReply);
    return;
  }
  const t0 = performance.now();
  const { keys, ps } = build();
  const insolvent: string[] = [], errors: string[] = [];
  let results: ReturnType<typeof Portfolio.checkMany> | undefined;
  try {
    results = Portfolio.checkMany(ps, m.options);
  } catch {
    results = undefined;
  }
  ps.forEach((p, i) => {
    try {
      const r = results ? results[i] : p.check(m.options);
      if (r.liquidatable) insolvent.push(keys[i]);
    } catch {
      errors.push(keys[i]);
    }
  });
  parentPort!.postMessage({ id: m.id, insolvent, errors, ms: performance.now() - t0 } satisfies ShardReply);
});
