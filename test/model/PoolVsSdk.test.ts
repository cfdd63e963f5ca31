// The model pool against an independent implementation of Uniswap V3's swap: @uniswap/v3-sdk
// (JSBI, its own tick list and word stepping), on random pools with a flat fee and no takers.
import { TickListDataProvider, v3Swap } from "@uniswap/v3-sdk";
import fc from "fast-check";
import JSBI from "jsbi";
import { describe, expect, it } from "vitest";
import { Pool } from "../../bindings/model/Pool.js";
import { getSqrtRatioAtTick, MAX_SQRT_RATIO, MIN_SQRT_RATIO } from "../../bindings/model/TickMath.js";

// Uniswap's fee tiers and their spacings.
const TIERS = [
  { fee: 500, tickSpacing: 10 },
  { fee: 3000, tickSpacing: 60 },
  { fee: 10000, tickSpacing: 200 },
];

const scenario = fc.record({
  tier: fc.constantFrom(...TIERS),
  startTick: fc.integer({ min: -3000, max: 3000 }),
  startOffset: fc.bigInt(0n, 10n ** 20n),
  positions: fc.array(
    fc.record({ a: fc.integer({ min: -40, max: 40 }), width: fc.integer({ min: 1, max: 40 }), liquidity: fc.bigInt(10n ** 12n, 10n ** 22n) }),
    { minLength: 1, maxLength: 5 },
  ),
  zeroForOne: fc.boolean(),
  exactIn: fc.boolean(),
  amount: fc.oneof(fc.bigInt(1n, 10n ** 6n), fc.bigInt(1n, 10n ** 22n)),
  limitTicks: fc.option(fc.integer({ min: 1, max: 10000 }), { nil: undefined }),
});

describe("model Pool vs @uniswap/v3-sdk (fast-check, fixed seed)", () => {
  it("gives the sdk's amounts, final price, tick and liquidity for random pools and swaps", async () => {
    const cases = fc.sample(scenario, { numRuns: 120, seed: 99 });
    let compared = 0, crossedTicks = 0;
    for (const c of cases) {
      const { fee, tickSpacing } = c.tier;
      // A price inside the start tick (below the next tick's price).
      const lo = getSqrtRatioAtTick(c.startTick), hi = getSqrtRatioAtTick(c.startTick + 1);
      const sqrtPriceX96 = lo + (c.startOffset % (hi - lo));
      const model = new Pool({ sqrtPriceX96, tickSpacing, fee, protocolFeePips: 0 });
      for (const p of c.positions) model.mint(p.a * tickSpacing, (p.a + p.width) * tickSpacing, p.liquidity);

      const ticks = [...model.ticks.entries()]
        .sort((x, y) => x[0] - y[0])
        .map(([index, t]) => ({ index, liquidityNet: JSBI.BigInt(t.makerLiquidityNet.toString()), liquidityGross: JSBI.BigInt(t.liquidityGross.toString()) }));
      const provider = new TickListDataProvider(ticks, tickSpacing);

      const limit = c.limitTicks === undefined
        ? (c.zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n)
        : getSqrtRatioAtTick(c.zeroForOne ? Math.max(-887272, model.tick - c.limitTicks) : Math.min(887272, model.tick + c.limitTicks));
      if (c.zeroForOne ? limit >= sqrtPriceX96 : limit <= sqrtPriceX96) continue; // a limit on the wrong side: covered elsewhere
      const amountSpecified = c.exactIn ? c.amount : -c.amount;

      const r = model.quote({ zeroForOne: c.zeroForOne, amountSpecified, sqrtPriceLimitX96: limit });
      const J = (x: bigint) => JSBI.BigInt(x.toString());
      const s = await v3Swap(J(BigInt(fee)), J(sqrtPriceX96), model.tick, J(model.liquidity), tickSpacing, provider, c.zeroForOne, J(amountSpecified), J(limit));
      const calculated = c.zeroForOne === c.exactIn ? r.amount1 : r.amount0;
      expect({ calculated, sqrtPriceX96: r.sqrtPriceX96, tick: r.tick, liquidity: r.liquidity }).toEqual({
        calculated: BigInt(s.amountCalculated.toString()),
        sqrtPriceX96: BigInt(s.sqrtRatioX96.toString()),
        tick: s.tickCurrent,
        liquidity: BigInt(s.liquidity.toString()),
      });
      compared++;
      if (r.liquidity !== model.liquidity) crossedTicks++;
    }
    expect(compared).toBeGreaterThan(90);
    expect(crossedTicks).toBeGreaterThan(10); // the cases cross initialized ticks, not only one range
  });
});
