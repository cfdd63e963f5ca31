/**
 * Pool: a whole 2sAMM pool in plain bigint, the readable statement of docs/math.md
 * ("The 2sAMM pool: state and swap accounting").
 *
 * Makers provide liquidity (`mint`/`burn`); takers reserve it (`take`/`release`), which removes
 * it from the active curve: active liquidity = maker − taker. The swap loop is Uniswap V3's step
 * for step (tick bitmap word boundaries, price limits, exact in/out), with the fee of each step
 * taken from the dynamic fee curve and a protocol share taken from each step's fee.
 *
 * Every public operation checks all its failure conditions before changing any state, so a
 * call that throws leaves the pool as it was (a reverted transaction).
 * @module
 */
import { MAX_INT256, MAX_UINT128, MAX_UINT160, MIN_INT256, PIPS, Q128 } from "./constants.js";
import { inRange, intInRange } from "./_check.js";
import { mulDiv, mulDivRoundingUp } from "./FullMath.js";
import { DEFAULT_FEE_PARAMS, feePips, flatFee, validateFeeParams, type FeeParams } from "./FeeCurve.js";
import { addDelta } from "./LiquidityMath.js";
import { toInt128, toInt256 } from "./SafeCast.js";
import { getAmount0Delta, getAmount1Delta } from "./SqrtPriceMath.js";
import { computeSwapStep } from "./SwapMath.js";
import { tickSpacingToMaxLiquidityPerTick } from "./Tick.js";
import { flipTick, nextInitializedTickWithinOneWord, type TickBitmap } from "./TickBitmap.js";
import { getSqrtRatioAtTick, getTickAtSqrtRatio, MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK } from "./TickMath.js";
import {
  AmountSpecifiedZeroError,
  InvalidPriceLimitError,
  InvalidProtocolFeeError,
  InvalidTakerCapError,
  InvalidTickRangeError,
  InvalidTickSpacingError,
  LiquidityReservedError,
  LiquidityUnderflowError,
  PositionNotFoundError,
  SafeCastOverflowError,
  TakerCapExceededError,
  TickLiquidityOverflowError,
  ZeroLiquidityError,
} from "./errors.js";

/** Pool configuration (the constructor's argument). */
export interface PoolConfig {
  /** Initial price, in [MIN_SQRT_RATIO, MAX_SQRT_RATIO). */
  sqrtPriceX96: bigint;
  /** Tick spacing, in [1, 16384]. */
  tickSpacing: number;
  /** A number is a flat fee in pips; default: the dynamic curve 100 / 5000 / 50000. */
  fee?: number | FeeParams;
  /** Protocol share of each swap fee, in millionths of that fee (default 50_000 = 5%). */
  protocolFeePips?: number;
  /** Max taker/maker liquidity ratio at any price, in pips (default 700_000 = 70%). */
  takerCapPips?: number;
}

/** State of one initialized tick. */
export interface TickInfo {
  /** Maker gross + taker gross liquidity referencing this tick; the tick is initialized while > 0. */
  liquidityGross: bigint;
  /** Maker liquidity added when the price crosses this tick left to right. */
  makerLiquidityNet: bigint;
  /** Taker liquidity added when the price crosses this tick left to right. */
  takerLiquidityNet: bigint;
  /** Fee growth on the other side of this tick from the current tick (X128, wrapping). */
  feeGrowthOutside0X128: bigint;
  feeGrowthOutside1X128: bigint;
}

/** A maker or taker position over one range. */
export interface PositionInfo {
  liquidity: bigint;
  /** Fee growth inside the range at the last accrual (X128). */
  feeGrowthInside0LastX128: bigint;
  feeGrowthInside1LastX128: bigint;
  /** Fees accrued so far: earned by a maker, owed by a taker. */
  tokensOwed0: bigint;
  tokensOwed1: bigint;
}

/** Token amounts (unsigned). */
export interface Amounts {
  amount0: bigint;
  amount1: bigint;
}

/** Swap input, with Uniswap's sign convention. */
export interface SwapParams {
  /** true: token0 in, price down. */
  zeroForOne: boolean;
  /** > 0 exact input, < 0 exact output. */
  amountSpecified: bigint;
  /** The price the swap may not pass: below the current price for zeroForOne, above otherwise. */
  sqrtPriceLimitX96: bigint;
}

/** Swap output. */
export interface SwapResult {
  /** Pool balance deltas: positive = paid into the pool. */
  amount0: bigint;
  amount1: bigint;
  /** State after the swap. */
  sqrtPriceX96: bigint;
  tick: number;
  /** Active liquidity (maker − taker) after the swap. */
  liquidity: bigint;
  feeGrowthGlobal0X128: bigint;
  feeGrowthGlobal1X128: bigint;
  /** Total fee paid by the swapper, in the input token (protocol share included). */
  feeAmount: bigint;
  /** The protocol's share of `feeAmount`. */
  protocolFee: bigint;
  /** Fee (pips) of the first step, i.e. at the starting price. */
  startFeePips: number;
  /** Number of swap-loop steps (each one rounds once). */
  steps: number;
}

/** A tick crossed during a swap, with the global fee growth at that moment. */
interface Crossing {
  tick: number;
  feeGrowthGlobal0X128: bigint;
  feeGrowthGlobal1X128: bigint;
}

type Kind = "maker" | "taker";

const wrap256 = (x: bigint) => BigInt.asUintN(256, x);
const key = (tickLower: number, tickUpper: number) => `${tickLower}:${tickUpper}`;

/**
 * A 2sAMM pool.
 * @example
 * const pool = new Pool({ sqrtPriceX96: 1n << 96n, tickSpacing: 60, fee: 3000, protocolFeePips: 0 });
 * pool.mint(-887220, 887220, 2n * 10n ** 18n);
 * pool.swap({ zeroForOne: true, amountSpecified: 10n ** 18n, sqrtPriceLimitX96: 4295128740n });
 */
export class Pool {
  readonly tickSpacing: number;
  readonly feeParams: FeeParams;
  readonly protocolFeePips: number;
  readonly takerCapPips: number;
  /** Uniswap's per-tick gross liquidity limit for this spacing. */
  readonly maxLiquidityPerTick: bigint;

  sqrtPriceX96: bigint;
  tick: number;
  /** P: maker liquidity in force at the current price. */
  makerLiquidity = 0n;
  /** R: taker liquidity in force at the current price. */
  takerLiquidity = 0n;
  feeGrowthGlobal0X128 = 0n;
  feeGrowthGlobal1X128 = 0n;
  /** Protocol fees collected so far, per token. */
  protocolFees0 = 0n;
  protocolFees1 = 0n;

  readonly ticks = new Map<number, TickInfo>();
  readonly tickBitmap: TickBitmap = new Map();
  readonly makers = new Map<string, PositionInfo>();
  readonly takers = new Map<string, PositionInfo>();

  /**
   * @throws InvalidSqrtPriceError, InvalidTickSpacingError, InvalidFeeParamsError, InvalidProtocolFeeError, InvalidTakerCapError.
   */
  constructor(config: PoolConfig) {
    const { sqrtPriceX96, tickSpacing, fee, protocolFeePips = 50_000, takerCapPips = 700_000 } = config;
    if (!Number.isInteger(tickSpacing) || tickSpacing < 1 || tickSpacing > 16384) {
      throw new InvalidTickSpacingError("InvalidTickSpacing: tickSpacing must be in [1, 16384]", { details: `got ${tickSpacing}` });
    }
    this.feeParams = fee === undefined ? { ...DEFAULT_FEE_PARAMS } : typeof fee === "number" ? flatFee(fee) : validateFeeParams({ ...fee });
    if (!Number.isInteger(protocolFeePips) || protocolFeePips < 0 || protocolFeePips > PIPS) {
      throw new InvalidProtocolFeeError("InvalidProtocolFee: protocolFeePips must be <= 1e6", { details: `got ${protocolFeePips}` });
    }
    if (!Number.isInteger(takerCapPips) || takerCapPips < 0 || takerCapPips > PIPS) {
      throw new InvalidTakerCapError("InvalidTakerCap: takerCapPips must be <= 1e6", { details: `got ${takerCapPips}` });
    }
    this.tick = getTickAtSqrtRatio(sqrtPriceX96); // InvalidSqrtPrice outside [MIN, MAX)
    this.sqrtPriceX96 = sqrtPriceX96;
    this.tickSpacing = tickSpacing;
    this.protocolFeePips = protocolFeePips;
    this.takerCapPips = takerCapPips;
    this.maxLiquidityPerTick = tickSpacingToMaxLiquidityPerTick(tickSpacing);
  }

  /** Active liquidity at the current price: maker − taker. */
  get liquidity(): bigint {
    return this.makerLiquidity - this.takerLiquidity;
  }

  /** The fee (pips) a swap would pay at the current price. */
  currentFeePips(): number {
    return feePips(this.takerLiquidity, this.makerLiquidity, this.feeParams);
  }

  // ---------------------------------------------------------------- positions

  /**
   * Adds maker liquidity over [tickLower, tickUpper).
   * @returns The tokens the maker pays in (rounded up, as Uniswap's mint).
   * @throws InvalidTickRangeError, ZeroLiquidityError, SafeCastOverflowError (liquidity >= 2^127), TickLiquidityOverflowError.
   */
  mint(tickLower: number, tickUpper: number, liquidity: bigint): Amounts {
    return this.modifyPosition("maker", tickLower, tickUpper, liquidity, true);
  }

  /**
   * Removes maker liquidity. Makers may withdraw whatever is not reserved: a burn fails only when
   * takers would hold more than the remaining maker liquidity at some price of its range (the taker
   * cap governs only new reservations). A burn of 0 accrues the position's fees.
   * @returns The tokens paid out to the maker (rounded down).
   * @throws InvalidTickRangeError, SafeCastOverflowError, LiquidityReservedError, then LiquidityUnderflowError (more
   * than the position holds) or, for 0 on an empty position, PositionNotFoundError.
   */
  burn(tickLower: number, tickUpper: number, liquidity: bigint): Amounts {
    return this.modifyPosition("maker", tickLower, tickUpper, liquidity, false);
  }

  /**
   * Reserves (takes) liquidity over [tickLower, tickUpper): it leaves the active curve.
   * @returns The tokens underlying the reservation, held for the taker (rounded down).
   * @throws InvalidTickRangeError, ZeroLiquidityError, SafeCastOverflowError, TickLiquidityOverflowError, TakerCapExceededError.
   */
  take(tickLower: number, tickUpper: number, liquidity: bigint): Amounts {
    return this.modifyPosition("taker", tickLower, tickUpper, liquidity, true);
  }

  /**
   * Undoes (part of) a take: the liquidity returns to the active curve. A release of 0 accrues the position's fees.
   * @returns The tokens the taker returns (rounded up).
   * @throws InvalidTickRangeError, PositionNotFoundError (an empty position), SafeCastOverflowError,
   * LiquidityUnderflowError (more than the position holds).
   */
  release(tickLower: number, tickUpper: number, liquidity: bigint): Amounts {
    return this.modifyPosition("taker", tickLower, tickUpper, liquidity, false);
  }

  /** The maker position over a range (zero if none). */
  getMakerPosition(tickLower: number, tickUpper: number): PositionInfo {
    return { ...(this.makers.get(key(tickLower, tickUpper)) ?? emptyPosition()) };
  }

  /** The taker position over a range (zero if none). */
  getTakerPosition(tickLower: number, tickUpper: number): PositionInfo {
    return { ...(this.takers.get(key(tickLower, tickUpper)) ?? emptyPosition()) };
  }

  /**
   * Fee growth per unit of liquidity inside [tickLower, tickUpper) (X128, wrapping), as Uniswap's
   * getFeeGrowthInside: global minus the growth below the lower and above the upper tick.
   */
  feeGrowthInside(tickLower: number, tickUpper: number): { feeGrowthInside0X128: bigint; feeGrowthInside1X128: bigint } {
    const lower = this.ticks.get(tickLower) ?? emptyTick();
    const upper = this.ticks.get(tickUpper) ?? emptyTick();
    const inside = (global: bigint, lowerOutside: bigint, upperOutside: bigint) => {
      const below = this.tick >= tickLower ? lowerOutside : wrap256(global - lowerOutside);
      const above = this.tick < tickUpper ? upperOutside : wrap256(global - upperOutside);
      return wrap256(global - below - above);
    };
    return {
      feeGrowthInside0X128: inside(this.feeGrowthGlobal0X128, lower.feeGrowthOutside0X128, upper.feeGrowthOutside0X128),
      feeGrowthInside1X128: inside(this.feeGrowthGlobal1X128, lower.feeGrowthOutside1X128, upper.feeGrowthOutside1X128),
    };
  }

  /** Fees a maker position has earned so far (accrued + pending), rounded down (a credit). */
  makerFees(tickLower: number, tickUpper: number): Amounts {
    return this.fees("maker", tickLower, tickUpper);
  }

  /** Fees a taker position owes so far (accrued + pending), rounded up (a debt). */
  takerFees(tickLower: number, tickUpper: number): Amounts {
    return this.fees("taker", tickLower, tickUpper);
  }

  /**
   * Token amounts of `liquidity` over [tickLower, tickUpper) at the current price, rounded up
   * (what Uniswap's mint charges) or, with `roundUp = false`, down (what a burn pays).
   */
  amountsForLiquidity(tickLower: number, tickUpper: number, liquidity: bigint, roundUp = true): Amounts {
    this.checkTicks(tickLower, tickUpper);
    inRange(liquidity, 0n, MAX_UINT128, "liquidity", "Pool.amountsForLiquidity");
    const sqrtLower = getSqrtRatioAtTick(tickLower);
    const sqrtUpper = getSqrtRatioAtTick(tickUpper);
    if (this.tick < tickLower) return { amount0: getAmount0Delta(sqrtLower, sqrtUpper, liquidity, roundUp), amount1: 0n };
    if (this.tick < tickUpper) {
      return {
        amount0: getAmount0Delta(this.sqrtPriceX96, sqrtUpper, liquidity, roundUp),
        amount1: getAmount1Delta(sqrtLower, this.sqrtPriceX96, liquidity, roundUp),
      };
    }
    return { amount0: 0n, amount1: getAmount1Delta(sqrtLower, sqrtUpper, liquidity, roundUp) };
  }

  /** Maker and taker liquidity in force at `tick` (the sum of the nets of all ticks at or below it). */
  liquidityAt(tick: number): { maker: bigint; taker: bigint } {
    let maker = 0n, taker = 0n;
    for (const [t, info] of this.ticks) {
      if (t <= tick) {
        maker += info.makerLiquidityNet;
        taker += info.takerLiquidityNet;
      }
    }
    return { maker, taker };
  }

  private checkTicks(tickLower: number, tickUpper: number): void {
    intInRange(tickLower, -Infinity, Infinity, "tickLower", "Pool");
    intInRange(tickUpper, -Infinity, Infinity, "tickUpper", "Pool");
    if (tickLower >= tickUpper || tickLower < MIN_TICK || tickUpper > MAX_TICK || tickLower % this.tickSpacing !== 0 || tickUpper % this.tickSpacing !== 0) {
      throw new InvalidTickRangeError("InvalidTickRange: tickLower >= tickUpper, out of bounds, or not a multiple of tickSpacing", {
        details: `[${tickLower}, ${tickUpper}) at spacing ${this.tickSpacing}`,
      });
    }
  }

  /** Maker and taker liquidity at the range's lower tick and at each initialized tick inside it (every price of the range). */
  private pieces(tickLower: number, tickUpper: number): { at: number; maker: bigint; taker: bigint }[] {
    let { maker, taker } = this.liquidityAt(tickLower);
    const out = [{ at: tickLower, maker, taker }];
    const inner = [...this.ticks.keys()].filter((t) => t > tickLower && t < tickUpper).sort((a, b) => a - b);
    for (const t of inner) {
      const info = this.ticks.get(t)!;
      maker += info.makerLiquidityNet;
      taker += info.takerLiquidityNet;
      out.push({ at: t, maker, taker });
    }
    return out;
  }

  /** A take of `liquidity`: `(taker + liquidity) · 1e6 <= maker · takerCapPips` at every price of the range. */
  private checkTakerCap(tickLower: number, tickUpper: number, liquidity: bigint): void {
    for (const { at, maker, taker } of this.pieces(tickLower, tickUpper)) {
      if ((taker + liquidity) * BigInt(PIPS) > maker * BigInt(this.takerCapPips)) this.takerCapExceeded(at);
    }
  }

  /**
   * A burn of `liquidity`: `taker <= maker − liquidity` at every price of the range where
   * `maker >= liquidity` (makers may withdraw whatever is not reserved; a smaller maker total is an
   * over-burn, reported as LiquidityUnderflow after this check, as the contract does).
   */
  private checkReserved(tickLower: number, tickUpper: number, liquidity: bigint): void {
    for (const { at, maker, taker } of this.pieces(tickLower, tickUpper)) {
      if (maker >= liquidity && taker > maker - liquidity) {
        throw new LiquidityReservedError("LiquidityReserved: the burn would leave takers above the remaining maker liquidity", {
          details: `at tick ${at}: maker ${maker}, taker ${taker}, burning ${liquidity}`,
        });
      }
    }
  }

  private takerCapExceeded(at: number): never {
    throw new TakerCapExceededError("TakerCapExceeded: taker liquidity would exceed the pool's cap", {
      details: `at tick ${at}, cap ${this.takerCapPips} pips`,
    });
  }

  /**
   * mint / burn / take / release: all checks first, then the state changes, then the amounts.
   * Check order, TwoSidedPool's for one owner per range (the same in the Wasm engine):
   * - mint: InvalidTickRange, ZeroLiquidity, SafeCastOverflow (amount >= 2^127), TickLiquidityOverflow;
   * - take: InvalidTickRange, ZeroLiquidity, SafeCastOverflow, TickLiquidityOverflow, TakerCapExceeded;
   * - burn: InvalidTickRange, SafeCastOverflow, LiquidityReserved (amount > 0), then LiquidityUnderflow
   *   (more than the position holds) or, for 0, PositionNotFound (an empty position);
   * - release: InvalidTickRange, PositionNotFound (an empty position), SafeCastOverflow, LiquidityUnderflow.
   * A burn or release of 0 only accrues the position's fees (amounts zero).
   */
  private modifyPosition(kind: Kind, tickLower: number, tickUpper: number, liquidity: bigint, add: boolean): Amounts {
    inRange(liquidity, 0n, MAX_UINT128, "liquidity", "Pool");
    const positions = kind === "maker" ? this.makers : this.takers;
    const posKey = key(tickLower, tickUpper);
    let position: PositionInfo;
    if (add) {
      this.checkTicks(tickLower, tickUpper);
      if (liquidity === 0n) throw new ZeroLiquidityError("ZeroLiquidity: liquidity is zero");
      toInt128(liquidity); // SafeCastOverflow at 2^127 and above
      for (const t of [tickLower, tickUpper]) {
        const grossAfter = (this.ticks.get(t)?.liquidityGross ?? 0n) + liquidity;
        if (grossAfter > this.maxLiquidityPerTick) {
          throw new TickLiquidityOverflowError("TickLiquidityOverflow: tick liquidity above maxLiquidityPerTick", {
            details: `tick ${t}: ${grossAfter} > ${this.maxLiquidityPerTick}`,
          });
        }
      }
      if (kind === "taker") this.checkTakerCap(tickLower, tickUpper, liquidity);
      position = positions.get(posKey) ?? emptyPosition();
    } else {
      this.checkTicks(tickLower, tickUpper);
      position = positions.get(posKey) ?? emptyPosition();
      if (kind === "taker" && position.liquidity === 0n) this.positionNotFound(kind, tickLower, tickUpper);
      toInt128(liquidity);
      if (kind === "maker" && liquidity > 0n) this.checkReserved(tickLower, tickUpper, liquidity);
      if (liquidity === 0n && position.liquidity === 0n) this.positionNotFound(kind, tickLower, tickUpper);
      if (position.liquidity < liquidity) {
        throw new LiquidityUnderflowError("LiquidityUnderflow: liquidity would go below zero", {
          details: `${kind} position [${tickLower}, ${tickUpper}) holds ${position.liquidity}, removing ${liquidity}`,
        });
      }
    }
    const liquidityDelta = add ? liquidity : -liquidity;

    // Effects.
    if (liquidityDelta !== 0n) {
      this.updateTick(tickLower, kind, liquidityDelta, false);
      this.updateTick(tickUpper, kind, liquidityDelta, true);
    }
    const { feeGrowthInside0X128, feeGrowthInside1X128 } = this.feeGrowthInside(tickLower, tickUpper);
    this.accrue(kind, position, feeGrowthInside0X128, feeGrowthInside1X128);
    position.liquidity += liquidityDelta;
    positions.set(posKey, position);
    // A removal that empties a tick clears it (after the fee accrual, which read it).
    if (liquidityDelta < 0n) {
      for (const t of [tickLower, tickUpper]) {
        if (this.ticks.get(t)!.liquidityGross === 0n) {
          this.ticks.delete(t);
          flipTick(this.tickBitmap, t, this.tickSpacing);
        }
      }
    }
    if (liquidityDelta !== 0n && tickLower <= this.tick && this.tick < tickUpper) {
      if (kind === "maker") this.makerLiquidity = addDelta(this.makerLiquidity, liquidityDelta);
      else this.takerLiquidity = addDelta(this.takerLiquidity, liquidityDelta);
    }

    // Amounts: owed to the pool round up, paid by the pool round down.
    const roundUp = (kind === "maker") === add;
    return this.amountsForLiquidity(tickLower, tickUpper, liquidity, roundUp);
  }

  private positionNotFound(kind: Kind, tickLower: number, tickUpper: number): never {
    throw new PositionNotFoundError("PositionNotFound: the range holds no such position", {
      details: `${kind} position [${tickLower}, ${tickUpper}) is empty`,
    });
  }

  /** Adds `liquidityDelta` to a tick's gross and net; initializes it (Uniswap's convention) when new. */
  private updateTick(tick: number, kind: Kind, liquidityDelta: bigint, upper: boolean): void {
    let info = this.ticks.get(tick);
    if (!info) {
      info = emptyTick();
      // By convention all growth so far happened below a tick at or below the current one.
      if (tick <= this.tick) {
        info.feeGrowthOutside0X128 = this.feeGrowthGlobal0X128;
        info.feeGrowthOutside1X128 = this.feeGrowthGlobal1X128;
      }
      this.ticks.set(tick, info);
      flipTick(this.tickBitmap, tick, this.tickSpacing);
    }
    info.liquidityGross += liquidityDelta;
    const net = upper ? -liquidityDelta : liquidityDelta;
    if (kind === "maker") info.makerLiquidityNet += net;
    else info.takerLiquidityNet += net;
  }

  /** Moves the fees of the growth since the last accrual into tokensOwed. */
  private accrue(kind: Kind, position: PositionInfo, inside0: bigint, inside1: bigint): void {
    const owed = (inside: bigint, last: bigint) => {
      const growth = wrap256(inside - last);
      // Makers' fees are a credit (round down), takers' a debt (round up).
      return kind === "maker" ? mulDiv(growth, position.liquidity, Q128) : mulDivRoundingUp(growth, position.liquidity, Q128);
    };
    position.tokensOwed0 += owed(inside0, position.feeGrowthInside0LastX128);
    position.tokensOwed1 += owed(inside1, position.feeGrowthInside1LastX128);
    position.feeGrowthInside0LastX128 = inside0;
    position.feeGrowthInside1LastX128 = inside1;
  }

  private fees(kind: Kind, tickLower: number, tickUpper: number): Amounts {
    const position = { ...((kind === "maker" ? this.makers : this.takers).get(key(tickLower, tickUpper)) ?? emptyPosition()) };
    const { feeGrowthInside0X128, feeGrowthInside1X128 } = this.feeGrowthInside(tickLower, tickUpper);
    this.accrue(kind, position, feeGrowthInside0X128, feeGrowthInside1X128);
    return { amount0: position.tokensOwed0, amount1: position.tokensOwed1 };
  }

  // ---------------------------------------------------------------- swaps

  /** The result of `swap(params)` without changing any state. */
  quote(params: SwapParams): SwapResult {
    return this.simulate(params).result;
  }

  /**
   * Swaps against the pool and applies the result.
   * @throws AmountSpecifiedZeroError, InvalidPriceLimitError, and the math errors of the steps.
   * @example
   * pool.swap({ zeroForOne: true, amountSpecified: 10n ** 18n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n });
   */
  swap(params: SwapParams): SwapResult {
    const { result, crossings, makerLiquidity, takerLiquidity } = this.simulate(params);
    // Crossing a tick flips its outside growth to the other side (with the global growth of that moment).
    for (const c of crossings) {
      const info = this.ticks.get(c.tick)!;
      info.feeGrowthOutside0X128 = wrap256(c.feeGrowthGlobal0X128 - info.feeGrowthOutside0X128);
      info.feeGrowthOutside1X128 = wrap256(c.feeGrowthGlobal1X128 - info.feeGrowthOutside1X128);
    }
    this.sqrtPriceX96 = result.sqrtPriceX96;
    this.tick = result.tick;
    this.makerLiquidity = makerLiquidity;
    this.takerLiquidity = takerLiquidity;
    this.feeGrowthGlobal0X128 = result.feeGrowthGlobal0X128;
    this.feeGrowthGlobal1X128 = result.feeGrowthGlobal1X128;
    if (params.zeroForOne) this.protocolFees0 += result.protocolFee;
    else this.protocolFees1 += result.protocolFee;
    return result;
  }

  /** Uniswap V3's swap loop, reading the pool and returning what a swap would write. */
  private simulate(params: SwapParams): { result: SwapResult; crossings: Crossing[]; makerLiquidity: bigint; takerLiquidity: bigint } {
    const { zeroForOne, amountSpecified, sqrtPriceLimitX96 } = params;
    inRange(amountSpecified, MIN_INT256, MAX_INT256, "amountSpecified", "Pool.swap");
    inRange(sqrtPriceLimitX96, 0n, MAX_UINT160, "sqrtPriceLimitX96", "Pool.swap");
    if (amountSpecified === 0n) throw new AmountSpecifiedZeroError("AmountSpecifiedZero: amountSpecified is zero");
    const limitOk = zeroForOne
      ? sqrtPriceLimitX96 < this.sqrtPriceX96 && sqrtPriceLimitX96 > MIN_SQRT_RATIO
      : sqrtPriceLimitX96 > this.sqrtPriceX96 && sqrtPriceLimitX96 < MAX_SQRT_RATIO;
    if (!limitOk) {
      throw new InvalidPriceLimitError("InvalidPriceLimit: price limit on the wrong side of the price or out of bounds", {
        details: `limit ${sqrtPriceLimitX96}, price ${this.sqrtPriceX96}, zeroForOne ${zeroForOne}`,
      });
    }

    const exactInput = amountSpecified > 0n;
    let amountSpecifiedRemaining = amountSpecified;
    let amountCalculated = 0n;
    let sqrtPriceX96 = this.sqrtPriceX96;
    let tick = this.tick;
    let maker = this.makerLiquidity;
    let taker = this.takerLiquidity;
    // Only the input token's growth changes during a swap.
    let feeGrowthGlobalX128 = zeroForOne ? this.feeGrowthGlobal0X128 : this.feeGrowthGlobal1X128;
    let feeAmount = 0n;
    let protocolFee = 0n;
    let startFeePips = -1;
    let steps = 0;
    const crossings: Crossing[] = [];

    while (amountSpecifiedRemaining !== 0n && sqrtPriceX96 !== sqrtPriceLimitX96) {
      const sqrtPriceStartX96 = sqrtPriceX96;
      let { next: tickNext, initialized } = nextInitializedTickWithinOneWord(this.tickBitmap, tick, this.tickSpacing, zeroForOne);
      // The bitmap knows nothing of the tick bounds.
      if (tickNext < MIN_TICK) tickNext = MIN_TICK;
      else if (tickNext > MAX_TICK) tickNext = MAX_TICK;
      const sqrtPriceNextX96 = getSqrtRatioAtTick(tickNext);
      const beyondLimit = zeroForOne ? sqrtPriceNextX96 < sqrtPriceLimitX96 : sqrtPriceNextX96 > sqrtPriceLimitX96;
      const target = beyondLimit ? sqrtPriceLimitX96 : sqrtPriceNextX96;

      // The fee depends on the maker/taker liquidity in force during this step.
      const stepFeePips = feePips(taker, maker, this.feeParams);
      if (startFeePips < 0) startFeePips = stepFeePips;
      const liquidity = maker - taker;
      const step = computeSwapStep(sqrtPriceX96, target, liquidity, amountSpecifiedRemaining, stepFeePips);
      sqrtPriceX96 = step.sqrtRatioNextX96;
      steps++;

      if (exactInput) {
        amountSpecifiedRemaining = checkedInt256(amountSpecifiedRemaining - toInt256(step.amountIn + step.feeAmount));
        amountCalculated = checkedInt256(amountCalculated - toInt256(step.amountOut));
      } else {
        amountSpecifiedRemaining = checkedInt256(amountSpecifiedRemaining + toInt256(step.amountOut));
        amountCalculated = checkedInt256(amountCalculated + toInt256(step.amountIn + step.feeAmount));
      }

      // Protocol share rounds up (a charge); the makers' remainder is credited per unit of active liquidity, rounding down.
      const protocolDelta = mulDivRoundingUp(step.feeAmount, BigInt(this.protocolFeePips), BigInt(PIPS));
      feeAmount += step.feeAmount;
      protocolFee += protocolDelta;
      if (liquidity > 0n) feeGrowthGlobalX128 = wrap256(feeGrowthGlobalX128 + mulDiv(step.feeAmount - protocolDelta, Q128, liquidity));

      if (sqrtPriceX96 === sqrtPriceNextX96) {
        // Reached the next tick: cross it if initialized.
        if (initialized) {
          const info = this.ticks.get(tickNext)!;
          crossings.push({
            tick: tickNext,
            feeGrowthGlobal0X128: zeroForOne ? feeGrowthGlobalX128 : this.feeGrowthGlobal0X128,
            feeGrowthGlobal1X128: zeroForOne ? this.feeGrowthGlobal1X128 : feeGrowthGlobalX128,
          });
          // Nets are for crossing left to right; moving left subtracts them.
          const makerNet = zeroForOne ? -info.makerLiquidityNet : info.makerLiquidityNet;
          const takerNet = zeroForOne ? -info.takerLiquidityNet : info.takerLiquidityNet;
          maker = addDelta(maker, makerNet);
          taker = addDelta(taker, takerNet);
        }
        tick = zeroForOne ? tickNext - 1 : tickNext;
      } else if (sqrtPriceX96 !== sqrtPriceStartX96) {
        // Stopped inside a range: recompute the tick from the price.
        tick = getTickAtSqrtRatio(sqrtPriceX96);
      }
    }

    const specifiedSide = amountSpecified - amountSpecifiedRemaining;
    const [amount0, amount1] = zeroForOne === exactInput ? [specifiedSide, amountCalculated] : [amountCalculated, specifiedSide];
    return {
      result: {
        amount0,
        amount1,
        sqrtPriceX96,
        tick,
        liquidity: maker - taker,
        feeGrowthGlobal0X128: zeroForOne ? feeGrowthGlobalX128 : this.feeGrowthGlobal0X128,
        feeGrowthGlobal1X128: zeroForOne ? this.feeGrowthGlobal1X128 : feeGrowthGlobalX128,
        feeAmount,
        protocolFee,
        startFeePips, // the loop runs at least once: amountSpecified != 0 and the limit differs from the price
        steps,
      },
      crossings,
      makerLiquidity: maker,
      takerLiquidity: taker,
    };
  }
}

/** Uniswap's int256 add/sub revert on overflow; out-of-range sums fail here the same way. */
function checkedInt256(x: bigint): bigint {
  if (x < MIN_INT256 || x > MAX_INT256) {
    throw new SafeCastOverflowError("SafeCastOverflow: value does not fit the target type", { details: `int256 arithmetic: ${x}` });
  }
  return x;
}

function emptyTick(): TickInfo {
  return { liquidityGross: 0n, makerLiquidityNet: 0n, takerLiquidityNet: 0n, feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n };
}

function emptyPosition(): PositionInfo {
  return { liquidity: 0n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 0n };
}
