// RPC access for the keeper: retries with exponential backoff (a flaky node never crashes the loop) and
// a provider pinned to one block, so every re-read of a block's objects sees that block's end state.
import type { CallProvider } from "../bindings/index.js";

/** The part of an ethers v6 provider the keeper uses. */
export interface KeeperProvider {
  call(tx: { to?: string | null; data: string; from?: string; blockTag?: string | number | bigint }): Promise<string>;
  getBlockNumber(): Promise<number>;
  getBlock(tag: number | string): Promise<{ number: number; hash: string | null; parentHash: string; timestamp: number } | null>;
  getLogs(filter: { address?: string[]; fromBlock: number; toBlock: number; topics?: (string | string[] | null)[] }): Promise<KeeperLog[]>;
  send?(method: string, params: unknown[]): Promise<any>;
}

export interface KeeperLog {
  address: string;
  topics: readonly string[];
  data: string;
  blockNumber: number;
  blockHash: string;
  index: number;
  transactionHash: string;
}

export interface RetryOptions {
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  log?: (line: string) => void;
}

/** An error the node will answer the same way however often it is asked (a revert), not worth a retry. */
export function isDeterministic(e: any): boolean {
  const code = e?.code ?? e?.error?.code;
  return code === "CALL_EXCEPTION" || /revert|execution reverted|custom error/i.test(String(e?.message ?? e));
}

/** Runs `f` until it succeeds, waiting base * 2^k (capped) between attempts; reverts are not retried. */
export async function retry<T>(what: string, f: () => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const attempts = o.attempts ?? 6, base = o.baseMs ?? 200, max = o.maxMs ?? 10_000;
  for (let k = 0; ; k++) {
    try {
      return await f();
    } catch (e: any) {
      if (isDeterministic(e) || k + 1 >= attempts) throw e;
      const wait = Math.min(max, base * 2 ** k);
      o.log?.(`rpc: ${what} failed (${e?.shortMessage ?? e?.message ?? e}); retry ${k + 1}/${attempts - 1} in ${wait} ms`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** A CallProvider whose eth_calls read the state at the end of `block`. */
export function pinned(provider: KeeperProvider, block: number): CallProvider {
  return { call: (tx) => provider.call({ ...tx, blockTag: block }) };
}
