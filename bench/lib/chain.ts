// The eth_call peers: the math harness contracts (and, once it exists, the 2sAMM
// pool through a reverting quoter) deployed on the in-process Hardhat network.
import { existsSync } from "node:fs";
import hre from "hardhat";
import type { Contract } from "ethers";

export interface Chain {
  tickMath: Contract;
  sqrtPriceMath: Contract;
  swapMath: Contract;
  solvency: Contract;
  /** Deploys contract `name` (null when its artifact does not exist). */
  deploy(name: string, args?: unknown[]): Promise<Contract | null>;
  ethers: Awaited<ReturnType<typeof hre.network.create>>["ethers"];
}

/** Compiles (a no-op when artifacts are fresh), starts a network and deploys the harnesses. */
export async function startChain(): Promise<Chain> {
  try {
    await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
  } catch (e) {
    // A contract mid-edit elsewhere in the tree must not stop the bench: use the artifacts there are.
    console.warn(`bench: contracts did not compile (${(e as Error).message.split("\n")[0]}); using the existing artifacts`);
  }
  const { ethers } = await hre.network.create();
  // External libraries (e.g. the pool's) are deployed once and linked wherever an artifact needs them.
  const libraries = new Map<string, string>();
  const link = async (name: string): Promise<Record<string, string>> => {
    const artifact = await hre.artifacts.readArtifact(name);
    const out: Record<string, string> = {};
    for (const [source, libs] of Object.entries(artifact.linkReferences ?? {})) {
      for (const lib of Object.keys(libs)) {
        // Link references name sources with a "project/" prefix; artifacts are named without it.
        const fq = `${source.replace(/^project\//, "")}:${lib}`;
        if (!libraries.has(fq)) {
          const l = await ethers.deployContract(fq, [], { libraries: await link(fq) });
          libraries.set(fq, await l.getAddress());
        }
        out[lib] = libraries.get(fq)!;
      }
    }
    return out;
  };
  const deploy = async (name: string, args: unknown[] = []) => {
    try {
      return (await ethers.deployContract(name, args, { libraries: await link(name) })) as unknown as Contract;
    } catch (e) {
      if (/artifact|not found|HHE1000/i.test(String(e))) return null;
      throw e;
    }
  };
  const must = async (name: string) => {
    const c = await deploy(name);
    if (!c) throw new Error(`bench: contract ${name} not found (run npx hardhat build)`);
    return c;
  };
  return {
    tickMath: await must("TickMathHarness"),
    sqrtPriceMath: await must("SqrtPriceMathHarness"),
    swapMath: await must("SwapMathHarness"),
    solvency: await must("SolvencyHarness"),
    deploy,
    ethers,
  };
}

/** Whether a Solidity source exists (contracts land while the bench is being written). */
export const hasSource = (path: string) => existsSync(new URL(`../../${path}`, import.meta.url));

export interface QuoteParams {
  zeroForOne: boolean;
  amountSpecified: bigint;
  sqrtPriceLimitX96: bigint;
}

export interface ChainQuote {
  amount0: bigint;
  amount1: bigint;
  sqrtPriceX96: bigint;
  tick: number;
}

/**
 * The benchmark pool as an on-chain 2sAMM pool (flat fee, no protocol share, no takers), quoted by
 * an eth_call of SwapQuoter.quote. Null when the pool contracts are not compiled.
 */
export async function deployQuotedPool(
  chain: Chain,
  config: { sqrtPriceX96: bigint; tickSpacing: number; feePips: number },
  positions: { tickLower: number; tickUpper: number; liquidity: bigint }[],
): Promise<{ quote(p: QuoteParams): Promise<ChainQuote>; address: string } | null> {
  const { ethers } = chain;
  const [owner] = await ethers.getSigners();
  const factory: any = await chain.deploy("TwoSidedPoolFactory", [owner.address]);
  const quoter: any = factory && (await chain.deploy("SwapQuoter"));
  if (!factory || !quoter) return null;
  const tokens: any[] = [];
  for (const name of ["A", "B"]) {
    const t: any = await chain.deploy("TestERC20", [name, name, 18]);
    await (await t.mint(await quoter.getAddress(), 1n << 200n)).wait();
    tokens.push(t);
  }
  const [a, b] = [await tokens[0].getAddress(), await tokens[1].getAddress()];
  const fee = config.feePips;
  const poolConfig = { tickSpacing: config.tickSpacing, minFeePips: fee, midFeePips: fee, maxFeePips: fee, takerCapPips: 700_000, protocolFeePips: 0, moneyMarket: ethers.ZeroAddress };
  await (await factory.createPool(a, b, poolConfig)).wait();
  const address: string = await factory.getPool(a, b, poolConfig);
  const pool = await ethers.getContractAt("TwoSidedPool", address);
  await (await pool.initialize(config.sqrtPriceX96)).wait();
  for (const p of positions) await (await quoter.mint(address, p.tickLower, p.tickUpper, p.liquidity)).wait();
  return {
    address,
    async quote(p: QuoteParams) {
      const r = await quoter.quote.staticCall(address, p.zeroForOne, p.amountSpecified, p.sqrtPriceLimitX96);
      return { amount0: r[0], amount1: r[1], sqrtPriceX96: r[2], tick: Number(r[3]) };
    },
  };
}
