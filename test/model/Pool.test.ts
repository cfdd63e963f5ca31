// The model pool: Uniswap's whole-pool swap vectors to the wei, the v3-sdk pool vectors, the
// 2sAMM rules (takers, taker cap, dynamic fee), and fee conservation over random sequences.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HAVE_VECTORS, vectors } from "../helpers/vectors.js";
import { Pool } from "../../bindings/model/Pool.js";
import { feePips } from "../../bindings/model/FeeCurve.js";
import { getSqrtRatioAtTick, MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK } from "../../bindings/model/TickMath.js";
import { getAmount0Delta, getAmount1Delta } from "../../bindings/model/SqrtPriceMath.js";
import {
  AmountSpecifiedZeroError,
  InvalidFeeParamsError,
  InvalidPriceLimitError,
  InvalidProtocolFeeError,
  InvalidSqrtPriceError,
  InvalidTakerCapError,
  InvalidTickRangeError,
  InvalidTickSpacingError,
  LiquidityReservedError,
  LiquidityUnderflowError,
  PositionNotFoundError,
  SafeCastOverflowError,
  TakerCapExceededError,
  TickLiquidityOverflowError,
  ZeroLiquidityError,
} from "../../bindings/model/errors.js";

const Q96 = 1n << 96n;
const E18 = 10n ** 18n;

describe("model Pool: Uniswap V3 vectors", () => {
  it.runIf(HAVE_VECTORS)("reproduces all 240 UniswapV3Pool.swap results to the wei (flat fee, no takers, no protocol fee)", () => {
    const vs = vectors("UniswapV3Pool.swap");
    expect(vs.length).toBe(240);
    let reverts = 0;
    for (const v of vs) {
      const a = v.args;
      const pool = new Pool({ sqrtPriceX96: BigInt(a.sqrtPriceX96Start), tickSpacing: a.tickSpacing, fee: a.fee, protocolFeePips: 0 });
      for (const p of a.positions) pool.mint(p.tickLower, p.tickUpper, BigInt(p.liquidity));
      if (v.context?.tickBefore !== undefined) expect(pool.tick, v.source.test).toBe(Number(v.context.tickBefore));
      const params = { zeroForOne: a.zeroForOne, amountSpecified: BigInt(a.amountSpecified), sqrtPriceLimitX96: BigInt(a.sqrtPriceLimitX96) };
      if (v.expect === "revert") {
        expect(v.revertReason).toBe("SPL");
        expect(() => pool.swap(params), v.source.test).toThrow(InvalidPriceLimitError);
        reverts++;
        continue;
      }
      const quoted = pool.quote(params);
      const r = pool.swap(params);
      expect(quoted).toEqual(r);
      const e = v.expect;
      const got = { amount0: r.amount0, amount1: r.amount1, tick: r.tick, fg0: r.feeGrowthGlobal0X128, fg1: r.feeGrowthGlobal1X128 };
      const want = { amount0: BigInt(e.amount0), amount1: BigInt(e.amount1), tick: Number(e.tickAfter), fg0: BigInt(e.feeGrowthGlobal0X128), fg1: BigInt(e.feeGrowthGlobal1X128) };
      expect(got, `#${v.id} ${v.source.test}`).toEqual(want);
      // The pool's state is what the swap reported.
      expect([pool.sqrtPriceX96, pool.tick, pool.feeGrowthGlobal0X128]).toEqual([r.sqrtPriceX96, r.tick, r.feeGrowthGlobal0X128]);
      // Mint amounts, as the vectors record them (the pool's balances after minting).
      if (v.context?.mintAmount0 !== undefined) {
        const sum = a.positions.reduce(
          (acc: bigint[], p: any) => {
            const m = new Pool({ sqrtPriceX96: BigInt(a.sqrtPriceX96Start), tickSpacing: a.tickSpacing, fee: a.fee }).amountsForLiquidity(p.tickLower, p.tickUpper, BigInt(p.liquidity));
            return [acc[0] + m.amount0, acc[1] + m.amount1];
          },
          [0n, 0n],
        );
        expect(sum, v.source.test).toEqual([BigInt(v.context.mintAmount0), BigInt(v.context.mintAmount1)]);
      }
    }
    expect(reverts).toBe(50);
  });

  it.runIf(HAVE_VECTORS)("answers the v3-sdk Pool.getOutputAmount / getInputAmount vectors (exact in / exact out)", () => {
    const vs = [...vectors("Pool.getOutputAmount"), ...vectors("Pool.getInputAmount")];
    expect(vs.length).toBe(4);
    for (const v of vs) {
      const { pool: p, zeroForOne } = v.args;
      const pool = new Pool({ sqrtPriceX96: BigInt(p.sqrtPriceX96), tickSpacing: p.tickSpacing, fee: p.fee, protocolFeePips: 0 });
      // Rebuild the sdk's tick list: between consecutive ticks, the running sum of liquidityNet.
      const ticks = [...p.ticks].sort((x: any, y: any) => x.index - y.index);
      let running = 0n;
      for (let i = 0; i + 1 < ticks.length; i++) {
        running += BigInt(ticks[i].liquidityNet);
        if (running > 0n) pool.mint(ticks[i].index, ticks[i + 1].index, running);
      }
      expect(pool.liquidity).toBe(BigInt(p.liquidity));
      const limit = zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n;
      if (v.fn === "Pool.getOutputAmount") {
        const r = pool.quote({ zeroForOne, amountSpecified: BigInt(v.args.amountIn), sqrtPriceLimitX96: limit });
        expect(-(zeroForOne ? r.amount1 : r.amount0), v.source.test).toBe(BigInt(v.expect));
      } else {
        const r = pool.quote({ zeroForOne, amountSpecified: -BigInt(v.args.amountOut), sqrtPriceLimitX96: limit });
        expect(zeroForOne ? r.amount0 : r.amount1, v.source.test).toBe(BigInt(v.expect));
      }
    }
  });
});

describe("model Pool: configuration and position checks", () => {
  const base = { sqrtPriceX96: Q96, tickSpacing: 60 };

  it("rejects bad configuration with the named errors", () => {
    expect(() => new Pool({ ...base, sqrtPriceX96: MIN_SQRT_RATIO - 1n })).toThrow(InvalidSqrtPriceError);
    expect(() => new Pool({ ...base, sqrtPriceX96: MAX_SQRT_RATIO })).toThrow(InvalidSqrtPriceError);
    expect(() => new Pool({ ...base, tickSpacing: 0 })).toThrow(InvalidTickSpacingError);
    expect(() => new Pool({ ...base, tickSpacing: 16385 })).toThrow(InvalidTickSpacingError);
    expect(() => new Pool({ ...base, fee: 1_000_000 })).toThrow(InvalidFeeParamsError);
    expect(() => new Pool({ ...base, fee: { minFeePips: 500, midFeePips: 400, maxFeePips: 600 } })).toThrow(InvalidFeeParamsError);
    expect(() => new Pool({ ...base, protocolFeePips: 1_000_001 })).toThrow(InvalidProtocolFeeError);
    expect(() => new Pool({ ...base, takerCapPips: 1_000_001 })).toThrow(InvalidTakerCapError);
    const pool = new Pool(base);
    expect([pool.protocolFeePips, pool.takerCapPips, pool.feeParams]).toEqual([50_000, 700_000, { minFeePips: 100, midFeePips: 5000, maxFeePips: 50000 }]);
  });

  it("rejects bad ranges, zero liquidity, over-burns and tick overflow without changing state", () => {
    const pool = new Pool(base);
    expect(() => pool.mint(60, 60, 1n)).toThrow(InvalidTickRangeError);
    expect(() => pool.mint(-30, 60, 1n)).toThrow(InvalidTickRangeError);
    expect(() => pool.mint(-887280, 60, 1n)).toThrow(InvalidTickRangeError);
    expect(() => pool.mint(-60, 60, 0n)).toThrow(ZeroLiquidityError);
    pool.mint(-60, 60, 1000n);
    expect(() => pool.burn(-60, 60, 1001n)).toThrow(LiquidityUnderflowError);
    expect(() => pool.burn(-120, 60, 1n)).toThrow(LiquidityUnderflowError);
    // 11505743598341114571880798222544994 = (2^128-1) / 29583 usable ticks at spacing 60.
    expect(() => pool.mint(-60, 120, 11505743598341114571880798222544994n - 999n)).toThrow(TickLiquidityOverflowError);
    expect(pool.makerLiquidity).toBe(1000n);
    expect(pool.ticks.size).toBe(2);
    // TwoSidedPool's order: the range first, on a mint and on a burn.
    expect(() => pool.mint(60, 60, 0n)).toThrow(InvalidTickRangeError);
    expect(() => pool.burn(60, 60, 0n)).toThrow(InvalidTickRangeError);
    expect(() => pool.burn(-60, 60, 1n << 127n)).toThrow(SafeCastOverflowError);
    // A burn of 0 pokes a held position (amounts zero, nothing changes); of an empty one it fails.
    expect(pool.burn(-60, 60, 0n)).toEqual({ amount0: 0n, amount1: 0n });
    expect(() => pool.burn(-120, 60, 0n)).toThrow(PositionNotFoundError);
    expect([pool.makerLiquidity, pool.ticks.size]).toEqual([1000n, 2]);
    pool.burn(-60, 60, 1000n);
    expect([pool.makerLiquidity, pool.ticks.size, pool.tickBitmap.size]).toEqual([0n, 0, 0]);
    // The emptied position has nothing to poke either.
    expect(() => pool.burn(-60, 60, 0n)).toThrow(PositionNotFoundError);
  });

  it("checks takes and releases in the contract's order: range, zero, cast, tick limit, cap; range, position, cast, underflow", () => {
    const pool = new Pool(base);
    pool.mint(-600, 600, 1000n);
    expect(() => pool.take(60, 60, 0n)).toThrow(InvalidTickRangeError);
    expect(() => pool.take(-600, 600, 0n)).toThrow(ZeroLiquidityError);
    // The int128 cast and the per-tick limit come before the cap walk.
    expect(() => pool.take(-600, 600, 1n << 127n)).toThrow(SafeCastOverflowError);
    expect(() => pool.take(-600, 600, 11505743598341114571880798222544994n)).toThrow(TickLiquidityOverflowError);
    expect(() => pool.take(-600, 600, 1001n)).toThrow(TakerCapExceededError);
    expect(() => pool.release(-600, 600, 0n)).toThrow(PositionNotFoundError);
    expect(() => pool.release(-600, 600, 1n << 127n)).toThrow(PositionNotFoundError);
    pool.take(-600, 600, 500n);
    expect(() => pool.release(60, 60, 0n)).toThrow(InvalidTickRangeError);
    expect(() => pool.release(-600, 600, 1n << 127n)).toThrow(SafeCastOverflowError);
    expect(() => pool.release(-600, 600, 501n)).toThrow(LiquidityUnderflowError);
    expect(pool.release(-600, 600, 0n)).toEqual({ amount0: 0n, amount1: 0n });
    expect(pool.takerLiquidity).toBe(500n);
  });

  it("mints at Uniswap's rounding: amounts rounded up, burns rounded down", () => {
    const pool = new Pool(base);
    const L = 10n ** 18n + 7n;
    const lower = getSqrtRatioAtTick(-600), upper = getSqrtRatioAtTick(600);
    expect(pool.mint(-600, 600, L)).toEqual({ amount0: getAmount0Delta(Q96, upper, L, true), amount1: getAmount1Delta(lower, Q96, L, true) });
    expect(pool.burn(-600, 600, L)).toEqual({ amount0: getAmount0Delta(Q96, upper, L, false), amount1: getAmount1Delta(lower, Q96, L, false) });
    // Above the range only token1, below only token0.
    expect(pool.amountsForLiquidity(-1200, -600, L).amount0).toBe(0n);
    expect(pool.amountsForLiquidity(600, 1200, L).amount1).toBe(0n);
  });

  it("quote changes nothing; swap applies exactly what quote reported", () => {
    const pool = new Pool({ ...base, protocolFeePips: 50_000 });
    pool.mint(-600, 600, E18);
    pool.mint(-60, 120, 3n * E18);
    const snapshot = () => JSON.stringify({ ...pool, ticks: [...pool.ticks], tickBitmap: [...pool.tickBitmap], makers: [...pool.makers] }, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
    const before = snapshot();
    const params = { zeroForOne: false, amountSpecified: -(3n * 10n ** 16n), sqrtPriceLimitX96: getSqrtRatioAtTick(900) };
    const q = pool.quote(params);
    expect(snapshot()).toBe(before);
    expect([q.steps, q.liquidity]).toEqual([2, E18]); // crosses the tick at 120, leaving only [-600, 600)
    expect(pool.swap(params)).toEqual(q);
    expect([pool.sqrtPriceX96, pool.tick, pool.liquidity, pool.protocolFees1]).toEqual([q.sqrtPriceX96, q.tick, q.liquidity, q.protocolFee]);
    expect(q.amount0).toBe(-(3n * 10n ** 16n)); // about 2.4e16 below tick 120, the rest above it
  });

  it("rejects zero amounts and price limits on the wrong side", () => {
    const pool = new Pool(base);
    pool.mint(-600, 600, E18);
    expect(() => pool.swap({ zeroForOne: true, amountSpecified: 0n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n })).toThrow(AmountSpecifiedZeroError);
    expect(() => pool.swap({ zeroForOne: true, amountSpecified: 1n, sqrtPriceLimitX96: Q96 })).toThrow(InvalidPriceLimitError);
    expect(() => pool.swap({ zeroForOne: true, amountSpecified: 1n, sqrtPriceLimitX96: MIN_SQRT_RATIO })).toThrow(InvalidPriceLimitError);
    expect(() => pool.swap({ zeroForOne: false, amountSpecified: 1n, sqrtPriceLimitX96: MAX_SQRT_RATIO })).toThrow(InvalidPriceLimitError);
    expect(() => pool.swap({ zeroForOne: false, amountSpecified: 1n, sqrtPriceLimitX96: Q96 - 1n })).toThrow(InvalidPriceLimitError);
  });
});

describe("model Pool: takers", () => {
  const config = { sqrtPriceX96: Q96, tickSpacing: 60, protocolFeePips: 0 };

  it("a take removes liquidity from the active curve and raises the fee along the curve", () => {
    const pool = new Pool(config);
    pool.mint(-600, 600, 1000n * E18);
    expect(pool.currentFeePips()).toBe(100); // q = 0: minFee
    pool.take(-600, 600, 500n * E18);
    expect([pool.makerLiquidity, pool.takerLiquidity, pool.liquidity]).toEqual([1000n * E18, 500n * E18, 500n * E18]);
    expect(pool.currentFeePips()).toBe(5000); // q = 1/2: midFee, exactly
    const r = pool.quote({ zeroForOne: true, amountSpecified: 10n ** 15n, sqrtPriceLimitX96: MIN_SQRT_RATIO + 1n });
    expect(r.startFeePips).toBe(5000);
    // Exact input ending inside the range: all 1e15 goes in, of which the fee is 0.5% (plus at most
    // one unit, from rounding the price so that the curve needs no more than 995e12).
    expect(r.amount0).toBe(10n ** 15n);
    expect(r.feeAmount >= 5n * 10n ** 12n && r.feeAmount <= 5n * 10n ** 12n + 1n).toBe(true);
    pool.release(-600, 600, 500n * E18);
    expect(pool.currentFeePips()).toBe(100);
  });

  it("enforces the taker cap at every price in the range (70% by default)", () => {
    const pool = new Pool(config);
    pool.mint(-1200, 1200, 1000n);
    pool.mint(0, 600, 1000n); // 2000 on [0, 600), 1000 elsewhere in [-1200, 1200)
    pool.take(0, 600, 1400n); // 1400 <= 0.7 * 2000
    expect(() => pool.take(0, 600, 1n)).toThrow(TakerCapExceededError);
    // A range is refused when any part of it is full: [0, 600) is at the cap.
    expect(() => pool.take(-600, 600, 1n)).toThrow(TakerCapExceededError);
    // [-600, 0) holds only 1000 maker liquidity: 700 fits exactly, 701 does not.
    expect(() => pool.take(-600, 0, 701n)).toThrow(TakerCapExceededError);
    pool.take(-600, 0, 700n);
    pool.mint(-600, 0, 1n);
    pool.burn(-600, 0, 1n);
    expect(() => pool.take(-1200, -600, 0n)).toThrow(ZeroLiquidityError);
    expect(() => pool.take(600, 1200, 701n)).toThrow(TakerCapExceededError);
    // Nothing provided, nothing to take.
    expect(() => pool.take(1200, 1800, 1n)).toThrow(TakerCapExceededError);
  });

  it("lets makers withdraw whatever is not reserved (LiquidityReserved), past the cap, as TwoSidedPool.burn", () => {
    const pool = new Pool(config);
    pool.mint(-1200, 1200, 1000n);
    pool.mint(0, 600, 1000n);
    pool.take(0, 600, 1400n);
    pool.take(-600, 0, 700n);
    // [0, 600): makers 2000, takers 1400: 600 may leave, 601 may not.
    expect(() => pool.burn(0, 600, 601n)).toThrow(LiquidityReservedError);
    pool.burn(0, 600, 600n);
    expect(pool.liquidityAt(0)).toEqual({ maker: 1400n, taker: 1400n }); // 100% reserved: above the 70% cap
    // [-600, 0): makers 1000, takers 700.
    expect(() => pool.burn(-1200, 1200, 301n)).toThrow(LiquidityReservedError);
    // An over-burn where part of the range still holds enough makers: the reserved check comes first.
    expect(() => pool.burn(-1200, 1200, 1001n)).toThrow(LiquidityReservedError);
    pool.release(0, 600, 1400n);
    pool.release(-600, 0, 700n);
    expect(() => pool.burn(-1200, 1200, 1001n)).toThrow(LiquidityUnderflowError);
    pool.burn(-1200, 1200, 1000n);
    expect(pool.liquidityAt(0)).toEqual({ maker: 400n, taker: 0n });
  });

  it("crossing ticks updates maker and taker liquidity from their nets and re-evaluates the fee", () => {
    const pool = new Pool(config);
    pool.mint(-6000, 6000, 1000n * E18);
    pool.take(-6000, -60, 600n * E18); // q = 0.6 below tick -60
    expect(pool.currentFeePips()).toBe(100);
    const r = pool.swap({ zeroForOne: true, amountSpecified: 10n * E18, sqrtPriceLimitX96: getSqrtRatioAtTick(-120) });
    expect(r.tick).toBe(-120);
    expect([pool.makerLiquidity, pool.takerLiquidity]).toEqual([1000n * E18, 600n * E18]);
    // -4800 + ceil(4900 * 1000 / 400) = 7450 pips once below -60.
    expect(pool.currentFeePips()).toBe(7450);
    expect(feePips(600n * E18, 1000n * E18)).toBe(7450);
    // And back up across -60: the taker liquidity leaves again.
    pool.swap({ zeroForOne: false, amountSpecified: 10n * E18, sqrtPriceLimitX96: getSqrtRatioAtTick(0) });
    expect([pool.tick, pool.takerLiquidity, pool.currentFeePips()]).toEqual([0, 0n, 100]);
  });
});

describe("model Pool: position fees", () => {
  it("makers earn the growth on all their liquidity (rounded down), takers owe it on theirs (rounded up)", () => {
    const pool = new Pool({ sqrtPriceX96: Q96, tickSpacing: 60, protocolFeePips: 100_000 });
    const Lm = 3n * E18 + 1n, Lt = E18 + 7n;
    pool.mint(-600, 600, Lm);
    pool.take(-600, 600, Lt);
    const r = pool.swap({ zeroForOne: false, amountSpecified: 12_345_678_901n, sqrtPriceLimitX96: getSqrtRatioAtTick(60) });
    // One step inside the range: growth = floor((fee − protocol) · 2^128 / (Lm − Lt)), protocol = ceil(fee / 10).
    const protocol = (r.feeAmount + 9n) / 10n;
    expect(r.protocolFee).toBe(protocol);
    const g = ((r.feeAmount - protocol) << 128n) / (Lm - Lt);
    expect(r.feeGrowthGlobal1X128).toBe(g);
    expect(pool.makerFees(-600, 600)).toEqual({ amount0: 0n, amount1: (g * Lm) >> 128n });
    expect(pool.takerFees(-600, 600)).toEqual({ amount0: 0n, amount1: ((g * Lt) >> 128n) + 1n }); // g·Lt is not a multiple of 2^128 here
    expect(((g * Lt) & ((1n << 128n) - 1n)) !== 0n).toBe(true);
    // A position out of range earns nothing.
    pool.mint(600, 1200, E18);
    pool.swap({ zeroForOne: true, amountSpecified: 10n ** 9n, sqrtPriceLimitX96: getSqrtRatioAtTick(-60) });
    expect(pool.makerFees(600, 1200)).toEqual({ amount0: 0n, amount1: 0n });
  });
});

describe("model Pool: fee conservation (fast-check, fixed seed)", () => {
  const TICKS = [-1800, -1200, -600, -60, 0, 60, 600, 1200, 1800];
  const range = fc
    .tuple(fc.integer({ min: 0, max: TICKS.length - 1 }), fc.integer({ min: 0, max: TICKS.length - 1 }))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => [TICKS[Math.min(a, b)], TICKS[Math.max(a, b)]] as const);
  const amount = fc.bigInt(10n ** 12n, 10n ** 21n);
  const op = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant("mint" as const), range, liquidity: amount }), weight: 3 },
    // A take reserves a share of the maker liquidity at the range's lower tick (often within the cap).
    { arbitrary: fc.record({ kind: fc.constant("take" as const), range, share: fc.integer({ min: 1, max: 75 }) }), weight: 3 },
    fc.record({ kind: fc.constant("burn" as const), index: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
    fc.record({ kind: fc.constant("release" as const), index: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
    { arbitrary: fc.record({ kind: fc.constant("swap" as const), zeroForOne: fc.boolean(), exactIn: fc.boolean(), amount: fc.bigInt(1n, 10n ** 20n) }), weight: 4 },
  );

  it("swap fees = maker fees earned − taker fees owed + protocol fees, up to rounding dust kept by the pool", () => {
    let checkedRuns = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 30 }), fc.integer({ min: 0, max: 200_000 }), (ops, protocolFeePips) => {
        const pool = new Pool({ sqrtPriceX96: Q96, tickSpacing: 60, protocolFeePips });
        const swapFees = [0n, 0n];
        // Every rounding event that can leave dust: one per swap step (fee growth floors) and
        // one per position accrual (makers floor, takers ceil).
        const roundings = [0, 0];
        const makers: (readonly [number, number])[] = [], takers: (readonly [number, number])[] = [];
        const accrue = () => { roundings[0]++; roundings[1]++; };
        for (const o of ops) {
          try {
            if (o.kind === "mint") {
              pool.mint(o.range[0], o.range[1], o.liquidity);
              makers.push(o.range);
              accrue();
            } else if (o.kind === "take") {
              const liquidity = (pool.liquidityAt(o.range[0]).maker * BigInt(o.share)) / 100n;
              if (liquidity === 0n) continue;
              pool.take(o.range[0], o.range[1], liquidity);
              takers.push(o.range);
              accrue();
            } else if (o.kind === "burn" || o.kind === "release") {
              const list = o.kind === "burn" ? makers : takers;
              if (list.length === 0) continue;
              const [l, u] = list[o.index % list.length];
              const held = (o.kind === "burn" ? pool.getMakerPosition(l, u) : pool.getTakerPosition(l, u)).liquidity;
              const part = (held * BigInt(o.share)) / 100n;
              if (part === 0n) continue;
              if (o.kind === "burn") pool.burn(l, u, part);
              else pool.release(l, u, part);
              accrue();
            } else {
              const r = pool.swap({
                zeroForOne: o.zeroForOne,
                amountSpecified: o.exactIn ? o.amount : -o.amount,
                // Within 3000 ticks of the price, so sequences stay where the positions are.
                sqrtPriceLimitX96: o.zeroForOne
                  ? (pool.tick - 3000 <= MIN_TICK ? MIN_SQRT_RATIO + 1n : getSqrtRatioAtTick(pool.tick - 3000))
                  : (pool.tick + 3000 >= MAX_TICK ? MAX_SQRT_RATIO - 1n : getSqrtRatioAtTick(pool.tick + 3000)),
              });
              swapFees[o.zeroForOne ? 0 : 1] += r.feeAmount;
              roundings[o.zeroForOne ? 0 : 1] += r.steps;
              // Input paid = amountIn + fee; the fee never exceeds it.
              expect(r.feeAmount <= (o.zeroForOne ? r.amount0 : r.amount1)).toBe(true);
            }
          } catch (e) {
            // Only the taker cap (a take) or reserved liquidity (a burn) may refuse an operation of this generator.
            expect(e).toBeInstanceOf(o.kind === "burn" ? LiquidityReservedError : TakerCapExceededError);
          }
          // Invariants after every operation: burns may leave the ratio above the cap, never above 1.
          const at = pool.liquidityAt(pool.tick);
          expect([at.maker, at.taker]).toEqual([pool.makerLiquidity, pool.takerLiquidity]);
          expect(pool.liquidity >= 0n).toBe(true);
          for (const t of pool.ticks.keys()) {
            const { maker, taker } = pool.liquidityAt(t);
            expect(taker <= maker).toBe(true);
          }
        }
        const unique = (list: (readonly [number, number])[]) => [...new Map(list.map((r) => [`${r[0]}:${r[1]}`, r])).values()];
        const earned = [0n, 0n], owed = [0n, 0n];
        for (const [l, u] of unique(makers)) {
          const f = pool.makerFees(l, u);
          earned[0] += f.amount0;
          earned[1] += f.amount1;
        }
        for (const [l, u] of unique(takers)) {
          const f = pool.takerFees(l, u);
          owed[0] += f.amount0;
          owed[1] += f.amount1;
        }
        const positions = unique(makers).length + unique(takers).length;
        const protocol = [pool.protocolFees0, pool.protocolFees1];
        for (const i of [0, 1]) {
          const dust = swapFees[i] - protocol[i] - (earned[i] - owed[i]);
          expect(dust >= 0n, `token${i} dust ${dust}`).toBe(true);
          expect(dust <= BigInt(roundings[i] + positions), `token${i} dust ${dust} > ${roundings[i] + positions}`).toBe(true);
          // The protocol's share: at least its nominal part of the fees (rounded up per step).
          expect(protocol[i] * 1_000_000n >= swapFees[i] * BigInt(protocolFeePips)).toBe(true);
        }
        if (swapFees[0] + swapFees[1] > 0n && owed[0] + owed[1] > 0n) checkedRuns++;
      }),
      { seed: 20261121, numRuns: 150 },
    );
    // The generator must exercise takers that owe fees, not only trivial sequences.
    expect(checkedRuns).toBeGreaterThan(20);
  });
});
