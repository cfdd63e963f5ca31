/**
 * Typed errors thrown by the bindings. Each Wasm error code maps to a class
 * named after the custom error the Solidity twin reverts with, so one name
 * traces a failure through all three layers. Those classes and the code table are
 * generated from assembly/errors.ts (./generated/errors.ts, re-exported here); this
 * file holds the errors of the bindings alone.
 * @module
 */
import { ItosError } from "./errorBase.js";
import { WASM_ERRORS } from "./generated/errors.js";

export { ItosError } from "./errorBase.js";
export * from "./generated/errors.js";

/** An argument has the wrong JS type (e.g. a number where a bigint is required, NaN, a float). */
export class InvalidArgumentTypeError extends ItosError {}

/** An argument is outside the range its on-chain type allows (e.g. a negative uint, a value above 2^256). */
export class ValueOutOfRangeError extends ItosError {}

/** a pool's observations do not reach back its TWAP window, or it has no `observe` (Solidity: IPortfolioManager.TwapUnavailable(pool, window)). */
export class TwapUnavailableError extends ItosError {
  /** The pool whose reference price could not be formed. */
  readonly pool?: string;
  /** Its TWAP window, in seconds. */
  readonly window?: number;
  constructor(shortMessage: string, options: { details?: string; cause?: unknown; pool?: string; window?: number } = {}) {
    super(shortMessage, options);
    this.pool = options.pool;
    this.window = options.window;
  }
}

/** a pool's spot tick is further than its maxDeviationTicks from its reference tick (Solidity: IPortfolioManager.PriceDeviation(pool, spotTick, referenceTick)). */
export class PriceDeviationError extends ItosError {
  /** The pool whose spot price strayed. */
  readonly pool?: string;
  readonly spotTick?: number;
  readonly referenceTick?: number;
  constructor(shortMessage: string, options: { details?: string; cause?: unknown; pool?: string; spotTick?: number; referenceTick?: number } = {}) {
    super(shortMessage, options);
    this.pool = options.pool;
    this.spotTick = options.spotTick;
    this.referenceTick = options.referenceTick;
  }
}

/** `options.referenceRecords` does not match the spot Records: another count of Records, or a Record naming other tokens or another order (bindings only: both valuations of a Record list the same tokens, IProducer). */
export class ReferenceRecordsMismatchError extends InvalidArgumentTypeError {}

/** A position's producer is of a kind no valuer is registered for (Portfolio.registerValuer). */
export class UnknownProducerError extends ItosError {}

/** A position, market or vault the valuation needs is missing from the snapshot (the producer's UnknownAsset). */
export class UnknownAssetError extends ItosError {}

/** The Wasm module trapped: a bug in this library, never expected. Memory is re-instantiated. */
export class WasmTrapError extends ItosError {}

/** The Wasm core was used before `await init()`. */
export class WasmNotLoadedError extends ItosError {}

/** Throws the typed error for a non-zero Wasm error code. */
export function throwCode(code: number, where: string): never {
  const entry = WASM_ERRORS[code];
  if (!entry) throw new WasmTrapError(`unknown error code ${code}`, { details: where });
  throw new entry[0](entry[1], { details: where });
}
