// npm run keeper:demo
// Deploys the system on the embedded Hardhat network, opens 208 portfolios (deposits, lends, borrows,
// 2sAMM makers and takers: long and short WETH at a spread of health factors), starts the keeper on them, then moves the WETH
// oracle in steps down and up and swaps the pool hard. After every block the chain itself
// (pm.isLiquidatable) says which portfolios are insolvent: one still insolvent a block later without
// a liquidation is missed. Ends with `keeper: P portfolios, I insolvent, L liquidated, M missed, F failed`.
import { id, Wallet } from "ethers";
import { init, TickMath } from "../bindings/index.js";
import { deploy, deploySystem, type Contract } from "../scripts/lib/system.js";
import { PM_READ } from "./events.js";
import { Keeper } from "./keeper.js";

const { default: hre } = await import("hardhat");
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;
const say = (l: string) => console.log(`${l}  (${elapsed()})`);
const E18 = 10n ** 18n, E6 = 10n ** 6n;
const MIN_LIMIT = 4295128740n, MAX_LIMIT = 1461446703485210103287273052203988822378723970341n;
const OWNERS = 26, PER_OWNER = 8; // the PM allows 8 portfolios per owner
const verbose = process.argv.includes("--verbose");

process.on("unhandledRejection", (e: any) => {
  console.error(`keeper demo failed: ${e?.shortMessage ?? e?.message ?? e}`);
  process.exit(1);
});

await init();
say("starting the embedded Hardhat network");
const { ethers } = await hre.network.create();
const provider = ethers.provider as any;
const signers = await ethers.getSigners();
const gov = signers[0];
const s = await deploySystem(ethers as any, gov, (l) => say(`  ${l}`));
const addr = async (c: any) => ((await c.getAddress()) as string).toLowerCase();
const [pm, weth, usdc, pool] = [await addr(s.pm), await addr(s.tokens.WETH), await addr(s.tokens.USDC), await addr(s.pool)];
const as = (c: Contract, who: any) => c.connect(who) as Contract;
// Owners send concurrently: a gas estimate made before another owner's transaction lands can fall short
// (the solvency check reads more state then), so user transactions carry a fixed limit.
const G = { gasLimit: 3_000_000n };

// Pool liquidity from a router (outside the PM), so the large swaps have depth.
const router = await deploy(ethers as any, gov, "PoolRouter");
await (await s.tokens.WETH.mint(await addr(router), 1_000_000n * E18)).wait();
await (await s.tokens.USDC.mint(await addr(router), 2_000_000_000n * E6)).wait();
const [sqrtP0] = await s.pool.slot0();
const base = Math.floor(TickMath.getTickAtSqrtRatio(sqrtP0) / 60) * 60;
await (await router.mint(pool, await addr(router), base - 6000, base + 6000, 10n ** 18n)).wait();
say("pool: router liquidity in [-6000, +6000] ticks around the price");
const MAKER_L = 3n * 10n ** 15n, TAKER_L = 10n ** 15n;

// Portfolios: 26 owners x 8. Kinds by index: long WETH (deposit WETH, borrow USDC), long with a USDC
// lend beside, short WETH (deposit USDC, borrow WETH), safe ones (deposit + lend, no debt), 2sAMM makers
// with a deposit and a borrow (half of the safe slots), and one long in twenty also holds a 2sAMM taker.
// Health h sets the WETH price at which each fails (about 2000 / h long, 2000 * h short).
// Owners are fresh wallets (more than the network's unlocked accounts), funded with ether.
const owners = Array.from({ length: OWNERS }, (_, k) => new Wallet(id(`keeper demo owner ${k}`), provider));
for (const o of owners) await provider.send("hardhat_setBalance", [o.address, "0x" + (10n ** 21n).toString(16)]);
say(`opening ${OWNERS * PER_OWNER} portfolios from ${OWNERS} owners`);
let opened = 0;
await Promise.all(owners.map(async (o, oi) => {
  const a = await o.getAddress();
  await (await s.tokens.WETH.mint(a, 1_000n * E18)).wait();
  await (await s.tokens.USDC.mint(a, 2_000_000n * E6)).wait();
  for (const t of [s.tokens.WETH, s.tokens.USDC]) for (const sp of [s.pm, s.deposits, s.lends, s.borrows, s.makers, s.takers]) await (await as(t, o).approve(await addr(sp), ethers.MaxUint256, G)).wait();
  for (let j = 0; j < PER_OWNER; j++) {
    const i = oi * PER_OWNER + j;
    await (await as(s.pm, o).openPortfolio(G)).wait();
    const kind = i % 10;
    const h = 1.04 + ((i * 7) % 14) / 100; // 1.04 .. 1.17
    const w = BigInt(1 + (i % 5));
    const tryBorrow = async (token: string, amount: bigint) => {
      for (let k = 0; k < 8; k++, amount = (amount * 97n) / 100n) {
        try {
          await (await as(s.borrows, o).borrow(token, amount, j, G)).wait();
          return;
        } catch {
          // the PM refused it (insolvent on install): a little less
        }
      }
    };
    if (kind <= 6) {
      await (await as(s.deposits, o).deposit(weth, w * E18, j, G)).wait();
      // Some longs also reserve pool liquidity near the price (a 2sAMM taker): mixed portfolios.
      // The taker producer holds one open asset per range: each taker reserves its own (ticks of 60).
      if (kind === 3 && i % 20 === 3) await (await as(s.takers, o).take(pool, base - 600 - 60 * Math.floor(i / 20), base + 600 + 60 * Math.floor(i / 20), TAKER_L, j, G)).wait();
      let lent = 0n;
      if (kind >= 5) {
        lent = BigInt(500 + 100 * (i % 7)) * E6;
        await (await as(s.lends, o).lend(usdc, lent, j, G)).wait();
      }
      const debt = lent + BigInt(Math.floor((Number(w) * 2000 * 1e6) / (1.0302 * h)));
      await tryBorrow(usdc, debt);
    } else if (kind <= 8) {
      const u = BigInt(4000 + 1000 * (i % 5));
      await (await as(s.deposits, o).deposit(usdc, u * E6, j, G)).wait();
      await tryBorrow(weth, BigInt(Math.floor((Number(u) / (2000 * 1.0302 * h)) * 1e18)));
    } else if (i % 20 === 9) {
      // A 2sAMM maker (about 4 WETH and 8,000 USDC of liquidity near the price) beside a WETH deposit,
      // with a USDC borrow against both: its value moves with the pool price and the oracle.
      await (await as(s.deposits, o).deposit(weth, w * E18, j, G)).wait();
      await (await as(s.makers, o).mint(pool, base - 1200, base + 1200, MAKER_L, j, G)).wait();
      await tryBorrow(usdc, BigInt(Math.floor(((Number(w) * 2000 + 16000) * 1e6) / (1.0302 * h))));
    } else {
      await (await as(s.deposits, o).deposit(weth, w * E18, j, G)).wait();
      await (await as(s.lends, o).lend(usdc, 1000n * E6, j, G)).wait();
    }
    if (++opened % 52 === 0) say(`  ${opened} portfolios opened`);
  }
}));
const portfolios: [string, bigint][] = [];
for (const o of owners) for (let j = 0; j < PER_OWNER; j++) portfolios.push([(await o.getAddress()).toLowerCase(), BigInt(j)]);

// The keeper's account: a fresh key, funded to pay the debts it retires.
const wallet = Wallet.createRandom().connect(provider);
await provider.send("hardhat_setBalance", [wallet.address, "0x" + (10n ** 22n).toString(16)]);
await (await s.tokens.WETH.mint(wallet.address, 100_000n * E18)).wait();
await (await s.tokens.USDC.mint(wallet.address, 200_000_000n * E6)).wait();

const keeper = new Keeper({
  provider,
  deployment: { pm, moneyMarket: await addr(s.moneyMarket), pools: [pool], fromBlock: 0, gasToken: weth },
  signer: wallet as any,
  checkEvery: 10,
  log: (l) => (verbose || !l.startsWith("block ") ? say(`  ${l}`) : undefined),
});
say("keeper: syncing history");
await keeper.start();

// From here one block is mined per step, so "insolvent for more than one block" is exact.
await provider.send("evm_setAutomine", [false]);
const mine = async () => {
  await provider.send("evm_mine", []);
  return Number(await provider.getBlockNumber());
};
const liquidatable = async (block: number) => {
  const out = new Set<string>();
  const calls = portfolios.map(async ([o, id]) => {
    const ret = await provider.call({ to: pm, data: PM_READ.encodeFunctionData("isLiquidatable", [o, id]), blockTag: block });
    if (PM_READ.decodeFunctionResult("isLiquidatable", ret)[0]) out.add(`${o}:${id}`);
  });
  await Promise.all(calls);
  return out;
};

const everInsolvent = new Set<string>();
const streak = new Map<string, number>();
let missed = 0, disagreements = 0;
/** Mines a block, lets the keeper see it, and scores it against the chain's verdicts. */
async function block(label: string) {
  const n = await mine();
  const lines = await keeper.step();
  const chain = await liquidatable(n);
  for (const k of chain) everInsolvent.add(k);
  for (const k of [...streak.keys()]) if (!chain.has(k)) streak.delete(k);
  for (const k of chain) {
    const c = (streak.get(k) ?? 0) + 1;
    streak.set(k, c);
    if (c === 2) missed++;
  }
  const seen = new Set(keeper.lastCheck?.insolvent.map((v) => v.key) ?? []);
  const differ = [...chain].filter((k) => !seen.has(k)).length + [...seen].filter((k) => !chain.has(k)).length;
  disagreements += differ;
  const l = lines.at(-1);
  say(`block ${n} ${label}: ${l?.portfolios ?? "?"} portfolios, ${l?.insolvent ?? "?"} insolvent (chain: ${chain.size}${differ ? `, ${differ} differ` : ""}), ${l?.liquidated ?? 0} liquidated, keeper ${l ? `${l.ms.toFixed(1)} ms (check ${l.checkMs.toFixed(2)} ms)` : "?"}`);
}

const setWeth = async (usd: number) => {
  await s.feeds.WETH.setAnswer(BigInt(Math.round(usd * 1e8)));
  await block(`WETH oracle -> $${usd.toFixed(2)}`);
  await block("liquidations land");
};
const swap = async (zeroForOne: boolean, amount: bigint) => {
  await router.swap(pool, await addr(router), zeroForOne, amount, zeroForOne ? MIN_LIMIT : MAX_LIMIT);
  await block(`swap ${zeroForOne ? "token0 -> token1" : "token1 -> token0"}`);
};

say("shocks: WETH down in 1.5% steps, large swaps between, then up");
const wethIs0 = weth < usdc;
let price = 2000;
for (let k = 0; k < 10; k++) {
  price *= 0.985;
  await setWeth(price);
  if (k % 4 === 1) await swap(wethIs0, wethIs0 ? 300n * E18 : 600_000n * E6);
  if (k % 4 === 3) await swap(!wethIs0, wethIs0 ? 600_000n * E6 : 300n * E18);
}
await setWeth((price = 2000));
for (let k = 0; k < 9; k++) {
  price *= 1.015;
  await setWeth(price);
}
await block("settle");
await block("settle");

const diffs = await keeper.sync.fullCheck(false);
say(`full re-read of every portfolio and the pool: ${diffs.length} differences from the event-synced state; ${keeper.sync.mismatches - diffs.length} found by the periodic checks`);
say(`pool events: ${keeper.sync.poolEvents.applied} applied to the Wasm pool, ${keeper.sync.poolEvents.reread} re-read`);
say(`keeper vs chain verdicts: ${disagreements} differences; refused by simulation: ${keeper.stats.refused}, unprofitable: ${keeper.stats.unprofitable}`);
const M = missed, F = keeper.stats.failed;
console.log(`keeper: ${portfolios.length} portfolios, ${everInsolvent.size} insolvent, ${keeper.stats.liquidated} liquidated, ${M} missed, ${F} failed`);
process.exit(M || F ? 1 : 0);
