import fc from "fast-check";
import JSBI from "jsbi";
import { SwapMath as SdkSwapMath } from "@uniswap/v3-sdk";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DivisionByZeroError,
  init,
  InvalidArgumentTypeError,
  MAX_SQRT_RATIO,
  MIN_SQRT_RATIO,
  SqrtPriceMath,
  SwapMath,
  ValueOutOfRangeError,
} from "../bindings/index.js";
import { HAVE_VECTORS, vectors } from "./helpers/vectors.js";

const Q96 = 1n << 96n;
const MAX128 = (1n << 128n) - 1n;
const MAX160 = (1n << 160n) - 1n;
const MIN256 = -(1n << 255n);
const MAX256S = (1n << 255n) - 1n;

beforeAll(async () => {
  await init();
});

// Evaluates a vector's relational check, e.g. "amountIn + feeAmount == amountRemaining", over bigints.
function evalCheck(check: string, scope: Record<string, unknown>): boolean {
  const names = Object.keys(scope);
  const body = `return (${check.replace(/==/g, "===")});`;
  return new Function(...names, body)(...names.map((n) => scope[n])) as boolean;
}

const j = (x: bigint) => JSBI.BigInt(x.toString());

// Independent reference: Uniswap's v3-sdk (JSBI) port of computeSwapStep.
function sdkStep(c: bigint, t: bigint, l: bigint, amt: bigint, fee: number) {
  const [next, amountIn, amountOut, feeAmount] = SdkSwapMath.computeSwapStep(j(c), j(t), j(l), j(amt), fee as never);
  return { sqrtRatioNextX96: BigInt(next.toString()), amountIn: BigInt(amountIn.toString()), amountOut: BigInt(amountOut.toString()), feeAmount: BigInt(feeAmount.toString()) };
}

describe("SwapMath.computeSwapStep", () => {
  it.runIf(HAVE_VECTORS)("passes Uniswap's published vectors and their relational checks", () => {
    const vs = vectors("SwapMath.computeSwapStep");
    expect(vs.length).toBeGreaterThan(8);
    let checks = 0;
    for (const v of vs) {
      const a = v.args;
      const args = [BigInt(a.sqrtRatioCurrentX96), BigInt(a.sqrtRatioTargetX96), BigInt(a.liquidity), BigInt(a.amountRemaining), Number(a.feePips)] as const;
      const r = SwapMath.computeSwapStep(...args);
      for (const [k, x] of Object.entries(v.expect as Record<string, string>)) expect(r[k as keyof typeof r], `${v.source.test}: ${k}`).toBe(BigInt(x));
      const scope = {
        ...r,
        sqrtRatioCurrentX96: args[0],
        sqrtRatioTargetX96: args[1],
        liquidity: args[2],
        amountRemaining: args[3],
        getNextSqrtPriceFromInput: SqrtPriceMath.getNextSqrtPriceFromInput,
        getNextSqrtPriceFromOutput: SqrtPriceMath.getNextSqrtPriceFromOutput,
      };
      for (const c of (v as { checks?: string[] }).checks ?? []) {
        checks++;
        expect(evalCheck(c, scope), `${v.source.test}: ${c}`).toBe(true);
      }
    }
    expect(checks).toBeGreaterThan(3);
  });

  it("matches the v3-sdk and keeps Uniswap's invariants (fast-check, fixed seed)", () => {
    const price = fc.oneof(fc.bigInt(MIN_SQRT_RATIO, MAX_SQRT_RATIO - 1n), fc.bigInt(Q96 / 100n, Q96 * 100n));
    const liq = fc.oneof(fc.bigInt(1n, MAX128), fc.bigInt(1n, 10n ** 24n));
    const amount = fc.oneof(fc.bigInt(-(10n ** 30n), 10n ** 30n), fc.bigInt(-(1n << 200n), 1n << 200n), fc.bigInt(-100n, 100n)).filter((x) => x !== 0n);
    const fee = fc.oneof(fc.constantFrom(0, 1, 100, 500, 3000, 10000, 999_999), fc.integer({ min: 0, max: 999_999 }));
    let compared = 0;
    fc.assert(
      fc.property(price, price, liq, amount, fee, (c, t, l, amt, f) => {
        let r;
        try {
          r = SwapMath.computeSwapStep(c, t, l, amt, f);
        } catch (e) {
          // a revert must be a revert in the reference too
          expect(() => sdkStep(c, t, l, amt, f)).toThrow();
          return;
        }
        let ref;
        try {
          ref = sdkStep(c, t, l, amt, f);
        } catch {
          return; // the SDK's JSBI port asserts ranges the contracts do not (e.g. uint256 intermediates)
        }
        compared++;
        expect(r).toEqual(ref);
        const zeroForOne = c >= t;
        if (zeroForOne) expect(r.sqrtRatioNextX96 <= c && r.sqrtRatioNextX96 >= t).toBe(true);
        else expect(r.sqrtRatioNextX96 >= c && r.sqrtRatioNextX96 <= t).toBe(true);
        if (amt > 0n) {
          expect(r.amountIn + r.feeAmount <= amt).toBe(true);
          if (r.sqrtRatioNextX96 !== t) expect(r.amountIn + r.feeAmount).toBe(amt);
        } else {
          expect(r.amountOut <= -amt).toBe(true);
        }
      }),
      { numRuns: 1500, seed: 31 },
    );
    expect(compared).toBeGreaterThan(1000);
  });

  it("handles the edges: equal prices, fee 0 and 1e6, int256 bounds", () => {
    // current == target: the step reaches its target at once; nothing is paid or charged
    expect(SwapMath.computeSwapStep(Q96, Q96, 10n ** 18n, 1000n, 3000)).toEqual({ sqrtRatioNextX96: Q96, amountIn: 0n, amountOut: 0n, feeAmount: 0n });
    const noFee = SwapMath.computeSwapStep(Q96, 2n * Q96, 10n ** 18n, 10n ** 15n, 0);
    expect(noFee.feeAmount).toBe(0n);
    expect(noFee.amountIn).toBe(10n ** 15n);
    // a 100% fee takes the whole input when the target is not reached...
    expect(SwapMath.computeSwapStep(Q96, 2n * Q96, 10n ** 18n, 10n ** 15n, 1_000_000)).toEqual({ sqrtRatioNextX96: Q96, amountIn: 0n, amountOut: 0n, feeAmount: 10n ** 15n });
    // ...and divides by 1e6 - 1e6 = 0 when the fee is computed from amountIn
    expect(() => SwapMath.computeSwapStep(Q96, 2n * Q96, 10n ** 18n, -1n, 1_000_000)).toThrow(DivisionByZeroError);
    // int256 extremes: exact input reaching the target, exact output capped by the curve
    const full = SwapMath.computeSwapStep(Q96, 2n * Q96, 10n ** 18n, MAX256S, 3000);
    expect(full.sqrtRatioNextX96).toBe(2n * Q96);
    expect(full).toEqual(sdkStep(Q96, 2n * Q96, 10n ** 18n, MAX256S, 3000));
    const out = SwapMath.computeSwapStep(2n * Q96, Q96, 10n ** 18n, MIN256, 3000);
    expect(out.sqrtRatioNextX96).toBe(Q96);
    expect(out.amountOut).toBe(SqrtPriceMath.getAmount1Delta(Q96, 2n * Q96, 10n ** 18n, false));
  });

  it("rejects bad input with typed errors and keeps working after failures", () => {
    const ok = [Q96, 2n * Q96, 10n ** 18n, 10n ** 15n] as const;
    for (let i = 0; i < 4; i++) {
      for (const bad of [1, 1.5, NaN, "1", null]) {
        const args = [...ok] as unknown[];
        args[i] = bad;
        expect(() => (SwapMath.computeSwapStep as (...a: unknown[]) => unknown)(...args, 3000)).toThrow(InvalidArgumentTypeError);
      }
    }
    expect(() => SwapMath.computeSwapStep(MAX160 + 1n, Q96, 1n, 1n, 0)).toThrow(ValueOutOfRangeError);
    expect(() => SwapMath.computeSwapStep(Q96, -1n, 1n, 1n, 0)).toThrow(ValueOutOfRangeError);
    expect(() => SwapMath.computeSwapStep(Q96, Q96, MAX128 + 1n, 1n, 0)).toThrow(ValueOutOfRangeError);
    expect(() => SwapMath.computeSwapStep(Q96, Q96, 1n, MAX256S + 1n, 0)).toThrow(ValueOutOfRangeError);
    expect(() => SwapMath.computeSwapStep(Q96, Q96, 1n, MIN256 - 1n, 0)).toThrow(ValueOutOfRangeError);
    expect(() => SwapMath.computeSwapStep(Q96, Q96, 1n, 1n, 1_000_001)).toThrow(ValueOutOfRangeError);
    expect(() => SwapMath.computeSwapStep(Q96, Q96, 1n, 1n, -1)).toThrow(ValueOutOfRangeError);
    expect(() => SwapMath.computeSwapStep(Q96, Q96, 1n, 1n, 0.5)).toThrow(InvalidArgumentTypeError);
    expect(() => SwapMath.computeSwapStep(Q96, Q96, 1n, 1n, 3000n as unknown as number)).toThrow(InvalidArgumentTypeError);
    expect(() => SwapMath.computeSwapStep(Q96, Q96, 1n, 1n, NaN)).toThrow(InvalidArgumentTypeError);
    for (let i = 0; i < 500; i++) expect(() => SwapMath.computeSwapStep(Q96, 2n * Q96, 1n, -1n, 1_000_000)).toThrow(DivisionByZeroError);
    expect(SwapMath.computeSwapStep(79228162514264337593543950336n, 79623317895830914510639640423n, 2n * 10n ** 18n, 10n ** 18n, 600)).toEqual({
      sqrtRatioNextX96: 79623317895830914510639640423n,
      amountIn: 9975124224178055n,
      amountOut: 9925619580021728n,
      feeAmount: 5988667735148n,
    });
  });
});
