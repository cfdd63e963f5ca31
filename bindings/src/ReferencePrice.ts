/**
 * ReferencePrice: the reference-price arithmetic of the Portfolio Manager, exact as the contracts:
 * the Q64.96 sqrt price implied by two USD feeds, the mean tick of a TWAP window, and the floor
 * integer square root they rest on. Twin of contracts/libraries/ReferencePrice.sol; Wasm in
 * assembly/libraries/ReferencePrice.ts. Formula, regimes and rounding: docs/math.md, "Reference prices".
 * @module
 */
import { check, trapError } from "./call.js";
import { aBigint, aInt, MAX_UINT128, MAX_UINT256 } from "./convert.js";
import { InvalidArgumentTypeError, throwCode } from "./errors.js";
import { core, r160, r256, rI32, w256 } from "./_io.js";

/** Arguments of {@link oracleSqrtPriceX96}: two USD feeds' answers and decimals, and the tokens' decimals. */
export interface OracleSqrtPriceX96Parameters {
  /** token0's USD feed answer, in (0, 2^128) */
  answer0: bigint;
  /** decimals of token0's feed, an integer in [0, 36] */
  feedDecimals0: number;
  /** decimals of token0, an integer in [0, 36] */
  tokenDecimals0: number;
  /** token1's USD feed answer, in (0, 2^128) */
  answer1: bigint;
  /** decimals of token1's feed, an integer in [0, 36] */
  feedDecimals1: number;
  /** decimals of token1, an integer in [0, 36] */
  tokenDecimals1: number;
}
/** The result of {@link oracleSqrtPriceX96}: a Q64.96 sqrt price in [MIN_SQRT_RATIO, MAX_SQRT_RATIO). */
export type OracleSqrtPriceX96ReturnType = bigint;

/** Errors the ReferencePrice functions can throw. */
export type ReferencePriceErrorType =
  | import("./errors.js").ReferencePriceOutOfRangeError
  | import("./errors.js").ZeroTwapWindowError
  | import("./errors.js").InvalidArgumentTypeError
  | import("./errors.js").ValueOutOfRangeError
  | import("./errors.js").WasmNotLoadedError
  | import("./errors.js").WasmTrapError;

// The PM's validated domain (answers in (0, 2^128), feed decimals <= 36); token decimals share the bound.
const MAX_DECIMALS = 36;
const MIN_INT56 = /* @__PURE__ */ BigInt("-36028797018963968"); // -2^55
const MAX_INT56 = /* @__PURE__ */ BigInt("36028797018963967"); // 2^55 - 1
const MAX_UINT32 = 2 ** 32 - 1;

/**
 * The Q64.96 sqrt of the price of token0 in token1 (raw units) implied by two USD feeds:
 * `sqrt(answer0 / 10^feedDecimals0 / (answer1 / 10^feedDecimals1) · 10^(tokenDecimals1 − tokenDecimals0)) · 2^96`,
 * rounded down (exactly, for sqrt prices below 2^128; above, to a multiple of 2^32: docs/math.md).
 * @param params the two answers and four decimals ({@link OracleSqrtPriceX96Parameters})
 * @throws ReferencePriceOutOfRangeError when the result is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO);
 *   InvalidArgumentTypeError / ValueOutOfRangeError for an answer outside (0, 2^128) or decimals outside [0, 36].
 * @example
 * import { init, ReferencePrice } from "itos-core";
 * await init();
 * // two 18-decimal tokens at $1 (8-decimal feeds): price 1
 * ReferencePrice.oracleSqrtPriceX96({ answer0: 10n ** 8n, feedDecimals0: 8, tokenDecimals0: 18, answer1: 10n ** 8n, feedDecimals1: 8, tokenDecimals1: 18 });
 * // 79228162514264337593543950336n (2^96)
 * // WETH (18 decimals, $3000) in USDC (6 decimals, $1)
 * ReferencePrice.oracleSqrtPriceX96({ answer0: 3000n * 10n ** 8n, feedDecimals0: 8, tokenDecimals0: 18, answer1: 10n ** 8n, feedDecimals1: 8, tokenDecimals1: 6 });
 * // 4339505179874779489431521n
 */
export function oracleSqrtPriceX96(params: OracleSqrtPriceX96Parameters): OracleSqrtPriceX96ReturnType {
  const fn = "ReferencePrice.oracleSqrtPriceX96";
  if (typeof params !== "object" || params === null) throw new InvalidArgumentTypeError(`${fn}: params must be an object`);
  const { answer0, feedDecimals0, tokenDecimals0, answer1, feedDecimals1, tokenDecimals1 } = params;
  aBigint(answer0, 1n, MAX_UINT128, "answer0", fn);
  aInt(feedDecimals0, 0, MAX_DECIMALS, "feedDecimals0", fn);
  aInt(tokenDecimals0, 0, MAX_DECIMALS, "tokenDecimals0", fn);
  aBigint(answer1, 1n, MAX_UINT128, "answer1", fn);
  aInt(feedDecimals1, 0, MAX_DECIMALS, "feedDecimals1", fn);
  aInt(tokenDecimals1, 0, MAX_DECIMALS, "tokenDecimals1", fn);
  const { exports, io, io32 } = core();
  w256(io, 0, answer0);
  w256(io, 4, answer1);
  try {
    check(exports.referencePriceOracleSqrtPriceX96(feedDecimals0, tokenDecimals0, feedDecimals1, tokenDecimals1) as number, fn);
  } catch (e) {
    throw trapError(e, fn);
  }
  return r160(io, 0, io32);
}

/**
 * The mean tick between two tick cumulatives over `window` seconds, rounded toward negative
 * infinity (Uniswap V3's OracleLibrary.consult convention): `floor((end − start) / window)`.
 * @param tickCumulativeStart the cumulative at the start of the window (int56)
 * @param tickCumulativeEnd the cumulative at the end of the window (int56)
 * @param window the window in seconds (uint32)
 * @throws ZeroTwapWindowError when window is 0; ReferencePriceOutOfRangeError when the mean is outside
 *   [MIN_TICK, MAX_TICK]; InvalidArgumentTypeError / ValueOutOfRangeError for a cumulative outside int56
 *   or a window outside uint32.
 * @example
 * import { init, ReferencePrice } from "itos-core";
 * await init();
 * ReferencePrice.twapTick(0n, -7n, 2); // -4 (-3.5 rounded toward -infinity)
 * ReferencePrice.twapTick(1000n, 1000n + 600n * 42n, 600); // 42
 */
export function twapTick(tickCumulativeStart: bigint, tickCumulativeEnd: bigint, window: number): number {
  const fn = "ReferencePrice.twapTick";
  aBigint(tickCumulativeStart, MIN_INT56, MAX_INT56, "tickCumulativeStart", fn);
  aBigint(tickCumulativeEnd, MIN_INT56, MAX_INT56, "tickCumulativeEnd", fn);
  aInt(window, 0, MAX_UINT32, "window", fn);
  const { exports, io, io32 } = core();
  io[0] = tickCumulativeStart; // BigUint64Array stores the int56's two's complement (mod 2^64)
  io[1] = tickCumulativeEnd;
  let code: number;
  try {
    code = exports.referencePriceTwapTick(window | 0) as number;
  } catch (e) {
    throw trapError(e, fn);
  }
  if (code !== 0) throwCode(code, fn);
  return rI32(io32, 0);
}

/**
 * floor(sqrt(x)) of a uint256.
 * @throws InvalidArgumentTypeError / ValueOutOfRangeError for an argument that is not a uint256 bigint.
 * @example
 * import { init, ReferencePrice } from "itos-core";
 * await init();
 * ReferencePrice.sqrt(99n); // 9n
 * ReferencePrice.sqrt(2n ** 256n - 1n); // 340282366920938463463374607431768211455n (2^128 - 1)
 */
export function sqrt(x: bigint): bigint {
  const fn = "ReferencePrice.sqrt";
  aBigint(x, 0n, MAX_UINT256, "x", fn);
  const { exports, io, io32 } = core();
  w256(io, 0, x);
  try {
    check(exports.referencePriceSqrt() as number, fn);
  } catch (e) {
    throw trapError(e, fn);
  }
  return r256(io, 0, io32);
}
