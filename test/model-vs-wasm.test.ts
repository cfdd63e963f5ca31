// Differential tests: the Wasm core (through the public bindings) against the pure-BigInt model
// in bindings/model/, on random and edge-biased inputs. Results must be equal, and a failure on
// one side must be the same-named error on the other.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { FeeCurve, FullMath, init, MAX_SQRT_RATIO, MIN_SQRT_RATIO, SqrtPriceMath, SwapMath, TickMath } from "../bindings/index.js";
import * as MFeeCurve from "../bindings/model/FeeCurve.js";
import * as MFullMath from "../bindings/model/FullMath.js";
import * as MSqrtPriceMath from "../bindings/model/SqrtPriceMath.js";
import * as MSwapMath from "../bindings/model/SwapMath.js";
import * as MTickMath from "../bindings/model/TickMath.js";

const MAX128 = (1n << 128n) - 1n;
const MAX160 = (1n << 160n) - 1n;
const MAX256 = (1n << 256n) - 1n;
const Q96 = 1n << 96n;

beforeAll(async () => {
  await init();
});

/** The value, or the error's class name. */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
}
let values = 0;
let failures = 0;
/** Asserts equal outcomes, and counts how many were values and how many were errors. */
function same(wasm: () => unknown, model: () => unknown): void {
  const w = outcome(wasm);
  expect(w).toEqual(outcome(model));
  if (typeof w === "string" && w.startsWith("throws ")) failures++;
  else values++;
}
/** Both outcomes must occur, so the comparison covers results and failures. */
function expectBoth(minValues: number): void {
  expect(values).toBeGreaterThanOrEqual(minValues);
  expect(failures).toBeGreaterThan(0);
  values = failures = 0;
}

const u256 = fc.oneof(
  fc.bigInt(0n, MAX256),
  fc.bigInt(0n, 1n << 128n),
  fc.bigInt(0n, 1n << 64n),
  fc.constantFrom(0n, 1n, 2n, MAX256, MAX256 - 1n, 1n << 255n, 1n << 160n, MAX160, MAX128),
);
const price = fc.oneof(
  fc.bigInt(MIN_SQRT_RATIO, MAX_SQRT_RATIO - 1n),
  fc.bigInt(Q96 / 1000n, Q96 * 1000n),
  fc.bigInt(0n, MAX160),
  fc.constantFrom(0n, 1n, MIN_SQRT_RATIO, MAX_SQRT_RATIO - 1n, MAX160),
);
const liq = fc.oneof(fc.bigInt(0n, MAX128), fc.bigInt(0n, 10n ** 24n), fc.constantFrom(0n, 1n, MAX128));
const amount = fc.oneof(fc.bigInt(0n, MAX256), fc.bigInt(0n, 10n ** 30n), fc.constantFrom(0n, 1n, MAX256, MAX160, MAX160 + 1n));
const RUNS = { numRuns: 1000, seed: 20261121 };

describe("Wasm vs pure-BigInt model", () => {
  it("FullMath.mulDiv / mulDivRoundingUp", () => {
    fc.assert(
      fc.property(u256, u256, u256, (a, b, d) => {
        same(() => FullMath.mulDiv(a, b, d), () => MFullMath.mulDiv(a, b, d));
        same(() => FullMath.mulDivRoundingUp(a, b, d), () => MFullMath.mulDivRoundingUp(a, b, d));
      }),
      RUNS,
    );
    expectBoth(1000);
  });

  it("TickMath.getSqrtRatioAtTick / getTickAtSqrtRatio", () => {
    fc.assert(
      fc.property(fc.integer({ min: -900_000, max: 900_000 }), price, (t, p) => {
        same(() => TickMath.getSqrtRatioAtTick(t), () => MTickMath.getSqrtRatioAtTick(t));
        same(() => TickMath.getTickAtSqrtRatio(p), () => MTickMath.getTickAtSqrtRatio(p));
      }),
      RUNS,
    );
    expectBoth(1000);
  });

  it("SqrtPriceMath: next prices and amount deltas (unsigned and signed)", () => {
    fc.assert(
      fc.property(price, price, liq, amount, fc.boolean(), (a, b, l, amt, flag) => {
        same(() => SqrtPriceMath.getNextSqrtPriceFromInput(a, l, amt, flag), () => MSqrtPriceMath.getNextSqrtPriceFromInput(a, l, amt, flag));
        same(() => SqrtPriceMath.getNextSqrtPriceFromOutput(a, l, amt, flag), () => MSqrtPriceMath.getNextSqrtPriceFromOutput(a, l, amt, flag));
        same(() => SqrtPriceMath.getAmount0Delta(a, b, l, flag), () => MSqrtPriceMath.getAmount0Delta(a, b, l, flag));
        same(() => SqrtPriceMath.getAmount1Delta(a, b, l, flag), () => MSqrtPriceMath.getAmount1Delta(a, b, l, flag));
        const signed = flag ? -(l >> 1n) : l >> 1n;
        same(() => SqrtPriceMath.getAmount0DeltaSigned(a, b, signed), () => MSqrtPriceMath.getAmount0DeltaSigned(a, b, signed));
        same(() => SqrtPriceMath.getAmount1DeltaSigned(a, b, signed), () => MSqrtPriceMath.getAmount1DeltaSigned(a, b, signed));
      }),
      RUNS,
    );
    expectBoth(3000);
  });

  it("SwapMath.computeSwapStep", () => {
    const remaining = fc.oneof(
      fc.bigInt(-(1n << 255n), (1n << 255n) - 1n),
      fc.bigInt(-(10n ** 30n), 10n ** 30n),
      fc.constantFrom(0n, 1n, -1n, -(1n << 255n), (1n << 255n) - 1n),
    );
    const fee = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(0, 100, 500, 3000, 10000, 1_000_000));
    fc.assert(
      fc.property(price, price, liq, remaining, fee, (c, t, l, amt, f) => {
        same(() => SwapMath.computeSwapStep(c, t, l, amt, f), () => MSwapMath.computeSwapStep(c, t, l, amt, f));
      }),
      { ...RUNS, numRuns: 2000 },
    );
    expectBoth(1000);
  });

  it("FeeCurve.feePips", () => {
    const pips = fc.oneof(fc.integer({ min: 0, max: 999_999 }), fc.constantFrom(0, 100, 5000, 50000, 999_999, 1_000_000, -1));
    fc.assert(
      fc.property(liq, liq, pips, pips, pips, (r, p, a, b, c) => {
        const prm = { minFeePips: a, midFeePips: b, maxFeePips: c };
        same(() => FeeCurve.feePips(r, p, prm), () => MFeeCurve.feePips(r, p, prm));
        same(() => FeeCurve.feePips(r, p), () => MFeeCurve.feePips(r, p));
      }),
      RUNS,
    );
    expectBoth(1000);
  });
});
