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
