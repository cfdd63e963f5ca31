// Stateless targets: every Wasm math function with a Solidity twin. Contract side: one eth_call
// per batch through the batch harnesses (contracts/test/*Harness.sol); Wasm side: the bindings.
import fc from "fast-check";
import * as TickMath from "../../../bindings/src/TickMath.js";
import * as FullMath from "../../../bindings/src/FullMath.js";
import * as SqrtPriceMath from "../../../bindings/src/SqrtPriceMath.js";
import * as SwapMath from "../../../bindings/src/SwapMath.js";
import * as LiquidityMath from "../../../bindings/src/LiquidityMath.js";
import * as FeeCurve from "../../../bindings/src/FeeCurve.js";
import * as ReferencePrice from "../../../bindings/src/ReferencePrice.js";
import * as PremiumWalk from "../../../bindings/src/PremiumWalk.js";
import { batchOutcomes, GAS_CAP, stateless, type FuzzContext, type Target } from "../framework.js";
import * as A from "../arbitraries.js";

const gas = { gasLimit: GAS_CAP };

async function harness(ctx: FuzzContext, name: string) {
  return ctx.contract(name);
}

/** mulDiv inputs: independent words, plus (a, b, d) with a·b/d right at the uint256 boundary. */
function mulDivArgs(): fc.Arbitrary<[bigint, bigint, bigint]> {
  const word = A.uint256();
  const nearOverflow = fc.tuple(word, word, fc.constantFrom(-1n, 0n, 1n, 2n)).map(([a, b, k]): [bigint, bigint, bigint] => {
    const d = ((a * b) >> 256n) + k;
    return [a, b, d < 0n ? 0n : d > A.MAX256 ? A.MAX256 : d];
  });
  // Exact divisions and divisions leaving remainder 1 (rounding-up boundary).
  const exact = fc.tuple(word, A.uint128(), fc.constantFrom(0n, 1n)).map(([q, d, r]): [bigint, bigint, bigint] => {
    const den = d === 0n ? 1n : d;
    const prod = (q % (1n << 128n)) * den + r;
    return [prod, 1n, den];
  });
  return fc.oneof({ arbitrary: fc.tuple(word, word, word), weight: 4 }, { arbitrary: nearOverflow, weight: 2 }, { arbitrary: exact, weight: 1 });
}

/** Amounts for the next-price functions: any uint256, or amounts of realistic size. */
function amountIn(): fc.Arbitrary<bigint> {
  return fc.oneof({ arbitrary: A.uint256(), weight: 2 }, { arbitrary: fc.bigInt(0n, 10n ** 30n), weight: 2 }, { arbitrary: fc.constantFrom(0n, 1n, A.MAX160, A.MAX160 + 1n, A.MAX128), weight: 1 });
}

/** int256 amounts for computeSwapStep (> 0 exact in, < 0 exact out). */
function amountRemaining(): fc.Arbitrary<bigint> {
  return fc.oneof(
    { arbitrary: A.int256(), weight: 2 },
    { arbitrary: fc.bigInt(-(10n ** 30n), 10n ** 30n), weight: 2 },
    { arbitrary: fc.constantFrom(0n, 1n, -1n, A.MIN_INT256, A.MAX_INT256), weight: 1 },
  );
}

/** Fee curve inputs: P, R near P (q around 0, 1/2, 0.9, 1), and parameters mostly valid. */
function feeInput() {
  const P = fc.oneof(A.uint128(), fc.bigInt(0n, 10n ** 6n));
  const R = (p: bigint) =>
    p === 0n
      ? A.uint128()
      : fc.oneof(
          fc.bigInt(0n, p),
          fc.constantFrom(0n, p / 2n, p / 2n + 1n, (p * 9n) / 10n, p - 1n, p, p === A.MAX128 ? p : p + 1n),
          A.uint128(),
        );
  const valid = fc.oneof(fc.constantFrom(0, 1, 100, 5000, 50_000, 999_998, 999_999), fc.integer({ min: 0, max: 999_999 }));
  const sorted = fc.tuple(valid, valid, valid).map((t) => [...t].sort((a, b) => a - b) as [number, number, number]);
  const params = fc.oneof(
    { arbitrary: fc.constant([100, 5000, 50000] as [number, number, number]), weight: 2 },
    { arbitrary: sorted, weight: 5 },
    { arbitrary: fc.integer({ min: 0, max: 999_999 }).map((f) => [f, f, f] as [number, number, number]), weight: 1 },
    { arbitrary: fc.tuple(A.feeParam(), A.feeParam(), A.feeParam()), weight: 1 },
  );
  return fc.tuple(P.chain((p) => fc.tuple(R(p), fc.constant(p))), params).map(([[r, p], [min, mid, max]]) => ({
    reserved: r,
    provided: p,
    minFeePips: min,
    midFeePips: mid,
    maxFeePips: max,
  }));
}

type Step = { sqrtRatioNextX96: bigint; amountIn: bigint; amountOut: bigint; feeAmount: bigint };

const X64 = 1n << 64n;
const MAX120 = (1n << 120n) - 1n;

/**
 * Borrow indexes (start, end) of an interval: a market's (from 1.0 = 2^64, grown up to 2^40 times, then by up to
 * 100% or by a few wei), equal or decreasing, a zero start (no market), and any uint256s (the growth overflows
 * 256 bits when the start is small).
 */
function borrowIndexPair(): fc.Arbitrary<[bigint, bigint]> {
  const market = A.edgeBigInt(X64, X64 << 40n).chain((start) =>
    fc.oneof(A.edgeBigInt(0n, start), fc.bigInt(0n, 3n), fc.bigInt(-3n, 0n)).map((g): [bigint, bigint] => [start, start + g]),
  );
  return fc.oneof(
    { arbitrary: market, weight: 4 },
    { arbitrary: fc.tuple(fc.constantFrom(0n, 1n, 2n), A.uint256()), weight: 1 },
    { arbitrary: fc.tuple(A.uint256(), A.uint256()), weight: 2 },
  );
}

/**
 * (index, low 120 bits of the last borrow index, borrow index now): the last index below the one now (what the
 * pool keeps), any low bits, indexes near 2^120 and 2^128 (the recovery's wrap, the uint128 cast).
 */
function advanceInput(): fc.Arbitrary<[bigint, bigint, bigint]> {
  const fromPair = fc.tuple(A.uint128(), borrowIndexPair()).map(([i, [last, now]]): [bigint, bigint, bigint] => [i, last & MAX120, now]);
  const anyLow = fc.tuple(A.uint128(), A.edgeBigInt(0n, MAX120), A.uint256());
  const nearCast = fc.tuple(A.edgeBigInt(A.MAX128 - (1n << 70n), A.MAX128), borrowIndexPair()).map(([i, [last, now]]): [bigint, bigint, bigint] => [i, last & MAX120, now]);
  return fc.oneof({ arbitrary: fromPair, weight: 4 }, { arbitrary: anyLow, weight: 2 }, { arbitrary: nearCast, weight: 1 });
}

export function statelessTargets(): Target<any>[] {
  const targets: Target<any>[] = [
    stateless<number, bigint>({
      name: "TickMath.getSqrtRatioAtTick",
      arb: A.tick(),
      batch: 2000,
      async contract(ctx, ticks) {
        const h = await harness(ctx, "TickMathHarness");
        return batchOutcomes(h.interface, await h.getSqrtRatioAtTickBatch(ticks, gas), BigInt);
      },
      wasm: (t) => TickMath.getSqrtRatioAtTick(t),
    }),
    stateless<bigint, number>({
      name: "TickMath.getTickAtSqrtRatio",
      arb: A.sqrtPrice(),
      batch: 2000,
      async contract(ctx, prices) {
        const h = await harness(ctx, "TickMathHarness");
        return batchOutcomes(h.interface, await h.getTickAtSqrtRatioBatch(prices, gas), Number);
      },
      wasm: (p) => TickMath.getTickAtSqrtRatio(p),
    }),
    stateless<number[], bigint[]>({
      // The Wasm batch form: one call for many ticks; it throws the first failing item's error.
      name: "TickMath.getSqrtRatioAtTickBatch",
      arb: fc.array(A.tick(), { minLength: 1, maxLength: 24 }),
      batch: 100,
      async contract(ctx, lists) {
        const h = await harness(ctx, "TickMathHarness");
        const out = batchOutcomes(h.interface, await h.getSqrtRatioAtTickBatch(lists.flat(), gas), BigInt);
        return regroup(lists, out);
      },
      wasm: (ticks) => TickMath.getSqrtRatioAtTickBatch(ticks),
    }),
    stateless<bigint[], number[]>({
      name: "TickMath.getTickAtSqrtRatioBatch",
      arb: fc.array(A.sqrtPrice(), { minLength: 1, maxLength: 24 }),
      batch: 100,
      async contract(ctx, lists) {
        const h = await harness(ctx, "TickMathHarness");
        const out = batchOutcomes(h.interface, await h.getTickAtSqrtRatioBatch(lists.flat(), gas), Number);
        return regroup(lists, out);
      },
      wasm: (prices) => Array.from(TickMath.getTickAtSqrtRatioBatch(prices)),
    }),
  ];

  for (const up of [false, true]) {
    targets.push(
      stateless<[bigint, bigint, bigint], bigint>({
        name: up ? "FullMath.mulDivRoundingUp" : "FullMath.mulDiv",
        arb: mulDivArgs(),
        batch: 1500,
        async contract(ctx, cs) {
          const h = await harness(ctx, "FullMathHarness");
          return batchOutcomes(h.interface, await h.mulDivBatch(cs.map((c) => c[0]), cs.map((c) => c[1]), cs.map((c) => c[2]), up, gas), BigInt);
        },
        wasm: ([a, b, d]) => (up ? FullMath.mulDivRoundingUp(a, b, d) : FullMath.mulDiv(a, b, d)),
      }),
    );
  }

  for (const output of [false, true]) {
    const fn = output ? SqrtPriceMath.getNextSqrtPriceFromOutput : SqrtPriceMath.getNextSqrtPriceFromInput;
    targets.push(
      stateless<[bigint, bigint, bigint, boolean], bigint>({
        name: output ? "SqrtPriceMath.getNextSqrtPriceFromOutput" : "SqrtPriceMath.getNextSqrtPriceFromInput",
        arb: fc.tuple(A.sqrtPrice(), A.liquidity(), amountIn(), fc.boolean()),
        batch: 1000,
        async contract(ctx, cs) {
          const h = await harness(ctx, "SqrtPriceMathHarness");
          const r = await h.getNextSqrtPriceBatch(cs.map((c) => c[0]), cs.map((c) => c[1]), cs.map((c) => c[2]), cs.map((c) => c[3]), output, gas);
          return batchOutcomes(h.interface, r, BigInt);
        },
        wasm: ([p, l, a, z]) => fn(p, l, a, z),
      }),
    );
  }

  for (const token1 of [false, true]) {
    const fn = token1 ? SqrtPriceMath.getAmount1Delta : SqrtPriceMath.getAmount0Delta;
    targets.push(
      stateless<[bigint, bigint, bigint, boolean], bigint>({
        name: token1 ? "SqrtPriceMath.getAmount1Delta" : "SqrtPriceMath.getAmount0Delta",
        arb: fc.tuple(A.sqrtPrice(), A.sqrtPrice(), A.liquidity(), fc.boolean()),
        batch: 1000,
        async contract(ctx, cs) {
          const h = await harness(ctx, "SqrtPriceMathHarness");
          const r = await h.getAmountDeltaBatch(cs.map((c) => c[0]), cs.map((c) => c[1]), cs.map((c) => c[2]), cs.map((c) => c[3]), token1, gas);
          return batchOutcomes(h.interface, r, BigInt);
        },
        wasm: ([a, b, l, up]) => fn(a, b, l, up),
      }),
    );
    const signed = token1 ? SqrtPriceMath.getAmount1DeltaSigned : SqrtPriceMath.getAmount0DeltaSigned;
    targets.push(
      stateless<[bigint, bigint, bigint], bigint>({
        name: token1 ? "SqrtPriceMath.getAmount1DeltaSigned" : "SqrtPriceMath.getAmount0DeltaSigned",
        arb: fc.tuple(A.sqrtPrice(), A.sqrtPrice(), fc.oneof(A.int128(), A.liquidity().map((l) => (l > A.MAX_INT128 ? A.MAX_INT128 : l)), A.liquidity().map((l) => (l > A.MAX_INT128 ? A.MIN_INT128 : -l)))),
        batch: 1000,
        async contract(ctx, cs) {
          const h = await harness(ctx, "FuzzHarness");
          const r = await h.getAmountDeltaSignedBatch(cs.map((c) => c[0]), cs.map((c) => c[1]), cs.map((c) => c[2]), token1, gas);
          return batchOutcomes(h.interface, r, BigInt);
        },
        wasm: ([a, b, l]) => signed(a, b, l),
      }),
    );
  }

  targets.push(
    stateless<[bigint, bigint, bigint, bigint, number], Step>({
      name: "SwapMath.computeSwapStep",
      arb: fc.tuple(A.sqrtPrice(), A.sqrtPrice(), A.liquidity(), amountRemaining(), A.feePips()),
      batch: 600,
      async contract(ctx, cs) {
        const h = await harness(ctx, "SwapMathHarness");
        const r = await h.computeSwapStepBatch(cs.map(([current, target, liquidity, amountRemaining, feePips]) => ({ current, target, liquidity, amountRemaining, feePips })), gas);
        return batchOutcomes(h.interface, r, (s: any) => ({ sqrtRatioNextX96: BigInt(s[0]), amountIn: BigInt(s[1]), amountOut: BigInt(s[2]), feeAmount: BigInt(s[3]) }));
      },
      wasm: ([c, t, l, a, f]) => {
        const s = SwapMath.computeSwapStep(c, t, l, a, f);
        return { sqrtRatioNextX96: s.sqrtRatioNextX96, amountIn: s.amountIn, amountOut: s.amountOut, feeAmount: s.feeAmount };
      },
    }),
    stateless<[bigint, bigint], bigint>({
      name: "LiquidityMath.addDelta",
      arb: fc.oneof(
        fc.tuple(A.uint128(), A.int128()),
        // x + y right at 0 and at 2^128.
        fc.tuple(A.uint128(), fc.constantFrom(-1n, 0n, 1n)).map(([x, k]): [bigint, bigint] => {
          const y = -x + k;
          return [x, y < A.MIN_INT128 ? A.MIN_INT128 : y];
        }),
        fc.tuple(A.uint128(), fc.constantFrom(-1n, 0n, 1n)).map(([x, k]): [bigint, bigint] => {
          const y = A.MAX128 - x + k;
          return [x, y > A.MAX_INT128 ? A.MAX_INT128 : y];
        }),
      ),
      batch: 2000,
      async contract(ctx, cs) {
        const h = await harness(ctx, "MathHarness");
        return batchOutcomes(h.interface, await h.addDeltaBatch(cs.map((c) => c[0]), cs.map((c) => c[1]), gas), BigInt);
      },
      wasm: ([x, y]) => LiquidityMath.addDelta(x, y),
    }),
    stateless<{ reserved: bigint; provided: bigint; minFeePips: number; midFeePips: number; maxFeePips: number }, number>({
      name: "FeeCurve.feePips",
      arb: feeInput(),
      batch: 1500,
      async contract(ctx, cs) {
        const h = await harness(ctx, "FuzzHarness");
        return batchOutcomes(h.interface, await h.feePipsBatch(cs, gas), Number);
      },
      wasm: (c) => FeeCurve.feePips(c.reserved, c.provided, { minFeePips: c.minFeePips, midFeePips: c.midFeePips, maxFeePips: c.maxFeePips }),
    }),
    stateless<[bigint, bigint], bigint>({
      name: "PremiumWalk.premiumIndexDeltaX64RoundingUp",
      arb: borrowIndexPair(),
      batch: 1500,
      async contract(ctx, cs) {
        const h = await harness(ctx, "PremiumWalkHarness");
        return batchOutcomes(h.interface, await h.premiumIndexDeltaBatch(cs.map((c) => c[0]), cs.map((c) => c[1]), gas), BigInt);
      },
      wasm: ([start, end]) => PremiumWalk.premiumIndexDeltaX64RoundingUp(start, end),
    }),
    stateless<[bigint, bigint, bigint], bigint>({
      name: "PremiumWalk.advancePremiumIndexX64",
      arb: advanceInput(),
      batch: 1500,
      async contract(ctx, cs) {
        const h = await harness(ctx, "PremiumWalkHarness");
        return batchOutcomes(h.interface, await h.advancePremiumIndexBatch(cs.map((c) => c[0]), cs.map((c) => c[1]), cs.map((c) => c[2]), gas), BigInt);
      },
      wasm: ([index, low, now]) => PremiumWalk.advancePremiumIndexX64(index, low, now),
    }),
  );
  // ---------------------------------------------------------------- ReferencePrice
  {
    // Inputs are the binding's domain: answers in (0, 2^128), decimals in [0, 36].
    type OracleInput = ReferencePrice.OracleSqrtPriceX96Parameters;
    const decimals = fc.oneof(fc.constantFrom(0, 6, 8, 18, 36), fc.integer({ min: 0, max: 36 }));
    const answer = A.edgeBigInt(1n, A.MAX128);
    const anyPrice = fc.record({ answer0: answer, feedDecimals0: decimals, tokenDecimals0: decimals, answer1: answer, feedDecimals1: decimals, tokenDecimals1: decimals });
    // answer0 solved for a target sqrt price (the range's ends and one past, the regime boundary
    // 2^128, the largest multiple of 2^32 below MAX_SQRT, any), then moved by -1, 0 or 1.
    const topMultiple = A.MAX_SQRT - (A.MAX_SQRT % (1n << 32n));
    const target = fc.oneof(
      fc.constantFrom(A.MIN_SQRT - 1n, A.MIN_SQRT, A.MIN_SQRT + 1n, A.MAX_SQRT - 1n, A.MAX_SQRT, 1n << 128n, (1n << 128n) - 1n, (1n << 128n) + 1n, topMultiple, topMultiple + (1n << 32n)),
      A.edgeBigInt(A.MIN_SQRT, A.MAX_SQRT - 1n),
    );
    const nearTarget = fc.tuple(anyPrice, target, fc.constantFrom(-1n, 0n, 1n)).map(([c, s, k]): OracleInput => {
      const e = c.feedDecimals1 + c.tokenDecimals1 - (c.feedDecimals0 + c.tokenDecimals0);
      const d = c.answer1 * 10n ** BigInt(Math.max(-e, 0));
      const f = 10n ** BigInt(Math.max(e, 0)) << 192n;
      const a0 = (s * s * d + f - 1n) / f + k;
      return { ...c, answer0: a0 < 1n ? 1n : a0 > A.MAX128 ? A.MAX128 : a0 };
    });
    // N / D = 2^64 exactly and one off (equal decimals on both sides).
    const regimeBoundary = fc.tuple(decimals, decimals, A.edgeBigInt(1n, (1n << 64n) - 1n), fc.constantFrom(-1n, 0n, 1n)).map(([fd, td, a1, k]): OracleInput => ({
      answer0: (a1 << 64n) + k, feedDecimals0: fd, tokenDecimals0: td, answer1: a1, feedDecimals1: fd, tokenDecimals1: td,
    }));
    const int56 = A.edgeBigInt(-(1n << 55n), (1n << 55n) - 1n);
    const window = fc.oneof(fc.constantFrom(0, 1, 2, 3, 60, 600, 1800, 3600, 86_400, 2 ** 32 - 2, 2 ** 32 - 1), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
    // end - start = mean * window + r: means at and past the tick range's ends, remainders of either sign.
    const twapAround = fc.tuple(int56, A.tick(), window, fc.oneof(fc.constantFrom(-1n, 0n, 1n), fc.bigInt(-(1n << 32n), 1n << 32n))).map(([start, mean, w, r]): [bigint, bigint, number] => {
      const end = start + BigInt(mean) * BigInt(w) + r;
      const lo = -(1n << 55n), hi = (1n << 55n) - 1n;
      return [start, end < lo ? lo : end > hi ? hi : end, w];
    });
    targets.push(
      stateless<OracleInput, bigint>({
        name: "ReferencePrice.oracleSqrtPriceX96",
        arb: fc.oneof({ arbitrary: anyPrice, weight: 3 }, { arbitrary: nearTarget, weight: 3 }, { arbitrary: regimeBoundary, weight: 1 }),
        batch: 1000,
        async contract(ctx, cs) {
          const h = await harness(ctx, "ReferencePriceHarness");
          return batchOutcomes(h.interface, await h.oracleSqrtPriceX96Batch(cs, gas), BigInt);
        },
        wasm: (c) => ReferencePrice.oracleSqrtPriceX96(c),
      }),
      stateless<[bigint, bigint, number], number>({
        name: "ReferencePrice.twapTick",
        arb: fc.oneof({ arbitrary: twapAround, weight: 3 }, { arbitrary: fc.tuple(int56, int56, window), weight: 1 }),
        batch: 2000,
        async contract(ctx, cs) {
          const h = await harness(ctx, "ReferencePriceHarness");
          return batchOutcomes(h.interface, await h.twapTickBatch(cs.map((c) => c[0]), cs.map((c) => c[1]), cs.map((c) => c[2]), gas), Number);
        },
        wasm: ([start, end, w]) => ReferencePrice.twapTick(start, end, w),
      }),
      stateless<bigint, bigint>({
        name: "ReferencePrice.sqrt",
        // x = k^2 + d: perfect squares and their neighbours, as well as any uint256
        arb: fc.oneof(
          A.uint256(),
          fc.tuple(A.uint128(), fc.constantFrom(-1n, 0n, 1n)).map(([k, d]) => {
            const x = k * k + d;
            return x < 0n ? 0n : x > A.MAX256 ? A.MAX256 : x;
          }),
        ),
        batch: 1000,
        async contract(ctx, xs) {
          const h = await harness(ctx, "ReferencePriceHarness");
          return batchOutcomes(h.interface, await h.sqrtBatch(xs, gas), BigInt);
        },
        wasm: (x) => ReferencePrice.sqrt(x),
      }),
    );
  }
  return targets;
}

/**
 * Groups flat per-item outcomes back into one outcome per list, as a Wasm batch call reports
 * them: all values, or the error of the first failing item.
 */
function regroup<O>(lists: unknown[][], flat: import("../framework.js").Outcome<O>[]): import("../framework.js").Outcome<O[]>[] {
  const out: import("../framework.js").Outcome<O[]>[] = [];
  let k = 0;
  for (const l of lists) {
    const part = flat.slice(k, k + l.length);
    k += l.length;
    const bad = part.find((o) => !o.ok);
    out.push(bad && !bad.ok ? { ok: false, error: bad.error } : { ok: true, value: part.map((o) => (o as { value: O }).value) });
  }
  return out;
}
