/**
 * ABIs of the deployed Itos system, with literal types, for ethers v6 or viem:
 * `import { portfolioManagerAbi } from "itos-core/abis"`.
 * @example
 * import { Contract } from "ethers";
 * import { portfolioManagerAbi } from "itos-core/abis";
 * const pm = new Contract(deployment.pm, portfolioManagerAbi, provider);
 * await pm.breakdown(owner, 0);
 * @module
 */
export * from "../build/abis.js";
