// The position-sizing helpers through the public bindings: Uniswap's published vectors and edges.
import { beforeAll, describe, expect, it } from "vitest";
import { DivisionByZeroError, init, LiquidityAmounts, ValueOutOfRangeError } from "../bindings/index.js";
import { HAVE_VECTORS, vectors } from "./helpers/vectors.js";

beforeAll(() => init());
const big = (x: string) => BigInt(x);

describe("LiquidityAmounts", () => {
  it.runIf(HAVE_VECTORS)("passes Uniswap's encodeSqrtRatioX96 vectors", () => {
    const vs = vectors("encodeSqrtRatioX96");
    expect(vs.length).toBe(5);
    for (const v of vs) expect(LiquidityAmounts.encodeSqrtRatioX96(big(v.args.amount1), big(v.args.amount0)), v.source.test).toBe(big(v.expect));
  });

  it.runIf(HAVE_VECTORS)("passes Uniswap's maxLiquidityForAmounts vectors", () => {
    const vs = vectors("maxLiquidityForAmounts");
    expect(vs.length).toBe(18);
    for (const v of vs) {
      const a = v.args;
      const got = LiquidityAmounts.maxLiquidityForAmounts(big(a.sqrtRatioCurrentX96), big(a.sqrtRatioAX96), big(a.sqrtRatioBX96), big(a.amount0), big(a.amount1), a.useFullPrecision);
      expect(got, v.source.test).toBe(big(v.expect));
    }
  });

  it.runIf(HAVE_VECTORS)("passes Uniswap's tickSpacingToMaxLiquidityPerTick vectors (all five)", () => {
    const vs = vectors("Tick.tickSpacingToMaxLiquidityPerTick");
    expect(vs.length).toBe(5);
    for (const v of vs) expect(LiquidityAmounts.tickSpacingToMaxLiquidityPerTick(Number(v.args.tickSpacing)), v.source.test).toBe(big(v.expect));
  });

  it("names its failures", () => {
    expect(() => LiquidityAmounts.encodeSqrtRatioX96(1n, 0n)).toThrow(DivisionByZeroError);
    expect(() => LiquidityAmounts.encodeSqrtRatioX96(1n << 200n, 1n)).toThrow(ValueOutOfRangeError);
    expect(() => LiquidityAmounts.maxLiquidityForAmounts(1n << 96n, 5n, 5n, 1n, 1n, true)).toThrow(DivisionByZeroError);
    // Independent check at price 1 over a symmetric range: token1 side = amount1 * 2^96 / (sqrtP - sqrtA).
    const Q96 = 1n << 96n;
    expect(LiquidityAmounts.maxLiquidityForAmounts(Q96, Q96 - 1000n, Q96 + 1000n, 10n ** 30n, 7n, true)).toBe((7n * Q96) / 1000n);
  });
});
