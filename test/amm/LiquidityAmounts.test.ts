// LiquidityAmounts.getAmountsForLiquidity (branch on the sqrt price) against Uniswap V3's own pool (branch on its
// tick) with the price exactly on a position's bound: reached from below (tick = bound) and from above, where a
// swap that stops on an initialized tick leaves tick = bound - 1 while the price is the bound's. In each state a
// position with that lower bound and one with that upper bound are minted and burnt on Uniswap's pool, the 2sAMM
// pool and the Wasm engine, and the amounts charged and paid are compared with the library (Solidity harness,
// the lens) to the wei.
import { beforeAll, describe, expect, it } from "vitest";
import { init, Pool, TickMath } from "../../bindings/index.js";
import { network } from "../helpers/chain.js";
import { createItosPool, createUniswapPool, deployItos, deployRouter, deployTokens, deployUniswap, flatConfig, Q96 } from "./helpers.js";

const FEE = 3000;
const SPACING = 60;
const BOUND = 120;
const WIDTH = 240;
const L = 10n ** 18n + 12_345n;

let ethers: any;
let harness: any;
let lens: any;
beforeAll(async () => {
  await init();
  ({ ethers } = await network());
  harness = await ethers.deployContract("LiquidityAmountsHarness");
});

async function setup() {
  const { token0, token1 } = await deployTokens(ethers);
  const d = await deployItos(ethers);
  lens = d.lens;
  const uniFactory = await deployUniswap(ethers);
  const itos = await createItosPool(ethers, d.factory, token0, token1, flatConfig(FEE, SPACING));
  const uni = await createUniswapPool(ethers, uniFactory, token0, token1, FEE);
  await (await itos.initialize(Q96)).wait();
  await (await uni.initialize(Q96)).wait();
  const router = await deployRouter(ethers, token0, token1);
  const wasm = new Pool({ sqrtPriceX96: Q96, tickSpacing: SPACING, fee: FEE, protocolFeePips: 0 });
  return { itos, uni, router, wasm, me: await router.getAddress() };
}

type Env = Awaited<ReturnType<typeof setup>>;

/** Runs a router call on Uniswap's pool and the 2sAMM pool; both must return the same amounts. */
async function onBoth(env: Env, fn: string, args: any[]): Promise<[bigint, bigint]> {
  const out: [bigint, bigint][] = [];
  for (const pool of [env.uni, env.itos]) {
    const addr = await pool.getAddress();
    const r = await env.router[fn].staticCall(addr, ...args);
    await (await env.router[fn](addr, ...args)).wait();
    out.push([BigInt(r[0]), BigInt(r[1])]);
  }
  expect(out[1], `${fn}(${args.join(", ")}) on the 2sAMM pool`).toEqual(out[0]);
  return out[0];
}

async function mint(env: Env, lo: number, hi: number, liq: bigint) {
  const uni = await onBoth(env, "mint", [env.me, lo, hi, liq]);
  const w = env.wasm.mint(lo, hi, liq);
  expect([w.amount0, w.amount1], `Wasm mint(${lo}, ${hi})`).toEqual(uni);
  return uni;
}

async function swapTo(env: Env, zeroForOne: boolean, sqrtPriceLimitX96: bigint) {
  await onBoth(env, "swap", [env.me, zeroForOne, 10n ** 30n, sqrtPriceLimitX96]);
  env.wasm.swap({ zeroForOne, amountSpecified: 10n ** 30n, sqrtPriceLimitX96 });
}

async function slot0(pool: any) {
  const s = await pool.slot0();
  return { sqrtPriceX96: BigInt(s[0]), tick: Number(s[1]) };
}

/** The library's amounts for [lo, hi) at the pool's price, by sqrt prices and by ticks, and the lens's. */
async function library(sqrtPriceX96: bigint, lo: number, hi: number, roundUp: boolean): Promise<[bigint, bigint]> {
  const [sa, sb] = [TickMath.getSqrtRatioAtTick(lo), TickMath.getSqrtRatioAtTick(hi)];
  const a = await harness.getAmountsForLiquidity(sqrtPriceX96, sa, sb, L, roundUp);
  const t = await harness.getAmountsForLiquidityAtTicks(sqrtPriceX96, lo, hi, L, roundUp);
  const v = await lens.amountsAt(sqrtPriceX96, lo, hi, L, roundUp);
  expect([BigInt(t[0]), BigInt(t[1])]).toEqual([BigInt(a[0]), BigInt(a[1])]);
  expect([BigInt(v[0]), BigInt(v[1])]).toEqual([BigInt(a[0]), BigInt(a[1])]);
  return [BigInt(a[0]), BigInt(a[1])];
}

/** Mint and burn L on each side of the bound in the current state; every implementation agrees. */
async function mintAndBurnOnBound(env: Env) {
  const { sqrtPriceX96 } = await slot0(env.uni);
  expect(sqrtPriceX96).toBe(TickMath.getSqrtRatioAtTick(BOUND));
  const cases: [string, number, number][] = [
    ["price on the lower bound", BOUND, BOUND + WIDTH],
    ["price on the upper bound", BOUND - WIDTH, BOUND],
  ];
  for (const [name, lo, hi] of cases) {
    const lib0 = await library(sqrtPriceX96, lo, hi, true);
    const w0 = env.wasm.amountsForLiquidity(lo, hi, L, true);
    expect([w0.amount0, w0.amount1], `${name}: Wasm amountsForLiquidity`).toEqual(lib0);
    const minted = await mint(env, lo, hi, L);
    expect(minted, `${name}: mint`).toEqual(lib0);

    const lib1 = await library(sqrtPriceX96, lo, hi, false);
    const w1 = env.wasm.amountsForLiquidity(lo, hi, L, false);
    expect([w1.amount0, w1.amount1], `${name}: Wasm amountsForLiquidity (round down)`).toEqual(lib1);
    const burnt = await onBoth(env, "burn", [lo, hi, L]);
    const wb = env.wasm.burn(lo, hi, L);
    expect([wb.amount0, wb.amount1], `${name}: Wasm burn`).toEqual(burnt);
    expect(burnt, `${name}: burn`).toEqual(lib1);

    // on the lower bound the position is all token0, on the upper bound all token1
    if (lo === BOUND) expect(minted[1] === 0n && burnt[1] === 0n && minted[0] > 0n).toBe(true);
    else expect(minted[0] === 0n && burnt[0] === 0n && minted[1] > 0n).toBe(true);
  }
}

async function expectState(env: Env, tick: number) {
  const sqrtPriceX96 = TickMath.getSqrtRatioAtTick(BOUND);
  for (const pool of [env.uni, env.itos]) expect(await slot0(pool)).toEqual({ sqrtPriceX96, tick });
  expect({ sqrtPriceX96: env.wasm.sqrtPriceX96, tick: env.wasm.tick }).toEqual({ sqrtPriceX96, tick });
}

describe("LiquidityAmounts: the price exactly on a bound, against Uniswap V3's pool", () => {
  for (const initialized of [true, false]) {
    const what = initialized ? "the bound an initialized tick" : "the bound not an initialized tick";
    it(`reached from below (tick = bound), ${what}`, async () => {
      const env = await setup();
      await mint(env, -1200, 1200, 10n ** 18n);
      if (initialized) {
        await mint(env, BOUND, BOUND + WIDTH, 10n ** 15n);
        await mint(env, BOUND - WIDTH, BOUND, 10n ** 15n);
      }
      await swapTo(env, false, TickMath.getSqrtRatioAtTick(BOUND));
      await expectState(env, BOUND);
      await mintAndBurnOnBound(env);
    });

    it(`reached from above (${initialized ? "tick = bound - 1" : "tick = bound"}), ${what}`, async () => {
      const env = await setup();
      await mint(env, -1200, 1200, 10n ** 18n);
      if (initialized) {
        await mint(env, BOUND, BOUND + WIDTH, 10n ** 15n);
        await mint(env, BOUND - WIDTH, BOUND, 10n ** 15n);
      }
      await swapTo(env, false, TickMath.getSqrtRatioAtTick(BOUND + 3 * SPACING));
      await swapTo(env, true, TickMath.getSqrtRatioAtTick(BOUND));
      // a swap down that stops on an initialized tick crosses it: tick = bound - 1 at the bound's price
      await expectState(env, initialized ? BOUND - 1 : BOUND);
      await mintAndBurnOnBound(env);
    });
  }
});
