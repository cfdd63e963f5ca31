// The Wasm pool engine through its public binding: Uniswap's whole-pool swap
// vectors to the wei, @uniswap/v3-sdk on a pool with many ticks, the 2sAMM rules
// (takers, cap, dynamic fee) against the pure-BigInt model pool, fee
// conservation, quote == swap, and failures that leave the pool usable.
import { CurrencyAmount, Token } from "@uniswap/sdk-core";
import { Pool as SdkPool, TickMath as SdkTickMath } from "@uniswap/v3-sdk";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AmountSpecifiedZeroError,
  init,
  InvalidFeeParamsError,
  InvalidPriceLimitError,
  InvalidProtocolFeeError,
  InvalidSnapshotError,
  InvalidSqrtPriceError,
  InvalidTakerCapError,
  InvalidTickRangeError,
  InvalidTickSpacingError,
  LiquidityReservedError,
  LiquidityUnderflowError,
  Pool,
  PoolNotFoundError,
  SwapResult,
  PositionNotFoundError,
  SafeCastOverflowError,
  TakerCapExceededError,
  TickLiquidityOverflowError,
  ZeroLiquidityError,
} from "../bindings/index.js";
import { getCore } from "../bindings/src/wasm.js";
import { Pool as ModelPool } from "../bindings/model/Pool.js";
import { flipTick, nextInitializedTickWithinOneWord, type TickBitmap } from "../bindings/model/TickBitmap.js";
import { getSqrtRatioAtTick } from "../bindings/model/TickMath.js";
import { HAVE_VECTORS, vectors } from "./helpers/vectors.js";

const Q96 = 1n << 96n;
const Q128 = 1n << 128n;
const E18 = 10n ** 18n;
const MIN_SQRT_RATIO = 4295128739n;
const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n;

beforeAll(async () => {
  await init();
});

/** Everything observable about a pool, for before/after comparisons. */
function snapshot(pool: Pool) {
  return { state: pool.getState(), ticks: pool.getTicks() };
}

/** The name of the error `f` throws, or its result. */
function outcome<T>(f: () => T): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: (e as Error).constructor.name };
  }
}

describe("Pool: Uniswap V3 vectors", () => {
  it.runIf(HAVE_VECTORS)("reproduces all 240 UniswapV3Pool.swap results to the wei; quote equals swap and changes nothing", () => {
    const vs = vectors("UniswapV3Pool.swap");
    expect(vs.length).toBe(240);
    let reverts = 0;
    for (const v of vs) {
      const a = v.args;
      const pool = new Pool({ sqrtPriceX96: BigInt(a.sqrtPriceX96Start), tickSpacing: a.tickSpacing, fee: a.fee, protocolFeePips: 0 });
      try {
        for (const p of a.positions) pool.mint(p.tickLower, p.tickUpper, BigInt(p.liquidity));
        if (v.context?.tickBefore !== undefined) expect(pool.tick, v.source.test).toBe(Number(v.context.tickBefore));
        const params = { zeroForOne: a.zeroForOne, amountSpecified: BigInt(a.amountSpecified), sqrtPriceLimitX96: BigInt(a.sqrtPriceLimitX96) };
        const before = snapshot(pool);
        if (v.expect === "revert") {
          expect(v.revertReason).toBe("SPL");
          expect(() => pool.quote(params), v.source.test).toThrow(InvalidPriceLimitError);
          expect(() => pool.swap(params), v.source.test).toThrow(InvalidPriceLimitError);
          expect(snapshot(pool)).toEqual(before);
          reverts++;
          continue;
        }
        const q = pool.quote(params);
        expect(snapshot(pool), v.source.test).toEqual(before);
        const r = pool.swap(params);
        expect(r, v.source.test).toEqual(q);
        const e = v.expect;
        expect(r.amount0, v.source.test).toBe(BigInt(e.amount0));
        expect(r.amount1, v.source.test).toBe(BigInt(e.amount1));
        expect(r.tick, v.source.test).toBe(Number(e.tickAfter));
        expect(r.feeGrowthGlobal0X128, v.source.test).toBe(BigInt(e.feeGrowthGlobal0X128));
        expect(r.feeGrowthGlobal1X128, v.source.test).toBe(BigInt(e.feeGrowthGlobal1X128));
        const after = pool.getState();
        expect(after.tick).toBe(Number(e.tickAfter));
        expect(after.sqrtPriceX96).toBe(r.sqrtPriceX96);
        expect(after.feeGrowthGlobal0X128).toBe(BigInt(e.feeGrowthGlobal0X128));
        expect(after.feeGrowthGlobal1X128).toBe(BigInt(e.feeGrowthGlobal1X128));
      } finally {
        pool.free();
      }
    }
    expect(reverts).toBe(50);
  });

  it.runIf(HAVE_VECTORS)("enforces Uniswap's maxLiquidityPerTick vectors (the tick spacings a pool may have)", () => {
    const vs = vectors("Tick.tickSpacingToMaxLiquidityPerTick").filter((v) => Number(v.args.tickSpacing) <= 16384);
    expect(vs.length).toBe(4); // the fifth, spacing 887272, is not a valid pool spacing
    for (const v of vs) {
      const ts = Number(v.args.tickSpacing), max = BigInt(v.expect);
      const lo = Math.ceil(-887272 / ts) * ts, hi = Math.floor(887272 / ts) * ts;
      const pool = new Pool({ sqrtPriceX96: Q96, tickSpacing: ts });
      expect(() => pool.mint(lo, hi, max + 1n), v.source.test).toThrow(TickLiquidityOverflowError);
      pool.mint(lo, hi, max);
      expect(() => pool.take(lo, hi, 1n), v.source.test).toThrow(TickLiquidityOverflowError);
      expect(pool.liquidity).toBe(max);
      pool.free();
    }
  });

  it.runIf(HAVE_VECTORS)("passes the v3-sdk Pool.getOutputAmount / getInputAmount vectors on a pool built by the snapshot loader", () => {
    const vs = [...vectors("Pool.getOutputAmount"), ...vectors("Pool.getInputAmount")];
    expect(vs.length).toBe(4);
    for (const v of vs) {
      const d = v.args.pool;
      const pool = Pool.fromSnapshot(
        { sqrtPriceX96: BigInt(d.sqrtPriceX96), tickSpacing: d.tickSpacing, fee: d.fee, protocolFeePips: 0 },
        { sqrtPriceX96: BigInt(d.sqrtPriceX96), tick: d.tickCurrent, makerLiquidity: BigInt(d.liquidity), takerLiquidity: 0n, feeGrowthGlobal0X128: 0n, feeGrowthGlobal1X128: 0n },
        d.ticks.map((t: any) => ({
          tick: t.index,
          liquidityGross: BigInt(t.liquidityGross),
          makerLiquidityNet: BigInt(t.liquidityNet),
          takerLiquidityNet: 0n,
          feeGrowthOutside0X128: 0n,
          feeGrowthOutside1X128: 0n,
        })),
      );
      const zeroForOne: boolean = v.args.zeroForOne;
      if (v.fn === "Pool.getOutputAmount") {
        const r = pool.quote({ zeroForOne, amountSpecified: BigInt(v.args.amountIn) });
        expect(-(zeroForOne ? r.amount1 : r.amount0), v.source.test).toBe(BigInt(v.expect));
      } else {
        const r = pool.quote({ zeroForOne, amountSpecified: -BigInt(v.args.amountOut) });
        expect(zeroForOne ? r.amount0 : r.amount1, v.source.test).toBe(BigInt(v.expect));
      }
      pool.free();
    }
  });
});

// ---------------------------------------------------------------- v3-sdk

const TOKEN0 = new Token(1, "0x0000000000000000000000000000000000000001", 18, "T0");
const TOKEN1 = new Token(1, "0x0000000000000000000000000000000000000002", 18, "T1");

describe("Pool vs @uniswap/v3-sdk", () => {
  it("gives the SDK's amounts, price, tick and liquidity for random exact-in and exact-out quotes on a pool with many ticks", async () => {
    // 60 random positions at spacing 60 around tick 0, plus one full-range position.
    const positions = fc
      .sample(fc.record({ lo: fc.integer({ min: -120, max: 119 }), w: fc.integer({ min: 1, max: 60 }), l: fc.bigInt(10n ** 15n, 10n ** 19n) }), { numRuns: 60, seed: 7 })
      .map((p) => ({ tickLower: p.lo * 60, tickUpper: (p.lo + p.w) * 60, liquidity: p.l }));
    positions.push({ tickLower: -887220, tickUpper: 887220, liquidity: 10n ** 17n });
    const startTick = 137;
    const sqrtStart = BigInt(SdkTickMath.getSqrtRatioAtTick(startTick).toString());
    const pool = new Pool({ sqrtPriceX96: sqrtStart, tickSpacing: 60, fee: 3000, protocolFeePips: 0 });
    for (const p of positions) pool.mint(p.tickLower, p.tickUpper, p.liquidity);
    const ticks = pool.getTicks();
    expect(ticks.length).toBeGreaterThan(80);
    const sdk = new SdkPool(
      TOKEN0,
      TOKEN1,
      3000,
      sqrtStart.toString(),
      pool.liquidity.toString(),
      pool.tick,
      ticks.map((t) => ({ index: t.tick, liquidityNet: t.makerLiquidityNet.toString(), liquidityGross: t.liquidityGross.toString() })),
    );
    const cases = fc.sample(
      fc.record({ zeroForOne: fc.boolean(), exactIn: fc.boolean(), amount: fc.oneof(fc.bigInt(1n, 10n ** 16n), fc.bigInt(10n ** 16n, 10n ** 20n)) }),
      { numRuns: 120, seed: 11 },
    );
    let crossedMany = 0;
    for (const c of cases) {
      if (c.exactIn) {
        const [out, after] = await sdk.getOutputAmount(CurrencyAmount.fromRawAmount(c.zeroForOne ? TOKEN0 : TOKEN1, c.amount.toString()));
        const r = pool.quote({ zeroForOne: c.zeroForOne, amountSpecified: c.amount });
        expect(-(c.zeroForOne ? r.amount1 : r.amount0)).toBe(BigInt(out.quotient.toString()));
        expect(r.sqrtPriceX96).toBe(BigInt(after.sqrtRatioX96.toString()));
        expect(r.tick).toBe(after.tickCurrent);
        expect(r.liquidity).toBe(BigInt(after.liquidity.toString()));
        if (Math.abs(r.tick - startTick) > 7 * 60) crossedMany++;
      } else {
        const [inp, after] = await sdk.getInputAmount(CurrencyAmount.fromRawAmount(c.zeroForOne ? TOKEN1 : TOKEN0, c.amount.toString()));
        const r = pool.quote({ zeroForOne: c.zeroForOne, amountSpecified: -c.amount });
        expect(c.zeroForOne ? r.amount0 : r.amount1).toBe(BigInt(inp.quotient.toString()));
        expect(r.sqrtPriceX96).toBe(BigInt(after.sqrtRatioX96.toString()));
        expect(r.tick).toBe(after.tickCurrent);
      }
    }
    expect(crossedMany).toBeGreaterThan(10);
    pool.free();
  });
});

// ---------------------------------------------------------------- the 2sAMM rules

describe("Pool: makers, takers and the dynamic fee", () => {
  it("takers reduce active liquidity, the cap holds at every price of the range, and the fee follows the curve", () => {
    const pool = new Pool({ sqrtPriceX96: Q96, tickSpacing: 60 });
    pool.mint(-600, 600, 10n * E18);
    pool.mint(-120, 120, 10n * E18);
    expect(pool.feePips).toBe(100); // q = 0: minFee
    pool.take(-60, 60, 10n * E18); // q = 10/20 at the price
    expect(pool.makerLiquidity).toBe(20n * E18);
    expect(pool.takerLiquidity).toBe(10n * E18);
    expect(pool.liquidity).toBe(10n * E18);
    expect(pool.feePips).toBe(5000); // q = 1/2: midFee exactly
    // Over [-600, 600) the cap binds inside [-60, 60): (10 + 4) / 20 = 70% exactly.
    pool.take(-600, 600, 4n * E18);
    const before = snapshot(pool);
    expect(() => pool.take(-600, 600, 1n)).toThrow(TakerCapExceededError);
    expect(() => pool.take(-60, 60, 1n)).toThrow(TakerCapExceededError);
    // Outside [-120, 120) makers hold 10e18 and takers 4e18: 3e18 more is exactly 70%.
    expect(() => pool.take(-600, -120, 3n * E18 + 1n)).toThrow(TakerCapExceededError);
    // The cap governs new reservations only: makers may withdraw whatever is not reserved. In
    // [-60, 60) makers hold 20e18 and takers 14e18, so 6e18 may leave, not one unit more.
    expect(() => pool.burn(-120, 120, 6n * E18 + 1n)).toThrow(LiquidityReservedError);
    expect(snapshot(pool)).toEqual(before);
    pool.burn(-120, 120, 6n * E18);
    expect(pool.liquidity).toBe(0n); // R = P at the price: nothing active
    expect(pool.feePips).toBe(50000); // q = 1: maxFee
    expect(() => pool.take(-60, 60, 1n)).toThrow(TakerCapExceededError);
    pool.mint(-120, 120, 6n * E18);
    expect(snapshot(pool)).toEqual(before);
    pool.take(-600, -120, 3n * E18);
    // q = 14/20: ceil(4900 * 20 / 6) + 2 * 100 - 5000 = 16334 - 4800 = 11534 pips.
    expect(pool.feePips).toBe(11534);
    // Releasing the reservations at the price brings the curve back to minFee.
    pool.release(-600, 600, 4n * E18);
    pool.release(-60, 60, 10n * E18);
    expect(pool.feePips).toBe(100);
    expect(pool.liquidity).toBe(20n * E18);
    // An emptied taker position is gone, as TwoSidedPool's release sees it.
    expect(() => pool.release(-60, 60, 1n)).toThrow(PositionNotFoundError);
    pool.free();
  });

  it("a swap pays the fee of the maker/taker ratio in force at each step", () => {
    // Two equal pools but one has takers on [-60, 60): the first step there pays midFee.
    const plain = new Pool({ sqrtPriceX96: Q96, tickSpacing: 60, protocolFeePips: 0 });
    const taken = new Pool({ sqrtPriceX96: Q96, tickSpacing: 60, protocolFeePips: 0 });
    for (const p of [plain, taken]) p.mint(-6000, 6000, 10n * E18);
    taken.take(-60, 60, 5n * E18);
    const small = { zeroForOne: true, amountSpecified: 10n ** 12n };
    expect(plain.quote(small).feeAmount).toBe(10n ** 8n); // 100 pips of 1e12
    expect(taken.quote(small).feeAmount).toBe(5n * 10n ** 9n); // 5000 pips of 1e12
    // A large swap leaves [-60, 60) and pays minFee beyond: fee between the two rates.
    const big = { zeroForOne: true, amountSpecified: E18 };
    const r = taken.quote(big);
    expect(r.tick).toBeLessThan(-60);
    expect(r.feeAmount).toBeGreaterThan(plain.quote(big).feeAmount);
    expect(r.feeAmount).toBeLessThan(E18 / 200n);
    expect(r.takerLiquidity).toBe(0n);
    plain.free();
    taken.free();
  });

  it("matches the pure-BigInt model pool step by step over random mint/burn/take/release/swap sequences", () => {
    const range = fc.oneof(
      { weight: 5, arbitrary: fc.record({ lo: fc.integer({ min: -30, max: 29 }), w: fc.integer({ min: 1, max: 20 }) }).map((r) => [r.lo * 10, (r.lo + r.w) * 10] as const) },
      { weight: 1, arbitrary: fc.constant([-887270, 887270] as const) },
    );
    const op = fc.oneof(
      fc.record({ k: fc.constantFrom("mint" as const, "take" as const), r: range, l: fc.oneof(fc.bigInt(1n, 10n ** 6n), fc.bigInt(10n ** 15n, 10n ** 20n), fc.constant(0n)) }),
      // pct 0: a zero burn / release (a poke); above 100: an over-burn.
      fc.record({ k: fc.constantFrom("burn" as const, "release" as const), pick: fc.nat(), pct: fc.integer({ min: 0, max: 120 }) }),
      fc.record({
        k: fc.constant("swap" as const),
        zeroForOne: fc.boolean(),
        exactIn: fc.boolean(),
        amount: fc.oneof(fc.bigInt(1n, 10n ** 9n), fc.bigInt(10n ** 15n, 10n ** 20n)),
        limitTicks: fc.option(fc.integer({ min: -50, max: 400 })),
      }),
    );
    const config = fc.record({
      fee: fc.oneof(fc.constant(undefined), fc.constant(3000), fc.constant({ minFeePips: 500, midFeePips: 8000, maxFeePips: 100_000 })),
      protocolFeePips: fc.constantFrom(0, 50_000, 333_333),
      takerCapPips: fc.constantFrom(700_000, 1_000_000, 300_000),
    });
    let steps = 0, swaps = 0, failures = 0;
    fc.assert(
      fc.property(config, fc.array(op, { minLength: 10, maxLength: 40 }), (cfg, ops) => {
        const conf = { sqrtPriceX96: Q96, tickSpacing: 10, ...cfg };
        const wasm = new Pool(conf);
        const model = new ModelPool(conf);
        const ranges: Record<"maker" | "taker", Array<readonly [number, number]>> = { maker: [], taker: [] };
        try {
          const run = (o: (typeof ops)[number]) => {
            switch (o.k) {
              case "mint":
              case "take": {
                const [lo, hi] = o.r;
                (o.k === "mint" ? ranges.maker : ranges.taker).push(o.r);
                return [outcome(() => wasm[o.k](lo, hi, o.l)), outcome(() => model[o.k](lo, hi, o.l))];
              }
              case "burn":
              case "release": {
                const list = o.k === "burn" ? ranges.maker : ranges.taker;
                if (list.length === 0) return undefined;
                const [lo, hi] = list[o.pick % list.length];
                const held = (o.k === "burn" ? model.getMakerPosition(lo, hi) : model.getTakerPosition(lo, hi)).liquidity;
                const l = o.pct === 0 ? 0n : held === 0n ? 1n : (held * BigInt(o.pct)) / 100n || 1n;
                return [outcome(() => wasm[o.k](lo, hi, l)), outcome(() => model[o.k](lo, hi, l))];
              }
              case "swap": {
                const limit =
                  o.limitTicks === null ? (o.zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n) : getSqrtRatioAtTick(Math.max(-887272, Math.min(887272, model.tick + (o.zeroForOne ? -o.limitTicks : o.limitTicks))));
                const params = { zeroForOne: o.zeroForOne, amountSpecified: o.exactIn ? o.amount : -o.amount, sqrtPriceLimitX96: limit };
                swaps++;
                const w = outcome(() => wasm.swap(params));
                const m = outcome(() => {
                  const r = model.swap(params);
                  const { amount0, amount1, sqrtPriceX96, tick, liquidity, feeGrowthGlobal0X128, feeGrowthGlobal1X128, feeAmount, protocolFee } = r;
                  return { amount0, amount1, sqrtPriceX96, tick, liquidity, feeGrowthGlobal0X128, feeGrowthGlobal1X128, feeAmount, protocolFee, makerLiquidity: model.makerLiquidity, takerLiquidity: model.takerLiquidity };
                });
                return [w, m];
              }
            }
          };
          for (const o of [{ k: "mint" as const, r: [-887270, 887270] as const, l: 10n ** 18n }, ...ops]) {
            const res = run(o);
            if (!res) continue;
            steps++;
            if (!res[1].ok) failures++;
            expect(res[0], JSON.stringify(o, (_, x) => (typeof x === "bigint" ? `${x}` : x))).toEqual(res[1]);
            const s = wasm.getState();
            expect(s).toEqual({
              sqrtPriceX96: model.sqrtPriceX96,
              tick: model.tick,
              makerLiquidity: model.makerLiquidity,
              takerLiquidity: model.takerLiquidity,
              liquidity: model.liquidity,
              feePips: model.currentFeePips(),
              feeGrowthGlobal0X128: model.feeGrowthGlobal0X128,
              feeGrowthGlobal1X128: model.feeGrowthGlobal1X128,
              protocolFees0: model.protocolFees0,
              protocolFees1: model.protocolFees1,
            });
          }
          const modelTicks = [...model.ticks.entries()].sort((a, b) => a[0] - b[0]).map(([tick, t]) => ({ tick, ...t }));
          expect(wasm.getTicks()).toEqual(modelTicks);
          for (const [lo, hi] of [...ranges.maker, ...ranges.taker]) expect(wasm.feeGrowthInside(lo, hi)).toEqual(model.feeGrowthInside(lo, hi));
        } finally {
          wasm.free();
        }
      }),
      { seed: 20260501, numRuns: 40 },
    );
    expect(swaps).toBeGreaterThan(200);
    expect(failures).toBeGreaterThan(20);
    expect(steps).toBeGreaterThan(600);
  });

  it("reuses whole steps between ticks (the step cache) without changing any result, and drops them when liquidity changes", () => {
    const conf = { sqrtPriceX96: getSqrtRatioAtTick(2999), tickSpacing: 60, protocolFeePips: 50_000 };
    const wasm = new Pool(conf);
    const model = new ModelPool(conf);
    for (let k = 1; k <= 50; k++) {
      wasm.mint(-60 * k, 60 * k, E18 + BigInt(k) * 10n ** 16n);
      model.mint(-60 * k, 60 * k, E18 + BigInt(k) * 10n ** 16n);
    }
    const cases = fc.sample(
      fc.record({ zeroForOne: fc.boolean(), exactIn: fc.boolean(), amount: fc.bigInt(10n ** 14n, 3n * E18), act: fc.integer({ min: 0, max: 9 }), k: fc.integer({ min: 1, max: 50 }) }),
      { numRuns: 300, seed: 99 },
    );
    const pick = (r: { amount0: bigint; amount1: bigint; sqrtPriceX96: bigint; tick: number; liquidity: bigint; feeGrowthGlobal0X128: bigint; feeGrowthGlobal1X128: bigint; feeAmount: bigint; protocolFee: bigint }) => {
      const { amount0, amount1, sqrtPriceX96, tick, liquidity, feeGrowthGlobal0X128, feeGrowthGlobal1X128, feeAmount, protocolFee } = r;
      return { amount0, amount1, sqrtPriceX96, tick, liquidity, feeGrowthGlobal0X128, feeGrowthGlobal1X128, feeAmount, protocolFee };
    };
    let changes = 0;
    for (const c of cases) {
      const params = { zeroForOne: c.zeroForOne, amountSpecified: c.exactIn ? c.amount : -c.amount, sqrtPriceLimitX96: c.zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n };
      // the same quote twice: the second one runs on the steps the first one cached
      const first = outcome(() => pick(wasm.quote(params)));
      expect(outcome(() => pick(wasm.quote(params)))).toEqual(first);
      expect(first).toEqual(outcome(() => pick(model.quote(params))));
      if (c.act === 0) {
        // takers at the price change the fee and the active liquidity of cached steps
        const lo = Math.floor(model.tick / 60) * 60 - 60 * c.k, hi = lo + 120 * c.k;
        expect(outcome(() => wasm.take(lo, hi, 10n ** 17n))).toEqual(outcome(() => model.take(lo, hi, 10n ** 17n)));
        changes++;
      } else if (c.act === 1) {
        expect(outcome(() => pick(wasm.swap(params)))).toEqual(outcome(() => pick(model.swap(params))));
      }
    }
    expect(changes).toBeGreaterThan(15);
    // Amounts at the edge of finishing a cached step: exactly enough to reach tick k, and 1 wei either side.
    for (const zeroForOne of [true, false]) {
      for (const k of [1, 2, 5, 13, 30]) {
        const target = Math.floor(model.tick / 60) * 60 + (zeroForOne ? -60 * (k - 1) : 60 * k);
        const reach = model.quote({ zeroForOne, amountSpecified: 1n << 200n, sqrtPriceLimitX96: getSqrtRatioAtTick(target) });
        expect(reach.tick).toBe(zeroForOne ? target - 1 : target);
        const amountIn = zeroForOne ? reach.amount0 : reach.amount1;
        const amountOut = -(zeroForOne ? reach.amount1 : reach.amount0);
        for (const d of [-1n, 0n, 1n]) {
          for (const amountSpecified of [amountIn + d, -(amountOut + d)]) {
            const params = { zeroForOne, amountSpecified, sqrtPriceLimitX96: zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n };
            const expected = outcome(() => pick(model.quote(params)));
            expect(outcome(() => pick(wasm.quote(params)))).toEqual(expected);
            expect(outcome(() => pick(wasm.quote(params)))).toEqual(expected);
          }
        }
      }
    }
    wasm.free();
  });

  it("keeps the first step of a swap per price and tick: quotes follow swaps that stop on, at and between ticks", () => {
    const conf = { sqrtPriceX96: getSqrtRatioAtTick(130), tickSpacing: 10, protocolFeePips: 30_000 };
    // [90, 120) and [120, 140) meet at 120 with equal liquidity: tick 120 is initialized with zero
    // net, so the pool at price(120) has the same liquidity with tick 119 or 120, only the tick differs
    const POSITIONS = [[-400, 400, 3n * E18], [-100, 60, 5n * E18], [50, 300, 2n * E18], [120, 140, 4n * E18], [90, 120, 4n * E18]] as const;
    const wasm = new Pool(conf);
    const model = new ModelPool(conf);
    for (const [lo, hi, l] of POSITIONS) {
      wasm.mint(lo, hi, l);
      model.mint(lo, hi, l);
    }
    wasm.take(-100, 60, E18);
    model.take(-100, 60, E18);
    const pick = (r: { amount0: bigint; amount1: bigint; sqrtPriceX96: bigint; tick: number; liquidity: bigint; feeGrowthGlobal0X128: bigint; feeGrowthGlobal1X128: bigint; feeAmount: bigint; protocolFee: bigint }) =>
      [r.amount0, r.amount1, r.sqrtPriceX96, r.tick, r.liquidity, r.feeGrowthGlobal0X128, r.feeGrowthGlobal1X128, r.feeAmount, r.protocolFee];
    const quotes = () => {
      for (const zeroForOne of [true, false]) {
        for (const amountSpecified of [10n ** 15n, -(10n ** 15n), 5n * E18, -E18]) {
          const params = { zeroForOne, amountSpecified, sqrtPriceLimitX96: zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n };
          const expected = outcome(() => pick(model.quote(params)));
          // twice: the second quote starts from the cached first step
          for (let i = 0; i < 2; i++) expect(outcome(() => pick(wasm.quote(params)))).toEqual(expected);
        }
      }
    };
    // Swaps that stop exactly on an initialized tick (from above: tick = t - 1 at price(t); from
    // below: tick = t), on an uninitialized one, and between ticks, then back.
    const limits = [140, 120, 100, 120, 60, 55, 50, -100, -100, 60, 140, 130, 300, 137];
    for (const [i, t] of limits.entries()) {
      // no quotes around the dip to 100 (i = 2, 3): the pool then returns to price(120) with tick
      // 120 while the leftward first-step entry still describes price(120) with tick 119
      if (i !== 2 && i !== 3) quotes();
      const price = getSqrtRatioAtTick(t);
      const zeroForOne = price < model.sqrtPriceX96;
      if (price === model.sqrtPriceX96) continue;
      const params = { zeroForOne, amountSpecified: 100n * E18, sqrtPriceLimitX96: t === 137 || t === 55 ? price + 12345n : price };
      expect(outcome(() => pick(wasm.swap(params)))).toEqual(outcome(() => pick(model.swap(params))));
      expect(wasm.getState().tick).toBe(model.tick);
      // a swap that starts on an initialized tick crosses it (or not) by the tick, not the price
      expect(wasm.getTicks()).toEqual([...model.ticks.entries()].sort((a, b) => a[0] - b[0]).map(([tick, r]) => ({ tick, ...r })));
    }
    quotes();
    // A snapshot at the same price but the tick below (a pool that arrived from above): its own first step.
    const state = wasm.getState();
    const other = new Pool(conf);
    try {
      other.setTicks(wasm.getTicks());
      const at = getSqrtRatioAtTick(120);
      for (const tick of [120, 119]) {
        const ref = new ModelPool(conf);
        for (const [lo, hi, l] of POSITIONS) ref.mint(lo, hi, l);
        ref.take(-100, 60, E18);
        // from above the price stops with tick 119; from below (after a dip to tick 100), with 120
        if (tick === 120) ref.swap({ zeroForOne: true, amountSpecified: 100n * E18, sqrtPriceLimitX96: getSqrtRatioAtTick(100) });
        ref.swap({ zeroForOne: tick === 119, amountSpecified: 100n * E18, sqrtPriceLimitX96: at });
        expect([ref.sqrtPriceX96, ref.tick]).toEqual([at, tick]);
        other.setState({ ...state, sqrtPriceX96: at, tick, makerLiquidity: ref.makerLiquidity, takerLiquidity: ref.takerLiquidity });
        for (const zeroForOne of [true, false]) {
          const params = { zeroForOne, amountSpecified: 10n ** 17n, sqrtPriceLimitX96: zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n };
          const expected = ref.quote(params);
          for (let i = 0; i < 2; i++) {
            const got = other.quote(params);
            expect([got.amount0, got.amount1, got.sqrtPriceX96, got.tick]).toEqual([expected.amount0, expected.amount1, expected.sqrtPriceX96, expected.tick]);
          }
        }
      }
    } finally {
      other.free();
      wasm.free();
    }
  });

  it("finds ticks added and removed since its steps were cached (new positions, burns, snapshots)", () => {
    const conf = { sqrtPriceX96: getSqrtRatioAtTick(500), tickSpacing: 10, protocolFeePips: 20_000 };
    const wasm = new Pool(conf);
    const model = new ModelPool(conf);
    const both = (f: (p: Pool | ModelPool) => unknown) => {
      f(wasm);
      f(model);
    };
    both((p) => p.mint(-2000, 2000, 5n * E18));
    both((p) => p.mint(-600, 1500, 3n * E18));
    const pick = (r: { amount0: bigint; amount1: bigint; sqrtPriceX96: bigint; tick: number; liquidity: bigint; feeGrowthGlobal0X128: bigint; feeGrowthGlobal1X128: bigint }) =>
      [r.amount0, r.amount1, r.sqrtPriceX96, r.tick, r.liquidity, r.feeGrowthGlobal0X128, r.feeGrowthGlobal1X128];
    const check = () => {
      for (const zeroForOne of [true, false]) {
        for (const amountSpecified of [E18 / 7n, -(E18 / 9n), 4n * E18]) {
          const params = { zeroForOne, amountSpecified, sqrtPriceLimitX96: zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n };
          const expected = outcome(() => pick(model.quote(params)));
          for (let i = 0; i < 2; i++) expect(outcome(() => pick(wasm.quote(params)))).toEqual(expected);
        }
      }
    };
    check();
    // new ticks inside steps already cached, on both sides of the price and in other words
    for (const [lo, hi] of [[300, 450], [-450, -100], [520, 530], [-1500, 3000]] as const) {
      both((p) => p.mint(lo, hi, E18));
      check();
    }
    // a swap across them, then their removal
    both((p) => p.swap({ zeroForOne: true, amountSpecified: 2n * E18, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n }));
    check();
    for (const [lo, hi] of [[300, 450], [520, 530], [-450, -100]] as const) {
      both((p) => p.burn(lo, hi, E18));
      check();
    }
    // a snapshot that drops a position's ticks, loaded over the cached pool
    const snap = new ModelPool(conf);
    snap.mint(-2000, 2000, 5n * E18);
    snap.mint(-1500, 3000, E18);
    snap.swap({ zeroForOne: false, amountSpecified: E18, sqrtPriceLimitX96: MAX_SQRT_RATIO - 1n });
    try {
      wasm.setTicks([...snap.ticks.entries()].map(([tick, t]) => ({ tick, ...t })));
      wasm.setState({
        sqrtPriceX96: snap.sqrtPriceX96,
        tick: snap.tick,
        makerLiquidity: snap.makerLiquidity,
        takerLiquidity: snap.takerLiquidity,
        feeGrowthGlobal0X128: snap.feeGrowthGlobal0X128,
        feeGrowthGlobal1X128: snap.feeGrowthGlobal1X128,
        protocolFees0: snap.protocolFees0,
        protocolFees1: snap.protocolFees1,
      });
      for (const zeroForOne of [true, false]) {
        const params = { zeroForOne, amountSpecified: 3n * E18, sqrtPriceLimitX96: zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n };
        expect(outcome(() => pick(wasm.quote(params)))).toEqual(outcome(() => pick(snap.quote(params))));
      }
    } finally {
      wasm.free();
    }
    // the same price and tick over other ticks ([100, 300) for [100, 200)): the first step must
    // look for its next tick again
    const small = new Pool(conf);
    try {
      small.mint(-2000, 2000, 5n * E18);
      small.mint(100, 200, E18);
      // (small enough to stay inside the positions: a quote into the empty range would visit
      // hundreds of word boundaries and reuse the start entries for them)
      const left = { zeroForOne: true, amountSpecified: E18 / 10n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n };
      small.quote(left);
      const state = small.getState();
      const reference = new ModelPool(conf);
      reference.mint(-2000, 2000, 5n * E18);
      reference.mint(100, 300, E18);
      small.setTicks([...reference.ticks.entries()].map(([tick, t]) => ({ tick, ...t })));
      small.setState(state);
      expect(pick(small.quote(left))).toEqual(pick(reference.quote(left)));
    } finally {
      small.free();
    }
  });

  it("conserves fees: what makers earn minus what takers owe is what swappers paid minus the protocol's share", () => {
    const pool = new Pool({ sqrtPriceX96: Q96, tickSpacing: 10 });
    const makers = [
      [-887270, 887270, 3n * E18],
      [-200, 200, 20n * E18],
      [-50, 100, 7n * E18],
      [0, 300, 5n * E18],
    ] as const;
    const takers = [
      [-100, 50, 8n * E18],
      [-200, 200, 3n * E18],
      [20, 100, 2n * E18],
    ] as const;
    const start = new Map<string, { feeGrowthInside0X128: bigint; feeGrowthInside1X128: bigint }>();
    for (const [lo, hi, l] of makers) pool.mint(lo, hi, l);
    for (const [lo, hi, l] of takers) pool.take(lo, hi, l);
    for (const [lo, hi] of [...makers, ...takers]) start.set(`${lo}:${hi}`, pool.feeGrowthInside(lo, hi));
    const paid = [0n, 0n], protocol = [0n, 0n];
    const swaps = fc.sample(fc.record({ zeroForOne: fc.boolean(), amount: fc.bigInt(10n ** 15n, E18 / 2n), exactIn: fc.boolean() }), { numRuns: 60, seed: 3 });
    for (const s of swaps) {
      const r = pool.swap({ zeroForOne: s.zeroForOne, amountSpecified: s.exactIn ? s.amount : -s.amount });
      paid[s.zeroForOne ? 0 : 1] += r.feeAmount;
      protocol[s.zeroForOne ? 0 : 1] += r.protocolFee;
    }
    const growth = (lo: number, hi: number, token: 0 | 1) => {
      const now = pool.feeGrowthInside(lo, hi), then = start.get(`${lo}:${hi}`)!;
      const k = token === 0 ? "feeGrowthInside0X128" : "feeGrowthInside1X128";
      return BigInt.asUintN(256, now[k] - then[k]);
    };
    for (const token of [0, 1] as const) {
      const earned = makers.reduce((s, [lo, hi, l]) => s + (growth(lo, hi, token) * l) / Q128, 0n);
      const owed = takers.reduce((s, [lo, hi, l]) => s + (growth(lo, hi, token) * l + Q128 - 1n) / Q128, 0n);
      expect(paid[token]).toBeGreaterThan(0n);
      expect(protocol[token]).toBeGreaterThan(0n);
      const lost = paid[token] - protocol[token] - (earned - owed);
      // Each step's growth rounds down (< 1 wei per step), each position's share once more.
      expect(lost).toBeGreaterThanOrEqual(0n);
      expect(lost).toBeLessThan(BigInt(swaps.length * 20 + makers.length + takers.length));
    }
    pool.free();
  });
});

// ---------------------------------------------------------------- engine details

describe("Pool engine", () => {
  it("finds the next initialized tick within one word exactly as the model's TickBitmap", () => {
    for (const spacing of [1, 10, 60, 200]) {
      const pool = new Pool({ sqrtPriceX96: Q96, tickSpacing: spacing });
      const ranges = fc.sample(fc.tuple(fc.integer({ min: -700, max: 699 }), fc.integer({ min: 1, max: 700 })), { numRuns: 40, seed: spacing });
      for (const [lo, w] of ranges) pool.mint(lo * spacing, Math.min(lo + w, 887272 / spacing) * spacing, E18);
      pool.mint(Math.ceil(-887272 / spacing) * spacing, Math.floor(887272 / spacing) * spacing, E18);
      const bitmap: TickBitmap = new Map();
      for (const t of pool.getTicks()) flipTick(bitmap, t.tick, spacing);
      const { exports, io } = getCore();
      const probes = fc.sample(
        fc.oneof(fc.integer({ min: -887272, max: 887272 }), fc.integer({ min: -1500 * spacing, max: 1500 * spacing }), fc.constantFrom(-887272, 887272, -1, 0, 255 * spacing, 256 * spacing, -256 * spacing - 1)),
        { numRuns: 400, seed: spacing + 1 },
      );
      for (const tick of probes) {
        for (const lte of [true, false]) {
          const expected = nextInitializedTickWithinOneWord(bitmap, tick, spacing, lte);
          expect(exports.poolNextInitializedTick(pool.handle, tick, lte ? 1 : 0)).toBe(0);
          const out = getCore().io;
          expect({ next: Number(BigInt.asIntN(64, out[0])), initialized: out[1] === 1n }, `${tick} ${lte} spacing ${spacing}`).toEqual(expected);
        }
      }
      void io;
      pool.free();
    }
  });

  it("passes amounts across the binding exactly at every word-size boundary (2^32, 2^53, 2^64, 2^128, int256 bounds)", () => {
    const conf = { sqrtPriceX96: Q96, tickSpacing: 60, fee: 3000, protocolFeePips: 0 };
    const wasm = new Pool(conf);
    const model = new ModelPool(conf);
    for (const p of [wasm, model]) {
      p.mint(-887220, 887220, 10n ** 30n);
      p.mint(-600, 600, 10n ** 33n);
    }
    const edges = [1n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 96n, 2n ** 128n, 2n ** 255n - 1n];
    const amounts = [...edges, ...edges.map((e) => -e), -(2n ** 255n)];
    for (const zeroForOne of [true, false]) {
      const many = wasm.quoteMany({ zeroForOne, amounts });
      amounts.forEach((amountSpecified, i) => {
        const params = { zeroForOne, amountSpecified, sqrtPriceLimitX96: zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n };
        const m = model.quote(params);
        const w = wasm.quote(params);
        expect([w.amount0, w.amount1, w.sqrtPriceX96, w.tick, w.feeAmount], `${amountSpecified}`).toEqual([m.amount0, m.amount1, m.sqrtPriceX96, m.tick, m.feeAmount]);
        expect([many.amount0[i], many.amount1[i], many.sqrtPriceX96[i], many.tick[i]]).toEqual([m.amount0, m.amount1, m.sqrtPriceX96, m.tick]);
      });
    }
    wasm.free();
  });

  it("quoteInto fills a reusable SwapResult with the model's quote at every word-size boundary, unchanged on failure", () => {
    const conf = { sqrtPriceX96: Q96, tickSpacing: 60, fee: 3000, protocolFeePips: 100_000 };
    const wasm = new Pool(conf);
    const model = new ModelPool(conf);
    for (const p of [wasm, model]) {
      p.mint(-887220, 887220, 10n ** 30n);
      p.mint(-600, 600, 10n ** 33n);
    }
    const edges = [1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 128n, 2n ** 255n - 1n];
    const out = new SwapResult();
    for (const zeroForOne of [true, false]) {
      for (const amountSpecified of [...edges, ...edges.map((e) => -e)]) {
        const params = { zeroForOne, amountSpecified };
        const m = model.quote({ ...params, sqrtPriceLimitX96: zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n }) as unknown as Record<string, unknown>;
        expect(wasm.quoteInto(params, out)).toBe(out);
        const got = out.toObject() as unknown as Record<string, unknown>;
        for (const k of Object.keys(got)) if (k in m) expect(got[k], `${k} of ${amountSpecified}`).toEqual(m[k]);
        expect(got).toEqual(wasm.quote(params));
      }
    }
    const before = out.toObject();
    expect(() => wasm.quoteInto({ zeroForOne: true, amountSpecified: 0n }, out)).toThrow(AmountSpecifiedZeroError);
    expect(() => wasm.quoteInto({ zeroForOne: true, amountSpecified: 1n }, {} as SwapResult)).toThrow(/SwapResult/);
    expect(out.toObject()).toEqual(before);
    wasm.free();
  });

  it("quoteMany gives each amount's quote in one call and reports the failing index", () => {
    const pool = new Pool({ sqrtPriceX96: Q96, tickSpacing: 60, fee: 3000 });
    for (let k = 1; k <= 50; k++) pool.mint(-60 * k, 60 * k, E18 + BigInt(k) * 10n ** 16n);
    const amounts = [1n, 10n ** 12n, 10n ** 18n, 5n * 10n ** 19n, -(10n ** 17n), -(10n ** 18n)];
    for (const zeroForOne of [true, false]) {
      const many = pool.quoteMany({ zeroForOne, amounts });
      amounts.forEach((a, i) => {
        const q = pool.quote({ zeroForOne, amountSpecified: a });
        expect([many.amount0[i], many.amount1[i], many.sqrtPriceX96[i], many.tick[i]]).toEqual([q.amount0, q.amount1, q.sqrtPriceX96, q.tick]);
      });
    }
    const typed = pool.quoteMany({ zeroForOne: true, amounts: BigInt64Array.from([10n ** 15n, -(10n ** 15n)]) });
    expect(typed.amount0[0]).toBe(10n ** 15n);
    expect(typed.amount1[1]).toBe(-(10n ** 15n));
    expect(() => pool.quoteMany({ zeroForOne: true, amounts: [1n, 0n, 2n] })).toThrow(/amounts\[1\]/);
    expect(() => pool.quoteMany({ zeroForOne: true, amounts: [1n, 0n, 2n] })).toThrow(AmountSpecifiedZeroError);
    expect(pool.quoteMany({ zeroForOne: true, amounts: [] }).tick.length).toBe(0);
    pool.free();
  });

  it("names every failure with a typed error and leaves the pool and Wasm memory usable", () => {
    expect(() => new Pool({ sqrtPriceX96: Q96, tickSpacing: 0 })).toThrow(InvalidTickSpacingError);
    expect(() => new Pool({ sqrtPriceX96: Q96, tickSpacing: 16385 })).toThrow(InvalidTickSpacingError);
    expect(() => new Pool({ sqrtPriceX96: Q96, tickSpacing: 60, fee: { minFeePips: 10, midFeePips: 5, maxFeePips: 20 } })).toThrow(InvalidFeeParamsError);
    expect(() => new Pool({ sqrtPriceX96: Q96, tickSpacing: 60, fee: 1_000_000 })).toThrow(InvalidFeeParamsError);
    expect(() => new Pool({ sqrtPriceX96: Q96, tickSpacing: 60, protocolFeePips: 1_000_001 })).toThrow(InvalidProtocolFeeError);
    expect(() => new Pool({ sqrtPriceX96: Q96, tickSpacing: 60, takerCapPips: -1 })).toThrow(InvalidTakerCapError);
    expect(() => new Pool({ sqrtPriceX96: MIN_SQRT_RATIO - 1n, tickSpacing: 60 })).toThrow(InvalidSqrtPriceError);
    expect(() => new Pool({ sqrtPriceX96: MAX_SQRT_RATIO, tickSpacing: 60 })).toThrow(InvalidSqrtPriceError);

    const pool = new Pool({ sqrtPriceX96: Q96, tickSpacing: 60 });
    pool.mint(-600, 600, E18);
    pool.take(-120, 120, E18 / 2n);
    pool.swap({ zeroForOne: true, amountSpecified: 10n ** 16n });
    const before = snapshot(pool);
    const maxPerTick = 11505743598341114571880798222544994n; // Uniswap's tickSpacingToMaxLiquidityPerTick(60)
    const failing: Array<[() => unknown, new (...a: any[]) => Error]> = [
      [() => pool.mint(-600, 600, 0n), ZeroLiquidityError],
      [() => pool.mint(-601, 600, 1n), InvalidTickRangeError],
      [() => pool.mint(600, 600, 1n), InvalidTickRangeError],
      [() => pool.mint(-887280, 600, 1n), InvalidTickRangeError],
      [() => pool.mint(-600, 600, 1n << 127n), SafeCastOverflowError],
      [() => pool.mint(-600, 600, maxPerTick), TickLiquidityOverflowError],
      [() => pool.burn(-600, 600, E18 + 1n), LiquidityUnderflowError],
      [() => pool.burn(-60, 60, 1n), LiquidityUnderflowError],
      [() => pool.take(-120, 120, E18 / 5n + 1n), TakerCapExceededError],
      [() => pool.release(-120, 120, E18), LiquidityUnderflowError],
      // TwoSidedPool's check order: the range before the amount; the take's int128 cast and tick
      // limit before its cap walk; burn: cast, reserved walk, then the underflow.
      [() => pool.mint(-601, 600, 0n), InvalidTickRangeError],
      [() => pool.take(-601, 600, 0n), InvalidTickRangeError],
      [() => pool.take(-120, 120, 1n << 127n), SafeCastOverflowError],
      [() => pool.take(-600, 600, maxPerTick), TickLiquidityOverflowError],
      [() => pool.burn(-601, 600, 1n << 127n), InvalidTickRangeError],
      [() => pool.burn(-601, 600, 0n), InvalidTickRangeError],
      [() => pool.burn(-600, 600, 1n << 127n), SafeCastOverflowError],
      // In [-120, 120) makers hold 1e18 and takers 0.5e18.
      [() => pool.burn(-600, 600, E18 / 2n + 1n), LiquidityReservedError],
      // No position on [-60, 60), but the reserved check comes first, as in the contract.
      [() => pool.burn(-60, 60, E18 / 2n + 1n), LiquidityReservedError],
      [() => pool.burn(-60, 60, 0n), PositionNotFoundError],
      [() => pool.release(-60, 60, 0n), PositionNotFoundError],
      [() => pool.release(-60, 60, 1n << 127n), PositionNotFoundError],
      [() => pool.release(-120, 120, 1n << 127n), SafeCastOverflowError],
      [() => pool.release(-601, 600, 0n), InvalidTickRangeError],
      [() => pool.swap({ zeroForOne: true, amountSpecified: 0n }), AmountSpecifiedZeroError],
      [() => pool.swap({ zeroForOne: true, amountSpecified: 1n, sqrtPriceLimitX96: MAX_SQRT_RATIO - 1n }), InvalidPriceLimitError],
      [() => pool.swap({ zeroForOne: false, amountSpecified: 1n, sqrtPriceLimitX96: MAX_SQRT_RATIO }), InvalidPriceLimitError],
      [() => pool.quote({ zeroForOne: true, amountSpecified: 1n, sqrtPriceLimitX96: MIN_SQRT_RATIO }), InvalidPriceLimitError],
      [() => pool.setTicks([{ tick: 61, liquidityGross: 1n, makerLiquidityNet: 1n, takerLiquidityNet: 0n, feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n }]), InvalidSnapshotError],
      [() => pool.setState({ ...before.state, tick: before.state.tick + 5 }), InvalidSnapshotError],
      [() => pool.setState({ ...before.state, takerLiquidity: before.state.makerLiquidity + 1n }), InvalidSnapshotError],
    ];
    for (const [f, err] of failing) {
      expect(f, f.toString()).toThrow(err);
      expect(snapshot(pool)).toEqual(before);
    }
    // A burn or release of 0 of a held position is accepted and changes nothing.
    expect(pool.burn(-600, 600, 0n)).toEqual({ amount0: 0n, amount1: 0n });
    expect(pool.release(-120, 120, 0n)).toEqual({ amount0: 0n, amount1: 0n });
    expect(snapshot(pool)).toEqual(before);
    // Maker liquidity just below the per-tick limit still fits.
    pool.mint(-6000, 6000, maxPerTick - 10n ** 30n);
    pool.burn(-6000, 6000, maxPerTick - 10n ** 30n);
    expect(snapshot(pool)).toEqual(before);
    // Growing Wasm memory (many pools with spacing 1) does not break views held by the bindings.
    const many = Array.from({ length: 150 }, () => new Pool({ sqrtPriceX96: Q96, tickSpacing: 1 }));
    for (const p of many) p.mint(-10, 10, E18);
    for (const p of many) p.free();
    expect(pool.quote({ zeroForOne: false, amountSpecified: 10n ** 15n }).amount0).toBeLessThan(0n);
    pool.free();
    expect(() => pool.quote({ zeroForOne: true, amountSpecified: 1n })).toThrow(PoolNotFoundError);
    expect(() => pool.tick).toThrow(PoolNotFoundError);
    pool.free(); // idempotent
  });

  it("rebuilds a pool from its own snapshot (setState + setTicks) that then swaps identically", () => {
    const src = new Pool({ sqrtPriceX96: Q96, tickSpacing: 10, fee: { minFeePips: 200, midFeePips: 3000, maxFeePips: 40000 } });
    src.mint(-1000, 1000, 5n * E18);
    src.mint(-300, 700, 2n * E18);
    src.take(-200, 200, 3n * E18);
    src.swap({ zeroForOne: true, amountSpecified: 3n * E18 });
    src.swap({ zeroForOne: false, amountSpecified: -(10n ** 18n) });
    const { state, ticks } = snapshot(src);
    const copy = Pool.fromSnapshot({ sqrtPriceX96: state.sqrtPriceX96, tickSpacing: 10, fee: src.feeParams }, state, ticks);
    expect(snapshot(copy)).toEqual({ state, ticks });
    const params = { zeroForOne: true, amountSpecified: 4n * E18 };
    expect(copy.swap(params)).toEqual(src.swap(params));
    expect(snapshot(copy)).toEqual(snapshot(src));
    expect(copy.feeGrowthInside(-300, 700)).toEqual(src.feeGrowthInside(-300, 700));
    // Range totals are not part of a snapshot: nothing to burn until minted again.
    expect(() => copy.burn(-1000, 1000, 1n)).toThrow(LiquidityUnderflowError);
    src.mint(-1000, 1000, 1n);
    src.setTicks(ticks);
    expect(() => src.burn(-1000, 1000, 1n)).toThrow(LiquidityUnderflowError);
    src.free();
    copy.free();
  });

  it("gives the mint/burn amounts of Uniswap's _modifyPosition (rounded up to pay in, down to pay out)", () => {
    const pool = new Pool({ sqrtPriceX96: Q96, tickSpacing: 60 });
    // Below, inside and above the price: amounts from SqrtPriceMath's formulas with bigint.
    const sa = (t: number) => getSqrtRatioAtTick(t);
    const amt0 = (a: bigint, b: bigint, l: bigint, up: boolean) => {
      const num = (l << 96n) * (b - a);
      return up ? (((num + b - 1n) / b) + a - 1n) / a : num / b / a;
    };
    const amt1 = (a: bigint, b: bigint, l: bigint, up: boolean) => (up ? (l * (b - a) + Q96 - 1n) / Q96 : (l * (b - a)) / Q96);
    const L = 123456789012345678901n;
    expect(pool.mint(600, 1200, L)).toEqual({ amount0: amt0(sa(600), sa(1200), L, true), amount1: 0n });
    expect(pool.mint(-1200, -600, L)).toEqual({ amount0: 0n, amount1: amt1(sa(-1200), sa(-600), L, true) });
    expect(pool.mint(-600, 600, L)).toEqual({ amount0: amt0(Q96, sa(600), L, true), amount1: amt1(sa(-600), Q96, L, true) });
    expect(pool.burn(-600, 600, L)).toEqual({ amount0: amt0(Q96, sa(600), L, false), amount1: amt1(sa(-600), Q96, L, false) });
    expect(pool.amountsForLiquidity(600, 1200, L, false)).toEqual({ amount0: amt0(sa(600), sa(1200), L, false), amount1: 0n });
    pool.free();
  });
});
