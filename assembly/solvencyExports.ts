// ABI shims for Solvency (re-exported by index.ts). The Records of many portfolios cross the
// boundary once, as flat arrays in one arena the bindings fill (layout in libraries/Solvency.ts).

import { ioGet, ioSet } from "./io";
import { checkMany, failedPortfolio } from "./libraries/Solvency";

let arena: usize = 0;
let arenaBytes: usize = 0;

/**
 * Returns an arena of at least `bytes` bytes (16-byte aligned), reused across calls. Grows by
 * reallocating; the only allocation of the solvency path, done before any check runs.
 */
export function solvencyReserve(bytes: usize): usize {
  if (bytes > arenaBytes) {
    if (arena != 0) heap.free(arena);
    // Grow geometrically so a series of larger calls does not reallocate each time.
    const size = max(bytes, arenaBytes * 2);
    arena = heap.alloc(size);
    arenaBytes = size;
  }
  return arena;
}

/**
 * Solvency.checkMany over the arena. IO[0..1] = tailRecordUsdDebt (< 2^128).
 * Returns an error code; on error IO[0] = index of the failing portfolio.
 */
export function solvencyCheckMany(
  portfolios: i32,
  tokenCount: i32,
  table: usize,
  ints: usize,
  amounts: usize,
  scratch: usize,
  order: usize,
  out: usize,
): i32 {
  const e = checkMany(portfolios, tokenCount, table, ints, amounts, scratch, order, out, ioGet(0), ioGet(1));
  if (e != 0) ioSet(0, <u64>failedPortfolio);
  return e;
}
