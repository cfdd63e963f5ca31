/**
 * SafeCast: checked narrowing casts, as Uniswap V3's SafeCast.
 * @module
 */
import { MAX_INT128, MAX_INT256, MAX_UINT160, MIN_INT128 } from "./constants.js";
import { SafeCastOverflowError } from "./errors.js";

function overflow(fn: string, y: bigint): never {
  throw new SafeCastOverflowError("SafeCastOverflow: value does not fit the target type", { details: `${fn}(${y})` });
}

/** uint256 -> uint160. @throws SafeCastOverflowError above 2^160-1. */
export function toUint160(y: bigint): bigint {
  if (y < 0n || y > MAX_UINT160) overflow("SafeCast.toUint160", y);
  return y;
}

/** int256 -> int128. @throws SafeCastOverflowError outside [-2^127, 2^127-1]. */
export function toInt128(y: bigint): bigint {
  if (y < MIN_INT128 || y > MAX_INT128) overflow("SafeCast.toInt128", y);
  return y;
}

/** uint256 -> int256. @throws SafeCastOverflowError at or above 2^255. */
export function toInt256(y: bigint): bigint {
  if (y < 0n || y > MAX_INT256) overflow("SafeCast.toInt256", y);
  return y;
}
