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
// Solvency.checkMany reads one arena the bindings fill (assembly/libraries/Solvency.ts has the
// whole map). A token row holds the token's inputs as the PM passes them to Solvency.check
// (TokenConfig, Price) plus what the PM's price read needs; Wasm derives everything else.

/** u64 words per token row. */
export const TOKEN_WORDS: i32 = 14;
/** varianceX64, uint256 (4 limbs). */
export const T_VARIANCE: i32 = 0;
/** 1 for a tail token, 0 for a blue-chip. */
export const T_TAIL: i32 = 4;
/** Token decimals (the bindings bound them to [0, MAX_DECIMALS]). */
export const T_DECIMALS: i32 = 5;
/** Price flags: PRICE_GIVEN | PRICE_DATED. */
export const T_PRICE: i32 = 6;
/** Feed answer, int256 (4 limbs, two's complement). */
export const T_ANSWER: i32 = 7;
/** Feed decimals (uint8 on chain; larger values are stored as 255). */
export const T_FEED_DECIMALS: i32 = 11;
/** updatedAt of the answer, seconds (read when PRICE_DATED). */
export const T_UPDATED_AT: i32 = 12;
/** maxAge of the token's feed, seconds (read when PRICE_DATED). */
export const T_MAX_AGE: i32 = 13;
/** T_PRICE bit: the token has a price (else MissingPrice when a blue-chip is held). */
export const PRICE_GIVEN: u64 = 1;
/** T_PRICE bit: check staleness against IO_NOW (`now`, `maxAge` and `updatedAt` all given). */
export const PRICE_DATED: u64 = 2;

/** u64 words of per-token scratch: rcp (2), net (4), stamp (1), factor valid (1). */
export const SCRATCH_WORDS: i32 = 8;

/** IO words of a check, in: tailRecordUsdDebt (2 limbs), `now`, and 1 when the last portfolio is cut. */
export const IO_TAIL_DEBT: i32 = 0;
export const IO_NOW: i32 = 2;
export const IO_CUT: i32 = 3;
/** IO words after a failed check: where it failed (NOT_AT when the failure has no record / token). */
export const IO_FAILED_PORTFOLIO: i32 = 0;
export const IO_FAILED_RECORD: i32 = 1;
export const IO_FAILED_ENTRY: i32 = 2;
export const IO_FAILED_TOKEN: i32 = 3;
export const NOT_AT: u64 = 0xffffffff;

/** Result block of one portfolio (u64 words), then RESULT_TOKEN_WORDS per token, then the failing tails. */
export const R_SOLVENT: i32 = 0;
/** usdNet, int256 (4 limbs). */
export const R_USD_NET: i32 = 1;
export const R_TAIL_RECORDS: i32 = 5;
/** Number of tokens in the Records (entries that follow). */
export const R_TOKENS: i32 = 6;
/** Number of failing tail tokens (table indexes after the token entries). */
export const R_FAILING: i32 = 7;
export const RESULT_HEAD_WORDS: i32 = 8;
/** Per token: table index, net (int256, 4 limbs). */
export const RESULT_TOKEN_WORDS: i32 = 5;
/** u32 token id in a Record that is not in the table (UnknownToken). */
export const UNKNOWN_TOKEN_ID: u32 = 0xffffffff;

// ---------------------------------------------------------------- batches

/** Items per batch call; callers split longer inputs into chunks. */
export const BATCH_CAP: i32 = 1024;
