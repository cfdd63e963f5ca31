import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { init, LiquidityMath, LiquidityOverflowError, LiquidityUnderflowError } from "../bindings/index.js";
import { network } from "./helpers/chain.js";
import { HAVE_VECTORS, vectors } from "./helpers/vectors.js";

const MAX128 = (1n << 128n) - 1n;

beforeAll(async () => {
  await init();
});

describe("LiquidityMath.addDelta", () => {
  it.runIf(HAVE_VECTORS)("passes Uniswap's published vectors", () => {
    const vs = vectors("LiquidityMath.addDelta");
    expect(vs.length).toBe(6);
    for (const v of vs) {
      const x = BigInt(v.args.x), y = BigInt(v.args.y);
      if (v.expect === "revert") expect(() => LiquidityMath.addDelta(x, y), v.source.test).toThrow();
      else expect(LiquidityMath.addDelta(x, y), v.source.test).toBe(BigInt(v.expect));
    }
  });

  it("fails with typed errors at both bounds", () => {
    expect(() => LiquidityMath.addDelta(0n, -1n)).toThrow(LiquidityUnderflowError);
    expect(() => LiquidityMath.addDelta(MAX128, 1n)).toThrow(LiquidityOverflowError);
    expect(LiquidityMath.addDelta(MAX128, -(1n << 127n))).toBe(MAX128 - (1n << 127n));
  });

  it("matches the Solidity twin on the Hardhat network (fast-check, fixed seed)", async () => {
    const { ethers } = await network();
    const harness = await ethers.deployContract("MathHarness");
    const edge = fc.constantFrom(0n, 1n, MAX128, MAX128 - 1n, 1n << 64n, (1n << 64n) - 1n, 1n << 127n);
    const x = fc.oneof(edge, fc.bigInt(0n, MAX128));
    const y = fc.oneof(fc.constantFrom(0n, 1n, -1n, -(1n << 127n), (1n << 127n) - 1n, -(1n << 64n)), fc.bigInt(-(1n << 127n), (1n << 127n) - 1n));
    const cases = fc.sample(fc.tuple(x, y), { numRuns: 500, seed: 42 });
    const [z, ok, sel] = await harness.addDeltaBatch(cases.map((c) => c[0]), cases.map((c) => c[1]));
    let reverts = 0;
    cases.forEach(([xi, yi], i) => {
      if (ok[i]) {
        expect(LiquidityMath.addDelta(xi, yi)).toBe(z[i]);
      } else {
        reverts++;
        const name = harness.interface.parseError(sel[i])!.name;
        expect(() => LiquidityMath.addDelta(xi, yi)).toThrow(name === "LiquidityUnderflow" ? LiquidityUnderflowError : LiquidityOverflowError);
      }
    });
    expect(reverts).toBeGreaterThan(0);
  });
});
