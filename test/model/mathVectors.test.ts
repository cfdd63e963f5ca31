// Uniswap's published vectors (v3-core and v3-sdk tests) through the pure-BigInt model:
// every math-library vector, with the failure class each revert must map to (derived from the
// vector's inputs and the condition docs/errors.md names for it).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { HAVE_VECTORS, VECTORS_PATH, vectors, type Vector } from "../helpers/vectors.js";
import * as FullMath from "../../bindings/model/FullMath.js";
import * as LiquidityMath from "../../bindings/model/LiquidityMath.js";
import * as SqrtPriceMath from "../../bindings/model/SqrtPriceMath.js";
import * as SwapMath from "../../bindings/model/SwapMath.js";
import * as TickMath from "../../bindings/model/TickMath.js";
import { tickSpacingToMaxLiquidityPerTick } from "../../bindings/model/Tick.js";
import { encodeSqrtRatioX96, maxLiquidityForAmounts } from "../../bindings/model/LiquidityAmounts.js";
import {
  DivisionByZeroError,
  InvalidArgumentTypeError,
  InsufficientLiquidityError,
  InvalidSqrtPriceError,
  InvalidTickError,
  LiquidityOverflowError,
  LiquidityUnderflowError,
  MulDivOverflowError,
  PriceZeroError,
  SafeCastOverflowError,
  ZeroLiquidityError,
} from "../../bindings/model/errors.js";

const B = (s: string) => BigInt(s);

/** Runs every vector of `fn`: `run` gives the result, `failure` the error class a revert must throw. */
function check(fn: string, count: number, run: (a: Record<string, any>) => unknown, failure: (a: Record<string, any>) => Function) {
  it.runIf(HAVE_VECTORS)(`${fn}: ${count} vectors`, () => {
    const vs = vectors(fn);
    expect(vs.length).toBe(count);
    for (const v of vs) {
      if (v.expect === "revert") expect(() => run(v.args), label(v)).toThrow(failure(v.args) as any);
      else expect(run(v.args), label(v)).toEqual(v.expect);
    }
  });
}

const label = (v: Vector) => `#${v.id} ${v.source.test}`;
const str = (x: unknown) => (typeof x === "bigint" ? x.toString() : String(x));

describe("model: Uniswap V3 math vectors", () => {
  it.runIf(HAVE_VECTORS)("the model suites consume all 393 published vectors", () => {
    // This file runs the math functions; Pool.test.ts the 240 pool swaps and the 4 sdk pool quotes.
    const here: Record<string, number> = {
      "TickMath.getSqrtRatioAtTick": 36, "TickMath.getTickAtSqrtRatio": 19,
      "SqrtPriceMath.getNextSqrtPriceFromInput": 12, "SqrtPriceMath.getNextSqrtPriceFromOutput": 13,
      "SqrtPriceMath.getAmount0Delta": 5, "SqrtPriceMath.getAmount1Delta": 3, "SwapMath.computeSwapStep": 9,
      "FullMath.mulDiv": 8, "FullMath.mulDivRoundingUp": 10, "LiquidityMath.addDelta": 6,
      "Tick.tickSpacingToMaxLiquidityPerTick": 5, encodeSqrtRatioX96: 5, maxLiquidityForAmounts: 18,
    };
    const pool: Record<string, number> = { "UniswapV3Pool.swap": 240, "Pool.getOutputAmount": 2, "Pool.getInputAmount": 2 };
    const counts: Record<string, number> = {};
    for (const v of vectors()) counts[v.fn] = (counts[v.fn] ?? 0) + 1;
    expect(counts).toEqual({ ...here, ...pool });
    expect(vectors().length).toBe(393);
  });

  check(
    "TickMath.getSqrtRatioAtTick",
    36,
    (a) => str(TickMath.getSqrtRatioAtTick(Number(a.tick))),
    // A fractional tick is a wrong argument type in JS (the bindings' convention), not a range error.
    (a) => (Number.isInteger(Number(a.tick)) ? InvalidTickError : InvalidArgumentTypeError),
  );
  check("TickMath.getTickAtSqrtRatio", 19, (a) => str(TickMath.getTickAtSqrtRatio(B(a.sqrtPriceX96))), () => InvalidSqrtPriceError);

  // Output beyond the reserves: Uniswap's require in the token0 path; in the token1 path an amount
  // above 2^160 already overflows mulDivRoundingUp(amount, 2^96, L) before the require.
  const nextPriceFailure = (a: Record<string, any>) =>
    B(a.sqrtPX96) === 0n ? PriceZeroError
    : B(a.liquidity) === 0n ? ZeroLiquidityError
    : a.zeroForOne && (B(a.amountOut) << 96n) / B(a.liquidity) > (1n << 256n) - 1n ? MulDivOverflowError
    : InsufficientLiquidityError;
  check(
    "SqrtPriceMath.getNextSqrtPriceFromInput",
    12,
    (a) => str(SqrtPriceMath.getNextSqrtPriceFromInput(B(a.sqrtPX96), B(a.liquidity), B(a.amountIn), a.zeroForOne)),
    // The only other input revert: the price would pass 2^160-1 (Uniswap's toUint160).
    (a) => (B(a.sqrtPX96) === 0n ? PriceZeroError : B(a.liquidity) === 0n ? ZeroLiquidityError : SafeCastOverflowError),
  );
  check(
    "SqrtPriceMath.getNextSqrtPriceFromOutput",
    13,
    (a) => str(SqrtPriceMath.getNextSqrtPriceFromOutput(B(a.sqrtPX96), B(a.liquidity), B(a.amountOut), a.zeroForOne)),
    nextPriceFailure,
  );
  check(
    "SqrtPriceMath.getAmount0Delta",
    5,
    (a) => str(SqrtPriceMath.getAmount0Delta(B(a.sqrtRatioAX96), B(a.sqrtRatioBX96), B(a.liquidity), a.roundUp)),
    () => PriceZeroError,
  );
  check(
    "SqrtPriceMath.getAmount1Delta",
    3,
    (a) => str(SqrtPriceMath.getAmount1Delta(B(a.sqrtRatioAX96), B(a.sqrtRatioBX96), B(a.liquidity), a.roundUp)),
    () => Error,
  );
  const mulDivFailure = (a: Record<string, any>) => (B(a.denominator) === 0n ? DivisionByZeroError : MulDivOverflowError);
  check("FullMath.mulDiv", 8, (a) => str(FullMath.mulDiv(B(a.a), B(a.b), B(a.denominator))), mulDivFailure);
  check("FullMath.mulDivRoundingUp", 10, (a) => str(FullMath.mulDivRoundingUp(B(a.a), B(a.b), B(a.denominator))), mulDivFailure);
  check(
    "LiquidityMath.addDelta",
    6,
    (a) => str(LiquidityMath.addDelta(B(a.x), B(a.y))),
    (a) => (B(a.y) < 0n ? LiquidityUnderflowError : LiquidityOverflowError),
  );
  check("Tick.tickSpacingToMaxLiquidityPerTick", 5, (a) => str(tickSpacingToMaxLiquidityPerTick(Number(a.tickSpacing))), () => Error);
  check("encodeSqrtRatioX96", 5, (a) => str(encodeSqrtRatioX96(B(a.amount1), B(a.amount0))), () => Error);
  check(
    "maxLiquidityForAmounts",
    18,
    (a) => str(maxLiquidityForAmounts(B(a.sqrtRatioCurrentX96), B(a.sqrtRatioAX96), B(a.sqrtRatioBX96), B(a.amount0), B(a.amount1), a.useFullPrecision)),
    () => Error,
  );

  it.runIf(HAVE_VECTORS)("SwapMath.computeSwapStep: 9 vectors, with the relational checks", () => {
    const vs = vectors("SwapMath.computeSwapStep");
    expect(vs.length).toBe(9);
    for (const v of vs) {
      const a = v.args;
      const current = B(a.sqrtRatioCurrentX96), target = B(a.sqrtRatioTargetX96), liquidity = B(a.liquidity);
      const remaining = B(a.amountRemaining), fee = Number(a.feePips);
      const r = SwapMath.computeSwapStep(current, target, liquidity, remaining, fee);
      for (const [k, want] of Object.entries(v.expect as Record<string, string>)) expect(str((r as any)[k]), `${label(v)}: ${k}`).toBe(want);
      // The relational asserts of the v3-core test, written out.
      for (const c of (v as any).checks ?? []) {
        const zeroForOne = current >= target;
        if (c === "sqrtRatioNextX96 < sqrtRatioTargetX96") expect(r.sqrtRatioNextX96 < target, label(v)).toBe(true);
        else if (c === "amountIn + feeAmount == amountRemaining") expect(r.amountIn + r.feeAmount, label(v)).toBe(remaining);
        else if (c.includes("getNextSqrtPriceFromInput")) {
          expect(r.sqrtRatioNextX96).toBe(SqrtPriceMath.getNextSqrtPriceFromInput(current, liquidity, remaining - r.feeAmount, zeroForOne));
        } else if (c.includes("getNextSqrtPriceFromOutput")) {
          expect(r.sqrtRatioNextX96).toBe(SqrtPriceMath.getNextSqrtPriceFromOutput(current, liquidity, -remaining, zeroForOne));
        } else throw new Error(`unhandled check ${c}`);
      }
    }
  });

  it.runIf(HAVE_VECTORS)("the published property: getAmount0Delta rounds up by exactly one where the product overflows 256 bits", () => {
    const { properties } = JSON.parse(readFileSync(VECTORS_PATH, "utf8")) as { properties: { fn: string; args: Record<string, string>; property: string }[] };
    expect(properties.length).toBe(1);
    const [{ fn, args, property }] = properties;
    expect(fn).toBe("SqrtPriceMath.getAmount0Delta");
    expect(property).toBe("getAmount0Delta(roundUp=true) == getAmount0Delta(roundUp=false) + 1");
    const up = SqrtPriceMath.getAmount0Delta(B(args.sqrtRatioAX96), B(args.sqrtRatioBX96), B(args.liquidity), true);
    const down = SqrtPriceMath.getAmount0Delta(B(args.sqrtRatioAX96), B(args.sqrtRatioBX96), B(args.liquidity), false);
    expect(up).toBe(down + 1n);
  });
});
