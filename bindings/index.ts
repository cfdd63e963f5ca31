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
  WasmTrapError,
  NotInitializedError,
} from "./src/errors.js";
