// U256 is Wasm-internal (no public binding); its operations are reached through the raw
// `u256` test export and compared with plain BigInt on random and limb-edge inputs.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { init } from "../bindings/index.js";
import { r256, w256 } from "../bindings/src/_io.js";
import { getCore } from "../bindings/src/wasm.js";

const M = 1n << 256n;
const MAX = M - 1n;

beforeAll(async () => {
  await init();
});

function op(code: number, a: bigint, b: bigint, n = 0): { r: bigint; hi: bigint; flag: number } {
  const { exports, io } = getCore();
  w256(io, 0, a);
  w256(io, 4, b);
  // the export returns 0 like every other; the flag (carry, borrow, compare result) is IO[8]
  expect(exports.u256(code, n)).toBe(0);
  return { r: r256(io, 0), hi: r256(io, 4), flag: Number(BigInt.asIntN(64, io[8])) };
}
const signed = (x: bigint) => BigInt.asIntN(256, x);

// limbs near 0 and 2^64 expose carry and borrow mistakes
const limb = fc.constantFrom(0n, 1n, (1n << 63n) - 1n, 1n << 63n, (1n << 64n) - 2n, (1n << 64n) - 1n);
const edgy = fc.tuple(limb, limb, limb, limb).map(([a, b, c, d]) => a | (b << 64n) | (c << 128n) | (d << 192n));
const word = fc.oneof(fc.bigInt(0n, MAX), fc.bigInt(0n, 1n << 128n), edgy, fc.constantFrom(0n, 1n, MAX));
const RUNS = { numRuns: 2000, seed: 256 };

describe("U256 (Wasm limb arithmetic) vs plain BigInt", () => {
  it("add256 / sub256 / neg256 wrap mod 2^256 and report carry / borrow", () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(op(0, a, b)).toMatchObject({ r: (a + b) % M, flag: a + b > MAX ? 1 : 0 });
        expect(op(1, a, b)).toMatchObject({ r: (a - b + M) % M, flag: a < b ? 1 : 0 });
        expect(op(4, a, 0n).r).toBe((M - a) % M);
      }),
      RUNS,
    );
  });

  it("mul256 wraps and reports overflow; mul512 is exact", () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const p = a * b;
        expect(op(2, a, b)).toMatchObject({ r: p % M, flag: p > MAX ? 1 : 0 });
        expect(op(3, a, b)).toMatchObject({ r: p % M, hi: p >> 256n });
      }),
      RUNS,
    );
  });

  it("shl256 / shr256 / sar256 for every count, including >= 256", () => {
    fc.assert(
      fc.property(word, fc.integer({ min: 0, max: 300 }), (a, n) => {
        const s = BigInt(n);
        expect(op(5, a, 0n, n).r).toBe((a << s) % M);
        expect(op(6, a, 0n, n).r).toBe(a >> s);
        expect(signed(op(7, a, 0n, n).r)).toBe(signed(a) >> (s > 255n ? 255n : s));
      }),
      RUNS,
    );
  });

  it("cmp256 orders like BigInt; divRem256 gives quotient and remainder, refusing zero", () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(op(8, a, b).flag).toBe(a < b ? -1 : a > b ? 1 : 0);
        const d = op(9, a, b);
        if (b === 0n) expect(d.flag).toBe(0);
        else expect(d).toMatchObject({ r: a / b, hi: a % b, flag: 1 });
      }),
      RUNS,
    );
  });
  it("reciprocalWord (division by multiplication) is floor((2^128 - 1) / d) - 2^64 for every kind of normalised d", () => {
    const T63 = 1n << 63n, T64 = 1n << 64n;
    const ds: bigint[] = [T63, T63 + 1n, T64 - 1n, T64 - 2n, (T63 * 3n) / 2n];
    // both sides of every table boundary (top nine bits) and of the 40-bit truncation
    for (let d9 = 256n; d9 < 512n; d9++) ds.push(d9 << 55n, (d9 << 55n) - 1n, (d9 << 55n) + 1n, (d9 << 55n) + (1n << 24n) - 1n, ((d9 + 1n) << 55n) - 1n);
    ds.push(...fc.sample(fc.bigInt(T63, T64 - 1n), { numRuns: 100_000, seed: 63 }));
    let bad = 0;
    for (const d of ds) {
      if (d < T63 || d >= T64) continue;
      const want = (T64 * T64 - 1n) / d - T64;
      const got = op(10, d, 0n).r;
      if (got !== want) {
        bad++;
        expect(got, `d = ${d}`).toBe(want);
      }
    }
    expect(bad).toBe(0);
  });
});
