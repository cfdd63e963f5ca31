// 2sAMM gas beside Uniswap V3's, measured in the same run on the same in-process network: both pools get the
// same positions and the same swaps, through the same router (so the router's overhead cancels in the ratio).
// Uniswap V3 runs from the bytecode @uniswap/v3-core publishes; the 2sAMM pool has a flat 0.3% fee, no protocol
// share and no money market, i.e. the configuration in which it reproduces Uniswap's results. Both pools keep the
// same price oracle (cardinality 1): every measured transaction is alone in a new block, so a swap that moves the
// tick, and a mint or burn in range, writes an observation in both; the rows without a write say so.
import hre from "hardhat";
import {
  createItosPool, createUniswapPool, deployItos, deployRouter, deployTokens, deployUniswap, flatConfig, MIN_SQRT,
} from "../../test/amm/helpers.js";
import { getSqrtRatioAtTick } from "../../bindings/model/TickMath.js";

export interface AmmGasRow {
  operation: string;
  itos: number;
  uniswapV3: number | string;
  ratio: string;
}

const L = 10n ** 18n;

export async function ammGasRows(): Promise<AmmGasRow[]> {
  const { ethers } = await hre.network.create();
  const provider = ethers.provider;
  const { token0, token1 } = await deployTokens(ethers);
  const { factory } = await deployItos(ethers);
  const uniFactory = await deployUniswap(ethers);
  const itos = await createItosPool(ethers, factory, token0, token1, flatConfig(3000, 60));
  const uni = await createUniswapPool(ethers, uniFactory, token0, token1, 3000);
  const router = await deployRouter(ethers, token0, token1);
  const me = await router.getAddress();
  const price = getSqrtRatioAtTick(0) + 1n; // just above tick 0, so a swap down does not start on a tick
  const gas = async (tx: Promise<any>) => Number((await (await tx).wait()).gasUsed);

  const rows: AmmGasRow[] = [];
  const measure: Record<string, [number, number]> = {};
  for (const [name, pool] of [["itos", itos], ["uni", uni]] as const) {
    const addr = await pool.getAddress();
    await (await pool.initialize(price)).wait();
    await (await router.mint(addr, me, -887220, 887220, L)).wait();
    // nested ranges: initialized ticks at -60, -120, ..., -360 below the price
    for (let i = 1; i <= 6; i++) await (await router.mint(addr, me, -60 * i, 60 * i, L)).wait();
    // warm up both fee growth slots (their first write costs the same extra in both pools)
    await (await router.swap(addr, me, true, 10n ** 12n, MIN_SQRT + 1n)).wait();
    await (await router.swap(addr, me, false, 10n ** 12n, getSqrtRatioAtTick(60))).wait();

    const snap = async <T>(f: () => Promise<T>): Promise<T> => {
      const id = await provider.send("evm_snapshot", []);
      const r = await f();
      await provider.send("evm_revert", [id]);
      return r;
    };
    const m: Record<string, number> = {};
    m.mint = await snap(() => gas(router.mint(addr, me, -1200, 1260, L)));
    m.mintExisting = await snap(() => gas(router.mint(addr, me, -60, 60, L)));
    for (const n of [0, 1, 5]) {
      // exact input large enough to reach the limit just past the n-th initialized tick below the price
      const limit = getSqrtRatioAtTick(-60 * n - 30);
      m[`swap${n}`] = await snap(() => gas(router.swap(addr, me, true, 10n ** 20n, limit)));
    }
    // a small swap up that stays in tick 0: no observation write
    m.swapSameTick = await snap(() => gas(router.swap(addr, me, false, 10n ** 9n, getSqrtRatioAtTick(60))));
    // the second of two swaps in one block, both moving the tick: the block's observation is already written
    m.swapSameBlock = await snap(async () => {
      await provider.send("evm_setAutomine", [false]);
      await router.swap(addr, me, true, 10n ** 15n, MIN_SQRT + 1n, { gasLimit: 2_000_000 });
      const second = await router.swap(addr, me, false, 10n ** 16n, getSqrtRatioAtTick(60), { gasLimit: 2_000_000 });
      await provider.send("evm_mine", []);
      await provider.send("evm_setAutomine", [true]);
      return Number((await second.wait()).gasUsed);
    });
    m.burn = await snap(() => gas(router.burn(addr, -60, 60, L / 2n)));
    m.collect = await snap(async () => {
      await (await router.burn(addr, -60, 60, L / 2n)).wait();
      return gas(router.collect(addr, me, -60, 60));
    });
    m.grow = await snap(() => gas(pool.increaseObservationCardinalityNext(10)));
    for (const k of Object.keys(m)) (measure[k] ??= [0, 0])[name === "itos" ? 0 : 1] = m[k];
  }
  const label: Record<string, string> = {
    mint: "mint (new position, 2 new ticks)",
    mintExisting: "mint (existing position)",
    swap0: "swap, 0 tick crossings (writes an observation)",
    swap1: "swap, 1 tick crossing",
    swap5: "swap, 5 tick crossings",
    swapSameTick: "swap, tick unchanged (no observation write)",
    swapSameBlock: "swap, 2nd in its block, 0 crossings (observation already written)",
    burn: "burn (half a position)",
    collect: "collect",
    grow: "increaseObservationCardinalityNext(10) (9 slots prepared)",
  };
  for (const [k, [a, b]] of Object.entries(measure)) {
    rows.push({ operation: label[k], itos: a, uniswapV3: b, ratio: (a / b).toFixed(3) });
  }

  // Takers (no Uniswap counterpart): a pool with the default fee curve, 5% protocol share and a money market.
  const mm = await ethers.deployContract("MockMoneyMarket");
  const cfg = { tickSpacing: 60, minFeePips: 100, midFeePips: 5000, maxFeePips: 50000, takerCapPips: 700_000, protocolFeePips: 50_000, moneyMarket: await mm.getAddress() };
  const tpool = await createItosPool(ethers, factory, token0, token1, cfg);
  const taddr = await tpool.getAddress();
  await (await mm.setRates(await token0.getAddress(), 10n ** 12n, 0n)).wait();
  await (await mm.setRates(await token1.getAddress(), 10n ** 12n, 0n)).wait();
  await (await tpool.initialize(price)).wait();
  await (await router.mint(taddr, me, -887220, 887220, L)).wait();
  for (let i = 1; i <= 6; i++) await (await router.mint(taddr, me, -60 * i, 60 * i, L)).wait();
  await (await factory.setTaker(me, true)).wait();
  const takeGas = await gas(router.take(taddr, -120, 120, L / 2n));
  await (await router.swap(taddr, me, true, 10n ** 12n, MIN_SQRT + 1n)).wait();
  await (await router.swap(taddr, me, false, 10n ** 12n, getSqrtRatioAtTick(60))).wait();
  const swapTaken0 = await gas(router.swap(taddr, me, true, 10n ** 15n, getSqrtRatioAtTick(-30)));
  await provider.send("evm_increaseTime", [86_400]);
  const mintActive = await gas(router.mint(taddr, me, -180, 180, L));
  const releaseGas = await gas(router.release(taddr, -120, 120, L / 2n, me));
  rows.push({ operation: "take (7 ticks initialized, money market)", itos: takeGas, uniswapV3: "n/a", ratio: "" });
  rows.push({ operation: "swap with takers, 0 crossings (dynamic fee, 5% protocol)", itos: swapTaken0, uniswapV3: "n/a", ratio: "" });
  rows.push({ operation: "mint once takers exist (premium walk)", itos: mintActive, uniswapV3: "n/a", ratio: "" });
  rows.push({ operation: "release (all, after 1 day)", itos: releaseGas, uniswapV3: "n/a", ratio: "" });
  return rows;
}

/** The rows as a Markdown table. */
export function ammGasMarkdown(rows: AmmGasRow[]): string {
  const lines = [
    "| operation | 2sAMM gas | Uniswap V3 gas | ratio |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.operation} | ${r.itos} | ${r.uniswapV3} | ${r.ratio} |`),
  ];
  return lines.join("\n");
}
