/**
 * Loads the Wasm core once and exposes the raw exports plus typed views of the
 * IO scratch region (see assembly/io.ts).
 * @module
 */
import { instantiate } from "../../build/release.js";
import wasmBase64 from "../../build/wasm-inline.js";
import { WasmNotLoadedError } from "./errors.js";
import { IO_WORDS } from "./generated/layout.js";

export type WasmExports = Awaited<ReturnType<typeof instantiate>> & Record<string, any>;

/**
 * The loaded core and every typed view of its memory, in one object built in one place
 * (`refresh`) and rebuilt in place, all together, when memory growth detaches them. The
 * codec (_io.ts) and every binding read memory through these views; none keeps its own.
 */
export interface Core {
  exports: WasmExports;
  memory: WebAssembly.Memory;
  /** Byte address of the IO region. */
  ioPtr: number;
  /** u64 limbs of the IO region (IO_WORDS long). */
  io: BigUint64Array;
  /** The IO region as u32 halves (limb i is io32[2i] low, io32[2i + 1] high): zero tests without bigints. */
  io32: Uint32Array;
  /** The whole memory as u32 words and as u64 limbs, for the hot paths (see `Hot` in _io.ts). */
  words: Uint32Array;
  limbs: BigUint64Array;
  /** Limb index of the IO region in `limbs`. */
  ioAt: number;
  /** The hot paths' face of these views (_io.ts `hotCore`): the same buffers, IO as a limb index. */
  hot: { exports: WasmExports; words: Uint32Array; limbs: BigUint64Array; io: number };
  /** Views of the batch regions, made on first use (_io.ts `batchCore`); dropped by `refresh`. */
  batch?: {
    cap: number;
    in64: BigUint64Array;
    in32: Int32Array;
    out64: BigUint64Array;
    out32: Int32Array;
  };
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
  const ioPtr = exports.ioPtr() as number;
  // Both objects are made whole (every field holding its final kind of value), so V8 keeps one
  // stable shape with typed fields for the hot paths; `refresh` only swaps the views.
  const buffer = memory.buffer;
  const words = new Uint32Array(buffer), limbs = new BigUint64Array(buffer), ioAt = ioPtr >>> 3;
  core = {
    exports,
    memory,
    ioPtr,
    io: new BigUint64Array(buffer, ioPtr, IO_WORDS),
    io32: new Uint32Array(buffer, ioPtr, 2 * IO_WORDS),
    words,
    limbs,
    ioAt,
    hot: { exports, words, limbs, io: ioAt },
    batch: undefined,
  };
}

/** (Re)builds every view over the current buffer, in place, so references held elsewhere see the new views. */
function refresh(c: Core): void {
  const buffer = c.memory.buffer;
  c.io = new BigUint64Array(buffer, c.ioPtr, IO_WORDS);
  c.io32 = new Uint32Array(buffer, c.ioPtr, 2 * IO_WORDS);
  c.words = c.hot.words = new Uint32Array(buffer);
  c.limbs = c.hot.limbs = new BigUint64Array(buffer);
  c.batch = undefined;
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

/** The loaded core, its views current; throws WasmNotLoadedError before `init()` has resolved. */
export function getCore(): Core {
  const c = core;
  // Memory growth detaches the old buffer, and a view of a detached buffer has length 0:
  // cheaper to test than reading `memory.buffer` on every call.
  if (c !== undefined && c.io.length !== 0) return c;
  if (c === undefined) throw new WasmNotLoadedError("call `await init()` before using the Wasm core");
  refresh(c);
  return c;
}
