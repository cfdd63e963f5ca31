// ABI shim for Solvency (re-exported by index.ts). The Records of many portfolios cross the
// boundary once, as flat arrays in one arena the bindings fill (the map is in
// libraries/Solvency.ts, the offsets in layout.ts). One convention: 0 or an error code; the
// results are the Breakdown blocks in the arena's out section, the failure location in IO.

import { ioGet, ioSet } from "./io";
import { IO_FAILED_ENTRY, IO_FAILED_PORTFOLIO, IO_FAILED_RECORD, IO_FAILED_TOKEN, IO_CUT, IO_NOW, IO_TAIL_DEBT } from "./layout";
import { checkMany, failedEntry, failedPortfolio, failedRecord, failedToken } from "./libraries/Solvency";

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
 * Solvency.checkMany over the arena. In: IO[IO_TAIL_DEBT..+1] = tailRecordUsdDebt (< 2^128),
 * IO[IO_NOW] = now (seconds, read for tokens whose price is PRICE_DATED), IO[IO_CUT] = 1 when the
 * last portfolio is cut after its Records (see checkMany). Returns 0 or an error
 * code; on error IO[IO_FAILED_*] = the failing portfolio, record, entry and table index (NOT_AT
 * where the failure has none).
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
  const e = checkMany(portfolios, tokenCount, table, ints, amounts, scratch, order, out, ioGet(IO_TAIL_DEBT), ioGet(IO_TAIL_DEBT + 1), ioGet(IO_NOW), ioGet(IO_CUT) != 0);
  if (e != 0) {
    ioSet(IO_FAILED_PORTFOLIO, failedPortfolio);
    ioSet(IO_FAILED_RECORD, failedRecord);
    ioSet(IO_FAILED_ENTRY, failedEntry);
    ioSet(IO_FAILED_TOKEN, failedToken);
  }
  return e;
}
