/**
 * Loads the Wasm core once and exposes the raw exports plus typed views of the
 * IO scratch region (see assembly/io.ts).
 * @module
 */
import { instantiate } from "../../build/release.js";
import wasmBase64 from "../../build/wasm-inline.js";
import { WasmNotLoadedError } from "./errors.js";

export type WasmExports = Awaited<ReturnType<typeof instantiate>> & Record<string, any>;

export interface Core {
  exports: WasmExports;
  memory: WebAssembly.Memory;
  /** u64 limbs of the IO region. Rebuilt if memory grows. */
  io: BigUint64Array;
  ioPtr: number;
}

let core: Core | undefined;
let loading: Promise<void> | undefined;

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function load(): Promise<void> {
  const module = await WebAssembly.compile(decodeBase64(wasmBase64) as BufferSource);
  const exports = (await instantiate(module, {
    env: {
      abort(_msg: number, _file: number, line: number, col: number) {
        throw new WebAssembly.RuntimeError(`abort at ${line}:${col}`);
      },
    },
  })) as WasmExports;
  const memory = exports.memory as WebAssembly.Memory;
  const ioPtr = exports.ioPtr();
  core = { exports, memory, ioPtr, io: new BigUint64Array(memory.buffer, ioPtr, 64) };
}

/**
 * Loads and instantiates the Wasm core. Idempotent: later calls return the same promise.
 * @example
 * import { init, TickMath } from "itos-core";
 * await init();
 * TickMath.getSqrtRatioAtTick(0); // 79228162514264337593543950336n
 */
export function init(): Promise<void> {
  loading ??= load();
  return loading;
}

/** The loaded core; throws WasmNotLoadedError before `init()` has resolved. */
export function getCore(): Core {
  if (!core) throw new WasmNotLoadedError("call `await init()` before using the Wasm core");
  // Memory growth detaches old views.
  if (core.io.buffer !== core.memory.buffer) core.io = new BigUint64Array(core.memory.buffer, core.ioPtr, 64);
  return core;
}
