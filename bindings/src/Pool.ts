/**
 * Pool: a 2sAMM pool whose state lives in Wasm memory (this object holds only a
 * handle). Swaps and quotes run Uniswap V3's swap loop entirely inside Wasm, so
 * one quote is one boundary crossing whatever the number of ticks it crosses.
 * Rules: docs/math.md, "The 2sAMM pool".
 * @module
 */
import { check, trapError } from "./call.js";
import { aBigint, aBool, aInt, MAX_INT256, MAX_UINT128, MAX_UINT160, MAX_UINT256, MIN_INT128, MAX_INT128, MIN_INT256 } from "./convert.js";
import { E_POOL_NOT_FOUND, InvalidArgumentTypeError, PoolNotFoundError } from "./errors.js";
import { getCore, type Core } from "./wasm.js";
import { getFast, getIntFast, hotCore, putFast, r128, r256, w128, w256, type Hot } from "./_io.js";
import {
  QUOTE_STRIDE, S_FEE, S_FG0, S_FG1, S_LIQUIDITY, S_MAKER, S_PF0, S_PF1, S_SQRT_PRICE, S_TAKER, S_TICK, STATE_WORDS,
  SWAP_AMOUNT0, SWAP_AMOUNT1, SWAP_FEE, SWAP_PROTOCOL_FEE, SWAP_STATE,
  T_FGO0, T_FGO1, T_GROSS, T_MAKER_NET, T_TAKER_NET, T_TICK, TICK_STRIDE,
} from "./generated/layout.js";
import { poolFromChain, type CallProvider } from "./chain.js";

/** Lowest sqrt price (getSqrtRatioAtTick(MIN_TICK)). */
const MIN_SQRT_RATIO = 4295128739n;
/** Highest sqrt price bound (getSqrtRatioAtTick(MAX_TICK)). */
const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n;

/** 32-bit words of the default limits MIN_SQRT_RATIO + 1 and MAX_SQRT_RATIO - 1 (as 4 limbs). */
const limitWords = (v: bigint) => Uint32Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(32 * i)) & 0xffffffffn));
const MIN_LIMIT_WORDS = limitWords(MIN_SQRT_RATIO + 1n);
const MAX_LIMIT_WORDS = limitWords(MAX_SQRT_RATIO - 1n);
const I32_MAX = 2 ** 31 - 1;
// The last explicit limit and its words: a caller quoting many amounts usually keeps one limit.
let lastLimit = -1n;
let lastLimitWords = MIN_LIMIT_WORDS;
function limitWordsOf(limit: bigint): Uint32Array {
  if (limit !== lastLimit) {
    lastLimitWords = limitWords(limit);
    lastLimit = limit;
  }
  return lastLimitWords;
}

/** Dynamic fee curve parameters, in pips (see FeeCurve). */
export interface FeeParams {
  minFeePips: number;
  midFeePips: number;
  maxFeePips: number;
}

/** `new Pool(config)`. */
export interface PoolConfig {
  /** Initial price, in [MIN_SQRT_RATIO, MAX_SQRT_RATIO). */
  sqrtPriceX96: bigint;
  /** Tick spacing, in [1, 16384]. */
  tickSpacing: number;
  /** A number is a flat fee in pips; default: the curve 100 / 5000 / 50000. */
  fee?: number | FeeParams;
  /** Protocol share of each swap fee, in millionths of that fee (default 50_000 = 5%). */
  protocolFeePips?: number;
  /** Max taker/maker liquidity ratio at any price, in pips (default 700_000 = 70%). */
  takerCapPips?: number;
}

/** A swap or quote, with Uniswap's sign convention. */
export interface SwapParameters {
  /** true: token0 in, price down. */
  zeroForOne: boolean;
  /** > 0 exact input, < 0 exact output (int256). */
  amountSpecified: bigint;
  /** The price the swap may not pass; default MIN_SQRT_RATIO + 1 (zeroForOne) or MAX_SQRT_RATIO - 1. */
  sqrtPriceLimitX96?: bigint;
}

/** Result of a swap or quote. */
export interface SwapReturnType {
  /** Pool balance deltas: positive = paid into the pool. */
  amount0: bigint;
  amount1: bigint;
  /** State after the swap. */
  sqrtPriceX96: bigint;
  tick: number;
  /** Active liquidity (maker - taker) after the swap. */
  liquidity: bigint;
  makerLiquidity: bigint;
  takerLiquidity: bigint;
  feeGrowthGlobal0X128: bigint;
  feeGrowthGlobal1X128: bigint;
  /** Total fee paid, in the input token (protocol share included). */
  feeAmount: bigint;
  /** The protocol's share of `feeAmount`. */
  protocolFee: bigint;
}

/** `pool.quoteMany` input: one price limit and direction for many amounts. */
export interface QuoteManyParameters {
  zeroForOne: boolean;
  /** Amounts specified (int256 each): a bigint array or a BigInt64Array. */
  amounts: ArrayLike<bigint>;
  sqrtPriceLimitX96?: bigint;
}

/** `pool.quoteMany` output: entry i is the quote of amounts[i]. */
export interface QuoteManyReturnType {
  amount0: bigint[];
  amount1: bigint[];
  sqrtPriceX96: bigint[];
  tick: Int32Array;
}

/** Token amounts. */
export interface Amounts {
  amount0: bigint;
  amount1: bigint;
}

/** One initialized tick (a snapshot row). */
export interface TickInfo {
  tick: number;
  /** Maker gross + taker gross liquidity referencing the tick. */
  liquidityGross: bigint;
  /** Maker liquidity added when the price crosses the tick left to right (int128). */
  makerLiquidityNet: bigint;
  /** Taker liquidity added when the price crosses the tick left to right (int128). */
  takerLiquidityNet: bigint;
  feeGrowthOutside0X128: bigint;
  feeGrowthOutside1X128: bigint;
}

/** The scalar state of a pool (a snapshot). Active liquidity is derived: maker - taker. */
export interface PoolState {
  sqrtPriceX96: bigint;
  tick: number;
  makerLiquidity: bigint;
  takerLiquidity: bigint;
  feeGrowthGlobal0X128: bigint;
  feeGrowthGlobal1X128: bigint;
  protocolFees0?: bigint;
  protocolFees1?: bigint;
}

// Pools dropped without free() release their Wasm memory when collected.
const registry = new FinalizationRegistry<number>((handle) => {
  try {
    getCore().exports.poolDestroy(handle);
  } catch {
    // the core is gone: nothing to free
  }
});

/** A non-number or out-of-i32 value becomes one the engine rejects with the right error. */
function i32OrInvalid(x: number, invalid: number): number {
  return x >= -I32_MAX - 1 && x <= I32_MAX ? x : invalid;
}

function pips(value: unknown, name: string): number {
  aInt(value, -Infinity, Infinity, name, "Pool");
  // Negative or huge values become one above 1e6: the engine names the error.
  return (value as number) >= 0 && (value as number) <= I32_MAX ? (value as number) : I32_MAX;
}

/** Calls an export returning an error code: typed error for a code, WasmTrapError for a trap. */
function run(where: string, f: () => number): void {
  let code = 0;
  try {
    code = f();
  } catch (e) {
    trap(e, where);
  }
  if (code !== 0) check(code, where);
}

function trap(e: unknown, where: string): never {
  throw trapError(e, where);
}

/**
 * A 2sAMM pool resident in Wasm memory.
 * @example
 * import { init, Pool } from "itos-core";
 * await init();
 * const pool = new Pool({ sqrtPriceX96: 1n << 96n, tickSpacing: 60, fee: 3000, protocolFeePips: 0 });
 * pool.mint(-887220, 887220, 10n ** 18n);
 * pool.quote({ zeroForOne: true, amountSpecified: 10n ** 15n }).amount1; // -996006981039903n
 * pool.free();
 */
export class Pool {
  readonly tickSpacing: number;
  readonly feeParams: Readonly<FeeParams>;
  readonly protocolFeePips: number;
  readonly takerCapPips: number;
  #handle: number;

  /**
   * @throws InvalidTickSpacingError, InvalidFeeParamsError, InvalidProtocolFeeError, InvalidTakerCapError,
   * InvalidSqrtPriceError (checked in that order); InvalidArgumentTypeError / ValueOutOfRangeError for bad JS values.
   */
  constructor(config: PoolConfig) {
    if (typeof config !== "object" || config === null) throw new InvalidArgumentTypeError("Pool: config must be an object");
    const { sqrtPriceX96, tickSpacing, fee, protocolFeePips = 50_000, takerCapPips = 700_000 } = config;
    aBigint(sqrtPriceX96, 0n, MAX_UINT160, "sqrtPriceX96", "Pool");
    aInt(tickSpacing, -Infinity, Infinity, "tickSpacing", "Pool");
    let params: FeeParams;
    if (fee === undefined) params = { minFeePips: 100, midFeePips: 5000, maxFeePips: 50000 };
    else if (typeof fee === "number") {
      const f = pips(fee, "fee");
      params = { minFeePips: f, midFeePips: f, maxFeePips: f };
    } else if (typeof fee === "object" && fee !== null) {
      params = { minFeePips: pips(fee.minFeePips, "fee.minFeePips"), midFeePips: pips(fee.midFeePips, "fee.midFeePips"), maxFeePips: pips(fee.maxFeePips, "fee.maxFeePips") };
    } else throw new InvalidArgumentTypeError("Pool: fee must be a number or { minFeePips, midFeePips, maxFeePips }");
    const protocol = pips(protocolFeePips, "protocolFeePips");
    const cap = pips(takerCapPips, "takerCapPips");
    const ts = i32OrInvalid(tickSpacing, 0);
    const core = getCore();
    w256(core.io, 0, sqrtPriceX96);
    try {
      check(core.exports.poolCreate(ts, params.minFeePips, params.midFeePips, params.maxFeePips, protocol, cap), "Pool");
    } catch (e) {
      trap(e, "Pool");
    }
    this.#handle = Number(getCore().io[0]);
    this.tickSpacing = ts;
    this.feeParams = Object.freeze(params);
    this.protocolFeePips = protocol;
    this.takerCapPips = cap;
    registry.register(this, this.#handle, this);
  }

  /** The engine handle (for diagnostics). */
  get handle(): number {
    return this.#handle;
  }

  /** Frees the pool's Wasm memory; the object is unusable after (PoolNotFoundError). Idempotent. */
  free(): void {
    if (this.#handle === 0) return;
    registry.unregister(this);
    run("Pool.free", () => getCore().exports.poolDestroy(this.#handle));
    this.#handle = 0;
  }

  #h(where: string): number {
    if (this.#handle === 0) throw new PoolNotFoundError("PoolNotFound: no pool behind this handle (never created, or freed)", { details: where });
    return this.#handle;
  }

  // ---------------------------------------------------------------- liquidity

  #modify(tickLower: number, tickUpper: number, liquidity: bigint, side: number, add: number, where: string): Amounts {
    const h = this.#h(where);
    aInt(tickLower, -Infinity, Infinity, "tickLower", where);
    aInt(tickUpper, -Infinity, Infinity, "tickUpper", where);
    aBigint(liquidity, 0n, MAX_UINT128, "liquidity", where);
    const core = getCore();
    w128(core.io, 0, liquidity);
    try {
      check(core.exports.poolModify(h, i32OrInvalid(tickLower, I32_MAX), i32OrInvalid(tickUpper, I32_MAX), side, add), where);
    } catch (e) {
      trap(e, where);
    }
    const io = getCore().io;
    return { amount0: r256(io, 0), amount1: r256(io, 4) };
  }

  /**
   * Adds maker liquidity over [tickLower, tickUpper).
   * @returns The tokens the maker pays in (rounded up).
   * @throws InvalidTickRangeError, ZeroLiquidityError, SafeCastOverflowError (>= 2^127), TickLiquidityOverflowError
   * (checked in that order, as TwoSidedPool.mint).
   */
  mint(tickLower: number, tickUpper: number, liquidity: bigint): Amounts {
    return this.#modify(tickLower, tickUpper, liquidity, 0, 1, "Pool.mint");
  }

  /**
   * Removes maker liquidity: makers may withdraw whatever is not reserved (the taker cap governs only
   * new reservations). A burn of 0 changes nothing and returns zero amounts.
   * @returns The tokens paid out (rounded down).
   * @throws InvalidTickRangeError, SafeCastOverflowError (>= 2^127), LiquidityReservedError (takers would hold more
   * than the remaining maker liquidity at some price of the range), then LiquidityUnderflowError (more than the
   * range's makers hold) or, for a burn of 0 of a range without maker liquidity, PositionNotFoundError (in that
   * order, as TwoSidedPool.burn).
   */
  burn(tickLower: number, tickUpper: number, liquidity: bigint): Amounts {
    return this.#modify(tickLower, tickUpper, liquidity, 0, 0, "Pool.burn");
  }

  /**
   * Reserves (takes) liquidity over [tickLower, tickUpper): it leaves the active curve.
   * @returns The tokens underlying the reservation (rounded down).
   * @throws InvalidTickRangeError, ZeroLiquidityError, SafeCastOverflowError, TickLiquidityOverflowError,
   * TakerCapExceededError (in that order, as TwoSidedPool.take).
   */
  take(tickLower: number, tickUpper: number, liquidity: bigint): Amounts {
    return this.#modify(tickLower, tickUpper, liquidity, 1, 1, "Pool.take");
  }

  /**
   * Returns reserved liquidity to the active curve. A release of 0 changes nothing and returns zero amounts.
   * @returns The tokens the taker returns (rounded up).
   * @throws InvalidTickRangeError, PositionNotFoundError (the range holds no taker liquidity), SafeCastOverflowError,
   * LiquidityUnderflowError (more than the range's takers hold) (in that order, as TwoSidedPool.release).
   */
  release(tickLower: number, tickUpper: number, liquidity: bigint): Amounts {
    return this.#modify(tickLower, tickUpper, liquidity, 1, 0, "Pool.release");
  }

  /**
   * Token amounts of `liquidity` over [tickLower, tickUpper) at the current price: rounded up
   * (what a mint charges) or, with `roundUp = false`, down (what a burn pays).
   * @throws InvalidTickRangeError.
   */
  amountsForLiquidity(tickLower: number, tickUpper: number, liquidity: bigint, roundUp = true): Amounts {
    const where = "Pool.amountsForLiquidity";
    const h = this.#h(where);
    aInt(tickLower, -Infinity, Infinity, "tickLower", where);
    aInt(tickUpper, -Infinity, Infinity, "tickUpper", where);
    aBigint(liquidity, 0n, MAX_UINT128, "liquidity", where);
    aBool(roundUp, "roundUp", where);
    const core = getCore();
    w128(core.io, 0, liquidity);
    try {
      check(core.exports.poolAmountsForLiquidity(h, i32OrInvalid(tickLower, I32_MAX), i32OrInvalid(tickUpper, I32_MAX), roundUp ? 1 : 0), where);
    } catch (e) {
      trap(e, where);
    }
    return { amount0: r256(core.io, 0), amount1: r256(core.io, 4) };
  }

  /**
   * Fee growth per unit of liquidity inside [tickLower, tickUpper) (X128, wrapping), as Uniswap's
   * getFeeGrowthInside. A position's fees are `(inside - insideLast) * liquidity / 2^128`.
   * @throws InvalidTickRangeError.
   */
  feeGrowthInside(tickLower: number, tickUpper: number): { feeGrowthInside0X128: bigint; feeGrowthInside1X128: bigint } {
    const where = "Pool.feeGrowthInside";
    const h = this.#h(where);
    aInt(tickLower, -Infinity, Infinity, "tickLower", where);
    aInt(tickUpper, -Infinity, Infinity, "tickUpper", where);
    const core = getCore();
    try {
      check(core.exports.poolFeeGrowthInside(h, i32OrInvalid(tickLower, I32_MAX), i32OrInvalid(tickUpper, I32_MAX)), where);
    } catch (e) {
      trap(e, where);
    }
    return { feeGrowthInside0X128: r256(core.io, 0), feeGrowthInside1X128: r256(core.io, 4) };
  }

  // ---------------------------------------------------------------- swaps

  /**
   * Writes the inputs, runs the engine's swap loop (one export call) and leaves the results in IO
   * (SWAP_*). The checks cost a type test and two comparisons when the arguments are good; the
   * slow, naming checks run only for a bad argument.
   */
  #swap(params: SwapParameters, commit: number, where: string): void {
    const h = this.#handle;
    if (h === 0) this.#h(where);
    if (typeof params !== "object" || params === null) throw new InvalidArgumentTypeError(`${where}: params must be an object`);
    const zeroForOne = params.zeroForOne, amount = params.amountSpecified, limit = params.sqrtPriceLimitX96;
    if (typeof zeroForOne !== "boolean") aBool(zeroForOne, "zeroForOne", where);
    if (typeof amount !== "bigint" || amount < MIN_INT256 || amount > MAX_INT256) aBigint(amount, MIN_INT256, MAX_INT256, "amountSpecified", where);
    const c = hotCore();
    const io = c.io;
    putFast(c, io + SWAP_AMOUNT0, amount);
    let lw: Uint32Array;
    if (limit === undefined) lw = zeroForOne ? MIN_LIMIT_WORDS : MAX_LIMIT_WORDS;
    else {
      if (typeof limit !== "bigint" || limit < 0n || limit > MAX_UINT160) aBigint(limit, 0n, MAX_UINT160, "sqrtPriceLimitX96", where);
      lw = limitWordsOf(limit);
    }
    // eight stores: cheaper than TypedArray.prototype.set for so few words
    const w = c.words, k = 2 * (io + 4);
    w[k] = lw[0]; w[k + 1] = lw[1]; w[k + 2] = lw[2]; w[k + 3] = lw[3]; w[k + 4] = lw[4]; w[k + 5] = lw[5]; w[k + 6] = lw[6]; w[k + 7] = lw[7];
    let code = 0;
    try {
      code = c.exports.poolSwap(h, zeroForOne ? 1 : 0, commit);
    } catch (e) {
      trap(e, where);
    }
    if (code !== 0) check(code, where);
  }

  /**
   * The result of `swap(params)`, changing nothing.
   * @throws AmountSpecifiedZeroError, InvalidPriceLimitError, and the math errors of the steps.
   */
  quote(params: SwapParameters): SwapReturnType {
    this.#swap(params, 0, "Pool.quote");
    return readSwap(hotCore());
  }

  /**
   * `quote(params)` into a caller's reusable `SwapResult`: the result's limbs are copied into
   * `out` and each field is made (a bigint, the tick a number) only when read. For loops that
   * quote many times and read a few fields; `out` holds the last quote written into it.
   * @throws the errors of `quote`; `out` is unchanged on failure.
   * @example
   * const r = new SwapResult();
   * for (const a of amounts) if (pool.quoteInto({ zeroForOne: true, amountSpecified: a }, r).amount1 < best) ...
   */
  quoteInto(params: SwapParameters, out: SwapResult): SwapResult {
    if (!(out instanceof SwapResult)) throw new InvalidArgumentTypeError("Pool.quoteInto: out must be a SwapResult");
    this.#swap(params, 0, "Pool.quoteInto");
    const c = hotCore();
    const w = c.words, o = out.words;
    for (let i = 0, k = 2 * c.io; i < RESULT_WORDS; i++, k++) o[i] = w[k];
    return out;
  }

  /**
   * Swaps against the pool and applies the result (Uniswap V3's swap loop).
   * @throws AmountSpecifiedZeroError, InvalidPriceLimitError, and the math errors of the steps; the pool is unchanged on failure.
   */
  swap(params: SwapParameters): SwapReturnType {
    this.#swap(params, 1, "Pool.swap");
    return readSwap(hotCore());
  }

  /**
   * Quotes many amounts against the current state in one call into Wasm.
   * @throws the first failing quote's error (its index in `details`).
   */
  quoteMany(params: QuoteManyParameters): QuoteManyReturnType {
    const where = "Pool.quoteMany";
    const h = this.#h(where);
    if (typeof params !== "object" || params === null) throw new InvalidArgumentTypeError(`${where}: params must be an object`);
    const zeroForOne = aBool(params.zeroForOne, "zeroForOne", where);
    const amounts = params.amounts;
    if (amounts === null || typeof amounts !== "object" || typeof amounts.length !== "number") throw new InvalidArgumentTypeError(`${where}: amounts must be an array of bigint`);
    const limit = params.sqrtPriceLimitX96 === undefined ? (zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n) : aBigint(params.sqrtPriceLimitX96, 0n, MAX_UINT160, "sqrtPriceLimitX96", where);
    const n = amounts.length;
    scratch(n * (4 + QUOTE_STRIDE), where);
    let c = hotCore();
    const base = scratchPtr >>> 3;
    for (let i = 0; i < n; i++) putFast(c, base + 4 * i, aBigint(amounts[i], MIN_INT256, MAX_INT256, "amounts[i]", where));
    w256(c.limbs, c.io, limit);
    let code = 0;
    try {
      code = c.exports.poolQuoteMany(h, zeroForOne ? 1 : 0, n);
    } catch (e) {
      trap(e, where);
    }
    if (code !== 0) check(code, `${where}: amounts[${Number(getCore().io[0])}]`);
    c = hotCore();
    const w = c.words;
    const amount0 = new Array<bigint>(n), amount1 = new Array<bigint>(n), sqrtPriceX96 = new Array<bigint>(n);
    const tick = new Int32Array(n);
    let o = base + 4 * n;
    for (let i = 0; i < n; i++, o += QUOTE_STRIDE) {
      amount0[i] = getIntFast(c, o);
      amount1[i] = getIntFast(c, o + 4);
      sqrtPriceX96[i] = getFast(c, o + 8, 3);
      tick[i] = w[2 * (o + 11)] | 0;
    }
    return { amount0, amount1, sqrtPriceX96, tick };
  }

  // ---------------------------------------------------------------- state

  #state(where: string): BigUint64Array {
    const h = this.#h(where);
    const core = getCore();
    run(where, () => core.exports.poolGetState(h));
    return core.io;
  }

  /** Current sqrt price (Q64.96). */
  get sqrtPriceX96(): bigint {
    return r256(this.#state("Pool.sqrtPriceX96"), S_SQRT_PRICE);
  }
  /** Current tick. */
  get tick(): number {
    return Number(BigInt.asIntN(64, this.#state("Pool.tick")[S_TICK]));
  }
  /** Active liquidity at the current price: maker - taker. */
  get liquidity(): bigint {
    return r128(this.#state("Pool.liquidity"), S_LIQUIDITY);
  }
  /** Maker (provided) liquidity at the current price. */
  get makerLiquidity(): bigint {
    return r128(this.#state("Pool.makerLiquidity"), S_MAKER);
  }
  /** Taker (reserved) liquidity at the current price. */
  get takerLiquidity(): bigint {
    return r128(this.#state("Pool.takerLiquidity"), S_TAKER);
  }
  /** The fee a swap pays at the current price, in pips. */
  get feePips(): number {
    return Number(this.#state("Pool.feePips")[S_FEE]);
  }
  get feeGrowthGlobal0X128(): bigint {
    return r256(this.#state("Pool.feeGrowthGlobal0X128"), S_FG0);
  }
  get feeGrowthGlobal1X128(): bigint {
    return r256(this.#state("Pool.feeGrowthGlobal1X128"), S_FG1);
  }
  /** Protocol fees accrued in token0. */
  get protocolFees0(): bigint {
    return r256(this.#state("Pool.protocolFees0"), S_PF0);
  }
  /** Protocol fees accrued in token1. */
  get protocolFees1(): bigint {
    return r256(this.#state("Pool.protocolFees1"), S_PF1);
  }

  /** The whole scalar state in one call. */
  getState(): PoolState & { liquidity: bigint; feePips: number; protocolFees0: bigint; protocolFees1: bigint } {
    const io = this.#state("Pool.getState");
    return {
      sqrtPriceX96: r256(io, S_SQRT_PRICE),
      tick: Number(BigInt.asIntN(64, io[S_TICK])),
      makerLiquidity: r128(io, S_MAKER),
      takerLiquidity: r128(io, S_TAKER),
      liquidity: r128(io, S_LIQUIDITY),
      feePips: Number(io[S_FEE]),
      feeGrowthGlobal0X128: r256(io, S_FG0),
      feeGrowthGlobal1X128: r256(io, S_FG1),
      protocolFees0: r256(io, S_PF0),
      protocolFees1: r256(io, S_PF1),
    };
  }

  /**
   * Replaces the scalar state (snapshot loader). Ticks are set by `setTicks`.
   * @throws InvalidSqrtPriceError, InvalidSnapshotError (tick not of this price, taker > maker).
   */
  setState(state: PoolState): void {
    const where = "Pool.setState";
    const h = this.#h(where);
    if (typeof state !== "object" || state === null) throw new InvalidArgumentTypeError(`${where}: state must be an object`);
    const io = getCore().io;
    io.fill(0n, 0, STATE_WORDS);
    w256(io, S_SQRT_PRICE, aBigint(state.sqrtPriceX96, 0n, MAX_UINT160, "sqrtPriceX96", where));
    io[S_TICK] = BigInt.asUintN(64, BigInt(aInt(state.tick, -887272, 887272, "tick", where)));
    w128(io, S_MAKER, aBigint(state.makerLiquidity, 0n, MAX_UINT128, "makerLiquidity", where));
    w128(io, S_TAKER, aBigint(state.takerLiquidity, 0n, MAX_UINT128, "takerLiquidity", where));
    w256(io, S_FG0, aBigint(state.feeGrowthGlobal0X128, 0n, MAX_UINT256, "feeGrowthGlobal0X128", where));
    w256(io, S_FG1, aBigint(state.feeGrowthGlobal1X128, 0n, MAX_UINT256, "feeGrowthGlobal1X128", where));
    w256(io, S_PF0, aBigint(state.protocolFees0 ?? 0n, 0n, MAX_UINT256, "protocolFees0", where));
    w256(io, S_PF1, aBigint(state.protocolFees1 ?? 0n, 0n, MAX_UINT256, "protocolFees1", where));
    try {
      check(getCore().exports.poolSetState(h), where);
    } catch (e) {
      trap(e, where);
    }
  }

  /**
   * Replaces all initialized ticks in one call (snapshot loader).
   * @throws InvalidSnapshotError (tick out of bounds, off the spacing, repeated, or zero gross).
   */
  setTicks(ticks: readonly TickInfo[]): void {
    const where = "Pool.setTicks";
    const h = this.#h(where);
    if (!Array.isArray(ticks)) throw new InvalidArgumentTypeError(`${where}: ticks must be an array`);
    const n = ticks.length;
    const mem = scratch(n * TICK_STRIDE, where);
    for (let i = 0; i < n; i++) {
      const t = ticks[i], o = i * TICK_STRIDE;
      w128(mem, o + T_MAKER_NET, aBigint(t.makerLiquidityNet, MIN_INT128, MAX_INT128, "makerLiquidityNet", where));
      w128(mem, o + T_TAKER_NET, aBigint(t.takerLiquidityNet, MIN_INT128, MAX_INT128, "takerLiquidityNet", where));
      w128(mem, o + T_GROSS, aBigint(t.liquidityGross, 0n, MAX_UINT128, "liquidityGross", where));
      w256(mem, o + T_FGO0, aBigint(t.feeGrowthOutside0X128, 0n, MAX_UINT256, "feeGrowthOutside0X128", where));
      w256(mem, o + T_FGO1, aBigint(t.feeGrowthOutside1X128, 0n, MAX_UINT256, "feeGrowthOutside1X128", where));
      mem[o + T_TICK] = BigInt.asUintN(64, BigInt(aInt(t.tick, -I32_MAX - 1, I32_MAX, "tick", where)));
      mem[o + 15] = 0n;
    }
    try {
      check(getCore().exports.poolSetTicks(h, n), where);
    } catch (e) {
      trap(e, where);
    }
  }

  /** All initialized ticks, ascending. */
  getTicks(): TickInfo[] {
    const where = "Pool.getTicks";
    const h = this.#h(where);
    run(where, () => getCore().exports.poolTickCount(h));
    const n = Number(getCore().io[0]);
    scratch(n * TICK_STRIDE, where);
    run(where, () => getCore().exports.poolGetTicks(h));
    const mem = scratch(0, where);
    const out: TickInfo[] = [];
    for (let i = 0; i < n; i++) {
      const o = i * TICK_STRIDE;
      out.push({
        tick: Number(BigInt.asIntN(64, mem[o + T_TICK])),
        liquidityGross: r128(mem, o + T_GROSS),
        makerLiquidityNet: BigInt.asIntN(128, r128(mem, o + T_MAKER_NET)),
        takerLiquidityNet: BigInt.asIntN(128, r128(mem, o + T_TAKER_NET)),
        feeGrowthOutside0X128: r256(mem, o + T_FGO0),
        feeGrowthOutside1X128: r256(mem, o + T_FGO1),
      });
    }
    return out;
  }

  /**
   * Snapshot of a deployed 2sAMM pool: configuration, price, maker/taker liquidity, fee growth and
   * every initialized tick, read with two `eth_call`s through an ethers v6 provider.
   * @throws ChainReadError when a read fails or returns unexpected data.
   * @example
   * const pool = await Pool.fromChain(provider, "0x…");
   */
  static fromChain(provider: CallProvider, address: string): Promise<Pool> {
    return poolFromChain(provider, address);
  }

  /**
   * Builds a pool from a snapshot (configuration, scalar state, ticks) in three calls.
   * @throws the constructor's errors, InvalidSnapshotError, InvalidSqrtPriceError.
   */
  static fromSnapshot(config: PoolConfig, state: PoolState, ticks: readonly TickInfo[]): Pool {
    const pool = new Pool({ ...config, sqrtPriceX96: state.sqrtPriceX96 });
    try {
      pool.setTicks(ticks);
      pool.setState(state);
    } catch (e) {
      pool.free();
      throw e;
    }
    return pool;
  }
}

let scratchPtr = 0;
let scratchView: BigUint64Array | undefined;

/** A view of the engine's resident scratch buffer, at least `words` long (0: the current one). */
function scratch(words: number, where: string): BigUint64Array {
  const core: Core = getCore();
  if (words > 0 || scratchView === undefined) {
    try {
      scratchPtr = core.exports.poolScratch(Math.max(words, 1));
    } catch (e) {
      trap(e, where);
    }
    scratchView = new BigUint64Array(core.memory.buffer, scratchPtr, Math.max(words, 1024));
  }
  if (scratchView.buffer !== core.memory.buffer) scratchView = new BigUint64Array(core.memory.buffer, scratchPtr, scratchView.length);
  return scratchView;
}

function readSwap(c: Hot): SwapReturnType {
  const io = c.io;
  return {
    amount0: getIntFast(c, io + SWAP_AMOUNT0),
    amount1: getIntFast(c, io + SWAP_AMOUNT1),
    sqrtPriceX96: getFast(c, io + SWAP_STATE + S_SQRT_PRICE, 3),
    tick: c.words[2 * (io + SWAP_STATE + S_TICK)] | 0,
    liquidity: getFast(c, io + SWAP_STATE + S_LIQUIDITY, 2),
    makerLiquidity: getFast(c, io + SWAP_STATE + S_MAKER, 2),
    takerLiquidity: getFast(c, io + SWAP_STATE + S_TAKER, 2),
    feeGrowthGlobal0X128: getFast(c, io + SWAP_STATE + S_FG0, 4),
    feeGrowthGlobal1X128: getFast(c, io + SWAP_STATE + S_FG1, 4),
    feeAmount: getFast(c, io + SWAP_FEE, 4),
    protocolFee: getFast(c, io + SWAP_PROTOCOL_FEE, 4),
  };
}

/** u32 words of a swap's results in IO (amounts, state, fee, protocol fee): what `SwapResult` keeps. */
const RESULT_WORDS = 2 * (SWAP_PROTOCOL_FEE + 4);

/**
 * A reusable swap result for `Pool.quoteInto`: the result's limbs, copied out of Wasm memory, and
 * the fields of `SwapReturnType` as getters that make each value when read (values below 2^53
 * from plain numbers, no bigint arithmetic). `toObject()` gives the plain `SwapReturnType`.
 */
export class SwapResult implements SwapReturnType {
  /** The limbs, as u32 words and u64 limbs of one buffer (SWAP_* offsets of the generated layout). */
  readonly words = new Uint32Array(RESULT_WORDS);
  readonly limbs = new BigUint64Array(this.words.buffer);

  get amount0(): bigint {
    return getIntFast(this, SWAP_AMOUNT0);
  }
  get amount1(): bigint {
    return getIntFast(this, SWAP_AMOUNT1);
  }
  get sqrtPriceX96(): bigint {
    return getFast(this, SWAP_STATE + S_SQRT_PRICE, 3);
  }
  get tick(): number {
    return this.words[2 * (SWAP_STATE + S_TICK)] | 0;
  }
  get liquidity(): bigint {
    return getFast(this, SWAP_STATE + S_LIQUIDITY, 2);
  }
  get makerLiquidity(): bigint {
    return getFast(this, SWAP_STATE + S_MAKER, 2);
  }
  get takerLiquidity(): bigint {
    return getFast(this, SWAP_STATE + S_TAKER, 2);
  }
  get feeGrowthGlobal0X128(): bigint {
    return getFast(this, SWAP_STATE + S_FG0, 4);
  }
  get feeGrowthGlobal1X128(): bigint {
    return getFast(this, SWAP_STATE + S_FG1, 4);
  }
  get feeAmount(): bigint {
    return getFast(this, SWAP_FEE, 4);
  }
  get protocolFee(): bigint {
    return getFast(this, SWAP_PROTOCOL_FEE, 4);
  }

  /** The plain object `quote` returns for the same result. */
  toObject(): SwapReturnType {
    return {
      amount0: this.amount0,
      amount1: this.amount1,
      sqrtPriceX96: this.sqrtPriceX96,
      tick: this.tick,
      liquidity: this.liquidity,
      makerLiquidity: this.makerLiquidity,
      takerLiquidity: this.takerLiquidity,
      feeGrowthGlobal0X128: this.feeGrowthGlobal0X128,
      feeGrowthGlobal1X128: this.feeGrowthGlobal1X128,
      feeAmount: this.feeAmount,
      protocolFee: this.protocolFee,
    };
  }
}
