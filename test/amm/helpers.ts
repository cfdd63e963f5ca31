// Deployment helpers for the 2sAMM tests and the gas bench: tokens, the 2sAMM factory (with its linked
// PremiumWalk and Oracle libraries), Uniswap V3's factory from @uniswap/v3-core's published bytecode, and a test router.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const Q96 = 1n << 96n;
export const MIN_SQRT = 4295128739n;
export const MAX_SQRT = 1461446703485210103287273052203988822378723970342n;

export interface PoolConfig {
  tickSpacing: number;
  minFeePips: number;
  midFeePips: number;
  maxFeePips: number;
  takerCapPips: number;
  protocolFeePips: number;
  moneyMarket: string;
}

export const ZERO = "0x0000000000000000000000000000000000000000";

export function flatConfig(fee: number, tickSpacing: number, extra: Partial<PoolConfig> = {}): PoolConfig {
  return { tickSpacing, minFeePips: fee, midFeePips: fee, maxFeePips: fee, takerCapPips: 700_000, protocolFeePips: 0, moneyMarket: ZERO, ...extra };
}

export async function deployTokens(ethers: any) {
  const a = await ethers.deployContract("TestERC20", ["Token A", "A", 18]);
  const b = await ethers.deployContract("TestERC20", ["Token B", "B", 18]);
  const [t0, t1] = BigInt(await a.getAddress()) < BigInt(await b.getAddress()) ? [a, b] : [b, a];
  return { token0: t0, token1: t1 };
}

export async function deployItos(ethers: any, owner?: string) {
  const [signer] = await ethers.getSigners();
  const walk = await ethers.deployContract("PremiumWalk");
  const oracle = await ethers.deployContract("Oracle");
  const factory = await ethers.deployContract("TwoSidedPoolFactory", [owner ?? signer.address], {
    libraries: {
      "project/contracts/libraries/PremiumWalk.sol:PremiumWalk": await walk.getAddress(),
      "project/contracts/libraries/Oracle.sol:Oracle": await oracle.getAddress(),
    },
  });
  const lens = await ethers.deployContract("TwoSidedPoolLens");
  return { factory, walk, lens };
}

export async function createItosPool(ethers: any, factory: any, token0: any, token1: any, config: PoolConfig) {
  const [a, b] = [await token0.getAddress(), await token1.getAddress()];
  await (await factory.createPool(a, b, config)).wait();
  const addr = await factory.getPool(a, b, config);
  return ethers.getContractAt("TwoSidedPool", addr);
}

function artifact(name: string) {
  const path = require.resolve(`@uniswap/v3-core/artifacts/contracts/${name}.sol/${name}.json`);
  return JSON.parse(readFileSync(path, "utf8"));
}

export async function deployUniswap(ethers: any) {
  const [signer] = await ethers.getSigners();
  const f = artifact("UniswapV3Factory");
  const factory = await new ethers.ContractFactory(f.abi, f.bytecode, signer).deploy();
  await factory.waitForDeployment();
  return factory;
}

export async function createUniswapPool(ethers: any, factory: any, token0: any, token1: any, fee: number) {
  const [a, b] = [await token0.getAddress(), await token1.getAddress()];
  await (await factory.createPool(a, b, fee)).wait();
  const addr = await factory.getPool(a, b, fee);
  const [signer] = await ethers.getSigners();
  return new ethers.Contract(addr, artifact("UniswapV3Pool").abi, signer);
}

/** A router funded with plenty of both tokens. */
export async function deployRouter(ethers: any, token0: any, token1: any, amount = 10n ** 40n) {
  const router = await ethers.deployContract("PoolRouter");
  const r = await router.getAddress();
  await (await token0.mint(r, amount)).wait();
  await (await token1.mint(r, amount)).wait();
  return router;
}

/** floor(sqrt(n)) for bigint. */
export function sqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton from above: x_{k+1} = (x_k + n / x_k) / 2 decreases to floor(sqrt(n)).
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** sqrt(amount1 / amount0) in Q64.96. */
export function encodePriceSqrt(amount1: bigint, amount0: bigint): bigint {
  return sqrt((amount1 << 192n) / amount0);
}
