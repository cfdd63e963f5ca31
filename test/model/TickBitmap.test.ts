// TickBitmap in the model: Uniswap's word semantics, checked on hand-derived cases and
// against a brute-force scan of the same word.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flipTick, isInitialized, nextInitializedTickWithinOneWord, position, type TickBitmap } from "../../bindings/model/TickBitmap.js";
import { InvalidTickRangeError } from "../../bindings/model/errors.js";

/** The definition: scan compressed ticks within the 256-tick word, towards the given side. */
function reference(initialized: Set<number>, tick: number, spacing: number, lte: boolean) {
  const c = Math.floor(tick / spacing);
  if (lte) {
    const wordStart = Math.floor(c / 256) * 256;
    for (let x = c; x >= wordStart; x--) if (initialized.has(x)) return { next: x * spacing, initialized: true };
    return { next: wordStart * spacing, initialized: false };
  }
  const wordEnd = Math.floor((c + 1) / 256) * 256 + 255;
  for (let x = c + 1; x <= wordEnd; x++) if (initialized.has(x)) return { next: x * spacing, initialized: true };
  return { next: wordEnd * spacing, initialized: false };
}

describe("model TickBitmap", () => {
  const ticks = [-200, -55, -4, 70, 78, 84, 139, 240, 535];
  const bitmap: TickBitmap = new Map();
  for (const t of ticks) flipTick(bitmap, t, 1);

  it("positions: word = compressed >> 8, bit = compressed mod 256", () => {
    expect(position(-1)).toEqual({ wordPos: -1, bitPos: 255 });
    expect(position(-256)).toEqual({ wordPos: -1, bitPos: 0 });
    expect(position(256)).toEqual({ wordPos: 1, bitPos: 0 });
    expect(isInitialized(bitmap, 70, 1) && !isInitialized(bitmap, 71, 1)).toBe(true);
  });

  it("searching right (lte = false): strictly above the tick, at most to the word's end", () => {
    const next = (t: number) => nextInitializedTickWithinOneWord(bitmap, t, 1, false);
    expect(next(78)).toEqual({ next: 84, initialized: true }); // not the tick itself
    expect(next(77)).toEqual({ next: 78, initialized: true });
    expect(next(-56)).toEqual({ next: -55, initialized: true });
    expect(next(-55)).toEqual({ next: -4, initialized: true });
    expect(next(255)).toEqual({ next: 511, initialized: false }); // 256..511: a whole empty word
    expect(next(383)).toEqual({ next: 511, initialized: false });
    expect(next(-257)).toEqual({ next: -200, initialized: true });
  });

  it("searching left (lte = true): at or below the tick, at most to the word's start", () => {
    const next = (t: number) => nextInitializedTickWithinOneWord(bitmap, t, 1, true);
    expect(next(78)).toEqual({ next: 78, initialized: true }); // the tick itself counts
    expect(next(79)).toEqual({ next: 78, initialized: true });
    expect(next(258)).toEqual({ next: 256, initialized: false });
    expect(next(256)).toEqual({ next: 256, initialized: false });
    expect(next(72)).toEqual({ next: 70, initialized: true });
    expect(next(-257)).toEqual({ next: -512, initialized: false });
    expect(next(1023)).toEqual({ next: 768, initialized: false });
  });

  it("rounds a tick that is not a multiple of the spacing towards negative infinity", () => {
    const b: TickBitmap = new Map();
    flipTick(b, -60, 60);
    expect(nextInitializedTickWithinOneWord(b, -1, 60, true)).toEqual({ next: -60, initialized: true });
    expect(nextInitializedTickWithinOneWord(b, -61, 60, false)).toEqual({ next: -60, initialized: true });
    expect(() => flipTick(b, 30, 60)).toThrow(InvalidTickRangeError);
    flipTick(b, -60, 60);
    expect(b.size).toBe(0);
  });

  it("agrees with a brute-force scan of the word (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -700, max: 700 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: -800, max: 800 }),
        fc.boolean(),
        (compressed, spacing, c, lte) => {
          const b: TickBitmap = new Map();
          for (const x of compressed) flipTick(b, x * spacing, spacing);
          const tick = c * spacing + (c % 3); // also ticks between multiples
          expect(nextInitializedTickWithinOneWord(b, tick, spacing, lte)).toEqual(reference(new Set(compressed), tick, spacing, lte));
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});
