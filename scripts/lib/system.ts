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

/** The 2sAMM factory (its pools' premium walk and oracle reads are external libraries, linked here). */
export async function deployFactory(ethers: EthersLike, signer: Signer): Promise<Contract> {
  const walk = await deploy(ethers, signer, "PremiumWalk");
  const oracle = await deploy(ethers, signer, "Oracle");
  const f = await ethers.getContractFactory("TwoSidedPoolFactory", {
    signer,
    libraries: {
      "project/contracts/libraries/PremiumWalk.sol:PremiumWalk": await walk.getAddress(),
      "project/contracts/libraries/Oracle.sol:Oracle": await oracle.getAddress(),
    },
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

/** floor(f * 2^64) for a variance factor f given as num/den (1.04 = 104/100). */
export const varianceX64 = (num: bigint, den: bigint) => (num * X64) / den;

/** sqrt(amount1 / amount0) as Q64.96, rounded down (Uniswap's encodeSqrtRatioX96). */
export function encodeSqrtRatioX96(amount1: bigint, amount0: bigint): bigint {
  const x = (amount1 << 192n) / amount0;
  if (x < 2n) return x;
  let r = x, y = (x + 1n) / 2n;
  while (y < r) [r, y] = [y, (y + x / y) / 2n];
  return r;
}

/** A token of the local deployment: decimals, feed price (USD, 8 decimals), variance (num/100), class. */
export interface TokenSpec {
  symbol: string;
  name: string;
  decimals: number;
  priceUsd8: bigint;
  variancePct: bigint;
  tail: boolean;
}

export const LOCAL_TOKENS: TokenSpec[] = [
  { symbol: "WETH", name: "Wrapped Ether", decimals: 18, priceUsd8: 2000_00000000n, variancePct: 102n, tail: false },
  { symbol: "USDC", name: "USD Coin", decimals: 6, priceUsd8: 1_00000000n, variancePct: 101n, tail: false },
  { symbol: "PEPE", name: "Pepe", decimals: 18, priceUsd8: 1000n, variancePct: 130n, tail: true },
];

export const FEED_DECIMALS = 8;

export interface System {
  tokens: Record<string, Contract>;
  feeds: Record<string, Contract>;
  moneyMarket: Contract;
  pm: Contract;
  deposits: Contract;
  lends: Contract;
  borrows: Contract;
  lens: Contract;
  makers: Contract;
  takers: Contract;
  factory: Contract;
  /** The WETH/USDC 2sAMM pool. */
  pool: Contract;
}

/**
 * The whole system on a local network: test tokens with mock Chainlink feeds, the money market
 * (markets listed, liquidity supplied), the Portfolio Manager with its registry, the producers
 * (deposits, lends, borrows, 2sAMM makers and takers), the 2sAMM factory and a WETH/USDC pool
 * at the feeds' price. `log` receives one line per step.
 */
export async function deploySystem(ethers: EthersLike, signer: Signer, log: (line: string) => void = () => {}): Promise<System> {
  const gov = await signer.getAddress();
  const tokens: Record<string, Contract> = {}, feeds: Record<string, Contract> = {};
  for (const t of LOCAL_TOKENS) {
    tokens[t.symbol] = await deploy(ethers, signer, "TestERC20", [t.name, t.symbol, t.decimals]);
    feeds[t.symbol] = await deploy(ethers, signer, "MockAggregator", [FEED_DECIMALS, t.priceUsd8]);
  }
  log(`tokens and feeds: ${LOCAL_TOKENS.map((t) => `${t.symbol} $${Number(t.priceUsd8) / 1e8}`).join(", ")}`);
  const moneyMarket = await deployMoneyMarket(ethers, signer, Object.values(tokens));
  for (const t of LOCAL_TOKENS) {
    const c = tokens[t.symbol];
    const liquidity = 10n ** BigInt(t.decimals) * 10_000_000n;
    await (await c.mint(gov, liquidity)).wait();
    await (await c.approve(await moneyMarket.getAddress(), liquidity)).wait();
    await (await moneyMarket.supply(await c.getAddress(), liquidity)).wait();
  }
  log("money market: markets listed, liquidity supplied");
  const pm = await deploy(ethers, signer, "PortfolioManager", [gov]);
  const pmAddr = await pm.getAddress(), mmAddr = await moneyMarket.getAddress();
  for (const t of LOCAL_TOKENS) {
    await (await pm.setToken(await tokens[t.symbol].getAddress(), varianceX64(t.variancePct, 100n), t.tail, await feeds[t.symbol].getAddress(), 24 * 3600)).wait();
  }
  const deposits = await deploy(ethers, signer, "TokenDepositProducer", [pmAddr]);
  const lends = await deploy(ethers, signer, "MoneyMarketLendProducer", [pmAddr, mmAddr]);
  const borrows = await deploy(ethers, signer, "MoneyMarketBorrowProducer", [pmAddr, mmAddr, gov, 3600]);
  const lens = await deploy(ethers, signer, "TwoSidedPoolLens");
  const factory = await deployFactory(ethers, signer);
  const makers = await deploy(ethers, signer, "TwoSidedMakerProducer", [pmAddr, await lens.getAddress(), await factory.getAddress()]);
  const takers = await deploy(ethers, signer, "TwoSidedTakerProducer", [pmAddr, await lens.getAddress(), await factory.getAddress(), gov]);
  for (const p of [deposits, lends, borrows, makers, takers]) await (await pm.setProducer(await p.getAddress(), true)).wait();
  await (await moneyMarket.setBorrower(await borrows.getAddress(), true)).wait();
  log("portfolio manager: registry set, producers registered");
  await (await factory.setTaker(await takers.getAddress(), true)).wait();
  const weth = LOCAL_TOKENS[0], usdc = LOCAL_TOKENS[1];
  const wethAddr = await tokens.WETH.getAddress(), usdcAddr = await tokens.USDC.getAddress();
  // Raw price of token1 in token0 units from the feeds (2000 USDC per WETH, decimals included).
  const wethUnits = 10n ** BigInt(weth.decimals) * usdc.priceUsd8, usdcUnits = 10n ** BigInt(usdc.decimals) * weth.priceUsd8;
  const sqrtPriceX96 = wethAddr.toLowerCase() < usdcAddr.toLowerCase() ? encodeSqrtRatioX96(usdcUnits, wethUnits) : encodeSqrtRatioX96(wethUnits, usdcUnits);
  const { pool } = await deployPool(ethers, signer, tokens.WETH, tokens.USDC, moneyMarket, sqrtPriceX96, DEFAULT_POOL, factory);
  log(`2sAMM: factory and WETH/USDC pool at ${await pool.getAddress()}`);
  return { tokens, feeds, moneyMarket, pm, deposits, lends, borrows, lens, makers, takers, factory, pool };
}

/** Addresses of a deployed system, as written by `npm run deploy`. */
export async function addresses(s: System): Promise<Record<string, string | Record<string, string>>> {
  const out: Record<string, any> = { tokens: {}, feeds: {} };
  for (const [k, c] of Object.entries(s.tokens)) out.tokens[k] = await c.getAddress();
  for (const [k, c] of Object.entries(s.feeds)) out.feeds[k] = await c.getAddress();
  for (const k of ["moneyMarket", "pm", "deposits", "lends", "borrows", "lens", "makers", "takers", "factory", "pool"] as const) out[k] = await s[k].getAddress();
  return out;
}

export { deploy };
