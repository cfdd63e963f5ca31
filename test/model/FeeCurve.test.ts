// FeeCurve in the model against exact rational arithmetic on the curve of docs/math.md:
// fee(q) = min(maxFee, (2·minFee − midFee) + (midFee − minFee)/(1 − q)), q = R/P, rounded up.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_FEE_PARAMS, feePips, flatFee, type FeeParams } from "../../bindings/model/FeeCurve.js";
import { InvalidFeeParamsError } from "../../bindings/model/errors.js";

const params = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([a, b, c]) => [a, b, c].sort((x, y) => x - y))
  .map(([minFeePips, midFeePips, maxFeePips]): FeeParams => ({ minFeePips, midFeePips, maxFeePips }));
const liquidity = fc.oneof(fc.bigInt(0n, 1000n), fc.bigInt(0n, (1n << 128n) - 1n));

describe("model FeeCurve", () => {
  it("hits the documented points of the default curve", () => {
    expect(feePips(0n, 0n)).toBe(100); // P = 0: minFee
    expect(feePips(0n, 10n ** 18n)).toBe(100); // q = 0
    expect(feePips(5n * 10n ** 17n, 10n ** 18n)).toBe(5000); // q = 1/2, exactly
    expect(feePips(90n, 100n)).toBe(44200); // -4800 + 4900/0.1
    expect(feePips(91n, 100n)).toBe(49645); // -4800 + 54444.4.. rounded up
    expect(feePips(92n, 100n)).toBe(50000); // 56450, capped
    expect(feePips(100n, 100n)).toBe(50000); // R >= P: maxFee
    expect(feePips(1n, 3n)).toBe(2550); // -4800 + ceil(4900·3/2) = -4800 + 7350
    expect(feePips(123n, 456n, flatFee(3000))).toBe(3000);
    expect(DEFAULT_FEE_PARAMS).toEqual({ minFeePips: 100, midFeePips: 5000, maxFeePips: 50000 });
  });

  it("rejects parameters outside min <= mid <= max < 1e6", () => {
    for (const p of [{ minFeePips: 2, midFeePips: 1, maxFeePips: 3 }, { minFeePips: 1, midFeePips: 3, maxFeePips: 2 }, { minFeePips: 0, midFeePips: 0, maxFeePips: 1_000_000 }, { minFeePips: -1, midFeePips: 0, maxFeePips: 1 }]) {
      expect(() => feePips(0n, 1n, p)).toThrow(InvalidFeeParamsError);
    }
  });

  it("is the smallest integer >= the exact curve value, capped at maxFee (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(params, liquidity, liquidity, (p, a, b) => {
        const [R, P] = a <= b ? [a, b] : [b, a];
        const fee = feePips(R, P, p);
        const { minFeePips: lo, midFeePips: mid, maxFeePips: hi } = p;
        if (P === 0n) return expect(fee).toBe(lo);
        if (R === P) return expect(fee).toBe(hi);
        // exact = (2·lo − mid) + (mid − lo)/(1 − R/P) = num/den with den = P − R > 0
        const den = P - R;
        const num = BigInt(2 * lo - mid) * den + BigInt(mid - lo) * P;
        const f = BigInt(fee);
        if (fee < hi) {
          // ceil: f − 1 < exact <= f
          expect(f * den >= num && (f - 1n) * den < num).toBe(true);
        } else {
          expect(fee).toBe(hi);
          expect((BigInt(hi) - 1n) * den < num).toBe(true); // the exact value is above hi − 1: the cap binds
        }
        expect(fee >= lo && fee <= hi).toBe(true);
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  it("is non-decreasing in the reserved liquidity for fixed provided liquidity", () => {
    fc.assert(
      fc.property(params, fc.bigInt(1n, (1n << 128n) - 1n), fc.bigInt(0n, 1n << 128n), fc.bigInt(0n, 1n << 128n), (p, P, x, y) => {
        const [r1, r2] = [(x * P) >> 128n, (y * P) >> 128n].sort((u, v) => (u < v ? -1 : u > v ? 1 : 0));
        expect(feePips(r1, P, p) <= feePips(r2, P, p)).toBe(true);
      }),
      { seed: 4, numRuns: 300 },
    );
  });
});
