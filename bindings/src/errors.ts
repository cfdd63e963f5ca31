/**
 * Typed errors thrown by the bindings. Each Wasm error code maps to a class
 * named after the custom error the Solidity twin reverts with, so one name
 * traces a failure through all three layers.
 * @module
 */

/** Base of every error the bindings throw. */
export class ItosError extends Error {
  /** The condition in a few words, without details. */
  readonly shortMessage: string;
  /** Extra context: the offending value and what was allowed. */
  readonly details?: string;
  constructor(shortMessage: string, options: { details?: string; cause?: unknown } = {}) {
    super(options.details ? `${shortMessage}: ${options.details}` : shortMessage, { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.name = new.target.name;
  }
}

/** An argument has the wrong JS type (e.g. a number where a bigint is required, NaN, a float). */
export class InvalidArgumentTypeError extends ItosError {}

/** An argument is outside the range its on-chain type allows (e.g. a negative uint, a value above 2^256). */
export class ValueOutOfRangeError extends ItosError {}

/** LiquidityMath.addDelta: the result would be negative (Solidity: LiquidityUnderflow()). */
export class LiquidityUnderflowError extends ItosError {}

/** LiquidityMath.addDelta: the result would exceed uint128 (Solidity: LiquidityOverflow()). */
export class LiquidityOverflowError extends ItosError {}

/** The Wasm module trapped: a bug in this library, never expected. Memory is re-instantiated. */
export class WasmTrapError extends ItosError {}

/** The Wasm core was used before `await init()`. */
export class NotInitializedError extends ItosError {}

type ErrorCtor = new (shortMessage: string, options?: { details?: string }) => ItosError;

/** Wasm error code -> [class, message]. Index = code from assembly/errors.ts. */
const CODES: ReadonlyArray<readonly [ErrorCtor, string] | undefined> = [
  undefined,
  [LiquidityUnderflowError, "LiquidityUnderflow: liquidity would go below zero"],
  [LiquidityOverflowError, "LiquidityOverflow: liquidity would exceed uint128"],
];

/** Throws the typed error for a non-zero Wasm error code. */
export function throwCode(code: number, where: string): never {
  const entry = CODES[code];
  if (!entry) throw new WasmTrapError(`unknown error code ${code}`, { details: where });
  throw new entry[0](entry[1], { details: where });
}
