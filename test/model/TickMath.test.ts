// TickMath in the model: the per-bit factor table against an independent high-precision
// evaluation, and the two functions' defining properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sqrt } from "../../bindings/model/LiquidityAmounts.js";
import {
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
  SQRT_RATIO_FACTORS,
} from "../../bindings/model/TickMath.js";
import { InvalidSqrtPriceError, InvalidTickError } from "../../bindings/model/errors.js";

describe("model TickMath", () => {
  it("each factor is 2^128 / sqrt(1.0001)^(2^k) to within one unit (512-bit fixed-point reference)", () => {
    const P = 512n;
    let s = sqrt(((1n << (2n * P)) * 10000n) / 10001n); // 2^512 · sqrt(1/1.0001), then squared k times
    for (let k = 0; k < 20; k++) {
      const exact = s >> (P - 128n);
      const diff = SQRT_RATIO_FACTORS[k] - exact;
      expect(diff >= 0n && diff <= 1n, `factor ${k}: diff ${diff}`).toBe(true);
      s = (s * s) >> P;
    }
  });

  it("the bounds are Uniswap's constants, and beyond them the named errors", () => {
    expect(getSqrtRatioAtTick(MIN_TICK)).toBe(MIN_SQRT_RATIO);
    expect(getSqrtRatioAtTick(MAX_TICK)).toBe(MAX_SQRT_RATIO);
    expect(getTickAtSqrtRatio(MIN_SQRT_RATIO)).toBe(MIN_TICK);
    expect(getTickAtSqrtRatio(MAX_SQRT_RATIO - 1n)).toBe(MAX_TICK - 1);
    expect(() => getSqrtRatioAtTick(MAX_TICK + 1)).toThrow(InvalidTickError);
    expect(() => getTickAtSqrtRatio(MAX_SQRT_RATIO)).toThrow(InvalidSqrtPriceError);
    expect(() => getTickAtSqrtRatio(MIN_SQRT_RATIO - 1n)).toThrow(InvalidSqrtPriceError);
  });

  it("getSqrtRatioAtTick is within 1e-18 (relative) of sqrt(1.0001^tick)·2^96 and strictly increasing", () => {
    const ticks = fc.sample(fc.integer({ min: -20000, max: 20000 }), { numRuns: 40, seed: 7 });
    for (const t of ticks) {
      // sqrt(1.0001^t) · 2^96 with 256 extra bits: 10001^t / 10000^t as a rational.
      const [num, den] = t >= 0 ? [10001n ** BigInt(t), 10000n ** BigInt(t)] : [10000n ** BigInt(-t), 10001n ** BigInt(-t)];
      const exact = sqrt(((num << 448n) / den)); // = sqrt(1.0001^t) · 2^224
      const got = getSqrtRatioAtTick(t) << 128n;
      const err = got > exact ? got - exact : exact - got;
      expect(err * 10n ** 18n <= exact, `tick ${t}`).toBe(true);
      expect(getSqrtRatioAtTick(t) < getSqrtRatioAtTick(t + 1)).toBe(true);
    }
  });

  it("getTickAtSqrtRatio returns the greatest tick whose ratio is <= the price (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(fc.bigInt(MIN_SQRT_RATIO, MAX_SQRT_RATIO - 1n), (p) => {
        const t = getTickAtSqrtRatio(p);
        expect(getSqrtRatioAtTick(t) <= p).toBe(true);
        if (t < MAX_TICK) expect(getSqrtRatioAtTick(t + 1) > p).toBe(true);
      }),
      { seed: 11, numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.integer({ min: MIN_TICK, max: MAX_TICK - 1 }), (t) => {
        expect(getTickAtSqrtRatio(getSqrtRatioAtTick(t))).toBe(t);
        expect(getTickAtSqrtRatio(getSqrtRatioAtTick(t + 1) - 1n)).toBe(t);
      }),
      { seed: 12, numRuns: 200 },
    );
  });
});
