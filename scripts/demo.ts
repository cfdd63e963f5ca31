// npm run demo [-- --rpc URL]
// The main job: deploys the whole system on the embedded Hardhat network (or on
// the node at URL, e.g. `npx hardhat node`), runs the scenario and shows, after
// each step, the Wasm core's answer next to the chain's.
import { init, Portfolio } from "../bindings/index.js";
import type { System } from "./lib/system.js";
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

let whatIfMismatches = 0;

/**
 * Before the oracle drop: the portfolios read once (Portfolio.readMany: each pool, ledger and market once), a
 * what-if table of WETH prices from Portfolio.check, each portfolio's liquidation price, and beside them what the
 * chain says once the WETH feed really moves there (then the feed is put back).
 */
async function portfolioWhatIfs(sys: System, portfolios: [string, bigint, string][]) {
  const provider = ethers.provider;
  const PM = await sys.pm.getAddress();
  const WETH = (await sys.tokens.WETH.getAddress()).toLowerCase();
  const feed = sys.feeds.WETH;
  const before: bigint = (await feed.latestRoundData())[1];
  const latest = async () => BigInt((await provider.getBlock("latest"))!.timestamp);
  console.log(`
[what-if] reading ${portfolios.length} portfolios with Portfolio.readMany  (${elapsed()})`);
  const ps = await Portfolio.readMany(provider, PM, portfolios.map(([o, id]) => [o, id] as [string, bigint]));
  const kinds = ps.map((p) => p.positions.map((x) => x.kind).join(" + "));
  const usd = (a: bigint) => `${(Number(a) / 1e8).toFixed(2)}`;
  const rows: Record<string, string>[] = [];
  for (const pct of [0, 1, 2, 3, 4, 5, 8]) {
    const answer = (before * BigInt(100 - pct)) / 100n;
    const now = (await latest()) + 1n;
    const t = performance.now();
    const ws = Portfolio.checkMany(ps, { now, prices: { [WETH]: answer } });
    const ms = performance.now() - t;
    await provider.send("evm_setNextBlockTimestamp", [Number(now)]);
    await (await feed.setAnswer(answer)).wait();
    const chain = await Promise.all(portfolios.map(([o, id]) => sys.pm.isLiquidatable(o, id) as Promise<boolean>));
    const fails = (xs: boolean[]) => portfolios.filter((_, i) => xs[i]).map(([, , n]) => n).join(", ") || "none";
    const wasm = ws.map((w) => w.liquidatable);
    if (fails(wasm) !== fails(chain)) whatIfMismatches++;
    rows.push({ "WETH falls to": `${usd(answer)} (-${pct}%)`, "liquidatable (Portfolio what-if)": fails(wasm), "liquidatable (chain, feed moved)": fails(chain), "what-if time": `${ms.toFixed(2)} ms` });
  }
  await (await feed.setAnswer(before)).wait();
  console.log(`
[what-if] if WETH falls to X, these portfolios fail  (${elapsed()})`);
  console.table(rows);
  const lrows: Record<string, string>[] = [];
  for (let i = 0; i < ps.length; i++) {
    const [owner, id, name] = portfolios[i];
    const now = (await latest()) + 10n;
    const t = performance.now();
    const L = ps[i].liquidationPrice(WETH, { now });
    const ms = performance.now() - t;
    const row: Record<string, string> = { portfolio: name, positions: kinds[i], "WETH liquidation price": L === null ? "none" : usd(L), time: `${ms.toFixed(2)} ms` };
    if (L !== null) {
      // Mine the feed at L (the chain must say insolvent), then one unit beyond (solvent), at the times valued.
      const at = async (answer: bigint, tt: bigint) => {
        await provider.send("evm_setNextBlockTimestamp", [Number(tt)]);
        await (await feed.setAnswer(answer)).wait();
        return (await sys.pm.isSolvent(owner, id)) as boolean;
      };
      const long = (ps[i].check({ now, prices: { [WETH]: L } }).nets[WETH] ?? 0n) > 0n;
      const atL = await at(L, now);
      const now2 = (await latest()) + 10n;
      const L2 = ps[i].liquidationPrice(WETH, { now: now2 })!;
      const beyond = await at(long ? L2 + 1n : L2 - 1n, now2);
      row["chain at L"] = atL ? "solvent" : "insolvent";
      row[`chain at L${long ? "+" : "-"}1 unit`] = beyond ? "solvent" : "insolvent";
      if (atL || !beyond) whatIfMismatches++;
      await (await feed.setAnswer(before)).wait();
    }
    lrows.push(row);
  }
  console.log(`
[what-if] each portfolio's WETH liquidation price (Portfolio.liquidationPrice) and the chain at it  (${elapsed()})`);
  console.table(lrows);
  console.log(whatIfMismatches ? "  ✘ MISMATCH between the Portfolio and the chain" : "  ✔ Portfolio what-ifs and the chain agree");
  for (const p of ps) p.free();
}

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
  beforeDrop: portfolioWhatIfs,
  log: (l) => console.log(`${l}  (${elapsed()})`),
});
const bad = steps.filter((s) => !s.match).length + whatIfMismatches;
console.log(`\ndemo: ${steps.length} steps, ${bad} mismatches, ${elapsed()}`);
process.exit(bad ? 1 : 0);
