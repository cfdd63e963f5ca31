// npm run demo [-- --rpc URL]
// The main job: deploys the whole system on the embedded Hardhat network (or on
// the node at URL, e.g. `npx hardhat node`), runs the scenario and shows, after
// each step, the Wasm core's answer next to the chain's.
import { init } from "../bindings/index.js";
import { runScenario, type Step } from "./lib/scenario.js";

const i = process.argv.indexOf("--rpc");
const rpc = i >= 0 ? process.argv[i + 1] : undefined;
if (rpc) process.env.ITOS_RPC_URL = rpc;
const { default: hre } = await import("hardhat");

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;
let n = 0;

const show = (v: unknown) => (typeof v === "bigint" ? v.toLocaleString("en-US") : v);

function onStep(step: Step) {
  n++;
  console.log(`\n[${n}/7] ${step.title}  (${elapsed()})`);
  console.table(step.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, show(v)]))));
  console.log(step.match ? "  ✔ Wasm and chain agree" : "  ✘ MISMATCH between Wasm and chain");
}

process.on("unhandledRejection", (e: any) => {
  console.error(`\ndemo failed: ${e?.shortMessage ?? e?.message ?? e}`);
  process.exit(1);
});

await init();
console.log(rpc ? `connecting to ${rpc}` : "starting the embedded Hardhat network");
const { ethers } = rpc ? await hre.network.connect({ network: "rpc" }) : await hre.network.create();
const { steps } = await runScenario({
  ethers: ethers as any,
  signers: (await ethers.getSigners()).slice(0, 5),
  increaseTime: async (s) => {
    await ethers.provider.send("evm_increaseTime", [s]);
    await ethers.provider.send("evm_mine", []);
  },
  onStep,
  log: (l) => console.log(`${l}  (${elapsed()})`),
});
const bad = steps.filter((s) => !s.match).length;
console.log(`\ndemo: ${steps.length} steps, ${bad} mismatches, ${elapsed()}`);
process.exit(bad ? 1 : 0);
