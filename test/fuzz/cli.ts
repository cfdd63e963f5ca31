// npm run fuzz -- --seed S --runs N [--sequences M] [--only NAME[,NAME...]] [--list] [--verbose] [--no-shrink]
// Differential fuzzing of the Wasm core against the contracts on the in-process network.
// --runs: inputs per stateless target; --sequences: action sequences per stateful target
// (default: runs / 50, at least 1). Exits non-zero on any mismatch, after printing each
// target's first mismatch shrunk to a ready-to-paste regression test.
import hre from "hardhat";
import { init } from "../../bindings/src/wasm.js";
import { createContext, regressionTest, runTarget, shrink, toSource } from "./framework.js";
import { select, targets } from "./targets/index.js";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function intArg(name: string, fallback: number): number {
  const v = arg(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${v}`);
    process.exit(2);
  }
  return n;
}

if (process.argv.includes("--list")) {
  for (const t of targets()) console.log(`${t.kind.padEnd(9)} ${t.name}`);
  process.exit(0);
}

const seed = intArg("seed", Math.floor(Math.random() * 2 ** 31));
const runs = intArg("runs", 1000);
const sequences = intArg("sequences", Math.max(1, Math.floor(runs / 50)));
const chosen = select(arg("only"));
const verbose = process.argv.includes("--verbose");
const noShrink = process.argv.includes("--no-shrink");

await init();
const { ethers } = await hre.network.create();
const ctx = await createContext(ethers);

let cases = 0;
let mismatches = 0;
const reports: string[] = [];
const t0 = performance.now();
for (const t of chosen) {
  const n = t.kind === "stateful" ? sequences : runs;
  let last = 0;
  const r = await runTarget(ctx, t, seed, n, (done, total) => {
    const now = performance.now();
    if (process.stderr.isTTY && (now - last > 200 || done === total)) {
      last = now;
      process.stderr.write(`\r${t.name}: ${done}/${total}`);
    }
  });
  const kinds = Object.entries(r.kinds).map(([k, v]) => `${k} ${v}`).join(", ");
  process.stderr.write(`\r${t.name}: ${r.cases} cases, ${r.mismatches.length} mismatches, ${(r.ms / 1000).toFixed(1)} s${verbose ? ` [${kinds}; batch ${r.batch}]` : ""}\n`);
  cases += r.cases;
  mismatches += r.mismatches.length;
  if (r.mismatches.length > 0) {
    const m = r.mismatches[0];
    console.log(`\nmismatch in ${t.name} (seed ${seed}, case ${m.index}): input ${toSource(m.input)}\n${m.detail}`);
    if (verbose) for (const x of r.mismatches) console.log(`  case ${x.index}: ${x.detail.split("\n").slice(0, 2).join(" | ")}`);
    if (noShrink) continue;
    process.stderr.write(`shrinking...\n`);
    const s = await shrink(ctx, t, m);
    reports.push(`// ${t.name}: shrunk in ${s.shrinks} steps; add to test/fuzz/regressions.test.ts:\n${regressionTest(t.name, s.input, s.detail, seed)}`);
  }
}
for (const r of reports) console.log(`\n${r}`);
process.stderr.write(`total ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
console.log(`fuzz: ${cases} cases, ${mismatches} mismatches, seed ${seed}`);
process.exit(mismatches > 0 ? 1 : 0);
