// Gas of the contracts' main operations, beside Uniswap V3's where it has them.
// Grows with the 2sAMM and the Portfolio Manager.
import hre from "hardhat";

const { ethers } = await hre.network.create();
const harness = await ethers.deployContract("MathHarness");
const gas = await harness.addDelta.estimateGas(10n ** 18n, -(10n ** 17n));
console.table([{ operation: "LiquidityMath.addDelta (harness call)", itos: Number(gas) }]);
console.table(await (await import("./lib/gasPm.js")).pmGasRows()); // Portfolio Manager rows (bench/lib/gasPm.ts)
