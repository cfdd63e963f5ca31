import fc from "fast-check";
import { TickMath as SdkTickMath } from "@uniswap/v3-sdk";
import JSBI from "jsbi";
import { beforeAll, describe, expect, it } from "vitest";
import {
  init,
  InvalidArgumentTypeError,
  InvalidSqrtPriceError,
  InvalidTickError,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
  TickMath,
  ValueOutOfRangeError,
} from "../bindings/index.js";
import { HAVE_VECTORS, vectors } from "./helpers/vectors.js";

const Q96 = 1n << 96n;

beforeAll(async () => {
  await init();
});

// Independent reference: Uniswap's v3-sdk (JSBI) implementation.
const sdkSqrt = (t: number) => BigInt(SdkTickMath.getSqrtRatioAtTick(t).toString());

describe("TickMath.getSqrtRatioAtTick", () => {
  it.runIf(HAVE_VECTORS)("passes Uniswap's published vectors", () => {
    const vs = vectors("TickMath.getSqrtRatioAtTick");
    expect(vs.length).toBeGreaterThan(30);
    for (const v of vs) {
      const tick = Number(v.args.tick);
      if (v.expect !== "revert") expect(TickMath.getSqrtRatioAtTick(tick), v.source.test).toBe(BigInt(v.expect));
      else if (Number.isInteger(tick)) expect(() => TickMath.getSqrtRatioAtTick(tick), v.source.test).toThrow(InvalidTickError);
      else expect(() => TickMath.getSqrtRatioAtTick(tick), v.source.test).toThrow(InvalidArgumentTypeError);
    }
  });

  it("has Uniswap's bounds and constants", () => {
    expect([MIN_TICK, MAX_TICK, TickMath.MIN_TICK, TickMath.MAX_TICK]).toEqual([-887272, 887272, -887272, 887272]);
    expect(TickMath.getSqrtRatioAtTick(MIN_TICK)).toBe(MIN_SQRT_RATIO);
    expect(TickMath.getSqrtRatioAtTick(MAX_TICK)).toBe(MAX_SQRT_RATIO);
    expect(MIN_SQRT_RATIO).toBe(4295128739n);
    expect(MAX_SQRT_RATIO).toBe(1461446703485210103287273052203988822378723970342n);
    expect(TickMath.getSqrtRatioAtTick(0)).toBe(Q96);
    expect(() => TickMath.getSqrtRatioAtTick(MIN_TICK - 1)).toThrow(InvalidTickError);
    expect(() => TickMath.getSqrtRatioAtTick(MAX_TICK + 1)).toThrow(InvalidTickError);
    // outside int24 the argument is not a valid tick at all
    expect(() => TickMath.getSqrtRatioAtTick(2 ** 23)).toThrow(ValueOutOfRangeError);
    expect(() => TickMath.getSqrtRatioAtTick(-(2 ** 31))).toThrow(ValueOutOfRangeError);
  });

  it("matches the v3-sdk on every tick of each bit pattern and on random ticks", () => {
    const ticks = [MIN_TICK, MIN_TICK + 1, -1, 1, MAX_TICK - 1, MAX_TICK];
    for (let b = 0; b < 20; b++) ticks.push(1 << b, -(1 << b), (1 << b) - 1, -((1 << b) - 1));
    ticks.push(...fc.sample(fc.integer({ min: MIN_TICK, max: MAX_TICK }), { numRuns: 300, seed: 7 }));
    for (const t of ticks) expect(TickMath.getSqrtRatioAtTick(t), `tick ${t}`).toBe(sdkSqrt(t));
  });

  it("matches the v3-sdk for every value of the low 10 bits, under several high-bit patterns", () => {
    // the low 10 bits of |tick| come from a table: check each entry, combined with high bits
    const ticks: number[] = [];
    for (const high of [0, 1, 0x155, 0x2aa, 866]) for (let low = 0; low < 1024; low++) ticks.push(Math.min(high * 1024 + low, MAX_TICK));
    const prices = TickMath.getSqrtRatioAtTickBatch(ticks);
    ticks.forEach((t, i) => expect(prices[i], `tick ${t}`).toBe(sdkSqrt(t)));
    const neg = TickMath.getSqrtRatioAtTickBatch(ticks.map((t) => -t));
    ticks.forEach((t, i) => expect(neg[i], `tick ${-t}`).toBe(sdkSqrt(-t)));
  });

  it("is within 1e-10 (relative) of sqrt(1.0001^tick) * 2^96 computed in floating point", () => {
    for (const t of [-500000, -50000, -5000, -50, 50, 5000, 50000, 500000]) {
      const exact = Math.exp((t / 2) * Math.log1p(0.0001)) * 2 ** 96;
      const got = Number(TickMath.getSqrtRatioAtTick(t));
      expect(Math.abs(got - exact) / exact).toBeLessThan(1e-10);
    }
  });

  it("rejects bad input with typed errors and keeps working after failures", () => {
    for (const bad of [1.5, NaN, Infinity, "1", 1n, null, undefined]) {
      expect(() => TickMath.getSqrtRatioAtTick(bad as number)).toThrow(InvalidArgumentTypeError);
    }
    for (let i = 0; i < 1000; i++) expect(() => TickMath.getSqrtRatioAtTick(MAX_TICK + 1 + i)).toThrow(InvalidTickError);
    expect(TickMath.getSqrtRatioAtTick(50)).toBe(79426470787362580746886972461n);
  });
});

describe("TickMath.getTickAtSqrtRatio", () => {
  it.runIf(HAVE_VECTORS)("passes Uniswap's published vectors", () => {
    const vs = vectors("TickMath.getTickAtSqrtRatio");
    expect(vs.length).toBeGreaterThan(15);
    for (const v of vs) {
      const p = BigInt(v.args.sqrtPriceX96);
      if (v.expect === "revert") expect(() => TickMath.getTickAtSqrtRatio(p), v.source.test).toThrow(InvalidSqrtPriceError);
      else expect(TickMath.getTickAtSqrtRatio(p), v.source.test).toBe(Number(v.expect));
    }
  });

  it("fails exactly outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)", () => {
    expect(TickMath.getTickAtSqrtRatio(MIN_SQRT_RATIO)).toBe(MIN_TICK);
    expect(TickMath.getTickAtSqrtRatio(MAX_SQRT_RATIO - 1n)).toBe(MAX_TICK - 1);
    expect(() => TickMath.getTickAtSqrtRatio(MIN_SQRT_RATIO - 1n)).toThrow(InvalidSqrtPriceError);
    expect(() => TickMath.getTickAtSqrtRatio(MAX_SQRT_RATIO)).toThrow(InvalidSqrtPriceError);
    expect(() => TickMath.getTickAtSqrtRatio(0n)).toThrow(InvalidSqrtPriceError);
    expect(() => TickMath.getTickAtSqrtRatio((1n << 160n) - 1n)).toThrow(InvalidSqrtPriceError);
    expect(() => TickMath.getTickAtSqrtRatio(1n << 160n)).toThrow(ValueOutOfRangeError);
    expect(() => TickMath.getTickAtSqrtRatio(-1n)).toThrow(ValueOutOfRangeError);
    expect(() => TickMath.getTickAtSqrtRatio(1n << 300n)).toThrow(ValueOutOfRangeError);
    for (const bad of [1, 1.5, NaN, "79228162514264337593543950336", null]) {
      expect(() => TickMath.getTickAtSqrtRatio(bad as unknown as bigint)).toThrow(InvalidArgumentTypeError);
    }
  });

  it("is the greatest tick whose price is <= the input (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_TICK + 1, max: MAX_TICK - 1 }), (t) => {
        const p = TickMath.getSqrtRatioAtTick(t);
        expect(TickMath.getTickAtSqrtRatio(p)).toBe(t);
        expect(TickMath.getTickAtSqrtRatio(p - 1n)).toBe(t - 1);
        const next = TickMath.getSqrtRatioAtTick(t + 1);
        expect(TickMath.getTickAtSqrtRatio(next - 1n)).toBe(t);
      }),
      { numRuns: 300, seed: 11 },
    );
    fc.assert(
      fc.property(fc.bigInt(MIN_SQRT_RATIO, MAX_SQRT_RATIO - 1n), (p) => {
        const t = TickMath.getTickAtSqrtRatio(p);
        expect(TickMath.getSqrtRatioAtTick(t) <= p).toBe(true);
        if (t < MAX_TICK) expect(TickMath.getSqrtRatioAtTick(t + 1) > p).toBe(true);
        expect(t).toBe(SdkTickMath.getTickAtSqrtRatio(JSBI.BigInt(p.toString())));
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});

// getTickAtSqrtRatio estimates the tick from an f64 logarithm and checks getSqrtRatioAtTick only
// within 1e-4 of an integer tick (docs/math.md): check every tick boundary, and prices placed
// just inside and just outside that band, against the definition.
describe("TickMath.getTickAtSqrtRatio on every tick boundary", () => {
  const CHUNK = 50_000;
  it("returns t at getSqrtRatioAtTick(t) and t - 1 one wei below, for all 1,774,545 ticks", () => {
    let checked = 0;
    for (let start = MIN_TICK; start <= MAX_TICK; start += CHUNK) {
      const ticks = new Int32Array(Math.min(CHUNK, MAX_TICK - start + 1)).map((_, i) => start + i);
      const limbs = TickMath.getSqrtRatioAtTickBatchLimbs(ticks);
      const at: bigint[] = [], below: bigint[] = [];
      ticks.forEach((t, i) => {
        const p = TickMath.priceFromLimbs(limbs, i);
        if (t < MAX_TICK) at.push(p); // MAX_SQRT_RATIO itself is out of range
        if (t > MIN_TICK) below.push(p - 1n);
      });
      const gotAt = TickMath.getTickAtSqrtRatioBatch(at), gotBelow = TickMath.getTickAtSqrtRatioBatch(below);
      const first = ticks[0], firstBelow = Math.max(first, MIN_TICK + 1);
      for (let i = 0; i < gotAt.length; i++) if (gotAt[i] !== first + i) expect(gotAt[i], `at tick ${first + i}`).toBe(first + i);
      for (let i = 0; i < gotBelow.length; i++) if (gotBelow[i] !== firstBelow + i - 1) expect(gotBelow[i], `below tick ${firstBelow + i}`).toBe(firstBelow + i - 1);
      checked += gotAt.length + gotBelow.length;
    }
    expect(checked).toBe(2 * (MAX_TICK - MIN_TICK + 1) - 2);
  });

  it("is the greatest tick at or below prices at the edges of the f64 band and between ticks", () => {
    // sqrt price at tick t + f: S(t) * 1.0001^(f/2), with f near the 1e-4 band edges, scaled in 1e-18ths
    const SCALE = 10n ** 18n;
    const offsets = [1e-4 - 1e-7, 1e-4 + 1e-7, 1 - 1e-4 - 1e-7, 1 - 1e-4 + 1e-7, 5e-5, 1 - 5e-5, 0.5, 1e-6, 1 - 1e-6];
    const factors = offsets.map((f) => BigInt(Math.round(Math.pow(1.0001, f / 2) * 1e18)));
    const ticks = fc.sample(fc.integer({ min: MIN_TICK, max: MAX_TICK - 1 }), { numRuns: 4000, seed: 21 });
    ticks.push(MIN_TICK, MIN_TICK + 1, -1, 0, 1, MAX_TICK - 2, MAX_TICK - 1);
    const base = TickMath.getSqrtRatioAtTickBatch(ticks);
    const prices = base.flatMap((p) => factors.map((k) => (p * k) / SCALE)).filter((p) => p >= MIN_SQRT_RATIO && p < MAX_SQRT_RATIO);
    const got = TickMath.getTickAtSqrtRatioBatch(prices);
    const lo = TickMath.getSqrtRatioAtTickBatch(Array.from(got));
    const hi = TickMath.getSqrtRatioAtTickBatch(Array.from(got, (t) => Math.min(t + 1, MAX_TICK)));
    prices.forEach((p, i) => {
      if (!(lo[i] <= p && (got[i] === MAX_TICK || p < hi[i]))) expect.fail(`price ${p}: tick ${got[i]} is not the greatest tick at or below it`);
    });
    expect(prices.length).toBeGreaterThan(30_000);
  });
});

describe("TickMath after Wasm memory grows", () => {
  it("rebuilds its views of the detached buffer and stays correct", async () => {
    const { getCore } = await import("../bindings/src/wasm.js");
    const before = TickMath.getSqrtRatioAtTick(1000);
    const batchBefore = TickMath.getSqrtRatioAtTickBatch([1, 2, 3]);
    getCore().memory.grow(1); // detaches every view of the old buffer
    expect(TickMath.getSqrtRatioAtTick(1000)).toBe(before);
    expect(TickMath.getTickAtSqrtRatio(before)).toBe(1000);
    expect(TickMath.getSqrtRatioAtTickBatch([1, 2, 3])).toEqual(batchBefore);
  });
});

describe("TickMath batch forms", () => {
  it("equal the single calls, across chunk boundaries", () => {
    const ticks = fc.sample(fc.integer({ min: MIN_TICK, max: MAX_TICK }), { numRuns: 2500, seed: 3 });
    ticks.push(MIN_TICK, MAX_TICK, 0);
    const prices = TickMath.getSqrtRatioAtTickBatch(Int32Array.from(ticks));
    expect(TickMath.getSqrtRatioAtTickBatch(ticks)).toEqual(prices);
    ticks.forEach((t, i) => expect(prices[i]).toBe(TickMath.getSqrtRatioAtTick(t)));
    const queried = prices.map((p, i) => (i % 2 === 0 && p > MIN_SQRT_RATIO ? p - 1n : p)).filter((p) => p < MAX_SQRT_RATIO);
    const got = TickMath.getTickAtSqrtRatioBatch(queried);
    expect(got).toBeInstanceOf(Int32Array);
    queried.forEach((p, i) => expect(got[i]).toBe(TickMath.getTickAtSqrtRatio(p)));
    expect(TickMath.getSqrtRatioAtTickBatch(new Int32Array(0))).toEqual([]);
    const limbs = TickMath.getSqrtRatioAtTickBatchLimbs(Int32Array.from(ticks), new BigUint64Array(3 * ticks.length + 3));
    ticks.forEach((_, i) => expect(TickMath.priceFromLimbs(limbs, i)).toBe(prices[i]));
    expect(() => TickMath.getSqrtRatioAtTickBatchLimbs(Int32Array.of(0, 1), new BigUint64Array(5))).toThrow(InvalidArgumentTypeError);
    expect(() => TickMath.getSqrtRatioAtTickBatchLimbs([0] as unknown as Int32Array)).toThrow(InvalidArgumentTypeError);
    expect(TickMath.getTickAtSqrtRatioBatch([])).toEqual(new Int32Array(0));
  });

  it("name the first failing item and leave the module usable", () => {
    const ticks = new Int32Array(1500);
    ticks[1300] = MAX_TICK + 1;
    expect(() => TickMath.getSqrtRatioAtTickBatch(ticks)).toThrow(/ticks\[1300\]/);
    expect(() => TickMath.getSqrtRatioAtTickBatch(ticks)).toThrow(InvalidTickError);
    expect(() => TickMath.getSqrtRatioAtTickBatchLimbs(ticks)).toThrow(/ticks\[1300\]/);
    expect(() => TickMath.getSqrtRatioAtTickBatch([0, 1.5])).toThrow(InvalidArgumentTypeError);
    expect(() => TickMath.getTickAtSqrtRatioBatch([Q96, MIN_SQRT_RATIO - 1n])).toThrow(/sqrtPricesX96\[1\]/);
    expect(() => TickMath.getTickAtSqrtRatioBatch([Q96, -1n])).toThrow(ValueOutOfRangeError);
    expect(() => TickMath.getTickAtSqrtRatioBatch([Q96, 5] as bigint[])).toThrow(InvalidArgumentTypeError);
    expect(TickMath.getSqrtRatioAtTickBatch([0, 1])).toEqual([Q96, 79232123823359799118286999568n]);
  });
});
