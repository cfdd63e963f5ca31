/**
 * itos-core: the Itos math core in WebAssembly, bit-exact with the contracts.
 *
 * @example
 * import { init, LiquidityMath } from "itos-core";
 * await init();
 * LiquidityMath.addDelta(10n, -3n); // 7n
 * @module
 */
export { init } from "./src/wasm.js";
export * as LiquidityMath from "./src/LiquidityMath.js";
export * as FullMath from "./src/FullMath.js";
export * as TickMath from "./src/TickMath.js";
export * as SqrtPriceMath from "./src/SqrtPriceMath.js";
export * as SwapMath from "./src/SwapMath.js";
export * as FeeCurve from "./src/FeeCurve.js";
export * as LiquidityAmounts from "./src/LiquidityAmounts.js";
export * as PremiumWalk from "./src/PremiumWalk.js";
export { MIN_TICK, MAX_TICK, MIN_SQRT_RATIO, MAX_SQRT_RATIO } from "./src/TickMath.js";
export { Pool, SwapResult } from "./src/Pool.js";
export { ChainReadError, readPortfolio, type CallProvider, type PortfolioSnapshot } from "./src/chain.js";
export * as Solvency from "./src/Solvency.js";
export { Portfolio, POSITION_KINDS } from "./src/Portfolio.js";
export type {
  PortfolioPosition,
  PortfolioState,
  PositionKind,
  PositionValuer,
  ValuationContext,
  ValuationOptions,
  MarketState,
  VaultState,
  TokenState,
  SharedState,
  PoolPrices,
} from "./src/Portfolio.js";
export * as ReferencePrice from "./src/ReferencePrice.js";
export type { OracleSqrtPriceX96Parameters, OracleSqrtPriceX96ReturnType, ReferencePriceErrorType } from "./src/ReferencePrice.js";
export { uniswapV3PositionRecord, uniswapV3PositionRecordAt, uniswapV3PositionRecordFromChain } from "./src/integrators.js";
export type { UniswapV3PoolState, UniswapV3PositionState, IntegratorRecord } from "./src/integrators.js";
export type {
  SolvencyRecord,
  SolvencyTokenInfo,
  SolvencyPrice,
  SolvencyTokens,
  SolvencyPrices,
  SolvencyOptions,
  SolvencyManyOptions,
  SolvencyResult,
  SolvencyValuation,
  SolvencyValuationName,
  SolvencyTwoValuationResult,
} from "./src/Solvency.js";
export {
  PremiumLedger,
  makerValueAt,
  takerValueAt,
  premiumGrowthInside,
  makerRecordAt,
  takerRecordAt,
  bundleRecordAt,
  makerAssetsFromChain,
  takerAssetsFromChain,
  bundleAssetsFromChain,
} from "./src/producers/index.js";
export type * from "./src/producers/index.js";
export type { PoolConfig, SwapParameters, SwapReturnType, QuoteManyParameters, QuoteManyReturnType, Amounts, TickInfo, PoolState } from "./src/Pool.js";
export {
  ItosError,
  InvalidArgumentTypeError,
  ValueOutOfRangeError,
  LiquidityUnderflowError,
  LiquidityOverflowError,
  InvalidTickError,
  InvalidSqrtPriceError,
  DivisionByZeroError,
  MulDivOverflowError,
  SafeCastOverflowError,
  PriceZeroError,
  ZeroLiquidityError,
  InsufficientLiquidityError,
  InvalidPriceLimitError,
  AmountSpecifiedZeroError,
  InvalidTickRangeError,
  TickLiquidityOverflowError,
  TakerCapExceededError,
  InvalidFeeParamsError,
  InvalidTickSpacingError,
  InvalidProtocolFeeError,
  InvalidTakerCapError,
  PoolNotFoundError,
  InvalidSnapshotError,
  LiquidityReservedError,
  PositionNotFoundError,
  UnknownTokenError,
  InvalidVarianceFactorError,
  MissingPriceError,
  InvalidPriceError,
  StalePriceError,
  SolvencyOverflowError,
  ReferencePriceOutOfRangeError,
  ZeroTwapWindowError,
  BitMathZeroError,
  TwapUnavailableError,
  PriceDeviationError,
  ReferenceRecordsMismatchError,
  ArithmeticOverflowError,
  UnknownProducerError,
  UnknownAssetError,
  WasmTrapError,
  WasmNotLoadedError,
  LedgerNotFoundError,
  TickNotInPoolError,
  NowBeforeSnapshotError,
} from "./src/errors.js";
