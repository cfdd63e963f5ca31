// The bindings' uniswapV3PositionRecord: input validation (typed errors) and hand-derived cases.
import { beforeAll, describe, expect, it } from "vitest";
import { init, InvalidArgumentTypeError, uniswapV3PositionRecord, ValueOutOfRangeError } from "../../bindings/index.js";

const Q96 = 1n << 96n;
const Q128 = 1n << 128n;
const zeroTicks = { lower: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n }, upper: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n } };
const pos = { token0: "0x01", token1: "0x02", tickLower: -600, tickUpper: 600, liquidity: 10n ** 18n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 0n };

beforeAll(async () => {
  await init();
});

describe("uniswapV3PositionRecord", () => {
  it("price 1, zero move: amounts only, delta 0; fees from growth inside (wrapping), rounded down", () => {
    const pool = { sqrtPriceX96: Q96, tick: 0, feeGrowthGlobal0X128: 0n, feeGrowthGlobal1X128: 0n, ...zeroTicks };
    const r = uniswapV3PositionRecord(pool, pos, 0);
    expect(r.tokens).toEqual(["0x01", "0x02"]);
    expect(r.debt).toEqual([0n, 0n]);
    expect(r.delta).toEqual([0n, 0n]);
    // Symmetric range at price 1: equal amounts, L * (1 - 1.0001^-300) ~ 0.0295 L.
    expect(r.credit[0]).toBe(r.credit[1]);
    expect(r.credit[0] > 29_500_000_000_000_000n && r.credit[0] < 29_600_000_000_000_000n).toBe(true);
    // Growth of 3.5 per unit of liquidity in token0 since the last update, with the global counter wrapped
    // past 2^256: fees = floor(3.5 * L), plus what the manager already owed.
    const g = Q128 * 7n / 2n;
    const wrapped = { ...pool, feeGrowthGlobal0X128: g - 5n, feeGrowthGlobal1X128: 0n };
    const r2 = uniswapV3PositionRecord(wrapped, { ...pos, feeGrowthInside0LastX128: (1n << 256n) - 5n, tokensOwed1: 9n }, 0);
    expect(r2.credit[0] - r.credit[0]).toBe(35n * 10n ** 17n);
    expect(r2.credit[1] - r.credit[1]).toBe(9n);
  });

  it("below the range: all token0; the up move costs nothing while the range is not reached", () => {
    const sqrtP = 2n ** 96n / 2n; // price 1/4, tick ~ -13863, far below [-600, 600)
    const r = uniswapV3PositionRecord({ sqrtPriceX96: sqrtP, tick: -13864, feeGrowthGlobal0X128: 0n, feeGrowthGlobal1X128: 0n, ...zeroTicks }, pos, 1000);
    expect(r.credit[1]).toBe(0n);
    expect(r.delta).toEqual([0n, 0n]);
  });

  it("bad input throws typed errors", () => {
    const pool = { sqrtPriceX96: Q96, tick: 0, feeGrowthGlobal0X128: 0n, feeGrowthGlobal1X128: 0n, ...zeroTicks };
    expect(() => uniswapV3PositionRecord(pool, { ...pos, tickLower: 900000 }, 0)).toThrow(ValueOutOfRangeError);
    expect(() => uniswapV3PositionRecord(pool, { ...pos, liquidity: 1n << 128n }, 0)).toThrow(ValueOutOfRangeError);
    expect(() => uniswapV3PositionRecord({ ...pool, sqrtPriceX96: 1n }, pos, 0)).toThrow(ValueOutOfRangeError);
    expect(() => uniswapV3PositionRecord(pool, { ...pos, liquidity: 1 as any }, 0)).toThrow(InvalidArgumentTypeError);
    expect(() => uniswapV3PositionRecord(pool, pos, -1)).toThrow(ValueOutOfRangeError);
    expect(() => uniswapV3PositionRecord(null as any, pos, 0)).toThrow(InvalidArgumentTypeError);
  });
});
