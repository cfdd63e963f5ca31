// npm run deploy [-- --network NAME | --rpc URL] [--out FILE]
// Deploys the whole system (test tokens and mock feeds for local networks, the
// money market, the 2sAMM factory and a WETH/USDC pool, the Portfolio Manager
// and its producers) and writes the addresses to deployments/<network>.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { addresses, deploySystem } from "./lib/system.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const rpc = arg("rpc");
if (rpc) process.env.ITOS_RPC_URL = rpc;
const networkName = rpc ? "rpc" : arg("network");
const { default: hre } = await import("hardhat");

const conn = networkName && networkName !== "hardhat" ? await hre.network.connect({ network: networkName }) : await hre.network.create();
const { ethers } = conn;
const [signer] = await ethers.getSigners();
const chainId = (await ethers.provider.getNetwork()).chainId;
console.log(`deploying to ${networkName ?? "the in-process Hardhat network"} (chain ${chainId}) from ${signer.address}`);
const system = await deploySystem(ethers as any, signer, (l) => console.log(`  ${l}`));
const out = arg("out") ?? `deployments/${networkName ?? "hardhat"}.json`;
mkdirSync(out.split("/").slice(0, -1).join("/") || ".", { recursive: true });
writeFileSync(out, JSON.stringify({ network: networkName ?? "hardhat", chainId: Number(chainId), deployer: signer.address, ...(await addresses(system)) }, null, 2) + "\n");
console.log(`addresses written to ${out}`);
if (!networkName || networkName === "hardhat") console.log("(the in-process network ends with this command: use --network localhost with `npx hardhat node` to keep it)");
