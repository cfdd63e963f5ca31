// ABI shims for the math libraries (re-exported by index.ts). Each reads its
// wide arguments from the IO scratch region (u64 limbs, see io.ts), calls the
// library, writes the result back to IO and returns an error code (0 = ok).
// Small arguments (ticks, pips, flags) are plain i32 parameters.

import { ioGet, ioSet } from "./io";
import { OK } from "./errors";
import { r0, r1, r2, r3 } from "./libraries/U256";
import { mulDiv, mulDivRoundingUp } from "./libraries/FullMath";

// @ts-ignore: decorator
@inline function outR(at: i32): void {
  ioSet(at, r0);
  ioSet(at + 1, r1);
  ioSet(at + 2, r2);
  ioSet(at + 3, r3);
}

/** FullMath.mulDiv: IO[0..3] = a, IO[4..7] = b, IO[8..11] = denominator -> IO[0..3]. */
export function fullMathMulDiv(): i32 {
  const e = mulDiv(ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6), ioGet(7), ioGet(8), ioGet(9), ioGet(10), ioGet(11));
  if (e != OK) return e;
  outR(0);
  return OK;
}

/** FullMath.mulDivRoundingUp: IO as fullMathMulDiv. */
export function fullMathMulDivRoundingUp(): i32 {
  const e = mulDivRoundingUp(ioGet(0), ioGet(1), ioGet(2), ioGet(3), ioGet(4), ioGet(5), ioGet(6), ioGet(7), ioGet(8), ioGet(9), ioGet(10), ioGet(11));
  if (e != OK) return e;
  outR(0);
  return OK;
}
