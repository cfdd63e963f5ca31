import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DivisionByZeroError,
  FullMath,
  init,
  InvalidArgumentTypeError,
  MulDivOverflowError,
  ValueOutOfRangeError,
} from "../bindings/index.js";
import { HAVE_VECTORS, vectors } from "./helpers/vectors.js";

const MAX = (1n << 256n) - 1n;
const Q128 = 1n << 128n;

beforeAll(async () => {
  await init();
});

// Independent reference: plain BigInt arithmetic.
function refMulDiv(a: bigint, b: bigint, d: bigint, up: boolean): bigint | typeof DivisionByZeroError | typeof MulDivOverflowError {
  if (d === 0n) return DivisionByZeroError;
  const q = up ? (a * b + d - 1n) / d : (a * b) / d;
  return q > MAX ? MulDivOverflowError : q;
}

function expectRef(fn: "mulDiv" | "mulDivRoundingUp", a: bigint, b: bigint, d: bigint): void {
  const want = refMulDiv(a, b, d, fn === "mulDivRoundingUp");
  if (typeof want === "bigint") expect(FullMath[fn](a, b, d)).toBe(want);
  else expect(() => FullMath[fn](a, b, d)).toThrow(want);
}

describe("FullMath", () => {
  it.runIf(HAVE_VECTORS)("passes Uniswap's published vectors (mulDiv, mulDivRoundingUp)", () => {
    for (const fn of ["mulDiv", "mulDivRoundingUp"] as const) {
      const vs = vectors(`FullMath.${fn}`);
      expect(vs.length).toBeGreaterThan(5);
      for (const v of vs) {
        const a = BigInt(v.args.a), b = BigInt(v.args.b), d = BigInt(v.args.denominator);
        if (v.expect === "revert") {
          const err = d === 0n ? DivisionByZeroError : MulDivOverflowError;
          expect(() => FullMath[fn](a, b, d), v.source.test).toThrow(err);
        } else {
          expect(FullMath[fn](a, b, d), v.source.test).toBe(BigInt(v.expect));
        }
      }
    }
  });

  it("handles the edges: zero, max, exact results, off-by-one overflow", () => {
    expect(FullMath.mulDiv(0n, MAX, 1n)).toBe(0n);
    expect(FullMath.mulDiv(MAX, MAX, MAX)).toBe(MAX);
    expect(FullMath.mulDiv(MAX, 1n, 1n)).toBe(MAX);
    expect(FullMath.mulDivRoundingUp(MAX, 1n, 1n)).toBe(MAX);
    expect(FullMath.mulDiv(Q128, Q128, Q128 * 2n)).toBe(1n << 127n);
    expect(() => FullMath.mulDiv(Q128, Q128, 1n)).toThrow(MulDivOverflowError);
    expect(FullMath.mulDiv(Q128, Q128 - 1n, 1n)).toBe(Q128 * (Q128 - 1n));
    // floor fits but ceil overflows by one
    expect(FullMath.mulDiv(MAX, MAX - 1n, MAX - 1n + 1n)).toBe(MAX - 1n);
    expect(FullMath.mulDivRoundingUp(7n, 1n, 2n)).toBe(4n);
    expect(FullMath.mulDiv(7n, 1n, 2n)).toBe(3n);
    expect(() => FullMath.mulDiv(1n, 1n, 0n)).toThrow(DivisionByZeroError);
    expect(() => FullMath.mulDivRoundingUp(0n, 0n, 0n)).toThrow(DivisionByZeroError);
  });

  it("matches plain BigInt on random and digit-edge inputs (fast-check, fixed seed)", () => {
    const wide = fc.oneof(
      fc.bigInt(0n, MAX),
      fc.bigInt(0n, 1n << 64n),
      fc.bigInt(0n, 1n << 128n),
      fc.bigInt(0n, 1n << 192n),
      fc.constantFrom(0n, 1n, 2n, MAX, MAX - 1n, 1n << 255n, (1n << 64n) - 1n, 1n << 32n, Q128 - 1n),
    );
    // 32-bit digits near 0 and 2^32: they exercise the long division's quotient-digit correction.
    const digit = fc.constantFrom(0n, 1n, 0x7fffffffn, 0x80000000n, 0xfffffffen, 0xffffffffn);
    const digits = fc.array(digit, { minLength: 1, maxLength: 8 }).map((ds) => ds.reduce((acc: bigint, x: bigint) => (acc << 32n) | x, 0n));
    const arg = fc.oneof(wide, digits);
    fc.assert(
      fc.property(arg, arg, arg, (a, b, d) => {
        expectRef("mulDiv", a, b, d);
        expectRef("mulDivRoundingUp", a, b, d);
      }),
      { numRuns: 5000, seed: 20261121 },
    );
  });

  it("divides 512-bit products by one- to four-limb divisors just above their high half", () => {
    // a*b spans five to eight limbs and d > (a*b) >> 256, so the quotient fits 256 bits: the
    // division paths that start from a non-zero remainder (the top of the product)
    const limbs = (n: number) => fc.bigInt(0n, (1n << BigInt(64 * n)) - 1n);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), limbs(4), limbs(4), fc.bigInt(1n, 1n << 40n), (dl, a, b, k) => {
        const cap = 1n << BigInt(64 * dl);
        const d = ((a * b) >> 256n) + k;
        if (d >= cap) return;
        expectRef("mulDiv", a, b, d);
        expectRef("mulDivRoundingUp", a, b, d);
        // quotients at the top of the range: MAX * d / d, MAX * (d - 1) / d
        expect(FullMath.mulDiv(MAX, d, d)).toBe(MAX);
        expectRef("mulDivRoundingUp", MAX, d - 1n, d);
        expectRef("mulDiv", MAX - k, d, d + 1n);
      }),
      { numRuns: 4000, seed: 20261121 },
    );
  });

  it("divides by four-limb divisors when a partial remainder's top limbs equal the divisor's", () => {
    // (d - 1) * 2^64 (+ a little): the first window is d - 1, the quotient-limb estimate saturates
    const d4 = fc.oneof(fc.bigInt(1n << 192n, MAX), fc.bigInt(1n << 255n, MAX), fc.constantFrom(MAX, (1n << 255n) + 1n, (1n << 192n) + 1n, (1n << 192n) + (1n << 128n)));
    fc.assert(
      fc.property(d4, fc.bigInt(0n, 1n << 40n), (d, k) => {
        for (const [a, b] of [[d - 1n, 1n << 64n], [d - 1n, (1n << 64n) + k], [d - 1n - k, (1n << 64n) - 1n], [MAX - k, d - 1n]]) {
          if (a < 0n || b < 0n) continue;
          expectRef("mulDiv", a, b, d);
          expectRef("mulDivRoundingUp", a, b, d);
        }
      }),
      { numRuns: 3000, seed: 8 },
    );
  });

  it("divides by three-limb divisors when a partial remainder's top limbs equal the divisor's", () => {
    // a = (d - 1) * 2^64 + u: the first window of the long division is d - 1 (its top two limbs
    // are the divisor's), where the quotient-limb estimate saturates at 2^64 - 1
    const d3 = fc.oneof(fc.bigInt(1n << 128n, (1n << 192n) - 1n), fc.bigInt(1n << 191n, (1n << 192n) - 1n), fc.constantFrom((1n << 192n) - 1n, (1n << 191n) + 1n, (1n << 128n) + 1n));
    fc.assert(
      fc.property(d3, fc.bigInt(0n, (1n << 64n) - 1n), fc.bigInt(0n, (1n << 60n)), (d, u, x) => {
        for (const a of [(d - 1n) * (1n << 64n) + u, d * (1n << 64n) - 1n - x, (d - 1n - x) * (1n << 64n) + u]) {
          if (a < 0n || a > MAX) continue;
          expectRef("mulDiv", a, 1n, d);
          expectRef("mulDivRoundingUp", a, 1n, d);
          expectRef("mulDiv", a, 3n, d);
        }
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it("divides exactly when a partial remainder equals the divisor (quotient limbs of exactly 1)", () => {
    // a * b = d * 2^(64 j) (+ 0, 1, d - 1): windows of the long division that equal d, or d plus
    // one limb, for divisors of every length, normalised or not
    const ds = [3n, (1n << 63n) + 5n, (1n << 64n) - 1n, (1n << 100n) + 7n, (1n << 128n) - 1n, (1n << 150n) + 3n, (1n << 191n) + 1n, (1n << 192n) - 1n, (1n << 200n) + 9n, MAX];
    ds.push(...fc.sample(fc.bigInt(2n, MAX), { numRuns: 200, seed: 9 }));
    for (const d of ds) {
      for (let j = 0n; j < 4n; j++) {
        const b = 1n << (64n * j);
        for (const extra of [0n, 1n, d - 1n]) {
          const a = d + extra / b;
          if (a > MAX) continue;
          expectRef("mulDiv", a, b, d);
          expectRef("mulDivRoundingUp", a, b, d);
          expectRef("mulDiv", d, b + 1n, d);
        }
      }
    }
  });

  it("stays exact when divisors repeat and alternate (the division caches reciprocals)", () => {
    // one-limb and two-limb divisors, cycled so cached entries are hit, evicted and refilled
    const divisors = [1_000_000n, 997_000n, 3n, (1n << 64n) - 59n, 79228162514264337593543950336n, 250541448375047931186413801569n, (1n << 127n) + 1n];
    const numerators = fc.sample(fc.bigInt(0n, MAX), { numRuns: 60, seed: 5 });
    for (let round = 0; round < 3; round++) {
      numerators.forEach((a, i) => {
        const d = divisors[(i * (round + 1)) % divisors.length];
        expectRef("mulDiv", a, 1n, d);
        expectRef("mulDivRoundingUp", a, 3n, d);
      });
    }
  });

  it("rejects bad input with typed errors and keeps working after failures", () => {
    const bad: unknown[] = [1, 1.5, NaN, "1", null, undefined, {}, -1n, MAX + 1n, 1n << 300n];
    for (const x of bad) {
      const err = typeof x === "bigint" ? ValueOutOfRangeError : InvalidArgumentTypeError;
      expect(() => FullMath.mulDiv(x as bigint, 1n, 1n)).toThrow(err);
      expect(() => FullMath.mulDiv(1n, x as bigint, 1n)).toThrow(err);
      expect(() => FullMath.mulDivRoundingUp(1n, 1n, x as bigint)).toThrow(err);
    }
    for (let i = 0; i < 1000; i++) {
      expect(() => FullMath.mulDiv(MAX, MAX, 1n)).toThrow(MulDivOverflowError);
      expect(() => FullMath.mulDiv(MAX, MAX, 0n)).toThrow(DivisionByZeroError);
    }
    expect(FullMath.mulDiv(MAX, MAX - 2n, MAX)).toBe(MAX - 2n);
    expect(FullMath.mulDivRoundingUp(10n ** 30n, 3n, 7n)).toBe((3n * 10n ** 30n + 6n) / 7n);
  });
});
