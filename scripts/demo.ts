// The main job on the embedded Hardhat network. Grows into the full scenario
// (makers, a taker, swaps, a cross-margined portfolio, a price drop, a liquidation).
import hre from "hardhat";
import { init, LiquidityMath } from "../bindings/index.js";

async function main() {
  console.log("[1/3] loading the Wasm core");
  await init();
  console.log("[2/3] starting the in-process Hardhat network and deploying the math harness");
  const { ethers } = await hre.network.create();
  const harness = await ethers.deployContract("MathHarness");
  console.log("[3/3] LiquidityMath.addDelta, Wasm vs contract");
  const rows = [
    [10n ** 18n, -(10n ** 17n)],
    [(1n << 127n) + 5n, 1n << 126n],
  ];
  console.table(
    rows.map(([x, y]) => ({ x: String(x), delta: String(y), wasm: String(LiquidityMath.addDelta(x, y)) })),
  );
  for (const [x, y] of rows) {
    const onChain = await harness.addDelta(x, y);
    if (onChain !== LiquidityMath.addDelta(x, y)) throw new Error("mismatch");
  }
  console.log("wasm and contract agree");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
