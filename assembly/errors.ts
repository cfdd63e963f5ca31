// Error codes returned by every exported function. Each name is the custom
// error the Solidity twin reverts with; bindings/src/errors.ts maps the code to
// a typed Error subclass of the same name. docs/errors.md is the list of record.
// Ranges: 1-19 math libraries, 20-39 pool engine, 40-59 solvency, 60-79 reference prices,
// 100-119 portfolio (money market, producers).

export const OK: i32 = 0;
export const E_LIQUIDITY_UNDERFLOW: i32 = 1; // LiquidityUnderflow()
export const E_LIQUIDITY_OVERFLOW: i32 = 2; // LiquidityOverflow()
export const E_INVALID_TICK: i32 = 3; // InvalidTick()
export const E_INVALID_SQRT_PRICE: i32 = 4; // InvalidSqrtPrice()
export const E_DIVISION_BY_ZERO: i32 = 5; // DivisionByZero()
export const E_MUL_DIV_OVERFLOW: i32 = 6; // MulDivOverflow()
export const E_SAFE_CAST_OVERFLOW: i32 = 7; // SafeCastOverflow()
export const E_PRICE_ZERO: i32 = 8; // PriceZero()
export const E_ZERO_LIQUIDITY: i32 = 9; // ZeroLiquidity()
export const E_INSUFFICIENT_LIQUIDITY: i32 = 10; // InsufficientLiquidity()
export const E_INVALID_PRICE_LIMIT: i32 = 11; // InvalidPriceLimit()
export const E_AMOUNT_SPECIFIED_ZERO: i32 = 12; // AmountSpecifiedZero()
export const E_INVALID_TICK_RANGE: i32 = 13; // InvalidTickRange()
export const E_TICK_LIQUIDITY_OVERFLOW: i32 = 14; // TickLiquidityOverflow()
export const E_TAKER_CAP_EXCEEDED: i32 = 15; // TakerCapExceeded()
export const E_INVALID_FEE_PARAMS: i32 = 16; // InvalidFeeParams()
export const E_INVALID_TICK_SPACING: i32 = 17; // InvalidTickSpacing()
export const E_INVALID_PROTOCOL_FEE: i32 = 18; // InvalidProtocolFee()
export const E_INVALID_TAKER_CAP: i32 = 19; // InvalidTakerCap()
// 20-39: pool engine (append here)
export const E_POOL_NOT_FOUND: i32 = 20; // PoolNotFound()
export const E_INVALID_SNAPSHOT: i32 = 21; // InvalidSnapshot()
export const E_LIQUIDITY_RESERVED: i32 = 22; // LiquidityReserved()
export const E_POSITION_NOT_FOUND: i32 = 23; // PositionNotFound()
// 40-59: solvency (append here)
export const E_UNKNOWN_TOKEN: i32 = 40; // UnknownToken()
export const E_INVALID_VARIANCE_FACTOR: i32 = 41; // InvalidVarianceFactor()
export const E_MISSING_PRICE: i32 = 42; // MissingPrice()
export const E_INVALID_PRICE: i32 = 43; // InvalidPrice()
export const E_STALE_PRICE: i32 = 44; // StalePrice()
export const E_SOLVENCY_OVERFLOW: i32 = 45; // SolvencyOverflow()
// 60-79: reference prices (append here)
export const E_REFERENCE_PRICE_OUT_OF_RANGE: i32 = 60; // ReferencePriceOutOfRange()
export const E_ZERO_TWAP_WINDOW: i32 = 61; // ZeroTwapWindow()
// 100-119: portfolio (append here)
export const E_ARITHMETIC_OVERFLOW: i32 = 100; // Panic(0x11): checked arithmetic over- or underflow
