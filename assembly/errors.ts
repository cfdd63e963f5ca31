// Error codes returned by every exported function: 0 or one of these, never
// anything else (results go to the IO region, see io.ts). Each name is the
// custom error the Solidity twin reverts with.
//
// This file is the source of truth: scripts/gen-boundary.mjs reads it and writes
// the error classes and the code -> class table of the bindings
// (bindings/src/generated/errors.ts) and the codes table of docs/errors.md.
// Each code is `export const E_NAME: i32 = code; // Name()` (the trailing comment is
// the error's name, `E_` + its words in capitals) with a doc comment:
//   first line   the class's doc (what went wrong, in a few words)
//   @message     the thrown message after "Name: " (default: the first line)
//   @solidity    the twin in Solidity, as shown in the class doc (default: "Name()")
//   @raisedBy    who raises it (docs/errors.md)
//   @condition   when (docs/errors.md)
// Ranges: 1-19 math libraries, 20-39 pool engine, 40-59 solvency, 60-79 reference
// prices, 80-99 math libraries (continued),
// 100-119 portfolio (money market, producers), 120-139 producers of the 2sAMM.

export const OK: i32 = 0;

// ---------------------------------------------------------------- 1-19: math libraries

/**
 * liquidity would go below zero
 * @raisedBy LiquidityMath.addDelta
 * @condition result < 0
 */
export const E_LIQUIDITY_UNDERFLOW: i32 = 1; // LiquidityUnderflow()
/**
 * liquidity would exceed uint128
 * @raisedBy LiquidityMath.addDelta
 * @condition result > 2^128-1
 */
export const E_LIQUIDITY_OVERFLOW: i32 = 2; // LiquidityOverflow()
/**
 * tick outside [-887272, 887272]
 * @raisedBy TickMath.getSqrtRatioAtTick
 * @condition abs(tick) > 887272 (Uniswap `T`)
 */
export const E_INVALID_TICK: i32 = 3; // InvalidTick()
/**
 * sqrtPriceX96 outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)
 * @raisedBy TickMath.getTickAtSqrtRatio, pool init
 * @condition sqrtPriceX96 < MIN_SQRT_RATIO or >= MAX_SQRT_RATIO (Uniswap `R`)
 */
export const E_INVALID_SQRT_PRICE: i32 = 4; // InvalidSqrtPrice()
/**
 * denominator is zero
 * @raisedBy FullMath.mulDiv, mulDivRoundingUp
 * @condition denominator == 0
 */
export const E_DIVISION_BY_ZERO: i32 = 5; // DivisionByZero()
/**
 * result exceeds uint256
 * @raisedBy FullMath.mulDiv, mulDivRoundingUp; PremiumWalk.premiumIndexDeltaX64RoundingUp, advancePremiumIndexX64
 * @condition result > 2^256-1
 */
export const E_MUL_DIV_OVERFLOW: i32 = 6; // MulDivOverflow()
/**
 * value does not fit the target type
 * @raisedBy SafeCast (toUint160, toInt128, toInt256); PremiumWalk.advancePremiumIndexX64 (index above 2^128-1)
 * @condition value does not fit the target type
 */
export const E_SAFE_CAST_OVERFLOW: i32 = 7; // SafeCastOverflow()
/**
 * sqrtPX96 is zero
 * @raisedBy SqrtPriceMath.getNextSqrtPriceFrom{Input,Output}
 * @condition sqrtPX96 == 0
 */
export const E_PRICE_ZERO: i32 = 8; // PriceZero()
/**
 * liquidity is zero
 * @raisedBy SqrtPriceMath.getNextSqrtPriceFrom{Input,Output}; pool mint/take
 * @condition liquidity == 0 (a burn or release of 0 is a poke, see PositionNotFound)
 */
export const E_ZERO_LIQUIDITY: i32 = 9; // ZeroLiquidity()
/**
 * output exceeds what the liquidity holds
 * @raisedBy SqrtPriceMath.getNextSqrtPriceFromOutput
 * @condition the output exceeds what the liquidity holds (Uniswap's `require(numerator1 > product)` / `require(sqrtPX96 > quotient)`)
 */
export const E_INSUFFICIENT_LIQUIDITY: i32 = 10; // InsufficientLiquidity()
/**
 * price limit on the wrong side of the price or out of bounds
 * @raisedBy pool swap
 * @condition price limit on the wrong side of the current price or outside (MIN_SQRT_RATIO, MAX_SQRT_RATIO) (Uniswap `SPL`)
 */
export const E_INVALID_PRICE_LIMIT: i32 = 11; // InvalidPriceLimit()
/**
 * amountSpecified is zero
 * @raisedBy pool swap
 * @condition amountSpecified == 0 (Uniswap `AS`)
 */
export const E_AMOUNT_SPECIFIED_ZERO: i32 = 12; // AmountSpecifiedZero()
/**
 * tickLower >= tickUpper, out of bounds, or not a multiple of tickSpacing
 * @raisedBy pool mint/take/burn/release
 * @condition tickLower >= tickUpper, a bound outside [MIN_TICK, MAX_TICK] or not a multiple of tickSpacing
 */
export const E_INVALID_TICK_RANGE: i32 = 13; // InvalidTickRange()
/**
 * tick liquidity above maxLiquidityPerTick
 * @raisedBy pool mint/take
 * @condition liquidityGross of a tick > maxLiquidityPerTick (Uniswap `LO`)
 */
export const E_TICK_LIQUIDITY_OVERFLOW: i32 = 14; // TickLiquidityOverflow()
/**
 * taker liquidity would exceed the pool's cap
 * @raisedBy pool take
 * @condition taker liquidity would exceed takerCap x maker liquidity at some price in the range
 */
export const E_TAKER_CAP_EXCEEDED: i32 = 15; // TakerCapExceeded()
/**
 * fee params must satisfy min <= mid <= max < 1e6
 * @raisedBy FeeCurve, pool config
 * @condition not (minFeePips <= midFeePips <= maxFeePips < 1_000_000)
 */
export const E_INVALID_FEE_PARAMS: i32 = 16; // InvalidFeeParams()
/**
 * tickSpacing must be in [1, 16384]
 * @raisedBy pool config
 * @condition tickSpacing < 1 or > 16384
 */
export const E_INVALID_TICK_SPACING: i32 = 17; // InvalidTickSpacing()
/**
 * protocolFeePips must be <= 1e6
 * @raisedBy pool config
 * @condition protocolFeePips > 1_000_000
 */
export const E_INVALID_PROTOCOL_FEE: i32 = 18; // InvalidProtocolFee()
/**
 * takerCapPips must be <= 1e6
 * @raisedBy pool config
 * @condition takerCapPips > 1_000_000
 */
export const E_INVALID_TAKER_CAP: i32 = 19; // InvalidTakerCap()

// ---------------------------------------------------------------- 20-39: pool engine (append here)

/**
 * no pool behind this handle: never created, or freed
 * @message no pool behind this handle (never created, or freed)
 * @solidity none
 * @raisedBy Wasm pool engine (no Solidity twin)
 * @condition the handle names no live pool (never created, or freed)
 */
export const E_POOL_NOT_FOUND: i32 = 20; // PoolNotFound()
/**
 * snapshot data that no pool can be in: a tick out of bounds, off the spacing, repeated or empty; a tick not matching the price; taker > maker
 * @message state or ticks no pool can be in
 * @solidity none
 * @raisedBy Wasm pool engine `setState` / `setTicks` (no Solidity twin)
 * @condition a tick out of [MIN_TICK, MAX_TICK], not a multiple of tickSpacing, repeated, or with zero gross liquidity; a state tick that does not belong to its price; taker liquidity above maker liquidity
 */
export const E_INVALID_SNAPSHOT: i32 = 21; // InvalidSnapshot()
/**
 * a burn would leave taker liquidity above the remaining maker liquidity somewhere in its range
 * @message the burn would leave takers above the remaining maker liquidity
 * @raisedBy pool burn
 * @condition at some price of the range where makers hold at least the amount, takers would hold more than the makers left (makers may withdraw whatever is not reserved)
 */
export const E_LIQUIDITY_RESERVED: i32 = 22; // LiquidityReserved()
/**
 * a burn or release of 0, or a release, of a range holding no such liquidity: nothing to poke
 * @message the range holds no such position
 * @solidity Position.PositionNotFound()
 * @raisedBy pool burn of 0, release (`Position.PositionNotFound`)
 * @condition the position (Wasm: the range's maker or taker total) holds no liquidity
 */
export const E_POSITION_NOT_FOUND: i32 = 23; // PositionNotFound()

// ---------------------------------------------------------------- 40-59: solvency (append here)

/**
 * a Record names a token missing from the token table
 * @raisedBy Solvency.check, PM registry
 * @condition a Record names a token missing from the token table (PM: not registered)
 */
export const E_UNKNOWN_TOKEN: i32 = 40; // UnknownToken()
/**
 * a variance factor is not in (1, 256], i.e. varianceX64 not in (2^64, 2^72]
 * @message varianceX64 must be in (2^64, 2^72]
 * @raisedBy Solvency.check, PM `setToken`
 * @condition varianceX64 not in (2^64, 2^72], i.e. the factor is not in (1, 256]
 */
export const E_INVALID_VARIANCE_FACTOR: i32 = 41; // InvalidVarianceFactor()
/**
 * a blue-chip held in a portfolio has no price
 * @message a blue-chip held in the portfolio has no price
 * @raisedBy Solvency.check (bindings), PM price read
 * @condition a blue-chip held in the portfolio has no price (PM: the token has no feed)
 */
export const E_MISSING_PRICE: i32 = 42; // MissingPrice()
/**
 * a blue-chip's price answer is not in (0, 2^128) or its feed has more than 36 decimals
 * @message answer must be in (0, 2^128) and feed decimals <= 36
 * @raisedBy Solvency.check, PM price read
 * @condition a used blue-chip's answer is <= 0 or >= 2^128, or its feed has more than 36 decimals (PM: also a feed whose `latestRoundData` or `decimals` reverts; the same bounds apply to the tail feeds liquidations read)
 */
export const E_INVALID_PRICE: i32 = 43; // InvalidPrice()
/**
 * a price is older than the token's staleness limit
 * @message the price is older than the token's staleness limit
 * @raisedBy PM price read; Solvency.check when `now` and a staleness limit are given
 * @condition `now - updatedAt > maxAge` or `updatedAt > now`
 */
export const E_STALE_PRICE: i32 = 44; // StalePrice()
/**
 * a Record amount is 2^128 or more, or a USD total leaves int256
 * @message a Record amount >= 2^128 or a USD total outside int256
 * @raisedBy Solvency.check
 * @condition a Record amount >= 2^128, a blue-chip's USD value above 2^255-1, or the USD total leaving int256
 */
export const E_SOLVENCY_OVERFLOW: i32 = 45; // SolvencyOverflow()

// ---------------------------------------------------------------- 60-79: reference prices (append here)

/**
 * a reference price outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO), or a mean tick outside [MIN_TICK, MAX_TICK]
 * @message the price is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO) or the mean tick outside [MIN_TICK, MAX_TICK]
 * @raisedBy ReferencePrice.oracleSqrtPriceX96, twapTick
 * @condition oracle: the sqrt price (rounded as docs/math.md, "Reference prices") is < MIN_SQRT_RATIO or >= MAX_SQRT_RATIO, including a price N/D >= 2^128 and an `answer · 10^e` that leaves 256 bits; twapTick: the mean tick is outside [MIN_TICK, MAX_TICK]
 */
export const E_REFERENCE_PRICE_OUT_OF_RANGE: i32 = 60; // ReferencePriceOutOfRange()
/**
 * a time-weighted average over a window of zero seconds
 * @message the averaging window is zero seconds
 * @raisedBy ReferencePrice.twapTick
 * @condition window == 0
 */
export const E_ZERO_TWAP_WINDOW: i32 = 61; // ZeroTwapWindow()

// ---------------------------------------------------------------- 80-99: math libraries, continued (append here)

/**
 * a bit index of zero, which has no set bit
 * @message zero has no set bit
 * @solidity BitMath.BitMathZero()
 * @raisedBy BitMath.mostSignificantBit, leastSignificantBit (the `bitMath` export; the tick bitmap never asks for 0)
 * @condition x == 0
 */
export const E_BIT_MATH_ZERO: i32 = 80; // BitMathZero()

// ---------------------------------------------------------------- 100-119: portfolio (append here)

/**
 * checked arithmetic over- or underflow, where the Solidity twin panics with Panic(0x11)
 * @message checked arithmetic over- or underflow
 * @solidity none
 * @raisedBy MoneyMarket twin (_currentIndexes, sharesToAmount, ...), the money-market producers' records; the 2sAMM producers' Records (a checked sum leaves uint256)
 * @condition an intermediate leaves 256 bits, or a `now` before the market's last accrual
 */
export const E_ARITHMETIC_OVERFLOW: i32 = 100; // ArithmeticOverflow()

// ---------------------------------------------------------------- 120-139: the 2sAMM producers (append here)

/**
 * no premium ledger behind this handle (never created, or freed)
 * @solidity none
 * @raisedBy the 2sAMM producer twins (assembly/producers/exports.ts), PremiumLedger
 * @condition the ledger handle was never returned by a load, or was freed
 */
export const E_LEDGER_NOT_FOUND: i32 = 120; // LedgerNotFound()
/**
 * a position's bound is not an initialized tick of the pool
 * @solidity none
 * @raisedBy PremiumWalk walk twins, TwoSidedPoolLens twins
 * @condition tickLower or tickUpper is not an initialized tick of the resident pool
 */
export const E_TICK_NOT_IN_POOL: i32 = 121; // TickNotInPool()
/**
 * the valuation time is before the snapshot the state was read at
 * @solidity none
 * @raisedBy the 2sAMM producer twins; Portfolio (a `now` before the block its state was read at)
 * @condition now < the snapshot's block timestamp (state cannot be wound back)
 */
export const E_NOW_BEFORE_SNAPSHOT: i32 = 122; // NowBeforeSnapshot()
