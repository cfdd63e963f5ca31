/**
 * Runs one Wasm export and turns any failure into a typed error. A trap (a bug,
 * never expected) is reported as WasmTrapError; the module's static IO region
 * and heap stay valid because exports do not allocate on failing paths.
 * @module
 */
import { throwCode, WasmTrapError } from "./errors.js";

/** Calls `f`, throws the typed error for a non-zero code. */
export function check(code: number, where: string): void {
  if (code !== 0) throwCode(code, where);
}

/** Wraps a raw export call so a Wasm trap becomes WasmTrapError. */
export function guard<T>(where: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) throw new WasmTrapError(`${where}: Wasm trap`, { details: e.message, cause: e });
    throw e;
  }
}
