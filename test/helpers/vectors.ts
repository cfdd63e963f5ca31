// Uniswap's published vectors live in ../shared/reference (CI has them). Tests
// read them from there and skip, with a message saying why, when absent.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface Vector {
  id: number;
  fn: string;
  args: Record<string, any>;
  expect: any;
  revertReason?: string;
  context?: Record<string, any>;
  source: { repo: string; path: string; test: string };
}

export const VECTORS_PATH = fileURLToPath(new URL("../../../shared/reference/uniswap-v3-vectors.json", import.meta.url));
export const HAVE_VECTORS = existsSync(VECTORS_PATH);
if (!HAVE_VECTORS) console.warn(`uniswap vectors not found at ${VECTORS_PATH}: vector tests are skipped`);

let cache: Vector[] | undefined;
export function vectors(fn?: string): Vector[] {
  cache ??= HAVE_VECTORS ? (JSON.parse(readFileSync(VECTORS_PATH, "utf8")).vectors as Vector[]) : [];
  return fn ? cache.filter((v) => v.fn === fn) : cache;
}
