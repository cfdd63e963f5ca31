/**
 * The one place a Wasm trap becomes a typed error. A trap (a bug, never expected) is reported
 * as WasmTrapError; the module's static IO region and heap stay valid because exports do not
 * allocate on failing paths, so later calls still work.
 *
 * Every binding calls its export inside `try { ... } catch (e) { throw trapError(e, where) }`:
 * a try/catch around the raw call costs nothing measurable in V8, where a closure per call
 * (`guard`) does; `guard` is for the colder paths.
 * @module
 */
import { throwCode, WasmTrapError } from "./errors.js";

/** Throws the typed error for a non-zero code. */
export function check(code: number, where: string): void {
  if (code !== 0) throwCode(code, where);
}

/** What to throw for `e`, caught around a raw export call: a trap becomes WasmTrapError, anything else is itself. */
export function trapError(e: unknown, where: string): unknown {
  if (e instanceof WebAssembly.RuntimeError) return new WasmTrapError(`${where}: Wasm trap`, { details: e.message, cause: e });
  return e;
}

/** Calls `f` (a raw export call) so a Wasm trap becomes WasmTrapError. */
export function guard<T>(where: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw trapError(e, where);
  }
}
