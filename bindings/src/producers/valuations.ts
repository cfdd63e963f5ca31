/**
 * The 2sAMM producers' valuations in Wasm, exact to the wei: twins of TwoSidedPoolLens.makerValueAt / takerValueAt,
 * TwoSidedPool.premiumGrowthInside, and the `_recordAt` of TwoSidedMakerProducer, TwoSidedTakerProducer and
 * MakerTakerBundler (their `record(assetId)` at the pool's price, `referenceRecord(assetId)` at a reference sqrt
 * price). Each reads a `Pool` (price, ticks, fee growth), its `PremiumLedger` (premium walk), a position as the
 * chain's reader returns it (positions.ts), and a context: the valuation time and the money market's borrow indexes
 * then, which the caller supplies (`MoneyMarket.currentBorrowIndexX64` at `now`; the money-market twin computes it).
 * @module
 */
import { core, r256, w128, w160, w256 } from "../_io.js";
import { check, trapError } from "../call.js";
import { aBigint, aInt, MAX_UINT128, MAX_UINT160, MAX_UINT256 } from "../convert.js";
import { InvalidArgumentTypeError } from "../errors.js";
import type { Pool } from "../Pool.js";
import type { SolvencyRecord } from "../Solvency.js";
import type { PremiumLedger } from "./ledger.js";
import {
  BV_MAKER_LIQUIDITY,
  BV_SQRT_PRICE,
  BV_TAKER,
  BV_TAKER_LIQUIDITY,
  GO_MAKER0,
  GO_MAKER1,
  GO_TAKER0,
  GO_TAKER1,
  MK_LAST,
  MK_LIQUIDITY,
  MK_OWED0,
  MK_OWED1,
  MO_AMOUNT0,
  MO_AMOUNT1,
  MO_OWED0,
  MO_OWED1,
  MV_SQRT_PRICE,
  RO_CREDIT0,
  RO_CREDIT1,
  RO_DEBT0,
  RO_DEBT1,
  RO_DELTA0,
  RO_DELTA1,
  TK_LAST,
  TK_LENT0,
  TK_LENT1,
  TK_LIQUIDITY,
  TK_OWED0,
  TK_OWED1,
  TO_DEBT0,
  TO_DEBT1,
  TO_LENT0,
  TO_LENT1,
  TO_RETURN0,
  TO_RETURN1,
  TV_SQRT_PRICE,
} from "../generated/layout.js";

/** A maker position as the pool keeps it (`makerPositions(key(owner, tickLower, tickUpper))`). */
export interface MakerPosition {
  tickLower: number;
  tickUpper: number;
  liquidity: bigint;
  feeGrowthInside0LastX128: bigint;
  feeGrowthInside1LastX128: bigint;
  premiumInside0LastX128: bigint;
  premiumInside1LastX128: bigint;
  tokensOwed0: bigint;
  tokensOwed1: bigint;
}

/** A taker position as the pool keeps it (`takerPositions(key)`), plus its shares valued when it was read. */
export interface TakerPosition {
  tickLower: number;
  tickUpper: number;
  liquidity: bigint;
  feeGrowthInside0LastX128: bigint;
  feeGrowthInside1LastX128: bigint;
  premiumInside0LastX128: bigint;
  premiumInside1LastX128: bigint;
  owed0: bigint;
  owed1: bigint;
  /** Money-market shares lent for the taker (the pool's token0, token1). */
  shares0: bigint;
  shares1: bigint;
  /**
   * The shares valued as the lens values them when the position was read (`sharesToAmount`, or the shares without
   * a money market): the lent amounts unless the context values the shares at another time.
   */
  lent0: bigint;
  lent1: bigint;
}

/** The producers' per-pool price move of a taker's or bundle's delta (PoolDeltaTicks.deltaTicks(pool)). */
export interface TakerAsset extends TakerPosition {
  deltaTicks: number;
}

/** A MakerTakerBundler asset: both legs as the pool keeps them and the Bundle's own liquidities and delta move. */
export interface BundleAsset {
  maker: MakerPosition;
  taker: TakerPosition;
  /** Bundle.makerLiquidity / takerLiquidity (what the delta's move is priced with). */
  makerLiquidity: bigint;
  takerLiquidity: bigint;
  deltaTicks: number;
}

/**
 * When a valuation is made: `now` (seconds, not before the ledger's snapshot) and the money market's borrow indexes
 * of the pool's token0, token1 at `now` (0n without a money market). A taker's lent tokens are its shares valued by
 * `sharesToAmount(tokenIndex, shares)` when given (the money market's sharesToAmount at `now`: called only for
 * non-zero shares, as the lens does; without a money market the lens takes the shares as the amounts), otherwise the
 * position's `lent0` / `lent1` (valued when it was read).
 */
export interface PoolValuationContext {
  now: bigint | number;
  borrowIndexX64: readonly [bigint, bigint];
  sharesToAmount?: (tokenIndex: 0 | 1, shares: bigint) => bigint;
}

/** TwoSidedPoolLens.MakerValue. */
export interface MakerValue {
  liquidity: bigint;
  amount0: bigint;
  amount1: bigint;
  owed0: bigint;
  owed1: bigint;
}

/** TwoSidedPoolLens.TakerValue. */
export interface TakerValue {
  liquidity: bigint;
  lent0: bigint;
  lent1: bigint;
  returnAmount0: bigint;
  returnAmount1: bigint;
  debt0: bigint;
  debt1: bigint;
}

/** TwoSidedPool.premiumGrowthInside. */
export interface PremiumGrowthInside {
  maker0X128: bigint;
  maker1X128: bigint;
  taker0X128: bigint;
  taker1X128: bigint;
}

function call(where: string, f: () => number): void {
  let code = 0;
  try {
    code = f();
  } catch (e) {
    throw trapError(e, where);
  }
  check(code, where);
}

const tick = (v: unknown, name: string, fn: string) => aInt(v, -887272, 887272, name, fn);

function ctxOf(ctx: PoolValuationContext, fn: string): PoolValuationContext {
  if (ctx === null || typeof ctx !== "object") throw new InvalidArgumentTypeError(`${fn}: ctx must be { now, borrowIndexX64 }`);
  if (!Array.isArray(ctx.borrowIndexX64) || ctx.borrowIndexX64.length !== 2) {
    throw new InvalidArgumentTypeError(`${fn}: ctx.borrowIndexX64 must be [token0's, token1's]`, { details: `got ${String(ctx.borrowIndexX64)}` });
  }
  return ctx;
}

function putMaker(base: number, p: MakerPosition, fn: string): void {
  const io = core().io;
  w128(io, base + MK_LIQUIDITY, aBigint(p.liquidity, 0n, MAX_UINT128, "liquidity", fn));
  w256(io, base + MK_LAST, aBigint(p.feeGrowthInside0LastX128, 0n, MAX_UINT256, "feeGrowthInside0LastX128", fn));
  w256(io, base + MK_LAST + 4, aBigint(p.feeGrowthInside1LastX128, 0n, MAX_UINT256, "feeGrowthInside1LastX128", fn));
  w256(io, base + MK_LAST + 8, aBigint(p.premiumInside0LastX128, 0n, MAX_UINT256, "premiumInside0LastX128", fn));
  w256(io, base + MK_LAST + 12, aBigint(p.premiumInside1LastX128, 0n, MAX_UINT256, "premiumInside1LastX128", fn));
  w128(io, base + MK_OWED0, aBigint(p.tokensOwed0, 0n, MAX_UINT128, "tokensOwed0", fn));
  w128(io, base + MK_OWED1, aBigint(p.tokensOwed1, 0n, MAX_UINT128, "tokensOwed1", fn));
}

function lentOf(p: TakerPosition, ctx: PoolValuationContext, i: 0 | 1, fn: string): bigint {
  const shares = i === 0 ? p.shares0 : p.shares1;
  if (ctx.sharesToAmount === undefined) return aBigint(i === 0 ? p.lent0 : p.lent1, 0n, MAX_UINT256, `lent${i}`, fn);
  if (aBigint(shares, 0n, MAX_UINT256, `shares${i}`, fn) === 0n) return 0n;
  return aBigint(ctx.sharesToAmount(i, shares), 0n, MAX_UINT256, `sharesToAmount(${i})`, fn);
}

function putTaker(base: number, p: TakerPosition, ctx: PoolValuationContext, fn: string): void {
  // the callback runs first: it may call into the core and reuse the IO region
  const lent0 = lentOf(p, ctx, 0, fn), lent1 = lentOf(p, ctx, 1, fn);
  const io = core().io;
  w128(io, base + TK_LIQUIDITY, aBigint(p.liquidity, 0n, MAX_UINT128, "liquidity", fn));
  w256(io, base + TK_LAST, aBigint(p.feeGrowthInside0LastX128, 0n, MAX_UINT256, "feeGrowthInside0LastX128", fn));
  w256(io, base + TK_LAST + 4, aBigint(p.feeGrowthInside1LastX128, 0n, MAX_UINT256, "feeGrowthInside1LastX128", fn));
  w256(io, base + TK_LAST + 8, aBigint(p.premiumInside0LastX128, 0n, MAX_UINT256, "premiumInside0LastX128", fn));
  w256(io, base + TK_LAST + 12, aBigint(p.premiumInside1LastX128, 0n, MAX_UINT256, "premiumInside1LastX128", fn));
  w256(io, base + TK_OWED0, aBigint(p.owed0, 0n, MAX_UINT256, "owed0", fn));
  w256(io, base + TK_OWED1, aBigint(p.owed1, 0n, MAX_UINT256, "owed1", fn));
  w256(io, base + TK_LENT0, lent0);
  w256(io, base + TK_LENT1, lent1);
}

/** The price argument: undefined = the pool's (spot). */
function priceOf(sqrtPriceX96: bigint | undefined, fn: string): bigint | undefined {
  return sqrtPriceX96 === undefined ? undefined : aBigint(sqrtPriceX96, 0n, MAX_UINT160, "sqrtPriceX96", fn);
}

/**
 * The checks every one-range valuation starts with, in this order: the context, the range's bounds, the
 * price asked (undefined: the pool's own), then the ledger walked to ctx.now (its handle).
 */
function prepare(ledger: PremiumLedger, r: { tickLower: number; tickUpper: number }, sqrtPriceX96: bigint | undefined, ctx: PoolValuationContext, fn: string) {
  ctxOf(ctx, fn);
  const lo = tick(r.tickLower, "tickLower", fn), hi = tick(r.tickUpper, "tickUpper", fn);
  const price = priceOf(sqrtPriceX96, fn);
  return { lo, hi, price, lh: ledger._at(ctx.now, ctx.borrowIndexX64, fn) };
}

function poolHandle(pool: Pool): number {
  return pool.handle;
}

/**
 * TwoSidedPoolLens.makerValueAt: the maker position's token amounts at `sqrtPriceX96` (rounded down; undefined: the
 * pool's price) and what it is owed (tokensOwed plus fees and premiums since its last update, accrued to ctx.now).
 * @throws PoolNotFoundError, LedgerNotFoundError, NowBeforeSnapshotError, TickNotInPoolError, InvalidTickRangeError,
 * InvalidTickError, and the math errors the chain reverts with.
 */
export function makerValueAt(pool: Pool, ledger: PremiumLedger, position: MakerPosition, sqrtPriceX96: bigint | undefined, ctx: PoolValuationContext): MakerValue {
  const fn = "makerValueAt";
  const { lo, hi, price, lh } = prepare(ledger, position, sqrtPriceX96, ctx, fn);
  const c = core();
  putMaker(0, position, fn);
  if (price !== undefined) w160(c.io, MV_SQRT_PRICE, price);
  call(fn, () => c.exports.lensMakerValueAt(poolHandle(pool), lh, lo, hi, price === undefined ? 1 : 0));
  const io = core().io;
  return { liquidity: position.liquidity, amount0: r256(io, MO_AMOUNT0), amount1: r256(io, MO_AMOUNT1), owed0: r256(io, MO_OWED0), owed1: r256(io, MO_OWED1) };
}

/**
 * TwoSidedPoolLens.takerValueAt: the taker position's lent tokens (see PoolValuationContext), the tokens needed to put
 * its liquidity back at `sqrtPriceX96` (rounded up; undefined: the pool's price) and its fee and premium debts
 * accrued to ctx.now (rounded up). Errors as makerValueAt.
 */
export function takerValueAt(pool: Pool, ledger: PremiumLedger, position: TakerPosition, sqrtPriceX96: bigint | undefined, ctx: PoolValuationContext): TakerValue {
  const fn = "takerValueAt";
  const { lo, hi, price, lh } = prepare(ledger, position, sqrtPriceX96, ctx, fn);
  putTaker(0, position, ctx, fn);
  const c = core();
  if (price !== undefined) w160(c.io, TV_SQRT_PRICE, price);
  call(fn, () => c.exports.lensTakerValueAt(poolHandle(pool), lh, lo, hi, price === undefined ? 1 : 0));
  const io = core().io;
  return {
    liquidity: position.liquidity,
    lent0: r256(io, TO_LENT0),
    lent1: r256(io, TO_LENT1),
    returnAmount0: r256(io, TO_RETURN0),
    returnAmount1: r256(io, TO_RETURN1),
    debt0: r256(io, TO_DEBT0),
    debt1: r256(io, TO_DEBT1),
  };
}

/**
 * TwoSidedPool.premiumGrowthInside(tickLower, tickUpper) at ctx.now: the sums over the range's segments of the
 * premium accumulators, accrued and not written ((0, 0, 0, 0) before the pool's first take).
 * @throws InvalidTickRangeError, PoolNotFoundError, LedgerNotFoundError, NowBeforeSnapshotError, math errors.
 */
export function premiumGrowthInside(pool: Pool, ledger: PremiumLedger, tickLower: number, tickUpper: number, ctx: Omit<PoolValuationContext, "sharesToAmount">): PremiumGrowthInside {
  const fn = "premiumGrowthInside";
  ctxOf(ctx, fn);
  const lo = tick(tickLower, "tickLower", fn), hi = tick(tickUpper, "tickUpper", fn);
  const lh = ledger._at(ctx.now, ctx.borrowIndexX64, fn);
  const c = core();
  call(fn, () => c.exports.lensPremiumGrowthInside(poolHandle(pool), lh, lo, hi));
  const io = core().io;
  return { maker0X128: r256(io, GO_MAKER0), maker1X128: r256(io, GO_MAKER1), taker0X128: r256(io, GO_TAKER0), taker1X128: r256(io, GO_TAKER1) };
}

function readRecord(ledger: PremiumLedger): SolvencyRecord {
  const io = core().io;
  return {
    tokens: [ledger.token0, ledger.token1],
    credit: [r256(io, RO_CREDIT0), r256(io, RO_CREDIT1)],
    debt: [r256(io, RO_DEBT0), r256(io, RO_DEBT1)],
    delta: [r256(io, RO_DELTA0), r256(io, RO_DELTA1)],
  };
}

const deltaTicksOf = (d: unknown, fn: string) => aInt(d, 1, 887272, "deltaTicks", fn);

/**
 * TwoSidedMakerProducer's Record of a maker asset: `record(assetId)` with `sqrtPriceX96` undefined (the pool's spot
 * price), `referenceRecord(assetId)` with the reference sqrt price. Tokens (token0, token1) from the ledger.
 * @throws as makerValueAt, InvalidSqrtPriceError (a reference price outside the tick range), ArithmeticOverflowError.
 */
export function makerRecordAt(pool: Pool, ledger: PremiumLedger, position: MakerPosition, sqrtPriceX96: bigint | undefined, ctx: PoolValuationContext): SolvencyRecord {
  const fn = "makerRecordAt";
  const { lo, hi, price, lh } = prepare(ledger, position, sqrtPriceX96, ctx, fn);
  const c = core();
  putMaker(0, position, fn);
  if (price !== undefined) w160(c.io, MV_SQRT_PRICE, price);
  call(fn, () => c.exports.makerRecordAt(poolHandle(pool), lh, lo, hi, price === undefined ? 1 : 0));
  return readRecord(ledger);
}

/**
 * TwoSidedTakerProducer's Record of a taker asset (credit: lent; debt: return amounts plus debts; delta: the
 * growth of the return amounts over the asset's `deltaTicks` move from the valuation tick), at spot or at a
 * reference sqrt price as makerRecordAt.
 */
export function takerRecordAt(pool: Pool, ledger: PremiumLedger, position: TakerAsset, sqrtPriceX96: bigint | undefined, ctx: PoolValuationContext): SolvencyRecord {
  const fn = "takerRecordAt";
  const { lo, hi, price, lh } = prepare(ledger, position, sqrtPriceX96, ctx, fn);
  const d = deltaTicksOf(position.deltaTicks, fn);
  putTaker(0, position, ctx, fn);
  const c = core();
  if (price !== undefined) w160(c.io, TV_SQRT_PRICE, price);
  call(fn, () => c.exports.takerRecordAt(poolHandle(pool), lh, lo, hi, d, price === undefined ? 1 : 0));
  return readRecord(ledger);
}

/**
 * MakerTakerBundler's Record of a bundle (both legs netted in kind; the bundle's delta), at spot or at a reference
 * sqrt price as makerRecordAt.
 */
export function bundleRecordAt(pool: Pool, ledger: PremiumLedger, bundle: BundleAsset, sqrtPriceX96: bigint | undefined, ctx: PoolValuationContext): SolvencyRecord {
  const fn = "bundleRecordAt";
  ctxOf(ctx, fn);
  const m = bundle.maker, t = bundle.taker;
  const ml = tick(m.tickLower, "maker.tickLower", fn), mu = tick(m.tickUpper, "maker.tickUpper", fn);
  const tl = tick(t.tickLower, "taker.tickLower", fn), tu = tick(t.tickUpper, "taker.tickUpper", fn);
  const d = deltaTicksOf(bundle.deltaTicks, fn);
  const price = priceOf(sqrtPriceX96, fn);
  const lh = ledger._at(ctx.now, ctx.borrowIndexX64, fn);
  putTaker(BV_TAKER, t, ctx, fn);
  const c = core();
  putMaker(0, m, fn);
  w128(c.io, BV_MAKER_LIQUIDITY, aBigint(bundle.makerLiquidity, 0n, MAX_UINT128, "makerLiquidity", fn));
  w128(c.io, BV_TAKER_LIQUIDITY, aBigint(bundle.takerLiquidity, 0n, MAX_UINT128, "takerLiquidity", fn));
  if (price !== undefined) w160(c.io, BV_SQRT_PRICE, price);
  call(fn, () => c.exports.bundleRecordAt(poolHandle(pool), lh, ml, mu, tl, tu, d, price === undefined ? 1 : 0));
  return readRecord(ledger);
}
