/**
 * The premium ledger of a 2sAMM pool in Wasm: the pool's PremiumState and every segment's Tick.Premium, as the
 * chain stores them, which the twin of the premium walk (PremiumWalk.walkView) accrues to any later time from the
 * money market's borrow indexes then. Loaded from the chain with one batch of deployless reads
 * (contracts/readers/PremiumLedgerReader.sol), or from a snapshot.
 * @module
 */
import { PremiumLedgerReader } from "../../../build/readers.js";
import { ChainReadError, type CallProvider } from "../chain.js";
import { check, trapError } from "../call.js";
import { aBigint, aInt, MAX_UINT128, MAX_UINT256 } from "../convert.js";
import { core } from "../_io.js";
import { w128, w256 } from "../_io.js";
import { addressWord, anAddress, deployless, toAddress, word } from "./chain.js";
import {
  LEDGER_TICK_WORDS,
  LT_LAST_INDEX0,
  LT_LAST_INDEX1,
  LT_MAKER0,
  LT_MAKER1,
  LT_TAKER0,
  LT_TAKER1,
  LT_TICK,
  PA_BORROW0,
  PA_BORROW1,
  PA_NOW,
  PL_ACTIVE,
  PL_BORROW_LOW0,
  PL_BORROW_LOW1,
  PL_BORROW_NOW0,
  PL_BORROW_NOW1,
  PL_INDEX0,
  PL_INDEX1,
  PL_TIME,
} from "../generated/layout.js";
import { LedgerNotFoundError } from "../errors.js";

const MAX_UINT120 = (1n << 120n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;

/** A pool's PremiumState plus when it was read and the money market's borrow indexes then. */
export interface PremiumLedgerState {
  index0X64: bigint;
  index1X64: bigint;
  /** The borrow indexes at the last advance, mod 2^120 (as the pool keeps them). */
  borrowIndex0X64: bigint;
  borrowIndex1X64: bigint;
  active: boolean;
  /** Block timestamp of the snapshot (seconds): valuations before it are refused. */
  timestamp: bigint;
  /** The money market's borrow indexes of token0, token1 at `timestamp` (0n, 0n without a money market). */
  borrowIndexNowX64: readonly [bigint, bigint];
  /** The pool's tokens, which the producers' Records name. */
  token0: string;
  token1: string;
}

/** The premium accumulators of the segment starting at an initialized tick (Tick.Premium). */
export interface TickPremium {
  tick: number;
  lastIndex0X64: bigint;
  lastIndex1X64: bigint;
  makerGrowth0X128: bigint;
  makerGrowth1X128: bigint;
  takerGrowth0X128: bigint;
  takerGrowth1X128: bigint;
}

/** Reader calls per ledger, each scanning a share of the bitmap (sent together). */
export const LEDGER_PARTS = 4;
const HEAD = 11; // Output: 10 static fields + the ticks' offset
const TICK_WORDS = 7;

// Ledgers dropped without free() release their Wasm memory when collected.
const registry = new FinalizationRegistry<number>((handle) => {
  try {
    core().exports.premiumLedgerDestroy(handle);
  } catch {
    // the module is gone: nothing to release
  }
});

function call(where: string, f: () => number): void {
  let code = 0;
  try {
    code = f();
  } catch (e) {
    throw trapError(e, where);
  }
  check(code, where);
}

/**
 * A pool's premium ledger resident in Wasm (see the module comment). Pair it with the `Pool` of the same pool read
 * at the same block: the walk reads the pool's ticks, price and liquidity, the ledger's accumulators.
 * @example
 * const pool = await Pool.fromChain(provider, address);
 * const ledger = await PremiumLedger.fromChain(provider, address);
 * makerValueAt(pool, ledger, position, pool.sqrtPriceX96, { now, borrowIndexX64 });
 * ledger.free();
 */
export class PremiumLedger {
  #handle: number;
  // The arguments of the last successful accrual of the view (only premiumLedgerAt moves it): a repeat is free.
  #atNow = -1n;
  #atB0 = -1n;
  #atB1 = -1n;
  /** The snapshot's PremiumState, time and borrow indexes. */
  readonly state: Readonly<PremiumLedgerState>;
  /** The snapshot's per-tick records (with `state`, what `fromSnapshot` rebuilds the ledger from). */
  readonly ticks: readonly TickPremium[];

  private constructor(handle: number, state: PremiumLedgerState, ticks: readonly TickPremium[]) {
    this.#handle = handle;
    this.state = Object.freeze({ ...state, borrowIndexNowX64: Object.freeze([...state.borrowIndexNowX64]) as readonly [bigint, bigint] });
    this.ticks = Object.freeze(ticks.map((t) => Object.freeze({ ...t })));
    registry.register(this, handle, this);
  }

  /** The engine handle (for diagnostics). */
  get handle(): number {
    return this.#handle;
  }

  /** The snapshot's block timestamp. */
  get timestamp(): bigint {
    return this.state.timestamp;
  }

  get token0(): string {
    return this.state.token0;
  }

  get token1(): string {
    return this.state.token1;
  }

  /**
   * A ledger from its state and per-tick records (every initialized tick's, or those with non-zero accumulators:
   * a segment never written reads as zeros, as on chain).
   * @throws InvalidSnapshotError (a tick out of bounds or repeated, a value too wide), MulDivOverflowError,
   * SafeCastOverflowError (the indexes at the snapshot cannot be formed).
   */
  static fromSnapshot(state: PremiumLedgerState, ticks: readonly TickPremium[]): PremiumLedger {
    const fn = "PremiumLedger.fromSnapshot";
    const c = core();
    const io = c.io;
    w128(io, PL_INDEX0, aBigint(state.index0X64, 0n, MAX_UINT128, "index0X64", fn));
    w128(io, PL_INDEX1, aBigint(state.index1X64, 0n, MAX_UINT128, "index1X64", fn));
    w128(io, PL_BORROW_LOW0, aBigint(state.borrowIndex0X64, 0n, MAX_UINT120, "borrowIndex0X64", fn));
    w128(io, PL_BORROW_LOW1, aBigint(state.borrowIndex1X64, 0n, MAX_UINT120, "borrowIndex1X64", fn));
    io[PL_ACTIVE] = state.active ? 1n : 0n;
    io[PL_TIME] = aBigint(state.timestamp, 0n, MAX_UINT64, "timestamp", fn);
    w256(io, PL_BORROW_NOW0, aBigint(state.borrowIndexNowX64[0], 0n, MAX_UINT256, "borrowIndexNowX64[0]", fn));
    w256(io, PL_BORROW_NOW1, aBigint(state.borrowIndexNowX64[1], 0n, MAX_UINT256, "borrowIndexNowX64[1]", fn));
    call(fn, () => c.exports.premiumLedgerCreate());
    const handle = Number(core().io[0]);
    const ledger = new PremiumLedger(handle, state, ticks);
    try {
      ledger.#setTicks(ticks, fn);
    } catch (e) {
      ledger.free();
      throw e;
    }
    return ledger;
  }

  #setTicks(ticks: readonly TickPremium[], fn: string): void {
    const c = core();
    const n = ticks.length;
    let ptr: number;
    try {
      ptr = c.exports.premiumLedgerScratch(n * LEDGER_TICK_WORDS) as number;
    } catch (e) {
      throw trapError(e, fn);
    }
    const mem = new BigUint64Array(c.exports.memory.buffer, ptr, n * LEDGER_TICK_WORDS);
    for (let i = 0; i < n; i++) {
      const t = ticks[i];
      const o = i * LEDGER_TICK_WORDS;
      mem[o + LT_TICK] = BigInt.asUintN(64, BigInt(aInt(t.tick, -887272, 887272, `ticks[${i}].tick`, fn)));
      w128(mem, o + LT_LAST_INDEX0, aBigint(t.lastIndex0X64, 0n, MAX_UINT128, `ticks[${i}].lastIndex0X64`, fn));
      w128(mem, o + LT_LAST_INDEX1, aBigint(t.lastIndex1X64, 0n, MAX_UINT128, `ticks[${i}].lastIndex1X64`, fn));
      w256(mem, o + LT_MAKER0, aBigint(t.makerGrowth0X128, 0n, MAX_UINT256, `ticks[${i}].makerGrowth0X128`, fn));
      w256(mem, o + LT_MAKER1, aBigint(t.makerGrowth1X128, 0n, MAX_UINT256, `ticks[${i}].makerGrowth1X128`, fn));
      w256(mem, o + LT_TAKER0, aBigint(t.takerGrowth0X128, 0n, MAX_UINT256, `ticks[${i}].takerGrowth0X128`, fn));
      w256(mem, o + LT_TAKER1, aBigint(t.takerGrowth1X128, 0n, MAX_UINT256, `ticks[${i}].takerGrowth1X128`, fn));
    }
    call(fn, () => c.exports.premiumLedgerLoadTicks(this.#handle, n));
  }

  /**
   * The premium ledger of the deployed 2sAMM pool at `poolAddress`, read at the latest block with LEDGER_PARTS
   * deployless `eth_call`s sent together (retried if they straddle a block).
   * @throws ChainReadError when a read fails or returns unexpected data.
   */
  static async fromChain(provider: CallProvider, poolAddress: string): Promise<PremiumLedger> {
    const fn = "PremiumLedger.fromChain";
    anAddress(poolAddress, fn);
    const arg = addressWord(poolAddress);
    let parts: { head: bigint[]; ticks: TickPremium[] }[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const raw = await Promise.all(
        Array.from({ length: LEDGER_PARTS }, (_, i) => deployless(provider, PremiumLedgerReader, arg + word(BigInt(i)) + word(BigInt(LEDGER_PARTS)), `${fn}(${poolAddress})`)),
      );
      parts = raw.map((w) => decodeLedger(w, fn));
      if (parts.every((p) => p.head.every((v, i) => v === parts[0].head[i]))) break;
      if (attempt === 2) throw new ChainReadError(`${fn}: the pool kept changing between reads`, { details: poolAddress });
    }
    const h = parts[0].head;
    return PremiumLedger.fromSnapshot(
      {
        index0X64: h[0],
        index1X64: h[1],
        borrowIndex0X64: h[2],
        borrowIndex1X64: h[3],
        active: h[4] !== 0n,
        timestamp: h[5],
        borrowIndexNowX64: [h[6], h[7]],
        token0: toAddress(h[8]),
        token1: toAddress(h[9]),
      },
      parts.flatMap((p) => p.ticks),
    );
  }

  /** Frees the Wasm memory; later uses throw LedgerNotFoundError. Idempotent. */
  free(): void {
    if (this.#handle === 0) return;
    registry.unregister(this);
    call("PremiumLedger.free", () => core().exports.premiumLedgerDestroy(this.#handle));
    this.#handle = 0;
  }

  /**
   * Internal: the handle with the ledger's view accrued to `now` at the money market's borrow indexes then.
   * @throws LedgerNotFoundError (freed), NowBeforeSnapshotError, MulDivOverflowError, SafeCastOverflowError.
   */
  _at(now: bigint | number, borrowIndexX64: readonly [bigint, bigint], where: string): number {
    if (this.#handle === 0) throw new LedgerNotFoundError("LedgerNotFound: no premium ledger behind this handle (never created, or freed)", { details: where });
    const t = typeof now === "number" ? aBigint(BigInt(aInt(now, 0, Number.MAX_SAFE_INTEGER, "now", where)), 0n, MAX_UINT64, "now", where) : aBigint(now, 0n, MAX_UINT64, "now", where);
    const b0 = aBigint(borrowIndexX64[0], 0n, MAX_UINT256, "borrowIndexX64[0]", where);
    const b1 = aBigint(borrowIndexX64[1], 0n, MAX_UINT256, "borrowIndexX64[1]", where);
    if (t === this.#atNow && b0 === this.#atB0 && b1 === this.#atB1) return this.#handle;
    const c = core();
    c.io[PA_NOW] = t;
    w256(c.io, PA_BORROW0, b0);
    w256(c.io, PA_BORROW1, b1);
    call(where, () => c.exports.premiumLedgerAt(this.#handle));
    [this.#atNow, this.#atB0, this.#atB1] = [t, b0, b1];
    return this.#handle;
  }
}

function decodeLedger(w: bigint[], fn: string): { head: bigint[]; ticks: TickPremium[] } {
  // abi.encode(Output): [0x20][10 static fields][ticks offset (from the tuple)]...[length][7 words per tick]
  const base = 1;
  if (w.length < base + HEAD + 1 || w[0] !== 32n) throw new ChainReadError(`${fn}: unexpected reader output`, { details: `${w.length} words` });
  const at = base + Number(w[base + HEAD - 1]) / 32;
  const n = Number(w[at]);
  if (w.length < at + 1 + n * TICK_WORDS) throw new ChainReadError(`${fn}: short tick list`, { details: `${n} ticks, ${w.length} words` });
  const ticks: TickPremium[] = new Array(n);
  for (let i = 0, k = at + 1; i < n; i++, k += TICK_WORDS) {
    ticks[i] = {
      tick: Number(BigInt.asIntN(24, w[k])),
      lastIndex0X64: w[k + 1],
      lastIndex1X64: w[k + 2],
      makerGrowth0X128: w[k + 3],
      makerGrowth1X128: w[k + 4],
      takerGrowth0X128: w[k + 5],
      takerGrowth1X128: w[k + 6],
    };
  }
  return { head: w.slice(base, base + HEAD - 1), ticks };
}
