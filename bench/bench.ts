// Speed of the Wasm bindings against a plain-BigInt model (benchmark.js).
// Grows into the full table of issue "Benchmarks and gas reports".
import Benchmark from "benchmark";
import { init, LiquidityMath } from "../bindings/index.js";

const quick = process.argv.includes("--quick");

function addDeltaBigint(x: bigint, y: bigint): bigint {
  const z = x + y;
  if (z < 0n) throw new Error("LiquidityUnderflow");
  if (z >= 1n << 128n) throw new Error("LiquidityOverflow");
  return z;
}

await init();
const suite = new Benchmark.Suite();
const x = 123456789012345678901234567890n, y = -98765432109876543210n;
suite
  .add("LiquidityMath.addDelta (wasm)", () => LiquidityMath.addDelta(x, y), { maxTime: quick ? 0.3 : 2 })
  .add("LiquidityMath.addDelta (bigint)", () => addDeltaBigint(x, y), { maxTime: quick ? 0.3 : 2 })
  .on("cycle", (e: Benchmark.Event) => console.log(String(e.target)))
  .run();
