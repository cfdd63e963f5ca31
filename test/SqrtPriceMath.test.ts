import fc from "fast-check";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  init,
  InsufficientLiquidityError,
  InvalidArgumentTypeError,
  MAX_SQRT_RATIO,
  MIN_SQRT_RATIO,
  MulDivOverflowError,
  PriceZeroError,
  SafeCastOverflowError,
  SqrtPriceMath,
  ValueOutOfRangeError,
  ZeroLiquidityError,
} from "../bindings/index.js";
import { HAVE_VECTORS, VECTORS_PATH, vectors } from "./helpers/vectors.js";

const Q96 = 1n << 96n;
const MAX128 = (1n << 128n) - 1n;
const MAX160 = (1n << 160n) - 1n;
const MAX256 = (1n << 256n) - 1n;

beforeAll(async () => {
  await init();
});

// Independent references: the exact rational formulas, rounded once.
// floor(floor(x/B)/A) == floor(x/(A*B)) and ceil(ceil(x/B)/A) == ceil(x/(A*B)) for positive integers,
// so Uniswap's two-step rounding has a one-step closed form.
const ceilDiv = (x: bigint, y: bigint) => (x + y - 1n) / y;
function refAmount0(a: bigint, b: bigint, l: bigint, up: boolean): bigint {
  if (a > b) [a, b] = [b, a];
  const x = (l << 96n) * (b - a);
  return up ? ceilDiv(x, a * b) : x / (a * b);
}
function refAmount1(a: bigint, b: bigint, l: bigint, up: boolean): bigint {
  const d = a > b ? a - b : b - a;
  return up ? ceilDiv(l * d, Q96) : (l * d) / Q96;
}

const price = fc.oneof(fc.bigInt(MIN_SQRT_RATIO, MAX_SQRT_RATIO - 1n), fc.bigInt(Q96 / 1000n, Q96 * 1000n), fc.bigInt(1n, MAX160));
const liquidity = fc.oneof(fc.bigInt(1n, MAX128), fc.bigInt(1n, 10n ** 24n), fc.constantFrom(1n, MAX128));

describe("SqrtPriceMath.getAmount0Delta / getAmount1Delta", () => {
  it.runIf(HAVE_VECTORS)("pass Uniswap's published vectors and the properties entry", () => {
    for (const fn of ["getAmount0Delta", "getAmount1Delta"] as const) {
      const vs = vectors(`SqrtPriceMath.${fn}`);
      expect(vs.length).toBeGreaterThan(2);
      for (const v of vs) {
        const got = SqrtPriceMath[fn](BigInt(v.args.sqrtRatioAX96), BigInt(v.args.sqrtRatioBX96), BigInt(v.args.liquidity), v.args.roundUp);
        expect(got, v.source.test).toBe(BigInt(v.expect));
      }
    }
    const props = JSON.parse(readFileSync(VECTORS_PATH, "utf8")).properties as Array<{ fn: string; args: Record<string, string>; property: string }>;
    const p = props.find((x) => x.fn === "SqrtPriceMath.getAmount0Delta")!;
    expect(p.property).toBe("getAmount0Delta(roundUp=true) == getAmount0Delta(roundUp=false) + 1");
    const [a, b, l] = [BigInt(p.args.sqrtRatioAX96), BigInt(p.args.sqrtRatioBX96), BigInt(p.args.liquidity)];
    expect(SqrtPriceMath.getAmount0Delta(a, b, l, true)).toBe(SqrtPriceMath.getAmount0Delta(a, b, l, false) + 1n);
  });

  it("equal the exact rational amounts, rounded (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(price, price, liquidity, fc.boolean(), (a, b, l, up) => {
        expect(SqrtPriceMath.getAmount0Delta(a, b, l, up)).toBe(refAmount0(a, b, l, up));
        expect(SqrtPriceMath.getAmount0Delta(b, a, l, up)).toBe(refAmount0(a, b, l, up));
        expect(SqrtPriceMath.getAmount1Delta(a, b, l, up)).toBe(refAmount1(a, b, l, up));
      }),
      { numRuns: 1500, seed: 21 },
    );
  });

  it("handle the edges: zero liquidity, equal prices, zero price, extremes", () => {
    expect(SqrtPriceMath.getAmount0Delta(Q96, 2n * Q96, 0n, true)).toBe(0n);
    expect(SqrtPriceMath.getAmount0Delta(Q96, Q96, MAX128, true)).toBe(0n);
    expect(SqrtPriceMath.getAmount1Delta(Q96, Q96, MAX128, true)).toBe(0n);
    expect(() => SqrtPriceMath.getAmount0Delta(0n, Q96, 1n, true)).toThrow(PriceZeroError);
    expect(() => SqrtPriceMath.getAmount0Delta(Q96, 0n, 1n, false)).toThrow(PriceZeroError);
    expect(SqrtPriceMath.getAmount1Delta(0n, MAX160, MAX128, true)).toBe(refAmount1(0n, MAX160, MAX128, true));
    expect(SqrtPriceMath.getAmount0Delta(1n, MAX160, MAX128, true)).toBe(refAmount0(1n, MAX160, MAX128, true));
    expect(SqrtPriceMath.getAmount0Delta(MIN_SQRT_RATIO, MAX_SQRT_RATIO, MAX128, false)).toBe(refAmount0(MIN_SQRT_RATIO, MAX_SQRT_RATIO, MAX128, false));
  });

  it("signed (int128) forms round toward the pool and negate for negative liquidity", () => {
    fc.assert(
      fc.property(price.filter((p) => p > 0n), price.filter((p) => p > 0n), fc.bigInt(-(1n << 127n), (1n << 127n) - 1n), (a, b, l) => {
        const neg = l < 0n;
        const m = neg ? -l : l;
        expect(SqrtPriceMath.getAmount0DeltaSigned(a, b, l)).toBe(neg ? -refAmount0(a, b, m, false) : refAmount0(a, b, m, true));
        expect(SqrtPriceMath.getAmount1DeltaSigned(a, b, l)).toBe(neg ? -refAmount1(a, b, m, false) : refAmount1(a, b, m, true));
      }),
      { numRuns: 500, seed: 22 },
    );
    expect(SqrtPriceMath.getAmount1DeltaSigned(Q96, 2n * Q96, -1n)).toBe(-1n);
    expect(() => SqrtPriceMath.getAmount0DeltaSigned(Q96, Q96, 1n << 127n)).toThrow(ValueOutOfRangeError);
    expect(() => SqrtPriceMath.getAmount0DeltaSigned(0n, Q96, -5n)).toThrow(PriceZeroError);
  });

  it("batch forms equal the single calls, with scalar broadcast and across chunks", () => {
    const ls = fc.sample(liquidity, { numRuns: 2100, seed: 23 });
    const as = fc.sample(price.filter((p) => p > 0n), { numRuns: 2100, seed: 24 });
    const b = 3n * Q96;
    const got0 = SqrtPriceMath.getAmount0DeltaBatch(as, b, ls, true);
    const got1 = SqrtPriceMath.getAmount1DeltaBatch(as, b, ls, false);
    ls.forEach((l, i) => {
      expect(got0[i]).toBe(SqrtPriceMath.getAmount0Delta(as[i], b, l, true));
      expect(got1[i]).toBe(SqrtPriceMath.getAmount1Delta(as[i], b, l, false));
    });
    expect(SqrtPriceMath.getAmount0DeltaBatch(Q96, b, 10n ** 18n, false)).toEqual([SqrtPriceMath.getAmount0Delta(Q96, b, 10n ** 18n, false)]);
    expect(() => SqrtPriceMath.getAmount0DeltaBatch([Q96, Q96], [b], 1n, true)).toThrow(InvalidArgumentTypeError);
    expect(() => SqrtPriceMath.getAmount0DeltaBatch([Q96, 0n, Q96], b, 1n, true)).toThrow(/item 1/);
    expect(() => SqrtPriceMath.getAmount1DeltaBatch([Q96, MAX160 + 1n], b, 1n, true)).toThrow(ValueOutOfRangeError);
    expect(() => SqrtPriceMath.getAmount1DeltaBatch(Q96, b, [1n, 2] as bigint[], true)).toThrow(InvalidArgumentTypeError);
  });
});

// The exact next price when Uniswap's first formula applies (no uint256 overflow in the product).
function refNextFromInput(p: bigint, l: bigint, amt: bigint, zeroForOne: boolean): bigint | undefined {
  if (zeroForOne) {
    if (amt === 0n) return p;
    const n1 = l << 96n;
    if (amt * p > MAX256 || n1 + amt * p > MAX256) return undefined;
    return ceilDiv(n1 * p, n1 + amt * p);
  }
  const next = p + (amt << 96n) / l;
  return next > MAX160 ? undefined : next;
}
function refNextFromOutput(p: bigint, l: bigint, amt: bigint, zeroForOne: boolean): bigint | "insufficient" | "overflow" | undefined {
  if (zeroForOne) {
    const q = ceilDiv(amt << 96n, l);
    if (q > MAX256) return "overflow"; // FullMath.mulDivRoundingUp result above uint256
    return q >= p ? "insufficient" : p - q;
  }
  if (amt === 0n) return p;
  const n1 = l << 96n;
  if (amt * p > MAX256 || n1 <= amt * p) return "insufficient";
  const next = ceilDiv(n1 * p, n1 - amt * p);
  return next > MAX160 ? undefined : next;
}

describe("SqrtPriceMath.getNextSqrtPriceFromInput / FromOutput", () => {
  it.runIf(HAVE_VECTORS)("pass Uniswap's published vectors, reverts with the named errors", () => {
    for (const fn of ["getNextSqrtPriceFromInput", "getNextSqrtPriceFromOutput"] as const) {
      const vs = vectors(`SqrtPriceMath.${fn}`);
      expect(vs.length).toBeGreaterThan(10);
      for (const v of vs) {
        const p = BigInt(v.args.sqrtPX96), l = BigInt(v.args.liquidity);
        const amt = BigInt(v.args.amountIn ?? v.args.amountOut);
        const call = () => SqrtPriceMath[fn](p, l, amt, v.args.zeroForOne);
        if (v.expect !== "revert") {
          expect(call(), v.source.test).toBe(BigInt(v.expect));
          continue;
        }
        // the condition each revert test names
        // (token1 out above 2^160 goes through mulDivRoundingUp, which overflows first)
        const err =
          p === 0n ? PriceZeroError
          : l === 0n ? ZeroLiquidityError
          : fn === "getNextSqrtPriceFromInput" ? SafeCastOverflowError
          : v.args.zeroForOne && amt > MAX160 ? MulDivOverflowError
          : InsufficientLiquidityError;
        expect(call, v.source.test).toThrow(err);
      }
    }
  });

  it("equal the exact rounded price where Uniswap's exact formula applies (fast-check, fixed seed)", () => {
    const amount = fc.oneof(fc.bigInt(0n, MAX256), fc.bigInt(0n, 10n ** 30n), fc.bigInt(0n, 1n << 100n));
    let checked = 0;
    fc.assert(
      fc.property(price.filter((p) => p > 0n), liquidity, amount, fc.boolean(), (p, l, amt, zf1) => {
        const wantIn = refNextFromInput(p, l, amt, zf1);
        if (wantIn !== undefined) {
          checked++;
          expect(SqrtPriceMath.getNextSqrtPriceFromInput(p, l, amt, zf1)).toBe(wantIn);
        }
        const wantOut = refNextFromOutput(p, l, amt, zf1);
        if (wantOut === "insufficient") expect(() => SqrtPriceMath.getNextSqrtPriceFromOutput(p, l, amt, zf1)).toThrow(InsufficientLiquidityError);
        else if (wantOut === "overflow") expect(() => SqrtPriceMath.getNextSqrtPriceFromOutput(p, l, amt, zf1)).toThrow(MulDivOverflowError);
        else if (wantOut !== undefined) expect(SqrtPriceMath.getNextSqrtPriceFromOutput(p, l, amt, zf1)).toBe(wantOut);
      }),
      { numRuns: 2000, seed: 25 },
    );
    expect(checked).toBeGreaterThan(500);
  });

  it("fail with PriceZero before ZeroLiquidity, and on the exact reserve bounds", () => {
    expect(() => SqrtPriceMath.getNextSqrtPriceFromInput(0n, 0n, 1n, true)).toThrow(PriceZeroError);
    expect(() => SqrtPriceMath.getNextSqrtPriceFromOutput(1n, 0n, 1n, true)).toThrow(ZeroLiquidityError);
    // sqrtP = 2^8 (price 2^16), L = 1024: the virtual token1 reserve is exactly 1024 * 2^8 = 262144
    const p = 20282409603651670423947251286016n;
    expect(() => SqrtPriceMath.getNextSqrtPriceFromOutput(p, 1024n, 262144n, true)).toThrow(InsufficientLiquidityError);
    expect(SqrtPriceMath.getNextSqrtPriceFromOutput(p, 1024n, 262143n, true)).toBe(77371252455336267181195264n);
    // token1 in that overflows uint160
    expect(() => SqrtPriceMath.getNextSqrtPriceFromInput(MAX160, 1n, 1n, false)).toThrow(SafeCastOverflowError);
    expect(SqrtPriceMath.getNextSqrtPriceFromInput(MAX160 - Q96, 1n, 1n, false)).toBe(MAX160);
  });

  it("reject bad input with typed errors and keep working after failures", () => {
    const bads: Array<[unknown, unknown]> = [
      [1, InvalidArgumentTypeError],
      [1.5, InvalidArgumentTypeError],
      [NaN, InvalidArgumentTypeError],
      ["5", InvalidArgumentTypeError],
      [-1n, ValueOutOfRangeError],
      [1n << 256n, ValueOutOfRangeError],
    ];
    for (const [bad, err] of bads) {
      expect(() => SqrtPriceMath.getNextSqrtPriceFromInput(bad as bigint, 1n, 1n, true)).toThrow(err as never);
      expect(() => SqrtPriceMath.getNextSqrtPriceFromOutput(Q96, bad as bigint, 1n, true)).toThrow(err as never);
      expect(() => SqrtPriceMath.getAmount0Delta(Q96, Q96, bad as bigint, true)).toThrow(err as never);
      expect(() => SqrtPriceMath.getAmount1Delta(Q96, bad as bigint, 1n, true)).toThrow(err as never);
    }
    expect(() => SqrtPriceMath.getNextSqrtPriceFromInput(Q96, 1n, MAX256 + 1n, true)).toThrow(ValueOutOfRangeError);
    expect(() => SqrtPriceMath.getNextSqrtPriceFromInput(Q96, MAX128 + 1n, 1n, true)).toThrow(ValueOutOfRangeError);
    expect(() => SqrtPriceMath.getNextSqrtPriceFromInput(MAX160 + 1n, 1n, 1n, true)).toThrow(ValueOutOfRangeError);
    expect(() => SqrtPriceMath.getAmount0Delta(Q96, Q96, 1n, 1 as unknown as boolean)).toThrow(InvalidArgumentTypeError);
    for (let i = 0; i < 500; i++) {
      expect(() => SqrtPriceMath.getNextSqrtPriceFromOutput(Q96, 1n, MAX256, false)).toThrow(InsufficientLiquidityError);
      expect(() => SqrtPriceMath.getNextSqrtPriceFromOutput(Q96, 1n, MAX256, true)).toThrow(MulDivOverflowError);
      expect(() => SqrtPriceMath.getNextSqrtPriceFromInput(Q96, 0n, 1n, true)).toThrow(ZeroLiquidityError);
    }
    expect(SqrtPriceMath.getNextSqrtPriceFromInput(Q96, 10n ** 18n, 10n ** 17n, false)).toBe(87150978765690771352898345369n);
  });
});
