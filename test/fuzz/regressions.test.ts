// Every counterexample the differential fuzzer has found, kept as a regression test, plus the
// hand-picked boundaries each target must keep agreeing on. Paste new ones (the fuzzer prints
// them ready to paste) at the end of the matching describe.
import { describe, it } from "vitest";
import { expectAgree } from "./vitest.js";

const MAX256 = (1n << 256n) - 1n;
const MIN_SQRT = 4295128739n;
const MAX_SQRT = 1461446703485210103287273052203988822378723970342n;

describe("boundaries", () => {
  it("TickMath at and just outside the tick and price bounds", async () => {
    for (const t of [-887273, -887272, 887272, 887273]) await expectAgree("TickMath.getSqrtRatioAtTick", t);
    for (const p of [MIN_SQRT - 1n, MIN_SQRT, MAX_SQRT - 1n, MAX_SQRT]) await expectAgree("TickMath.getTickAtSqrtRatio", p);
  });

  it("FullMath results at exactly 2^256 - 1 and one past it", async () => {
    // (2^256-1)^2 / (2^256-1) = 2^256-1: fits; rounding up a result of 2^256-1 with a remainder overflows.
    await expectAgree("FullMath.mulDiv", [MAX256, MAX256, MAX256]);
    await expectAgree("FullMath.mulDivRoundingUp", [MAX256, MAX256, MAX256]);
    await expectAgree("FullMath.mulDivRoundingUp", [MAX256, MAX256 - 1n, MAX256 - 1n]);
    await expectAgree("FullMath.mulDivRoundingUp", [535006138814359n, 432862656469423142931042426214547535783388063929571229938474969n, 2n]);
  });

  it("computeSwapStep with the whole fee taken and a 100% fee", async () => {
    await expectAgree("SwapMath.computeSwapStep", [1n << 96n, (1n << 96n) + 1n, 10n ** 18n, 1n, 3000]);
    await expectAgree("SwapMath.computeSwapStep", [1n << 96n, MIN_SQRT, 10n ** 18n, 10n ** 18n, 1_000_000]);
  });

  it("FeeCurve at q = 1 and with parameters at 1e6", async () => {
    await expectAgree("FeeCurve.feePips", { reserved: 10n, provided: 10n, minFeePips: 100, midFeePips: 5000, maxFeePips: 50000 });
    await expectAgree("FeeCurve.feePips", { reserved: 0n, provided: 0n, minFeePips: 100, midFeePips: 5000, maxFeePips: 1_000_000 });
  });
});

describe("Pool.vsUniswapV3", () => {
  // Found while the Wasm engine's U256/SqrtPriceMath were being reworked: after a swap to the
  // lowest price, an exact input of 1 wei charged 2 (amountIn 1 + fee 1) and ran to the highest
  // price; Uniswap V3 charges 1 and stops at tick 0.
  it("exact input of 1 wei after a swap to the lowest price (seed 20261121)", async () => {
    await expectAgree("Pool.vsUniswapV3", { tier: 0, tick: 0, priceOffset: 0n, actions: [{ t: "mint", a: 0, b: 0, full: false, liquidity: 1n }, { t: "swap", zeroForOne: true, exactIn: false, amount: 1n, limit: { kind: "none" } }, { t: "swap", zeroForOne: false, exactIn: true, amount: 1n, limit: { kind: "none" } }, { t: "swap", zeroForOne: false, exactIn: false, amount: 1n, limit: { kind: "ticks", n: 0 } }] });
  });
});

describe("Pool.threeWay", () => {
  // TwoSidedPool.burn reverted TickLiquidityOverflow (a tick's gross went negative and was read as
  // a huge unsigned value) where Uniswap V3 and the Wasm Pool revert LiquidityUnderflow.
  it("burning one more than the range holds reverts LiquidityUnderflow everywhere", async () => {
    await expectAgree("Pool.threeWay", { tier: 0, tick: 0, priceOffset: 0n, actions: [{ t: "mint", a: 0, b: 0, full: false, liquidity: 1n }, { t: "mint", a: 0, b: 0, full: false, liquidity: 999n }, { t: "burn", pos: 0, part: 1001 }] });
  });
});

describe("UniswapV3PositionValue.record", () => {
  // credit = amount + fees overflowed uint256 in Solidity (Panic) while the bindings twin returned
  // a value above 2^256 - 1; both now cap credits at 2^128 - 1.
  it("max liquidity above its range with fees wrapping to ~2^256 (seed 1)", async () => {
    await expectAgree("UniswapV3PositionValue.record", { sqrtPriceX96: 1461446703485210103287273052203988822378723970341n, tick: 887272, global: [0n, 0n], lower: [0n, 0n], upper: [0n, 0n], tickLower: 0, tickUpper: 13864, liquidity: 340282366920938463463374607431768211455n, last: [0n, 4096n], owed: [0n, 0n], moveTicks: 0 });
  });
});

describe("Pool.twoSidedStrict", () => {
  // TwoSidedPool kept protocol fees in uint128 and reverted with Panic(0x11) where the Wasm Pool
  // (256-bit protocol fees) completed the swap.
  it("a swap whose protocol fee exceeds 2^128 - 1 (1% fee, all of it to the protocol)", async () => {
    await expectAgree("Pool.twoSidedStrict", { tier: 1, tick: 0, fee: [10000, 10000, 10000], protocolFeePips: 1_000_000, takerCapPips: 700_000, actions: [{ t: "mint", a: 0, b: 0, full: true, liquidity: 10n ** 24n }, { t: "swap", zeroForOne: false, exactIn: true, amount: 1n << 140n, limit: { kind: "none" } }] });
  });

  // A take breaking both the per-tick limit and the taker cap was named TakerCapExceeded by the
  // contract and TickLiquidityOverflow by the Wasm engine (docs/math.md's order).
  it("a take over maxLiquidityPerTick and over the cap names TickLiquidityOverflow", async () => {
    await expectAgree("Pool.twoSidedStrict", { tier: 1, tick: 0, fee: [100, 5000, 50000], protocolFeePips: 50_000, takerCapPips: 700_000, actions: [{ t: "mint", a: -600, b: 600, full: false, liquidity: 10n ** 18n }, { t: "take", a: -600, b: 600, full: false, liquidity: 1n << 120n }] });
  });

  // With takers in a spacing-1 pool the contract's premium walk visited every bitmap word of a
  // full range and a full-range mint ran out of the 16,777,216 gas cap; the Wasm Pool accepted it.
  it("a full-range mint at spacing 1 with a taker present", async () => {
    await expectAgree("Pool.twoSidedStrict", { tier: 3, tick: -15, fee: [3, 16, 463649], protocolFeePips: 50000, takerCapPips: 700000, actions: [{ t: "mint", a: -185088, b: -182454, full: true, liquidity: 580172729457786143481858n }, { t: "mint", a: 153707, b: 28700, full: false, liquidity: 1n }, { t: "take", a: 13, b: 6, full: false, liquidity: 19n }, { t: "burn", pos: 5, part: 10 }, { t: "mint", a: 1521, b: -2319, full: true, liquidity: 270200774575448065377775n }] });
  });
});

