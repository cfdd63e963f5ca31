// Solvency.checkMany over 10,000 portfolios of 16 Records over 8 tokens (bench/lib/portfolios.ts),
// timed alone: the best of ROUNDS plain timed calls, in wall-clock and in process CPU time (on a
// shared machine the CPU time is the steadier number), with the result first checked equal to the
// BigInt model's. Usage: npx tsx bench/solvency.ts [portfolios] [rounds]
import { init, Solvency } from "../bindings/index.js";
import * as Model from "../bindings/model/Solvency.js";
import { OPTIONS, PRICES, TOKENS, portfolios } from "./lib/portfolios.js";

const n = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 15);
await init();
const ps = portfolios(n);
const got = Solvency.checkMany(ps, TOKENS, PRICES, OPTIONS);
const want = Model.checkMany(ps, TOKENS, PRICES, OPTIONS);
for (let i = 0; i < n; i++) {
  const [a, b] = [got[i], want[i]];
  if (a.solvent !== b.solvent || a.usdNet !== b.usdNet || JSON.stringify(a.failingTails) !== JSON.stringify(b.failingTails) || Object.keys(a.nets).some((k) => a.nets[k] !== b.nets[k])) {
    throw new Error(`portfolio ${i} differs from the model`);
  }
}
const solvent = got.filter((r) => r.solvent).length;
const time = (f: () => unknown) => {
  let wall = Infinity, cpu = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now(), c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    wall = Math.min(wall, performance.now() - t0);
    cpu = Math.min(cpu, (c.user + c.system) / 1000);
  }
  return `${wall.toFixed(2)} ms wall, ${cpu.toFixed(2)} ms CPU`;
};
const many = time(() => Solvency.checkMany(ps, TOKENS, PRICES, OPTIONS));
const refs = ps.map((p) => p);
const both = time(() => Solvency.checkMany(ps, TOKENS, PRICES, { ...OPTIONS, referenceRecords: refs }));
console.log(`checkMany, ${n} portfolios x 16 Records over 8 tokens (${solvent} solvent): best of ${rounds}: ${many}`);
console.log(`checkMany with reference Records (both valuations): best of ${rounds}: ${both}`);
