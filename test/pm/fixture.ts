// A deployed Portfolio Manager system on a fresh in-process network: tokens with feeds, the money
// market with its lend/borrow producers, the token-deposit producer, funded wallets.
import { network } from "../helpers/chain.js";

export const X64 = 1n << 64n;
/** floor(f * 2^64) for a factor given as a fraction num/den (e.g. 1.04 = 104/100). */
export const vX64 = (num: bigint, den: bigint) => (num * X64) / den;
export const E18 = 10n ** 18n;
export const FEED_DECIMALS = 8;
export const HOUR = 3600;

export async function deploySystem() {
  const { ethers } = await network();
  const [gov, alice, bob, stranger] = await ethers.getSigners();
  const deploy = (name: string, args: unknown[] = []) => ethers.deployContract(name, args) as Promise<any>;

  const pm = await deploy("PortfolioManager", [gov.address]);
  const mm = await deploy("MoneyMarket", [gov.address]);
  const deposits = await deploy("TokenDepositProducer", [await pm.getAddress()]);
  const lends = await deploy("MoneyMarketLendProducer", [await pm.getAddress(), await mm.getAddress()]);
  const borrows = await deploy("MoneyMarketBorrowProducer", [await pm.getAddress(), await mm.getAddress(), gov.address, HOUR]);
  for (const p of [deposits, lends, borrows]) await pm.setProducer(await p.getAddress(), true);
  await mm.setBorrower(await borrows.getAddress(), true);

  // name, decimals, price (USD, 8-decimal feed answer), variance (num/100), tail
  const spec = {
    USDC: [6, 1_00000000n, 101n, false],
    WETH: [18, 2000_00000000n, 102n, false],
    SOL: [9, 100_00000000n, 104n, false],
    DOGE: [8, 10_000000n, 110n, true], // 0.10 USD
    PEPE: [18, 1000n, 130n, true], // 0.00001 USD
  } as const;
  const tokens: Record<string, any> = {};
  const feeds: Record<string, any> = {};
  const model = { baseRateX64: X64 / 1_000_000_000n, slope1X64: (4n * X64) / 1_000_000_000n, kinkX64: (8n * X64) / 10n, slope2X64: (30n * X64) / 1_000_000_000n, reserveShareX64: X64 / 10n };
  for (const [name, [dec, answer, v, tail]] of Object.entries(spec)) {
    const t = await deploy("TestERC20", [name, name, dec]);
    const f = await deploy("MockAggregator", [FEED_DECIMALS, answer]);
    tokens[name] = t;
    feeds[name] = f;
    await pm.setToken(await t.getAddress(), vX64(v, 100n), tail, await f.getAddress(), 24 * HOUR);
    await mm.listMarket(await t.getAddress(), model);
    for (const s of [gov, alice, bob]) {
      await t.mint(s.address, 10n ** 40n);
      for (const spender of [pm, mm, deposits, lends, borrows]) await t.connect(s).approve(await spender.getAddress(), ethers.MaxUint256);
    }
    // Liquidity to borrow from.
    await mm.connect(gov).supply(await t.getAddress(), 10n ** 30n);
  }
  const addr = async (c: any) => (await c.getAddress()) as string;
  return { ethers, gov, alice, bob, stranger, pm, mm, deposits, lends, borrows, tokens, feeds, spec, addr };
}

export type System = Awaited<ReturnType<typeof deploySystem>>;
