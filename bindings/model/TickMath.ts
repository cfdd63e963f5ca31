/**
 * TickMath: tick <-> sqrt price, with Uniswap V3's exact bits.
 *
 * `getSqrtRatioAtTick` must match Uniswap's rounding bit for bit, so it uses the same product
 * of per-bit factors. `getTickAtSqrtRatio` is written from its definition instead (the greatest
 * tick whose sqrt ratio is <= the input), by binary search over `getSqrtRatioAtTick`: slower than
 * Uniswap's log2 approximation, but an independent statement of the same result.
 * @module
 */
import { MAX_UINT256 } from "./constants.js";
import { intInRange } from "./_check.js";
import { InvalidSqrtPriceError, InvalidTickError, ValueOutOfRangeError } from "./errors.js";

/** The lowest tick: log base 1.0001 of 2^-128. */
export const MIN_TICK = -887272;
/** The highest tick: log base 1.0001 of 2^128. */
export const MAX_TICK = 887272;
/** getSqrtRatioAtTick(MIN_TICK). */
export const MIN_SQRT_RATIO = 4295128739n;
/** getSqrtRatioAtTick(MAX_TICK). */
export const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n;

/**
 * FACTORS[k] ~= 2^128 / sqrt(1.0001)^(2^k), as a Q128.128 number (Uniswap's table, bit for bit;
 * the model's tests check each entry against a high-precision evaluation of that formula).
 */
const FACTORS: readonly bigint[] = [
  0xfffcb933bd6fad37aa2d162d1a594001n,
  0xfff97272373d413259a46990580e213an,
  0xfff2e50f5f656932ef12357cf3c7fdccn,
  0xffe5caca7e10e4e61c3624eaa0941cd0n,
  0xffcb9843d60f6159c9db58835c926644n,
  0xff973b41fa98c081472e6896dfb254c0n,
  0xff2ea16466c96a3843ec78b326b52861n,
  0xfe5dee046a99a2a811c461f1969c3053n,
  0xfcbe86c7900a88aedcffc83b479aa3a4n,
  0xf987a7253ac413176f2b074cf7815e54n,
  0xf3392b0822b70005940c7a398e4b70f3n,
  0xe7159475a2c29b7443b29c7fa6e889d9n,
  0xd097f3bdfd2022b8845ad8f792aa5825n,
  0xa9f746462d870fdf8a65dc1f90e061e5n,
  0x70d869a156d2a1b890bb3df62baf32f7n,
  0x31be135f97d08fd981231505542fcfa6n,
  0x9aa508b5b7a84e1c677de54f3e99bc9n,
  0x5d6af8dedb81196699c329225ee604n,
  0x2216e584f5fa1ea926041bedfe98n,
  0x48a170391f7dc42444e8fa2n,
];

/** Exported for the model's own tests (the factor table above). */
export const SQRT_RATIO_FACTORS = FACTORS;

/**
 * `sqrt(1.0001^tick) · 2^96`, rounded up to the next Q64.96 value as Uniswap does.
 * @throws InvalidTickError when `|tick| > 887272`.
 * @example
 * getSqrtRatioAtTick(0); // 79228162514264337593543950336n (2^96)
 */
export function getSqrtRatioAtTick(tick: number): bigint {
  if (typeof tick !== "number" || !Number.isInteger(tick)) intInRange(tick, MIN_TICK, MAX_TICK, "tick", "TickMath.getSqrtRatioAtTick");
  const absTick = Math.abs(tick);
  if (absTick > MAX_TICK) throw new InvalidTickError("InvalidTick: tick outside [-887272, 887272]", { details: `got ${tick}` });
  // ratio = 2^128 / sqrt(1.0001)^|tick|, multiplying in one factor per set bit of |tick|.
  let ratio = 1n << 128n;
  for (let k = 0; k < FACTORS.length; k++) {
    if (absTick & (1 << k)) ratio = (ratio * FACTORS[k]) >> 128n;
  }
  // Positive ticks: invert (Q128.128), with Uniswap's uint256-max numerator.
  if (tick > 0) ratio = MAX_UINT256 / ratio;
  // Q128.128 -> Q64.96, rounding up so that getTickAtSqrtRatio(getSqrtRatioAtTick(t)) == t.
  return (ratio >> 32n) + ((ratio & 0xffffffffn) === 0n ? 0n : 1n);
}

/**
 * The greatest tick `t` with `getSqrtRatioAtTick(t) <= sqrtPriceX96`.
 * @throws InvalidSqrtPriceError when `sqrtPriceX96 < MIN_SQRT_RATIO` or `>= MAX_SQRT_RATIO`.
 * @example
 * getTickAtSqrtRatio(1n << 96n); // 0
 */
export function getTickAtSqrtRatio(sqrtPriceX96: bigint): number {
  if (typeof sqrtPriceX96 !== "bigint") throw new ValueOutOfRangeError("TickMath.getTickAtSqrtRatio: sqrtPriceX96 must be a bigint");
  if (sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 >= MAX_SQRT_RATIO) {
    throw new InvalidSqrtPriceError("InvalidSqrtPrice: sqrtPriceX96 outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)", { details: `got ${sqrtPriceX96}` });
  }
  // Invariant: ratio(lo) <= sqrtPriceX96 < ratio(hi).
  let lo = MIN_TICK, hi = MAX_TICK;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (getSqrtRatioAtTick(mid) <= sqrtPriceX96) lo = mid;
    else hi = mid;
  }
  return lo;
}
