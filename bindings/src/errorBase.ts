/**
 * The base class of every error the bindings throw. Its own module so the generated Wasm
 * error classes (generated/errors.ts) and the hand-written ones (errors.ts) share it without
 * importing each other.
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
