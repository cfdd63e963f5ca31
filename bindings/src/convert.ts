/**
 * Argument checks at the Wasm boundary, and the on-chain integer bounds they use.
 * (The bigint <-> u64-limb codec is _io.ts.)
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

