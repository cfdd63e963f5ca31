// With no takers, a flat fee and no protocol share, the 2sAMM pool must reproduce Uniswap V3's own bytecode to
// the wei: mint amounts, swap amounts, final price and tick, active liquidity and fee growth, burn and collect.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { network } from "../helpers/chain.js";
import { HAVE_VECTORS, vectors } from "../helpers/vectors.js";
import {
  createItosPool, createUniswapPool, deployItos, deployRouter, deployTokens, deployUniswap, encodePriceSqrt, flatConfig, MAX_SQRT, MIN_SQRT,
} from "./helpers.js";

let ethers: any;
beforeAll(async () => {
  ({ ethers } = await network());
});

async function setup(fee: number, spacing: number, sqrtPriceX96: bigint) {
  const { token0, token1 } = await deployTokens(ethers);
  const { factory } = await deployItos(ethers);
  const uniFactory = await deployUniswap(ethers);
  const itos = await createItosPool(ethers, factory, token0, token1, flatConfig(fee, spacing));
  const uni = await createUniswapPool(ethers, uniFactory, token0, token1, fee);
  await (await itos.initialize(sqrtPriceX96)).wait();
  await (await uni.initialize(sqrtPriceX96)).wait();
  const router = await deployRouter(ethers, token0, token1);
  return { itos, uni, router, token0, token1 };
}

async function state(pool: any) {
  const s0 = await pool.slot0();
  return {
    sqrtPriceX96: s0[0],
    tick: Number(s0[1]),
    liquidity: await pool.liquidity(),
    fg0: await pool.feeGrowthGlobal0X128(),
    fg1: await pool.feeGrowthGlobal1X128(),
  };
}

/** Runs the same call on both pools; both revert or both return the same values. */
async function both(router: any, fn: string, uni: any, itos: any, args: any[]) {
  const results: any[] = [];
  for (const pool of [uni, itos]) {
    const addr = await pool.getAddress();
    try {
      const r = await router[fn].staticCall(addr, ...args);
      await (await router[fn](addr, ...args)).wait();
      results.push({ ok: true, r: r.map((x: any) => x.toString()) });
    } catch (e: any) {
      results.push({ ok: false });
    }
  }
  expect(results[1], `${fn}(${args.join(", ")})`).toEqual(results[0]);
  return results[0];
}

describe("2sAMM pool vs Uniswap V3 (no takers, flat fee, no protocol share)", () => {
  for (const [fee, spacing] of [[3000, 60], [500, 10], [10000, 200]] as const) {
    it(`random positions and swaps give identical results (fee ${fee}, spacing ${spacing})`, async () => {
      const seed = 7000 + fee;
      const price = encodePriceSqrt(BigInt(fc.sample(fc.integer({ min: 1, max: 50 }), { numRuns: 1, seed })[0]), 10n);
      const { itos, uni, router } = await setup(fee, spacing, price);
      const me = await router.getAddress();
      const tick0 = Number((await uni.slot0())[1]);
      const maxT = Math.floor(887272 / spacing) * spacing;

      // positions: full range plus random ranges around the price
      const positions: [number, number, bigint][] = [[-maxT, maxT, 10n ** 18n]];
      const ranges = fc.sample(
        fc.tuple(fc.integer({ min: -40, max: 40 }), fc.integer({ min: 1, max: 30 }), fc.bigInt(10n ** 12n, 10n ** 20n)),
        { numRuns: 12, seed },
      );
      for (const [off, width, liq] of ranges) {
        const lo = (Math.floor(tick0 / spacing) + off) * spacing;
        positions.push([lo, lo + width * spacing, liq]);
      }
      for (const [lo, hi, liq] of positions) {
        const r = await both(router, "mint", uni, itos, [me, lo, hi, liq]);
        expect(r.ok).toBe(true);
      }
      expect(await state(itos)).toEqual(await state(uni));

      // swaps: exact in and out, both directions, with and without price limits
      const swaps = fc.sample(
        fc.record({
          zeroForOne: fc.boolean(),
          exactIn: fc.boolean(),
          amount: fc.oneof(fc.bigInt(1n, 10n ** 15n), fc.bigInt(10n ** 15n, 10n ** 19n)),
          limitTicks: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        }),
        { numRuns: 30, seed },
      );
      let crossings = 0;
      for (const s of swaps) {
        const before = await state(uni);
        let limit = s.zeroForOne ? MIN_SQRT + 1n : MAX_SQRT - 1n;
        if (s.limitTicks !== undefined) {
          // a limit some ticks away from the current price, on the right side
          const f = 1.0001 ** (s.limitTicks * spacing / 2);
          const p = Number(before.sqrtPriceX96) * (s.zeroForOne ? 1 / f : f);
          limit = BigInt(Math.floor(p));
        }
        await both(router, "swap", uni, itos, [me, s.zeroForOne, s.exactIn ? s.amount : -s.amount, limit]);
        const [a, b] = [await state(uni), await state(itos)];
        expect(b).toEqual(a);
        if (Math.abs(a.tick - before.tick) >= spacing) crossings++;
      }
      expect(crossings).toBeGreaterThan(3);

      // burns and collects of half the positions
      for (const [lo, hi, liq] of positions.slice(0, 6)) {
        const r = await both(router, "burn", uni, itos, [lo, hi, liq / 2n]);
        expect(r.ok).toBe(true);
        const c = await both(router, "collect", uni, itos, [me, lo, hi]);
        expect(c.ok).toBe(true);
      }
      expect(await state(itos)).toEqual(await state(uni));
    });
  }

  it.runIf(HAVE_VECTORS)("reproduces Uniswap's published whole-pool swap vectors", async () => {
    const vs = vectors("UniswapV3Pool.swap");
    expect(vs.length).toBe(240);
    // one pool per distinct (fee, spacing, start price, positions) context; swaps are independent: snapshot/revert
    const provider = ethers.provider;
    let checked = 0;
    expect(vs.every((v) => (v.context?.protocolFee ?? 0) === 0)).toBe(true);
    const groups = new Map<string, any[]>();
    for (const v of vs) {
      const k = JSON.stringify([v.args.fee, v.args.tickSpacing, v.args.sqrtPriceX96Start, v.args.positions]);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k)!.push(v);
    }
    for (const group of groups.values()) {
      const a = group[0].args;
      const { token0, token1 } = await deployTokens(ethers);
      const { factory } = await deployItos(ethers);
      const pool = await createItosPool(ethers, factory, token0, token1, flatConfig(a.fee, a.tickSpacing));
      await (await pool.initialize(BigInt(a.sqrtPriceX96Start))).wait();
      const router = await deployRouter(ethers, token0, token1, 10n ** 60n);
      const me = await router.getAddress();
      const addr = await pool.getAddress();
      for (const p of a.positions) await (await router.mint(addr, me, p.tickLower, p.tickUpper, BigInt(p.liquidity))).wait();
      for (const v of group) {
        const snap = await provider.send("evm_snapshot", []);
        const args = [addr, me, v.args.zeroForOne, BigInt(v.args.amountSpecified), BigInt(v.args.sqrtPriceLimitX96)];
        if (v.expect === "revert") {
          await expect(router.swap.staticCall(...args), v.source.test).rejects.toThrow();
        } else {
          const [amount0, amount1] = await router.swap.staticCall(...args);
          await (await router.swap(...args)).wait();
          const st = await state(pool);
          expect([String(amount0), String(amount1)], v.source.test).toEqual([v.expect.amount0, v.expect.amount1]);
          expect(String(st.tick), v.source.test).toBe(String(v.expect.tickAfter));
          expect(String(st.fg0), v.source.test).toBe(v.expect.feeGrowthGlobal0X128);
          expect(String(st.fg1), v.source.test).toBe(v.expect.feeGrowthGlobal1X128);
          checked++;
        }
        await provider.send("evm_revert", [snap]);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
