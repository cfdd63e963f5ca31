// UniswapV3PositionValue.record (Solidity, used by the Uniswap V3 position integrator) against its
// Wasm-backed twin uniswapV3PositionRecord in the bindings: a position's amounts at the pool price,
// its uncollected fees (modular fee growth: outside values above the global ones, wrap-arounds),
// and the delta for a price move either way.
import fc from "fast-check";
import { uniswapV3PositionRecord, uniswapV3PositionRecordAt } from "../../../bindings/src/integrators.js";
import { batchOutcomes, GAS_CAP, stateless, type Target } from "../framework.js";
import * as A from "../arbitraries.js";

const TOKEN0 = "0x0000000000000000000000000000000000000a00";
const TOKEN1 = "0x0000000000000000000000000000000000000b00";

interface Input {
  sqrtPriceX96: bigint;
  tick: number;
  global: [bigint, bigint];
  lower: [bigint, bigint];
  upper: [bigint, bigint];
  tickLower: number;
  tickUpper: number;
  liquidity: bigint;
  last: [bigint, bigint];
  owed: [bigint, bigint];
  moveTicks: number;
  /** 0 or absent (older recorded cases): the spot Record (record); otherwise the Record at this sqrt price
   *  (recordAt, the reference valuation). */
  at?: bigint;
}

const growth = fc.oneof({ arbitrary: fc.bigInt(0n, 1n << 140n), weight: 3 }, { arbitrary: A.uint256(), weight: 2 });
const pair = fc.tuple(growth, growth);

const arb: fc.Arbitrary<Input> = fc
  .record({
    sqrtPriceX96: A.sqrtPrice({ valid: true }),
    // The state's tick: mostly the price's own, sometimes one off (as after a swap ending on a tick).
    tickShift: fc.constantFrom(0, 0, 0, -1, 1),
    global: pair,
    lower: pair,
    upper: pair,
    a: A.validTick(),
    width: fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 1_774_544 })),
    liquidity: A.liquidity(),
    last: pair,
    owed: fc.tuple(A.uint128(), A.uint128()),
    moveTicks: fc.oneof(fc.constantFrom(0, 1, 100, 887272), fc.integer({ min: 0, max: 887272 }), fc.integer({ min: 0, max: 5000 })),
    at: fc.oneof(fc.constant(0n), A.sqrtPrice({ valid: true })),
  })
  .map((r) => {
    const tickLower = Math.max(A.MIN_TICK, Math.min(r.a, A.MAX_TICK - 1));
    const tickUpper = Math.min(A.MAX_TICK, tickLower + r.width);
    const t = tickOf(r.sqrtPriceX96) + r.tickShift;
    return {
      sqrtPriceX96: r.sqrtPriceX96,
      tick: Math.max(A.MIN_TICK, Math.min(A.MAX_TICK, t)),
      global: r.global,
      lower: r.lower,
      upper: r.upper,
      tickLower,
      tickUpper,
      liquidity: r.liquidity,
      last: r.last,
      owed: r.owed,
      moveTicks: r.moveTicks,
      at: r.at,
    };
  });

/** floor(log_1.0001(price)) from the sqrt price, within one tick (a generator, not under test). */
function tickOf(sqrtPriceX96: bigint): number {
  const p = Number(sqrtPriceX96) / 2 ** 96;
  return Math.floor(Math.log(p * p) / Math.log(1.0001));
}

export function integratorTargets(): Target<any>[] {
  return [
    stateless<Input, { credit: bigint[]; delta: bigint[] }>({
      name: "UniswapV3PositionValue.record",  // and recordAt (the reference valuation) for inputs with a price
      arb,
      batch: 150,
      async contract(ctx, cs) {
        const h = await ctx.contract("FuzzHarness");
        const s = cs.map((c) => ({
          sqrtPriceX96: c.sqrtPriceX96,
          tick: c.tick,
          feeGrowthGlobal0X128: c.global[0],
          feeGrowthGlobal1X128: c.global[1],
          lowerFeeGrowthOutside0X128: c.lower[0],
          lowerFeeGrowthOutside1X128: c.lower[1],
          upperFeeGrowthOutside0X128: c.upper[0],
          upperFeeGrowthOutside1X128: c.upper[1],
        }));
        const p = cs.map((c) => ({
          tickLower: c.tickLower,
          tickUpper: c.tickUpper,
          liquidity: c.liquidity,
          feeGrowthInside0LastX128: c.last[0],
          feeGrowthInside1LastX128: c.last[1],
          tokensOwed0: c.owed[0],
          tokensOwed1: c.owed[1],
        }));
        const r = await h.positionRecordBatch(s, p, cs.map((c) => c.moveTicks), cs.map((c) => c.at ?? 0n), { gasLimit: GAS_CAP });
        return batchOutcomes(h.interface, r, (v: any) => ({ credit: [BigInt(v[0][0]), BigInt(v[0][1])], delta: [BigInt(v[1][0]), BigInt(v[1][1])] }));
      },
      wasm(c) {
        const record = (pool: any, position: any, moveTicks: number) =>
          (c.at ?? 0n) === 0n ? uniswapV3PositionRecord(pool, position, moveTicks) : uniswapV3PositionRecordAt(pool, position, moveTicks, c.at!);
        const r = record(
          {
            sqrtPriceX96: c.sqrtPriceX96,
            tick: c.tick,
            feeGrowthGlobal0X128: c.global[0],
            feeGrowthGlobal1X128: c.global[1],
            lower: { feeGrowthOutside0X128: c.lower[0], feeGrowthOutside1X128: c.lower[1] },
            upper: { feeGrowthOutside0X128: c.upper[0], feeGrowthOutside1X128: c.upper[1] },
          },
          {
            token0: TOKEN0,
            token1: TOKEN1,
            tickLower: c.tickLower,
            tickUpper: c.tickUpper,
            liquidity: c.liquidity,
            feeGrowthInside0LastX128: c.last[0],
            feeGrowthInside1LastX128: c.last[1],
            tokensOwed0: c.owed[0],
            tokensOwed1: c.owed[1],
          },
          c.moveTicks,
        );
        return { credit: r.credit, delta: r.delta };
      },
    }),
  ];
}
