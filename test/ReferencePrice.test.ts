// ReferencePrice through the public bindings: hand-checkable vectors (prices from two USD feeds,
// the tick range's ends, the regime boundary, the largest decimal gaps; TWAP rounding; sqrt),
// the Wasm against the pure-BigInt model on random and edge-biased inputs (fast-check, fixed
// seed), and bad input. The comparison with the Solidity twin is the differential fuzzer's
// (test/fuzz/targets/stateless.ts, targets "ReferencePrice.*").
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { encodeSqrtRatioX96 } from "@uniswap/v3-sdk";
import { beforeAll, describe, expect, it } from "vitest";
import {
  init,
  InvalidArgumentTypeError,
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
  ReferencePrice,
  ReferencePriceOutOfRangeError,
  ValueOutOfRangeError,
  ZeroTwapWindowError,
  type OracleSqrtPriceX96Parameters,
} from "../bindings/index.js";
import * as Model from "../bindings/model/ReferencePrice.js";
import * as A from "./fuzz/arbitraries.js";

const Q96 = 1n << 96n;
const MAX128 = (1n << 128n) - 1n;
const MAX256 = (1n << 256n) - 1n;
const W = 2 ** 32 - 1;
const SEED = 20261121;

beforeAll(async () => {
  await init();
});

/** Both tokens' feeds and decimals; each side defaults to an 8-decimal feed of an 18-decimal token. */
function feeds(answer0: bigint, answer1: bigint, d: Partial<Omit<OracleSqrtPriceX96Parameters, "answer0" | "answer1">> = {}): OracleSqrtPriceX96Parameters {
  return { answer0, feedDecimals0: 8, tokenDecimals0: 18, answer1, feedDecimals1: 8, tokenDecimals1: 18, ...d };
}
const zeroDecimals = { feedDecimals0: 0, tokenDecimals0: 0, feedDecimals1: 0, tokenDecimals1: 0 };
const oracle = (p: OracleSqrtPriceX96Parameters) => ReferencePrice.oracleSqrtPriceX96(p);

/** N and D of the price N / D (docs/math.md, "Reference prices"). */
function fraction(p: OracleSqrtPriceX96Parameters): [bigint, bigint] {
  const e = p.feedDecimals1 + p.tokenDecimals1 - (p.feedDecimals0 + p.tokenDecimals0);
  return [p.answer0 * 10n ** BigInt(Math.max(e, 0)), p.answer1 * 10n ** BigInt(Math.max(-e, 0))];
}

/**
 * The documented rounding, checked by multiplication only: with X = N·2^192/D, r = floor(sqrt(X))
 * (r^2 <= X < (r+1)^2) when N/D < 2^64; from 2^64 on, r is a multiple of 2^32 with
 * r^2 <= X < (r + 2^32)^2, i.e. floor(sqrt(X)) with its low 32 bits cleared.
 */
function expectDocumentedRounding(p: OracleSqrtPriceX96Parameters, r: bigint): void {
  const [n, d] = fraction(p);
  const x = n << 192n; // compared as r^2·D <= N·2^192
  const step = n >= d << 64n ? 1n << 32n : 1n;
  expect(r % step).toBe(0n);
  expect(r * r * d <= x).toBe(true);
  expect((r + step) * (r + step) * d > x).toBe(true);
}

/** v3-sdk's floor(sqrt(amount1·2^192/amount0)), an independent implementation (JSBI). */
const sdkSqrtRatio = (amount1: bigint, amount0: bigint) => BigInt(encodeSqrtRatioX96(amount1.toString(), amount0.toString()).toString());

describe("ReferencePrice.oracleSqrtPriceX96: vectors", () => {
  it("two 18-decimal tokens at $1 give 2^96 exactly, whatever the feeds' decimals", () => {
    expect(oracle(feeds(10n ** 8n, 10n ** 8n))).toBe(Q96);
    expect(oracle(feeds(10n ** 18n, 10n ** 8n, { feedDecimals0: 18 }))).toBe(Q96);
    expect(oracle(feeds(1n, 1n, zeroDecimals))).toBe(Q96);
  });

  it("WETH (18) / USDC (6) at $3000, in both token orders, equals v3-sdk's encodeSqrtRatioX96 of the raw amounts", () => {
    const weth = { answer: 3000n * 10n ** 8n, feed: 8, token: 18 };
    const usdc = { answer: 10n ** 8n, feed: 8, token: 6 };
    // token0 = WETH: 1e18 raw WETH buys 3000e6 raw USDC
    const wethInUsdc = oracle({ answer0: weth.answer, feedDecimals0: weth.feed, tokenDecimals0: weth.token, answer1: usdc.answer, feedDecimals1: usdc.feed, tokenDecimals1: usdc.token });
    expect(wethInUsdc).toBe(sdkSqrtRatio(3000n * 10n ** 6n, 10n ** 18n));
    expect(wethInUsdc).toBe(4339505179874779489431521n);
    // token0 = USDC: 3000e6 raw USDC buys 1e18 raw WETH
    const usdcInWeth = oracle({ answer0: usdc.answer, feedDecimals0: usdc.feed, tokenDecimals0: usdc.token, answer1: weth.answer, feedDecimals1: weth.feed, tokenDecimals1: weth.token });
    expect(usdcInWeth).toBe(sdkSqrtRatio(10n ** 18n, 3000n * 10n ** 6n));
    // the two are reciprocal: their product is 2^192 to within the floors
    expect(wethInUsdc * usdcInWeth <= 1n << 192n).toBe(true);
    expect((wethInUsdc + 1n) * (usdcInWeth + 1n) > 1n << 192n).toBe(true);
    // an 18-decimal ETH/USD feed states the same price
    expect(oracle({ answer0: 3000n * 10n ** 18n, feedDecimals0: 18, tokenDecimals0: 18, answer1: usdc.answer, feedDecimals1: 8, tokenDecimals1: 6 })).toBe(wethInUsdc);
  });

  it("reaches MIN_SQRT_RATIO exactly, and one unit of answer1 more is out of range", () => {
    // N / D = 1 / a1 with a1 = floor(2^192 / MIN^2) < 2^128: 2^192 / a1 is in [MIN^2, (MIN+1)^2)
    const a1 = (1n << 192n) / (MIN_SQRT_RATIO * MIN_SQRT_RATIO);
    expect(a1 <= MAX128).toBe(true);
    expect(oracle(feeds(1n, a1, zeroDecimals))).toBe(MIN_SQRT_RATIO);
    expect(() => oracle(feeds(1n, a1 + 1n, zeroDecimals))).toThrow(ReferencePriceOutOfRangeError);
    expect(Model.oracleSqrtPriceX96(feeds(1n, a1, zeroDecimals))).toBe(MIN_SQRT_RATIO);
    expect(() => Model.oracleSqrtPriceX96(feeds(1n, a1 + 1n, zeroDecimals))).toThrow(ReferencePriceOutOfRangeError);
  });

  it("reaches the largest multiple of 2^32 below MAX_SQRT_RATIO, and the next answer0 is out of range", () => {
    // Above 2^128 results are multiples of 2^32: the largest in range is M = 2^32·m, and with
    // N / D = a0, the result is 2^32·floor(sqrt(a0·2^128)), so a0 = ceil((m+1)^2 / 2^128) is the first past M.
    const M = MAX_SQRT_RATIO - (MAX_SQRT_RATIO % (1n << 32n));
    expect(M + (1n << 32n) > MAX_SQRT_RATIO).toBe(true);
    const m = M >> 32n;
    const first = (m * m + MAX128) >> 128n;
    const past = ((m + 1n) * (m + 1n) + MAX128) >> 128n;
    expect(oracle(feeds(first, 1n, zeroDecimals))).toBe(M);
    expect(oracle(feeds(past - 1n, 1n, zeroDecimals))).toBe(M);
    expect(() => oracle(feeds(past, 1n, zeroDecimals))).toThrow(ReferencePriceOutOfRangeError);
    expect(oracle(feeds(first - 1n, 1n, zeroDecimals))).toBe(M - (1n << 32n));
    // the largest answer over the smallest: N / D = 2^128 - 1, far past the range
    expect(() => oracle(feeds(MAX128, 1n, zeroDecimals))).toThrow(ReferencePriceOutOfRangeError);
  });

  it("is exact below N/D = 2^64 and rounds to a multiple of 2^32 from there (the error bound is nearly reached)", () => {
    // N / D = 2^64: the sqrt price is 2^128 exactly
    expect(oracle(feeds(1n << 64n, 1n, zeroDecimals))).toBe(1n << 128n);
    // N / D = 2^64 - 1: exact floor, sqrt(2^256 - 2^192) = 2^128 - 2^63 - 1/8 - ...
    expect(oracle(feeds((1n << 64n) - 1n, 1n, zeroDecimals))).toBe((1n << 128n) - (1n << 63n) - 1n);
    // N / D = 2^64 + 1: sqrt(2^256 + 2^192) = 2^128 + 2^63 - 1/8 + ..., floor 2^128 + 2^63 - 1,
    // and the result is that with its low 32 bits cleared: 2^32 - 1 below the floor
    expect(oracle(feeds((1n << 64n) + 1n, 1n, zeroDecimals))).toBe((1n << 128n) + (1n << 63n) - (1n << 32n));
    // the same boundary with D = 10^8 and N = 2^64·D - 1, 2^64·D, 2^64·D + 1
    for (const k of [-1n, 0n, 1n]) {
      const p = feeds((10n ** 8n << 64n) + k, 10n ** 8n, { feedDecimals0: 8, tokenDecimals0: 8, feedDecimals1: 8, tokenDecimals1: 8 });
      const r = oracle(p);
      expectDocumentedRounding(p, r);
      expect(r).toBe(Model.oracleSqrtPriceX96(p));
      expect(r < 1n << 128n).toBe(k < 0n);
    }
  });

  it("handles the largest decimal gaps, e = -72 and e = +72", () => {
    // e = -72: N / D = 10^36 / 10^72, sqrt price 2^96 / 10^18 (rounded down)
    const low = { feedDecimals0: 36, tokenDecimals0: 36, feedDecimals1: 0, tokenDecimals1: 0 };
    expect(oracle(feeds(10n ** 36n, 1n, low))).toBe(Q96 / 10n ** 18n);
    expect(oracle(feeds(10n ** 36n, 1n, low))).toBe(79228162514n);
    // D = answer1·10^72 leaves 256 bits: a price below the range
    expect(() => oracle(feeds(1n, MAX128, low))).toThrow(ReferencePriceOutOfRangeError);
    // e = +72: N / D = 10^72 / 10^36, sqrt price 10^18·2^96 exactly (a multiple of 2^32)
    const high = { feedDecimals0: 0, tokenDecimals0: 0, feedDecimals1: 36, tokenDecimals1: 36 };
    expect(oracle(feeds(1n, 10n ** 36n, high))).toBe(10n ** 18n * Q96);
    // N = answer0·10^72 leaves 256 bits; and N / D >= 2^128 while N fits
    expect(() => oracle(feeds(MAX128, 10n ** 36n, high))).toThrow(ReferencePriceOutOfRangeError);
    expect(() => oracle(feeds(10n ** 5n, 10n ** 36n, high))).toThrow(ReferencePriceOutOfRangeError);
    for (const [a0, a1, d] of [[10n ** 36n, 1n, low], [1n, 10n ** 36n, high], [MAX128, MAX128, low], [MAX128, MAX128, high]] as const) {
      const p = feeds(a0, a1, d);
      let want: unknown;
      try {
        want = Model.oracleSqrtPriceX96(p);
      } catch (e) {
        want = (e as Error).constructor;
      }
      if (typeof want === "bigint") expect(oracle(p)).toBe(want);
      else expect(() => oracle(p)).toThrow(want as typeof ReferencePriceOutOfRangeError);
    }
  });
});

describe("ReferencePrice.twapTick: vectors", () => {
  it("rounds toward negative infinity", () => {
    expect(ReferencePrice.twapTick(0n, -7n, 2)).toBe(-4);
    expect(ReferencePrice.twapTick(0n, -6n, 2)).toBe(-3);
    expect(ReferencePrice.twapTick(0n, 7n, 2)).toBe(3);
    expect(ReferencePrice.twapTick(0n, -1n, 2)).toBe(-1);
    expect(ReferencePrice.twapTick(5n, -2n, 7)).toBe(-1);
    expect(ReferencePrice.twapTick(0n, -8n, 7)).toBe(-2);
    expect(ReferencePrice.twapTick(100n, 100n, 600)).toBe(0);
    expect(ReferencePrice.twapTick(1000n, 1000n + 600n * 42n, 600)).toBe(42);
    expect(ReferencePrice.twapTick(1000n, 1000n - 600n * 42n - 1n, 600)).toBe(-43);
  });

  it("window 1: the delta itself, within [MIN_TICK, MAX_TICK]", () => {
    expect(ReferencePrice.twapTick(0n, BigInt(MIN_TICK), 1)).toBe(MIN_TICK);
    expect(ReferencePrice.twapTick(0n, BigInt(MAX_TICK), 1)).toBe(MAX_TICK);
    expect(() => ReferencePrice.twapTick(0n, BigInt(MIN_TICK) - 1n, 1)).toThrow(ReferencePriceOutOfRangeError);
    expect(() => ReferencePrice.twapTick(0n, BigInt(MAX_TICK) + 1n, 1)).toThrow(ReferencePriceOutOfRangeError);
    expect(ReferencePrice.twapTick(-(1n << 55n), -(1n << 55n) + 5n, 1)).toBe(5);
  });

  it("window 2^32 - 1: small deltas, and means at and past the tick range's ends", () => {
    const w = BigInt(W);
    expect(ReferencePrice.twapTick(0n, -1n, W)).toBe(-1);
    expect(ReferencePrice.twapTick(0n, 1n, W)).toBe(0);
    expect(ReferencePrice.twapTick(0n, BigInt(MAX_TICK) * w + w - 1n, W)).toBe(MAX_TICK);
    expect(() => ReferencePrice.twapTick(0n, BigInt(MAX_TICK + 1) * w, W)).toThrow(ReferencePriceOutOfRangeError);
    expect(ReferencePrice.twapTick(0n, BigInt(MIN_TICK) * w, W)).toBe(MIN_TICK);
    expect(() => ReferencePrice.twapTick(0n, BigInt(MIN_TICK) * w - 1n, W)).toThrow(ReferencePriceOutOfRangeError);
    // the widest int56 delta: a mean near 2^24, past MAX_TICK
    expect(() => ReferencePrice.twapTick(-(1n << 55n), (1n << 55n) - 1n, W)).toThrow(ReferencePriceOutOfRangeError);
  });

  it("refuses a zero window", () => {
    expect(() => ReferencePrice.twapTick(0n, 0n, 0)).toThrow(ZeroTwapWindowError);
    expect(() => ReferencePrice.twapTick(0n, 1n << 50n, 0)).toThrow(ZeroTwapWindowError);
  });
});

describe("ReferencePrice.sqrt: vectors", () => {
  it("0, 1, 2^256 - 1 and perfect squares with their neighbours", () => {
    expect(ReferencePrice.sqrt(0n)).toBe(0n);
    expect(ReferencePrice.sqrt(1n)).toBe(1n);
    expect(ReferencePrice.sqrt(2n)).toBe(1n);
    expect(ReferencePrice.sqrt(3n)).toBe(1n);
    expect(ReferencePrice.sqrt(MAX256)).toBe(MAX128);
    for (const k of [2n, 3n, 10n ** 18n, (1n << 64n) - 1n, 1n << 64n, (1n << 127n) + 1n, MAX128]) {
      expect(ReferencePrice.sqrt(k * k)).toBe(k);
      expect(ReferencePrice.sqrt(k * k - 1n)).toBe(k - 1n);
      expect(ReferencePrice.sqrt(k * k + 1n)).toBe(k);
    }
    // (2^128 - 1)^2 + 2·(2^128 - 1) = 2^256 - 1: the largest input with that root
    expect(ReferencePrice.sqrt(MAX128 * MAX128 + 2n * MAX128)).toBe(MAX128);
  });
});

// ---------------------------------------------------------------- Wasm vs model

/** The value, or the thrown error's class name. */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).constructor.name}`;
  }
}

const decimals = fc.oneof(fc.constantFrom(0, 6, 8, 18, 36), fc.integer({ min: 0, max: 36 }));
const answer = A.edgeBigInt(1n, MAX128);
const anyFeeds = fc.record({ answer0: answer, feedDecimals0: decimals, tokenDecimals0: decimals, answer1: answer, feedDecimals1: decimals, tokenDecimals1: decimals });
/** answer0 solved for a sqrt price near a target (the range's ends, the regime boundary, any). */
const nearTarget = fc
  .tuple(
    anyFeeds,
    fc.oneof(fc.constantFrom(MIN_SQRT_RATIO, MAX_SQRT_RATIO, 1n << 128n, Q96), A.edgeBigInt(MIN_SQRT_RATIO - (1n << 40n), MAX_SQRT_RATIO + (1n << 40n))),
    fc.bigInt(-2n, 2n),
  )
  .map(([p, s, k]) => {
    const [, d] = fraction({ ...p, answer0: 1n });
    const f = 10n ** BigInt(Math.max(p.feedDecimals1 + p.tokenDecimals1 - (p.feedDecimals0 + p.tokenDecimals0), 0)) << 192n;
    const a0 = (s * s * d + f - 1n) / f + k;
    return { ...p, answer0: a0 < 1n ? 1n : a0 > MAX128 ? MAX128 : a0 };
  });
const oracleInputs = fc.oneof({ arbitrary: anyFeeds, weight: 1 }, { arbitrary: nearTarget, weight: 1 });

describe("ReferencePrice: Wasm vs the BigInt model", () => {
  it("oracleSqrtPriceX96 agrees on 5,000 inputs, and every value has the documented rounding", () => {
    let values = 0, failures = 0;
    fc.assert(
      fc.property(oracleInputs, (p) => {
        const w = outcome(() => oracle(p));
        expect(w).toEqual(outcome(() => Model.oracleSqrtPriceX96(p)));
        if (typeof w === "bigint") {
          values++;
          expectDocumentedRounding(p, w);
          expect(w >= MIN_SQRT_RATIO && w < MAX_SQRT_RATIO).toBe(true);
        } else {
          failures++;
          expect(w).toBe("throws ReferencePriceOutOfRangeError");
        }
      }),
      { numRuns: 5000, seed: SEED },
    );
    expect(values).toBeGreaterThan(2000);
    expect(failures).toBeGreaterThan(200);
  });

  it("twapTick agrees on 4,000 inputs", () => {
    const int56 = A.edgeBigInt(-(1n << 55n), (1n << 55n) - 1n);
    const window = fc.oneof(fc.constantFrom(0, 1, 2, 3, 600, W - 1, W), fc.integer({ min: 0, max: W }));
    const around = fc.tuple(int56, A.tick(), window, fc.bigInt(-(1n << 33n), 1n << 33n)).map(([s, m, w, r]): [bigint, bigint, number] => {
      const e = s + BigInt(m) * BigInt(w) + r;
      return [s, e < -(1n << 55n) ? -(1n << 55n) : e >= 1n << 55n ? (1n << 55n) - 1n : e, w];
    });
    const kinds = new Set<unknown>();
    fc.assert(
      fc.property(fc.oneof(around, fc.tuple(int56, int56, window)), ([s, e, w]) => {
        const got = outcome(() => ReferencePrice.twapTick(s, e, w));
        expect(got).toEqual(outcome(() => Model.twapTick(s, e, w)));
        kinds.add(typeof got === "number" ? "value" : got);
      }),
      { numRuns: 4000, seed: SEED },
    );
    expect([...kinds].sort()).toEqual(["throws ReferencePriceOutOfRangeError", "throws ZeroTwapWindowError", "value"]);
  });

  it("sqrt agrees on 4,000 inputs (random words, squares and their neighbours)", () => {
    const squares = fc.tuple(A.uint128(), fc.constantFrom(-1n, 0n, 1n)).map(([k, d]) => {
      const x = k * k + d;
      return x < 0n ? 0n : x > MAX256 ? MAX256 : x;
    });
    fc.assert(
      fc.property(fc.oneof(A.uint256(), squares), (x) => {
        const r = ReferencePrice.sqrt(x);
        expect(r).toBe(Model.sqrt(x));
        expect(r * r <= x && (r + 1n) * (r + 1n) > x).toBe(true);
      }),
      { numRuns: 4000, seed: SEED },
    );
  });
});

// ---------------------------------------------------------------- bad input

describe("ReferencePrice: bad input", () => {
  const good = feeds(3000n * 10n ** 8n, 10n ** 8n, { tokenDecimals1: 6 });
  const goodPrice = 4339505179874779489431521n;

  it("throws the typed argument errors, naming the parameter", () => {
    const cases: [Partial<Record<keyof OracleSqrtPriceX96Parameters, unknown>>, typeof ValueOutOfRangeError][] = [
      [{ answer0: 0n }, ValueOutOfRangeError],
      [{ answer1: 0n }, ValueOutOfRangeError],
      [{ answer0: 1n << 128n }, ValueOutOfRangeError],
      [{ answer1: -1n }, ValueOutOfRangeError],
      [{ answer0: 1 }, InvalidArgumentTypeError],
      [{ answer1: "1" }, InvalidArgumentTypeError],
      [{ feedDecimals0: 37 }, ValueOutOfRangeError],
      [{ tokenDecimals0: -1 }, ValueOutOfRangeError],
      [{ feedDecimals1: 1.5 }, InvalidArgumentTypeError],
      [{ tokenDecimals1: 6n }, InvalidArgumentTypeError],
      [{ tokenDecimals1: NaN }, InvalidArgumentTypeError],
      [{ feedDecimals0: undefined }, InvalidArgumentTypeError],
    ];
    for (const [bad, err] of cases) {
      const p = { ...good, ...bad } as OracleSqrtPriceX96Parameters;
      const name = Object.keys(bad)[0];
      expect(() => oracle(p)).toThrow(err);
      expect(() => oracle(p)).toThrow(new RegExp(name));
      expect(() => Model.oracleSqrtPriceX96(p)).toThrow(err);
      expect(oracle(good)).toBe(goodPrice);
    }
    expect(() => oracle(null as any)).toThrow(InvalidArgumentTypeError);
    expect(() => oracle(undefined as any)).toThrow(InvalidArgumentTypeError);

    const twap: [unknown[], typeof ValueOutOfRangeError, RegExp][] = [
      [[1n << 55n, 0n, 1], ValueOutOfRangeError, /tickCumulativeStart/],
      [[0n, -(1n << 55n) - 1n, 1], ValueOutOfRangeError, /tickCumulativeEnd/],
      [[0, 0n, 1], InvalidArgumentTypeError, /tickCumulativeStart/],
      [[0n, 0n, -1], ValueOutOfRangeError, /window/],
      [[0n, 0n, 2 ** 32], ValueOutOfRangeError, /window/],
      [[0n, 0n, 1.5], InvalidArgumentTypeError, /window/],
      [[0n, 0n, 1n], InvalidArgumentTypeError, /window/],
    ];
    for (const [args, err, name] of twap) {
      const call = () => (ReferencePrice.twapTick as (...a: unknown[]) => number)(...args);
      expect(call).toThrow(err);
      expect(call).toThrow(name);
      expect(() => (Model.twapTick as (...a: unknown[]) => number)(...args)).toThrow(err);
      expect(ReferencePrice.twapTick(0n, -7n, 2)).toBe(-4);
    }

    for (const [x, err] of [[-1n, ValueOutOfRangeError], [1n << 256n, ValueOutOfRangeError], [4, InvalidArgumentTypeError], [null, InvalidArgumentTypeError]] as const) {
      expect(() => ReferencePrice.sqrt(x as bigint)).toThrow(err);
      expect(() => ReferencePrice.sqrt(x as bigint)).toThrow(/\bx\b/);
      expect(ReferencePrice.sqrt(99n)).toBe(9n);
    }
  });

  it("stays exact after 30,000 failures (argument and Wasm errors) interleaved with valid calls", () => {
    const outOfRange = feeds(1n, MAX128, zeroDecimals);
    for (let i = 0; i < 10_000; i++) {
      expect(() => oracle(outOfRange)).toThrow(ReferencePriceOutOfRangeError);
      expect(oracle(good)).toBe(goodPrice);
      expect(() => ReferencePrice.twapTick(0n, BigInt(i), 0)).toThrow(ZeroTwapWindowError);
      expect(ReferencePrice.twapTick(0n, -BigInt(2 * i + 1), 2)).toBe(-i - 1);
      expect(() => ReferencePrice.sqrt(-BigInt(i) - 1n)).toThrow(ValueOutOfRangeError);
      expect(ReferencePrice.sqrt(BigInt(i + 2) * BigInt(i + 2) + 1n)).toBe(BigInt(i + 2));
    }
  });

  it("the binding does not reach into the model (the model is a test oracle only)", () => {
    const src = readFileSync(new URL("../bindings/src/ReferencePrice.ts", import.meta.url), "utf8");
    expect(src).not.toMatch(/from\s+["'][^"']*model\//);
  });
});
