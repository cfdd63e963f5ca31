// Deploys the Itos system with ethers v6: used by `npm run deploy`, the demo and
// the chain tests, so all three exercise the same wiring.
import type { BaseContract, Signer } from "ethers";

const X64 = 1n << 64n;
const PER_YEAR = 365n * 24n * 3600n;

/** A yearly rate (e.g. 0.05) as a per-second X64 rate. */
export const perSecondX64 = (yearly: number) => (BigInt(Math.round(yearly * 1e9)) * X64) / (PER_YEAR * 10n ** 9n);

/** The minimal ethers surface we need from Hardhat's or a JSON-RPC provider's ethers. */
export interface EthersLike {
  getContractFactory(name: string, signer?: Signer | object): Promise<any>;
  getContractAt(name: string, address: string, signer?: Signer): Promise<any>;
}

export interface PoolConfig {
  tickSpacing: number;
  minFeePips: number;
  midFeePips: number;
  maxFeePips: number;
  takerCapPips: number;
  protocolFeePips: number;
}

export const DEFAULT_POOL: PoolConfig = { tickSpacing: 60, minFeePips: 100, midFeePips: 5000, maxFeePips: 50000, takerCapPips: 700_000, protocolFeePips: 50_000 };

export type Contract = BaseContract & Record<string, any>;

async function deploy(ethers: EthersLike, signer: Signer, name: string, args: unknown[] = []): Promise<Contract> {
  const f = await ethers.getContractFactory(name, signer);
  const c = await f.deploy(...args);
  await c.waitForDeployment();
  return c as Contract;
}

export interface Tokens {
  weth: Contract;
  usdc: Contract;
  pepe: Contract;
}

/** Test tokens for local networks: WETH (18 decimals), USDC (6), PEPE (18, a tail token). */
export async function deployTokens(ethers: EthersLike, signer: Signer): Promise<Tokens> {
  const weth = await deploy(ethers, signer, "TestERC20", ["Wrapped Ether", "WETH", 18]);
  const usdc = await deploy(ethers, signer, "TestERC20", ["USD Coin", "USDC", 6]);
  const pepe = await deploy(ethers, signer, "TestERC20", ["Pepe", "PEPE", 18]);
  return { weth, usdc, pepe };
}

/** Money market with a kinked rate model listed for each token. */
export async function deployMoneyMarket(ethers: EthersLike, signer: Signer, tokens: Contract[]): Promise<Contract> {
  const owner = await signer.getAddress();
  const mm = await deploy(ethers, signer, "MoneyMarket", [owner]);
  const model = {
    baseRateX64: perSecondX64(0.02),
    slope1X64: perSecondX64(0.08),
    kinkX64: (X64 * 8n) / 10n,
    slope2X64: perSecondX64(1.0),
    reserveShareX64: X64 / 10n,
  };
  for (const t of tokens) await (await mm.listMarket(await t.getAddress(), model)).wait();
  return mm;
}

/** The 2sAMM factory (its pools' premium walk is an external library, linked here). */
export async function deployFactory(ethers: EthersLike, signer: Signer): Promise<Contract> {
  const walk = await deploy(ethers, signer, "PremiumWalk");
  const f = await ethers.getContractFactory("TwoSidedPoolFactory", {
    signer,
    libraries: { "project/contracts/libraries/PremiumWalk.sol:PremiumWalk": await walk.getAddress() },
  } as any);
  const factory = await f.deploy(await signer.getAddress());
  await factory.waitForDeployment();
  return factory as Contract;
}

/** The 2sAMM factory and one pool of (tokenA, tokenB) at `sqrtPriceX96`. */
export async function deployPool(
  ethers: EthersLike,
  signer: Signer,
  tokenA: Contract,
  tokenB: Contract,
  moneyMarket: Contract,
  sqrtPriceX96: bigint,
  config: PoolConfig = DEFAULT_POOL,
  factory?: Contract,
): Promise<{ factory: Contract; pool: Contract }> {
  factory ??= await deployFactory(ethers, signer);
  const cfg = { ...config, moneyMarket: await moneyMarket.getAddress() };
  const a = await tokenA.getAddress(), b = await tokenB.getAddress();
  await (await factory.createPool(a, b, cfg)).wait();
  const address = await factory.getPool(a, b, cfg);
  const pool = (await ethers.getContractAt("TwoSidedPool", address, signer)) as Contract;
  await (await pool.initialize(sqrtPriceX96)).wait();
  return { factory, pool };
}

export { deploy };
