// Every public function of bindings/index.ts under bad input: wrong types, NaN, floats, negatives,
// values above the on-chain type (2^256 and beyond), out-of-range numbers. Each must throw an
// ItosError subclass whose message names the offending parameter, never a raw TypeError/RangeError
// or a Wasm trap. Then ITOS_BAD_INPUT_CALLS (default 1,000,000) such failures interleaved with valid
// calls checked against the pure-BigInt model (bindings/model): the results stay correct and the Wasm
// memory does not grow (bounded, measured before and after).
import { beforeAll, describe, expect, it } from "vitest";
import * as B from "../../bindings/index.js";
import { init, ItosError, Pool, Solvency, WasmTrapError } from "../../bindings/index.js";
import { getCore } from "../../bindings/src/wasm.js";
import * as M from "../../bindings/model/index.js";

const CALLS = Number(process.env.ITOS_BAD_INPUT_CALLS ?? 1_000_000);
const Q96 = 1n << 96n;
const X64 = 1n << 64n;
const A = "0x00000000000000000000000000000000000000a1";

type Kind = "u256" | "u160" | "u128" | "i128" | "i256" | "int24" | "int" | "pips" | "bool" | "address";
/** Bad values per kind: [value, label]. The label only names the case in failure messages. */
function badValues(kind: Kind): [unknown, string][] {
  const common: [unknown, string][] = [[undefined, "undefined"], [null, "null"], ["1", "string"], [{}, "object"], [NaN, "NaN"], [1.5, "float"], [Infinity, "Infinity"]];
  switch (kind) {
    case "u256":
      return [...common, [1, "number"], [-1n, "negative"], [1n << 256n, "2^256"], [1n << 300n, "2^300"]];
    case "u160":
      return [...common, [1, "number"], [-1n, "negative"], [1n << 160n, "2^160"], [1n << 256n, "2^256"]];
    case "u128":
      return [...common, [1, "number"], [-1n, "negative"], [1n << 128n, "2^128"], [1n << 256n, "2^256"]];
    case "i128":
      return [...common, [1, "number"], [1n << 127n, "2^127"], [-(1n << 127n) - 1n, "-2^127-1"], [1n << 256n, "2^256"]];
    case "i256":
      return [...common, [1, "number"], [1n << 255n, "2^255"], [-(1n << 255n) - 1n, "-2^255-1"], [1n << 256n, "2^256"]];
    case "int24":
      return [...common, [1n, "bigint"], [-0.5, "negative float"], [2 ** 31, "2^31"], [-(2 ** 31), "-2^31"], [887273, "MAX_TICK+1"], [-887273, "MIN_TICK-1"]];
    case "int":
      return [...common, [1n, "bigint"], [-0.5, "negative float"]];
    case "pips":
      return [...common, [1n, "bigint"], [-1, "negative"], [1_000_001, "above 1e6"], [2 ** 40, "2^40"]];
    case "bool":
      return [[undefined, "undefined"], [null, "null"], ["true", "string"], [1, "number"], [0n, "bigint"]];
    case "address":
      return [[undefined, "undefined"], [null, "null"], [1, "number"], ["0x1234", "short"], ["not an address", "garbage"]];
  }
}

/** A parameter: where it sits in the argument list (a path into nested objects/arrays), its kind, and
 *  a pattern its error message must contain (the parameter's name). */
interface Param { path: (string | number)[]; kind: Kind; names: RegExp; optional?: boolean; numberOk?: boolean }
interface Spec { fn: string; call: (...args: any[]) => any; args: () => any[]; params: Param[]; async?: boolean }

const p = (path: (string | number)[], kind: Kind, names: RegExp): Param => ({ path, kind, names });
/** An optional field: undefined means "use the default", so it is not a bad value there. */
const opt = (path: (string | number)[], kind: Kind, names: RegExp): Param => ({ path, kind, names, optional: true });
const valuesFor = (prm: Param) =>
  badValues(prm.kind).filter(([v]) => !(prm.optional && v === undefined) && !(prm.numberOk && Number.isSafeInteger(v) && (v as number) >= 0));

let pool: Pool, statePool: Pool;
let ledger: B.PremiumLedger;
const makerPos = () => ({ tickLower: -6000, tickUpper: 6000, liquidity: 10n ** 18n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, premiumInside0LastX128: 0n, premiumInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 0n });
const takerPos = () => ({ ...makerPos(), tokensOwed0: undefined, tokensOwed1: undefined, owed0: 0n, owed1: 0n, shares0: 1n, shares1: 1n, lent0: 1n, lent1: 1n, deltaTicks: 1000 });
const ctx = () => ({ now: 100, borrowIndexX64: [X64, X64] });
const poolTokens = () => ({ [A]: { varianceX64: (104n * X64) / 100n, tail: false, decimals: 18 } });
const poolPrices = () => ({ [A]: { answer: 2000_00000000n, decimals: 8 } });
const record = () => ({ tokens: [A], credit: [10n ** 18n], debt: [0n], delta: [0n] });
const v3pool = () => ({ sqrtPriceX96: Q96, tick: 0, feeGrowthGlobal0X128: 0n, feeGrowthGlobal1X128: 0n, lower: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n }, upper: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n } });
const v3pos = () => ({ token0: A, token1: "0x00000000000000000000000000000000000000b2", tickLower: -60, tickUpper: 60, liquidity: 10n ** 18n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 0n });
const fakeNpm = { positions: async () => v3pos() };
const fakeV3Pool = {
  slot0: async () => ({ sqrtPriceX96: Q96, tick: 0n }),
  feeGrowthGlobal0X128: async () => 0n,
  feeGrowthGlobal1X128: async () => 0n,
  ticks: async () => ({ feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n }),
};
const noProvider = { call: async () => { throw new Error("the provider must not be reached with bad arguments"); } } as any;
const state = () => ({ sqrtPriceX96: Q96, tick: 0, makerLiquidity: 0n, takerLiquidity: 0n, feeGrowthGlobal0X128: 0n, feeGrowthGlobal1X128: 0n });

const SPECS: Spec[] = [
  { fn: "LiquidityMath.addDelta", call: B.LiquidityMath.addDelta, args: () => [10n, -3n], params: [p([0], "u128", /\bx\b/), p([1], "i128", /\by\b/)] },
  { fn: "FullMath.mulDiv", call: B.FullMath.mulDiv, args: () => [6n, 7n, 4n], params: [p([0], "u256", /\ba\b/), p([1], "u256", /\bb\b/), p([2], "u256", /denominator/)] },
  { fn: "FullMath.mulDivRoundingUp", call: B.FullMath.mulDivRoundingUp, args: () => [6n, 7n, 4n], params: [p([0], "u256", /\ba\b/), p([1], "u256", /\bb\b/), p([2], "u256", /denominator/)] },
  { fn: "TickMath.getSqrtRatioAtTick", call: B.TickMath.getSqrtRatioAtTick, args: () => [0], params: [p([0], "int24", /tick/)] },
  { fn: "TickMath.getTickAtSqrtRatio", call: B.TickMath.getTickAtSqrtRatio, args: () => [Q96], params: [p([0], "u160", /sqrtPriceX96/)] },
  { fn: "TickMath.getSqrtRatioAtTickBatch", call: B.TickMath.getSqrtRatioAtTickBatch, args: () => [[0, 1, 2]], params: [p([0, 1], "int24", /tick/)] },
  { fn: "TickMath.getTickAtSqrtRatioBatch", call: B.TickMath.getTickAtSqrtRatioBatch, args: () => [[Q96, Q96]], params: [p([0, 1], "u160", /sqrtPrice/)] },
  { fn: "TickMath.getSqrtRatioAtTickBatchLimbs", call: B.TickMath.getSqrtRatioAtTickBatchLimbs, args: () => [Int32Array.of(0, 1)], params: [p([0], "bool", /ticks/)] },
  { fn: "TickMath.priceFromLimbs", call: B.TickMath.priceFromLimbs, args: () => [B.TickMath.getSqrtRatioAtTickBatchLimbs(Int32Array.of(0, 1)), 1], params: [p([1], "int", /index/)] },
  ...(["getNextSqrtPriceFromInput", "getNextSqrtPriceFromOutput"] as const).map((f) => ({
    fn: `SqrtPriceMath.${f}`, call: (B.SqrtPriceMath as any)[f], args: () => [Q96, 10n ** 18n, 1000n, true],
    params: [p([0], "u160", /sqrtPX96/), p([1], "u128", /liquidity/), p([2], "u256", /amount(In|Out)/), p([3], "bool", /zeroForOne/)],
  })),
  ...(["getAmount0Delta", "getAmount1Delta"] as const).map((f) => ({
    fn: `SqrtPriceMath.${f}`, call: (B.SqrtPriceMath as any)[f], args: () => [Q96, 2n * Q96, 10n ** 18n, true],
    params: [p([0], "u160", /sqrtRatioAX96/), p([1], "u160", /sqrtRatioBX96/), p([2], "u128", /liquidity/), p([3], "bool", /roundUp/)],
  })),
  ...(["getAmount0DeltaSigned", "getAmount1DeltaSigned"] as const).map((f) => ({
    fn: `SqrtPriceMath.${f}`, call: (B.SqrtPriceMath as any)[f], args: () => [Q96, 2n * Q96, -(10n ** 18n)],
    params: [p([0], "u160", /sqrtRatioAX96/), p([1], "u160", /sqrtRatioBX96/), p([2], "i128", /liquidity/)],
  })),
  ...(["getAmount0DeltaBatch", "getAmount1DeltaBatch"] as const).map((f) => ({
    fn: `SqrtPriceMath.${f}`, call: (B.SqrtPriceMath as any)[f], args: () => [[Q96, Q96], [2n * Q96, 3n * Q96], 10n ** 18n, true],
    params: [p([0, 1], "u160", /sqrtRatioAX96/), p([1, 0], "u160", /sqrtRatioBX96/), p([2], "u128", /liquidity/), p([3], "bool", /roundUp/)],
  })),
  {
    fn: "SwapMath.computeSwapStep", call: B.SwapMath.computeSwapStep, args: () => [Q96, 2n * Q96, 10n ** 18n, 10n ** 15n, 3000],
    params: [p([0], "u160", /sqrtRatioCurrentX96|sqrtCurrent/), p([1], "u160", /sqrtRatioTargetX96|sqrtTarget/), p([2], "u128", /liquidity/), p([3], "i256", /amountRemaining/), p([4], "pips", /feePips/)],
  },
  { fn: "LiquidityAmounts.encodeSqrtRatioX96", call: B.LiquidityAmounts.encodeSqrtRatioX96, args: () => [1n, 1n], params: [p([0], "u256", /amount1/), p([1], "u256", /amount0/)] },
  {
    fn: "LiquidityAmounts.maxLiquidityForAmounts", call: B.LiquidityAmounts.maxLiquidityForAmounts, args: () => [Q96, Q96 - 1000n, Q96 + 1000n, 100n, 200n, true],
    params: [p([0], "u160", /sqrtRatioCurrentX96/), p([1], "u160", /sqrtRatioAX96/), p([2], "u160", /sqrtRatioBX96/), p([3], "u256", /amount0/), p([4], "u256", /amount1/), p([5], "bool", /useFullPrecision/)],
  },
  { fn: "LiquidityAmounts.tickSpacingToMaxLiquidityPerTick", call: B.LiquidityAmounts.tickSpacingToMaxLiquidityPerTick, args: () => [60], params: [p([0], "int", /tickSpacing/)] },
  {
    fn: "FeeCurve.feePips", call: B.FeeCurve.feePips, args: () => [1n, 2n, { minFeePips: 100, midFeePips: 5000, maxFeePips: 50000 }],
    params: [p([0], "u128", /reserved/), p([1], "u128", /provided/), p([2, "minFeePips"], "pips", /minFeePips|\bmin\b/), p([2, "maxFeePips"], "pips", /maxFeePips|\bmax\b/)],
  },
  {
    fn: "PremiumWalk.premiumIndexDeltaX64RoundingUp", call: B.PremiumWalk.premiumIndexDeltaX64RoundingUp, args: () => [X64, X64 + 1000n],
    params: [p([0], "u256", /borrowIndexStartX64/), p([1], "u256", /borrowIndexEndX64/)],
  },
  {
    fn: "PremiumWalk.advancePremiumIndexX64", call: B.PremiumWalk.advancePremiumIndexX64, args: () => [5n, X64, X64 + 1000n],
    params: [p([0], "u128", /indexX64/), p([1], "u128", /borrowIndexLow/), p([2], "u256", /borrowIndexNowX64/)],
  },
  {
    fn: "new Pool", call: (c: any) => new Pool(c).free(), args: () => [{ sqrtPriceX96: Q96, tickSpacing: 60, fee: 3000, protocolFeePips: 0, takerCapPips: 700_000 }],
    params: [p([0, "sqrtPriceX96"], "u160", /sqrtPriceX96/), p([0, "tickSpacing"], "int", /tickSpacing/), opt([0, "fee"], "pips", /fee/), opt([0, "protocolFeePips"], "pips", /protocolFeePips/), opt([0, "takerCapPips"], "pips", /takerCapPips/)],
  },
  // Valid as a sequence (mint, burn, take, release of 1 unit over the pool's own liquidity).
  ...(["mint", "burn", "take", "release"] as const).map((f) => ({
    fn: `Pool.${f}`, call: (...a: any[]) => (pool as any)[f](...a), args: () => [-600, 600, 1n],
    params: [p([0], "int24", /tickLower/), p([1], "int24", /tickUpper/), p([2], "u128", /liquidity/)],
  })),
  {
    fn: "Pool.amountsForLiquidity", call: (...a: any[]) => pool.amountsForLiquidity(...(a as [number, number, bigint, boolean])), args: () => [-600, 600, 10n ** 18n, true],
    params: [p([0], "int24", /tickLower/), p([1], "int24", /tickUpper/), p([2], "u128", /liquidity/), opt([3], "bool", /roundUp/)],
  },
  { fn: "Pool.feeGrowthInside", call: (...a: any[]) => pool.feeGrowthInside(a[0], a[1]), args: () => [-600, 600], params: [p([0], "int24", /tickLower/), p([1], "int24", /tickUpper/)] },
  ...(["quote", "quoteInto", "swap"] as const).map((f) => ({
    fn: `Pool.${f}`, call: (a: any) => (f === "quote" ? pool.quote(a) : f === "quoteInto" ? pool.quoteInto(a, new B.SwapResult()) : pool.swap({ ...a, amountSpecified: a.amountSpecified === 1n ? 1n : a.amountSpecified })),
    args: () => [{ zeroForOne: true, amountSpecified: 1n, sqrtPriceLimitX96: Q96 - 1n }],
    params: [p([0, "zeroForOne"], "bool", /zeroForOne/), p([0, "amountSpecified"], "i256", /amountSpecified/), opt([0, "sqrtPriceLimitX96"], "u160", /sqrtPriceLimitX96/)],
  })),
  {
    fn: "Pool.quoteMany", call: (a: any) => pool.quoteMany(a), args: () => [{ zeroForOne: true, amounts: [1n, 2n], sqrtPriceLimitX96: Q96 - 1n }],
    params: [p([0, "zeroForOne"], "bool", /zeroForOne/), p([0, "amounts", 1], "i256", /amount/), opt([0, "sqrtPriceLimitX96"], "u160", /sqrtPriceLimitX96/)],
  },
  {
    fn: "Pool.setState", call: (st: any) => statePool.setState(st), args: () => [state()],
    params: [p([0, "sqrtPriceX96"], "u160", /sqrtPriceX96/), p([0, "tick"], "int24", /tick/), p([0, "makerLiquidity"], "u128", /makerLiquidity/), p([0, "feeGrowthGlobal0X128"], "u256", /feeGrowthGlobal0X128/)],
  },
  {
    fn: "Pool.fromSnapshot", call: (c: any, st: any, t: any) => Pool.fromSnapshot(c, st, t).free(), args: () => [{ sqrtPriceX96: Q96, tickSpacing: 60 }, state(), []],
    params: [p([0, "tickSpacing"], "int", /tickSpacing/), p([1, "tick"], "int24", /tick/), p([1, "takerLiquidity"], "u128", /takerLiquidity/)],
  },
  {
    fn: "Solvency.check", call: Solvency.check, args: () => [[record()], poolTokens(), poolPrices(), { tailRecordUsdDebt: 0n }],
    params: [
      p([0, 0, "credit", 0], "u128", /amount|credit/), p([0, 0, "debt", 0], "u128", /amount|debt/), p([0, 0, "delta", 0], "u128", /amount|delta/),
      p([1, A, "varianceX64"], "u256", /varianceX64|[Vv]ariance/), p([1, A, "tail"], "bool", /tail/), p([1, A, "decimals"], "int", /decimals/),
      p([2, A, "answer"], "i256", /answer|[Pp]rice/), p([2, A, "decimals"], "int", /decimals/), p([3, "tailRecordUsdDebt"], "u128", /tailRecordUsdDebt/),
    ],
  },
  {
    fn: "Solvency.checkMany", call: Solvency.checkMany, args: () => [[[record()]], poolTokens(), poolPrices(), { tailRecordUsdDebt: 0n }],
    params: [p([0, 0, 0, "credit", 0], "u128", /amount|credit/), p([1, A, "decimals"], "int", /decimals/), p([3, "tailRecordUsdDebt"], "u128", /tailRecordUsdDebt/)],
  },
  {
    fn: "ReferencePrice.oracleSqrtPriceX96", call: B.ReferencePrice.oracleSqrtPriceX96,
    args: () => [{ answer0: 3000n * 10n ** 8n, feedDecimals0: 8, tokenDecimals0: 18, answer1: 10n ** 8n, feedDecimals1: 8, tokenDecimals1: 6 }],
    params: [
      p([0, "answer0"], "u128", /answer0/), p([0, "feedDecimals0"], "int", /feedDecimals0/), p([0, "tokenDecimals0"], "int", /tokenDecimals0/),
      p([0, "answer1"], "u128", /answer1/), p([0, "feedDecimals1"], "int", /feedDecimals1/), p([0, "tokenDecimals1"], "int", /tokenDecimals1/),
    ],
  },
  { fn: "ReferencePrice.twapTick", call: B.ReferencePrice.twapTick, args: () => [0n, -7n, 2], params: [p([0], "i128", /tickCumulativeStart/), p([1], "i128", /tickCumulativeEnd/), p([2], "int", /window/)] },
  { fn: "ReferencePrice.sqrt", call: B.ReferencePrice.sqrt, args: () => [99n], params: [p([0], "u256", /\bx\b/)] },
  {
    fn: "uniswapV3PositionRecordAt", call: B.uniswapV3PositionRecordAt, args: () => [v3pool(), v3pos(), 1000, 1n << 96n],
    params: [p([0, "sqrtPriceX96"], "u160", /sqrtPriceX96/), p([1, "liquidity"], "u128", /liquidity/), p([2], "int24", /moveTicks/), p([3], "u160", /sqrtPriceX96/)],
  },
  {
    fn: "uniswapV3PositionRecord", call: B.uniswapV3PositionRecord, args: () => [v3pool(), v3pos(), 1000],
    params: [p([0, "sqrtPriceX96"], "u160", /sqrtPriceX96/), p([0, "tick"], "int24", /tick/), p([1, "tickLower"], "int24", /tickLower/), p([1, "liquidity"], "u128", /liquidity/), p([1, "tokensOwed0"], "u128", /tokensOwed0/), p([2], "int24", /moveTicks/)],
  },
  {
    fn: "readPortfolio", async: true, call: B.readPortfolio, args: () => [noProvider, A, A, 0n],
    params: [p([1], "address", /pmAddress|address/), p([2], "address", /owner|address/), { ...p([3], "u256", /portfolioId/), numberOk: true }],
  },
  {
    fn: "Pool.fromChain", async: true, call: (prov: any, addr: any) => Pool.fromChain(prov, addr), args: () => [noProvider, A],
    params: [p([1], "address", /address/)],
  },
  {
    // tokenId goes to the caller's own contract object unchecked (see docs/security.md, known limits);
    // moveTicks is checked after the reads, which these stand-in contracts answer.
    fn: "uniswapV3PositionRecordFromChain", async: true, call: B.uniswapV3PositionRecordFromChain, args: () => [fakeNpm, fakeV3Pool, 1n, 1000],
    params: [p([3], "int24", /moveTicks/)],
  },
  // The 2sAMM producers' twins: the pool above (ticks -6000 and 6000 initialized), a ledger before any take.
  ...(["makerValueAt", "makerRecordAt"] as const).map((f) => ({
    fn: f, call: (...a: any[]) => (B as any)[f](pool, ledger, a[0], a[1], a[2]), args: () => [makerPos(), undefined, ctx()],
    params: [
      p([0, "tickLower"], "int24", /tickLower/), p([0, "tickUpper"], "int24", /tickUpper/), p([0, "liquidity"], "u128", /liquidity/),
      p([0, "feeGrowthInside0LastX128"], "u256", /feeGrowthInside0LastX128/), p([0, "premiumInside1LastX128"], "u256", /premiumInside1LastX128/),
      p([0, "tokensOwed0"], "u128", /tokensOwed0/), opt([1], "u160", /sqrtPriceX96/), { ...p([2, "now"], "u256", /\bnow\b/), numberOk: true }, p([2, "borrowIndexX64", 1], "u256", /borrowIndexX64/),
    ],
  })),
  ...(["takerValueAt", "takerRecordAt"] as const).map((f) => ({
    fn: f, call: (...a: any[]) => (B as any)[f](pool, ledger, a[0], a[1], a[2]), args: () => [takerPos(), Q96, ctx()],
    params: [
      p([0, "tickLower"], "int24", /tickLower/), p([0, "liquidity"], "u128", /liquidity/), p([0, "owed1"], "u256", /owed1/), p([0, "lent0"], "u256", /lent0/),
      ...(f === "takerRecordAt" ? [p([0, "deltaTicks"], "int24", /deltaTicks/)] : []), opt([1], "u160", /sqrtPriceX96/), { ...p([2, "now"], "u256", /\bnow\b/), numberOk: true },
    ],
  })),
  {
    fn: "bundleRecordAt", call: (...a: any[]) => B.bundleRecordAt(pool, ledger, a[0], a[1], a[2]),
    args: () => [{ maker: makerPos(), taker: takerPos(), makerLiquidity: 10n ** 18n, takerLiquidity: 10n ** 18n, deltaTicks: 1000 }, undefined, ctx()],
    params: [
      p([0, "maker", "tickLower"], "int24", /maker\.tickLower/), p([0, "taker", "tickUpper"], "int24", /taker\.tickUpper/), p([0, "maker", "liquidity"], "u128", /liquidity/),
      p([0, "taker", "owed0"], "u256", /owed0/), p([0, "makerLiquidity"], "u128", /makerLiquidity/), p([0, "takerLiquidity"], "u128", /takerLiquidity/),
      p([0, "deltaTicks"], "int24", /deltaTicks/), opt([1], "u160", /sqrtPriceX96/), p([2, "borrowIndexX64", 0], "u256", /borrowIndexX64/),
    ],
  },
  {
    fn: "premiumGrowthInside", call: (...a: any[]) => B.premiumGrowthInside(pool, ledger, a[0], a[1], a[2]), args: () => [-6000, 6000, ctx()],
    params: [p([0], "int24", /tickLower/), p([1], "int24", /tickUpper/), { ...p([2, "now"], "u256", /\bnow\b/), numberOk: true }, p([2, "borrowIndexX64", 0], "u256", /borrowIndexX64/)],
  },
  ...(["makerAssetsFromChain", "takerAssetsFromChain", "bundleAssetsFromChain"] as const).map((f) => ({
    fn: f, async: true, call: (B as any)[f], args: () => [noProvider, A, [1n, 2n]],
    params: [p([1], "address", /address/), { ...p([2, 1], "u256", /assetIds/), numberOk: true }],
  })),
];

/** Exported functions that take no input worth corrupting. */
const NO_INPUT = new Set(["init"]);

const STAND_INS = [noProvider, fakeNpm, fakeV3Pool];
function withBad(args: any[], path: (string | number)[], value: unknown): any[] {
  const copy = structuredClone(args.map((a) => (STAND_INS.includes(a) ? null : a)));
  args.forEach((a, i) => { if (STAND_INS.includes(a)) copy[i] = a; });
  let o: any = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  o[path[path.length - 1]] = value;
  return copy;
}

/** Runs one bad call; returns a description of what went wrong, or undefined if it threw as required. */
async function badCall(spec: Spec, param: Param, value: unknown, label: string): Promise<string | undefined> {
  const args = withBad(spec.args(), param.path, value);
  let error: unknown;
  try {
    const r = spec.call(...args);
    if (spec.async) await r;
  } catch (e) {
    error = e;
  }
  const where = `${spec.fn} ${param.path.join(".")} = ${label}`;
  if (error === undefined) return `${where}: no error`;
  if (!(error instanceof ItosError)) return `${where}: ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`;
  if (error instanceof WasmTrapError) return `${where}: Wasm trap`;
  if (!param.names.test(error.message)) return `${where}: message does not name the parameter: ${error.message}`;
  return undefined;
}

beforeAll(async () => {
  await init();
  pool = new Pool({ sqrtPriceX96: Q96, tickSpacing: 60, fee: 3000, protocolFeePips: 0 });
  pool.mint(-6000, 6000, 10n ** 20n);
  statePool = new Pool({ sqrtPriceX96: Q96, tickSpacing: 60 });
  ledger = B.PremiumLedger.fromSnapshot({ index0X64: 0n, index1X64: 0n, borrowIndex0X64: 0n, borrowIndex1X64: 0n, active: false, timestamp: 0n, borrowIndexNowX64: [X64, X64], token0: A, token1: A }, []);
});

describe("bindings under bad input", () => {
  it("every public function is covered by a spec", () => {
    const covered = new Set(SPECS.map((s) => s.fn));
    const missing: string[] = [];
    for (const [name, value] of Object.entries(B)) {
      if (typeof value === "function" && /^[a-z]/.test(name)) {
        if (!covered.has(name) && !NO_INPUT.has(name)) missing.push(name);
      } else if (typeof value === "object" && value !== null && name !== "default") {
        for (const [f, v] of Object.entries(value)) if (typeof v === "function" && !covered.has(`${name}.${f}`)) missing.push(`${name}.${f}`);
      }
    }
    const methods = Object.getOwnPropertyNames(Pool.prototype).filter((m) => m !== "constructor" && typeof Object.getOwnPropertyDescriptor(Pool.prototype, m)?.value === "function");
    for (const m of methods) if (!covered.has(`Pool.${m}`) && !["free", "getState", "getTicks", "setTicks"].includes(m)) missing.push(`Pool.${m}`);
    for (const m of Object.getOwnPropertyNames(Pool).filter((m) => typeof Object.getOwnPropertyDescriptor(Pool, m)?.value === "function")) if (!covered.has(`Pool.${m}`)) missing.push(`Pool.${m}`);
    expect(missing).toEqual([]);
  });

  it("the valid argument lists are valid (so each failure below is the bad parameter's)", async () => {
    for (const s of SPECS) {
      const r = s.call(...s.args());
      if (s.async) await r.catch((e: Error) => expect(e.message).toMatch(/must not be reached|provider/));
    }
  });

  it("each bad value of each parameter throws an ItosError naming the parameter", async () => {
    const problems: string[] = [];
    let cases = 0;
    for (const s of SPECS) {
      for (const prm of s.params) {
        for (const [value, label] of valuesFor(prm)) {
          cases++;
          const why = await badCall(s, prm, value, label);
          if (why) problems.push(why);
        }
      }
    }
    expect(cases).toBeGreaterThan(500);
    expect(problems).toEqual([]);
  });

  it(`after ${CALLS.toLocaleString("en")} failures interleaved with valid calls, results are exact and memory is bounded`, () => {
    const sync = SPECS.filter((s) => !s.async);
    const cases: (() => void)[] = [];
    for (const s of sync) {
      for (const prm of s.params) {
        for (const [value] of valuesFor(prm)) {
          const args = withBad(s.args(), prm.path, value);
          cases.push(() => s.call(...args));
        }
      }
    }
    // Valid calls with answers from the BigInt model (an independent implementation).
    const valid: (() => void)[] = [
      () => expect(B.FullMath.mulDiv(3n ** 100n, 7n ** 50n, 11n ** 30n)).toBe(M.FullMath.mulDiv(3n ** 100n, 7n ** 50n, 11n ** 30n)),
      () => expect(B.TickMath.getSqrtRatioAtTick(-123_456)).toBe(M.TickMath.getSqrtRatioAtTick(-123_456)),
      () => expect(B.TickMath.getTickAtSqrtRatio(3n * Q96)).toBe(M.TickMath.getTickAtSqrtRatio(3n * Q96)),
      () => expect(B.SqrtPriceMath.getAmount0Delta(Q96, 2n * Q96, 10n ** 18n, true)).toBe(M.SqrtPriceMath.getAmount0Delta(Q96, 2n * Q96, 10n ** 18n, true)),
      () => expect(B.SwapMath.computeSwapStep(Q96, 2n * Q96, 10n ** 18n, 10n ** 15n, 3000)).toEqual(M.SwapMath.computeSwapStep(Q96, 2n * Q96, 10n ** 18n, 10n ** 15n, 3000)),
      () => {
        const q = pool.quote({ zeroForOne: true, amountSpecified: 10n ** 15n, sqrtPriceLimitX96: 1n + 4295128739n });
        expect([q.amount0, q.amount1]).toEqual(firstQuote);
      },
      () => new Pool({ sqrtPriceX96: Q96, tickSpacing: 10 }).free(),
      () => expect(Solvency.check([record()], poolTokens(), poolPrices(), { tailRecordUsdDebt: 0n }).usdNet).toBe(expectedUsd),
    ];
    const fq = pool.quote({ zeroForOne: true, amountSpecified: 10n ** 15n, sqrtPriceLimitX96: 1n + 4295128739n });
    const firstQuote = [fq.amount0, fq.amount1];
    // 1e18 at 2000 USD with v = 1.04: floor(floor(1e18 * 2^64 / v) * 2000e8 * 1e18 / 1e26).
    const expectedUsd = ((((10n ** 18n) * X64) / ((104n * X64) / 100n)) * 2000_00000000n * 10n ** 18n) / 10n ** 26n;
    for (const v of valid) v();
    const memory = getCore().memory;
    const before = memory.buffer.byteLength;
    let failures = 0, validCalls = 0;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0; // the errors are built a million times: skip their stacks
    try {
      for (let i = 0; failures < CALLS; i++) {
        try {
          cases[i % cases.length]();
        } catch (e) {
          if (!(e instanceof ItosError) || e instanceof WasmTrapError) throw e;
          failures++;
        }
        if (i % 97 === 0) {
          valid[validCalls++ % valid.length]();
        }
      }
    } finally {
      Error.stackTraceLimit = limit;
    }
    for (const v of valid) v();
    const after = memory.buffer.byteLength;
    console.log(`bad input: ${failures} failures over ${cases.length} cases, ${validCalls} valid calls; Wasm memory ${before} -> ${after} bytes`);
    expect(failures).toBe(CALLS);
    // Bounded: at most one 64 KiB page more than at the start (no per-call growth).
    expect(after - before).toBeLessThanOrEqual(65536);
  });
});
