// The JS <-> Wasm boundary. Arguments wider than 64 bits and every result are
// passed through one static scratch region of u64 limbs (little-endian: limb 0
// is the least significant). Exported functions take their small arguments
// (ticks, pips, flags) as plain i32 parameters, read wide arguments from IO,
// write results back to IO and return an error code (0 = ok, see errors.ts).
// Nothing here allocates, so a failed call leaves memory exactly as it was.

import { IO_WORDS } from "./layout";

/** Base address of the scratch region. */
export const IO: usize = memory.data(IO_WORDS * 8, 16);

// @ts-ignore: decorator
@inline export function ioGet(i: i32): u64 {
  return load<u64>(IO + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline export function ioSet(i: i32, v: u64): void {
  store<u64>(IO + (<usize>i << 3), v);
}
