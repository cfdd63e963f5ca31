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
  const deploy = async (name: string, args: unknown[] = []) => {
    try {
      return (await ethers.deployContract(name, args)) as unknown as Contract;
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
