// A deployed system for the keeper tests (scripts/lib/system.ts, as the demo), with a router holding
// pool liquidity and funded owners approved for every producer.
import { Wallet } from "ethers";
import { TickMath } from "../../bindings/index.js";
import { deploy, deploySystem } from "../../scripts/lib/system.js";
import { network } from "../helpers/chain.js";

export const E18 = 10n ** 18n, E6 = 10n ** 6n;
export const MIN_LIMIT = 4295128740n, MAX_LIMIT = 1461446703485210103287273052203988822378723970341n;

export async function keeperSystem(nOwners = 4) {
  const { ethers } = await network();
  const provider = ethers.provider as any;
  const signers = await ethers.getSigners();
  const gov = signers[0];
  const s = await deploySystem(ethers as any, gov);
  const addr = async (c: any) => ((await c.getAddress()) as string).toLowerCase();
  const a = { pm: await addr(s.pm), mm: await addr(s.moneyMarket), weth: await addr(s.tokens.WETH), usdc: await addr(s.tokens.USDC), pool: await addr(s.pool) };
  const router = (await deploy(ethers as any, gov, "PoolRouter")) as any;
  await (await s.tokens.WETH.mint(await addr(router), 1_000_000n * E18)).wait();
  await (await s.tokens.USDC.mint(await addr(router), 2_000_000_000n * E6)).wait();
  const [sqrtP0] = await s.pool.slot0();
  const base = Math.floor(TickMath.getTickAtSqrtRatio(sqrtP0) / 60) * 60;
  await (await router.mint(a.pool, await addr(router), base - 6000, base + 6000, 10n ** 18n)).wait();
  const owners = signers.slice(1, 1 + nOwners);
  for (const o of owners) {
    await (await s.tokens.WETH.mint(o.address, 10_000n * E18)).wait();
    await (await s.tokens.USDC.mint(o.address, 20_000_000n * E6)).wait();
    for (const t of [s.tokens.WETH, s.tokens.USDC]) for (const sp of [s.pm, s.deposits, s.lends, s.borrows]) await (await (t.connect(o) as any).approve(await addr(sp), ethers.MaxUint256)).wait();
  }
  const deployment = { pm: a.pm, moneyMarket: a.mm, pools: [a.pool], fromBlock: 0, gasToken: a.weth };
  /** A funded liquidator with a fresh key. */
  const liquidator = async () => {
    const w = Wallet.createRandom().connect(provider);
    await provider.send("hardhat_setBalance", [w.address, "0x" + (10n ** 22n).toString(16)]);
    await (await s.tokens.WETH.mint(w.address, 100_000n * E18)).wait();
    await (await s.tokens.USDC.mint(w.address, 200_000_000n * E6)).wait();
    return w;
  };
  return { ethers, provider, gov, s, a, router, owners, deployment, liquidator, base };
}

/** A small seeded generator (mulberry32): the action streams are random but reproducible from the seed. */
export function rng(seed: number) {
  let t = seed >>> 0;
  const next = () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}
