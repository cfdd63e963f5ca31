import { createRequire } from "node:module";
import hardhatEthers from "@nomicfoundation/hardhat-ethers";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

// No compiler download is possible on our build machines: compile with the
// solc-js build from the pinned `solc` npm package (same version as below).
export default defineConfig({
  plugins: [hardhatEthers],
  solidity: {
    version: "0.8.30",
    path: require.resolve("solc/soljson.js"),
    settings: {
      optimizer: { enabled: true, runs: 800 },
      evmVersion: "cancun",
    },
  },
  paths: { sources: "./contracts", tests: "./test" },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1", allowUnlimitedContractSize: true },
    localhost: { type: "http", url: "http://127.0.0.1:8545" },
    // `npm run demo -- --rpc URL` and `npm run deploy -- --rpc URL` point this at any node.
    rpc: { type: "http", url: process.env.ITOS_RPC_URL ?? "http://127.0.0.1:8545" },
  },
});
