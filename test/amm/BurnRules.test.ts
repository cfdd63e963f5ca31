// Where the deployed 2sAMM pool reverts, the Wasm pool engine and the BigInt model pool throw the same-named
// error, and where it succeeds they succeed with the same amounts: random mint / burn / take / release / swap
// sequences by one owner, with over-burns and over-releases, zero amounts, amounts of 2^127 and past
// maxLiquidityPerTick, invalid ranges, and burns into reserved liquidity (LiquidityReserved), on the contract,
// the Wasm Pool and the model Pool side by side.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { init, Pool } from "../../bindings/index.js";
import { Pool as ModelPool } from "../../bindings/model/Pool.js";
import { network } from "../helpers/chain.js";
import { createItosPool, deployItos, deployRouter, deployTokens, encodePriceSqrt, MAX_SQRT, MIN_SQRT, ZERO } from "./helpers.js";

const FEE = { minFeePips: 100, midFeePips: 5000, maxFeePips: 50000 };
const SPACING = 60;
const FULL: [number, number] = [-887220, 887220];
const GRID = [-1200, -600, -120, -60, 0, 60, 120, 600, 1200];
// Ranges the contract refuses (InvalidTickRange): reversed, empty, off the spacing, out of bounds.
const BAD: [number, number][] = [[600, -600], [600, 600], [-601, 600], [-887280, 0]];
// Uniswap's tickSpacingToMaxLiquidityPerTick(60).
const MAX_PER_TICK = 11505743598341114571880798222544994n;

let ethers: any;
beforeAll(async () => {
  await init();
  ({ ethers } = await network());
});

/** The least maker - taker liquidity at any price of [lo, hi) (0 for an invalid range). */
function free(model: ModelPool, lo: number, hi: number): bigint {
  if (!(lo < hi)) return 0n;
  const at = [lo, ...[...model.ticks.keys()].filter((t) => t > lo && t < hi)].map((t) => model.liquidityAt(t));
  return at.reduce((m, x) => (x.maker - x.taker < m ? x.maker - x.taker : m), at[0].maker - at[0].taker);
}

type Outcome = { ok: true; amount0: bigint; amount1: bigint } | { ok: false; error: string };

function chainError(e: any, pool: any): string {
  const data = e?.data ?? e?.error?.data ?? e?.info?.error?.data;
  if (typeof data === "string" && data.length >= 10) return pool.interface.parseError(data)?.name ?? `unknown ${data.slice(0, 10)}`;
  throw e;
}

function local(f: () => { amount0: bigint; amount1: bigint }): Outcome {
  try {
    const r = f();
    return { ok: true, amount0: r.amount0, amount1: r.amount1 };
  } catch (e: any) {
    return { ok: false, error: e?.constructor?.name?.replace(/Error$/, "") ?? String(e) };
  }
}

const rangeArb = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.nat(GRID.length - 1), fc.nat(GRID.length - 1)).filter(([a, b]) => a < b).map(([a, b]): [number, number] => [GRID[a], GRID[b]]) },
  { weight: 1, arbitrary: fc.constant(FULL) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD) },
);
// Special amounts: zero, the int128 cast limit, the per-tick limit.
const special = fc.constantFrom(0n, 1n << 127n, (1n << 128n) - 1n, MAX_PER_TICK);
// Mostly none.
const maybeSpecial = (w: number) => fc.oneof({ weight: w, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: special });
const opArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant("mint" as const), r: rangeArb, l: fc.oneof({ weight: 6, arbitrary: fc.bigInt(10n ** 15n, 10n ** 19n) }, { weight: 1, arbitrary: special }) }) },
  // A take of a share (in %) of the least unreserved maker liquidity over the range: often near the cap.
  { weight: 5, arbitrary: fc.record({ k: fc.constant("take" as const), r: rangeArb, share: fc.integer({ min: 1, max: 110 }), special: maybeSpecial(6) }) },
  // A burn / release of a part (in per mille) of a held position, or of any range: 0 (a poke), up to
  // all of it, or more (an over-burn).
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constantFrom("burn" as const, "release" as const),
      held: fc.boolean(),
      pick: fc.nat(),
      r: rangeArb,
      part: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constantFrom(0, 1000, 1001, 1500)),
      special: maybeSpecial(8),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant("swap" as const), z: fc.boolean(), a: fc.oneof(fc.bigInt(10n ** 12n, 10n ** 18n), fc.constant(0n)), exactIn: fc.boolean(), badLimit: fc.boolean() }) },
);

describe("2sAMM pool, Wasm pool and model pool fail under the same conditions", () => {
  it("random sequences with over-burns, zero amounts and burns into reserved liquidity: same outcome and error name on all three", async () => {
    const seqs = fc.sample(fc.array(opArb, { minLength: 45, maxLength: 45 }), { numRuns: 3, seed: 20261121 });
    const seen = new Map<string, number>();
    const caps = [1_000_000, 700_000, 1_000_000];
    for (const [n, seq] of seqs.entries()) {
      const takerCapPips = caps[n];
      const { token0, token1 } = await deployTokens(ethers);
      const { factory } = await deployItos(ethers);
      const price = encodePriceSqrt(101n, 100n);
      const pool = await createItosPool(ethers, factory, token0, token1, { tickSpacing: SPACING, ...FEE, takerCapPips, protocolFeePips: 50_000, moneyMarket: ZERO });
      await (await pool.initialize(price)).wait();
      const addr = await pool.getAddress();
      const router = await deployRouter(ethers, token0, token1);
      const me = await router.getAddress();
      await (await factory.setTaker(me, true)).wait();
      const conf = { sqrtPriceX96: price, tickSpacing: SPACING, fee: FEE, protocolFeePips: 50_000, takerCapPips };
      const wasm = new Pool(conf);
      const model = new ModelPool(conf);
      const held: Record<"maker" | "taker", [number, number][]> = { maker: [], taker: [] };
      // A full-range position first, so every take has makers under it; then one of each rule (a poke, a
      // burn into reserved liquidity, over-burns with and without a position, a poke of nothing), then the
      // random part.
      const E18 = 10n ** 18n;
      const ops = [
        { k: "mint", r: FULL, l: E18 },
        { k: "mint", r: [-600, 600], l: E18 },
        { k: "take", r: [-120, 120], special: (9n * E18) / 10n },
        { k: "burn", r: [-600, 600], special: 0n },
        { k: "burn", r: [-600, 600], special: 2n * E18 },
        { k: "burn", r: [-1200, 1200], special: 1n },
        { k: "burn", r: [-60, 60], special: 0n },
        { k: "release", r: [-120, 120], special: 0n },
        // Zero on an invalid range (the contract names the range first), zero on a valid one.
        { k: "mint", r: [600, -600], l: 0n },
        { k: "mint", r: [-600, 600], l: 0n },
        ...(seq as any[]),
      ];
      try {
        for (const [i, o] of ops.entries()) {
          let args: [number, number, bigint] | undefined;
          let w: Outcome, m: Outcome, c: Outcome;
          if (o.k === "swap") {
            const limit = o.badLimit ? (o.z ? MAX_SQRT - 1n : MIN_SQRT + 1n) : o.z ? MIN_SQRT + 1n : MAX_SQRT - 1n;
            const params = { zeroForOne: o.z, amountSpecified: o.exactIn ? o.a : -o.a, sqrtPriceLimitX96: limit };
            w = local(() => wasm.swap(params));
            m = local(() => model.swap(params));
            const cargs = [addr, me, o.z, params.amountSpecified, limit];
            try {
              const r = await router.swap.staticCall(...cargs);
              await (await router.swap(...cargs)).wait();
              c = { ok: true, amount0: r[0], amount1: r[1] };
            } catch (e) {
              c = { ok: false, error: chainError(e, pool) };
            }
          } else {
            let [lo, hi] = o.r as [number, number];
            let l: bigint;
            if (o.k === "mint") l = o.l;
            else if (o.k === "take") l = o.special ?? (free(model, lo, hi) * BigInt(o.share)) / 100n;
            else {
              const side = o.k === "burn" ? "maker" : "taker";
              if (o.held && held[side].length > 0) [lo, hi] = held[side][o.pick % held[side].length];
              const pos = o.k === "burn" ? model.getMakerPosition(lo, hi) : model.getTakerPosition(lo, hi);
              l = o.special ?? (o.part === 0 ? 0n : (pos.liquidity * BigInt(o.part)) / 1000n || 1n);
            }
            args = [lo, hi, l];
            w = local(() => (wasm as any)[o.k](lo, hi, l));
            m = local(() => (model as any)[o.k](lo, hi, l));
            try {
              if (o.k === "mint") {
                const r = await router.mint.staticCall(addr, me, lo, hi, l);
                await (await router.mint(addr, me, lo, hi, l)).wait();
                c = { ok: true, amount0: r[0], amount1: r[1] };
              } else if (o.k === "release") {
                await router.release.staticCall(addr, lo, hi, l, me);
                await (await router.release(addr, lo, hi, l, me)).wait();
                // The contract's release amounts also settle fees and premiums: not compared.
                c = w.ok ? { ...w } : { ok: true, amount0: 0n, amount1: 0n };
              } else {
                const r = await (router as any)[o.k].staticCall(addr, lo, hi, l);
                await (await (router as any)[o.k](addr, lo, hi, l)).wait();
                c = { ok: true, amount0: r[0], amount1: r[1] };
              }
            } catch (e) {
              c = { ok: false, error: chainError(e, pool) };
            }
            if (c.ok && (o.k === "mint" || o.k === "take")) held[o.k === "mint" ? "maker" : "taker"].push([lo, hi]);
          }
          const what = `${i}: ${JSON.stringify({ ...o, args }, (_, v) => (typeof v === "bigint" ? String(v) : v))}`;
          expect(w, `Wasm vs contract, ${what}`).toEqual(c);
          expect(m, `model vs contract, ${what}`).toEqual(c);
          const key = `${o.k}:${c.ok ? (args?.[2] === 0n ? "ok zero" : "ok") : c.error}`;
          seen.set(key, (seen.get(key) ?? 0) + 1);
          if (!c.ok) continue;
          const [, tick] = await pool.slot0();
          expect({ tick: Number(tick), P: await pool.makerLiquidity(), R: await pool.takerLiquidity() }).toEqual({ tick: wasm.tick, P: wasm.makerLiquidity, R: wasm.takerLiquidity });
          expect([model.tick, model.makerLiquidity, model.takerLiquidity]).toEqual([wasm.tick, wasm.makerLiquidity, wasm.takerLiquidity]);
        }
        // The ticks agree at the end: nets and gross on the contract and in the Wasm pool.
        for (const t of wasm.getTicks()) {
          const [makerNet, takerNet, gross] = await pool.ticks(t.tick);
          expect([makerNet, takerNet, gross]).toEqual([t.makerLiquidityNet, t.takerLiquidityNet, t.liquidityGross]);
        }
      } finally {
        wasm.free();
      }
    }
    // The sequences reached every rule this test is about.
    for (const k of [
      "burn:LiquidityReserved", "burn:LiquidityUnderflow", "burn:PositionNotFound", "burn:ok zero", "burn:InvalidTickRange", "burn:SafeCastOverflow",
      "release:PositionNotFound", "release:LiquidityUnderflow", "release:ok zero", "take:TakerCapExceeded", "mint:ZeroLiquidity", "take:ok", "burn:ok",
    ]) {
      expect(seen.get(k) ?? 0, `${k} in ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
    }
  });
});
