// The keeper: follows the chain (EventSync), re-checks every portfolio in Wasm on every block
// (Checker), plans each liquidation (planner), simulates and sends it (Sender), one line per block.
import type { Signer } from "ethers";
import { Checker, ShardedChecker, type CheckReport, type Verdict } from "./checker.js";
import { ShardPool } from "./shard.js";
import { plan as planLiquidation, type Plan } from "./planner.js";
import type { KeeperProvider } from "./rpc.js";
import { Sender, type Outcome, type SenderProvider } from "./sender.js";
import { EventSync, type BlockEvents, type Deployment, type SyncOptions } from "./sync.js";
import { fmtUsd } from "./util.js";

export interface KeeperDeployment extends Deployment {
  /** The token whose feed prices the gas (WETH), to weigh gas against the bonus. */
  gasToken?: string;
}

export interface KeeperOptions extends SyncOptions {
  provider: KeeperProvider & SenderProvider;
  deployment: KeeperDeployment;
  /** Sends liquidations; without one (or with dryRun) they are printed. */
  signer?: Signer;
  dryRun?: boolean;
  minProfitUsd?: bigint;
  /** Milliseconds between polls in `run`. */
  pollMs?: number;
  /** Shard the per-block re-check over this many worker threads (1: in this thread). */
  workers?: number;
}

export interface BlockLine {
  block: number;
  portfolios: number;
  insolvent: number;
  liquidated: number;
  /** The whole block: sync, check, plans, simulations, sends. */
  ms: number;
  /** The Wasm re-check of every portfolio alone. */
  checkMs: number;
}

export interface KeeperStats {
  blocks: number;
  sent: number;
  /** Our liquidations that were mined and succeeded. */
  liquidated: number;
  /** Our liquidations that reverted on chain. */
  failed: number;
  /** Liquidations the simulation refused (never sent). */
  refused: number;
  unprofitable: number;
  noFunds: number;
}

export const describePlan = (p: Plan) =>
  `liquidate ${p.owner}:${p.portfolioId} mask 0x${p.mask.toString(16)} (${p.positions.length} positions): ` +
  `debts ${p.debts.map((d) => `${d.amount} of ${d.token.slice(0, 8)}`).join(", ") || "none"}, ` +
  `debt $${fmtUsd(p.debtUsd)}, receive $${fmtUsd(p.receiveUsd)} (bonus $${fmtUsd(p.bonusUsd)}), ` +
  `gas ${p.gas ?? "?"} ($${p.gasUsd === undefined ? "?" : fmtUsd(p.gasUsd)}), profit $${p.profitUsd === undefined ? "?" : fmtUsd(p.profitUsd)}`;

export class Keeper {
  readonly sync: EventSync;
  readonly checker = new Checker();
  /** With `workers` > 1: the re-check over worker threads. */
  readonly sharded: ShardedChecker | undefined;
  readonly sender: Sender;
  readonly stats: KeeperStats = { blocks: 0, sent: 0, liquidated: 0, failed: 0, refused: 0, unprofitable: 0, noFunds: 0 };
  /** The last check (for callers that want the verdicts). */
  lastCheck: CheckReport | undefined;
  /** Outcomes of the last block's liquidation attempts. */
  lastOutcomes: Outcome[] = [];
  private readonly inflight = new Set<string>();
  private readonly log: (line: string) => void;
  private stopped = false;

  constructor(readonly options: KeeperOptions) {
    this.log = options.log ?? ((l) => console.log(l));
    if ((options.workers ?? 1) > 1) this.sharded = new ShardedChecker(new ShardPool(options.workers!));
    this.sync = new EventSync(options.provider, options.deployment, { ...options, log: this.log });
    const gasToken = options.deployment.gasToken?.toLowerCase();
    this.sender = new Sender(options.provider, options.deployment.pm, options.signer, {
      dryRun: options.dryRun,
      minProfitUsd: options.minProfitUsd,
      log: this.log,
      gasToken: gasToken ? { decimals: 18, answer: () => this.sync.store.shared.tokens[gasToken]?.price } : undefined,
    });
  }

  get store() {
    return this.sync.store;
  }

  /** Loads the state (history, then every portfolio) and approves the PM for the debt tokens. */
  async start(): Promise<void> {
    await this.sync.start();
    const tokens = Object.values(this.store.shared.tokens).filter((t) => t.registered).map((t) => t.token);
    await this.sender.approve(tokens);
    this.log(`keeper: ${this.store.portfolios.size} portfolios at block ${this.store.head!.number}${this.options.dryRun || !this.options.signer ? " (dry run)" : ""}`);
  }

  /** One round: receipts of sent liquidations, then every new block: sync, check, liquidate (at the head). */
  async step(): Promise<BlockLine[]> {
    const lines: BlockLine[] = [];
    for (const m of (await this.sender.receipts()).mined) {
      this.inflight.delete(m.key);
      if (m.ok) this.stats.liquidated++;
      else {
        this.stats.failed++;
        this.log(`keeper: liquidation ${m.hash} of ${m.key} reverted`);
      }
    }
    await this.sync.poll(async (ev, last) => {
      lines.push(await this.onBlock(ev, last));
    });
    return lines;
  }

  private async onBlock(ev: BlockEvents, last: boolean): Promise<BlockLine> {
    const t0 = performance.now();
    this.stats.blocks++;
    const report = this.sharded ? await this.sharded.check(this.store) : this.checker.check(this.store);
    this.lastCheck = report;
    this.lastOutcomes = [];
    for (const e of report.errors) this.log(`keeper: ${e.key} cannot be valued (${e.error.message}); the PM reverts on it too`);
    if (last) {
      const todo = report.insolvent.filter((v) => !this.inflight.has(v.key));
      // Simulations are independent (different portfolios): run a few at once.
      for (let i = 0; i < todo.length; i += 8) await Promise.all(todo.slice(i, i + 8).map((v) => this.liquidate(v)));
    }
    const line: BlockLine = {
      block: ev.block.number,
      portfolios: this.store.portfolios.size,
      insolvent: report.insolvent.length,
      liquidated: ev.liquidations.length,
      ms: ev.ms + (performance.now() - t0),
      checkMs: report.ms,
    };
    this.log(`block ${line.block}: ${line.portfolios} portfolios, ${line.insolvent} insolvent, ${line.liquidated} liquidated, ${line.ms.toFixed(1)} ms (check ${line.checkMs.toFixed(1)} ms)`);
    return line;
  }

  private async liquidate(v: Verdict): Promise<void> {
    const p = planLiquidation(v, this.store.shared, this.store.bonusPips);
    let o: Outcome;
    try {
      o = await this.sender.execute(p, v.key);
    } catch (e: any) {
      this.log(`keeper: ${v.key}: ${e?.shortMessage ?? e?.message ?? e}; retried next block`);
      this.sender.resetNonce();
      return;
    }
    this.lastOutcomes.push(o);
    if (o.kind === "sent") {
      this.stats.sent++;
      this.inflight.add(v.key);
      this.log(`keeper: sent ${o.hash.slice(0, 12)} ${describePlan(p)}`);
    } else if (o.kind === "dry-run") this.log(`keeper: (dry run${p.gas === undefined ? ", not simulated: no key" : ""}) ${describePlan(p)}`);
    else if (o.kind === "refused") {
      this.stats.refused++;
      this.log(`keeper: not sent, the chain refuses it (${o.reason}): ${describePlan(p)}`);
    } else if (o.kind === "unprofitable") {
      this.stats.unprofitable++;
      this.log(`keeper: not sent, unprofitable: ${describePlan(p)}`);
    } else {
      this.stats.noFunds++;
      this.log(`keeper: not sent, not enough ${o.token} to pay the debts: ${describePlan(p)}`);
    }
  }

  /** Polls until `stop`; an error (an RPC down longer than the retries) is logged and the loop goes on, backing off. */
  async run(): Promise<void> {
    let backoff = this.options.pollMs ?? 1000;
    while (!this.stopped) {
      try {
        await this.step();
        backoff = this.options.pollMs ?? 1000;
      } catch (e: any) {
        this.log(`keeper: round failed (${e?.shortMessage ?? e?.message ?? e}); next in ${backoff} ms`);
        backoff = Math.min(backoff * 2, 60_000);
      }
      await new Promise((r) => setTimeout(r, backoff));
    }
  }

  stop(): void {
    this.stopped = true;
  }

  get stopping(): boolean {
    return this.stopped;
  }

  /** Frees the Wasm state and stops the check workers. */
  async close(): Promise<void> {
    this.stop();
    await this.sharded?.pool.close();
    for (const p of this.store.pools.values()) p.free();
    this.store.pools.clear();
  }
}
