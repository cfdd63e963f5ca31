/**
 * Errors of the model: the bindings' own classes (`bindings/src/errors.ts`), so a model failure
 * and a Wasm failure compare by class (`toThrow(SomeError)` holds for both).
 * @module
 */
export * from "../src/errors.js";
