// A thin layer over benchmark.js: each row is one operation measured in up to
// five implementations; the table shows ops/s and the Wasm/SDK and
// Wasm/eth_call ratios, and is written to bench/results/latest.{json,md} (--quick: quick.{json,md}).
import Benchmark from "benchmark";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";

export const COLUMNS = ["wasm", "wasmBatch", "model", "sdk", "ethCall"] as const;
export type Column = (typeof COLUMNS)[number];

/** A measured function: sync, or async (benchmark.js deferred). `perCall` = operations per invocation (batches). */
export interface Impl {
  fn: () => unknown;
  async?: boolean;
  perCall?: number;
  /** Long-running (>= ~10 ms per call): timed directly over whole calls instead of by benchmark.js. */
  heavy?: boolean;
}

export interface Row {
  op: string;
  impls: Partial<Record<Column, Impl>>;
}

export interface Result {
  op: string;
  opsPerSec: Partial<Record<Column, number>>;
  wasmOverSdk?: number;
  wasmOverEthCall?: number;
}

export interface RunOptions {
  quick: boolean;
  /** Target ratios to state (never asserted). */
  targets?: Record<string, string>;
}

/**
 * Calls per second by a plain timed loop: warm-up calls, then bursts of whole calls until each
 * burst's budget is spent; the best burst counts (a GC pause or a JIT tier-up hits one burst).
 * Used for long calls, and for every cell in --quick mode (a smoke run: rough numbers, fast).
 */
async function measureLoop(impl: Impl, quick: boolean): Promise<number> {
  const [bursts, budget] = impl.heavy ? [1, quick ? 150 : 800] : [3, 15];
  if (!impl.heavy) for (let k = 0; k < 2; k++) await impl.fn(); // warm-up
  const w = performance.now();
  await impl.fn();
  // Cheap sync calls run in batches so the clock is read rarely.
  const extra = !impl.async && performance.now() - w < 0.05 ? 99 : 0;
  let best = 0;
  for (let b = 0; b < bursts; b++) {
    let calls = 0;
    const t0 = performance.now();
    let t = t0;
    while (calls < (impl.heavy && !quick ? 3 : 1) || t - t0 < budget) {
      for (let k = 0; k < extra; k++) impl.fn();
      calls += extra;
      await impl.fn();
      calls++;
      t = performance.now();
    }
    best = Math.max(best, (calls * 1000) / (t - t0));
  }
  return best * (impl.perCall ?? 1);
}

function measure(name: string, impl: Impl, quick: boolean): Promise<number> {
  if (impl.heavy || quick) return measureLoop(impl, quick);
  return new Promise((resolve, reject) => {
    const opts: Benchmark.Options = {
      maxTime: impl.async ? 0.4 : 0.25,
      minSamples: 5,
      ...(impl.async
        ? { defer: true, fn: (d: Benchmark.Deferred) => (impl.fn() as Promise<unknown>).then(() => d.resolve(), reject) }
        : { fn: impl.fn }),
    };
    const b = new Benchmark(name, opts);
    b.on("complete", () => (b.error ? reject(b.error) : resolve(b.hz * (impl.perCall ?? 1))));
    b.on("error", () => reject(b.error));
    b.run({ async: false });
  });
}

/** Interleaved measurement rounds per row in a full run. */
export const ROUNDS = 5;

// Progress: the cell being measured is redrawn in place on a terminal; logs (CI) get one line per row.
const tty = Boolean(process.stdout.isTTY);

export async function runRows(rows: Row[], opts: RunOptions): Promise<Result[]> {
  const results: Result[] = [];
  let i = 0;
  for (const row of rows) {
    i++;
    const opsPerSec: Result["opsPerSec"] = {};
    // The machine is shared: the columns of a row are measured in interleaved rounds and each keeps
    // its best round, so a burst of load elsewhere does not skew one column against another.
    const rounds = opts.quick ? 1 : ROUNDS;
    for (let round = 1; round <= rounds; round++) {
      for (const col of COLUMNS) {
        const impl = row.impls[col];
        if (!impl) continue;
        if (tty) process.stdout.write(`\r[${i}/${rows.length}] ${row.op} :: ${col}${rounds > 1 ? ` (round ${round}/${rounds})` : ""}`.padEnd(110));
        const hz = await measure(`${row.op} ${col}`, impl, opts.quick);
        opsPerSec[col] = Math.max(opsPerSec[col] ?? 0, hz);
      }
    }
    const best = Math.max(opsPerSec.wasm ?? 0, opsPerSec.wasmBatch ?? 0);
    results.push({
      op: row.op,
      opsPerSec,
      wasmOverSdk: opsPerSec.sdk ? (opsPerSec.wasm ?? best) / opsPerSec.sdk : undefined,
      wasmOverEthCall: opsPerSec.ethCall ? (opsPerSec.wasm ?? best) / opsPerSec.ethCall : undefined,
    });
    const cells = COLUMNS.filter((c) => opsPerSec[c] !== undefined).map((c) => `${c} ${fmt(opsPerSec[c])}`);
    process.stdout.write((tty ? `\r`.padEnd(110) + `\r` : "") + `[${i}/${rows.length}] ${row.op}: ${cells.join(", ")} ops/s\n`);
  }
  return results;
}

export const fmt = (n?: number) => (n === undefined ? "-" : n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2));
export const ratio = (n?: number) => (n === undefined ? "-" : `${n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1)}x`);

export function machine() {
  // The load average says how busy the (possibly shared) machine was while the numbers were taken.
  const load = loadavg().map((x) => Number(x.toFixed(2)));
  return { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version, date: new Date().toISOString(), loadAverage: load };
}

export function markdown(results: Result[], opts: RunOptions): string {
  const m = machine();
  const head = `| operation | wasm | wasm batch | BigInt model | v3-sdk | eth_call | wasm/sdk | wasm/eth_call |\n|---|---:|---:|---:|---:|---:|---:|---:|\n`;
  const body = results
    .map((r) => `| ${r.op} | ${fmt(r.opsPerSec.wasm)} | ${fmt(r.opsPerSec.wasmBatch)} | ${fmt(r.opsPerSec.model)} | ${fmt(r.opsPerSec.sdk)} | ${fmt(r.opsPerSec.ethCall)} | ${ratio(r.wasmOverSdk)} | ${ratio(r.wasmOverEthCall)} |`)
    .join("\n");
  return `# Benchmarks\n\nops/s (higher is better). ${m.cpu} (${m.cores} cores), Node ${m.node}, ${m.date}, load average ${m.loadAverage.join(" / ")} (1 / 5 / 15 min) at the end${opts.quick ? ", --quick (short samples)" : ""}.\n\n${head}${body}\n`;
}

export function printTable(results: Result[]): void {
  console.table(
    results.map((r) => ({
      operation: r.op,
      wasm: fmt(r.opsPerSec.wasm),
      "wasm batch": fmt(r.opsPerSec.wasmBatch),
      model: fmt(r.opsPerSec.model),
      "v3-sdk": fmt(r.opsPerSec.sdk),
      eth_call: fmt(r.opsPerSec.ethCall),
      "wasm/sdk": ratio(r.wasmOverSdk),
      "wasm/eth_call": ratio(r.wasmOverEthCall),
    })),
  );
}

/**
 * Writes latest.json (numbers, bigints as strings) and latest.md (the table, then `sections`, markdown).
 * A --quick run writes quick.json / quick.md instead, so smoke runs never replace a full run's numbers.
 * @returns the path of the markdown file, relative to the project.
 */
export function save(results: Result[], opts: RunOptions, extra: Record<string, unknown> = {}, sections: string[] = []): string {
  const dir = new URL("../results/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const base = opts.quick ? "quick" : "latest";
  const json = JSON.stringify({ machine: machine(), quick: opts.quick, targets: opts.targets, results, ...extra }, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2);
  writeFileSync(new URL(`${base}.json`, dir), json + "\n");
  writeFileSync(new URL(`${base}.md`, dir), markdown(results, opts) + sections.map((x) => `\n${x}\n`).join(""));
  return `bench/results/${base}.md`;
}
