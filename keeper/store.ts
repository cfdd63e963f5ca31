// The keeper's state: every portfolio's positions and the state their Records are made from (one
// SharedState: tokens and feeds, money markets, vaults), the Wasm pools, and the recent block hashes
// with a copy of the state at each (to roll back a reorg).
import type { Pool, PortfolioPosition, SharedState } from "../bindings/index.js";

export interface PortfolioEntry {
  owner: string;
  portfolioId: bigint;
  /** Replaced, never mutated (the reorg copies share it). */
  positions: PortfolioPosition[];
  /** Bumped on every change of the positions (the checker rebuilds its Portfolio then). */
  version: number;
}

export interface BlockRef {
  number: number;
  hash: string;
  timestamp: number;
}

/** The part of the store a reorg restores (pools are re-read at the restored block instead). */
interface Saved {
  shared: SharedState;
  portfolios: [string, PortfolioEntry][];
  bonusPips: bigint;
}

export const keyOf = (owner: string, portfolioId: bigint) => `${owner.toLowerCase()}:${portfolioId}`;

export function emptyShared(): SharedState {
  return { blockTimestamp: 0n, blockNumber: 0n, tailRecordUsdDebt: 0n, tokens: {}, markets: {}, vaults: {}, pools: {} };
}

/** A deep copy of the shared state but for its pool entries (Wasm objects, which structuredClone cannot copy). */
function cloneShared(sh: SharedState): SharedState {
  return { ...structuredClone({ ...sh, pools: {} }), pools: { ...sh.pools } };
}

export class Store {
  shared: SharedState = emptyShared();
  readonly portfolios = new Map<string, PortfolioEntry>();
  readonly pools = new Map<string, Pool>();
  bonusPips = 0n;
  head: BlockRef | undefined;
  /** Bumped when anything every Record may read changes (markets, vaults, tokens). */
  sharedVersion = 0;
  private readonly recent = new Map<number, { ref: BlockRef; saved: Saved }>();

  constructor(readonly pm: string, readonly reorgDepth = 32) {}

  entry(owner: string, portfolioId: bigint): PortfolioEntry {
    const k = keyOf(owner, portfolioId);
    let e = this.portfolios.get(k);
    if (!e) this.portfolios.set(k, (e = { owner: owner.toLowerCase(), portfolioId, positions: [], version: 0 }));
    return e;
  }

  /** Records `ref` as the new head and keeps a copy of the state at it (the last `reorgDepth` blocks). */
  commit(ref: BlockRef): void {
    this.head = ref;
    this.shared.blockNumber = BigInt(ref.number);
    this.shared.blockTimestamp = BigInt(ref.timestamp);
    if (this.reorgDepth > 0) {
      // Position arrays and position objects are never mutated (changes replace them), so a shallow copy
      // of each entry is a snapshot; the shared state is small and mutated in place: copied deeply, but
      // for its pool entries (Wasm pools and premium ledgers, replaced and never mutated: shared).
      this.recent.set(ref.number, { ref, saved: { shared: cloneShared(this.shared), portfolios: [...this.portfolios].map(([k, e]) => [k, { ...e }]), bonusPips: this.bonusPips } });
      for (const n of this.recent.keys()) if (n <= ref.number - this.reorgDepth || n > ref.number) this.recent.delete(n);
    }
  }

  hashAt(n: number): string | undefined {
    return this.recent.get(n)?.ref.hash;
  }

  savedBlocks(): number[] {
    return [...this.recent.keys()].sort((a, b) => b - a);
  }

  /** Restores the state at block `n` (kept by `commit`); later copies are dropped. */
  restore(n: number): boolean {
    const r = this.recent.get(n);
    if (!r) return false;
    const s = r.saved;
    this.shared = cloneShared(s.shared);
    this.portfolios.clear();
    for (const [k, v] of s.portfolios) this.portfolios.set(k, { ...v, version: v.version + 1 });
    this.bonusPips = s.bonusPips;
    this.head = r.ref;
    this.sharedVersion++;
    for (const m of this.recent.keys()) if (m > n) this.recent.delete(m);
    return true;
  }

  clearHistory(): void {
    this.recent.clear();
  }
}
