import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { FeeCurve, init, InvalidArgumentTypeError, InvalidFeeParamsError, ValueOutOfRangeError } from "../bindings/index.js";

const MAX128 = (1n << 128n) - 1n;
type Params = { minFeePips: number; midFeePips: number; maxFeePips: number };
const DEFAULTS: Params = { minFeePips: 100, midFeePips: 5000, maxFeePips: 50000 };

beforeAll(async () => {
  await init();
});

// Independent reference: the curve fee(q) = min(max, (2·min − mid) + (mid − min)/(1 − q)) with
// q = R/P evaluated as one exact fraction, ((2·min − mid)(P − R) + (mid − min)·P) / (P − R),
// rounded up once (a charge to the trader), then capped.
function refFee(r: bigint, p: bigint, { minFeePips, midFeePips, maxFeePips }: Params): number {
  if (p === 0n) return minFeePips;
  if (r >= p) return maxFeePips;
  const [min, mid, max] = [BigInt(minFeePips), BigInt(midFeePips), BigInt(maxFeePips)];
  const num = (2n * min - mid) * (p - r) + (mid - min) * p;
  const den = p - r;
  // num > 0 here (the curve is >= min >= 0), so ceil is (num + den − 1) / den
  const fee = (num + den - 1n) / den;
  return Number(fee < max ? fee : max);
}

const params = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([a, b, c]) => [a, b, c].sort((x, y) => x - y))
  .map(([minFeePips, midFeePips, maxFeePips]) => ({ minFeePips, midFeePips, maxFeePips }));
const liq = fc.oneof(fc.bigInt(0n, MAX128), fc.bigInt(0n, 1000n), fc.bigInt(0n, 10n ** 24n));

describe("FeeCurve.feePips", () => {
  it("is exact at q = 0 (minFee) and q = 1/2 (midFee), and capped near q = 0.91", () => {
    for (const p of [1n, 2n, 100n, 10n ** 18n, MAX128 - 1n]) expect(FeeCurve.feePips(0n, p)).toBe(100);
    for (const p of [2n, 100n, 2n * 10n ** 18n, MAX128 - 1n]) expect(FeeCurve.feePips(p / 2n, p)).toBe(5000);
    expect(FeeCurve.feePips(90n, 100n)).toBe(refFee(90n, 100n, DEFAULTS));
    expect(FeeCurve.feePips(90n, 100n)).toBeLessThan(50000);
    expect(FeeCurve.feePips(92n, 100n)).toBe(50000);
    expect(FeeCurve.feePips(100n, 100n)).toBe(50000);
    expect(FeeCurve.feePips(MAX128, 1n)).toBe(50000);
    expect(FeeCurve.feePips(MAX128 - 1n, MAX128)).toBe(50000);
  });

  it("gives minFee when nothing is provided, and a flat fee when min = mid = max", () => {
    expect(FeeCurve.feePips(0n, 0n)).toBe(100);
    expect(FeeCurve.feePips(10n ** 18n, 0n)).toBe(100);
    const flat = { minFeePips: 3000, midFeePips: 3000, maxFeePips: 3000 };
    fc.assert(
      fc.property(liq, liq, (r, p) => {
        expect(FeeCurve.feePips(r, p, flat)).toBe(3000);
      }),
      { numRuns: 300, seed: 41 },
    );
  });

  it("equals the exact rational curve, rounded up and capped (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(liq, liq, params, (r, p, prm) => {
        expect(FeeCurve.feePips(r, p, prm)).toBe(refFee(r, p, prm));
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it("is non-decreasing in reserved liquidity and stays within [minFee, maxFee]", () => {
    fc.assert(
      fc.property(fc.bigInt(1n, MAX128), fc.array(fc.bigInt(0n, MAX128), { minLength: 2, maxLength: 20 }), params, (p, rs, prm) => {
        const sorted = rs.map((r) => r % (p + 1n)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        let last = -1;
        for (const r of sorted) {
          const f = FeeCurve.feePips(r, p, prm);
          expect(f).toBeGreaterThanOrEqual(last);
          expect(f).toBeGreaterThanOrEqual(prm.minFeePips);
          expect(f).toBeLessThanOrEqual(prm.maxFeePips);
          last = f;
        }
      }),
      { numRuns: 300, seed: 43 },
    );
    // every step of a small pool
    let last = 0;
    for (let r = 0n; r <= 1000n; r++) {
      const f = FeeCurve.feePips(r, 1000n);
      expect(f).toBeGreaterThanOrEqual(last);
      last = f;
    }
  });

  it("rejects invalid params with InvalidFeeParamsError and bad input with typed errors", () => {
    const bad: Params[] = [
      { minFeePips: 200, midFeePips: 100, maxFeePips: 300 },
      { minFeePips: 100, midFeePips: 400, maxFeePips: 300 },
      { minFeePips: 100, midFeePips: 200, maxFeePips: 1_000_000 },
      { minFeePips: -1, midFeePips: 200, maxFeePips: 300 },
      { minFeePips: 2 ** 32 + 100, midFeePips: 2 ** 32 + 200, maxFeePips: 2 ** 32 + 300 },
    ];
    for (const prm of bad) expect(() => FeeCurve.feePips(1n, 2n, prm)).toThrow(InvalidFeeParamsError);
    expect(() => FeeCurve.feePips(1n, 2n, { minFeePips: 1.5, midFeePips: 2, maxFeePips: 3 })).toThrow(InvalidArgumentTypeError);
    expect(() => FeeCurve.feePips(1n, 2n, { minFeePips: NaN, midFeePips: 2, maxFeePips: 3 })).toThrow(InvalidArgumentTypeError);
    expect(() => FeeCurve.feePips(1n, 2n, null as unknown as Params)).toThrow(InvalidArgumentTypeError);
    expect(() => FeeCurve.feePips(1 as unknown as bigint, 2n)).toThrow(InvalidArgumentTypeError);
    expect(() => FeeCurve.feePips(1n, 2.5 as unknown as bigint)).toThrow(InvalidArgumentTypeError);
    expect(() => FeeCurve.feePips(-1n, 2n)).toThrow(ValueOutOfRangeError);
    expect(() => FeeCurve.feePips(1n, MAX128 + 1n)).toThrow(ValueOutOfRangeError);
    expect(() => FeeCurve.feePips(1n, 1n << 300n)).toThrow(ValueOutOfRangeError);
    for (let i = 0; i < 500; i++) expect(() => FeeCurve.feePips(1n, 2n, bad[i % bad.length])).toThrow(InvalidFeeParamsError);
    expect(FeeCurve.feePips(50n, 100n)).toBe(5000);
  });
});
