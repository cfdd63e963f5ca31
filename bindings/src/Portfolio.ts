/**
 * Portfolio: one Portfolio Manager portfolio valued off-chain, exactly as the chain values it, at any
 * later time and at any prices. `Portfolio.fromChain` reads the state its positions' Records are made
 * from (positions, token registry and feeds, money markets, vaults) in one deployless `eth_call`
 * (contracts/readers/PortfolioStateReader.sol); `records` computes each position's Record with the
 * Wasm twins of the producers (assembly/producers/), `check` nets them with `Solvency.check`.
 *
 * Producers are valued through a registry of valuers, one per kind of position (`registerValuer`), all
 * built in: token deposits, money-market lends and borrows, ERC-4626 vault shares, and the pool-priced
 * kinds (2sAMM makers, takers, bundles, Uniswap V3 positions: portfolio/pools.ts), whose pools are read
 * once per shared state. docs/portfolio.md has the API, the read and its limits.
 * @module
 */
import { PortfolioStateReader } from "../../build/readers.js";
import { trapError, check as checkCode } from "./call.js";
import { aBigint, aInt, MAX_UINT256 } from "./convert.js";
import { w256 as put256, r256 as get256 } from "./_io.js";
import {
  InvalidArgumentTypeError,
  MissingPriceError,
  SolvencyOverflowError,
  NowBeforeSnapshotError,
  UnknownAssetError,
  UnknownProducerError,
} from "./errors.js";
import * as Solvency from "./Solvency.js";
import type { SolvencyPrice, SolvencyPrices, SolvencyRecord, SolvencyResult, SolvencyTokens, SolvencyTwoValuationResult } from "./Solvency.js";
import { getCore, type WasmExports } from "./wasm.js";
import * as G from "./generated/layout.js";
import { ChainReadError, type CallProvider } from "./chain.js";
import { poolValuers } from "./portfolio/pools.js";

/** The kinds of position the state reader recognises, by the views their producers answer. */
export const POSITION_KINDS = ["unknown", "deposit", "lend", "borrow", "erc4626", "maker", "taker", "bundle", "uniswapV3"] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

/** One position of the portfolio and the producer-side data its Record is made from. */
export interface PortfolioPosition {
  producer: string;
  assetId: bigint;
  kind: PositionKind;
  /** deposit, lend, borrow: the token; erc4626: the vault's asset. */
  token?: string;
  /** deposit: the amount; lend, borrow: the shares; erc4626: the vault shares. */
  amount?: bigint;
  /** lend, borrow: the money market. */
  market?: string;
  /** borrow: the producer's liquidationWindow (seconds). */
  liquidationWindow?: bigint;
  /** erc4626: the vault and its risk parameter in the integrator (pips). */
  vault?: string;
  riskPips?: bigint;
  /** Pool-priced kinds: the pool and its tokens (the Record's tokens). */
  pool?: string;
  token0?: string;
  token1?: string;
  /** Pool-priced kinds: the producer's asset data, filled by the valuer's `load` (portfolio/pools.ts). */
  asset?: unknown;
}

/** A money market's stored state for one token (`MoneyMarket.storedMarket` and `rateModel`). */
export interface MarketState {
  market: string;
  token: string;
  lastAccrual: bigint;
  lendIndexX64: bigint;
  borrowIndexX64: bigint;
  totalLendShares: bigint;
  totalBorrowShares: bigint;
  baseRateX64: bigint;
  slope1X64: bigint;
  kinkX64: bigint;
  slope2X64: bigint;
  reserveShareX64: bigint;
}

/** An ERC-4626 vault's totals (OpenZeppelin's convertToAssets reads these). */
export interface VaultState {
  vault: string;
  asset: string;
  totalAssets: bigint;
  totalSupply: bigint;
  /** 10^decimalsOffset (1 for a vault with the asset's decimals). */
  offsetPow: bigint;
}

/** A token's registry entry in the PM and its feed's latest round as read. */
export interface TokenState {
  token: string;
  registered: boolean;
  tail: boolean;
  decimals: number;
  maxAge: number;
  varianceX64: bigint;
  /** Zero address when the token has no feed. */
  feed: string;
  /** The feed's round; undefined when there is no feed or it reverted (the PM's MissingPrice / InvalidPrice). */
  price?: { answer: bigint; decimals: number; updatedAt: bigint };
}

/** State many portfolios share: a bot loads it once (`Portfolio.readMany`) and builds each portfolio on it. */
export interface SharedState {
  /** The Portfolio Manager read (pool valuers read its reference price of TWAP-priced pools). */
  pm?: string;
  /** block.timestamp and number the state was read at; `now` may not be earlier. */
  blockTimestamp: bigint;
  blockNumber: bigint;
  tailRecordUsdDebt: bigint;
  tokens: { [token: string]: TokenState };
  /** Keyed `${market}:${token}`. */
  markets: { [key: string]: MarketState };
  vaults: { [vault: string]: VaultState };
  /** Pool states for pool-priced valuers, keyed by pool (filled by their `load`). */
  pools: { [pool: string]: unknown };
}

/** Everything a Portfolio is built from (`Portfolio.fromSnapshot`). Addresses lower-case. */
export interface PortfolioState {
  pm: string;
  owner: string;
  portfolioId: bigint;
  positions: PortfolioPosition[];
  shared: SharedState;
}

/** What-if pool prices: `{ [pool]: { sqrtPriceX96 } }`. */
export type PoolPrices = { [pool: string]: { sqrtPriceX96: bigint } };

/** The context a valuer computes a Record in. */
export interface ValuationContext {
  now: bigint;
  shared: SharedState;
  /** The feed answers in force (oracle reference prices read them). */
  prices: SolvencyPrices;
  /** What-if pool spot prices, when asked. */
  pools?: PoolPrices;
}

/**
 * Values one kind of position. `record` must equal the producer's `record(assetId)` at the context's
 * state; `referenceRecord` its `referenceRecord(assetId)` (omitted: the Record reads no pool, the same
 * Record for both, as ProducerBase). `pricesMatter` tells the Portfolio whether the Record moves with
 * feed answers or pool prices (false: cached per `now`). `load` reads what the valuer needs beyond the
 * state reader's output (pool states) into `shared.pools`, once per shared state.
 */
export interface PositionValuer {
  record(position: PortfolioPosition, ctx: ValuationContext): SolvencyRecord;
  referenceRecord?(position: PortfolioPosition, ctx: ValuationContext): SolvencyRecord;
  pricesMatter?: boolean;
  load?(provider: CallProvider, positions: PortfolioPosition[], shared: SharedState): Promise<void>;
}

const valuers = new Map<PositionKind, PositionValuer>();
/** Bumped on every registration: Portfolios drop what they derived from the registry before it. */
let registryVersion = 0;

/** Installs (or replaces) the valuer of a kind of position. */
export function registerValuer(kind: PositionKind, valuer: PositionValuer): void {
  if (!POSITION_KINDS.includes(kind)) throw new InvalidArgumentTypeError(`registerValuer: unknown kind ${String(kind)}`);
  if (valuer === null || typeof valuer !== "object" || typeof valuer.record !== "function") {
    throw new InvalidArgumentTypeError("registerValuer: a valuer needs a record(position, ctx) function");
  }
  valuers.set(kind, valuer);
  registryVersion++;
}

/** Options of `records`, `check` and `liquidationPrice`. */
export interface ValuationOptions {
  /** Seconds (block.timestamp to value at); default the snapshot's block time. */
  now?: bigint | number;
  /** Feed answers: a bigint (the feed's decimals, updated at `now`) or a full SolvencyPrice; others from the snapshot. */
  prices?: { [token: string]: bigint | SolvencyPrice };
  /** What-if pool spot prices. */
  pools?: PoolPrices;
}

/* ------------------------------------------------------------------------------------------ Wasm */

interface Layout {
  lend: number; borrow: number; totalLend: number; totalBorrow: number; last: number;
  base: number; slope1: number; kink: number; slope2: number; reserve: number;
  marketWords: number; vAssets: number; vSupply: number; vOffset: number;
  now: number; amount: number; param: number; out: number; out2: number; out3: number;
}
// The portfolio words of the IO layout, from the generated module (declared once, in assembly/layout.ts).
const layout: Layout = {
  lend: G.PF_M_LEND_INDEX, borrow: G.PF_M_BORROW_INDEX, totalLend: G.PF_M_TOTAL_LEND_SHARES, totalBorrow: G.PF_M_TOTAL_BORROW_SHARES,
  last: G.PF_M_LAST_ACCRUAL, base: G.PF_M_BASE_RATE, slope1: G.PF_M_SLOPE1, kink: G.PF_M_KINK, slope2: G.PF_M_SLOPE2,
  reserve: G.PF_M_RESERVE_SHARE, marketWords: G.PF_MARKET_WORDS, vAssets: G.PF_V_TOTAL_ASSETS, vSupply: G.PF_V_TOTAL_SUPPLY, vOffset: G.PF_V_OFFSET_POW,
  now: G.PF_NOW, amount: G.PF_AMOUNT, param: G.PF_PARAM, out: G.PF_OUT, out2: G.PF_OUT2, out3: G.PF_OUT3,
};

const MAX_U64 = (1n << 64n) - 1n;

// A market's IO block as limbs, built once per MarketState object (and rebuilt if a field changed):
// writing it is then one typed-array copy instead of forty bigint conversions.
const marketBlocks = new WeakMap<MarketState, { seen: MarketState; block: BigUint64Array }>();
const sameMarket = (a: MarketState, b: MarketState) =>
  a.lastAccrual === b.lastAccrual && a.lendIndexX64 === b.lendIndexX64 && a.borrowIndexX64 === b.borrowIndexX64 &&
  a.totalLendShares === b.totalLendShares && a.totalBorrowShares === b.totalBorrowShares && a.baseRateX64 === b.baseRateX64 &&
  a.slope1X64 === b.slope1X64 && a.kinkX64 === b.kinkX64 && a.slope2X64 === b.slope2X64 && a.reserveShareX64 === b.reserveShareX64;

function writeMarket(io: BigUint64Array, L: Layout, m: MarketState): void {
  let hit = marketBlocks.get(m);
  if (hit === undefined || !sameMarket(hit.seen, m)) {
    const block = new BigUint64Array(L.marketWords);
    writeMarketFields(block, L, m);
    marketBlocks.set(m, (hit = { seen: { ...m }, block }));
  }
  io.set(hit.block, 0);
}

function writeMarketFields(io: BigUint64Array, L: Layout, m: MarketState): void {
  put256(io, L.lend, m.lendIndexX64);
  put256(io, L.borrow, m.borrowIndexX64);
  put256(io, L.totalLend, m.totalLendShares);
  put256(io, L.totalBorrow, m.totalBorrowShares);
  io[L.last] = m.lastAccrual;
  put256(io, L.base, m.baseRateX64);
  put256(io, L.slope1, m.slope1X64);
  put256(io, L.kink, m.kinkX64);
  put256(io, L.slope2, m.slope2X64);
  put256(io, L.reserve, m.reserveShareX64);
}

/** Runs an export; `where` names the call in an error (built only then). */
function call(e: WasmExports, name: string, where: () => string): void {
  let code: number;
  try {
    code = e[name]() as number;
  } catch (err) {
    throw trapError(err, where());
  }
  if (code !== 0) checkCode(code, where());
}

/** The market's indexes and rates at `now` (MoneyMarket's accrued views), from the Wasm twin. */
export function marketAt(m: MarketState, now: bigint | number): {
  lendIndexX64: bigint; borrowIndexX64: bigint; utilisationX64: bigint; borrowRatePerSecondX64: bigint; lendRatePerSecondX64: bigint;
} {
  const t = aBigint(typeof now === "number" ? BigInt(now) : now, 0n, MAX_U64, "now", "marketAt");
  const { exports: e, io } = getCore();
  const L = layout;
  writeMarket(io, L, m);
  io[L.now] = t;
  call(e, "moneyMarketIndexes", () => "marketAt");
  const lendIndexX64 = get256(io, L.out), borrowIndexX64 = get256(io, L.out2);
  call(e, "moneyMarketRates", () => "marketAt");
  return { lendIndexX64, borrowIndexX64, utilisationX64: get256(io, L.out), borrowRatePerSecondX64: get256(io, L.out2), lendRatePerSecondX64: get256(io, L.out3) };
}

const one = (token: string, credit: bigint, debt: bigint, delta: bigint): SolvencyRecord => ({ tokens: [token], credit: [credit], debt: [debt], delta: [delta] });

function need<T>(v: T | undefined, what: string, p: PortfolioPosition): T {
  if (v === undefined) throw new UnknownAssetError(`UnknownAsset: the snapshot lacks the ${what} of a ${p.kind} position`, { details: `${p.producer} asset ${p.assetId}` });
  return v;
}

// The market of each position, found once per shared state (a shared state is not changed once
// portfolios are built on it: a new read makes a new one).
const positionMarkets = new WeakMap<PortfolioPosition, { shared: SharedState; m: MarketState }>();

function marketOf(p: PortfolioPosition, ctx: ValuationContext): MarketState {
  const hit = positionMarkets.get(p);
  if (hit !== undefined && hit.shared === ctx.shared) return hit.m;
  const m = need(ctx.shared.markets[`${p.market}:${p.token}`], "market", p);
  positionMarkets.set(p, { shared: ctx.shared, m });
  return m;
}

/** Built-in valuers: the producers whose Records read no pool (twins in assembly/producers/). */
const depositValuer: PositionValuer = {
  record(p) {
    const { exports: e, io } = getCore();
    const L = layout;
    put256(io, L.amount, need(p.amount, "amount", p));
    call(e, "tokenDepositRecord", () => `TokenDepositProducer.record(${p.assetId})`);
    return one(need(p.token, "token", p), get256(io, L.out), 0n, 0n);
  },
};

const lendValuer: PositionValuer = {
  record(p, ctx) {
    const { exports: e, io } = getCore();
    const L = layout;
    writeMarket(io, L, marketOf(p, ctx));
    io[L.now] = ctx.now;
    put256(io, L.amount, need(p.amount, "shares", p));
    call(e, "moneyMarketLendRecord", () => `MoneyMarketLendProducer.record(${p.assetId})`);
    return one(need(p.token, "token", p), get256(io, L.out), 0n, 0n);
  },
};

const borrowValuer: PositionValuer = {
  record(p, ctx) {
    const { exports: e, io } = getCore();
    const L = layout;
    writeMarket(io, L, marketOf(p, ctx));
    io[L.now] = ctx.now;
    put256(io, L.amount, need(p.amount, "shares", p));
    io[L.param] = BigInt.asUintN(64, need(p.liquidationWindow, "liquidation window", p));
    call(e, "moneyMarketBorrowRecord", () => `MoneyMarketBorrowProducer.record(${p.assetId})`);
    return one(need(p.token, "token", p), 0n, get256(io, L.out), get256(io, L.out2));
  },
};

const vaultValuer: PositionValuer = {
  record(p, ctx) {
    const v = need(ctx.shared.vaults[need(p.vault, "vault", p)], "vault totals", p);
    const { exports: e, io } = getCore();
    const L = layout;
    put256(io, L.vAssets, v.totalAssets);
    put256(io, L.vSupply, v.totalSupply);
    put256(io, L.vOffset, v.offsetPow);
    put256(io, L.amount, need(p.amount, "shares", p));
    io[L.param] = BigInt.asUintN(64, need(p.riskPips, "risk parameter", p));
    call(e, "erc4626Record", () => `ERC4626Integrator.record(${p.assetId})`);
    return one(need(p.token, "asset", p), get256(io, L.out), 0n, get256(io, L.out2));
  },
};

valuers.set("deposit", depositValuer);
valuers.set("lend", lendValuer);
valuers.set("borrow", borrowValuer);
valuers.set("erc4626", vaultValuer);

/** MoneyMarket.sharesToAmount(token, shares) at `now`, from the Wasm twin (the lend producer's credit). */
export function lendAmountAt(m: MarketState, shares: bigint, now: bigint): bigint {
  const { exports: e, io } = getCore();
  const L = layout;
  writeMarket(io, L, m);
  io[L.now] = now;
  put256(io, L.amount, shares);
  call(e, "moneyMarketLendRecord", () => "MoneyMarket.sharesToAmount");
  return get256(io, L.out);
}

// The pool-priced kinds: 2sAMM makers, takers, bundles and Uniswap V3 positions (portfolio/pools.ts), on the
// money-market twin above (a pool's premium walk and a taker's lent shares read its market at `now`).
function borrowIndexAt(m: MarketState, now: bigint): bigint {
  const { exports: e, io } = getCore();
  const L = layout;
  writeMarket(io, L, m);
  io[L.now] = now;
  call(e, "moneyMarketIndexes", () => "MoneyMarket.currentBorrowIndexX64");
  return get256(io, L.out2);
}
for (const [kind, v] of poolValuers({ borrowIndexAt, lendAmountAt })) valuers.set(kind, v);

/* ------------------------------------------------------------------------------------ the reader */

const HEADER_WORDS = 8, POSITION_WORDS = 8, TOKEN_WORDS = 11, MARKET_WORDS = 12, VAULT_WORDS = 5;
const addr = (w: bigint) => "0x" + (w & ((1n << 160n) - 1n)).toString(16).padStart(40, "0");
const word = (v: bigint) => v.toString(16).padStart(64, "0");
const ZERO_ADDRESS = "0x" + "0".repeat(40);

function aAddress(a: unknown, fn: string): string {
  if (typeof a !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(a)) throw new InvalidArgumentTypeError(`${fn}: expected a 0x-prefixed 20-byte address`, { details: `got ${String(a)}` });
  return a.toLowerCase();
}

/** Decodes PortfolioStateReader's output (docs/portfolio.md, "The read"). */
export function decodeState(hex: string, pm: string, owner: string, portfolioId: bigint): PortfolioState {
  const h = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (h.length < 128 || h.length % 64 !== 0) throw new ChainReadError("Portfolio.fromChain: unexpected reader output", { details: `${h.length / 2} bytes` });
  const all: bigint[] = new Array(h.length / 64);
  for (let i = 0; i < all.length; i++) all[i] = BigInt("0x" + h.slice(i * 64, i * 64 + 64));
  const w = all.slice(2, 2 + Number(all[1])); // abi.encode(uint256[]): offset, length, words
  if (w.length < HEADER_WORDS || w[0] !== 1n) throw new ChainReadError("Portfolio.fromChain: unknown reader output version", { details: `${w.length} words` });
  const [nPos, nTok, nMkt, nVlt] = [4, 5, 6, 7].map((i) => Number(w[i]));
  if (w.length !== HEADER_WORDS + nPos * POSITION_WORDS + nTok * TOKEN_WORDS + nMkt * MARKET_WORDS + nVlt * VAULT_WORDS) {
    throw new ChainReadError("Portfolio.fromChain: reader output of the wrong length", { details: `${w.length} words` });
  }
  let k = HEADER_WORDS;
  const positions: PortfolioPosition[] = [];
  for (let i = 0; i < nPos; i++, k += POSITION_WORDS) {
    const kind = POSITION_KINDS[Number(w[k + 2])] ?? "unknown";
    const p: PortfolioPosition = { producer: addr(w[k]), assetId: w[k + 1], kind };
    const [a, b, c, d] = [w[k + 3], w[k + 4], w[k + 5], w[k + 6]];
    if (kind === "deposit") Object.assign(p, { token: addr(a), amount: b });
    else if (kind === "lend") Object.assign(p, { token: addr(a), amount: b, market: addr(c) });
    else if (kind === "borrow") Object.assign(p, { token: addr(a), amount: b, market: addr(c), liquidationWindow: d });
    else if (kind === "erc4626") Object.assign(p, { vault: addr(a), amount: b, token: addr(c), riskPips: d });
    else if (kind !== "unknown") Object.assign(p, { pool: addr(a), token0: addr(b), token1: addr(c) });
    positions.push(p);
  }
  const tokens: SharedState["tokens"] = {};
  for (let i = 0; i < nTok; i++, k += TOKEN_WORDS) {
    const token = addr(w[k]);
    const t: TokenState = {
      token, registered: w[k + 1] !== 0n, tail: w[k + 2] !== 0n, decimals: Number(w[k + 3]), maxAge: Number(w[k + 4]),
      varianceX64: w[k + 5], feed: addr(w[k + 6]),
    };
    // A decimals word above uint8 fails the PM's decoding: InvalidPrice, as a reverting feed.
    if (w[k + 7] !== 0n && w[k + 9] <= 255n) t.price = { answer: BigInt.asIntN(256, w[k + 8]), decimals: Number(w[k + 9]), updatedAt: w[k + 10] };
    tokens[token] = t;
  }
  const markets: SharedState["markets"] = {};
  for (let i = 0; i < nMkt; i++, k += MARKET_WORDS) {
    const m: MarketState = {
      market: addr(w[k]), token: addr(w[k + 1]), lastAccrual: w[k + 2], lendIndexX64: w[k + 3], borrowIndexX64: w[k + 4],
      totalLendShares: w[k + 5], totalBorrowShares: w[k + 6], baseRateX64: w[k + 7], slope1X64: w[k + 8], kinkX64: w[k + 9],
      slope2X64: w[k + 10], reserveShareX64: w[k + 11],
    };
    markets[`${m.market}:${m.token}`] = m;
  }
  const vaults: SharedState["vaults"] = {};
  for (let i = 0; i < nVlt; i++, k += VAULT_WORDS) {
    vaults[addr(w[k])] = { vault: addr(w[k]), asset: addr(w[k + 1]), totalAssets: w[k + 2], totalSupply: w[k + 3], offsetPow: w[k + 4] };
  }
  return {
    pm, owner, portfolioId, positions,
    shared: { pm, blockTimestamp: w[1], blockNumber: w[2], tailRecordUsdDebt: w[3], tokens, markets, vaults, pools: {} },
  };
}

/** Reads one portfolio's state in one deployless `eth_call` (no pool state: pool valuers' `load` adds it). */
export async function readPortfolioState(provider: CallProvider, pm: string, owner: string, portfolioId: bigint | number): Promise<PortfolioState> {
  const fn = "Portfolio.fromChain";
  pm = aAddress(pm, fn);
  owner = aAddress(owner, fn);
  const id = typeof portfolioId === "number" ? BigInt(aInt(portfolioId, 0, Number.MAX_SAFE_INTEGER, "portfolioId", fn)) : aBigint(portfolioId, 0n, MAX_UINT256, "portfolioId", fn);
  let ret: string;
  try {
    ret = await provider.call({ data: PortfolioStateReader + word(BigInt(pm)) + word(BigInt(owner)) + word(id) });
  } catch (e) {
    throw new ChainReadError(`${fn}(${owner}, ${id}) failed`, { details: (e as Error).message, cause: e });
  }
  return decodeState(ret, pm, owner, id);
}

/** Merges `from` into `into` (markets, vaults, tokens, pools not yet there); both must be of one block. */
function mergeShared(into: SharedState, from: SharedState): void {
  for (const [k, v] of Object.entries(from.tokens)) into.tokens[k] ??= v;
  for (const [k, v] of Object.entries(from.markets)) into.markets[k] ??= v;
  for (const [k, v] of Object.entries(from.vaults)) into.vaults[k] ??= v;
  for (const [k, v] of Object.entries(from.pools)) into.pools[k] ??= v;
}

async function loadPools(provider: CallProvider, positions: PortfolioPosition[], shared: SharedState): Promise<void> {
  const byKind = new Map<PositionKind, PortfolioPosition[]>();
  for (const p of positions) {
    const v = valuers.get(p.kind);
    if (v?.load) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  }
  for (const [kind, ps] of byKind) await valuers.get(kind)!.load!(provider, ps, shared);
}

/* ----------------------------------------------------------------------------------- Portfolio */

const ANSWER_MAX = (1n << 128n) - 1n;

interface Valued {
  spot: SolvencyRecord[];
  reference: SolvencyRecord[];
  /** Every reference Record is the spot one (no position reads a pool): one valuation nets both. */
  same: boolean;
  /** A reference Record failed: reading `reference` throws its error. */
  referenceFailed: boolean;
}

/** Both valuations as the PM's `_check` forms them: the spot netting's error first, then a reference Record's. */
function checkBoth(v: Valued, tokens: SolvencyTokens, prices: SolvencyPrices, opts: { tailRecordUsdDebt: bigint; now: bigint }): SolvencyTwoValuationResult {
  if (v.same) return bothFromSpot(Solvency.check(v.spot, tokens, prices, opts));
  if (v.referenceFailed) Solvency.check(v.spot, tokens, prices, opts);
  return Solvency.check(v.spot, tokens, prices, { ...opts, referenceRecords: v.reference });
}

const fixedRecords = new WeakMap<PortfolioPosition, { now: bigint; shared: SharedState; v: PositionValuer; r: SolvencyRecord }>();

/** A spot-only result as the two-valuation result it equals when the reference Records are the spot ones. */
function bothFromSpot(r: SolvencyResult): SolvencyTwoValuationResult {
  const spot = { solvent: r.solvent, usdNet: r.usdNet, nets: r.nets, failingTails: r.failingTails };
  return { ...spot, spot, reference: spot, liquidatable: !spot.solvent, failedValuation: spot.solvent ? undefined : "spot" };
}

/** The feed answers in force: the snapshot's, overridden by `over` (a bare answer is fresh at `now`). */
function pricesOf(shared: SharedState, over: ValuationOptions["prices"], now: bigint, fn: string): SolvencyPrices {
  const out: SolvencyPrices = {};
  for (const t of Object.values(shared.tokens)) {
    if (t.price) out[t.token] = t.price;
    else if (t.feed !== ZERO_ADDRESS) out[t.token] = { answer: 0n, decimals: 0 }; // a reverting feed: InvalidPrice
  }
  if (over !== undefined) {
    if (over === null || typeof over !== "object") throw new InvalidArgumentTypeError(`${fn}: prices must be an object`);
    for (const [k, v] of Object.entries(over)) {
      const key = k.toLowerCase();
      if (typeof v === "bigint") {
        const decimals = shared.tokens[key]?.price?.decimals;
        if (decimals === undefined) throw new MissingPriceError("MissingPrice: a bare answer needs the feed's decimals, which the snapshot lacks", { details: `${fn}: ${k}` });
        out[key] = { answer: v, decimals, updatedAt: now };
      } else if (v !== null && typeof v === "object") {
        out[key] = v;
      } else {
        throw new InvalidArgumentTypeError(`${fn}: prices[${k}] must be a bigint answer or { answer, decimals, updatedAt? }`);
      }
    }
  }
  return out;
}

/** The token table the PM builds (unregistered tokens left out: Solvency raises UnknownToken for them). */
function tokenTableOf(shared: SharedState): SolvencyTokens {
  const out: SolvencyTokens = {};
  for (const t of Object.values(shared.tokens)) {
    if (t.registered) out[t.token] = { varianceX64: t.varianceX64, tail: t.tail, decimals: t.decimals, maxAge: t.maxAge };
  }
  return out;
}

export class Portfolio {
  readonly pm: string;
  readonly owner: string;
  readonly portfolioId: bigint;
  readonly positions: readonly PortfolioPosition[];
  readonly shared: SharedState;
  /** Installs (or replaces) the valuer of a kind of position (see PositionValuer). */
  static registerValuer = registerValuer;
  /** A money market's indexes and rates at `now`, from the Wasm twin (MoneyMarket's accrued views). */
  static marketAt = marketAt;
  /** One portfolio's state as the reader returns it (what `fromChain` values; `fromSnapshot` takes it back). */
  static readState = readPortfolioState;
  /** Solvency checks the last `liquidationPrice` ran (its cost, for benchmarks and diagnostics). */
  static lastSearchProbes = 0;
  private cacheNow: bigint | undefined;
  /** Whether a position's valuer reads prices, as of registry version `registryAt`. */
  private pricesMatter: boolean | undefined;
  private registryAt = -1;
  private cache: Valued | undefined;
  private freed = false;

  private constructor(state: PortfolioState) {
    this.pm = state.pm;
    this.owner = state.owner;
    this.portfolioId = state.portfolioId;
    this.positions = state.positions;
    this.shared = state.shared;
  }

  /**
   * Reads a deployed portfolio: one `eth_call` for positions, registry, feeds, markets and vaults, plus
   * the pool valuers' reads for pool-priced positions (pools, premium ledgers, assets).
   */
  static async fromChain(provider: CallProvider, pm: string, owner: string, portfolioId: bigint | number): Promise<Portfolio> {
    const state = await readPortfolioState(provider, pm, owner, portfolioId);
    await loadPools(provider, state.positions, state.shared);
    return new Portfolio(state);
  }

  /**
   * Reads many portfolios of one PM in parallel (ethers sends them as one JSON-RPC batch) onto one
   * shared state, so markets, vaults and pools are held once. Reads of different blocks are retried.
   */
  static async readMany(provider: CallProvider, pm: string, portfolios: [owner: string, portfolioId: bigint | number][]): Promise<Portfolio[]> {
    for (let attempt = 0; ; attempt++) {
      const states = await Promise.all(portfolios.map(([o, id]) => readPortfolioState(provider, pm, o, id)));
      if (states.length === 0) return [];
      const block = states[0].shared.blockNumber;
      if (!states.every((s) => s.shared.blockNumber === block)) {
        if (attempt === 2) throw new ChainReadError("Portfolio.readMany: the chain kept moving between reads");
        continue;
      }
      const shared = states[0].shared;
      for (const s of states.slice(1)) mergeShared(shared, s.shared);
      await loadPools(provider, states.flatMap((s) => s.positions), shared);
      return states.map((s) => new Portfolio({ ...s, shared }));
    }
  }

  /** A Portfolio from a state read earlier (or synthesised); portfolios built on one `shared` share it. */
  static fromSnapshot(state: PortfolioState): Portfolio {
    if (state === null || typeof state !== "object" || !Array.isArray(state.positions) || state.shared === null || typeof state.shared !== "object") {
      throw new InvalidArgumentTypeError("Portfolio.fromSnapshot: expected { pm, owner, portfolioId, positions, shared }");
    }
    return new Portfolio(state);
  }

  /** Drops the cached Records; the Portfolio may not be used afterwards (shared state stays with its other users). */
  free(): void {
    this.freed = true;
    this.cache = undefined;
  }

  private alive(fn: string): void {
    if (this.freed) throw new InvalidArgumentTypeError(`${fn}: the portfolio was freed`);
  }

  private nowOf(now: bigint | number | undefined, fn: string): bigint {
    if (now === undefined) return this.shared.blockTimestamp;
    const t = typeof now === "number" ? BigInt(aInt(now, 0, Number.MAX_SAFE_INTEGER, "now", fn)) : aBigint(now, 0n, MAX_U64, "now", fn);
    if (t < this.shared.blockTimestamp) {
      throw new NowBeforeSnapshotError("NowBeforeSnapshot: `now` is before the block the snapshot was read at", { details: `${fn}: now ${t}, snapshot at ${this.shared.blockTimestamp}` });
    }
    return t;
  }

  /** `prices` may be a function: the feed answers are then formed only if a valuer reads them. */
  private value(now: bigint, prices: SolvencyPrices | (() => SolvencyPrices), pools: PoolPrices | undefined): Valued {
    if (this.registryAt !== registryVersion) {
      // A valuer was (re)registered since: the cached Records may be another valuer's.
      this.pricesMatter = this.positions.some((p) => valuers.get(p.kind)?.pricesMatter === true);
      this.cache = undefined;
      this.registryAt = registryVersion;
    }
    const pricesMatter = this.pricesMatter;
    if (!pricesMatter && pools === undefined && this.cache !== undefined && this.cacheNow === now) return this.cache;
    let formed: SolvencyPrices | undefined = typeof prices === "function" ? undefined : prices;
    const ctx: ValuationContext = {
      now, shared: this.shared, pools,
      get prices() {
        return (formed ??= (prices as () => SolvencyPrices)());
      },
    };
    const spot: SolvencyRecord[] = [];
    const reference: SolvencyRecord[] = [];
    let same = true;
    let referenceFailed = false;
    let referenceError: unknown;
    for (const p of this.positions) {
      const v = valuers.get(p.kind);
      if (v === undefined || p.kind === "unknown") {
        throw new UnknownProducerError(`UnknownProducer: no valuer for ${p.kind === "unknown" ? "this producer" : `${p.kind} positions`}`, { details: `${p.producer} asset ${p.assetId}` });
      }
      let r: SolvencyRecord;
      if (v.pricesMatter === true) r = v.record(p, ctx);
      else {
        // A Record that reads no price is kept per position and `now`: a price move recomputes only the others.
        const hit = fixedRecords.get(p);
        if (hit !== undefined && hit.now === now && hit.shared === this.shared && hit.v === v) r = hit.r;
        else fixedRecords.set(p, { now, shared: this.shared, v, r: (r = v.record(p, ctx)) });
      }
      spot.push(r);
      if (referenceFailed) continue;
      // A reference Record that fails (a stale feed, no TWAP) fails only what reads the reference valuation.
      try {
        const ref = v.referenceRecord ? v.referenceRecord(p, ctx) : r;
        reference.push(ref);
        same &&= ref === r;
      } catch (e) {
        [referenceFailed, referenceError, same] = [true, e, false];
      }
    }
    const out: Valued = {
      spot, same, referenceFailed,
      get reference() {
        if (referenceFailed) throw referenceError;
        return reference;
      },
    };
    if (!pricesMatter && pools === undefined) [this.cache, this.cacheNow] = [out, now];
    return out;
  }

  /** Each position's Record at `now` (spot prices): equal to `producer.record(assetId)` at that state. */
  records(options: ValuationOptions = {}): SolvencyRecord[] {
    const fn = "Portfolio.records";
    this.alive(fn);
    const now = this.nowOf(options.now, fn);
    return this.value(now, () => pricesOf(this.shared, options.prices, now, fn), options.pools).spot;
  }

  /** Each position's Record at reference prices (`producer.referenceRecord`). */
  referenceRecords(options: ValuationOptions = {}): SolvencyRecord[] {
    const fn = "Portfolio.referenceRecords";
    this.alive(fn);
    const now = this.nowOf(options.now, fn);
    return this.value(now, () => pricesOf(this.shared, options.prices, now, fn), options.pools).reference;
  }

  /**
   * The Solvency verdict under both valuations at `now` and the given prices: `spot` equals
   * `pm.breakdown`, `reference` `pm.referenceBreakdown`, `solvent` `pm.isSolvent`, `liquidatable`
   * `pm.isLiquidatable` (at that state). Throws where the PM reverts (StalePrice, MissingPrice, ...).
   */
  check(options: ValuationOptions = {}): SolvencyTwoValuationResult {
    const fn = "Portfolio.check";
    this.alive(fn);
    const now = this.nowOf(options.now, fn);
    const prices = pricesOf(this.shared, options.prices, now, fn);
    const v = this.value(now, prices, options.pools);
    const opts = { tailRecordUsdDebt: this.shared.tailRecordUsdDebt, now };
    const tokens = tokenTableOf(this.shared);
    const r = checkBoth(v, tokens, prices, opts);
    // An empty portfolio is solvent and never liquidatable (the PM's isLiquidatable).
    if (this.positions.length === 0) r.liquidatable = false;
    return r;
  }

  /**
   * The feed answer of `token` at which the portfolio stops being solvent (`pm.isSolvent` false),
   * holding the other prices: for a token the portfolio is net long, the highest insolvent answer (one
   * more is solvent); net short, the lowest (one less is solvent). `null` when undefined: no exposure to
   * the token (zero net, or not held), never insolvent at any answer in [1, 2^128), or insolvent at all
   * of them (a failing tail, a debt no price covers). Exact search on the integer answer; solvency is
   * monotone in it for Records that read no pool.
   */
  liquidationPrice(token: string, options: ValuationOptions = {}): bigint | null {
    const fn = "Portfolio.liquidationPrice";
    this.alive(fn);
    const key = aAddress(token, fn);
    const now = this.nowOf(options.now, fn);
    const base = pricesOf(this.shared, options.prices, now, fn);
    const tok = this.shared.tokens[key];
    const feedDecimals = base[key]?.decimals ?? tok?.price?.decimals;
    if (tok === undefined || tok.tail || feedDecimals === undefined) return null;
    const tokens = tokenTableOf(this.shared);
    const opts = { tailRecordUsdDebt: this.shared.tailRecordUsdDebt, now };
    Portfolio.lastSearchProbes = 0;
    const at = (answer: bigint): SolvencyTwoValuationResult => {
      Portfolio.lastSearchProbes++;
      const prices = { ...base, [key]: { answer, decimals: feedDecimals, updatedAt: now } };
      const v = this.value(now, prices, options.pools);
      return checkBoth(v, tokens, prices, opts);
    };
    const current = base[key]?.answer ?? 1n;
    const start = current >= 1n && current <= ANSWER_MAX ? current : 1n;
    const r0 = at(start);
    const net = r0.nets[key] ?? 0n;
    if (net === 0n) return null;
    const long = net > 0n;
    // solvent(a) is non-decreasing in a when long, non-increasing when short. Find the boundary:
    // long -> max{a : !solvent(a)}, short -> min{a : !solvent(a)}.
    // Far answers can take the USD total outside int256 (the PM reverts there): the token's own value
    // dominates, solvent on the side away from liquidation.
    const solvent = (a: bigint) => {
      try {
        return at(a).solvent;
      } catch (e) {
        if (e instanceof SolvencyOverflowError) return long ? a > start : a < start;
        throw e;
      }
    };
    const [lo, hi] = [1n, ANSWER_MAX];
    if (long ? solvent(lo) : solvent(hi)) return null; // never insolvent
    if (long ? !solvent(hi) : !solvent(lo)) return null; // always insolvent
    // Start from the linear estimate of the root of the spot USD net, then bracket by doubling steps.
    const estimate = (() => {
      const u0 = r0.spot.usdNet;
      const a1 = start === ANSWER_MAX ? start - 1n : start + 1n;
      let u1: bigint;
      try {
        u1 = at(a1).spot.usdNet;
      } catch (e) {
        if (e instanceof SolvencyOverflowError) return start; // no estimate: the search brackets from here
        throw e;
      }
      const slope = u1 - u0; // per unit of answer (a1 - start = +-1)
      if (slope === 0n) return start;
      const d = start === ANSWER_MAX ? -1n : 1n;
      const root = start - (u0 * d) / slope;
      return root < lo ? lo : root > hi ? hi : root;
    })();
    // Invariant: `bad` insolvent, `good` solvent; long: bad < good, short: good < bad.
    let bad: bigint, good: bigint;
    if (!solvent(estimate)) {
      bad = estimate;
      let step = 1n;
      for (;;) {
        const c = long ? bad + step : bad - step;
        if (long ? c >= hi : c <= lo) { good = long ? hi : lo; break; }
        if (solvent(c)) { good = c; break; }
        bad = c;
        step *= 2n;
      }
    } else {
      good = estimate;
      let step = 1n;
      for (;;) {
        const c = long ? good - step : good + step;
        if (long ? c <= lo : c >= hi) { bad = long ? lo : hi; break; }
        if (!solvent(c)) { bad = c; break; }
        good = c;
        step *= 2n;
      }
    }
    // Bisect to adjacent integers.
    while ((long ? good - bad : bad - good) > 1n) {
      const mid = (bad + good) / 2n;
      if (solvent(mid)) good = mid;
      else bad = mid;
    }
    return bad;
  }

  /**
   * `check` for many portfolios after a price change, in one Wasm netting call (`Solvency.checkMany`).
   * Their shared states must agree on the token table and tailRecordUsdDebt (one PM, as `readMany` gives).
   * Throws as `Solvency.checkMany` for the first failing portfolio.
   */
  static checkMany(portfolios: Portfolio[], options: ValuationOptions = {}): SolvencyTwoValuationResult[] {
    const fn = "Portfolio.checkMany";
    if (!Array.isArray(portfolios)) throw new InvalidArgumentTypeError(`${fn}: portfolios must be an array of Portfolio`);
    if (portfolios.length === 0) return [];
    const first = portfolios[0];
    let shared = first.shared;
    if (!portfolios.every((p) => p.shared === shared)) {
      shared = { ...shared, tokens: { ...shared.tokens }, markets: {}, vaults: {}, pools: {} };
      for (const p of portfolios) mergeShared(shared, p.shared);
    }
    const tokens = tokenTableOf(shared);
    const now = first.nowOf(options.now, fn);
    const prices = pricesOf(shared, options.prices, now, fn);
    const spot: SolvencyRecord[][] = new Array(portfolios.length);
    const reference: (SolvencyRecord[] | undefined)[] = new Array(portfolios.length);
    let anyReference = false;
    for (let i = 0; i < portfolios.length; i++) {
      const p = portfolios[i];
      p.alive(fn);
      p.nowOf(now, fn);
      const v = p.value(now, prices, options.pools);
      spot[i] = v.spot;
      // Portfolios whose reference Records are their spot ones are netted once.
      reference[i] = v.same ? undefined : v.reference;
      anyReference ||= !v.same;
    }
    const opts = { tailRecordUsdDebt: shared.tailRecordUsdDebt, now };
    const out = Solvency.checkMany(spot, tokens, prices, anyReference ? { ...opts, referenceRecords: reference } : opts);
    return out.map((r, i) => {
      const both = reference[i] === undefined ? bothFromSpot(r) : (r as SolvencyTwoValuationResult);
      if (portfolios[i].positions.length === 0) both.liquidatable = false;
      return both;
    });
  }
}

