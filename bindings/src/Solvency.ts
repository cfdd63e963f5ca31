/**
 * Solvency: nets portfolios' Records exactly as the Portfolio Manager does (twin of
 * contracts/libraries/Solvency.sol, computed in Wasm by assembly/libraries/Solvency.ts).
 *
 * This module only checks the JS shape of the arguments (bigints, booleans, integers, array
 * lengths, the bounds of the option values) and packs them: the Records of all portfolios cross
 * into Wasm once, as flat typed arrays (token addresses interned to table indexes, once per token
 * per call; amounts as uint256 limbs; each token's factor, class, decimals and price as given).
 * Wasm does the validation the library does, the netting, the tail decisions and the verdict, and
 * every error it raises comes back as a code with where it happened. A JS-level error in a
 * portfolio's Records stops the packing there, and Wasm still checks what comes before it, so the
 * first failure in the library's order is the one thrown.
 *
 * Two valuations (docs/pm.md): a Record that depends on a pool's price has a spot and a reference
 * version. Given `options.referenceRecords`, the reference Records are netted in the same Wasm call
 * against the same token table and prices (each portfolio's spot Records, then its reference
 * Records, as the Portfolio Manager checks them), and the result reports both.
 * @module
 */
import { guard, check as checkCode } from "./call.js";
import { InvalidArgumentTypeError, ItosError, ReferenceRecordsMismatchError, ValueOutOfRangeError } from "./errors.js";
import { getCore } from "./wasm.js";
import {
  IO_CUT,
  IO_FAILED_ENTRY,
  IO_FAILED_PORTFOLIO,
  IO_FAILED_RECORD,
  IO_FAILED_TOKEN,
  IO_NOW,
  IO_TAIL_DEBT,
  NOT_AT,
  PRICE_DATED,
  PRICE_GIVEN,
  R_FAILING,
  R_SOLVENT,
  R_TOKENS,
  R_USD_NET,
  RESULT_HEAD_WORDS,
  RESULT_TOKEN_WORDS,
  SCRATCH_WORDS,
  T_ANSWER,
  T_DECIMALS,
  T_FEED_DECIMALS,
  T_MAX_AGE,
  T_PRICE,
  T_TAIL,
  T_UPDATED_AT,
  T_VARIANCE,
  TOKEN_WORDS,
  UNKNOWN_TOKEN_ID,
} from "./generated/layout.js";

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


const MASK64 = (1n << 64n) - 1n;
const MAX_UINT128 = (1n << 128n) - 1n;
const MAX_UINT256 = (1n << 256n) - 1n;
const MAX_INT256 = (1n << 255n) - 1n;
const MIN_INT256 = -(1n << 255n);
/** Token decimals the registry allows (Solvency.sol's MAX_DECIMALS). */
const MAX_DECIMALS = 36;
/** A factor Wasm accepts, packed for a token whose varianceX64 is not a bigint (the type error is thrown after Wasm ran). */
const ANY_VALID_FACTOR = (1n << 64n) + 1n;

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
 * Wasm gives each valuation's verdict; `solvent` / `liquidatable` / `failedValuation` are the PM's
 * rule on the two (isSolvent: both solvent; isLiquidatable: the reference insolvent).
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

const portfolioLabel = (p: number) => `portfolio ${p}`;

/** A JS-level error met while packing, and where: the packing stops there (see `run`). */
class Stop {
  constructor(readonly error: ItosError) {}
}

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
  if (tailDebt < 0n || tailDebt > MAX_UINT128) throw new ValueOutOfRangeError(`${fn}: tailRecordUsdDebt out of range`, { details: `got ${tailDebt}, allowed [0, 2^128-1]` });
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
    // The Breakdown: head, one entry per token (at most the table's), at most as many failing tails.
    outWords += RESULT_HEAD_WORDS + (RESULT_TOKEN_WORDS + 1) * Math.min(keyCount, entries);
  }

  // Arena layout (bytes, 16-aligned sections).
  const al = (n: number) => (n + 15) & ~15;
  const tableOff = 0;
  const scratchOff = al(tableOff + keyCount * TOKEN_WORDS * 8);
  const orderOff = al(scratchOff + keyCount * SCRATCH_WORDS * 8);
  const intsOff = al(orderOff + keyCount * 4);
  const amountsOff = al(intsOff + (P + recordCount + entryCount) * 4);
  const outOff = al(amountsOff + entryCount * 96);
  const total = al(outOff + outWords * 8);

  const core = getCore();
  const base = guard(fn, () => core.exports.solvencyReserve(total) as number);
  // Views over the whole arena, reused across calls while the memory and arena stay the same;
  // sections are addressed by word offsets (u64 index = byte offset / 8, u32 index = / 4).
  const [V64, V32, I64] = arenaViews(core.memory.buffer, base, total);
  const table = V64; // the table starts at byte 0 of the arena
  const I = intsOff >> 2, AM = amountsOff >> 3;
  V32.fill(0, amountsOff >> 2, (amountsOff >> 2) + entryCount * 24);

  // Interning: record token string -> table index, filled at first use; a token missing from the
  // table gets UNKNOWN_TOKEN_ID (Wasm raises UnknownToken where the library would).
  const index = new Map<string, number>();
  const keys: string[] = [];
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
    if (key === undefined) return UNKNOWN_TOKEN_ID;
    const known = index.get(key);
    if (known !== undefined) {
      index.set(token, known);
      return known;
    }
    const k = keys.length;
    keys.push(key);
    index.set(key, k);
    index.set(token, k);
    // A JS-level error in the row is thrown after Wasm checked the Records before this entry and
    // this token's factor (the order Solidity, then the registry's types, would report them in).
    const bad = writeTokenRow(table, k, key, tokens[key], findPrice(prices, key), now, fn);
    if (bad !== undefined) throw new Stop(bad);
    return k;
  };

  // Pass 2: the Records. A JS-level error at entry j of record r of portfolio p stops the packing:
  // portfolio p is cut after record r (record r after token j when the token row was at fault),
  // so Wasm checks everything before, and its first failure, if any, wins.
  let ip = 0, ap = 0, packed = P;
  let deferred: ItosError | undefined;
  outer: for (let p = 0; p < P; p++) {
    const recs = portfolios[p];
    const countAt = I + ip++;
    V32[countAt] = recs.length;
    for (let r = 0; r < recs.length; r++) {
      const rec = recs[r];
      const t = rec.tokens, credit = rec.credit, debt = rec.debt, delta = rec.delta;
      const m = t.length;
      const mAt = I + ip++;
      V32[mAt] = m;
      let j = 0;
      try {
        for (; j < m; j++) {
          const tok = t[j];
          const k = index.get(tok);
          V32[I + ip + j] = k !== undefined ? k : intern(tok);
        }
        for (j = 0; j < m; j++) {
          const c = credit[j], d = debt[j], e = delta[j];
          // The region was zeroed: store only non-zero amounts.
          if ((c !== 0n && !putAmount(V64, AM + ap, c)) || (d !== 0n && !putAmount(V64, AM + ap + 4, d)) || (e !== 0n && !putAmount(V64, AM + ap + 8, e))) {
            throw badAmount(fn, where(p), r, j, c, d, e);
          }
          ap += 12;
        }
      } catch (err) {
        if (err instanceof Stop) {
          V32[I + ip + j] = keys.length - 1; // the token whose row was at fault, last interned
          V32[mAt] = j + 1;
          deferred = err.error;
        } else if (err instanceof ItosError) {
          deferred = err;
        } else {
          throw err;
        }
        V32[countAt] = r + 1;
        packed = p + 1;
        break outer;
      }
      ip += m;
    }
  }

  const { io } = getCore(); // re-read: the reserve may have grown memory and detached the old view
  io[IO_TAIL_DEBT] = tailDebt & MASK64;
  io[IO_TAIL_DEBT + 1] = tailDebt >> 64n;
  io[IO_NOW] = now ?? 0n;
  io[IO_CUT] = deferred !== undefined ? 1n : 0n;
  const code = guard(fn, () =>
    core.exports.solvencyCheckMany(packed, keys.length, base + tableOff, base + intsOff, base + amountsOff, base + scratchOff, base + orderOff, base + outOff) as number,
  );
  if (code !== 0) checkCode(code, failure(getCore().io, portfolios, tokens, keys, fn, where));
  if (deferred !== undefined) throw deferred;

  // Results: each portfolio's Breakdown. Small words (flags, counts, indexes) are read through
  // the u32 view: reading a BigUint64Array element allocates a BigInt.
  const O = outOff >> 3;
  const results: SolvencyResult[] = new Array(P);
  let op = O;
  for (let p = 0; p < P; p++) {
    const solvent = V32[2 * (op + R_SOLVENT)] === 1;
    const usdNet = int256At(V64, V32, I64, op + R_USD_NET);
    const n = V32[2 * (op + R_TOKENS)], f = V32[2 * (op + R_FAILING)];
    op += RESULT_HEAD_WORDS;
    const nets: { [address: string]: bigint } = {};
    for (let i = 0; i < n; i++) {
      nets[keys[V32[2 * op]]] = int256At(V64, V32, I64, op + 1);
      op += RESULT_TOKEN_WORDS;
    }
    const failingTails: string[] = new Array(f);
    for (let i = 0; i < f; i++) failingTails[i] = keys[V32[2 * op++]];
    results[p] = { solvent, usdNet, nets, failingTails };
  }
  return results;
}

/**
 * Stores a Record amount (a uint256 on chain) as four limbs; Wasm checks it against 2^128.
 * Returns false, storing nothing, for a value that is not a bigint or is negative.
 */
function putAmount(V64: BigUint64Array, at: number, x: unknown): boolean {
  if (typeof x !== "bigint" || x < 0n) return false;
  // A BigUint64Array store keeps the low 64 bits.
  V64[at] = x;
  if (x > MASK64) {
    V64[at + 1] = x >> 64n;
    if (x > MAX_UINT128) {
      // Above uint256 the amount is stored as 2^256 - 1: as far past the 2^128 bound for Wasm.
      const y = x > MAX_UINT256 ? MAX_UINT256 : x;
      V64[at] = y;
      V64[at + 1] = y >> 64n;
      V64[at + 2] = y >> 128n;
      V64[at + 3] = y >> 192n;
    }
  }
  return true;
}

/** The error of the first amount of an entry that putAmount refused (credit, debt, delta in order). */
function badAmount(fn: string, where: string, r: number, j: number, ...xs: unknown[]): ItosError {
  const details = `${where}, record ${r}, entry ${j}`;
  for (const x of xs) {
    if (typeof x !== "bigint") return new InvalidArgumentTypeError(`${fn}: record amounts must be bigints`, { details });
    if (x < 0n) return new ValueOutOfRangeError(`${fn}: record amounts must be >= 0`, { details });
  }
  return new InvalidArgumentTypeError(`${fn}: record amounts must be bigints`, { details }); // not reached: one was refused
}

/** The details of a Wasm failure: the portfolio, and the Record entry or the token the code is about. */
function failure(io: BigUint64Array, portfolios: SolvencyRecord[][], tokens: SolvencyTokens, keys: string[], fn: string, where: (p: number) => string): string {
  const p = Number(io[IO_FAILED_PORTFOLIO]);
  const r = io[IO_FAILED_RECORD], j = io[IO_FAILED_ENTRY], k = io[IO_FAILED_TOKEN];
  let s = `${fn}: ${where(p)}`;
  if (r !== NOT_AT) s += `, record ${r}, entry ${j} (token ${String(portfolios[p]?.[Number(r)]?.tokens?.[Number(j)])})`;
  if (k !== NOT_AT) {
    const key = keys[Number(k)];
    // a token's fault: at a Record its factor (InvalidVarianceFactor), else its price or USD value
    s += r !== NOT_AT ? `: varianceX64 ${String(tokens[key]?.varianceX64)}` : `, token ${key}`;
  }
  return s;
}

let viewBuffer: ArrayBufferLike | undefined;
let viewBase = -1;
let viewBytes = 0;
let view64: BigUint64Array | undefined;
let view32: Uint32Array | undefined;
let viewI64: BigInt64Array | undefined;

/** u64, u32 and i64 views of the arena, rebuilt only when the memory, the arena or its size changed. */
function arenaViews(buffer: ArrayBufferLike, base: number, bytes: number): [BigUint64Array, Uint32Array, BigInt64Array] {
  if (buffer !== viewBuffer || base !== viewBase || bytes > viewBytes || !view64 || !view32 || !viewI64) {
    view64 = new BigUint64Array(buffer, base, bytes >> 3);
    view32 = new Uint32Array(buffer, base, bytes >> 2);
    viewI64 = new BigInt64Array(buffer, base, bytes >> 3);
    [viewBuffer, viewBase, viewBytes] = [buffer, base, bytes];
  }
  return [view64, view32, viewI64];
}

/** The int256 at u64 word i (four limbs, two's complement), with one BigInt read when it fits 64 bits. */
function int256At(V64: BigUint64Array, V32: Uint32Array, I64: BigInt64Array, i: number): bigint {
  const w = 2 * i;
  const h2 = V32[w + 4] | V32[w + 5] | V32[w + 6] | V32[w + 7];
  const o2 = V32[w + 4] & V32[w + 5] & V32[w + 6] & V32[w + 7]; // -1 when all ones
  if (h2 === 0) {
    if ((V32[w + 2] | V32[w + 3]) === 0) return V64[i]; // [0, 2^64)
    return (V64[i + 1] << 64n) | V64[i]; // [2^64, 2^128)
  }
  if (o2 === -1) {
    if ((V32[w + 2] & V32[w + 3]) === -1 && V32[w + 1] >= 0x80000000) return I64[i]; // [-2^63, 0)
    if (V32[w + 3] >= 0x80000000) return (I64[i + 1] << 64n) | V64[i]; // [-2^127, -2^63)
  }
  return BigInt.asIntN(256, (V64[i + 3] << 192n) | (V64[i + 2] << 128n) | (V64[i + 1] << 64n) | V64[i]);
}

function findPrice(prices: SolvencyPrices, key: string): SolvencyPrice | undefined {
  if (Object.prototype.hasOwnProperty.call(prices, key)) return prices[key];
  const low = key.toLowerCase();
  for (const k of Object.keys(prices)) if (k.toLowerCase() === low) return prices[k];
  return undefined;
}

function toSeconds(v: unknown, name: string, fn: string): bigint {
  let s: bigint;
  if (typeof v === "bigint") s = v;
  else if (typeof v === "number" && Number.isInteger(v)) s = BigInt(v);
  else throw new InvalidArgumentTypeError(`${fn}: ${name} must be an integer (seconds)`);
  if (s < 0n || s > MASK64) throw new ValueOutOfRangeError(`${fn}: ${name} out of range`, { details: `got ${s}, allowed [0, 2^64-1]` });
  return s;
}

/** A packed table row with the inputs it came from (compared by value before reuse). */
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

// Rows already packed for a token-info object: repeated calls with the same table skip the type
// checks and the limb splitting. Entries are reused only when every input still has the value it
// had (so mutating the objects between calls is safe).
const rowCache = new WeakMap<object, CachedRow>();

/**
 * Writes token k's row: the token's TokenConfig and Price as given, and the staleness inputs.
 * Returns the JS-level error of the row, if any (the row is then still written, so Wasm can check
 * the token's factor first).
 */
function writeTokenRow(table: BigUint64Array, k: number, key: string, info: SolvencyTokenInfo, price: SolvencyPrice | undefined, now: bigint | undefined, fn: string): ItosError | undefined {
  const hit = info !== null && typeof info === "object" ? rowCache.get(info) : undefined;
  if (
    hit !== undefined && hit.v === info.varianceX64 && hit.tail === info.tail && hit.td === info.decimals && hit.maxAge === info.maxAge &&
    hit.price === price && hit.answer === price?.answer && hit.fd === price?.decimals && hit.updatedAt === price?.updatedAt && hit.now === now
  ) {
    table.set(hit.words, k * TOKEN_WORDS);
    return undefined;
  }
  const w = k * TOKEN_WORDS;
  table.fill(0n, w, w + TOKEN_WORDS);
  if (info === null || typeof info !== "object") {
    putUint256(table, w + T_VARIANCE, ANY_VALID_FACTOR);
    return new InvalidArgumentTypeError(`${fn}: tokens[${key}] must be an object`);
  }
  const v = info.varianceX64;
  if (typeof v !== "bigint") {
    putUint256(table, w + T_VARIANCE, ANY_VALID_FACTOR);
    return new InvalidArgumentTypeError(`${fn}: tokens[${key}].varianceX64 must be a bigint`);
  }
  // uint256 on chain: a negative value is stored as 0 and one above 2^256 - 1 as 2^256 - 1, each
  // as far out of (2^64, 2^72] for Wasm's InvalidVarianceFactor as the value itself.
  putUint256(table, w + T_VARIANCE, v < 0n ? 0n : v > MAX_UINT256 ? MAX_UINT256 : v);
  if (typeof info.tail !== "boolean") return new InvalidArgumentTypeError(`${fn}: tokens[${key}].tail must be a boolean`);
  const td = info.decimals;
  if (typeof td !== "number" || !Number.isInteger(td)) return new InvalidArgumentTypeError(`${fn}: tokens[${key}].decimals must be an integer`);
  if (td < 0 || td > MAX_DECIMALS) return new ValueOutOfRangeError(`${fn}: tokens[${key}].decimals out of range`, { details: `got ${td}, allowed [0, ${MAX_DECIMALS}]` });
  table[w + T_TAIL] = info.tail ? 1n : 0n;
  table[w + T_DECIMALS] = BigInt(td);
  // A tail token's price is never read (Solvency.sol values blue-chips only).
  if (!info.tail && price !== undefined) {
    if (price === null || typeof price !== "object" || typeof price.answer !== "bigint") {
      return new InvalidArgumentTypeError(`${fn}: prices[${key}].answer must be a bigint`);
    }
    const fd = price.decimals;
    if (typeof fd !== "number" || !Number.isInteger(fd) || fd < 0) return new InvalidArgumentTypeError(`${fn}: prices[${key}].decimals must be a non-negative integer`);
    let flags = PRICE_GIVEN;
    if (now !== undefined && info.maxAge !== undefined && price.updatedAt !== undefined) {
      let at: bigint, maxAge: bigint;
      try {
        at = toSeconds(price.updatedAt, `prices[${key}].updatedAt`, fn);
        maxAge = toSeconds(info.maxAge, `tokens[${key}].maxAge`, fn);
      } catch (e) {
        return e as ItosError;
      }
      flags |= PRICE_DATED;
      table[w + T_UPDATED_AT] = at;
      table[w + T_MAX_AGE] = maxAge;
    }
    table[w + T_PRICE] = flags;
    // int256 on chain: a value outside is stored as the nearest int256, as far out of (0, 2^128).
    const a = price.answer;
    putUint256(table, w + T_ANSWER, BigInt.asUintN(256, a < MIN_INT256 ? MIN_INT256 : a > MAX_INT256 ? MAX_INT256 : a));
    // uint8 on chain: a larger count is stored as 255, as far above MAX_DECIMALS.
    table[w + T_FEED_DECIMALS] = BigInt(Math.min(fd, 255));
  }
  rowCache.set(info, {
    v, tail: info.tail, td, maxAge: info.maxAge, price, answer: price?.answer, fd: price?.decimals, updatedAt: price?.updatedAt, now,
    words: table.slice(w, w + TOKEN_WORDS),
  });
  return undefined;
}

/** Four limbs of a uint256 x at word w. */
function putUint256(table: BigUint64Array, w: number, x: bigint): void {
  table[w] = x;
  table[w + 1] = x >> 64n;
  table[w + 2] = x >> 128n;
  table[w + 3] = x >> 192n;
}
