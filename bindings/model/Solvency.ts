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
 * Checks, in this order: each Record's arrays (equal lengths, uint256 amounts), then per Record
 * and token in order: the token is registered (UnknownTokenError) and its factor is above 1
 * (InvalidVarianceFactorError); then, in order of first appearance, every blue-chip token held
 * has a price with `answer > 0` (MissingPriceError), whatever its net.
 * @module
 */
import { MAX_UINT256, Q64 } from "./constants.js";
import { inRange, intInRange } from "./_check.js";
import { InvalidArgumentTypeError, InvalidVarianceFactorError, MissingPriceError, UnknownTokenError } from "./errors.js";

/** What a producer reports for one position: per token, credit, debt and delta (token units). */
export interface SolvencyRecord {
  tokens: string[];
  credit: bigint[];
  debt: bigint[];
  delta: bigint[];
}

/** Registry entry of a token: variance factor (X64, > 2^64), class and decimals. */
export interface TokenInfo {
  varianceX64: bigint;
  tail: boolean;
  decimals: number;
}

/** A price feed's answer and its decimals (Chainlink's AggregatorV3 `answer`, `decimals()`). */
export interface PriceInfo {
  answer: bigint;
  decimals: number;
}

export type TokenRegistry = { [address: string]: TokenInfo };
export type Prices = { [address: string]: PriceInfo };

export interface SolvencyOptions {
  /** Fixed USD debt (18 decimals) added per Record made only of tail tokens. */
  tailRecordUsdDebt: bigint;
}

export interface SolvencyResult {
  solvent: boolean;
  /** Blue-chip USD total (18 decimals) minus the tail-Record debts. */
  usdNet: bigint;
  /** Net virtual balance per token held (token units, signed), in order of first appearance. */
  nets: { [address: string]: bigint };
  /** Tail tokens whose net is negative, in order of first appearance. */
  failingTails: string[];
}

const USD_ONE = 10n ** 18n;

/**
 * Checks one portfolio.
 * @throws UnknownTokenError, InvalidVarianceFactorError, MissingPriceError; InvalidArgumentTypeError /
 *   ValueOutOfRangeError for malformed Records.
 * @example
 * // 1000 SOL-dollars of credit at v = 1.04 are worth floor(1000e18·2^64 / floor(1.04·2^64)) virtual units.
 * check([{ tokens: [SOL], credit: [1000n], debt: [0n], delta: [0n] }], { [SOL]: { varianceX64, tail: false, decimals: 0 } },
 *       { [SOL]: { answer: 1n, decimals: 0 } }, { tailRecordUsdDebt: 0n });
 */
export function check(records: SolvencyRecord[], tokens: TokenRegistry, prices: Prices, options: SolvencyOptions): SolvencyResult {
  const fn = "Solvency.check";
  const tailRecordUsdDebt = inRange(options.tailRecordUsdDebt, 0n, MAX_UINT256, "tailRecordUsdDebt", fn);
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
      const credit = inRange(record.credit[i], 0n, MAX_UINT256, `records[${r}].credit[${i}]`, fn);
      const debt = inRange(record.debt[i], 0n, MAX_UINT256, `records[${r}].debt[${i}]`, fn);
      const delta = inRange(record.delta[i], 0n, MAX_UINT256, `records[${r}].delta[${i}]`, fn);
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
    if (!price || typeof price.answer !== "bigint" || price.answer <= 0n) {
      throw new MissingPriceError("MissingPrice: no valid price for a blue-chip token", {
        details: `${fn}: ${token} ${price ? `answer ${String(price.answer)}` : "has no price"}`,
      });
    }
    intInRange(price.decimals, 0, 255, `prices[${token}].decimals`, fn);
    const scale = 10n ** BigInt(info.decimals + price.decimals);
    // Credits round down, debts up (towards the protocol).
    usdNet += net >= 0n ? (net * price.answer * USD_ONE) / scale : -ceilDiv(-net * price.answer * USD_ONE, scale);
  }
  usdNet -= tailRecordUsdDebt * allTailRecords;

  return { solvent: usdNet >= 0n && failingTails.length === 0, usdNet, nets: Object.fromEntries(nets), failingTails };
}

/**
 * `check` for several portfolios sharing one registry, price set and options.
 * @throws As `check`, for the first portfolio that fails.
 */
export function checkMany(portfolios: SolvencyRecord[][], tokens: TokenRegistry, prices: Prices, options: SolvencyOptions): SolvencyResult[] {
  return portfolios.map((records) => check(records, tokens, prices, options));
}

function tokenInfo(tokens: TokenRegistry, token: string): TokenInfo {
  const info = Object.prototype.hasOwnProperty.call(tokens, token) ? tokens[token] : undefined;
  if (!info) throw new UnknownTokenError("UnknownToken: token is not in the registry", { details: `Solvency.check: ${token}` });
  if (typeof info.varianceX64 !== "bigint" || info.varianceX64 <= Q64 || info.varianceX64 > MAX_UINT256) {
    throw new InvalidVarianceFactorError("InvalidVarianceFactor: varianceX64 must be above 2^64 (a factor > 1)", {
      details: `Solvency.check: ${token} has varianceX64 ${String(info.varianceX64)}`,
    });
  }
  intInRange(info.decimals, 0, 255, `tokens[${token}].decimals`, "Solvency.check");
  return info;
}

function ceilDiv(x: bigint, y: bigint): bigint {
  return x === 0n ? 0n : (x - 1n) / y + 1n;
}
