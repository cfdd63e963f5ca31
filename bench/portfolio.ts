// Portfolio rows of the bench (wired into bench/bench.ts; alone: `npx tsx bench/portfolio.ts [--quick]`).
//
// - 10,000 synthetic portfolios of 16 positions over 8 tokens (6 blue-chips, 2 tails) on one shared
//   state, re-valued after one oracle price change with Portfolio.checkMany. Per portfolio: 2 2sAMM
//   makers, 2 takers and 1 bundle on 4 Wasm pools (each pair of blue-chips with feeds, so the
//   reference price is the feeds'), 4 token deposits, 3 money-market lends, 3 borrows and 1 ERC-4626
//   vault position. After a price change only the Records whose reference price reads the moved feed
//   are recomputed (pools 0 and 1 hold token 0); the others are cached per position. A second row
//   values the same portfolios at a new time (every Record recomputed).
// - liquidationPrice for one of them.
// Beside each: the same answer by eth_call on the in-process network, for a deployed portfolio of 16
// deposit, lend and borrow positions (5 tokens: the PM fixture): pm.breakdown for one portfolio, and
// for the liquidation price the same number of pm.isSolvent calls as the Wasm search made probes (an
// eth_call cannot move a feed, so the chain's cost is one call per probe). Measured, never asserted.
import { pathToFileURL } from "node:url";
import { init, Pool, Portfolio, PremiumLedger, type PortfolioPosition, type SharedState } from "../bindings/index.js";
import { printTable, runRows, type Row } from "./lib/runner.js";
import { deploySystem } from "../test/pm/fixture.js";

const Q64 = 1n << 64n;
const addr = (i: number) => "0x" + i.toString(16).padStart(40, "0");
const TOKENS = Array.from({ length: 8 }, (_, i) => addr(0xb0 + i));
const MARKET = addr(0xc0);
const VAULTS = [addr(0xd0), addr(0xd1)];
// [decimals, tail, variance per mille, answer (8 decimals)]
const SPEC: [number, boolean, number, bigint][] = [
  [18, false, 1040, 3000_00000000n], [6, false, 1010, 1_00000000n], [8, false, 1050, 60000_00000000n], [18, false, 1100, 150_00000000n],
  [18, false, 1200, 12_00000000n], [6, false, 1015, 99_980000n], [18, true, 1500, 0n], [18, true, 2000, 0n],
];
const NOW = 1_800_000_000n;

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    return s / 2 ** 32;
  };
}

export function syntheticShared(): SharedState {
  const tokens: SharedState["tokens"] = {};
  const markets: SharedState["markets"] = {};
  SPEC.forEach(([decimals, tail, pm, answer], i) => {
    const t = TOKENS[i];
    tokens[t] = {
      token: t, registered: true, tail, decimals, maxAge: 86_400, varianceX64: (Q64 * BigInt(pm)) / 1000n, feed: addr(0xe0 + i),
      price: tail ? undefined : { answer, decimals: 8, updatedAt: NOW - 60n },
    };
    markets[`${MARKET}:${t}`] = {
      market: MARKET, token: t, lastAccrual: NOW - 600n, lendIndexX64: Q64 + Q64 / 50n + BigInt(i), borrowIndexX64: Q64 + Q64 / 20n + BigInt(7 * i),
      totalLendShares: 10n ** BigInt(decimals + 9), totalBorrowShares: 6n * 10n ** BigInt(decimals + 8),
      baseRateX64: Q64 / 1_000_000_000n, slope1X64: (4n * Q64) / 1_000_000_000n, kinkX64: (8n * Q64) / 10n, slope2X64: (30n * Q64) / 1_000_000_000n, reserveShareX64: Q64 / 10n,
    };
  });
  const vaults: SharedState["vaults"] = {};
  VAULTS.forEach((v, i) => (vaults[v] = { vault: v, asset: TOKENS[i], totalAssets: 10n ** 24n + 12345n, totalSupply: 9n * 10n ** 23n, offsetPow: 1n }));
  const pools: SharedState["pools"] = {};
  POOLS.forEach(([a, b], i) => (pools[POOL_ADDRS[i]] = syntheticPool(TOKENS[a], TOKENS[b])));
  return { blockTimestamp: NOW, blockNumber: 1n, tailRecordUsdDebt: 50n * 10n ** 18n, tokens, markets, vaults, pools };
}

// 4 pools over blue-chip pairs; pools 0 and 1 read token 0's feed in their reference price.
const POOLS: [number, number][] = [[0, 1], [0, 2], [1, 3], [2, 4]];
const POOL_ADDRS = POOLS.map((_, i) => addr(0x90 + i));
const MAKER_RANGES: [number, number][] = [[-600, 600], [-1200, 1200], [-3000, 3000], [-6000, 6000]];
const TAKER_RANGES: [number, number][] = [[-600, 600], [-1200, 1200]];

/** A 2sAMM pool in Wasm at price 1 with maker ranges and some taken liquidity, and an empty premium ledger. */
function syntheticPool(token0: string, token1: string) {
  const pool = new Pool({ sqrtPriceX96: 1n << 96n, tickSpacing: 60, fee: 3000 });
  for (const [lo, hi] of MAKER_RANGES) pool.mint(lo, hi, 10n ** 24n);
  for (const [lo, hi] of TAKER_RANGES) pool.take(lo, hi, 10n ** 22n);
  const ledger = PremiumLedger.fromSnapshot(
    { index0X64: 0n, index1X64: 0n, borrowIndex0X64: 0n, borrowIndex1X64: 0n, active: false, timestamp: NOW, borrowIndexNowX64: [0n, 0n], token0, token1 },
    [],
  );
  return { type: "2sAMM", pool, ledger, token0, token1, moneyMarket: addr(0), markets: undefined, reference: {} };
}

export function syntheticPortfolios(n: number, shared: SharedState, seed = 20261208): Portfolio[] {
  const r = rng(seed);
  const amount = (t: number, max: number) => BigInt(Math.floor(r() * max) + 1) * 10n ** BigInt(SPEC[t][0]);
  const out: Portfolio[] = [];
  for (let p = 0; p < n; p++) {
    const positions: PortfolioPosition[] = [];
    let id = BigInt(p * 16);
    const pick = () => Math.floor(r() * 8);
    for (let k = 0; k < 4; k++) { const t = pick(); positions.push({ producer: addr(0xf1), assetId: id++, kind: "deposit", token: TOKENS[t], amount: amount(t, 1000) }); }
    for (let k = 0; k < 3; k++) { const t = pick(); positions.push({ producer: addr(0xf2), assetId: id++, kind: "lend", token: TOKENS[t], market: MARKET, amount: amount(t, 1000) }); }
    for (let k = 0; k < 3; k++) {
      const t = Math.floor(r() * 6); // borrows of blue-chips
      positions.push({ producer: addr(0xf3), assetId: id++, kind: "borrow", token: TOKENS[t], market: MARKET, amount: amount(t, 600), liquidationWindow: 3600n });
    }
    positions.push({ producer: addr(0xf4), assetId: id++, kind: "erc4626", vault: VAULTS[0], token: TOKENS[0], amount: amount(0, 100), riskPips: 20_000n });
    const liq = () => BigInt(Math.floor(r() * 1000) + 1) * 10n ** 18n;
    const maker = (k: number) => {
      const [tickLower, tickUpper] = MAKER_RANGES[Math.floor(r() * MAKER_RANGES.length)];
      return { tickLower, tickUpper, liquidity: liq(), feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, premiumInside0LastX128: 0n, premiumInside1LastX128: 0n, tokensOwed0: BigInt(k), tokensOwed1: 0n };
    };
    const taker = () => {
      const [tickLower, tickUpper] = TAKER_RANGES[Math.floor(r() * TAKER_RANGES.length)];
      const l = liq() / 10n;
      return { tickLower, tickUpper, liquidity: l, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, premiumInside0LastX128: 0n, premiumInside1LastX128: 0n, owed0: 0n, owed1: 0n, shares0: l / 100n, shares1: l / 100n, lent0: l / 100n, lent1: l / 100n };
    };
    const onPool = (kind: "maker" | "taker" | "bundle", producer: number, asset: unknown) => {
      const k = Math.floor(r() * POOLS.length);
      positions.push({ producer: addr(producer), assetId: id++, kind, pool: POOL_ADDRS[k], token0: TOKENS[POOLS[k][0]], token1: TOKENS[POOLS[k][1]], asset });
    };
    for (let k = 0; k < 2; k++) onPool("maker", 0xf5, maker(k));
    for (let k = 0; k < 2; k++) onPool("taker", 0xf6, { ...taker(), deltaTicks: 600 });
    const bm = maker(0), bt = taker();
    onPool("bundle", 0xf7, { maker: bm, taker: bt, makerLiquidity: bm.liquidity, takerLiquidity: bt.liquidity, deltaTicks: 600 });
    out.push(Portfolio.fromSnapshot({ pm: addr(0xa1), owner: addr(0x1000 + p), portfolioId: 0n, positions, shared }));
  }
  return out;
}

/** A deployed portfolio of 16 positions and the PM, for the eth_call cells. */
async function chainPortfolio() {
  const s = await deploySystem();
  const { alice, pm, deposits, lends, borrows, tokens } = s;
  await pm.connect(alice).openPortfolio();
  const A = (n: string) => tokens[n].getAddress() as Promise<string>;
  const E18 = 10n ** 18n;
  for (let k = 0; k < 6; k++) await deposits.connect(alice).deposit(await A(["USDC", "WETH", "SOL", "DOGE", "PEPE", "WETH"][k]), k === 0 ? 20_000n * 10n ** 6n : E18, 0n);
  for (let k = 0; k < 5; k++) await lends.connect(alice).lend(await A(["USDC", "WETH", "SOL", "USDC", "WETH"][k]), k % 3 === 0 ? 1000n * 10n ** 6n : E18 / 2n, 0n);
  for (let k = 0; k < 5; k++) await borrows.connect(alice).borrow(await A(["USDC", "SOL", "USDC", "SOL", "USDC"][k]), k % 2 === 0 ? 1500n * 10n ** 6n : 10n ** 9n, 0n);
  if ((await pm.positions(alice.address, 0n)).length !== 16) throw new Error("bench: the chain portfolio should hold 16 positions");
  return { s, owner: alice.address as string, weth: await A("WETH") };
}

export async function portfolioRows(log: (m: string) => void): Promise<Row[]> {
  await init();
  const shared = syntheticShared();
  const ps = syntheticPortfolios(10_000, shared);
  const moved = { [TOKENS[0]]: 2900_00000000n }; // one oracle price change
  Portfolio.checkMany(ps, { now: NOW }); // first valuation: Records computed and cached per portfolio
  // The first portfolio with a liquidation price in token 0 (a search, not an early "none").
  const one = ps.slice(0, 500).find((p) => p.liquidationPrice(TOKENS[0], { now: NOW }) !== null) ?? ps[0];
  const probes = () => {
    one.liquidationPrice(TOKENS[0], { now: NOW });
    return Portfolio.lastSearchProbes;
  };
  const nProbes = probes();
  log(`portfolio bench: 10,000 synthetic portfolios (maker, taker, bundle, deposit, lend, borrow, ERC-4626); liquidationPrice takes ${nProbes} probes`);

  const { s, owner, weth } = await chainPortfolio();
  const pmAddr = await s.pm.getAddress();
  // Sanity: the Portfolio's answer for the deployed portfolio equals the chain's, before timing.
  const live = await Portfolio.fromChain(s.ethers.provider, pmAddr, owner, 0n);
  const b = await s.pm.breakdown(owner, 0n);
  if (live.check().spot.usdNet !== b.usdNet) throw new Error("bench sanity check failed: Portfolio.check and pm.breakdown disagree");
  const L = live.liquidationPrice(weth);
  log(`chain portfolio: usdNet ${b.usdNet}, WETH liquidation price ${L}`);
  let t = NOW;
  let move = 0;
  return [
    {
      op: "Portfolio.checkMany, 10,000 portfolios of 16 positions (maker, taker, bundle, deposit, lend, borrow, ERC-4626) over 8 tokens and 4 pools after one oracle move (portfolios/s)",
      impls: {
        wasmBatch: { fn: () => Portfolio.checkMany(ps, { now: NOW, prices: { [TOKENS[0]]: 2900_00000000n + BigInt(++move) } }), heavy: true, perCall: 10_000 },
        ethCall: { fn: () => s.pm.breakdown(owner, 0n), async: true },
      },
    },
    {
      op: "Portfolio.checkMany, the same at a new time: every Record recomputed (portfolios/s)",
      impls: {
        wasmBatch: { fn: () => Portfolio.checkMany(ps, { now: ++t, prices: moved }), heavy: true, perCall: 10_000 },
        ethCall: { fn: () => s.pm.breakdown(owner, 0n), async: true },
      },
    },
    {
      op: `Portfolio.liquidationPrice, one portfolio of 16 positions (${nProbes} probes; eth_call: as many pm.isSolvent calls)`,
      impls: {
        wasm: { fn: () => one.liquidationPrice(TOKENS[0], { now: NOW }) },
        ethCall: {
          fn: async () => {
            for (let k = 0; k < nProbes; k++) await s.pm.isSolvent(owner, 0n);
          },
          async: true,
        },
      },
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const quick = process.argv.includes("--quick");
  const rows = await portfolioRows((m) => console.log(m));
  printTable(await runRows(rows, { quick }));
  process.exit(0);
}
