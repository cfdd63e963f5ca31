// The deployed 2sAMM pool against the Wasm pool engine (bindings Pool) over random sequences of maker mints,
// taker reservations and releases and swaps, with the dynamic fee and a 5% protocol share: after every step the
// price, tick, maker/taker liquidity, fee growth and protocol fees agree, and every refusal has the same name.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { init, Pool } from "../../bindings/index.js";
import { network } from "../helpers/chain.js";
import { createItosPool, deployItos, deployRouter, deployTokens, encodePriceSqrt, MAX_SQRT, MIN_SQRT, ZERO } from "./helpers.js";

const FEE = { minFeePips: 100, midFeePips: 5000, maxFeePips: 50000 };

let ethers: any;
beforeAll(async () => {
  await init();
  ({ ethers } = await network());
});

function errName(e: any, pool: any): string {
  const data = e?.data ?? e?.error?.data ?? e?.info?.error?.data;
  if (typeof data === "string" && data.length >= 10) return pool.interface.parseError(data)?.name ?? "?";
  return e?.constructor?.name?.replace(/Error$/, "") ?? "?";
}

function logOf(rc: any, pool: any, name: string) {
  for (const l of rc.logs) {
    try {
      const p = pool.interface.parseLog(l);
      if (p?.name === name) return p.args;
    } catch {}
  }
  throw new Error(`no ${name} event`);
}

describe("2sAMM pool vs the Wasm pool engine", () => {
  it("agree step by step on random maker / taker / swap sequences (fast-check, fixed seed)", async () => {
    const spacing = 60;
    const ranges: [number, number][] = [[-1800, 1800], [-600, 600], [0, 1200], [-1200, -60], [-3000, 3000]];
    const op = fc.oneof(
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("mint"), r: fc.integer({ min: 0, max: 4 }), l: fc.bigInt(10n ** 15n, 10n ** 18n) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("take"), r: fc.integer({ min: 0, max: 4 }), l: fc.bigInt(10n ** 14n, 6n * 10n ** 17n) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("release"), r: fc.integer({ min: 0, max: 4 }), frac: fc.integer({ min: 1, max: 100 }) }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant("swap"), z: fc.boolean(), a: fc.bigInt(10n ** 10n, 3n * 10n ** 17n), exactIn: fc.boolean() }) },
    );
    const seqs = fc.sample(fc.array(op, { minLength: 40, maxLength: 40 }), { numRuns: 2, seed: 99 });
    for (const seq of seqs) {
      const { token0, token1 } = await deployTokens(ethers);
      const { factory } = await deployItos(ethers);
      const price = encodePriceSqrt(3n, 2n);
      const pool = await createItosPool(ethers, factory, token0, token1, {
        tickSpacing: spacing, ...FEE, takerCapPips: 700_000, protocolFeePips: 50_000, moneyMarket: ZERO,
      });
      await (await pool.initialize(price)).wait();
      const addr = await pool.getAddress();
      const router = await deployRouter(ethers, token0, token1);
      const me = await router.getAddress();
      await (await factory.setTaker(me, true)).wait();
      const wasm = new Pool({ sqrtPriceX96: price, tickSpacing: spacing, fee: FEE, protocolFeePips: 50_000, takerCapPips: 700_000 });
      const taken = new Map<number, bigint>();
      let agreedRefusals = 0;
      let takes = 0;
      let dynamicFeeSwaps = 0;
      try {
        for (const o of seq as any[]) {
          let w: any, wErr: string | undefined;
          let c: any, cErr: string | undefined;
          const [lo, hi] = o.r !== undefined ? ranges[o.r] : [0, 0];
          if (o.kind === "release" && !(taken.get(o.r) ?? 0n)) continue;
          const relAmt = o.kind === "release" ? ((taken.get(o.r) ?? 0n) * BigInt(o.frac)) / 100n : 0n;
          if (o.kind === "release" && relAmt === 0n) continue;
          try {
            if (o.kind === "mint") w = wasm.mint(lo, hi, o.l);
            else if (o.kind === "take") w = wasm.take(lo, hi, o.l);
            else if (o.kind === "release") w = wasm.release(lo, hi, relAmt);
            else w = wasm.swap({ zeroForOne: o.z, amountSpecified: o.exactIn ? o.a : -o.a, sqrtPriceLimitX96: o.z ? MIN_SQRT + 1n : MAX_SQRT - 1n });
          } catch (e) {
            wErr = errName(e, pool);
          }
          try {
            if (o.kind === "mint") {
              const r = await router.mint.staticCall(addr, me, lo, hi, o.l);
              await (await router.mint(addr, me, lo, hi, o.l)).wait();
              c = { amount0: r[0], amount1: r[1] };
            } else if (o.kind === "take") {
              const ev = logOf(await (await router.take(addr, lo, hi, o.l)).wait(), pool, "Take");
              c = { amount0: ev.amount0, amount1: ev.amount1 };
              taken.set(o.r, (taken.get(o.r) ?? 0n) + o.l);
            } else if (o.kind === "release") {
              const ev = logOf(await (await router.release(addr, lo, hi, relAmt, me)).wait(), pool, "Release");
              c = { amount0: ev.returned0, amount1: ev.returned1 };
              taken.set(o.r, (taken.get(o.r) ?? 0n) - relAmt);
            } else {
              const args = [addr, me, o.z, o.exactIn ? o.a : -o.a, o.z ? MIN_SQRT + 1n : MAX_SQRT - 1n];
              const r = await router.swap.staticCall(...args);
              await (await router.swap(...args)).wait();
              c = { amount0: r[0], amount1: r[1] };
            }
          } catch (e) {
            cErr = errName(e, pool);
          }
          expect(cErr, `${o.kind} ${JSON.stringify(o, (_, v) => (typeof v === "bigint" ? String(v) : v))}`).toBe(wErr);
          if (cErr) {
            agreedRefusals++;
            continue;
          }
          expect([c.amount0, c.amount1]).toEqual([w.amount0, w.amount1]);
          if (o.kind === "take") takes++;
          if (o.kind === "swap" && wasm.takerLiquidity > 0n) dynamicFeeSwaps++;
          const [sp, tick] = await pool.slot0();
          expect({
            sp, tick: Number(tick), P: await pool.makerLiquidity(), R: await pool.takerLiquidity(),
            g0: await pool.feeGrowthGlobal0X128(), g1: await pool.feeGrowthGlobal1X128(), pf: (await pool.protocolFees()).map(BigInt),
            fee: Number(await pool.currentFeePips()),
          }).toEqual({
            sp: wasm.sqrtPriceX96, tick: wasm.tick, P: wasm.makerLiquidity, R: wasm.takerLiquidity,
            g0: wasm.feeGrowthGlobal0X128, g1: wasm.feeGrowthGlobal1X128, pf: [wasm.protocolFees0, wasm.protocolFees1],
            fee: wasm.feePips,
          });
        }
      } finally {
        wasm.free();
      }
      expect(agreedRefusals).toBeLessThan(30);
      expect(takes).toBeGreaterThan(2);
      expect(dynamicFeeSwaps).toBeGreaterThan(2);
    }
  });
});
