// In-process A/B of the quote path: two bindings over one Wasm instance, timed interleaved,
// best of N rounds, CPU time per call.
//   git show <rev>:bindings/src/Pool.ts > bindings/src/_PoolOld.ts   (the binding to compare with)
//   npx tsx bench/ab-quote.ts ../bindings/src/_PoolOld.ts [rounds]   (then delete the copy)
import { init, Pool, SwapResult } from "../bindings/index.js";
import { modelPool, quoteCase, UNI_CONFIG } from "./lib/pools.js";
import { POSITIONS } from "./lib/scenario.js";

await init();
const oldPath = process.argv[2];
const rounds = Number(process.argv[3] ?? 7);
const Old = (await import(oldPath)).Pool as typeof Pool;
const build = (P: typeof Pool) => {
  const p = new P(UNI_CONFIG);
  for (const x of POSITIONS) p.mint(x.tickLower, x.tickUpper, x.liquidity);
  return p;
};
const a = build(Old), b = build(Pool), m = modelPool();
const cpu = (f: () => unknown, n: number) => {
  const t0 = process.cpuUsage();
  for (let i = 0; i < n; i++) f();
  const u = process.cpuUsage(t0);
  return ((u.user + u.system) * 1000) / n;
};
const out = new SwapResult();
const same = (x: Record<string, unknown>, y: Record<string, unknown>) => Object.keys(x).every((k) => x[k] === y[k]);
for (const k of [0, 7, 45, 99]) for (const ei of [true, false]) {
  const c = quoteCase(m, k, ei);
  const ref = m.quote(c.params) as unknown as Record<string, unknown>;
  const ra = a.quote(c.params) as unknown as Record<string, unknown>, rb = b.quote(c.params) as unknown as Record<string, unknown>;
  if (!same(ra, rb) || !same(rb, b.quoteInto(c.params, out).toObject() as unknown as Record<string, unknown>) || ra.amount0 !== ref.amount0 || ra.amount1 !== ref.amount1) throw new Error("A/B: results differ");
  const n = k >= 45 ? 20_000 : 200_000;
  let ta = Infinity, tb = Infinity, ti = Infinity;
  for (let r = 0; r < rounds; r++) {
    ta = Math.min(ta, cpu(() => a.quote(c.params), n));
    tb = Math.min(tb, cpu(() => b.quote(c.params), n));
    ti = Math.min(ti, cpu(() => b.quoteInto(c.params, out).amount1, n));
  }
  console.log(`${c.name}: old ${ta.toFixed(0)} ns, new quote ${tb.toFixed(0)} ns (${(ta / tb).toFixed(2)}x), quoteInto + amount1 ${ti.toFixed(0)} ns (${(ta / ti).toFixed(2)}x)`);
}

// Amounts that change from one quote to the next (the state block read differs each time).
{
  const c = quoteCase(m, 0, true);
  const ps = [1n, 2n, 3n, 4n].map((d) => ({ ...c.params, amountSpecified: c.params.amountSpecified / d }));
  let i = 0, j = 0;
  let ta = Infinity, tb = Infinity;
  for (let r = 0; r < rounds; r++) {
    ta = Math.min(ta, cpu(() => a.quote(ps[i++ & 3]), 200_000));
    tb = Math.min(tb, cpu(() => b.quote(ps[j++ & 3]), 200_000));
  }
  console.log(`quote exact in, 0 ticks crossed, 4 alternating amounts: old ${ta.toFixed(0)} ns, new quote ${tb.toFixed(0)} ns (${(ta / tb).toFixed(2)}x)`);
}
