/**
 * Errors of the model. The math and pool errors are the bindings' own classes
 * (`bindings/src/errors.ts`), so a model failure and a Wasm failure compare by class.
 * The solvency errors are declared here until the bindings add them (Wasm codes 40-59).
 * @module
 */
import { ItosError } from "../src/errors.js";

export * from "../src/errors.js";

/** A blue-chip token held in a portfolio has no price at all (Solidity: MissingPrice(token), in the PM). */
export class MissingPriceError extends ItosError {}

/** A blue-chip's feed answer is not in (0, 2^128) or its feed has more than 36 decimals (Solidity: InvalidPrice(token)). */
export class InvalidPriceError extends ItosError {}

/** A Record amount is 2^128 or more, or a USD total leaves int256 (Solidity: SolvencyOverflow()). */
export class SolvencyOverflowError extends ItosError {}

/** A Record names a token that is not in the token registry (Solidity: UnknownToken()). */
export class UnknownTokenError extends ItosError {}

/** A token's variance factor is not in (1, 256], i.e. varianceX64 not in (2^64, 2^72] (Solidity: InvalidVarianceFactor(token)). */
export class InvalidVarianceFactorError extends ItosError {}
