// The Solidity math libraries (through their batch harnesses) against the Wasm bindings, the pure-BigInt model
// in bindings/model and Uniswap's published vectors. Reverts must carry the error the others throw.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as FullMath from "../../bindings/model/FullMath.js";
import * as TickMath from "../../bindings/model/TickMath.js";
import * as SqrtPriceMath from "../../bindings/model/SqrtPriceMath.js";
import * as SwapMath from "../../bindings/model/SwapMath.js";
import * as FeeCurve from "../../bindings/model/FeeCurve.js";
import * as W from "../../bindings/index.js";
import { network } from "../helpers/chain.js";
import { HAVE_VECTORS, vectors } from "../helpers/vectors.js";

const MAX256 = (1n << 256n) - 1n;
const MAX160 = (1n << 160n) - 1n;
const MAX128 = (1n << 128n) - 1n;
const MIN_SQRT = 4295128739n;
const MAX_SQRT = 1461446703485210103287273052203988822378723970342n;
const SEED = 20261121;

let h: Record<string, any>;
beforeAll(async () => {
  await W.init();
  const { ethers } = await network();
  h = {
    tick: await ethers.deployContract("TickMathHarness"),
    full: await ethers.deployContract("FullMathHarness"),
    sqrt: await ethers.deployContract("SqrtPriceMathHarness"),
    swap: await ethers.deployContract("SwapMathHarness"),
  };
});

/** Runs `model` on each case and checks it against the harness result: same value, or same error name. */
function compare<T>(contract: any, cases: T[], res: [any[], boolean[], string[]], model: (c: T) => any, eq: (a: any, b: any) => void = (a, b) => expect(a).toBe(b), wasm?: (c: T) => any) {
  const n = compareOne(contract, cases, res, model, eq);
  if (wasm) compareOne(contract, cases, res, wasm, eq);
  return n;
}

function compareOne<T>(contract: any, cases: T[], res: [any[], boolean[], string[]], model: (c: T) => any, eq: (a: any, b: any) => void) {
  const [values, ok, sel] = res;
  let reverts = 0;
  cases.forEach((c, i) => {
    let expected: any, thrown: any;
    try {
      expected = model(c);
    } catch (e) {
      thrown = e;
    }
    if (ok[i]) {
      if (thrown) throw new Error(`case ${i} ${String(c)}: contract returned ${values[i]}, model threw ${thrown.constructor.name}`);
      eq(values[i], expected);
    } else {
      reverts++;
      const name = contract.interface.parseError(sel[i])?.name;
      expect(thrown?.constructor.name, `case ${i}: contract reverted ${name}`).toBe(`${name}Error`);
    }
  });
  return reverts;
}

const price = fc.oneof(
  fc.constantFrom(MIN_SQRT, MIN_SQRT + 1n, MAX_SQRT - 1n, MAX_SQRT, 1n << 96n, 0n, 1n, MAX160),
  fc.bigInt(MIN_SQRT, MAX_SQRT - 1n),
  fc.integer({ min: -887272, max: 887272 }).map((t) => TickMath.getSqrtRatioAtTick(t)),
);
const liquidity = fc.oneof(fc.constantFrom(0n, 1n, MAX128, 10n ** 18n), fc.bigInt(1n, MAX128), fc.bigInt(1n, 10n ** 24n));
const amount = fc.oneof(fc.constantFrom(0n, 1n, MAX256, MAX160, MAX160 + 1n, 10n ** 18n), fc.bigInt(0n, MAX256), fc.bigInt(0n, 10n ** 30n));

describe("TickMath", () => {
  it("getSqrtRatioAtTick and getTickAtSqrtRatio match the Wasm bindings and the model (edges, random)", async () => {
    const ticks = [
      ...fc.sample(fc.oneof(fc.integer({ min: -887272, max: 887272 }), fc.constantFrom(-887273, 887273, -8388608, 8388607, 0, 1, -1)), { numRuns: 1500, seed: SEED }),
    ];
    const r1 = await h.tick.getSqrtRatioAtTickBatch(ticks);
    expect(compare(h.tick, ticks, r1, (t) => TickMath.getSqrtRatioAtTick(t), (a, b) => expect(BigInt(a)).toBe(b), (t) => W.TickMath.getSqrtRatioAtTick(t))).toBeGreaterThan(0);

    const prices = fc.sample(fc.oneof(price, fc.bigInt(0n, MAX160)), { numRuns: 1500, seed: SEED });
    const r2 = await h.tick.getTickAtSqrtRatioBatch(prices);
    expect(compare(h.tick, prices, r2, (p) => TickMath.getTickAtSqrtRatio(p), (a, b) => expect(Number(a)).toBe(b), (p) => W.TickMath.getTickAtSqrtRatio(p))).toBeGreaterThan(0);
  });

  it.runIf(HAVE_VECTORS)("passes Uniswap's published vectors", async () => {
    for (const v of vectors("TickMath.getSqrtRatioAtTick")) {
      const p = h.tick.getSqrtRatioAtTick(Number(v.args.tick));
      if (v.expect === "revert") await expect(p, v.source.test).rejects.toThrow();
      else expect(await p, v.source.test).toBe(BigInt(v.expect));
    }
    for (const v of vectors("TickMath.getTickAtSqrtRatio")) {
      const p = h.tick.getTickAtSqrtRatio(BigInt(v.args.sqrtPriceX96));
      if (v.expect === "revert") await expect(p, v.source.test).rejects.toThrow();
      else expect(Number(await p), v.source.test).toBe(Number(v.expect));
    }
  });
});

describe("FullMath", () => {
  it("mulDiv and mulDivRoundingUp match the Wasm bindings and the model, including DivisionByZero and MulDivOverflow", async () => {
    const word = fc.oneof(fc.constantFrom(0n, 1n, 2n, MAX256, MAX256 - 1n, 1n << 128n, (1n << 128n) - 1n), fc.bigInt(0n, MAX256), fc.bigInt(0n, 1n << 130n));
    const cases = fc.sample(fc.tuple(word, word, word), { numRuns: 1000, seed: SEED });
    for (const up of [false, true]) {
      const r = await h.full.mulDivBatch(cases.map((c) => c[0]), cases.map((c) => c[1]), cases.map((c) => c[2]), up);
      const reverts = compare(h.full, cases, r, ([a, b, d]) => (up ? FullMath.mulDivRoundingUp(a, b, d) : FullMath.mulDiv(a, b, d)), undefined,
        ([a, b, d]) => (up ? W.FullMath.mulDivRoundingUp(a, b, d) : W.FullMath.mulDiv(a, b, d)));
      expect(reverts).toBeGreaterThan(0);
    }
  });
});

describe("SqrtPriceMath", () => {
  it("getNextSqrtPriceFromInput / FromOutput match the Wasm bindings and the model", async () => {
    const cases = fc.sample(fc.tuple(price, liquidity, amount, fc.boolean()), { numRuns: 1000, seed: SEED });
    for (const output of [false, true]) {
      const r = await h.sqrt.getNextSqrtPriceBatch(cases.map((c) => c[0]), cases.map((c) => c[1]), cases.map((c) => c[2]), cases.map((c) => c[3]), output);
      const fn = output ? SqrtPriceMath.getNextSqrtPriceFromOutput : SqrtPriceMath.getNextSqrtPriceFromInput;
      const wfn = output ? W.SqrtPriceMath.getNextSqrtPriceFromOutput : W.SqrtPriceMath.getNextSqrtPriceFromInput;
      const reverts = compare(h.sqrt, cases, r, ([p, l, a, z]) => fn(p, l, a, z), undefined, ([p, l, a, z]) => wfn(p, l, a, z));
      expect(reverts).toBeGreaterThan(0);
    }
  });

  it("getAmount0Delta / getAmount1Delta match the Wasm bindings and the model", async () => {
    const cases = fc.sample(fc.tuple(price, price, liquidity, fc.boolean()), { numRuns: 1000, seed: SEED });
    for (const token1 of [false, true]) {
      const r = await h.sqrt.getAmountDeltaBatch(cases.map((c) => c[0]), cases.map((c) => c[1]), cases.map((c) => c[2]), cases.map((c) => c[3]), token1);
      const fn = token1 ? SqrtPriceMath.getAmount1Delta : SqrtPriceMath.getAmount0Delta;
      const wfn = token1 ? W.SqrtPriceMath.getAmount1Delta : W.SqrtPriceMath.getAmount0Delta;
      compare(h.sqrt, cases, r, ([a, b, l, up]) => fn(a, b, l, up), undefined, ([a, b, l, up]) => wfn(a, b, l, up));
    }
  });

  it.runIf(HAVE_VECTORS)("passes Uniswap's published vectors", async () => {
    for (const fn of ["getNextSqrtPriceFromInput", "getNextSqrtPriceFromOutput", "getAmount0Delta", "getAmount1Delta"]) {
      for (const v of vectors(`SqrtPriceMath.${fn}`)) {
        const a = v.args;
        const args = fn.startsWith("getNext")
          ? [a.sqrtPX96, a.liquidity, a.amountIn ?? a.amountOut, a.zeroForOne]
          : [a.sqrtRatioAX96, a.sqrtRatioBX96, a.liquidity, a.roundUp];
        const p = h.sqrt[fn](...args);
        if (v.expect === "revert") await expect(p, v.source.test).rejects.toThrow();
        else expect(await p, v.source.test).toBe(BigInt(v.expect));
      }
    }
  });
});

describe("SwapMath and FeeCurve", () => {
  it("computeSwapStep matches the Wasm bindings and the model", async () => {
    const amt = fc.oneof(fc.bigInt(-(1n << 255n), (1n << 255n) - 1n), fc.bigInt(-(10n ** 30n), 10n ** 30n), fc.constantFrom(0n, 1n, -1n, -(1n << 255n)));
    const fee = fc.oneof(fc.constantFrom(0, 1, 100, 500, 3000, 10000, 999999), fc.integer({ min: 0, max: 999_999 }));
    const cases = fc.sample(fc.tuple(price, price, liquidity, amt, fee), { numRuns: 800, seed: SEED });
    const r = await h.swap.computeSwapStepBatch(cases.map(([current, target, l, a, f]) => ({ current, target, liquidity: l, amountRemaining: a, feePips: f })));
    compare(h.swap, cases, r, ([c, t, l, a, f]) => SwapMath.computeSwapStep(c, t, l, a, f), (got, want) => {
      expect([got.sqrtRatioNextX96, got.amountIn, got.amountOut, got.feeAmount]).toEqual([want.sqrtRatioNextX96, want.amountIn, want.amountOut, want.feeAmount]);
    }, ([c, t, l, a, f]) => W.SwapMath.computeSwapStep(c, t, l, a, f));
  });

  it.runIf(HAVE_VECTORS)("passes Uniswap's published computeSwapStep vectors", async () => {
    for (const v of vectors("SwapMath.computeSwapStep")) {
      const a = v.args;
      const s = await h.swap.computeSwapStep(a.sqrtRatioCurrentX96, a.sqrtRatioTargetX96, a.liquidity, a.amountRemaining, a.feePips);
      // Some vectors leave the price unstated.
      const want = v.expect.sqrtRatioNextX96 ?? String(s.sqrtRatioNextX96);
      expect([s.sqrtRatioNextX96, s.amountIn, s.amountOut, s.feeAmount].map(String), v.source.test).toEqual(
        [want, v.expect.amountIn, v.expect.amountOut, v.expect.feeAmount],
      );
    }
  });

  it("feePips matches the Wasm bindings, the model and the hand-derived points of docs/math.md", async () => {
    const P = fc.oneof(fc.constantFrom(0n, 1n, 2n, 100n, MAX128), fc.bigInt(0n, MAX128), fc.bigInt(0n, 10n ** 6n));
    const cases = fc.sample(P.chain((p) => fc.tuple(p === 0n ? fc.bigInt(0n, 10n) : fc.oneof(fc.bigInt(0n, p), fc.constant(p / 2n), fc.constant(p === MAX128 ? p : p + 1n)), fc.constant(p))), { numRuns: 800, seed: SEED });
    for (const params of [FeeCurve.DEFAULT_FEE_PARAMS, { minFeePips: 3000, midFeePips: 3000, maxFeePips: 3000 }, { minFeePips: 0, midFeePips: 999_998, maxFeePips: 999_999 }]) {
      const r = await h.swap.feePipsBatch(cases.map((c) => c[0]), cases.map((c) => c[1]), params.minFeePips, params.midFeePips, params.maxFeePips);
      compare(h.swap, cases, r, ([R, Pv]) => FeeCurve.feePips(R, Pv, params), (a, b) => expect(Number(a)).toBe(b), ([R, Pv]) => W.FeeCurve.feePips(R, Pv, params));
    }
    // q = 0, 1/2, 0.9, above the cap: 100, 5000, -4800 + 4900/0.1 = 44200, 50000
    for (const [R, Pv, want] of [[0n, 100n, 100], [50n, 100n, 5000], [90n, 100n, 44200], [92n, 100n, 50000], [7n, 0n, 100]] as const) {
      expect(Number(await h.swap.feePips(R, Pv, 100, 5000, 50000))).toBe(want);
    }
    await expect(h.swap.feePips(0n, 1n, 200, 100, 300)).rejects.toThrow();
  });
});
