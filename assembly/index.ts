// The Wasm module's exported surface. Every export is a thin ABI shim: read
// wide arguments from the IO scratch region, call the library, write results
// back and return an error code. The library files hold the algorithms.

import { lastError, res128_hi } from "./registers";
import { IO, ioGet, ioSet } from "./io";
import { addDelta } from "./libraries/LiquidityMath";

/** Address of the IO scratch region (see io.ts). */
export function ioPtr(): usize {
  return IO;
}

/** LiquidityMath.addDelta: IO[0..1] = x (uint128), IO[2..3] = y (int128) -> IO[0..1]. */
export function liquidityAddDelta(): i32 {
  const lo = addDelta(ioGet(0), ioGet(1), ioGet(2), ioGet(3));
  if (lastError != 0) return lastError;
  ioSet(0, lo);
  ioSet(1, res128_hi);
  return 0;
}

// TickMath, FullMath, SqrtPriceMath, SwapMath, FeeCurve shims.
export * from "./mathExports";
export * from "./pool/exports";
export * from "./solvencyExports";
export * from "./producers/marketExports";
export * from "./producers/exports";
