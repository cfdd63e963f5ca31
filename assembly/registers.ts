// The result registers of the math libraries, in one place. AssemblyScript
// functions return one value; a library whose result is wider (a uint256, a
// pair) or comes with an error code returns one part and leaves the rest in
// these module-level globals, which the caller reads right after the call (and
// before the next call to the same library overwrites them). Globals cost
// nothing to pass, where a returned struct would be allocated.
//
// The exports (mathExports.ts, pool/exports.ts) copy results from here to the IO
// region; nothing outside Wasm reads these.

// ---------------------------------------------------------------- U256

/** Limbs of the last 256-bit result (r0 least significant). */
export let r0: u64 = 0;
export let r1: u64 = 0;
export let r2: u64 = 0;
export let r3: u64 = 0;
/** High half of the last `mul512` product. */
export let h0: u64 = 0;
export let h1: u64 = 0;
export let h2: u64 = 0;
export let h3: u64 = 0;
/** Remainder of the last division. */
export let m0: u64 = 0;
export let m1: u64 = 0;
export let m2: u64 = 0;
export let m3: u64 = 0;
/** High 64 bits of the last `umul64` product. */
export let mulHi: u64 = 0;

// ---------------------------------------------------------------- LiquidityMath

/** High limb of the last 128-bit addDelta result (the low limb is returned). */
export let res128_hi: u64 = 0;
/** Error code of the last addDelta (0 = ok). */
export let lastError: i32 = 0;

// ---------------------------------------------------------------- TickMath, ReferencePrice

/** Result of the last successful getTickAtSqrtRatio (the error code is returned). */
export let tickResult: i32 = 0;
/** The tick of the last successful twapTick (the error code is returned). */
export let meanTick: i32 = 0;

// ---------------------------------------------------------------- SwapMath

/** Results of the last computeSwapStep: the price after the step (uint160, 3 limbs). */
export let sqrtRatioNextX96_0: u64 = 0;
export let sqrtRatioNextX96_1: u64 = 0;
export let sqrtRatioNextX96_2: u64 = 0;
/** Input paid into the curve, fee excluded (uint256). */
export let amountIn_0: u64 = 0;
export let amountIn_1: u64 = 0;
export let amountIn_2: u64 = 0;
export let amountIn_3: u64 = 0;
/** Output taken from the curve (uint256). */
export let amountOut_0: u64 = 0;
export let amountOut_1: u64 = 0;
export let amountOut_2: u64 = 0;
export let amountOut_3: u64 = 0;
/** Fee charged on top of amountIn, in the input token (uint256). */
export let feeAmount_0: u64 = 0;
export let feeAmount_1: u64 = 0;
export let feeAmount_2: u64 = 0;
export let feeAmount_3: u64 = 0;

// ---------------------------------------------------------------- Tick, TickBitmap

/** High limb of the last tickSpacingToMaxLiquidityPerTick (the low limb is returned). */
export let maxLiquidityHi: u64 = 0;
/** `initialized` result of the last nextInitializedTickWithinOneWord (the next tick is returned). */
export let nextInitialized: bool = false;
