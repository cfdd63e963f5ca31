// Twin of Uniswap V3's TickBitmap: one bit per initializable (compressed)
// tick, 256 bits per word. Solidity keeps `mapping(int16 => uint256)`; here a
// pool keeps a dense index from word position to a word slot (-1 = empty word)
// plus a growable array of words, each 4 u64 limbs (limb 0 = bits 0..63). The
// index covers every word position a pool can reach, so a lookup is one load
// and words that never held a bit take no limb storage.

import { MAX_TICK, MIN_TICK } from "./TickMath";
import { leastSignificantBit, mostSignificantBit } from "./BitMath";

import { nextInitialized } from "../registers";

/** Floor division of a tick by the spacing (Uniswap's `compressed`, rounded toward negative infinity). */
// @ts-ignore: decorator
@inline export function compress(tick: i32, tickSpacing: i32): i32 {
  let c = tick / tickSpacing;
  if (tick < 0 && tick % tickSpacing != 0) c--;
  return c;
}

export class TickBitmap {
  /** Word position of index[0]. */
  minWord: i32;
  /** Word position -> slot in `words` (-1: the word is zero and has no storage). */
  index: StaticArray<i32>;
  /** 4 limbs per word slot. */
  words: StaticArray<u64>;
  /** Number of word slots in use. */
  used: i32 = 0;

  constructor(tickSpacing: i32) {
    // The swap loop can look one compressed tick beyond either bound.
    const minWord = (compress(MIN_TICK, tickSpacing) - 1) >> 8;
    const maxWord = (compress(MAX_TICK, tickSpacing) + 1) >> 8;
    const n = maxWord - minWord + 1;
    const index = new StaticArray<i32>(n);
    for (let i = 0; i < n; i++) unchecked((index[i] = -1));
    this.minWord = minWord;
    this.index = index;
    this.words = new StaticArray<u64>(16);
  }

  /** Address of the word's 4 limbs, or 0 when the word is empty (all zero). */
  // @ts-ignore: decorator
  @inline wordPtr(wordPos: i32): usize {
    const i = wordPos - this.minWord;
    if (<u32>i >= <u32>this.index.length) return 0;
    const slot = unchecked(this.index[i]);
    if (slot < 0) return 0;
    return changetype<usize>(this.words) + (<usize>slot << 5);
  }

  /**
   * Flips the initialized state of `tick` (a multiple of tickSpacing; callers check).
   * Allocates a word slot the first time a word gets a bit; slots are never returned,
   * the set of words a pool touches being small and bounded by the index.
   */
  flipTick(tick: i32, tickSpacing: i32): void {
    const c = tick / tickSpacing;
    const wordPos = c >> 8;
    const bitPos = c & 255;
    const i = wordPos - this.minWord;
    let slot = unchecked(this.index[i]);
    if (slot < 0) {
      slot = this.used++;
      if ((slot + 1) * 4 > this.words.length) {
        const grown = new StaticArray<u64>(this.words.length * 2);
        memory.copy(changetype<usize>(grown), changetype<usize>(this.words), <usize>this.words.length << 3);
        this.words = grown;
      }
      unchecked((this.index[i] = slot));
    }
    const p = changetype<usize>(this.words) + (<usize>slot << 5) + (<usize>(bitPos >> 6) << 3);
    store<u64>(p, load<u64>(p) ^ (<u64>1 << <u64>(bitPos & 63)));
  }

  /** True when the bit of `tick` is set (test helper and snapshot loader check). */
  isInitialized(tick: i32, tickSpacing: i32): bool {
    const c = compress(tick, tickSpacing);
    const p = this.wordPtr(c >> 8);
    if (p == 0) return false;
    const bitPos = c & 255;
    return ((load<u64>(p + (<usize>(bitPos >> 6) << 3)) >> <u64>(bitPos & 63)) & 1) != 0;
  }

  /**
   * Uniswap's nextInitializedTickWithinOneWord: the next initialized tick within
   * the word of `tick` (lte: at or left of tick; otherwise strictly right of it),
   * or the word's edge tick when there is none. `nextInitialized` tells which.
   */
  nextInitializedTickWithinOneWord(tick: i32, tickSpacing: i32, lte: bool): i32 {
    const compressed = compress(tick, tickSpacing);
    if (lte) {
      const bitPos = compressed & 255;
      const p = this.wordPtr(compressed >> 8);
      if (p != 0) {
        // mask = all the 1s at or to the right of the current bitPos
        const m = maskedWord(p, bitPos, true);
        if (m >= 0) {
          nextInitialized = true;
          return (compressed - (bitPos - mostSignificantBit(w0, w1, w2, w3))) * tickSpacing;
        }
      }
      nextInitialized = false;
      return (compressed - bitPos) * tickSpacing;
    }
    // Start from the word of the next tick: the current one is already crossed or stood on.
    const c1 = compressed + 1;
    const bitPos = c1 & 255;
    const p = this.wordPtr(c1 >> 8);
    if (p != 0) {
      // mask = all the 1s at or to the left of bitPos
      const m = maskedWord(p, bitPos, false);
      if (m >= 0) {
        nextInitialized = true;
        return (c1 + (leastSignificantBit(w0, w1, w2, w3) - bitPos)) * tickSpacing;
      }
    }
    nextInitialized = false;
    return (c1 + (255 - bitPos)) * tickSpacing;
  }
}

// Limbs of the last masked word.
let w0: u64 = 0, w1: u64 = 0, w2: u64 = 0, w3: u64 = 0;

/**
 * Loads the word at `p` masked to the bits at or right of `bitPos` (lte) or at
 * or left of it, into w0..w3. Returns -1 when the masked word is zero.
 */
// @ts-ignore: decorator
@inline function maskedWord(p: usize, bitPos: i32, lte: bool): i32 {
  const li = bitPos >> 6;
  const b = <u64>(bitPos & 63);
  // Mask of the limb holding bitPos; limbs on the kept side stay whole, the others go.
  const lm: u64 = lte ? ((<u64>1 << b) - 1) | (<u64>1 << b) : ~((<u64>1 << b) - 1);
  const keepBelow: u64 = lte ? ~(<u64>0) : 0;
  const keepAbove: u64 = ~keepBelow;
  w0 = load<u64>(p) & (li == 0 ? lm : li > 0 ? keepBelow : keepAbove);
  w1 = load<u64>(p, 8) & (li == 1 ? lm : li > 1 ? keepBelow : keepAbove);
  w2 = load<u64>(p, 16) & (li == 2 ? lm : li > 2 ? keepBelow : keepAbove);
  w3 = load<u64>(p, 24) & (li == 3 ? lm : keepAbove);
  return (w0 | w1 | w2 | w3) != 0 ? 0 : -1;
}
