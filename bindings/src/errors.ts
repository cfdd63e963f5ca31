/**
 * Typed errors thrown by the bindings. Each Wasm error code maps to a class
 * named after the custom error the Solidity twin reverts with, so one name
 * traces a failure through all three layers.
 * @module
 */

/** Base of every error the bindings throw. */
export class ItosError extends Error {
  /** The condition in a few words, without details. */
  readonly shortMessage: string;
  /** Extra context: the offending value and what was allowed. */
  readonly details?: string;
  constructor(shortMessage: string, options: { details?: string; cause?: unknown } = {}) {
    super(options.details ? `${shortMessage}: ${options.details}` : shortMessage, { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.name = new.target.name;
  }
}

/** An argument has the wrong JS type (e.g. a number where a bigint is required, NaN, a float). */
export class InvalidArgumentTypeError extends ItosError {}

/** An argument is outside the range its on-chain type allows (e.g. a negative uint, a value above 2^256). */
export class ValueOutOfRangeError extends ItosError {}

/** liquidity would go below zero (Solidity: LiquidityUnderflow()). */
export class LiquidityUnderflowError extends ItosError {}

/** liquidity would exceed uint128 (Solidity: LiquidityOverflow()). */
export class LiquidityOverflowError extends ItosError {}

/** tick outside [-887272, 887272] (Solidity: InvalidTick()). */
export class InvalidTickError extends ItosError {}

/** sqrtPriceX96 outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO) (Solidity: InvalidSqrtPrice()). */
export class InvalidSqrtPriceError extends ItosError {}

/** denominator is zero (Solidity: DivisionByZero()). */
export class DivisionByZeroError extends ItosError {}

/** result exceeds uint256 (Solidity: MulDivOverflow()). */
export class MulDivOverflowError extends ItosError {}

/** value does not fit the target type (Solidity: SafeCastOverflow()). */
export class SafeCastOverflowError extends ItosError {}

/** sqrtPX96 is zero (Solidity: PriceZero()). */
export class PriceZeroError extends ItosError {}

/** liquidity is zero (Solidity: ZeroLiquidity()). */
export class ZeroLiquidityError extends ItosError {}

/** output exceeds what the liquidity holds (Solidity: InsufficientLiquidity()). */
export class InsufficientLiquidityError extends ItosError {}

/** price limit on the wrong side of the price or out of bounds (Solidity: InvalidPriceLimit()). */
export class InvalidPriceLimitError extends ItosError {}

/** amountSpecified is zero (Solidity: AmountSpecifiedZero()). */
export class AmountSpecifiedZeroError extends ItosError {}

/** tickLower >= tickUpper, out of bounds, or not a multiple of tickSpacing (Solidity: InvalidTickRange()). */
export class InvalidTickRangeError extends ItosError {}

/** tick liquidity above maxLiquidityPerTick (Solidity: TickLiquidityOverflow()). */
export class TickLiquidityOverflowError extends ItosError {}

/** taker liquidity would exceed the pool's cap (Solidity: TakerCapExceeded()). */
export class TakerCapExceededError extends ItosError {}

/** fee params must satisfy min <= mid <= max < 1e6 (Solidity: InvalidFeeParams()). */
export class InvalidFeeParamsError extends ItosError {}

/** tickSpacing must be in [1, 16384] (Solidity: InvalidTickSpacing()). */
export class InvalidTickSpacingError extends ItosError {}

/** protocolFeePips must be <= 1e6 (Solidity: InvalidProtocolFee()). */
export class InvalidProtocolFeeError extends ItosError {}

/** takerCapPips must be <= 1e6 (Solidity: InvalidTakerCap()). */
export class InvalidTakerCapError extends ItosError {}

/** no pool behind this handle: never created, or freed (Wasm engine only). */
export class PoolNotFoundError extends ItosError {}

/** snapshot data that no pool can be in: a tick out of bounds, off the spacing, repeated or empty; a tick not matching the price; taker > maker (Wasm engine only). */
export class InvalidSnapshotError extends ItosError {}

/** a burn would leave taker liquidity above the remaining maker liquidity somewhere in its range (Solidity: LiquidityReserved()). */
export class LiquidityReservedError extends ItosError {}

/** a burn or release of 0, or a release, of a range holding no such liquidity: nothing to poke (Solidity: Position.PositionNotFound()). */
export class PositionNotFoundError extends ItosError {}

/** a Record names a token missing from the token table (Solidity: UnknownToken()). */
export class UnknownTokenError extends ItosError {}

/** a variance factor is not in (1, 256], i.e. varianceX64 not in (2^64, 2^72] (Solidity: InvalidVarianceFactor()). */
export class InvalidVarianceFactorError extends ItosError {}

/** a blue-chip held in a portfolio has no price (Solidity: MissingPrice()). */
export class MissingPriceError extends ItosError {}

/** a blue-chip's price answer is not in (0, 2^128) or its feed has more than 36 decimals (Solidity: InvalidPrice()). */
export class InvalidPriceError extends ItosError {}

/** a price is older than the token's staleness limit (Solidity: StalePrice()). */
export class StalePriceError extends ItosError {}

/** a Record amount is 2^128 or more, or a USD total leaves int256 (Solidity: SolvencyOverflow()). */
export class SolvencyOverflowError extends ItosError {}

/** a reference price outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO), or a mean tick outside [MIN_TICK, MAX_TICK] (Solidity: ReferencePriceOutOfRange()). */
export class ReferencePriceOutOfRangeError extends ItosError {}

/** a time-weighted average over a window of zero seconds (Solidity: ZeroTwapWindow()). */
export class ZeroTwapWindowError extends ItosError {}

/** a pool's observations do not reach back its TWAP window, or it has no `observe` (Solidity: IPortfolioManager.TwapUnavailable(pool, window)). */
export class TwapUnavailableError extends ItosError {
  /** The pool whose reference price could not be formed. */
  readonly pool?: string;
  /** Its TWAP window, in seconds. */
  readonly window?: number;
  constructor(shortMessage: string, options: { details?: string; cause?: unknown; pool?: string; window?: number } = {}) {
    super(shortMessage, options);
    this.pool = options.pool;
    this.window = options.window;
  }
}

/** a pool's spot tick is further than its maxDeviationTicks from its reference tick (Solidity: IPortfolioManager.PriceDeviation(pool, spotTick, referenceTick)). */
export class PriceDeviationError extends ItosError {
  /** The pool whose spot price strayed. */
  readonly pool?: string;
  readonly spotTick?: number;
  readonly referenceTick?: number;
  constructor(shortMessage: string, options: { details?: string; cause?: unknown; pool?: string; spotTick?: number; referenceTick?: number } = {}) {
    super(shortMessage, options);
    this.pool = options.pool;
    this.spotTick = options.spotTick;
    this.referenceTick = options.referenceTick;
  }
}

/** `options.referenceRecords` does not match the spot Records: another count of Records, or a Record naming other tokens or another order (bindings only: both valuations of a Record list the same tokens, IProducer). */
export class ReferenceRecordsMismatchError extends InvalidArgumentTypeError {}

/** no premium ledger behind this handle: never created, or freed (Wasm only). */
export class LedgerNotFoundError extends ItosError {}

/** a position holding liquidity has a bound that is not an initialized tick of the pool: the pool and position snapshots disagree (Wasm only). */
export class TickNotInPoolError extends ItosError {}

/** a valuation time before the premium ledger's snapshot: the ledger cannot be walked backwards (Wasm only). */
export class NowBeforeSnapshotError extends ItosError {}

/** a checked sum of a Record (amount + owed, return + debt) overflows uint256 (Solidity: Panic(0x11)). */
export class ArithmeticOverflowError extends ItosError {}

/** The Wasm module trapped: a bug in this library, never expected. Memory is re-instantiated. */
export class WasmTrapError extends ItosError {}

/** The Wasm core was used before `await init()`. */
export class WasmNotLoadedError extends ItosError {}

type ErrorCtor = new (shortMessage: string, options?: { details?: string }) => ItosError;

/** Wasm error code -> [class, message]. Index = code from assembly/errors.ts (keep in step with docs/errors.md). */
const CODES: Array<readonly [ErrorCtor, string] | undefined> = [
  undefined,
  [LiquidityUnderflowError, "LiquidityUnderflow: liquidity would go below zero"],
  [LiquidityOverflowError, "LiquidityOverflow: liquidity would exceed uint128"],
  [InvalidTickError, "InvalidTick: tick outside [-887272, 887272]"],
  [InvalidSqrtPriceError, "InvalidSqrtPrice: sqrtPriceX96 outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)"],
  [DivisionByZeroError, "DivisionByZero: denominator is zero"],
  [MulDivOverflowError, "MulDivOverflow: result exceeds uint256"],
  [SafeCastOverflowError, "SafeCastOverflow: value does not fit the target type"],
  [PriceZeroError, "PriceZero: sqrtPX96 is zero"],
  [ZeroLiquidityError, "ZeroLiquidity: liquidity is zero"],
  [InsufficientLiquidityError, "InsufficientLiquidity: output exceeds what the liquidity holds"],
  [InvalidPriceLimitError, "InvalidPriceLimit: price limit on the wrong side of the price or out of bounds"],
  [AmountSpecifiedZeroError, "AmountSpecifiedZero: amountSpecified is zero"],
  [InvalidTickRangeError, "InvalidTickRange: tickLower >= tickUpper, out of bounds, or not a multiple of tickSpacing"],
  [TickLiquidityOverflowError, "TickLiquidityOverflow: tick liquidity above maxLiquidityPerTick"],
  [TakerCapExceededError, "TakerCapExceeded: taker liquidity would exceed the pool's cap"],
  [InvalidFeeParamsError, "InvalidFeeParams: fee params must satisfy min <= mid <= max < 1e6"],
  [InvalidTickSpacingError, "InvalidTickSpacing: tickSpacing must be in [1, 16384]"],
  [InvalidProtocolFeeError, "InvalidProtocolFee: protocolFeePips must be <= 1e6"],
  [InvalidTakerCapError, "InvalidTakerCap: takerCapPips must be <= 1e6"],
  // 20-39: pool engine
  [PoolNotFoundError, "PoolNotFound: no pool behind this handle (never created, or freed)"],
  [InvalidSnapshotError, "InvalidSnapshot: state or ticks no pool can be in"],
  [LiquidityReservedError, "LiquidityReserved: the burn would leave takers above the remaining maker liquidity"],
  [PositionNotFoundError, "PositionNotFound: the range holds no such position"],
  // 40-59: solvency
];

// 40-59: solvency (set by code, so the ranges above can grow independently)
CODES[40] = [UnknownTokenError, "UnknownToken: a Record names a token missing from the token table"];
CODES[41] = [InvalidVarianceFactorError, "InvalidVarianceFactor: varianceX64 must be in (2^64, 2^72]"];
CODES[42] = [MissingPriceError, "MissingPrice: a blue-chip held in the portfolio has no price"];
CODES[43] = [InvalidPriceError, "InvalidPrice: answer must be in (0, 2^128) and feed decimals <= 36"];
CODES[44] = [StalePriceError, "StalePrice: the price is older than the token's staleness limit"];
CODES[45] = [SolvencyOverflowError, "SolvencyOverflow: a Record amount >= 2^128 or a USD total outside int256"];

// 60-79: reference prices
CODES[60] = [ReferencePriceOutOfRangeError, "ReferencePriceOutOfRange: the price is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO) or the mean tick outside [MIN_TICK, MAX_TICK]"];
CODES[61] = [ZeroTwapWindowError, "ZeroTwapWindow: the averaging window is zero seconds"];

// 80-99: producers
CODES[80] = [LedgerNotFoundError, "LedgerNotFound: no premium ledger behind this handle (never created, or freed)"];
CODES[81] = [TickNotInPoolError, "TickNotInPool: a position's bound is not an initialized tick of the pool"];
CODES[82] = [NowBeforeSnapshotError, "NowBeforeSnapshot: the valuation time is before the premium ledger's snapshot"];
CODES[83] = [ArithmeticOverflowError, "ArithmeticOverflow: a Record's sum exceeds uint256"];

/** Throws the typed error for a non-zero Wasm error code. */
export function throwCode(code: number, where: string): never {
  const entry = CODES[code];
  if (!entry) throw new WasmTrapError(`unknown error code ${code}`, { details: where });
  throw new entry[0](entry[1], { details: where });
}
