// Portfolio Manager gas: install (through the token-deposit producer), uninstall and the
// solvency check, for portfolios of 1, 8 and 16 positions spread over 8 blue-chip tokens
// (position k holds token k mod 8, so 8 and 16 positions net 8 distinct tokens).
import hre from "hardhat";

export interface GasRow {
  operation: string;
  itos: number;
  /** The same operation measured by this bench before issue 17's cheaper check (commit eff0356). */
  before?: number;
  /** The same operation after the first round of issue 17 (commit 7691be5, the start of the second). */
  round1?: number;
}

/**
 * Gas of each row before the check was restructured (issue 17: one producer call per producer, Records
 * read in place, one netting without pool-priced Records, packed positions and token entries), measured
 * with this bench at commit eff0356. Kept so every run prints the before and after beside each other.
 */
export const PM_BEFORE: Record<string, number> = {
  "PM install (TokenDepositProducer.deposit -> install), 1st position": 268928,
  "PM solvency check (isSolvent, eth_estimateGas incl. 21,000 base), 1 position": 79959,
  "PM uninstall (destroy + settle + solvency check), from 1 position": 64728,
  "PM install (TokenDepositProducer.deposit -> install), 8th position": 569309,
  "PM solvency check (isSolvent, eth_estimateGas incl. 21,000 base), 8 positions": 432075,
  "PM uninstall (destroy + settle + solvency check), from 8 positions": 391635,
  "PM install (TokenDepositProducer.deposit -> install), 16th position": 770746,
  "PM solvency check (isSolvent, eth_estimateGas incl. 21,000 base), 16 positions": 670678,
  "PM uninstall (destroy + settle + solvency check), from 16 positions": 641462,
};

/**
 * Gas of each row after issue 17's first round (one call per producer, Records read in place, packed positions and
 * registry entries), measured with this bench at commit 7691be5: the second round (one-slot deposits and test feed,
 * less PM computation) is measured against it.
 */
export const PM_ROUND1: Record<string, number> = {
  "PM install (TokenDepositProducer.deposit -> install), 1st position": 235129,
  "PM solvency check (isSolvent, eth_estimateGas incl. 21,000 base), 1 position": 63137,
  "PM uninstall (destroy + settle + solvency check), from 1 position": 62629,
  "PM install (TokenDepositProducer.deposit -> install), 8th position": 397328,
  "PM solvency check (isSolvent, eth_estimateGas incl. 21,000 base), 8 positions": 276626,
  "PM uninstall (destroy + settle + solvency check), from 8 positions": 278076,
  "PM install (TokenDepositProducer.deposit -> install), 16th position": 488269,
  "PM solvency check (isSolvent, eth_estimateGas incl. 21,000 base), 16 positions": 384680,
  "PM uninstall (destroy + settle + solvency check), from 16 positions": 411199,
};

const E18 = 10n ** 18n;
const X64 = 1n << 64n;
const SIZES = [1, 8, 16];
const TOKENS = 8;

/** Deploys the PM, the token-deposit producer and 8 priced tokens on a fresh network and measures. */
export async function pmGasRows(): Promise<GasRow[]> {
  const { ethers } = await hre.network.create();
  const [gov, ...users] = await ethers.getSigners();
  const deploy = (name: string, args: unknown[] = []) => ethers.deployContract(name, args) as Promise<any>;
  const pm = await deploy("PortfolioManager", [gov.address]);
  const deposits = await deploy("TokenDepositProducer", [await pm.getAddress()]);
  await pm.setProducer(await deposits.getAddress(), true);
  const tokens: any[] = [];
  for (let i = 0; i < TOKENS; i++) {
    const t = await deploy("TestERC20", [`T${i}`, `T${i}`, 18]);
    const feed = await deploy("MockAggregator", [8, BigInt(i + 1) * 100_00000000n]);
    await pm.setToken(await t.getAddress(), (X64 * BigInt(101 + i)) / 100n, false, await feed.getAddress(), 24 * 3600);
    tokens.push(t);
  }

  const rows: GasRow[] = [];
  for (const [u, n] of SIZES.entries()) {
    // One wallet per size: a fresh portfolio, n - 1 positions, then the measured n-th install.
    const user = users[u];
    for (const t of tokens) {
      await t.mint(user.address, 1000n * E18);
      await t.connect(user).approve(await deposits.getAddress(), ethers.MaxUint256);
    }
    await pm.connect(user).openPortfolio();
    const pid = 0n;
    const depositOf = (k: number) => deposits.connect(user).deposit(tokens[k % TOKENS].getAddress(), E18 + BigInt(k), pid);
    for (let k = 0; k < n - 1; k++) await (await depositOf(k)).wait();
    const installed = await (await depositOf(n - 1)).wait();
    rows.push({ operation: `PM install (TokenDepositProducer.deposit -> install), ${n}${n === 1 ? "st" : "th"} position`, itos: Number(installed.gasUsed) });

    const check = await pm.isSolvent.estimateGas(user.address, pid);
    rows.push({ operation: `PM solvency check (isSolvent, eth_estimateGas incl. 21,000 base), ${n} position${n > 1 ? "s" : ""}`, itos: Number(check) });

    // Uninstall the last position (the search walks the whole list; the swap-remove is cheapest).
    const assetId = await deposits.lastAssetId();
    const removed = await (await pm.connect(user).uninstall(pid, await deposits.getAddress(), assetId)).wait();
    rows.push({ operation: `PM uninstall (destroy + settle + solvency check), from ${n} position${n > 1 ? "s" : ""}`, itos: Number(removed.gasUsed) });
  }
  for (const r of rows) (r.before = PM_BEFORE[r.operation]), (r.round1 = PM_ROUND1[r.operation]);
  return rows;
}
