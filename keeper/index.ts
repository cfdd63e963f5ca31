// The keeper as a library: `new Keeper({ provider, deployment, signer })`, then `start()` and `run()`.
export { Keeper, describePlan, type KeeperOptions, type KeeperDeployment, type BlockLine, type KeeperStats } from "./keeper.js";
export { EventSync, type Deployment, type SyncOptions, type BlockEvents } from "./sync.js";
export { Store, keyOf, type PortfolioEntry, type BlockRef } from "./store.js";
export { Checker, ShardedChecker, type CheckReport, type Verdict } from "./checker.js";
export { ShardPool, shardOf } from "./shard.js";
export { plan, type Plan } from "./planner.js";
export { Sender, type Outcome } from "./sender.js";
export { retry, pinned, type KeeperProvider } from "./rpc.js";
export { loadKey, redact } from "./key.js";
