// Every call into Wasm goes through the one trap guard (bindings/src/call.ts): a trap inside any
// export reaches the caller as WasmTrapError (with the RuntimeError as its cause), never as a raw
// WebAssembly.RuntimeError, and the module keeps working: the next valid call returns what it
// returned before. No valid input is known to trap, so the traps are planted: every function export
// on the loaded instance is replaced, for one call, by one that throws RuntimeError("unreachable").
import { beforeAll, describe, expect, it } from "vitest";
import * as B from "../../bindings/index.js";
import { init, Pool, Solvency, WasmTrapError } from "../../bindings/index.js";
import { getCore } from "../../bindings/src/wasm.js";

const Q96 = 1n << 96n;
const X64 = 1n << 64n;
const A = "0x00000000000000000000000000000000000000a1";

/** Runs `f` with every function export of the instance throwing a trap; restores them after. */
function withTraps<T>(f: () => T): T {
  const exports = getCore().exports as Record<string, unknown>;
  const names: string[] = [];
  for (let o: object | null = exports; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const k of Object.getOwnPropertyNames(o)) if (typeof exports[k] === "function" && !names.includes(k)) names.push(k);
  }
  const own = new Map(names.filter((k) => Object.hasOwn(exports, k)).map((k) => [k, Object.getOwnPropertyDescriptor(exports, k)!]));
  // defineProperty: the raw exports sit on the prototype and are read-only there, so plain assignment would fail
  for (const k of names) {
    Object.defineProperty(exports, k, {
      configurable: true,
      writable: true,
      value: () => {
        throw new WebAssembly.RuntimeError("unreachable");
      },
    });
  }
  try {
    return f();
  } finally {
    for (const k of names) {
      const d = own.get(k);
      if (d) Object.defineProperty(exports, k, d);
      else delete exports[k];
    }
  }
}

const poolConfig = () => ({ sqrtPriceX96: Q96, tickSpacing: 60, fee: 3000, protocolFeePips: 0 });
/** A fresh pool with liquidity over [-6000, 6000], so state-changing calls can be repeated exactly. */
function livePool(): Pool {
  const p = new Pool(poolConfig());
  p.mint(-6000, 6000, 10n ** 20n);
  return p;
}
const poolState = () => ({ sqrtPriceX96: Q96, tick: 0, makerLiquidity: 0n, takerLiquidity: 0n, feeGrowthGlobal0X128: 0n, feeGrowthGlobal1X128: 0n });
const tokens = () => ({ [A]: { varianceX64: (104n * X64) / 100n, tail: false, decimals: 18 } });
const prices = () => ({ [A]: { answer: 2000_00000000n, decimals: 8 } });
const record = () => ({ tokens: [A], credit: [10n ** 18n], debt: [0n], delta: [0n] });
const v3pool = () => ({
  sqrtPriceX96: Q96, tick: 0, feeGrowthGlobal0X128: 0n, feeGrowthGlobal1X128: 0n,
  lower: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n }, upper: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n },
});
const v3pos = () => ({
  token0: A, token1: "0x00000000000000000000000000000000000000b2", tickLower: -60, tickUpper: 60, liquidity: 10n ** 18n,
  feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 0n,
});

interface Twin {
  pool: Pool;
  ledger: B.PremiumLedger;
}
/** A live pool with a reservation over [-600, 600) and its premium ledger, active, accruing from 1.0 to 1.001. */
function twin(): Twin {
  const pool = livePool();
  pool.take(-600, 600, 10n ** 15n);
  const ledger = B.PremiumLedger.fromSnapshot(
    { index0X64: 0n, index1X64: 0n, borrowIndex0X64: X64, borrowIndex1X64: X64, active: true, timestamp: 0n, borrowIndexNowX64: [X64, X64], token0: A, token1: A },
    [{ tick: -600, lastIndex0X64: 0n, lastIndex1X64: 0n, makerGrowth0X128: 0n, makerGrowth1X128: 0n, takerGrowth0X128: 0n, takerGrowth1X128: 0n }],
  );
  return { pool, ledger };
}
const twinCtx = () => ({ now: 10n, borrowIndexX64: [X64 + X64 / 1000n, X64 + X64 / 1000n] as [bigint, bigint] });
const makerPos = () => ({ tickLower: -6000, tickUpper: 6000, liquidity: 10n ** 18n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, premiumInside0LastX128: 0n, premiumInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 0n });
const takerPos = () => ({ tickLower: -600, tickUpper: 600, liquidity: 10n ** 15n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, premiumInside0LastX128: 0n, premiumInside1LastX128: 0n, owed0: 0n, owed1: 0n, shares0: 5n, shares1: 5n, lent0: 5n, lent1: 5n, deltaTicks: 1000 });

/** One public function: `setup` runs outside the trap (a fresh receiver), `call` inside it; results are compared with toEqual. */
interface Case<S = unknown> {
  fn: string;
  setup?: () => S;
  call: (s: S) => unknown;
}
const c = <S>(fn: string, call: (s: S) => unknown, setup?: () => S): Case => ({ fn, call: call as (s: unknown) => unknown, setup });

const CASES: Case[] = [
  c("LiquidityMath.addDelta", () => B.LiquidityMath.addDelta(10n, -3n)),
  c("FullMath.mulDiv", () => B.FullMath.mulDiv(6n, 7n, 4n)),
  c("FullMath.mulDivRoundingUp", () => B.FullMath.mulDivRoundingUp(6n, 7n, 4n)),
  c("TickMath.getSqrtRatioAtTick", () => B.TickMath.getSqrtRatioAtTick(1)),
  c("TickMath.getTickAtSqrtRatio", () => B.TickMath.getTickAtSqrtRatio(Q96 + 1n)),
  c("TickMath.getSqrtRatioAtTickBatch", () => B.TickMath.getSqrtRatioAtTickBatch([0, 1, 2])),
  c("TickMath.getSqrtRatioAtTickBatchLimbs", () => B.TickMath.getSqrtRatioAtTickBatchLimbs(Int32Array.of(0, 1))),
  c("TickMath.getTickAtSqrtRatioBatch", () => B.TickMath.getTickAtSqrtRatioBatch([Q96, 2n * Q96])),
  c("SqrtPriceMath.getNextSqrtPriceFromInput", () => B.SqrtPriceMath.getNextSqrtPriceFromInput(Q96, 10n ** 18n, 1000n, true)),
  c("SqrtPriceMath.getNextSqrtPriceFromOutput", () => B.SqrtPriceMath.getNextSqrtPriceFromOutput(Q96, 10n ** 18n, 1000n, true)),
  c("SqrtPriceMath.getAmount0Delta", () => B.SqrtPriceMath.getAmount0Delta(Q96, 2n * Q96, 10n ** 18n, true)),
  c("SqrtPriceMath.getAmount1Delta", () => B.SqrtPriceMath.getAmount1Delta(Q96, 2n * Q96, 10n ** 18n, false)),
  c("SqrtPriceMath.getAmount0DeltaSigned", () => B.SqrtPriceMath.getAmount0DeltaSigned(Q96, 2n * Q96, -(10n ** 18n))),
  c("SqrtPriceMath.getAmount1DeltaSigned", () => B.SqrtPriceMath.getAmount1DeltaSigned(Q96, 2n * Q96, 10n ** 18n)),
  c("SqrtPriceMath.getAmount0DeltaBatch", () => B.SqrtPriceMath.getAmount0DeltaBatch([Q96, Q96], [2n * Q96, 3n * Q96], 10n ** 18n, true)),
  c("SqrtPriceMath.getAmount1DeltaBatch", () => B.SqrtPriceMath.getAmount1DeltaBatch(Q96, [2n * Q96, 3n * Q96], 10n ** 18n, false)),
  c("SwapMath.computeSwapStep", () => B.SwapMath.computeSwapStep(Q96, 2n * Q96, 10n ** 18n, 10n ** 15n, 3000)),
  c("FeeCurve.feePips", () => B.FeeCurve.feePips(1n, 2n)),
  c("PremiumWalk.premiumIndexDeltaX64RoundingUp", () => B.PremiumWalk.premiumIndexDeltaX64RoundingUp(100n * X64, 101n * X64)),
  c("PremiumWalk.advancePremiumIndexX64", () => B.PremiumWalk.advancePremiumIndexX64(5n, 100n * X64, 101n * X64)),
  c("ReferencePrice.oracleSqrtPriceX96", () =>
    B.ReferencePrice.oracleSqrtPriceX96({ answer0: 3000n * 10n ** 8n, feedDecimals0: 8, tokenDecimals0: 18, answer1: 10n ** 8n, feedDecimals1: 8, tokenDecimals1: 6 })),
  c("ReferencePrice.twapTick", () => B.ReferencePrice.twapTick(0n, -7n, 2)),
  c("ReferencePrice.sqrt", () => B.ReferencePrice.sqrt(99n)),
  c("Solvency.check", () => Solvency.check([record()], tokens(), prices(), { tailRecordUsdDebt: 0n })),
  c("Solvency.checkMany", () => Solvency.checkMany([[record()], [record()]], tokens(), prices(), { tailRecordUsdDebt: 0n })),
  c("uniswapV3PositionRecord", () => B.uniswapV3PositionRecord(v3pool(), v3pos(), 1000)),
  c("uniswapV3PositionRecordAt", () => B.uniswapV3PositionRecordAt(v3pool(), v3pos(), 1000, Q96 + (Q96 >> 4n))),
  c("new Pool", () => {
    const p = new Pool(poolConfig());
    const s = p.getState();
    p.free();
    return s;
  }),
  c("Pool.fromSnapshot", () => {
    const p = Pool.fromSnapshot(poolConfig(), poolState(), []);
    const s = p.getState();
    p.free();
    return s;
  }),
  c("Pool.mint", (p: Pool) => p.mint(-600, 600, 10n ** 18n), livePool),
  c("Pool.burn", (p: Pool) => p.burn(-6000, 6000, 10n ** 18n), livePool),
  c("Pool.take", (p: Pool) => p.take(-600, 600, 10n ** 15n), livePool),
  c("Pool.release", (p: Pool) => p.release(-600, 600, 10n ** 15n), () => {
    const p = livePool();
    p.take(-600, 600, 10n ** 15n);
    return p;
  }),
  c("Pool.amountsForLiquidity", (p: Pool) => p.amountsForLiquidity(-600, 600, 10n ** 18n, true), livePool),
  c("Pool.feeGrowthInside", (p: Pool) => p.feeGrowthInside(-600, 600), livePool),
  c("Pool.quote", (p: Pool) => p.quote({ zeroForOne: true, amountSpecified: 10n ** 15n }), livePool),
  c("Pool.quoteInto", (p: Pool) => p.quoteInto({ zeroForOne: true, amountSpecified: 10n ** 15n }, new B.SwapResult()).toObject(), livePool),
  c("Pool.swap", (p: Pool) => p.swap({ zeroForOne: false, amountSpecified: -(10n ** 15n) }), livePool),
  c("Pool.quoteMany", (p: Pool) => p.quoteMany({ zeroForOne: true, amounts: [10n ** 12n, 10n ** 15n] }), livePool),
  c("Pool.getState", (p: Pool) => p.getState(), livePool),
  c("Pool.setState", (p: Pool) => (p.setState(poolState()), null), () => new Pool(poolConfig())),
  c("Pool.getTicks", (p: Pool) => p.getTicks(), livePool),
  c("Pool.setTicks", (p: Pool) => (p.setTicks([]), null), () => new Pool(poolConfig())),
  c("Pool.free", (p: Pool) => p.free(), () => new Pool(poolConfig())),
  // The 2sAMM producers' twins over a live pool with a reservation and an active premium ledger.
  c("makerValueAt", (x: Twin) => B.makerValueAt(x.pool, x.ledger, makerPos(), Q96 + 1n, twinCtx()), twin),
  c("takerValueAt", (x: Twin) => B.takerValueAt(x.pool, x.ledger, takerPos(), undefined, twinCtx()), twin),
  c("premiumGrowthInside", (x: Twin) => B.premiumGrowthInside(x.pool, x.ledger, -6000, 6000, twinCtx()), twin),
  c("makerRecordAt", (x: Twin) => B.makerRecordAt(x.pool, x.ledger, makerPos(), undefined, twinCtx()), twin),
  c("takerRecordAt", (x: Twin) => B.takerRecordAt(x.pool, x.ledger, takerPos(), Q96 - 1000n, twinCtx()), twin),
  c("bundleRecordAt", (x: Twin) => B.bundleRecordAt(x.pool, x.ledger, { maker: makerPos(), taker: takerPos(), makerLiquidity: 10n ** 18n, takerLiquidity: 10n ** 15n, deltaTicks: 1000 }, undefined, twinCtx()), twin),
];

/** Public functions that make no Wasm call of their own, each with why. */
const NO_WASM: Record<string, string> = {
  init: "loads the module",
  "TickMath.priceFromLimbs": "reads limbs already returned",
  "LiquidityAmounts.encodeSqrtRatioX96": "plain BigInt",
  "LiquidityAmounts.maxLiquidityForAmounts": "plain BigInt",
  "LiquidityAmounts.tickSpacingToMaxLiquidityPerTick": "plain BigInt",
  readPortfolio: "an eth_call and ABI decoding",
  "Pool.fromChain": "eth_calls, then Pool.fromSnapshot (covered)",
  uniswapV3PositionRecordFromChain: "contract reads, then uniswapV3PositionRecord (covered)",
  makerAssetsFromChain: "an eth_call and ABI decoding",
  takerAssetsFromChain: "an eth_call and ABI decoding",
  bundleAssetsFromChain: "an eth_call and ABI decoding",
};

/** Every public function name: top-level functions, namespace members, Pool's methods and statics. */
function publicFunctions(): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(B)) {
    if (typeof value === "function" && /^[a-z]/.test(name)) out.push(name);
    else if (typeof value === "object" && value !== null) for (const [f, v] of Object.entries(value)) if (typeof v === "function") out.push(`${name}.${f}`);
  }
  const isFn = (o: object, m: string) => typeof Object.getOwnPropertyDescriptor(o, m)?.value === "function";
  for (const m of Object.getOwnPropertyNames(Pool.prototype)) if (m !== "constructor" && isFn(Pool.prototype, m)) out.push(`Pool.${m}`);
  for (const m of Object.getOwnPropertyNames(Pool)) if (isFn(Pool, m)) out.push(`Pool.${m}`);
  return out.concat("new Pool");
}

beforeAll(() => init());

describe("the trap guard", () => {
  it("covers every public function (a case here, or a reason it calls no Wasm)", () => {
    const covered = new Set([...CASES.map((k) => k.fn), ...Object.keys(NO_WASM)]);
    expect(publicFunctions().filter((f) => !covered.has(f))).toEqual([]);
    expect(new Set(CASES.map((k) => k.fn)).size).toBe(CASES.length);
  });

  it("the planted trap is a real RuntimeError from the instance's exports, and it is removed after", () => {
    const e = getCore().exports;
    expect(() => withTraps(() => e.liquidityAddDelta())).toThrow(WebAssembly.RuntimeError);
    expect(B.LiquidityMath.addDelta(1n, 1n)).toBe(2n);
    expect(Object.hasOwn(e, "liquidityAddDelta")).toBe(false);
  });

  it.each(CASES.map((k) => [k.fn, k] as const))("%s: a trap becomes WasmTrapError and the next call is right", (fn, k) => {
    const expected = k.call(k.setup?.());
    const receiver = k.setup?.();
    let error: unknown;
    withTraps(() => {
      try {
        k.call(receiver);
      } catch (e) {
        error = e;
      }
    });
    expect(error, `${fn} did not throw under a trap`).toBeInstanceOf(WasmTrapError);
    const trap = error as WasmTrapError;
    expect(trap.message).toMatch(/Wasm trap/);
    expect((trap as Error & { cause?: unknown }).cause).toBeInstanceOf(WebAssembly.RuntimeError);
    expect(k.call(k.setup?.())).toEqual(expected);
  });

  it.each(Object.keys(NO_WASM).filter((f) => f.startsWith("LiquidityAmounts.") || f === "TickMath.priceFromLimbs"))(
    "%s meets no trap (it makes no Wasm call)",
    (fn) => {
      const limbs = B.TickMath.getSqrtRatioAtTickBatchLimbs(Int32Array.of(0, 1));
      const run = () =>
        fn === "TickMath.priceFromLimbs" ? B.TickMath.priceFromLimbs(limbs, 1)
        : fn === "LiquidityAmounts.encodeSqrtRatioX96" ? B.LiquidityAmounts.encodeSqrtRatioX96(4n, 1n)
        : fn === "LiquidityAmounts.maxLiquidityForAmounts" ? B.LiquidityAmounts.maxLiquidityForAmounts(Q96, Q96 - 1000n, Q96 + 1000n, 100n, 200n, true)
        : B.LiquidityAmounts.tickSpacingToMaxLiquidityPerTick(60);
      expect(withTraps(run)).toEqual(run());
    },
  );

  it("lets an error that is not a trap through unchanged", () => {
    const e = getCore().exports as Record<string, unknown>;
    const boom = new TypeError("not a trap");
    Object.defineProperty(e, "fullMathMulDiv", { configurable: true, writable: true, value: () => { throw boom; } });
    try {
      expect(() => B.FullMath.mulDiv(1n, 2n, 3n)).toThrow(boom);
    } finally {
      delete e.fullMathMulDiv;
    }
    expect(B.FullMath.mulDiv(6n, 7n, 4n)).toBe(10n);
  });
});
