/**
 * Range checks for the model's inputs: a value outside its on-chain type is a caller bug,
 * reported as ValueOutOfRangeError (the bindings do the same at the Wasm boundary).
 * @module
 */
import { InvalidArgumentTypeError, ValueOutOfRangeError } from "./errors.js";

/** Requires a bigint in [min, max]. */
export function inRange(value: bigint, min: bigint, max: bigint, name: string, fn: string): bigint {
  if (typeof value !== "bigint") throw new InvalidArgumentTypeError(`${fn}: ${name} must be a bigint`, { details: `got ${typeof value}` });
  if (value < min || value > max) throw new ValueOutOfRangeError(`${fn}: ${name} out of range`, { details: `got ${value}, allowed [${min}, ${max}]` });
  return value;
}

/** Requires an integer number in [min, max]. */
export function intInRange(value: number, min: number, max: number, name: string, fn: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new InvalidArgumentTypeError(`${fn}: ${name} must be an integer number`, { details: `got ${String(value)}` });
  }
  if (value < min || value > max) throw new ValueOutOfRangeError(`${fn}: ${name} out of range`, { details: `got ${value}, allowed [${min}, ${max}]` });
  return value;
}
