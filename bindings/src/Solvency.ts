/**
 * Solvency: nets portfolios' Records exactly as the Portfolio Manager does (twin of
 * contracts/libraries/Solvency.sol, computed in Wasm by assembly/libraries/Solvency.ts).
 *
 * The Records of all portfolios cross into Wasm once, as flat typed arrays: token addresses are
 * interned to table indexes here (once per token per call), amounts are written as u64 limbs.
 * While reading the Records this module raises what Solidity raises while netting them, in the
 * same order (per Record: UnknownToken / InvalidVarianceFactor for each token, then
 * SolvencyOverflow for an amount of 2^128 or more); Wasm raises the price and USD errors.
 *
 * Two valuations (docs/pm.md): a Record that depends on a pool's price has a spot and a reference
 * version. Given `options.referenceRecords`, the reference Records are netted in the same Wasm call
 * against the same token table and prices (each portfolio's spot Records, then its reference
 * Records, as the Portfolio Manager checks them), and the result reports both.
 * @module
 */
import { guard, check as checkCode } from "./call.js";
import {
  InvalidArgumentTypeError,
  InvalidVarianceFactorError,
  ItosError,
  ReferenceRecordsMismatchError,
  SolvencyOverflowError,
  UnknownTokenError,
  ValueOutOfRangeError,
} from "./errors.js";
import { getCore } from "./wasm.js";
import { PRICE_INVALID, PRICE_MISSING, PRICE_OK, PRICE_STALE, SCRATCH_WORDS, TOKEN_WORDS } from "./generated/layout.js";

/** What a producer reports for one position: per token, credit, debt and delta (token units). */
export interface SolvencyRecord {
  tokens: string[];
  credit: bigint[];
  debt: bigint[];
  delta: bigint[];
}

/** Registry entry of a token. `maxAge` (seconds) enables the staleness check when `options.now` is given. */
export interface SolvencyTokenInfo {
  varianceX64: bigint;
  tail: boolean;
  decimals: number;
  maxAge?: number;
}

/** A feed's answer and decimals (Chainlink `latestRoundData().answer`, `decimals()`); `updatedAt` optional. */
export interface SolvencyPrice {
  answer: bigint;
  decimals: number;
  updatedAt?: number | bigint;
}

export type SolvencyTokens = { [address: string]: SolvencyTokenInfo };
export type SolvencyPrices = { [address: string]: SolvencyPrice };

export interface SolvencyOptions {
  /** Fixed USD debt (18 decimals, < 2^128) added by each Record made only of tail tokens. */
  tailRecordUsdDebt: bigint;
  /** Current time (seconds); with a token's `maxAge` and a price's `updatedAt`, enables StalePrice. */
  now?: number | bigint;
  /**
   * The same portfolio's Records at reference prices (`pm.referenceRecords`; `readPortfolio` puts
   * them here): as many as `records`, each naming the same tokens in the same order. With them the
   * result also reports the reference valuation (`spot`, `reference`, `liquidatable`, `failedValuation`).
   */
  referenceRecords?: SolvencyRecord[];
}

/** `checkMany`'s options: as `check`'s, with the reference Records given per portfolio. */
export interface SolvencyManyOptions extends Omit<SolvencyOptions, "referenceRecords"> {
  /**
   * `referenceRecords[p]` is portfolio p's Records at reference prices (as `check`'s
   * `referenceRecords`); as many entries as portfolios. An `undefined` entry checks that portfolio
   * at spot only (its result is as without the option), e.g. one whose reference read failed.
   */
  referenceRecords?: (SolvencyRecord[] | undefined)[];
}

/** Which valuation: the pools' spot prices, or their reference prices. */
export type SolvencyValuationName = "spot" | "reference";

/** The verdict of one valuation: what `pm.breakdown` (spot) or `pm.referenceBreakdown` returns. */
export interface SolvencyValuation {
  /** `usdNet >= 0` and no failing tail. */
  solvent: boolean;
  /** Blue-chip USD total (18 decimals) minus the all-tail Records' fixed debt. */
  usdNet: bigint;
  /** Net virtual balance per token held (token units, signed), in order of first appearance. */
  nets: { [address: string]: bigint };
  /** Tail tokens whose net is negative, in order of first appearance. */
  failingTails: string[];
}

/**
 * A portfolio's verdict. `usdNet`, `nets` and `failingTails` are the spot valuation's. Without
 * reference Records `solvent` is the spot valuation's too and nothing else is set; with them see
 * `SolvencyTwoValuationResult`.
 */
export interface SolvencyResult extends SolvencyValuation {
  spot?: SolvencyValuation;
  reference?: SolvencyValuation;
  liquidatable?: boolean;
  failedValuation?: SolvencyValuationName;
}

/** The verdict with both valuations (`options.referenceRecords` given), as the Portfolio Manager rules. */
export interface SolvencyTwoValuationResult extends SolvencyResult {
  /** Solvent under both valuations: what a user action must leave (`pm.isSolvent`). */
  solvent: boolean;
  /** At spot prices (`pm.breakdown`); its usdNet, nets and failingTails are also the top-level ones. */
  spot: SolvencyValuation;
  /** At reference prices (`pm.referenceBreakdown`). */
  reference: SolvencyValuation;
  /** Insolvent under the reference valuation: anyone may liquidate (`pm.isLiquidatable`). */
  liquidatable: boolean;
  /** The first valuation that is insolvent, spot checked first (the `Insolvent` error's `valuation`). */
  failedValuation: SolvencyValuationName | undefined;
}

const Q64 = 1n << 64n;
const MAX_VARIANCE_X64 = 1n << 72n;
const LIMIT128 = 1n << 128n;
const MASK64 = (1n << 64n) - 1n;
const E18 = 10n ** 18n;
const MAX_DECIMALS = 36;

/**
 * Checks one portfolio: the per-token nets, the USD net and the failing tail tokens.
 *
 * With `options.referenceRecords` it checks both valuations in one Wasm call (the same token table
 * and prices) and returns a `SolvencyTwoValuationResult`: `spot` and `reference` verdicts, `solvent`
 * under both, `liquidatable` when the reference is insolvent, and `failedValuation`. A failure
 * (an error below) in either valuation throws, spot first, as `pm.isSolvent` reverts.
 * @param records the portfolio's Records (token = address string)
 * @param tokens the token table: variance factor (X64), class, decimals
 * @param prices feed answers of the blue-chips
 * @throws UnknownTokenError, InvalidVarianceFactorError, MissingPriceError, InvalidPriceError,
 *   StalePriceError, SolvencyOverflowError, MulDivOverflowError (as the Solidity library);
 *   InvalidArgumentTypeError / ValueOutOfRangeError for malformed input; ReferenceRecordsMismatchError
 *   when the reference Records do not pair with the spot ones.
 * @example
 * import { init, Solvency } from "itos-core";
 * await init();
 * const SOL = "0x000000000000000000000000000000000000005a";
 * Solvency.check(
 *   [{ tokens: [SOL], credit: [10_000_000_000n], debt: [0n], delta: [0n] }],   // 10 SOL (9 decimals)
 *   { [SOL]: { varianceX64: (104n << 64n) / 100n, tail: false, decimals: 9 } },  // v = 1.04
 *   { [SOL]: { answer: 100_00000000n, decimals: 8 } },                           // 100 USD
 *   { tailRecordUsdDebt: 0n },
 * ).usdNet; // 961538461500000000000n: 1000 USD / 1.04
 * @example
 * // Both valuations, from the chain (readPortfolio puts the reference Records in `options`):
 * const p = await readPortfolio(provider, pmAddress, owner, 0n);
 * const r = Solvency.check(p.records, p.tokens, p.prices, p.options);
 * r.spot?.usdNet;      // pm.breakdown(owner, 0).usdNet
 * r.reference?.usdNet; // pm.referenceBreakdown(owner, 0).usdNet
 * r.liquidatable;      // pm.isLiquidatable(owner, 0)
 */
export function check(
  records: SolvencyRecord[],
  tokens: SolvencyTokens,
  prices: SolvencyPrices,
  options: SolvencyOptions & { referenceRecords: SolvencyRecord[] },
): SolvencyTwoValuationResult;
export function check(records: SolvencyRecord[], tokens: SolvencyTokens, prices: SolvencyPrices, options: SolvencyOptions): SolvencyResult;
export function check(records: SolvencyRecord[], tokens: SolvencyTokens, prices: SolvencyPrices, options: SolvencyOptions): SolvencyResult {
  const fn = "Solvency.check";
  if (!Array.isArray(records)) throw new InvalidArgumentTypeError(`${fn}: records must be an array`);
  const refs = options?.referenceRecords;
  if (refs === undefined) return run([records], tokens, prices, options, fn)[0];
  if (!Array.isArray(refs)) throw new InvalidArgumentTypeError(`${fn}: referenceRecords must be an array of Records`);
  return runBoth([records], [refs], tokens, prices, options, fn)[0];
}

/**
 * `check` for many portfolios sharing one token table, price set and options, in one Wasm call.
 * With `options.referenceRecords` (one entry per portfolio) each portfolio is checked under both
 * valuations, still in one call.
 * @throws as `check`, for the first failing portfolio (a portfolio's spot valuation before its reference).
 */
export function checkMany(portfolios: SolvencyRecord[][], tokens: SolvencyTokens, prices: SolvencyPrices, options: SolvencyManyOptions): SolvencyResult[] {
  const fn = "Solvency.checkMany";
  const refs = options !== null && typeof options === "object" ? options.referenceRecords : undefined;
  if (refs === undefined) return run(portfolios, tokens, prices, options, fn);
  if (!Array.isArray(portfolios)) throw new InvalidArgumentTypeError(`${fn}: portfolios must be an array`);
  if (!Array.isArray(refs)) throw new InvalidArgumentTypeError(`${fn}: referenceRecords must be an array (one entry per portfolio)`);
  if (refs.length !== portfolios.length) {
    throw new ReferenceRecordsMismatchError(`${fn}: referenceRecords must have one entry per portfolio`, { details: `${portfolios.length} portfolios, ${refs.length} entries` });
  }
  return runBoth(portfolios, refs, tokens, prices, options, fn);
}

/**
 * Both valuations: the portfolios' spot and reference Records interleaved (p's spot, p's reference,
 * then p + 1) in one `run`, so one token table, one Wasm call, and the first failure is the PM's.
 */
function runBoth(
  portfolios: SolvencyRecord[][],
  refs: (SolvencyRecord[] | undefined)[],
  tokens: SolvencyTokens,
  prices: SolvencyPrices,
  options: SolvencyOptions | SolvencyManyOptions,
  fn: string,
): SolvencyResult[] {
  const P = portfolios.length;
  const list: SolvencyRecord[][] = [];
  const slot: number[] = []; // list entry -> 2p (spot) or 2p + 1 (reference), for messages
  for (let p = 0; p < P; p++) {
    list.push(portfolios[p]);
    slot.push(2 * p);
    const ref = refs[p];
    if (ref === undefined) continue;
    pairReference(portfolios[p], ref, p, fn);
    list.push(ref);
    slot.push(2 * p + 1);
  }
  const out = run(list, tokens, prices, options, fn, (i) => `portfolio ${slot[i] >> 1}${slot[i] & 1 ? " (reference)" : ""}`);
  const results: SolvencyResult[] = new Array(P);
  for (let p = 0, i = 0; p < P; p++) {
    const spot = out[i++];
    if (refs[p] === undefined) {
      results[p] = spot;
      continue;
    }
    const reference = out[i++];
    const both: SolvencyTwoValuationResult = {
      solvent: spot.solvent && reference.solvent,
      usdNet: spot.usdNet,
      nets: spot.nets,
      failingTails: spot.failingTails,
      spot,
      reference,
      liquidatable: !reference.solvent,
      failedValuation: !spot.solvent ? "spot" : !reference.solvent ? "reference" : undefined,
    };
    results[p] = both;
  }
  return results;
}

/** Checks that portfolio p's reference Records pair with its spot Records: same count, same tokens in order. */
function pairReference(spot: SolvencyRecord[], ref: SolvencyRecord[], p: number, fn: string): void {
  if (!Array.isArray(ref)) throw new InvalidArgumentTypeError(`${fn}: the reference Records of portfolio ${p} must be an array`);
  if (!Array.isArray(spot)) return; // run reports it
  const mismatch = (details: string) => new ReferenceRecordsMismatchError(`${fn}: reference Records must pair with the spot Records`, { details: `portfolio ${p}: ${details}` });
  if (ref.length !== spot.length) throw mismatch(`${spot.length} spot Records, ${ref.length} reference Records`);
  for (let r = 0; r < spot.length; r++) {
    const a = spot[r]?.tokens, b = ref[r]?.tokens;
    if (!Array.isArray(a) || !Array.isArray(b)) continue; // a malformed Record: run reports it
    if (a.length !== b.length) throw mismatch(`record ${r} names ${a.length} tokens at spot, ${b.length} at reference`);
    for (let j = 0; j < a.length; j++) {
      const x = a[j], y = b[j];
      if (x !== y && !(typeof x === "string" && typeof y === "string" && x.toLowerCase() === y.toLowerCase())) {
        throw mismatch(`record ${r}, entry ${j}: ${String(x)} at spot, ${String(y)} at reference`);
      }
    }
  }
}

/** One interned token: its table key and what the table row needs. */
interface Interned {
  key: string;
  tail: boolean;
}

const portfolioLabel = (p: number) => `portfolio ${p}`;

/**
 * Nets `portfolios` (each a list of Records) in one Wasm call. `where` names list entry p in
 * messages (runBoth's entries are valuations of portfolios).
 */
function run(
  portfolios: SolvencyRecord[][],
  tokens: SolvencyTokens,
  prices: SolvencyPrices,
  options: SolvencyOptions | SolvencyManyOptions,
  fn: string,
  where: (p: number) => string = portfolioLabel,
): SolvencyResult[] {
  if (!Array.isArray(portfolios)) throw new InvalidArgumentTypeError(`${fn}: portfolios must be an array`);
  if (tokens === null || typeof tokens !== "object") throw new InvalidArgumentTypeError(`${fn}: tokens must be an object`);
  if (prices === null || typeof prices !== "object") throw new InvalidArgumentTypeError(`${fn}: prices must be an object`);
  if (options === null || typeof options !== "object") throw new InvalidArgumentTypeError(`${fn}: options must be an object`);
  const tailDebt = options.tailRecordUsdDebt;
  if (typeof tailDebt !== "bigint") throw new InvalidArgumentTypeError(`${fn}: tailRecordUsdDebt must be a bigint`);
  if (tailDebt < 0n || tailDebt >= LIMIT128) throw new ValueOutOfRangeError(`${fn}: tailRecordUsdDebt out of range`, { details: `got ${tailDebt}, allowed [0, 2^128-1]` });
  const now = options.now === undefined ? undefined : toSeconds(options.now, "now", fn);

  // Pass 1: sizes (and the shape of every Record).
  const keyCount = Object.keys(tokens).length;
  const P = portfolios.length;
  let recordCount = 0, entryCount = 0, outWords = 0;
  for (let p = 0; p < P; p++) {
    const recs = portfolios[p];
    if (!Array.isArray(recs)) throw new InvalidArgumentTypeError(`${fn}: ${where(p)} must be an array of Records`);
    let entries = 0;
    for (let r = 0; r < recs.length; r++) {
      const rec = recs[r];
      const t = rec?.tokens;
      if (!Array.isArray(t) || !Array.isArray(rec.credit) || !Array.isArray(rec.debt) || !Array.isArray(rec.delta)) {
        throw new InvalidArgumentTypeError(`${fn}: record ${r} of ${where(p)} must have tokens, credit, debt and delta arrays`);
      }
      const m = t.length;
      if (rec.credit.length !== m || rec.debt.length !== m || rec.delta.length !== m) {
        throw new InvalidArgumentTypeError(`${fn}: record ${r} of ${where(p)} has arrays of different lengths`, {
          details: `tokens ${m}, credit ${rec.credit.length}, debt ${rec.debt.length}, delta ${rec.delta.length}`,
        });
      }
      entries += m;
    }
    recordCount += recs.length;
    entryCount += entries;
    outWords += 6 + 5 * Math.min(keyCount, entries);
  }

  // Arena layout (bytes, 16-aligned sections).
  const al = (n: number) => (n + 15) & ~15;
  const tableOff = 0;
  const scratchOff = al(tableOff + keyCount * TOKEN_WORDS * 8);
  const orderOff = al(scratchOff + keyCount * SCRATCH_WORDS * 8);
  const intsOff = al(orderOff + keyCount * 4);
  const amountsOff = al(intsOff + (P + recordCount + entryCount) * 4);
  const outOff = al(amountsOff + entryCount * 48);
  const total = al(outOff + outWords * 8);

  const core = getCore();
  const base = guard(fn, () => core.exports.solvencyReserve(total) as number);
  // Views over the whole arena, reused across calls while the memory and arena stay the same;
  // sections are addressed by word offsets (u64 index = byte offset / 8, u32 index = / 4).
  const [V64, V32] = arenaViews(core.memory.buffer, base, total);
  const table = V64; // the table starts at byte 0 of the arena
  const I = intsOff >> 2, AM = amountsOff >> 3;
  V32.fill(0, amountsOff >> 2, (amountsOff >> 2) + entryCount * 12);

  // Interning: record token string -> table index, filled at first use.
  const index = new Map<string, number>();
  const interned: Interned[] = [];
  let lower: Map<string, string> | undefined; // lower-case address -> table key, built on a miss
  const intern = (token: string): number => {
    let key: string | undefined = Object.prototype.hasOwnProperty.call(tokens, token) ? token : undefined;
    if (key === undefined && typeof token === "string") {
      if (!lower) {
        lower = new Map();
        for (const k of Object.keys(tokens)) lower.set(k.toLowerCase(), k);
      }
      key = lower.get(token.toLowerCase());
    }
    if (key === undefined) throw new UnknownTokenError("UnknownToken: a Record names a token missing from the token table", { details: `${fn}: ${String(token)}` });
    const known = index.get(key);
    if (known !== undefined) {
      index.set(token, known);
      return known;
    }
    const k = interned.length;
    const tail = writeTokenRow(table, k, key, tokens[key], findPrice(prices, key), now, fn);
    interned.push({ key, tail });
    index.set(key, k);
    index.set(token, k);
    return k;
  };

  // Pass 2: the Records, checked as Solidity checks them. A failure at portfolio p stops the
  // packing there; Wasm still runs the portfolios before it so the first failure wins.
  let ip = 0, ap = 0, packed = P;
  let deferred: unknown;
  outer: for (let p = 0; p < P; p++) {
    const recs = portfolios[p];
    V32[I + ip++] = recs.length;
    for (let r = 0; r < recs.length; r++) {
      const rec = recs[r];
      const t = rec.tokens, credit = rec.credit, debt = rec.debt, delta = rec.delta;
      const m = t.length;
      V32[I + ip++] = m;
      try {
        for (let j = 0; j < m; j++) {
          const tok = t[j];
          const k = index.get(tok);
          V32[I + ip + j] = k !== undefined ? k : intern(tok);
        }
        for (let j = 0; j < m; j++) {
          const c = credit[j], d = debt[j], e = delta[j];
          if (typeof c !== "bigint" || typeof d !== "bigint" || typeof e !== "bigint") {
            throw new InvalidArgumentTypeError(`${fn}: record amounts must be bigints`, { details: `${where(p)}, record ${r}, entry ${j}` });
          }
          // The region was zeroed: store only non-zero limbs. A BigUint64Array store keeps the low
          // 64 bits; the high limb (and the 2^128 bound) only matter above 2^64.
          if (c !== 0n) {
            if (c < 0n) throw negativeAmount(fn, where(p), r, j);
            V64[AM + ap] = c;
            if (c > MASK64) {
              if (c >= LIMIT128) throw amountOverflow(fn, where(p), r, j);
              V64[AM + ap + 1] = c >> 64n;
            }
          }
          if (d !== 0n) {
            if (d < 0n) throw negativeAmount(fn, where(p), r, j);
            V64[AM + ap + 2] = d;
            if (d > MASK64) {
              if (d >= LIMIT128) throw amountOverflow(fn, where(p), r, j);
              V64[AM + ap + 3] = d >> 64n;
            }
          }
          if (e !== 0n) {
            if (e < 0n) throw negativeAmount(fn, where(p), r, j);
            V64[AM + ap + 4] = e;
            if (e > MASK64) {
              if (e >= LIMIT128) throw amountOverflow(fn, where(p), r, j);
              V64[AM + ap + 5] = e >> 64n;
            }
          }
          ap += 6;
        }
      } catch (err) {
        if (!(err instanceof ItosError)) throw err;
        deferred = err;
        packed = p;
        break outer;
      }
      ip += m;
    }
  }

  const { io } = getCore(); // re-read: the reserve may have grown memory and detached the old view
  io[0] = tailDebt & MASK64;
  io[1] = tailDebt >> 64n;
  const code = guard(fn, () =>
    core.exports.solvencyCheckMany(packed, interned.length, base + tableOff, base + intsOff, base + amountsOff, base + scratchOff, base + orderOff, base + outOff) as number,
  );
  if (code !== 0) checkCode(code, `${fn}: ${where(Number(getCore().io[0]))}`);
  if (deferred !== undefined) throw deferred;

  // Results. Small words (flags, indexes, zero tests) are read through a u32 view: reading a
  // BigUint64Array element allocates a BigInt.
  const O = outOff >> 3, O2 = outOff >> 2;
  const results: SolvencyResult[] = new Array(P);
  let op = 0;
  for (let p = 0; p < P; p++) {
    const q = op * 2;
    const usdSolvent = V32[O2 + q] === 1;
    const usdNet = (V32[O2 + q + 3] | V32[O2 + q + 4] | V32[O2 + q + 5] | V32[O2 + q + 6] | V32[O2 + q + 7] | V32[O2 + q + 8] | V32[O2 + q + 9]) === 0
      ? V64[O + op + 1]
      : toInt256(V64[O + op + 1], V64[O + op + 2], V64[O + op + 3], V64[O + op + 4]);
    const used = V32[O2 + q + 10];
    op += 6;
    const nets: { [address: string]: bigint } = {};
    const failingTails: string[] = [];
    for (let i = 0; i < used; i++) {
      const w = op * 2;
      const tok = interned[V32[O2 + w]];
      const negative = V32[O2 + w + 2] === 1;
      let mag = V64[O + op + 2];
      if ((V32[O2 + w + 6] | V32[O2 + w + 7] | V32[O2 + w + 8] | V32[O2 + w + 9]) !== 0) mag = (V64[O + op + 4] << 128n) | (V64[O + op + 3] << 64n) | mag;
      nets[tok.key] = negative ? -mag : mag;
      if (negative && tok.tail) failingTails.push(tok.key);
      op += 5;
    }
    results[p] = { solvent: usdSolvent && failingTails.length === 0, usdNet, nets, failingTails };
  }
  return results;
}

function negativeAmount(fn: string, where: string, r: number, j: number): ItosError {
  return new ValueOutOfRangeError(`${fn}: record amounts must be >= 0`, { details: `${where}, record ${r}, entry ${j}` });
}

function amountOverflow(fn: string, where: string, r: number, j: number): ItosError {
  return new SolvencyOverflowError("SolvencyOverflow: a Record amount is 2^128 or more", { details: `${fn}: ${where}, record ${r}, entry ${j}` });
}

let viewBuffer: ArrayBufferLike | undefined;
let viewBase = -1;
let viewBytes = 0;
let view64: BigUint64Array | undefined;
let view32: Uint32Array | undefined;

/** u64 and u32 views of the arena, rebuilt only when the memory, the arena or its size changed. */
function arenaViews(buffer: ArrayBufferLike, base: number, bytes: number): [BigUint64Array, Uint32Array] {
  if (buffer !== viewBuffer || base !== viewBase || bytes > viewBytes || !view64 || !view32) {
    view64 = new BigUint64Array(buffer, base, bytes >> 3);
    view32 = new Uint32Array(buffer, base, bytes >> 2);
    [viewBuffer, viewBase, viewBytes] = [buffer, base, bytes];
  }
  return [view64, view32];
}

function toInt256(l0: bigint, l1: bigint, l2: bigint, l3: bigint): bigint {
  if (l3 === 0n && l2 === 0n && l1 === 0n) return l0;
  const u = (l3 << 192n) | (l2 << 128n) | (l1 << 64n) | l0;
  return l3 >> 63n ? u - (1n << 256n) : u;
}

function findPrice(prices: SolvencyPrices, key: string): SolvencyPrice | undefined {
  if (Object.prototype.hasOwnProperty.call(prices, key)) return prices[key];
  const low = key.toLowerCase();
  for (const k of Object.keys(prices)) if (k.toLowerCase() === low) return prices[k];
  return undefined;
}

function toSeconds(v: unknown, name: string, fn: string): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  throw new InvalidArgumentTypeError(`${fn}: ${name} must be an integer (seconds)`);
}

/**
 * Validates a token (InvalidVarianceFactor as Solidity; decimals as the registry bounds them) and
 * writes its table row: factor, class, price state, num = answer * 10^18, den = 10^(td + fd),
 * rcp = floor(2^192 / v).
 * Returns whether it is a tail token.
 */
/** A computed table row with the inputs it came from (compared by value before reuse). */
interface CachedRow {
  v: bigint;
  tail: boolean;
  td: number;
  maxAge: number | undefined;
  price: SolvencyPrice | undefined;
  answer: bigint | undefined;
  fd: number | undefined;
  updatedAt: number | bigint | undefined;
  now: bigint | undefined;
  words: BigUint64Array;
}

// Rows already computed for a token-info object: repeated calls with the same table skip the
// validation and the 10^(td + fd) / answer * 10^18 arithmetic. Entries are reused only when every
// input still has the value it had (so mutating the objects between calls is safe).
const rowCache = new WeakMap<object, CachedRow>();

function writeTokenRow(table: BigUint64Array, k: number, key: string, info: SolvencyTokenInfo, price: SolvencyPrice | undefined, now: bigint | undefined, fn: string): boolean {
  const hit = info !== null && typeof info === "object" ? rowCache.get(info) : undefined;
  if (
    hit !== undefined && hit.v === info.varianceX64 && hit.tail === info.tail && hit.td === info.decimals && hit.maxAge === info.maxAge &&
    hit.price === price && hit.answer === price?.answer && hit.fd === price?.decimals && hit.updatedAt === price?.updatedAt && hit.now === now
  ) {
    table.set(hit.words, k * TOKEN_WORDS);
    return hit.tail;
  }
  const tail = computeTokenRow(table, k, key, info, price, now, fn);
  rowCache.set(info, {
    v: info.varianceX64, tail, td: info.decimals, maxAge: info.maxAge, price, answer: price?.answer, fd: price?.decimals, updatedAt: price?.updatedAt, now,
    words: table.slice(k * TOKEN_WORDS, (k + 1) * TOKEN_WORDS),
  });
  return tail;
}

function computeTokenRow(table: BigUint64Array, k: number, key: string, info: SolvencyTokenInfo, price: SolvencyPrice | undefined, now: bigint | undefined, fn: string): boolean {
  if (info === null || typeof info !== "object") throw new InvalidArgumentTypeError(`${fn}: tokens[${key}] must be an object`);
  const v = info.varianceX64;
  if (typeof v !== "bigint") throw new InvalidArgumentTypeError(`${fn}: tokens[${key}].varianceX64 must be a bigint`);
  if (v <= Q64 || v > MAX_VARIANCE_X64) {
    throw new InvalidVarianceFactorError("InvalidVarianceFactor: varianceX64 must be in (2^64, 2^72]", { details: `${fn}: ${key} has varianceX64 ${v}` });
  }
  if (typeof info.tail !== "boolean") throw new InvalidArgumentTypeError(`${fn}: tokens[${key}].tail must be a boolean`);
  const td = info.decimals;
  if (typeof td !== "number" || !Number.isInteger(td)) throw new InvalidArgumentTypeError(`${fn}: tokens[${key}].decimals must be an integer`);
  if (td < 0 || td > MAX_DECIMALS) throw new ValueOutOfRangeError(`${fn}: tokens[${key}].decimals out of range`, { details: `got ${td}, allowed [0, ${MAX_DECIMALS}]` });

  let state = PRICE_OK;
  let num = 0n, den = 1n;
  if (!info.tail) {
    if (price === undefined) {
      state = PRICE_MISSING;
    } else {
      if (price === null || typeof price !== "object" || typeof price.answer !== "bigint") {
        throw new InvalidArgumentTypeError(`${fn}: prices[${key}].answer must be a bigint`);
      }
      const fd = price.decimals;
      if (typeof fd !== "number" || !Number.isInteger(fd) || fd < 0) throw new InvalidArgumentTypeError(`${fn}: prices[${key}].decimals must be a non-negative integer`);
      const a = price.answer;
      if (a <= 0n || a >= LIMIT128 || fd > MAX_DECIMALS) {
        state = PRICE_INVALID;
      } else {
        if (now !== undefined && info.maxAge !== undefined && price.updatedAt !== undefined) {
          const at = toSeconds(price.updatedAt, `prices[${key}].updatedAt`, fn);
          if (at > now || now - at > BigInt(info.maxAge)) state = PRICE_STALE;
        }
        num = a * E18;
        den = 10n ** BigInt(td + fd);
      }
    }
  }
  const w = k * TOKEN_WORDS;
  table[w] = v & MASK64;
  table[w + 1] = v >> 64n;
  table[w + 2] = (info.tail ? 1n : 0n) | (state << 8n);
  for (let i = 0; i < 4; i++) {
    table[w + 3 + i] = (num >> BigInt(64 * i)) & MASK64;
    table[w + 7 + i] = (den >> BigInt(64 * i)) & MASK64;
  }
  // Reciprocal of the factor, for the Wasm division (see virtualCredit in assembly/libraries/Solvency.ts).
  const rcp = (1n << 192n) / v;
  table[w + 11] = rcp & MASK64;
  table[w + 12] = rcp >> 64n;
  table[w + 13] = 0n;
  return info.tail;
}
