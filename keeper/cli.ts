// npm run keeper -- --rpc URL --deployment FILE [--key env:NAME | file:PATH] [--dry-run] [--workers N]
//                   [--check-every N] [--reorg-depth N] [--min-profit USD] [--poll-ms MS] [--from-block N]
//                   [--shard i/n]
// The keeper against a node: FILE is what `npm run deploy` writes (pm, moneyMarket, pool, tokens).
// Without --key, KEEPER_PRIVATE_KEY is used if set; without any key it only prints (dry run).
import { readFileSync } from "node:fs";
import { JsonRpcProvider, Wallet } from "ethers";
import { init } from "../bindings/index.js";
import { Keeper } from "./keeper.js";
import { loadKey, redact } from "./key.js";

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const flag = (name: string) => argv.includes(`--${name}`);
const usage = "usage: npm run keeper -- --rpc URL --deployment FILE [--key env:NAME|file:PATH] [--dry-run] [--workers N] [--check-every N] [--reorg-depth N] [--min-profit USD] [--poll-ms MS] [--from-block N] [--shard i/n]";

if (flag("help") || !arg("rpc") || !arg("deployment")) {
  console.log(usage);
  process.exit(flag("help") ? 0 : 2);
}

let key: string | undefined;
try {
  key = loadKey(arg("key"));
} catch (e: any) {
  console.error(`keeper: ${e.message}`);
  process.exit(2);
}
const log = (l: string) => console.log(redact(`${new Date().toISOString().slice(11, 19)} ${l}`, key));

const d = JSON.parse(readFileSync(arg("deployment")!, "utf8"));
const deployment = {
  pm: d.pm,
  moneyMarket: d.moneyMarket,
  pools: [d.pool, ...(d.pools ?? [])].filter(Boolean),
  fromBlock: Number(arg("from-block") ?? d.deployBlock ?? 0),
  gasToken: d.tokens?.WETH,
};
const workers = Number(arg("workers") ?? 1);
const shardArg = arg("shard"); // i/n: this process keeps the owners with owner mod n = i
const shard = shardArg ? { index: Number(shardArg.split("/")[0]), count: Number(shardArg.split("/")[1]) } : undefined;
if (shard && !(shard.count >= 1 && shard.index >= 0 && shard.index < shard.count)) {
  console.error("keeper: --shard takes i/n with 0 <= i < n");
  process.exit(2);
}

await init();
const provider = new JsonRpcProvider(arg("rpc"), undefined, { staticNetwork: true });
const signer = key ? new Wallet(key, provider) : undefined;
const dryRun = flag("dry-run") || !signer;
log(`keeper: PM ${deployment.pm} on ${arg("rpc")}, ${signer ? `liquidator ${signer.address}` : "no key"}${dryRun ? ", dry run" : ""}${workers > 1 ? `, ${workers} check workers` : ""}${shard ? `, shard ${shard.index}/${shard.count}` : ""}`);
const keeper = new Keeper({
  provider: provider as any,
  deployment,
  signer,
  dryRun,
  workers,
  shard,
  checkEvery: Number(arg("check-every") ?? 50),
  reorgDepth: Number(arg("reorg-depth") ?? 32),
  minProfitUsd: BigInt(Math.round(Number(arg("min-profit") ?? 0) * 1e6)) * 10n ** 12n,
  pollMs: Number(arg("poll-ms") ?? 1000),
  log,
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => (log("keeper: stopping"), keeper.stop()));
// The start retries on its own; a node down for longer is waited for, never a crash.
for (let wait = 1000; !keeper.stopping; wait = Math.min(wait * 2, 60_000)) {
  try {
    await keeper.start();
    break;
  } catch (e: any) {
    log(`keeper: start failed (${e?.shortMessage ?? e?.message ?? e}); again in ${wait} ms`);
    await new Promise((r) => setTimeout(r, wait));
  }
}
if (!keeper.stopping) await keeper.run();
await keeper.close();
log(`keeper: ${keeper.stats.blocks} blocks, ${keeper.stats.sent} sent, ${keeper.stats.liquidated} liquidated, ${keeper.stats.failed} failed, ${keeper.stats.refused} refused`);
process.exit(0);
