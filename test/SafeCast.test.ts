// SafeCast has no public binding (the pool engine uses it inside Wasm); the test reaches
// it through the raw `safeCast` export and compares with the target types' bounds.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { init, SafeCastOverflowError } from "../bindings/index.js";
import { check } from "../bindings/src/call.js";
import { r256, w256 } from "../bindings/src/_io.js";
import { getCore } from "../bindings/src/wasm.js";

const MAX256 = (1n << 256n) - 1n;

beforeAll(async () => {
  await init();
});

// which: 0 toUint160 (uint256 in), 1 toInt128 (int256 in), 2 toInt256 (uint256 in)
function cast(which: 0 | 1 | 2, y: bigint): bigint {
  const { exports, io } = getCore();
  w256(io, 0, y);
  check(exports.safeCast(which), "SafeCast");
  const r = r256(io, 0);
  return which === 1 ? BigInt.asIntN(256, r) : r;
}

const bounds: Array<[0 | 1 | 2, bigint, bigint, bigint, bigint]> = [
  // which, input min, input max, target min, target max
  [0, 0n, MAX256, 0n, (1n << 160n) - 1n],
  [1, -(1n << 255n), (1n << 255n) - 1n, -(1n << 127n), (1n << 127n) - 1n],
  [2, 0n, MAX256, 0n, (1n << 255n) - 1n],
];

describe("SafeCast", () => {
  it("passes values inside the target type unchanged and fails just outside", () => {
    for (const [which, , , lo, hi] of bounds) {
      expect(cast(which, lo)).toBe(lo);
      expect(cast(which, hi)).toBe(hi);
      expect(cast(which, 0n)).toBe(0n);
      expect(() => cast(which, hi + 1n)).toThrow(SafeCastOverflowError);
      if (lo < 0n) expect(() => cast(which, lo - 1n)).toThrow(SafeCastOverflowError);
    }
    expect(() => cast(0, MAX256)).toThrow(SafeCastOverflowError);
    expect(() => cast(2, MAX256)).toThrow(SafeCastOverflowError);
  });

  it("agrees with the bounds on random inputs (fast-check, fixed seed)", () => {
    for (const [which, inMin, inMax, lo, hi] of bounds) {
      const edges = fc.constantFrom(lo, hi, lo - 1n, hi + 1n, -1n, 1n).filter((x) => x >= inMin && x <= inMax);
      fc.assert(
        fc.property(fc.oneof(fc.bigInt(inMin, inMax), fc.bigInt(lo, hi), edges), (y) => {
          if (y >= lo && y <= hi) expect(cast(which, y)).toBe(y);
          else expect(() => cast(which, y)).toThrow(SafeCastOverflowError);
        }),
        { numRuns: 1000, seed: 60 + which },
      );
    }
  });
});
