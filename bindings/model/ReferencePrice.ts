/**
 * ReferencePrice: the reference-price arithmetic written from its definitions (docs/math.md,
 * "Reference prices"), with unbounded BigInt, for tests to compare the Wasm core and the contracts
 * with. Where the contracts bound intermediate values (a factor 10^e that overflows, a quotient
 * of 2^128 or more), the model does not need to: such prices are outside the tick range anyway.
 * @module
 */
import { MAX_UINT128, MAX_UINT256 } from "./constants.js";
import { inRange, intInRange } from "./_check.js";
import { MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK } from "./TickMath.js";
import { ReferencePriceOutOfRangeError, ZeroTwapWindowError } from "./errors.js";

/** Two USD feeds' answers and decimals and the tokens' decimals (as the binding's parameters). */
export interface OracleSqrtPriceX96Parameters {
  answer0: bigint;
  feedDecimals0: number;
  tokenDecimals0: number;
  answer1: bigint;
  feedDecimals1: number;
  tokenDecimals1: number;
}

const LOW32 = (1n << 32n) - 1n;

function outOfRange(details: string): never {
  throw new ReferencePriceOutOfRangeError("ReferencePriceOutOfRange: the price is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO) or the mean tick outside [MIN_TICK, MAX_TICK]", { details });
}

/**
 * `floor(sqrt(N·2^192/D))` for the price `N/D` of token0 in token1, with
 * `N = answer0·10^max(e, 0)`, `D = answer1·10^max(−e, 0)`, `e = (fd1 + td1) − (fd0 + td0)`;
 * from `N/D >= 2^64` on (sqrt prices of 2^128 and more) the same value with its low 32 bits cleared.
 * @throws ReferencePriceOutOfRangeError when that is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO).
 * @example
 * oracleSqrtPriceX96({ answer0: 10n ** 8n, feedDecimals0: 8, tokenDecimals0: 18, answer1: 10n ** 8n, feedDecimals1: 8, tokenDecimals1: 18 }); // 2n ** 96n
 */
export function oracleSqrtPriceX96(params: OracleSqrtPriceX96Parameters): bigint {
  const fn = "ReferencePrice.oracleSqrtPriceX96";
  const { answer0, feedDecimals0, tokenDecimals0, answer1, feedDecimals1, tokenDecimals1 } = params;
  inRange(answer0, 1n, MAX_UINT128, "answer0", fn);
  inRange(answer1, 1n, MAX_UINT128, "answer1", fn);
  for (const [d, name] of [[feedDecimals0, "feedDecimals0"], [tokenDecimals0, "tokenDecimals0"], [feedDecimals1, "feedDecimals1"], [tokenDecimals1, "tokenDecimals1"]] as const) {
    intInRange(d, 0, 36, name, fn);
  }
  const e = feedDecimals1 + tokenDecimals1 - (feedDecimals0 + tokenDecimals0);
  const N = answer0 * 10n ** BigInt(Math.max(e, 0));
  const D = answer1 * 10n ** BigInt(Math.max(-e, 0));
  // floor(sqrt(q)) = floor(sqrt(floor(q))) for any real q >= 0
  let s = isqrt((N << 192n) / D);
  if (N >= D << 64n) s &= ~LOW32;
  if (s < MIN_SQRT_RATIO || s >= MAX_SQRT_RATIO) outOfRange(`${fn}: got ${s}`);
  return s;
}

/**
 * The greatest tick `m` with `m·window <= tickCumulativeEnd − tickCumulativeStart`.
 * @throws ZeroTwapWindowError when `window == 0`; ReferencePriceOutOfRangeError when `m` is outside [MIN_TICK, MAX_TICK].
 * @example
 * twapTick(0n, -7n, 2); // -4
 */
export function twapTick(tickCumulativeStart: bigint, tickCumulativeEnd: bigint, window: number): number {
  const fn = "ReferencePrice.twapTick";
  inRange(tickCumulativeStart, -(1n << 55n), (1n << 55n) - 1n, "tickCumulativeStart", fn);
  inRange(tickCumulativeEnd, -(1n << 55n), (1n << 55n) - 1n, "tickCumulativeEnd", fn);
  intInRange(window, 0, 2 ** 32 - 1, "window", fn);
  if (window === 0) throw new ZeroTwapWindowError("ZeroTwapWindow: the averaging window is zero seconds", { details: fn });
  const delta = tickCumulativeEnd - tickCumulativeStart;
  const w = BigInt(window);
  // delta = m·w + rem with 0 <= rem < w: m is the floor of delta / w
  const rem = ((delta % w) + w) % w;
  const m = (delta - rem) / w;
  if (m < BigInt(MIN_TICK) || m > BigInt(MAX_TICK)) outOfRange(`${fn}: mean tick ${m}`);
  return Number(m);
}

/**
 * floor(sqrt(x)) of a uint256.
 * @example
 * sqrt(99n); // 9n
 */
export function sqrt(x: bigint): bigint {
  inRange(x, 0n, MAX_UINT256, "x", "ReferencePrice.sqrt");
  return isqrt(x);
}

/**
 * floor(sqrt(x)) for any x >= 0, one bit at a time from the top: bit k of the root is set when
 * the root so far plus 2^k still squares to at most x.
 */
export function isqrt(x: bigint): bigint {
  let r = 0n;
  for (let k = BigInt(x.toString(2).length >> 1); k >= 0n; k--) {
    const c = r | (1n << k);
    if (c * c <= x) r = c;
  }
  return r;
}
