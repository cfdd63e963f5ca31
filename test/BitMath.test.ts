// BitMath has no public binding (the pool engine uses it inside Wasm); the test reaches
// it through the raw `bitMath` export and compares with plain BigInt and with the Solidity
// twin on the Hardhat network (contracts/test/BitMathHarness.sol).
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { init } from "../bindings/index.js";
import { getCore } from "../bindings/src/wasm.js";
import { w256 } from "../bindings/src/_io.js";
import { check } from "../bindings/src/call.js";
import { BitMathZeroError, E_BIT_MATH_ZERO } from "../bindings/src/errors.js";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { network } from "./helpers/chain.js";

const MAX = (1n << 256n) - 1n;

beforeAll(async () => {
  await init();
});

/** The bit index, through the raw export: 0 and the index in IO[0], or a Wasm error code. */
function bit(which: 0 | 1, x: bigint): number {
  const { exports, io } = getCore();
  w256(io, 0, x);
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

  it("matches the Solidity twin on the Hardhat network, BitMathZero for 0 included", async () => {
    const { ethers } = await network();
    const harness = await ethers.deployContract("BitMathHarness");
    const xs = [0n, 1n, MAX, 1n << 255n, ...fc.sample(fc.oneof(fc.bigInt(1n, MAX), fc.integer({ min: 0, max: 255 }).map((i) => 1n << BigInt(i))), { numRuns: 300, seed: 80 })];
    const [msb, lsb, ok, sel] = await harness.bitsBatch(xs);
    let zeros = 0;
    xs.forEach((x, i) => {
      if (ok[i]) {
        expect(bit(0, x)).toBe(Number(msb[i]));
        expect(bit(1, x)).toBe(Number(lsb[i]));
      } else {
        zeros++;
        expect(harness.interface.parseError(sel[i])!.name).toBe("BitMathZero");
        expect(() => bit(0, x)).toThrow(BitMathZeroError);
        expect(() => bit(1, x)).toThrow(BitMathZeroError);
      }
    });
    expect(zeros).toBe(1);
  });
});
