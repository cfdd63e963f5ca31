// BitMath has no public binding (the pool engine uses it inside Wasm); the test reaches
// it through the raw `bitMath` export and compares with plain BigInt.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { init } from "../bindings/index.js";
import { getCore } from "../bindings/src/wasm.js";
import { put256 } from "../bindings/src/convert.js";
import { check } from "../bindings/src/call.js";
import { BitMathZeroError, E_BIT_MATH_ZERO } from "../bindings/src/errors.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const MAX = (1n << 256n) - 1n;

beforeAll(async () => {
  await init();
});

/** The bit index, through the raw export: 0 and the index in IO[0], or a Wasm error code. */
function bit(which: 0 | 1, x: bigint): number {
  const { exports, io } = getCore();
  put256(io, 0, x);
  const code = exports.bitMath(which) as number;
  check(code, "BitMath");
  return Number(io[0]);
}
const refMsb = (x: bigint) => x.toString(2).length - 1;
const refLsb = (x: bigint) => {
  let i = 0;
  while (((x >> BigInt(i)) & 1n) === 0n) i++;
  return i;
};

describe("BitMath", () => {
  it("mostSignificantBit / leastSignificantBit of every power of two and its neighbours", () => {
    for (let i = 0; i < 256; i++) {
      const p = 1n << BigInt(i);
      expect(bit(0, p)).toBe(i);
      expect(bit(1, p)).toBe(i);
      if (i > 0) expect(bit(0, p - 1n)).toBe(i - 1);
      expect(bit(1, MAX - (p - 1n))).toBe(i);
    }
    expect(bit(0, MAX)).toBe(255);
    expect(bit(1, MAX)).toBe(0);
  });

  it("matches plain BigInt on random words (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(fc.bigInt(1n, MAX), (x) => {
        expect(bit(0, x)).toBe(refMsb(x));
        expect(bit(1, x)).toBe(refLsb(x));
      }),
      { numRuns: 2000, seed: 51 },
    );
  });

  it("refuses zero with BitMathZero, as the Solidity twin reverts BitMath.BitMathZero()", () => {
    expect(() => bit(0, 0n)).toThrow(BitMathZeroError);
    expect(() => bit(1, 0n)).toThrow(BitMathZeroError);
    expect(getCore().exports.bitMath(0)).toBe(E_BIT_MATH_ZERO);
    // the same name on the Solidity side, where both functions revert with it on 0
    const sol = readFileSync(fileURLToPath(new URL("../contracts/libraries/BitMath.sol", import.meta.url)), "utf8");
    expect(sol).toMatch(/error BitMathZero\(\);/);
    expect(sol.match(/if \(x == 0\) revert BitMathZero\(\);/g)).toHaveLength(2);
    // a failed call leaves the export usable
    expect(bit(0, 1n << 200n)).toBe(200);
  });
});
