// The JS <-> Wasm layout: every offset, stride and size that both sides of the
// boundary use is declared here and nowhere else. scripts/gen-boundary.mjs reads
// this file and writes bindings/src/generated/layout.ts (`npm run build` runs it;
// `--check` fails CI when the copy is stale), so the bindings never hold a copy.
// Each constant is `export const NAME: type = expr;` with an optional doc comment;
// expr is an integer literal, an earlier constant, or + - * / % << >> & | of them.
// i32 constants become numbers in TypeScript, u64 / i64 constants bigints.

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

/**
 * A swap's results in IO (poolSwap), which the swap loop also works in: int256 amount0 (during
 * the loop: amountSpecifiedRemaining), int256 amount1 (during the loop: amountCalculated).
 */
export const SWAP_AMOUNT0: i32 = 0;
export const SWAP_AMOUNT1: i32 = 4;
/** The state after the swap (STATE_WORDS, layout of the state block), moved by the loop in place. */
export const SWAP_STATE: i32 = 8;
/** uint256 fee paid in the input token (protocol share included). */
export const SWAP_FEE: i32 = SWAP_STATE + STATE_WORDS;
/** uint256 the protocol's share of that fee. */
export const SWAP_PROTOCOL_FEE: i32 = SWAP_FEE + 4;

/** Words per quoteMany result: amount0 (4), amount1 (4), sqrtPriceX96 (3), tick (1). */
export const QUOTE_STRIDE: i32 = 12;

// ---------------------------------------------------------------- tick records
// A pool's tick records (libraries/Tick.ts), as poolGetTicks lists them.
/** u64 limbs per tick record (a power of two: the offset is a shift). */
export const TICK_STRIDE: i32 = 16;
/** int128, two's complement: maker liquidity added when crossing left to right. */
export const T_MAKER_NET: i32 = 0;
/** int128, two's complement: taker liquidity added when crossing left to right. */
export const T_TAKER_NET: i32 = 2;
/** uint128: maker gross + taker gross; the tick is initialized while it is non-zero. */
export const T_GROSS: i32 = 4;
/** uint256: fee growth of token0 on the other side of the tick (relative to the current tick). */
export const T_FGO0: i32 = 6;
/** uint256: fee growth of token1 on the other side of the tick. */
export const T_FGO1: i32 = 10;
/** The tick index itself (so records can be listed). */
export const T_TICK: i32 = 14;

// ---------------------------------------------------------------- math exports

/** swapMathComputeSwapStep: IO word set to 1 when the step ended at its target price (0 otherwise). */
export const SWAP_STEP_REACHED_TARGET: i32 = 16;

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
/** u64 words of batch input per item (the widest: getAmount0Delta's two prices and a liquidity). */
export const BATCH_IN_ITEM_WORDS: i32 = 8;
/** u64 words of batch output per item (the widest: a uint256). */
export const BATCH_OUT_ITEM_WORDS: i32 = 4;
/** u64 words of the batch input region. */
export const BATCH_IN_WORDS: i32 = BATCH_CAP * BATCH_IN_ITEM_WORDS;
/** u64 words of the batch output region. */
export const BATCH_OUT_WORDS: i32 = BATCH_CAP * BATCH_OUT_ITEM_WORDS;

// ---------------------------------------------------------------- portfolio
// IO layout of the money-market, deposit and ERC-4626 exports (producers/marketExports.ts).
// A market's stored state sits at IO[0..PF_MARKET_WORDS); the bindings write it once per market
// and then only the per-position words, since these exports write results from PF_OUT on.

/** uint256 lendIndexX64 as last written by an accrual. */
export const PF_M_LEND_INDEX: i32 = 0;
/** uint256 borrowIndexX64 as last written by an accrual. */
export const PF_M_BORROW_INDEX: i32 = 4;
/** uint256 totalLendShares. */
export const PF_M_TOTAL_LEND_SHARES: i32 = 8;
/** uint256 totalBorrowShares. */
export const PF_M_TOTAL_BORROW_SHARES: i32 = 12;
/** uint64 lastAccrual (seconds). */
export const PF_M_LAST_ACCRUAL: i32 = 16;
/** Rate model, five uint256: baseRateX64, slope1X64, kinkX64, slope2X64, reserveShareX64. */
export const PF_M_BASE_RATE: i32 = 17;
export const PF_M_SLOPE1: i32 = 21;
export const PF_M_KINK: i32 = 25;
export const PF_M_SLOPE2: i32 = 29;
export const PF_M_RESERVE_SHARE: i32 = 33;
export const PF_MARKET_WORDS: i32 = 37;
/** ERC-4626 vault totals, in the market block's place: totalAssets, totalSupply, 10^decimalsOffset. */
export const PF_V_TOTAL_ASSETS: i32 = 0;
export const PF_V_TOTAL_SUPPLY: i32 = 4;
export const PF_V_OFFSET_POW: i32 = 8;
/** uint64 timestamp the state is valued at (block.timestamp of the twin). */
export const PF_NOW: i32 = 37;
/** uint256 per-position amount: lend or borrow shares, deposit amount, vault shares. */
export const PF_AMOUNT: i32 = 38;
/** uint64 per-position parameter: the borrow producer's liquidationWindow, a vault's riskPips. */
export const PF_PARAM: i32 = 42;
/** Results: up to three uint256 (credit or debt, delta; indexes; rates). */
export const PF_OUT: i32 = 44;
export const PF_OUT2: i32 = 48;
export const PF_OUT3: i32 = 52;

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
