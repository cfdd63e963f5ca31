// Simulates each planned liquidation on the node (eth_estimateGas runs it: a refusal reverts there)
// and sends only those that pass and pay more than their gas. Tracks its transactions' receipts.
import { Interface, type Signer } from "ethers";
import { portfolioManagerAbi } from "../bindings/abis.js";
import { ERC20, PM_READ } from "./events.js";
import type { Plan } from "./planner.js";
import { isDeterministic, retry } from "./rpc.js";
import { usd } from "./util.js";

export interface SenderProvider {
  estimateGas(tx: { from?: string; to: string; data: string }): Promise<bigint>;
  getFeeData(): Promise<{ gasPrice: bigint | null; maxFeePerGas?: bigint | null }>;
  getTransactionReceipt(hash: string): Promise<{ status: number | null; blockNumber: number } | null>;
  getTransactionCount(address: string, tag?: string): Promise<number>;
  call(tx: { to: string; data: string; from?: string }): Promise<string>;
}

export interface SenderOptions {
  dryRun?: boolean;
  /** Minimum profit after gas (USD, 18 decimals). */
  minProfitUsd?: bigint;
  /** The token whose feed prices the native gas token (WETH on a local deployment); without it gas costs 0 USD. */
  gasToken?: { decimals: number; answer: () => { answer: bigint; decimals: number } | undefined };
  log?: (line: string) => void;
}

export type Outcome =
  | { kind: "sent"; hash: string; plan: Plan }
  | { kind: "dry-run"; plan: Plan }
  | { kind: "refused"; plan: Plan; reason: string }
  | { kind: "unprofitable"; plan: Plan }
  | { kind: "no-funds"; plan: Plan; token: string };

const PM_ERRORS = new Interface(portfolioManagerAbi as any);

/** The PM's custom error by name (NotLiquidatable(...), LiquidationIncomplete(...)), else the node's message. */
function reason(e: any): string {
  const data: string | undefined = e?.data ?? e?.error?.data ?? e?.info?.error?.data;
  if (typeof data === "string" && data.length >= 10) {
    try {
      const d = PM_ERRORS.parseError(data);
      if (d) return `${d.name}(${d.args.map(String).join(", ")})`;
    } catch {
      // not one of the PM's errors: a producer's or a token's
    }
  }
  return e?.shortMessage ?? e?.message ?? String(e);
}

export class Sender {
  /** Sent and not yet mined: hash -> portfolio key. */
  readonly pending = new Map<string, string>();
  private nonce: number | undefined;
  private approved = new Set<string>();
  private address: string | undefined;

  constructor(readonly provider: SenderProvider, readonly pm: string, readonly signer: Signer | undefined, readonly options: SenderOptions = {}) {}

  private log(l: string) {
    this.options.log?.(l);
  }

  async from(): Promise<string | undefined> {
    if (this.address === undefined && this.signer) this.address = (await this.signer.getAddress()).toLowerCase();
    return this.address;
  }

  /** Approves the PM to pull each token (the debts are paid from the keeper's balance); waits for them. */
  async approve(tokens: string[]): Promise<void> {
    const from = await this.from();
    if (!from || !this.signer || this.options.dryRun) return;
    for (const t of tokens) {
      if (this.approved.has(t)) continue;
      const [allowance] = ERC20.decodeFunctionResult("allowance", await retry("allowance", () => this.provider.call({ to: t, data: ERC20.encodeFunctionData("allowance", [from, this.pm]) })));
      if (allowance < 1n << 200n) {
        const tx = await this.signer.sendTransaction({ to: t, data: ERC20.encodeFunctionData("approve", [this.pm, (1n << 256n) - 1n]), nonce: await this.nextNonce() });
        await tx.wait();
        this.log(`sender: approved the PM for ${t}`);
      }
      this.approved.add(t);
    }
  }

  private async nextNonce(): Promise<number> {
    if (this.nonce === undefined) this.nonce = await retry("getTransactionCount", () => this.provider.getTransactionCount(this.address!, "pending"));
    return this.nonce++;
  }

  private gasUsd(gas: bigint, gasPrice: bigint): bigint {
    const g = this.options.gasToken;
    const a = g?.answer();
    if (!g || !a) return 0n;
    return usd(gas * gasPrice, a.answer, 18, a.decimals);
  }

  /** Simulates, prices the gas and sends (or prints in a dry run). Never sends what the simulation refused. */
  async execute(plan: Plan, key: string): Promise<Outcome> {
    const from = await this.from();
    const data = PM_READ.encodeFunctionData("liquidate", [plan.owner, plan.portfolioId, plan.mask]);
    if (from) {
      for (const d of plan.debts) {
        const [bal] = ERC20.decodeFunctionResult("balanceOf", await retry("balanceOf", () => this.provider.call({ to: d.token, data: ERC20.encodeFunctionData("balanceOf", [from]) })));
        // Interest accrues until the transaction lands: keep 1% of headroom.
        if (bal < d.amount + d.amount / 100n) return { kind: "no-funds", plan, token: d.token };
      }
    }
    // Without a liquidator there is no one to simulate as (the debts are pulled from msg.sender).
    if (!from) return { kind: "dry-run", plan };
    let gas: bigint;
    try {
      gas = await retry("estimateGas", () => this.provider.estimateGas({ from, to: this.pm, data }));
    } catch (e: any) {
      if (!isDeterministic(e) && !/revert/i.test(String(e?.message))) throw e;
      return { kind: "refused", plan, reason: reason(e) };
    }
    const fee = await retry("getFeeData", () => this.provider.getFeeData());
    const gasPrice = fee.gasPrice ?? fee.maxFeePerGas ?? 0n;
    plan.gas = gas;
    plan.gasUsd = this.gasUsd(gas, gasPrice);
    plan.profitUsd = plan.grossUsd - plan.gasUsd;
    if (plan.profitUsd <= (this.options.minProfitUsd ?? 0n)) return { kind: "unprofitable", plan };
    if (this.options.dryRun || !this.signer) return { kind: "dry-run", plan };
    const tx = await this.signer.sendTransaction({ to: this.pm, data, gasLimit: (gas * 13n) / 10n, nonce: await this.nextNonce() });
    this.pending.set(tx.hash, key);
    return { kind: "sent", hash: tx.hash, plan };
  }

  /** Receipts of mined transactions: reverted ones are failures. */
  async receipts(): Promise<{ mined: { hash: string; key: string; ok: boolean }[] }> {
    const mined: { hash: string; key: string; ok: boolean }[] = [];
    for (const [hash, key] of this.pending) {
      const r = await retry("getTransactionReceipt", () => this.provider.getTransactionReceipt(hash));
      if (!r) continue;
      this.pending.delete(hash);
      mined.push({ hash, key, ok: r.status === 1 });
    }
    return { mined };
  }

  /** After a nonce problem (a dropped transaction), ask the node again. */
  resetNonce(): void {
    this.nonce = undefined;
  }
}
