/**
 * Errors of the model. The math and pool errors are the bindings' own classes
 * (`bindings/src/errors.ts`), so a model failure and a Wasm failure compare by class.
 * The solvency errors are declared here until the bindings add them (Wasm codes 40-59).
 * @module
 */
import { ItosError } from "../src/errors.js";

export * from "../src/errors.js";

/** A blue-chip token held in a portfolio has no price, or a price <= 0 (Solidity: MissingPrice()). */
export class MissingPriceError extends ItosError {}

/** A Record names a token that is not in the token registry (Solidity: UnknownToken()). */
export class UnknownTokenError extends ItosError {}

/** A token's variance factor is not above 1, i.e. varianceX64 <= 2^64 (Solidity: InvalidVarianceFactor()). */
export class InvalidVarianceFactorError extends ItosError {}
