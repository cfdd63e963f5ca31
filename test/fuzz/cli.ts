// npm run fuzz -- --seed S --runs N [--only NAME]
// Differential fuzzing of the Wasm core against the contracts on the in-process network.
import fc from "fast-check";
import hre from "hardhat";
import { init, LiquidityMath } from "../../bindings/index.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const seed = Number(arg("seed", "42"));
const runs = Number(arg("runs", "1000"));

await init();
const { ethers } = await hre.network.create();
const harness = await ethers.deployContract("MathHarness");
const MAX128 = (1n << 128n) - 1n;
const cases = fc.sample(fc.tuple(fc.bigInt(0n, MAX128), fc.bigInt(-(1n << 127n), (1n << 127n) - 1n)), { numRuns: runs, seed });
let mismatches = 0;
const batch = 500;
for (let i = 0; i < cases.length; i += batch) {
  const part = cases.slice(i, i + batch);
  const [z, ok] = await harness.addDeltaBatch(part.map((c) => c[0]), part.map((c) => c[1]));
  part.forEach(([x, y], j) => {
    let w: bigint | undefined;
    try { w = LiquidityMath.addDelta(x, y); } catch { w = undefined; }
    if ((ok[j] ? z[j] : undefined) !== w) {
      mismatches++;
      console.log(`mismatch: addDelta(${x}n, ${y}n): contract ${ok[j] ? z[j] : "revert"}, wasm ${w ?? "throw"}`);
    }
  });
  process.stdout.write(`\r${Math.min(i + batch, cases.length)}/${cases.length}`);
}
process.stdout.write("\n");
console.log(`fuzz: ${cases.length} cases, ${mismatches} mismatches, seed ${seed}`);
process.exit(mismatches ? 1 : 0);
