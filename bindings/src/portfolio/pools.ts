/**
 * Internal: the built-in valuers of the pool-priced positions of a Portfolio (2sAMM makers, takers, bundles,
 * Uniswap V3 positions). `load` reads each pool once per shared state (Pool.fromChain and PremiumLedger.fromChain
 * for a 2sAMM pool, slot0 / fee growth / the ranges' ticks for a Uniswap V3 pool), the pool's money-market state
 * (so the premium walk and a taker's lent shares move with `now`), and each producer's assets in one read per
 * producer. `record` values at the pool's price (or a what-if `ctx.pools[pool].sqrtPriceX96`), `referenceRecord`
 * at `pm.referenceSqrtPriceX96`'s price: the feeds' when both tokens have one, else the TWAP read at load time.
 * docs/portfolio.md, "Pool-priced positions".
 * @module
 */
import { Pool } from "../Pool.js";
import { PremiumLedger } from "../producers/ledger.js";
import { makerAssetsFromChain, takerAssetsFromChain, bundleAssetsFromChain, type MakerAssetData, type TakerAssetData, type BundleAssetData } from "../producers/positions.js";
import { makerRecordAt, takerRecordAt, bundleRecordAt, type PoolValuationContext } from "../producers/valuations.js";
import { addressWord, toAddress, word, words } from "../producers/chain.js";
import * as ReferencePrice from "../ReferencePrice.js";
import { uniswapV3PositionRecordAt, type UniswapV3PoolState, type UniswapV3PositionState } from "../integrators.js";
import { ChainReadError, type CallProvider } from "../chain.js";
import { InvalidPriceError, MissingPriceError, StalePriceError, TwapUnavailableError, UnknownAssetError } from "../errors.js";
import type { SolvencyRecord } from "../Solvency.js";
import type { MarketState, PortfolioPosition, PositionKind, PositionValuer, SharedState, ValuationContext } from "../Portfolio.js";

/** What the Portfolio lends the pool valuers: its money-market twin. */
export interface MarketTwin {
  borrowIndexAt(m: MarketState, now: bigint): bigint;
  lendAmountAt(m: MarketState, shares: bigint, now: bigint): bigint;
}

/** A 2sAMM pool as loaded: the Wasm pool and premium ledger, and its money market's state of token0, token1. */
export interface TwoSidedPoolData {
  type: "2sAMM";
  pool: Pool;
  ledger: PremiumLedger;
  token0: string;
  token1: string;
  moneyMarket: string;
  /** storedMarket + rateModel of token0, token1 (undefined without a money market). */
  markets?: [MarketState, MarketState];
  reference: ChainReference;
}

/** A Uniswap V3 pool as loaded: slot0, global fee growth and the ticks its positions' ranges read. */
export interface UniswapPoolData {
  type: "uniswapV3";
  token0: string;
  token1: string;
  sqrtPriceX96: bigint;
  tick: number;
  feeGrowthGlobal0X128: bigint;
  feeGrowthGlobal1X128: bigint;
  ticks: { [tick: number]: { feeGrowthOutside0X128: bigint; feeGrowthOutside1X128: bigint } };
  reference: ChainReference;
}

/**
 * The reference price read from the chain at load time, for a pool whose tokens do not both have feeds (the PM
 * then takes the pool's TWAP, which the snapshot cannot recompute): the sqrt price, or the read's failure.
 */
export interface ChainReference {
  sqrtPriceX96?: bigint;
  error?: string;
}

/** A Uniswap V3 asset as loaded: its position (NonfungiblePositionManager.positions) and the pool's moveTicks. */
export interface UniswapAssetData {
  tokenId: bigint;
  pool: string;
  moveTicks: number;
  position: UniswapV3PositionState;
}

const ZERO = "0x" + "0".repeat(40);
const sel = {
  moneyMarket: "d6d75f51",
  storedMarket: "0489f5fb",
  rateModel: "0d806000",
  referenceSqrtPriceX96: "6e731efb",
  positions: "99fbab88",
  positionManager: "791b98bc",
  pools: "a4063dbc",
  slot0: "3850c7bd",
  feeGrowthGlobal0X128: "f3058399",
  feeGrowthGlobal1X128: "46141319",
  ticks: "f30dba93",
};

async function view(provider: CallProvider, to: string, data: string, what: string): Promise<bigint[]> {
  let ret: string;
  try {
    ret = await provider.call({ to, data: "0x" + data });
  } catch (e) {
    throw new ChainReadError(`${what} failed`, { details: (e as Error).message, cause: e });
  }
  return words(ret, what);
}

const i24 = (w: bigint) => Number(BigInt.asIntN(24, w));
const groupBy = <T, K>(xs: readonly T[], key: (x: T) => K) => {
  const m = new Map<K, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
};

/** `pm.referenceSqrtPriceX96(pool)` at the latest block, kept for pools whose reference is their TWAP. */
async function chainReference(provider: CallProvider, shared: SharedState, pool: string, t0: string, t1: string): Promise<ChainReference> {
  if (feedOf(shared, t0) && feedOf(shared, t1)) return {}; // from the feeds, at valuation time
  if (shared.pm === undefined) return { error: "the shared state names no Portfolio Manager" };
  try {
    const w = await view(provider, shared.pm, sel.referenceSqrtPriceX96 + addressWord(pool), "referenceSqrtPriceX96");
    return { sqrtPriceX96: w[0] };
  } catch (e) {
    return { error: String((e as Error).message) };
  }
}

const feedOf = (shared: SharedState, t: string) => {
  const f = shared.tokens[t]?.feed;
  return f !== undefined && f !== ZERO;
};

/** The PM's `_price(token)` at `now`: the answer and feed decimals, or its error. */
function priceFor(ctx: ValuationContext, t: string): { answer: bigint; decimals: number } {
  const p = ctx.prices[t];
  if (p === undefined) throw new MissingPriceError("MissingPrice: no feed answer for a pool token's reference price", { details: t });
  if (p.answer <= 0n || p.answer >= 1n << 128n || p.decimals > 36) throw new InvalidPriceError("InvalidPrice: a pool token's feed answer is not usable", { details: t });
  const info = ctx.shared.tokens[t];
  const updatedAt = p.updatedAt === undefined ? ctx.now : BigInt(p.updatedAt);
  if (info !== undefined && (updatedAt > ctx.now || ctx.now - updatedAt > BigInt(info.maxAge))) {
    throw new StalePriceError("StalePrice: a pool token's feed is older than its maxAge", { details: `${t} updated at ${updatedAt}` });
  }
  return { answer: p.answer, decimals: p.decimals };
}

// Reference prices per feed-answer table: every pool is priced once per table (one Wasm call per pool per batch).
const referenceCache = new WeakMap<object, Map<string, { now: bigint; v: bigint | Error }>>();

/** `pm.referenceSqrtPriceX96(pool)` in the context (feeds in force, or the TWAP read at load). */
export function referenceSqrtPriceX96(ctx: ValuationContext, pool: string, t0: string, t1: string, chain: ChainReference): bigint {
  const prices = ctx.prices;
  let m = referenceCache.get(prices);
  if (m === undefined) referenceCache.set(prices, (m = new Map()));
  const hit = m.get(pool);
  let v: bigint | Error;
  if (hit !== undefined && hit.now === ctx.now) v = hit.v;
  else {
    try {
      if (feedOf(ctx.shared, t0) && feedOf(ctx.shared, t1)) {
        const p0 = priceFor(ctx, t0), p1 = priceFor(ctx, t1);
        v = ReferencePrice.oracleSqrtPriceX96({
          answer0: p0.answer, feedDecimals0: p0.decimals, tokenDecimals0: ctx.shared.tokens[t0].decimals,
          answer1: p1.answer, feedDecimals1: p1.decimals, tokenDecimals1: ctx.shared.tokens[t1].decimals,
        });
      } else if (chain.sqrtPriceX96 !== undefined) {
        v = chain.sqrtPriceX96;
      } else {
        v = new TwapUnavailableError("TwapUnavailable: the pool's reference price could not be read", { details: chain.error, pool });
      }
    } catch (e) {
      v = e as Error;
    }
    m.set(pool, { now: ctx.now, v });
  }
  if (v instanceof Error) throw v;
  return v;
}

/* ------------------------------------------------------------------------------------------ 2sAMM */

function need<T>(v: T | undefined, what: string, p: PortfolioPosition): T {
  if (v === undefined) throw new UnknownAssetError(`UnknownAsset: the snapshot lacks the ${what} of a ${p.kind} position`, { details: `${p.producer} asset ${p.assetId}` });
  return v;
}

async function loadTwoSidedPool(provider: CallProvider, shared: SharedState, pool: string): Promise<TwoSidedPoolData> {
  const [p, ledger, mmw] = await Promise.all([Pool.fromChain(provider, pool), PremiumLedger.fromChain(provider, pool), view(provider, pool, sel.moneyMarket, "moneyMarket")]);
  const moneyMarket = toAddress(mmw[0]);
  const token0 = ledger.token0, token1 = ledger.token1;
  let markets: [MarketState, MarketState] | undefined;
  if (moneyMarket !== ZERO) {
    const read = async (token: string): Promise<MarketState> => {
      const key = `${moneyMarket}:${token}`;
      if (shared.markets[key] !== undefined) return shared.markets[key];
      const [s, r] = await Promise.all([
        view(provider, moneyMarket, sel.storedMarket + addressWord(token), "storedMarket"),
        view(provider, moneyMarket, sel.rateModel + addressWord(token), "rateModel"),
      ]);
      const m: MarketState = {
        market: moneyMarket, token, lastAccrual: s[0], lendIndexX64: s[1], borrowIndexX64: s[2], totalLendShares: s[3], totalBorrowShares: s[4],
        baseRateX64: r[0], slope1X64: r[1], kinkX64: r[2], slope2X64: r[3], reserveShareX64: r[4],
      };
      return (shared.markets[key] = m);
    };
    markets = await Promise.all([read(token0), read(token1)]);
  }
  return { type: "2sAMM", pool: p, ledger, token0, token1, moneyMarket, markets, reference: await chainReference(provider, shared, pool, token0, token1) };
}

async function loadTwoSided(provider: CallProvider, positions: PortfolioPosition[], shared: SharedState): Promise<void> {
  const pools = [...new Set(positions.map((p) => p.pool!))].filter((a) => shared.pools[a] === undefined);
  const loaded = await Promise.all(pools.map((a) => loadTwoSidedPool(provider, shared, a)));
  pools.forEach((a, i) => (shared.pools[a] = loaded[i]));
  // One read per producer and kind, for the assets not yet loaded.
  const todo = positions.filter((p) => p.asset === undefined);
  await Promise.all(
    [...groupBy(todo, (p) => `${p.kind}:${p.producer}`).values()].map(async (ps) => {
      const read = ps[0].kind === "maker" ? makerAssetsFromChain : ps[0].kind === "taker" ? takerAssetsFromChain : bundleAssetsFromChain;
      const rows = await read(provider, ps[0].producer, ps.map((p) => p.assetId));
      ps.forEach((p, i) => (p.asset = rows[i]));
    }),
  );
}

function twoSidedOf(p: PortfolioPosition, ctx: ValuationContext): TwoSidedPoolData {
  const d = need(ctx.shared.pools[need(p.pool, "pool", p)] as TwoSidedPoolData | undefined, "pool state", p);
  if (d.type !== "2sAMM") throw new UnknownAssetError("UnknownAsset: the position's pool was loaded as another kind", { details: p.pool });
  return d;
}

// The valuation context of a pool at a time: the money market's borrow indexes then, and its lend twin.
const poolContexts = new WeakMap<TwoSidedPoolData, { now: bigint; ctx: PoolValuationContext }>();

function poolContext(d: TwoSidedPoolData, now: bigint, twin: MarketTwin): PoolValuationContext {
  const hit = poolContexts.get(d);
  if (hit !== undefined && hit.now === now) return hit.ctx;
  const ms = d.markets;
  const ctx: PoolValuationContext = ms === undefined
    ? { now, borrowIndexX64: [0n, 0n] }
    : {
        now,
        borrowIndexX64: [twin.borrowIndexAt(ms[0], now), twin.borrowIndexAt(ms[1], now)],
        sharesToAmount: (i, shares) => twin.lendAmountAt(ms[i], shares, now),
      };
  poolContexts.set(d, { now, ctx });
  return ctx;
}

/** Per-position caches: a Record is recomputed only when its price, time or shared state changes. */
interface Cached { shared: SharedState; now: bigint; price: bigint | undefined; r: SolvencyRecord }
const spotCache = new WeakMap<PortfolioPosition, Cached>();
const refCache = new WeakMap<PortfolioPosition, Cached>();

function cached(cache: WeakMap<PortfolioPosition, Cached>, p: PortfolioPosition, ctx: ValuationContext, price: bigint | undefined, f: () => SolvencyRecord): SolvencyRecord {
  const hit = cache.get(p);
  if (hit !== undefined && hit.shared === ctx.shared && hit.now === ctx.now && hit.price === price) return hit.r;
  const r = f();
  cache.set(p, { shared: ctx.shared, now: ctx.now, price, r });
  return r;
}

const whatIf = (p: PortfolioPosition, ctx: ValuationContext) => (ctx.pools === undefined ? undefined : ctx.pools[p.pool!]?.sqrtPriceX96 ?? ctx.pools[p.pool!.toLowerCase()]?.sqrtPriceX96);

function twoSidedValuer(kind: "maker" | "taker" | "bundle", twin: MarketTwin): PositionValuer {
  const at = (p: PortfolioPosition, ctx: ValuationContext, price: bigint | undefined): SolvencyRecord => {
    const d = twoSidedOf(p, ctx);
    const pc = poolContext(d, ctx.now, twin);
    const a = need(p.asset, "asset data", p);
    if (kind === "maker") return makerRecordAt(d.pool, d.ledger, a as MakerAssetData, price, pc);
    if (kind === "taker") return takerRecordAt(d.pool, d.ledger, a as TakerAssetData, price, pc);
    return bundleRecordAt(d.pool, d.ledger, a as BundleAssetData, price, pc);
  };
  return {
    pricesMatter: true,
    load: loadTwoSided,
    record(p, ctx) {
      const price = whatIf(p, ctx);
      return cached(spotCache, p, ctx, price, () => at(p, ctx, price));
    },
    referenceRecord(p, ctx) {
      const d = twoSidedOf(p, ctx);
      const price = referenceSqrtPriceX96(ctx, p.pool!, d.token0, d.token1, d.reference);
      return cached(refCache, p, ctx, price, () => at(p, ctx, price));
    },
  };
}

/* ------------------------------------------------------------------------------------- Uniswap V3 */

async function loadUniswap(provider: CallProvider, positions: PortfolioPosition[], shared: SharedState): Promise<void> {
  const todo = positions.filter((p) => p.asset === undefined);
  // Per producer: its position manager; per asset: the integrator's entry, the NFT's position, the pool's moveTicks.
  await Promise.all(
    [...groupBy(todo, (p) => p.producer).values()].map(async (ps) => {
      const producer = ps[0].producer;
      const npm = toAddress((await view(provider, producer, sel.positionManager, "positionManager"))[0]);
      await Promise.all(
        ps.map(async (p) => {
          const e = await view(provider, producer, sel.positions + word(p.assetId), "UniswapV3PositionIntegrator.positions");
          const [tokenId, pool] = [e[0], toAddress(e[1])];
          if (pool === ZERO) throw new ChainReadError(`UniswapV3PositionIntegrator: UnknownAsset(${p.assetId})`, { details: producer });
          const [w, cfg] = await Promise.all([
            view(provider, npm, sel.positions + word(tokenId), "NonfungiblePositionManager.positions"),
            view(provider, producer, sel.pools + addressWord(pool), "UniswapV3PositionIntegrator.pools"),
          ]);
          const position: UniswapV3PositionState = {
            token0: toAddress(w[2]), token1: toAddress(w[3]), tickLower: i24(w[5]), tickUpper: i24(w[6]), liquidity: w[7],
            feeGrowthInside0LastX128: w[8], feeGrowthInside1LastX128: w[9], tokensOwed0: w[10], tokensOwed1: w[11],
          };
          p.asset = { tokenId, pool, moveTicks: i24(cfg[1]), position } satisfies UniswapAssetData;
        }),
      );
    }),
  );
  // Per pool: slot0 and fee growth once, the ticks every loaded position's range reads.
  await Promise.all(
    [...groupBy(positions, (p) => p.pool!).entries()].map(async ([pool, ps]) => {
      let d = shared.pools[pool] as UniswapPoolData | undefined;
      if (d === undefined) {
        const [s0, g0, g1] = await Promise.all([
          view(provider, pool, sel.slot0, "slot0"), view(provider, pool, sel.feeGrowthGlobal0X128, "feeGrowthGlobal0X128"), view(provider, pool, sel.feeGrowthGlobal1X128, "feeGrowthGlobal1X128"),
        ]);
        const { token0, token1 } = (ps[0].asset as UniswapAssetData).position;
        d = {
          type: "uniswapV3", token0, token1, sqrtPriceX96: s0[0], tick: i24(s0[1]), feeGrowthGlobal0X128: g0[0], feeGrowthGlobal1X128: g1[0], ticks: {},
          reference: await chainReference(provider, shared, pool, token0, token1),
        };
        shared.pools[pool] = d;
      }
      const want = [...new Set(ps.flatMap((p) => [(p.asset as UniswapAssetData).position.tickLower, (p.asset as UniswapAssetData).position.tickUpper]))].filter((t) => d!.ticks[t] === undefined);
      const got = await Promise.all(want.map((t) => view(provider, pool, sel.ticks + word(BigInt(t)), "ticks")));
      want.forEach((t, i) => (d!.ticks[t] = { feeGrowthOutside0X128: got[i][2], feeGrowthOutside1X128: got[i][3] }));
    }),
  );
}

function uniswapOf(p: PortfolioPosition, ctx: ValuationContext): { d: UniswapPoolData; a: UniswapAssetData; s: UniswapV3PoolState } {
  const d = need(ctx.shared.pools[need(p.pool, "pool", p)] as UniswapPoolData | undefined, "pool state", p);
  if (d.type !== "uniswapV3") throw new UnknownAssetError("UnknownAsset: the position's pool was loaded as another kind", { details: p.pool });
  const a = need(p.asset as UniswapAssetData | undefined, "asset data", p);
  const lower = need(d.ticks[a.position.tickLower], "lower tick", p), upper = need(d.ticks[a.position.tickUpper], "upper tick", p);
  return { d, a, s: { sqrtPriceX96: d.sqrtPriceX96, tick: d.tick, feeGrowthGlobal0X128: d.feeGrowthGlobal0X128, feeGrowthGlobal1X128: d.feeGrowthGlobal1X128, lower, upper } };
}

const uniswapValuer: PositionValuer = {
  pricesMatter: true,
  load: loadUniswap,
  record(p, ctx) {
    const price = whatIf(p, ctx);
    return cached(spotCache, p, ctx, price, () => {
      const { a, s } = uniswapOf(p, ctx);
      return uniswapV3PositionRecordAt(s, a.position, a.moveTicks, price ?? s.sqrtPriceX96);
    });
  },
  referenceRecord(p, ctx) {
    const { d } = uniswapOf(p, ctx);
    const price = referenceSqrtPriceX96(ctx, p.pool!, d.token0, d.token1, d.reference);
    return cached(refCache, p, ctx, price, () => {
      const { a, s } = uniswapOf(p, ctx);
      return uniswapV3PositionRecordAt(s, a.position, a.moveTicks, price);
    });
  },
};

/** The built-in pool valuers, on the Portfolio's money-market twin. */
export function poolValuers(twin: MarketTwin): [PositionKind, PositionValuer][] {
  return [
    ["maker", twoSidedValuer("maker", twin)],
    ["taker", twoSidedValuer("taker", twin)],
    ["bundle", twoSidedValuer("bundle", twin)],
    ["uniswapV3", uniswapValuer],
  ];
}
