/**
 * TickBitmap: one bit per initialized (tick / tickSpacing), 256 bits per word, as Uniswap V3's
 * TickBitmap. A swap steps at most to the end of the current word, so the step boundaries
 * (and with them the rounding) are the same as Uniswap's.
 *
 * The bitmap is a `Map<wordPos, word>`; absent words are zero.
 * @module
 */
import { InvalidTickRangeError } from "./errors.js";

/** A tick bitmap: word position (int16 in Solidity) -> 256-bit word. */
export type TickBitmap = Map<number, bigint>;

/** Word and bit of a compressed tick: `wordPos = compressed >> 8`, `bitPos = compressed mod 256`. */
export function position(compressed: number): { wordPos: number; bitPos: number } {
  return { wordPos: Math.floor(compressed / 256), bitPos: ((compressed % 256) + 256) % 256 };
}

/** Most significant set bit of x > 0 (0-based). */
export function mostSignificantBit(x: bigint): number {
  return x.toString(2).length - 1;
}

/** Least significant set bit of x > 0 (0-based). */
export function leastSignificantBit(x: bigint): number {
  return mostSignificantBit(x & -x);
}

/**
 * Flips the bit of `tick` (initialized <-> uninitialized).
 * @throws InvalidTickRangeError when `tick` is not a multiple of `tickSpacing`.
 */
export function flipTick(bitmap: TickBitmap, tick: number, tickSpacing: number): void {
  if (tick % tickSpacing !== 0) {
    throw new InvalidTickRangeError("InvalidTickRange: tick is not a multiple of tickSpacing", { details: `tick ${tick}, spacing ${tickSpacing}` });
  }
  const { wordPos, bitPos } = position(tick / tickSpacing);
  const word = (bitmap.get(wordPos) ?? 0n) ^ (1n << BigInt(bitPos));
  if (word === 0n) bitmap.delete(wordPos);
  else bitmap.set(wordPos, word);
}

/** Whether `tick` (a multiple of `tickSpacing`) is flagged in the bitmap. */
export function isInitialized(bitmap: TickBitmap, tick: number, tickSpacing: number): boolean {
  const { wordPos, bitPos } = position(tick / tickSpacing);
  return (((bitmap.get(wordPos) ?? 0n) >> BigInt(bitPos)) & 1n) === 1n;
}

/**
 * The next initialized tick in the same word as `tick` (compressed), to the left
 * (`lte`: at or below `tick`) or to the right (strictly above `tick`). When none is initialized
 * in the word, returns the word's last tick in that direction with `initialized = false`.
 * Ticks are rounded towards negative infinity to the spacing first.
 * @example
 * // with only tick 70 initialized at spacing 1:
 * nextInitializedTickWithinOneWord(bitmap, 78, 1, true); // { next: 70, initialized: true }
 */
export function nextInitializedTickWithinOneWord(
  bitmap: TickBitmap,
  tick: number,
  tickSpacing: number,
  lte: boolean,
): { next: number; initialized: boolean } {
  const compressed = Math.floor(tick / tickSpacing);
  if (lte) {
    const { wordPos, bitPos } = position(compressed);
    // Bits at or right of bitPos.
    const mask = (1n << BigInt(bitPos + 1)) - 1n;
    const masked = (bitmap.get(wordPos) ?? 0n) & mask;
    if (masked !== 0n) return { next: (compressed - (bitPos - mostSignificantBit(masked))) * tickSpacing, initialized: true };
    return { next: (compressed - bitPos) * tickSpacing, initialized: false };
  }
  // Start from the next compressed tick: a tick already at the current one is not "next".
  const { wordPos, bitPos } = position(compressed + 1);
  // Bits at or left of bitPos.
  const mask = ((1n << 256n) - 1n) ^ ((1n << BigInt(bitPos)) - 1n);
  const masked = (bitmap.get(wordPos) ?? 0n) & mask;
  if (masked !== 0n) return { next: (compressed + 1 + (leastSignificantBit(masked) - bitPos)) * tickSpacing, initialized: true };
  return { next: (compressed + 1 + (255 - bitPos)) * tickSpacing, initialized: false };
}
