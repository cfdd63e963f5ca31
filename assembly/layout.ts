// The JS <-> Wasm layout: every offset, stride and size that both sides of the
// boundary use is declared here and nowhere else. The TypeScript side reads
// these through the generated bindings/src/generated/layout.ts.

// ---------------------------------------------------------------- IO region

/** Number of u64 words in the IO scratch region (io.ts). */
export const IO_WORDS: i32 = 64;

// ---------------------------------------------------------------- pool state
// Scalar state of a pool, in one block of limbs so a quote can copy it and the
// snapshot loader can write it in one go.
/** uint160 sqrtPriceX96 (limbs 0..2, limb 3 zero). */
export const S_SQRT_PRICE: i32 = 0;
/** int24 current tick (as i64). */
export const S_TICK: i32 = 4;
/** uint128 maker liquidity at the current price (P). */
export const S_MAKER: i32 = 5;
/** uint128 taker liquidity at the current price (R). */
export const S_TAKER: i32 = 7;
/** uint128 active liquidity = maker - taker. */
export const S_LIQUIDITY: i32 = 9;
/** Fee in pips at the current price (FeeCurve of taker/maker), cached. */
export const S_FEE: i32 = 11;
/** uint256 feeGrowthGlobal0X128. */
export const S_FG0: i32 = 12;
/** uint256 feeGrowthGlobal1X128. */
export const S_FG1: i32 = 16;
/** uint256 protocol fees of token0 accrued. */
export const S_PF0: i32 = 20;
/** uint256 protocol fees of token1 accrued. */
export const S_PF1: i32 = 24;
export const STATE_WORDS: i32 = 28;

/** Which liquidity a modification touches. */
export const MAKER: i32 = 0;
export const TAKER: i32 = 1;

/** Words per quoteMany result: amount0 (4), amount1 (4), sqrtPriceX96 (3), tick (1). */
export const QUOTE_STRIDE: i32 = 12;

// ---------------------------------------------------------------- solvency

/** u64 words per token row of a solvency check. */
export const TOKEN_WORDS: i32 = 14;
/** u64 words of per-token scratch during a check. */
export const SCRATCH_WORDS: i32 = 8;
/** Price state of a token row. */
export const PRICE_OK: u64 = 0;
export const PRICE_MISSING: u64 = 1;
export const PRICE_INVALID: u64 = 2;
export const PRICE_STALE: u64 = 3;

// ---------------------------------------------------------------- batches

/** Items per batch call; callers split longer inputs into chunks. */
export const BATCH_CAP: i32 = 1024;

// ---------------------------------------------------------------- producers
// The 2sAMM producers' twins (assembly/producers/, assembly/TwoSidedPoolLens.ts)
// and the premium ledger they read (assembly/libraries/PremiumLedger.ts).

/** premiumLedgerCreate input: uint128 premium index of token0 (2 limbs). */
export const PL_INDEX0: i32 = 0;
/** uint128 premium index of token1. */
export const PL_INDEX1: i32 = 2;
/** uint120 borrow index of token0 at the last advance, mod 2^120 (2 limbs). */
export const PL_BORROW_LOW0: i32 = 4;
/** uint120 borrow index of token1 at the last advance, mod 2^120. */
export const PL_BORROW_LOW1: i32 = 6;
/** 1 when premium tracking is active. */
export const PL_ACTIVE: i32 = 8;
/** Timestamp of the snapshot (seconds). */
export const PL_TIME: i32 = 9;
/** uint256 borrow index of token0 at the snapshot (4 limbs). */
export const PL_BORROW_NOW0: i32 = 10;
/** uint256 borrow index of token1 at the snapshot. */
export const PL_BORROW_NOW1: i32 = 14;
export const PL_HEADER_WORDS: i32 = 18;

/** premiumLedgerAt input: the timestamp, then the borrow indexes at it (4 limbs each). */
export const PA_NOW: i32 = 0;
export const PA_BORROW0: i32 = 1;
export const PA_BORROW1: i32 = 5;

/** Per-tick record of premiumLedgerLoadTicks (in the ledger scratch): the tick (as i64), then Tick.Premium. */
export const LT_TICK: i32 = 0;
/** uint128 lastIndex0X64, lastIndex1X64 (2 limbs each). */
export const LT_LAST_INDEX0: i32 = 1;
export const LT_LAST_INDEX1: i32 = 3;
/** uint256 makerGrowth0X128, makerGrowth1X128, takerGrowth0X128, takerGrowth1X128 (4 limbs each). */
export const LT_MAKER0: i32 = 5;
export const LT_MAKER1: i32 = 9;
export const LT_TAKER0: i32 = 13;
export const LT_TAKER1: i32 = 17;
export const LEDGER_TICK_WORDS: i32 = 21;

/** A maker position (Position.Maker) in IO, from its base: uint128 liquidity. */
export const MK_LIQUIDITY: i32 = 0;
/** uint256 feeGrowthInside0Last, feeGrowthInside1Last, premiumInside0Last, premiumInside1Last (4 limbs each). */
export const MK_LAST: i32 = 2;
/** uint128 tokensOwed0, tokensOwed1. */
export const MK_OWED0: i32 = 18;
export const MK_OWED1: i32 = 20;
export const MAKER_WORDS: i32 = 22;

/** A taker position (Position.Taker) in IO, from its base: uint128 liquidity. */
export const TK_LIQUIDITY: i32 = 0;
/** The four last growths, as MK_LAST. */
export const TK_LAST: i32 = 2;
/** uint256 owed0, owed1. */
export const TK_OWED0: i32 = 18;
export const TK_OWED1: i32 = 22;
/** uint256 lent amounts (its money-market shares valued by the caller, with interest). */
export const TK_LENT0: i32 = 26;
export const TK_LENT1: i32 = 30;
export const TAKER_WORDS: i32 = 34;

/** Valuation inputs: maker export, sqrtPriceX96 (3 limbs) after the maker position. */
export const MV_SQRT_PRICE: i32 = MAKER_WORDS;
/** Taker export: sqrtPriceX96 after the taker position. */
export const TV_SQRT_PRICE: i32 = TAKER_WORDS;
/** Bundle export: maker position at 0, taker position at BV_TAKER, the bundle's two liquidities, the price. */
export const BV_TAKER: i32 = MAKER_WORDS;
export const BV_MAKER_LIQUIDITY: i32 = MAKER_WORDS + TAKER_WORDS;
export const BV_TAKER_LIQUIDITY: i32 = MAKER_WORDS + TAKER_WORDS + 2;
export const BV_SQRT_PRICE: i32 = MAKER_WORDS + TAKER_WORDS + 4;

/** Outputs (4 limbs each). MakerValue: amount0, amount1, owed0, owed1. */
export const MO_AMOUNT0: i32 = 0;
export const MO_AMOUNT1: i32 = 4;
export const MO_OWED0: i32 = 8;
export const MO_OWED1: i32 = 12;
/** TakerValue: lent0, lent1, returnAmount0, returnAmount1, debt0, debt1. */
export const TO_LENT0: i32 = 0;
export const TO_LENT1: i32 = 4;
export const TO_RETURN0: i32 = 8;
export const TO_RETURN1: i32 = 12;
export const TO_DEBT0: i32 = 16;
export const TO_DEBT1: i32 = 20;
/** A Record over (token0, token1): credit, debt, delta of each. */
export const RO_CREDIT0: i32 = 0;
export const RO_CREDIT1: i32 = 4;
export const RO_DEBT0: i32 = 8;
export const RO_DEBT1: i32 = 12;
export const RO_DELTA0: i32 = 16;
export const RO_DELTA1: i32 = 20;
/** premiumGrowthInside: maker0, maker1, taker0, taker1. */
export const GO_MAKER0: i32 = 0;
export const GO_MAKER1: i32 = 4;
export const GO_TAKER0: i32 = 8;
export const GO_TAKER1: i32 = 12;
