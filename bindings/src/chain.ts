/**
 * Readers for deployed contracts. They need only an object with ethers v6's
 * `call({ data })` (any ethers `Provider`), so the package does not depend on
 * ethers. Reads are "deployless": the creation code of a reader contract
 * (contracts/readers/) is sent as an `eth_call` without `to`; its constructor
 * gathers the state and returns it, so one round trip reads a whole pool on any
 * node, with nothing deployed first.
 * @module
 */
import { PoolSnapshotReader, PortfolioReader } from "../../build/readers.js";
import {
  InvalidPriceError,
  InvalidSqrtPriceError,
  InvalidTickError,
  ItosError,
  MissingPriceError,
  PriceDeviationError,
  ReferencePriceOutOfRangeError,
  StalePriceError,
  TwapUnavailableError,
  UnknownTokenError,
} from "./errors.js";
import { aBigint, aInt, MAX_UINT256 } from "./convert.js";
import { Pool, type TickInfo } from "./Pool.js";
import type { SolvencyOptions, SolvencyPrices, SolvencyRecord, SolvencyTokens } from "./Solvency.js";

/** The part of an ethers v6 Provider the readers use. */
export interface CallProvider {
  call(tx: { to?: string | null; data: string }): Promise<string>;
}

/** A read from the chain failed or returned data of an unexpected shape. */
export class ChainReadError extends ItosError {}

function words(hex: string): bigint[] {
  const h = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (h.length === 0 || h.length % 64 !== 0) throw new ChainReadError("unexpected return data length", { details: `${h.length / 2} bytes` });
  const out: bigint[] = new Array(h.length / 64);
  for (let i = 0; i < out.length; i++) out[i] = BigInt("0x" + h.slice(i * 64, i * 64 + 64));
  return out;
}

const int = (w: bigint, bits: number) => BigInt.asIntN(bits, w);
const word = (v: bigint) => v.toString(16).padStart(64, "0");

function aAddress(address: unknown, fn: string): string {
  if (typeof address !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(address)) {
    throw new ChainReadError(`${fn}: expected a 0x-prefixed 20-byte address`, { details: `got ${String(address)}` });
  }
  return address;
}

/** Runs a deployless reader: its creation code plus ABI-encoded constructor arguments. */
async function deployless(provider: CallProvider, creationCode: string, args: string, what: string): Promise<bigint[]> {
  let ret: string;
  try {
    ret = await provider.call({ data: creationCode + args });
  } catch (e) {
    throw new ChainReadError(`${what} failed`, { details: (e as Error).message, cause: e });
  }
  return words(ret);
}

const TICK_WORDS = 6;
const HEAD_WORDS = 15; // PoolSnapshotReader.Output: 14 static fields + the ticks' offset
/** Reader calls per pool, each scanning a share of the bitmap (sent together: one JSON-RPC batch). */
export const SNAPSHOT_PARTS = 4;

function decodeSnapshot(w: bigint[]): { head: bigint[]; ticks: TickInfo[] } {
  // abi.encode(Output): [0x20][14 static fields][ticks offset (from the tuple)]...[length][6 words per tick]
  const base = 1;
  if (w.length < base + HEAD_WORDS + 1 || w[0] !== 32n) throw new ChainReadError("Pool.fromChain: unexpected reader output", { details: `${w.length} words` });
  const at = base + Number(w[base + 14]) / 32;
  const n = Number(w[at]);
  if (w.length < at + 1 + n * TICK_WORDS) throw new ChainReadError("Pool.fromChain: short tick list", { details: `${n} ticks, ${w.length} words` });
  const ticks: TickInfo[] = new Array(n);
  for (let i = 0, k = at + 1; i < n; i++, k += TICK_WORDS) {
    ticks[i] = {
      tick: Number(int(w[k], 24)),
      makerLiquidityNet: int(w[k + 1], 128),
      takerLiquidityNet: int(w[k + 2], 128),
      liquidityGross: w[k + 3],
      feeGrowthOutside0X128: w[k + 4],
      feeGrowthOutside1X128: w[k + 5],
    };
  }
  return { head: w.slice(base, base + 14), ticks };
}

/**
 * Builds a Wasm `Pool` from a deployed 2sAMM pool: configuration, price, maker/taker liquidity,
 * fee growth and every initialized tick. It sends SNAPSHOT_PARTS deployless `eth_call`s at once
 * (ethers batches them into one JSON-RPC request), each scanning a share of the tick bitmap, and
 * retries if they straddled a new block (their scalar state must agree).
 * @example
 * const pool = await Pool.fromChain(provider, "0x…");
 * pool.quote({ zeroForOne: true, amountSpecified: 10n ** 18n });
 */
export async function poolFromChain(provider: CallProvider, address: string): Promise<Pool> {
  aAddress(address, "Pool.fromChain");
  const arg = address.slice(2).toLowerCase().padStart(64, "0");
  let parts: { head: bigint[]; ticks: TickInfo[] }[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const raw = await Promise.all(
      Array.from({ length: SNAPSHOT_PARTS }, (_, i) => deployless(provider, PoolSnapshotReader, arg + word(BigInt(i)) + word(BigInt(SNAPSHOT_PARTS)), `Pool.fromChain(${address})`)),
    );
    parts = raw.map(decodeSnapshot);
    if (parts.every((p) => p.head.every((v, i) => v === parts[0].head[i]))) break;
    if (attempt === 2) throw new ChainReadError("Pool.fromChain: the pool kept changing between reads", { details: address });
  }
  const f = (i: number) => parts[0].head[i];
  const ticks = parts.flatMap((p) => p.ticks);
  return Pool.fromSnapshot(
    {
      sqrtPriceX96: f(0),
      tickSpacing: Number(int(f(8), 24)),
      fee: { minFeePips: Number(f(9)), midFeePips: Number(f(10)), maxFeePips: Number(f(11)) },
      protocolFeePips: Number(f(12)),
      takerCapPips: Number(f(13)),
    },
    {
      sqrtPriceX96: f(0),
      tick: Number(int(f(1), 24)),
      makerLiquidity: f(2),
      takerLiquidity: f(3),
      feeGrowthGlobal0X128: f(4),
      feeGrowthGlobal1X128: f(5),
      protocolFees0: f(6),
      protocolFees1: f(7),
    },
    ticks,
  );
}

/** Everything `Solvency.check` takes for one portfolio, as the Portfolio Manager sees it now. */
export interface PortfolioSnapshot {
  /** The Records at spot prices (`pm.records`). */
  records: SolvencyRecord[];
  /**
   * The Records at reference prices (`pm.referenceRecords`), same count and tokens as `records`;
   * undefined when the chain could not value them (then `referenceError` says why).
   */
  referenceRecords?: SolvencyRecord[];
  /**
   * Why `pm.referenceRecords` reverted, as the typed error of its Solidity error
   * (TwapUnavailableError, StalePriceError, ReferencePriceOutOfRangeError, ...; a ChainReadError
   * with the raw revert data for any other). Undefined when the reference Records were read.
   */
  referenceError?: ItosError;
  tokens: SolvencyTokens;
  prices: SolvencyPrices;
  /** `tailRecordUsdDebt`, and `referenceRecords` when they were read: `Solvency.check` then reports both valuations. */
  options: SolvencyOptions;
}

const addressOf = (w: bigint) => "0x" + w.toString(16).padStart(40, "0");

type ArgKind = "address" | "uint" | "int24";
/** Solidity errors a reference valuation can revert with: selector -> [class, name, argument kinds]. */
const REVERTS: { [selector: string]: readonly [new (m: string, o: any) => ItosError, string, readonly ArgKind[]] } = {
  "0x259a386f": [TwapUnavailableError, "TwapUnavailable", ["address", "uint"]], // TwapUnavailable(address,uint32)
  "0xbafd5210": [PriceDeviationError, "PriceDeviation", ["address", "int24", "int24"]], // PriceDeviation(address,int24,int24)
  "0xdc5eefea": [ReferencePriceOutOfRangeError, "ReferencePriceOutOfRange", []], // ReferencePriceOutOfRange()
  "0xae5dc8c6": [MissingPriceError, "MissingPrice", ["address"]], // MissingPrice(address)
  "0xeb1fe96e": [StalePriceError, "StalePrice", ["address", "uint"]], // StalePrice(address,uint256)
  "0xcd215006": [InvalidPriceError, "InvalidPrice", ["address"]], // InvalidPrice(address)
  "0x81a3b1be": [UnknownTokenError, "UnknownToken", ["address"]], // UnknownToken(address)
  "0xce8ef7fc": [InvalidTickError, "InvalidTick", []], // InvalidTick()
  "0x31efafe8": [InvalidSqrtPriceError, "InvalidSqrtPrice", []], // InvalidSqrtPrice()
};

/**
 * The typed error for a contract's revert data: the class named after the Solidity error for those
 * a reference valuation can raise (arguments in `details`; TwapUnavailableError and
 * PriceDeviationError also carry them as fields), else a ChainReadError with the raw data.
 */
export function decodeRevert(data: string, where: string): ItosError {
  const hex = data.startsWith("0x") ? data.slice(2).toLowerCase() : data.toLowerCase();
  const entry = hex.length >= 8 ? REVERTS["0x" + hex.slice(0, 8)] : undefined;
  const body = hex.slice(8);
  if (entry === undefined || body.length < entry[2].length * 64) {
    return new ChainReadError(`${where} reverted`, { details: hex.length === 0 ? "without data" : `revert data 0x${hex}` });
  }
  const [Ctor, name, kinds] = entry;
  const args = kinds.map((k, i) => {
    const w = BigInt("0x" + body.slice(i * 64, i * 64 + 64));
    return k === "address" ? addressOf(w & ((1n << 160n) - 1n)) : k === "int24" ? Number(int(w, 24)) : w;
  });
  const details = `${where}${args.length ? `: ${name}(${args.map(String).join(", ")})` : ""}`;
  const fields =
    name === "TwapUnavailable" ? { pool: args[0] as string, window: Number(args[1]) }
    : name === "PriceDeviation" ? { pool: args[0] as string, spotTick: args[1] as number, referenceTick: args[2] as number }
    : {};
  return new Ctor(`${name}: ${REVERT_MESSAGES[name]}`, { details, ...fields });
}

const REVERT_MESSAGES: { [name: string]: string } = {
  TwapUnavailable: "the pool's observations do not cover its TWAP window",
  PriceDeviation: "the pool's spot price is too far from its reference price",
  ReferencePriceOutOfRange: "the reference price is outside the tick range",
  MissingPrice: "a token has no feed",
  StalePrice: "a feed's answer is older than the token's staleness limit",
  InvalidPrice: "a feed's answer is not usable",
  UnknownToken: "a token is not in the registry",
  InvalidTick: "tick outside [-887272, 887272]",
  InvalidSqrtPrice: "sqrtPriceX96 outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)",
};

/** Decodes a `Record[]` whose ABI encoding starts at word `base` of `w` (the array's length word). */
function decodeRecords(w: bigint[], base: number): SolvencyRecord[] {
  const at = (i: number) => Number(w[i]) / 32;
  const array = (start: number) => w.slice(start + 1, start + 1 + Number(w[start]));
  const records: SolvencyRecord[] = [];
  for (let i = 0, n = Number(w[base]); i < n; i++) {
    const rec = base + 1 + at(base + 1 + i);
    const [tokens, credit, debt, delta] = [0, 1, 2, 3].map((k) => array(rec + at(rec + k)));
    records.push({ tokens: tokens.map(addressOf), credit, debt, delta });
  }
  return records;
}

/** The bytes whose ABI encoding (length word, then data) starts at word `base`, as 0x-hex. */
function decodeBytes(w: bigint[], base: number): string {
  const len = Number(w[base]);
  let hex = "";
  for (let i = 0; i * 32 < len; i++) hex += word(w[base + 1 + i]);
  return "0x" + hex.slice(0, len * 2);
}

/**
 * Reads a portfolio's Records at spot and at reference prices, its tokens' registry entries, the
 * blue-chips' feed answers and the fixed USD debt of all-tail Records from a deployed Portfolio
 * Manager, in one `eth_call` (addresses come back lower-case). A stale, missing or invalid price of
 * a held blue-chip fails the read with a ChainReadError carrying the PM's revert, exactly where the
 * PM itself would refuse. A reference valuation the PM cannot form (a pool's TWAP unavailable, a
 * feed of a pool token failing, a reference price out of range) does not fail the read: the spot
 * snapshot is returned with `referenceError` set to the typed error and no `referenceRecords`.
 * @example
 * const p = await readPortfolio(provider, pmAddress, owner, 0n);
 * const r = Solvency.check(p.records, p.tokens, p.prices, p.options);
 * // r.spot equals pm.breakdown(owner, 0), r.reference pm.referenceBreakdown(owner, 0),
 * // r.solvent pm.isSolvent(owner, 0), r.liquidatable pm.isLiquidatable(owner, 0)
 * if (p.referenceError) console.log("no reference valuation:", p.referenceError.shortMessage); // r is spot only
 */
export async function readPortfolio(provider: CallProvider, pmAddress: string, owner: string, portfolioId: bigint | number): Promise<PortfolioSnapshot> {
  aAddress(pmAddress, "readPortfolio");
  aAddress(owner, "readPortfolio");
  if (typeof portfolioId === "number") aInt(portfolioId, 0, Number.MAX_SAFE_INTEGER, "portfolioId", "readPortfolio");
  else aBigint(portfolioId, 0n, MAX_UINT256, "portfolioId", "readPortfolio");
  const args = word(BigInt(pmAddress)) + word(BigInt(owner)) + word(BigInt(portfolioId));
  const w = await deployless(provider, PortfolioReader, args, `readPortfolio(${owner}, ${portfolioId})`);
  const at = (i: number) => Number(w[i]) / 32;
  // abi.encode(Record[] recs, TokenRow[] rows, uint256 tailRecordUsdDebt, bool referenceOk,
  //            Record[] referenceRecords, bytes referenceRevert)
  if (w.length < 6) throw new ChainReadError("readPortfolio: unexpected reader output", { details: `${w.length} words` });
  const recsAt = at(0), rowsAt = at(1);
  const records = decodeRecords(w, recsAt);
  const tokens: SolvencyTokens = {};
  const prices: SolvencyPrices = {};
  for (let j = 0, m = Number(w[rowsAt]); j < m; j++) {
    const r = rowsAt + 1 + 6 * j;
    const token = addressOf(w[r]);
    const tail = w[r + 2] !== 0n;
    tokens[token] = { varianceX64: w[r + 1], tail, decimals: Number(w[r + 3]) };
    if (!tail) prices[token] = { answer: BigInt.asIntN(256, w[r + 4]), decimals: Number(w[r + 5]) };
  }
  const tailRecordUsdDebt = w[2];
  if (w[3] !== 0n) {
    const referenceRecords = decodeRecords(w, at(4));
    return { records, referenceRecords, tokens, prices, options: { tailRecordUsdDebt, referenceRecords } };
  }
  const referenceError = decodeRevert(decodeBytes(w, at(5)), `readPortfolio(${owner}, ${portfolioId}): pm.referenceRecords`);
  return { records, referenceError, tokens, prices, options: { tailRecordUsdDebt } };
}
