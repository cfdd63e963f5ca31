/**
 * Solvency: the Portfolio Manager's netting of Records, exactly as SPEC section 4
 * ("The arithmetic, exactly") states it.
 *
 * - `v_R` = the largest `varianceX64` among a Record's tokens.
 * - per token of the Record: `vc = floor(credit·2^64 / v_R)`, `vd = ceil((debt + delta)·v_R / 2^64)`.
 * - `net_t` = sum over the Records of `vc − vd`; a tail token fails when `net_t < 0`.
 * - a blue-chip's USD value (18 decimals) from its feed answer `a`:
 *   `net >= 0 ? floor(net·a·10^18 / 10^(td+fd)) : −ceil(−net·a·10^18 / 10^(td+fd))`.
 * - `usdNet` = sum of blue-chip USD values − `tailRecordUsdDebt` × (number of all-tail Records).
 * - solvent when `usdNet >= 0` and no tail token fails.
 *
 * Bounds (those of the Solidity twin, `contracts/libraries/Solvency.sol`): factors in (1, 256]
 * (`varianceX64` in (2^64, 2^72]), Record amounts below 2^128, feed answers in (0, 2^128) with at
 * most 36 decimals, token decimals at most 36, every USD sum within int256.
 *
 * Checks run in a fixed order, so every implementation reports the same first failure: the
 * Records in order; in each, its tokens in order (UnknownTokenError, then
 * InvalidVarianceFactorError), then its amounts in order (SolvencyOverflowError); then the held
 * blue-chips in order of first appearance, whatever their net (MissingPriceError when there is no
 * price, InvalidPriceError for a bad one, StalePriceError for an old one when `options.now` is given,
 * SolvencyOverflowError for a USD sum outside int256);
 * last the all-tail Records' fixed debt (SolvencyOverflowError).
 *
 * Two valuations: with `options.referenceRecords` (the same portfolio's Records at reference prices,
 * pairing with the spot Records token for token) both are checked, spot first, and the result adds
 * `spot`, `reference`, `liquidatable` (reference insolvent) and `failedValuation`; `solvent` is then
 * solvent under both, and the top-level `usdNet`, `nets` and `failingTails` stay the spot ones.
 * @module
 */
import { MAX_INT256, MAX_UINT256, MIN_INT256, Q64 } from "./constants.js";
import { inRange, intInRange } from "./_check.js";
import {
  InvalidArgumentTypeError,
  InvalidPriceError,
  InvalidVarianceFactorError,
  MissingPriceError,
  MulDivOverflowError,
  ReferenceRecordsMismatchError,
  SolvencyOverflowError,
  StalePriceError,
  UnknownTokenError,
} from "./errors.js";

// The input and output shapes are the public binding's (bindings/src/Solvency.ts), so the model and
// the Wasm core are called with the same values; only the names below are the model's own.
import type {
  SolvencyManyOptions,
  SolvencyOptions,
  SolvencyPrice,
  SolvencyPrices,
  SolvencyRecord,
  SolvencyResult,
  SolvencyTokenInfo,
  SolvencyTokens,
  SolvencyTwoValuationResult,
  SolvencyValuation,
} from "../src/Solvency.js";
export type { SolvencyManyOptions, SolvencyOptions, SolvencyRecord, SolvencyResult, SolvencyTwoValuationResult, SolvencyValuation };
/** Registry entry of a token: variance factor (X64, > 2^64), class, decimals, optional staleness limit. */
export type TokenInfo = SolvencyTokenInfo;
/** A price feed's answer and its decimals, and optionally when it was updated. */
export type PriceInfo = SolvencyPrice;
export type TokenRegistry = SolvencyTokens;
export type Prices = SolvencyPrices;

const USD_ONE = 10n ** 18n;
/** Largest variance factor: 256.0 in X64. */
export const MAX_VARIANCE_X64 = 1n << 72n;
/** Record amounts and feed answers stay below 2^128. */
export const AMOUNT_LIMIT = 1n << 128n;
/** Most decimals a token or a feed may have. */
export const MAX_DECIMALS = 36;

/**
 * Checks one portfolio.
 * @throws UnknownTokenError, InvalidVarianceFactorError, SolvencyOverflowError, MissingPriceError, InvalidPriceError,
 *   StalePriceError, MulDivOverflowError (in the order of the module comment); InvalidArgumentTypeError / ValueOutOfRangeError for
 *   malformed input.
 * @example
 * // 10 SOL (9 decimals) at 100 USD (8-decimal feed) with v = 1.04: 10^10 / 1.04 -> 9615384615 virtual units,
 * // worth 961.5384615 USD.
 * const SOL = "0x...";
 * check([{ tokens: [SOL], credit: [10n ** 10n], debt: [0n], delta: [0n] }],
 *       { [SOL]: { varianceX64: 19184613836657933680n, tail: false, decimals: 9 } },
 *       { [SOL]: { answer: 100_00000000n, decimals: 8 } }, { tailRecordUsdDebt: 0n });
 * // -> { solvent: true, usdNet: 961538461500000000000n, nets: { [SOL]: 9615384615n }, failingTails: [] }
 */
export function check(records: SolvencyRecord[], tokens: TokenRegistry, prices: Prices, options: SolvencyOptions & { referenceRecords: SolvencyRecord[] }): SolvencyTwoValuationResult;
export function check(records: SolvencyRecord[], tokens: TokenRegistry, prices: Prices, options: SolvencyOptions): SolvencyResult;
export function check(records: SolvencyRecord[], tokens: TokenRegistry, prices: Prices, options: SolvencyOptions): SolvencyResult {
  const refs = options.referenceRecords;
  if (refs === undefined) return checkOne(records, tokens, prices, options);
  pair(records, refs);
  // Spot first: its failure is the one reported, as the Portfolio Manager's isSolvent reverts.
  const spot = checkOne(records, tokens, prices, options);
  const reference = checkOne(refs, tokens, prices, options);
  const failedValuation = !spot.solvent ? ("spot" as const) : !reference.solvent ? ("reference" as const) : undefined;
  return { ...spot, solvent: spot.solvent && reference.solvent, spot, reference, liquidatable: !reference.solvent, failedValuation };
}

/** Reference Records pair with spot ones: as many, each naming the same tokens in the same order (case-insensitive). */
function pair(spot: SolvencyRecord[], ref: SolvencyRecord[]): void {
  const fail = (details: string) => new ReferenceRecordsMismatchError("Solvency.check: reference Records must pair with the spot Records", { details });
  if (!Array.isArray(ref)) throw new InvalidArgumentTypeError("Solvency.check: referenceRecords must be an array of Records");
  if (ref.length !== spot.length) throw fail(`${spot.length} spot Records, ${ref.length} reference Records`);
  spot.forEach((s, r) => {
    const a = s.tokens, b = ref[r].tokens;
    if (a.length !== b.length) throw fail(`record ${r} names ${a.length} tokens at spot, ${b.length} at reference`);
    a.forEach((t, j) => {
      if (t.toLowerCase() !== b[j].toLowerCase()) throw fail(`record ${r}, entry ${j}: ${t} at spot, ${b[j]} at reference`);
    });
  });
}

/** One valuation: the arithmetic of the module comment. */
function checkOne(records: SolvencyRecord[], tokens: TokenRegistry, prices: Prices, options: SolvencyOptions): SolvencyValuation {
  const fn = "Solvency.check";
  const tailRecordUsdDebt = inRange(options.tailRecordUsdDebt, 0n, AMOUNT_LIMIT - 1n, "tailRecordUsdDebt", fn);
  const now = options.now === undefined ? undefined : BigInt(options.now);
  // A Map keeps first-appearance order for any key (object keys that look like integers would not).
  const nets = new Map<string, bigint>();
  let allTailRecords = 0n;

  for (const [r, record] of records.entries()) {
    const n = record.tokens.length;
    if (record.credit.length !== n || record.debt.length !== n || record.delta.length !== n) {
      throw new InvalidArgumentTypeError(`${fn}: record ${r} has arrays of different lengths`, {
        details: `tokens ${n}, credit ${record.credit.length}, debt ${record.debt.length}, delta ${record.delta.length}`,
      });
    }
    // The Record's factor: the largest among its tokens.
    let v = 0n;
    let allTail = n > 0;
    for (const token of record.tokens) {
      const info = tokenInfo(tokens, token);
      if (info.varianceX64 > v) v = info.varianceX64;
      if (!info.tail) allTail = false;
    }
    if (allTail) allTailRecords++;
    for (let i = 0; i < n; i++) {
      const credit = amount(record.credit[i], `records[${r}].credit[${i}]`);
      const debt = amount(record.debt[i], `records[${r}].debt[${i}]`);
      const delta = amount(record.delta[i], `records[${r}].delta[${i}]`);
      const virtualCredit = (credit * Q64) / v; // credit: round down
      const virtualDebt = ceilDiv((debt + delta) * v, Q64); // debt: round up
      const token = record.tokens[i];
      nets.set(token, (nets.get(token) ?? 0n) + virtualCredit - virtualDebt);
    }
  }

  let usdNet = 0n;
  const failingTails: string[] = [];
  for (const [token, net] of nets) {
    const info = tokens[token];
    if (info.tail) {
      if (net < 0n) failingTails.push(token);
      continue;
    }
    const price = Object.prototype.hasOwnProperty.call(prices, token) ? prices[token] : undefined;
    if (!price) throw new MissingPriceError("MissingPrice: no price for a blue-chip token", { details: `${fn}: ${token}` });
    if (typeof price.answer !== "bigint" || price.answer <= 0n || price.answer >= AMOUNT_LIMIT || !(price.decimals >= 0 && price.decimals <= MAX_DECIMALS)) {
      throw new InvalidPriceError("InvalidPrice: feed answer not in (0, 2^128) or more than 36 decimals", {
        details: `${fn}: ${token} answer ${String(price.answer)}, decimals ${String(price.decimals)}`,
      });
    }
    intInRange(price.decimals, 0, MAX_DECIMALS, `prices[${token}].decimals`, fn);
    if (now !== undefined && info.maxAge !== undefined && price.updatedAt !== undefined) {
      const updatedAt = BigInt(price.updatedAt);
      if (updatedAt > now || now - updatedAt > BigInt(info.maxAge)) {
        throw new StalePriceError("StalePrice: the price is older than the token's maxAge (or from the future)", {
          details: `${fn}: ${token} updatedAt ${updatedAt}, now ${now}, maxAge ${info.maxAge}`,
        });
      }
    }
    const scale = 10n ** BigInt(info.decimals + price.decimals);
    // Credits round down, debts up (towards the protocol).
    const magnitude = net >= 0n ? (net * price.answer * USD_ONE) / scale : ceilDiv(-net * price.answer * USD_ONE, scale);
    // As the twins: FullMath fails above uint256, the signed value above int256.
    if (magnitude > MAX_UINT256) throw new MulDivOverflowError("MulDivOverflow: result exceeds uint256", { details: `${fn}: USD value of ${token}` });
    const value = int256(net >= 0n ? magnitude : -magnitude);
    usdNet = int256(usdNet + value);
  }
  usdNet = int256(usdNet - tailRecordUsdDebt * allTailRecords);

  return { solvent: usdNet >= 0n && failingTails.length === 0, usdNet, nets: Object.fromEntries(nets), failingTails };
}

/**
 * `check` for several portfolios sharing one registry, price set and options; with
 * `options.referenceRecords`, entry p is portfolio p's reference Records (undefined: spot only).
 * @throws As `check`, for the first portfolio that fails.
 */
export function checkMany(portfolios: SolvencyRecord[][], tokens: TokenRegistry, prices: Prices, options: SolvencyManyOptions): SolvencyResult[] {
  const { referenceRecords: refs, ...rest } = options;
  if (refs !== undefined && refs.length !== portfolios.length) {
    throw new ReferenceRecordsMismatchError("Solvency.checkMany: referenceRecords must have one entry per portfolio", { details: `${portfolios.length} portfolios, ${refs.length} entries` });
  }
  // Every pairing is checked before any netting, as the bindings do.
  refs?.forEach((ref, p) => ref !== undefined && pair(portfolios[p], ref));
  return portfolios.map((records, p) => check(records, tokens, prices, refs?.[p] === undefined ? rest : { ...rest, referenceRecords: refs[p] }));
}

function tokenInfo(tokens: TokenRegistry, token: string): TokenInfo {
  const info = Object.prototype.hasOwnProperty.call(tokens, token) ? tokens[token] : undefined;
  if (!info) throw new UnknownTokenError("UnknownToken: token is not in the registry", { details: `Solvency.check: ${token}` });
  if (typeof info.varianceX64 !== "bigint" || info.varianceX64 <= Q64 || info.varianceX64 > MAX_VARIANCE_X64) {
    throw new InvalidVarianceFactorError("InvalidVarianceFactor: varianceX64 must be in (2^64, 2^72] (a factor in (1, 256])", {
      details: `Solvency.check: ${token} has varianceX64 ${String(info.varianceX64)}`,
    });
  }
  intInRange(info.decimals, 0, MAX_DECIMALS, `tokens[${token}].decimals`, "Solvency.check");
  return info;
}

/** A Record amount: a uint256 below 2^128. */
function amount(x: bigint, name: string): bigint {
  inRange(x, 0n, MAX_UINT256, name, "Solvency.check");
  if (x >= AMOUNT_LIMIT) throw new SolvencyOverflowError("SolvencyOverflow: a Record amount is 2^128 or more", { details: `Solvency.check: ${name} = ${x}` });
  return x;
}

/** A USD total, which must stay within int256. */
function int256(x: bigint): bigint {
  if (x < MIN_INT256 || x > MAX_INT256) throw new SolvencyOverflowError("SolvencyOverflow: a USD total leaves int256", { details: `Solvency.check: ${x}` });
  return x;
}

function ceilDiv(x: bigint, y: bigint): bigint {
  return x === 0n ? 0n : (x - 1n) / y + 1n;
}
