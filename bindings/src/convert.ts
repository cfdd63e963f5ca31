/**
 * Argument checks and bigint <-> u64-limb conversion at the Wasm boundary.
 * @module
 */
import { InvalidArgumentTypeError, ValueOutOfRangeError } from "./errors.js";

export const MASK64 = (1n << 64n) - 1n;
export const MAX_UINT128 = (1n << 128n) - 1n;
export const MAX_UINT160 = (1n << 160n) - 1n;
export const MAX_UINT256 = (1n << 256n) - 1n;
export const MIN_INT128 = -(1n << 127n);
export const MAX_INT128 = (1n << 127n) - 1n;
export const MIN_INT256 = -(1n << 255n);
export const MAX_INT256 = (1n << 255n) - 1n;

/** Requires a bigint in [min, max]; `name` is the parameter, `fn` the function. */
export function aBigint(value: unknown, min: bigint, max: bigint, name: string, fn: string): bigint {
  if (typeof value !== "bigint") {
    throw new InvalidArgumentTypeError(`${fn}: ${name} must be a bigint`, { details: `got ${describe(value)}` });
  }
  if (value < min || value > max) {
    throw new ValueOutOfRangeError(`${fn}: ${name} out of range`, { details: `got ${value}, allowed [${min}, ${max}]` });
  }
  return value;
}

/** Requires a safe integer number in [min, max]. */
export function aInt(value: unknown, min: number, max: number, name: string, fn: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new InvalidArgumentTypeError(`${fn}: ${name} must be an integer number`, { details: `got ${describe(value)}` });
  }
  if (value < min || value > max) {
    throw new ValueOutOfRangeError(`${fn}: ${name} out of range`, { details: `got ${value}, allowed [${min}, ${max}]` });
  }
  return value;
}

/** Requires a boolean. */
export function aBool(value: unknown, name: string, fn: string): boolean {
  if (typeof value !== "boolean") {
    throw new InvalidArgumentTypeError(`${fn}: ${name} must be a boolean`, { details: `got ${describe(value)}` });
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return String(value);
  return value === null ? "null" : typeof value;
}

/** Writes a uint128 (or an int128 as two's complement) into io[at..at+1]. */
export function put128(io: BigUint64Array, at: number, v: bigint): void {
  io[at] = v & MASK64;
  io[at + 1] = BigInt.asUintN(64, v >> 64n);
}

/** Reads a uint128 from io[at..at+1]. */
export function get128(io: BigUint64Array, at: number): bigint {
  const hi = io[at + 1];
  return hi === 0n ? io[at] : (hi << 64n) | io[at];
}

/** Writes a uint256 (or an int256 as two's complement) into io[at..at+3]. */
export function put256(io: BigUint64Array, at: number, v: bigint): void {
  io[at] = v & MASK64;
  io[at + 1] = BigInt.asUintN(64, v >> 64n);
  io[at + 2] = BigInt.asUintN(64, v >> 128n);
  io[at + 3] = BigInt.asUintN(64, v >> 192n);
}

/** Reads a uint256 from io[at..at+3], skipping zero high limbs. */
export function get256(io: BigUint64Array, at: number): bigint {
  const l3 = io[at + 3], l2 = io[at + 2], l1 = io[at + 1], l0 = io[at];
  if (l3 !== 0n) return (l3 << 192n) | (l2 << 128n) | (l1 << 64n) | l0;
  if (l2 !== 0n) return (l2 << 128n) | (l1 << 64n) | l0;
  if (l1 !== 0n) return (l1 << 64n) | l0;
  return l0;
}

/** Reads an int256 (two's complement) from io[at..at+3]. */
export function getInt256(io: BigUint64Array, at: number): bigint {
  return BigInt.asIntN(256, get256(io, at));
}
