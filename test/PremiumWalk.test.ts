// The premium index arithmetic of the bindings (Wasm) against an independent BigInt reference. The Solidity
// twin is compared with the Wasm by the differential fuzz (test/fuzz/targets/stateless.ts).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { init, MulDivOverflowError, PremiumWalk, SafeCastOverflowError, ValueOutOfRangeError } from "../bindings/index.js";

const X64 = 1n << 64n;
const MAX128 = (1n << 128n) - 1n;
const MAX256 = (1n << 256n) - 1n;

beforeAll(async () => {
  await init();
});

// Reference: the growth (end - start) / start as an exact fraction, times 2^64, rounded up once.
function refDelta(start: bigint, end: bigint): bigint {
  if (end <= start || start === 0n) return 0n;
  const num = (end - start) * X64;
  return num / start + (num % start === 0n ? 0n : 1n);
}

// Reference: the last borrow index is the greatest B <= now whose low 120 bits are `low`.
function refLast(now: bigint, low: bigint): bigint {
  const m = 1n << 120n;
  const hi = now - (now % m);
  const b = hi + low;
  return b <= now ? b : b - m; // may be negative when now < low: no such B, the growth is then 0
}

describe("PremiumWalk.premiumIndexDeltaX64RoundingUp", () => {
  it("is the borrow index growth in X64, rounded up, and 0 without growth or without a market", () => {
    expect(PremiumWalk.premiumIndexDeltaX64RoundingUp(X64, 2n * X64)).toBe(X64); // the index doubled: 100%
    expect(PremiumWalk.premiumIndexDeltaX64RoundingUp(100n * X64, 101n * X64)).toBe(X64 / 100n + 1n); // 1%, rounded up
    expect(PremiumWalk.premiumIndexDeltaX64RoundingUp(3n * X64, 3n * X64 + 1n)).toBe(1n); // one wei of growth: 1/3 rounded up
    expect(PremiumWalk.premiumIndexDeltaX64RoundingUp(X64, X64)).toBe(0n);
    expect(PremiumWalk.premiumIndexDeltaX64RoundingUp(X64 + 1n, X64)).toBe(0n);
    expect(PremiumWalk.premiumIndexDeltaX64RoundingUp(0n, X64)).toBe(0n);
    expect(() => PremiumWalk.premiumIndexDeltaX64RoundingUp(1n, MAX256)).toThrow(MulDivOverflowError);
    expect(() => PremiumWalk.premiumIndexDeltaX64RoundingUp(-1n, X64)).toThrow(ValueOutOfRangeError);
  });

  it("equals the reference on random indexes", () => {
    const idx = fc.oneof(fc.bigInt(X64, X64 << 40n), fc.bigInt(0n, MAX256 >> 64n));
    fc.assert(
      fc.property(idx, fc.oneof(fc.bigInt(0n, 1000n), fc.bigInt(0n, X64 << 40n)), (start, growth) => {
        expect(PremiumWalk.premiumIndexDeltaX64RoundingUp(start, start + growth)).toBe(refDelta(start, start + growth));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it("summed over a split interval, charges the same or less than over the whole (interest on interest)", () => {
    // docs/amm.md: touching the pool more often changes the premium by second-order terms only.
    const b1 = X64, b2 = X64 + X64 / 100n, b3 = X64 + X64 / 50n;
    const whole = PremiumWalk.premiumIndexDeltaX64RoundingUp(b1, b3);
    const split = PremiumWalk.premiumIndexDeltaX64RoundingUp(b1, b2) + PremiumWalk.premiumIndexDeltaX64RoundingUp(b2, b3);
    expect(split).toBeLessThanOrEqual(whole);
    // the gap is g1 x g2 / (1 + g1) of 2^64 (here 1% x ~0.99%), plus one rounding
    expect(whole - split).toBeLessThanOrEqual((X64 / 100n) * (X64 / 101n) / X64 + 2n);
  });
});

describe("PremiumWalk.advancePremiumIndexX64", () => {
  it("recovers the last borrow index from its low 120 bits, also past 2^120", () => {
    const last = (5n << 120n) + 12345n * X64, now = last + X64 / 7n;
    const low = last & ((1n << 120n) - 1n);
    expect(PremiumWalk.advancePremiumIndexX64(9n, low, now)).toBe(9n + refDelta(last, now));
    // the index did not move: nothing to add
    expect(PremiumWalk.advancePremiumIndexX64(9n, low, last)).toBe(9n);
  });

  it("equals the reference on random states", () => {
    fc.assert(
      fc.property(fc.bigInt(0n, MAX128 >> 8n), fc.bigInt(X64, X64 << 100n), fc.bigInt(0n, X64 << 20n), (index, last, growth) => {
        const now = last + growth;
        const low = last & ((1n << 120n) - 1n);
        const b = refLast(now, low);
        expect(b).toBe(last);
        expect(PremiumWalk.advancePremiumIndexX64(index, low, now)).toBe(index + refDelta(b, now));
      }),
      { seed: 11, numRuns: 3000 },
    );
  });

  it("fails with SafeCastOverflow when the index leaves 128 bits", () => {
    expect(PremiumWalk.advancePremiumIndexX64(MAX128, X64, X64)).toBe(MAX128);
    expect(() => PremiumWalk.advancePremiumIndexX64(MAX128, X64, X64 + 1n)).toThrow(SafeCastOverflowError);
    expect(() => PremiumWalk.advancePremiumIndexX64(0n, 1n << 120n, X64)).toThrow(ValueOutOfRangeError);
  });
});
