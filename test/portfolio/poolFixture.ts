// A PM system with every pool-priced producer for the Portfolio tests, the fuzz target and the demo: the 2sAMM
// pool of test/pm/twoSided.ts (money market, both tokens with feeds) with its maker, taker and bundle producers,
// and a real Uniswap V3 WETH/USDC pool (test/producers/uniswap.ts) with the UniswapV3PositionIntegrator.
import { expect } from "vitest";
import { Portfolio } from "../../bindings/index.js";
import { deployTwoSided, type TwoSided } from "../pm/twoSided.js";
import { deployUniswap, encodeSqrtPrice } from "../producers/uniswap.js";
import { deployPortfolioSystem, expectBreakdown, outcome, plain, type PortfolioSystem } from "./helpers.js";

export const E18 = 10n ** 18n, E6 = 10n ** 6n;
export const UNI_FEE = 3000, UNI_SPACING = 60, UNI_MOVE = 1000;
const DEADLINE = 1n << 40n;

export async function deployPoolSystem() {
  const s = await deployPortfolioSystem();
  const t: TwoSided = await deployTwoSided(s);
  await s.pm.setPoolReference(t.POOL, 0, 50_000);
  const WETH = await s.tokens.WETH.getAddress(), USDC = await s.tokens.USDC.getAddress();
  const u = await deployUniswap(s.ethers, s.gov, WETH);
  const NPM = await u.npm.getAddress();
  const wethIs0 = WETH.toLowerCase() < USDC.toLowerCase();
  const [u0, u1] = wethIs0 ? [WETH, USDC] : [USDC, WETH];
  await u.npm.createAndInitializePoolIfNecessary(u0, u1, UNI_FEE, wethIs0 ? encodeSqrtPrice(2000n * E6, E18) : encodeSqrtPrice(E18, 2000n * E6));
  const UPOOL: string = await u.factory.getPool(u0, u1, UNI_FEE);
  const upool = u.poolAt(UPOOL);
  const integrator: any = await s.ethers.deployContract("UniswapV3PositionIntegrator", [await s.pm.getAddress(), s.gov.address, NPM]);
  await s.pm.setProducer(await integrator.getAddress(), true);
  await integrator.setPool(UPOOL, true, UNI_MOVE);
  await s.pm.setPoolReference(UPOOL, 0, 50_000);
  for (const w of [s.alice, s.bob]) {
    for (const tok of [s.tokens.WETH, s.tokens.USDC]) {
      await tok.connect(w).approve(NPM, s.ethers.MaxUint256);
      await tok.connect(w).approve(await u.router.getAddress(), s.ethers.MaxUint256);
    }
    await u.npm.connect(w).setApprovalForAll(await integrator.getAddress(), true);
  }
  const tick0 = Number((await upool.slot0()).tick);

  /** Mints a Uniswap V3 position of about `weth` WETH and `usdc` USDC to `who` and deposits it into portfolio `id`. */
  async function uniswapDeposit(who: any, lower: number, upper: number, weth: bigint, usdc: bigint, id: bigint): Promise<bigint> {
    const [a0, a1] = wethIs0 ? [weth, usdc] : [usdc, weth];
    const tx = await u.npm.connect(who).mint({ token0: u0, token1: u1, fee: UNI_FEE, tickLower: lower, tickUpper: upper, amount0Desired: a0, amount1Desired: a1, amount0Min: 0, amount1Min: 0, recipient: who.address, deadline: DEADLINE });
    const rc = await tx.wait();
    const ev = rc.logs.map((l: any) => { try { return u.npm.interface.parseLog(l); } catch { return null; } }).find((e: any) => e?.name === "IncreaseLiquidity");
    const tokenId: bigint = ev.args.tokenId;
    await integrator.connect(who).deposit(tokenId, id);
    return tokenId;
  }

  /** Swaps `amountIn` of WETH (or USDC) through the Uniswap pool (bob). */
  async function uniswapSwap(wethIn: boolean, amountIn: bigint) {
    const [tokenIn, tokenOut] = wethIn ? [WETH, USDC] : [USDC, WETH];
    await u.router.connect(s.bob).exactInputSingle({ tokenIn, tokenOut, fee: UNI_FEE, recipient: s.bob.address, deadline: DEADLINE, amountIn, amountOutMinimum: 0, sqrtPriceLimitX96: 0 });
  }

  /** Swaps the 2sAMM pool toward `targetTick` (the test router pays). */
  async function twoSidedSwapTo(targetTick: number, TickMath: { getSqrtRatioAtTick(t: number): bigint }) {
    const tick = Number((await t.pool.slot0()).tick);
    if (tick === targetTick) return;
    const zeroForOne = targetTick < tick;
    await t.router.swap(t.POOL, await t.router.getAddress(), zeroForOne, 10n ** 27n, TickMath.getSqrtRatioAtTick(targetTick));
  }

  return { ...s, t, u, WETH, USDC, UPOOL, upool, integrator, tick0, wethIs0, uniswapDeposit, uniswapSwap, twoSidedSwapTo };
}
export type PoolSystem = Awaited<ReturnType<typeof deployPoolSystem>> & PortfolioSystem;

/**
 * Every Record of `p` (spot and reference) against its producer's `record` / `referenceRecord`, and `p.check`
 * against `pm.breakdown` / `pm.referenceBreakdown` / `isSolvent` / `isLiquidatable` (or the same error). Returns
 * the number of comparisons.
 */
export async function compareWithChain(s: PoolSystem, p: Portfolio, owner: string, id: bigint, label: string, options: Parameters<Portfolio["check"]>[0] = {}): Promise<number> {
  let n = 0;
  const spot = await outcome(() => p.records(options));
  const ref = await outcome(() => p.referenceRecords(options));
  for (let i = 0; i < p.positions.length; i++) {
    const x = p.positions[i];
    const producer: any = await s.ethers.getContractAt("IProducer", x.producer);
    const cs = await outcome(async () => plain(await producer.record(x.assetId)));
    const cr = await outcome(async () => plain(await producer.referenceRecord(x.assetId)));
    // A Record the chain refuses makes the Portfolio's records() fail with the same error.
    if (cs.ok) expect(spot.ok ? spot.v[i] : (spot as any).name, `${label}: ${x.kind} ${x.assetId} record`).toEqual(cs.v);
    else expect(spot.ok ? "no error" : spot.name, `${label}: ${x.kind} ${x.assetId} record fails`).toBe(cs.name);
    if (cr.ok) expect(ref.ok ? ref.v[i] : (ref as any).name, `${label}: ${x.kind} ${x.assetId} referenceRecord`).toEqual(cr.v);
    else expect(ref.ok ? "no error" : ref.name, `${label}: ${x.kind} ${x.assetId} referenceRecord fails`).toBe(cr.name);
    if (cs.ok) n++;
    if (cr.ok) n++;
  }
  const w = await outcome(() => p.check(options));
  const b = await outcome(() => s.pm.breakdown(owner, id));
  const rb = await outcome(() => s.pm.referenceBreakdown(owner, id));
  if (w.ok) {
    expect(b.ok && rb.ok, `${label}: the Portfolio values, the chain reverts`).toBe(true);
    expectBreakdown(w.v.spot, (b as any).v, `${label} spot`);
    expectBreakdown(w.v.reference, (rb as any).v, `${label} reference`);
    expect(w.v.solvent, `${label} isSolvent`).toBe(await s.pm.isSolvent(owner, id));
    expect(w.v.liquidatable, `${label} isLiquidatable`).toBe(await s.pm.isLiquidatable(owner, id));
  } else {
    const chain = !b.ok ? b.name : !rb.ok ? rb.name : "no error";
    expect(w.name, `${label}: check fails as the chain`).toBe(chain);
  }
  return n + (w.ok ? 1 : 0);
}
