// The main scenario, shared by `npm run demo` (which prints it) and the chain
// tests (which assert on it): makers, a taker, swaps quoted by the Wasm core
// before they execute, time passing, a cross-margined portfolio, an oracle price
// drop and a liquidation, with the Wasm solvency breakdown next to the PM's.
import type { Signer } from "ethers";
import { Pool, readPortfolio, Solvency, TickMath } from "../../bindings/index.js";
import { deploy, deploySystem, type Contract, type EthersLike, type System } from "./system.js";

export interface Step {
  title: string;
  rows: Record<string, string | number | bigint | boolean>[];
  /** Whether every Wasm-vs-chain comparison of the step matched. */
  match: boolean;
}

export interface ScenarioContext {
  ethers: EthersLike & { provider: any; MaxUint256: bigint };
  signers: Signer[];
  /** Advances the chain clock (evm_increaseTime + evm_mine). */
  increaseTime(seconds: number): Promise<void>;
  onStep(step: Step): void;
  log(line: string): void;
  /**
   * Runs before the WETH oracle drop (step 6) with the deployed system and the portfolios so far (owner, id);
   * it must leave the chain's prices as it found them. The demo shows the Portfolio what-ifs here.
   */
  beforeDrop?(system: System, portfolios: [owner: string, id: bigint, name: string][]): Promise<void>;
}

const E18 = 10n ** 18n, E6 = 10n ** 6n;
const MIN_LIMIT = 4295128740n, MAX_LIMIT = 1461446703485210103287273052203988822378723970341n;
/** WETH's oracle price (USD) after the drop. */
export const WETH_AFTER_DROP = 1925n;
/** What alice borrows (USDC) against her 60 WETH: close to her limit, so a 5% drop makes her liquidatable. */
export const ALICE_BORROW_USDC = 83_000n;
/** `c` with `signer` as sender (ethers' `connect` is typed as returning a bare BaseContract). */
const as = (c: Contract, signer: Signer) => c.connect(signer) as Contract;
const fmt = (x: bigint, decimals: number, digits = 4) => (Number(x) / 10 ** decimals).toFixed(digits);

/** Liquidity for `amount1` of token1 between `sqrtLower` and the current price (Uniswap's formula, rounded down). */
function liquidityForAmount1(amount1: bigint, sqrtLower: bigint, sqrtP: bigint): bigint {
  return (amount1 << 96n) / (sqrtP - sqrtLower);
}

/** Mean microseconds per quote of the resident Wasm pool over `n` identical quotes. */
function quoteMicros(pool: Pool, params: Parameters<Pool["quote"]>[0], n = 2000): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) pool.quote(params);
  return ((performance.now() - t0) * 1000) / n;
}

export async function runScenario(ctx: ScenarioContext): Promise<{ system: System; steps: Step[] }> {
  const { ethers, signers, log } = ctx;
  const [gov, alice, bob, carol, dave] = signers;
  const steps: Step[] = [];
  const emit = (s: Step) => (steps.push(s), ctx.onStep(s));

  log("deploying the system");
  const s = await deploySystem(ethers, gov, (l) => log(`  ${l}`));
  const { pm, pool, tokens, feeds, makers, takers, deposits, borrows } = s;
  const addr = async (c: any) => (await c.getAddress()) as string;
  const poolAddr = await addr(pool);
  const token0 = (await pool.token0()).toLowerCase(), wethAddr = (await addr(tokens.WETH)).toLowerCase();
  const wethIs0 = token0 === wethAddr;
  const sym = (t: string) => (t.toLowerCase() === wethAddr ? "WETH" : t.toLowerCase() === (tokens.USDC.target as string).toLowerCase() ? "USDC" : "PEPE");

  // Funds and approvals.
  const router = await deploy(ethers, gov, "PoolRouter");
  for (const [who, weth, usdc] of [[alice, 1_000n, 2_000_000n], [bob, 5_000n, 10_000_000n], [dave, 1_000n, 2_000_000n]] as const) {
    const a = await who.getAddress();
    await (await tokens.WETH.mint(a, weth * E18)).wait();
    await (await tokens.USDC.mint(a, usdc * E6)).wait();
    for (const t of [tokens.WETH, tokens.USDC]) {
      for (const spender of [pm, makers, deposits, borrows]) await (await as(t, who).approve(await addr(spender), ethers.MaxUint256)).wait();
    }
  }
  await (await tokens.WETH.mint(await addr(router), 100_000n * E18)).wait();
  await (await tokens.USDC.mint(await addr(router), 200_000_000n * E6)).wait();

  // 1. Makers: bob provides liquidity in two ranges around the price, inside his portfolio.
  const [sqrtP0] = await pool.slot0();
  const tick0 = TickMath.getTickAtSqrtRatio(sqrtP0);
  const spacing = 60, base = Math.floor(tick0 / spacing) * spacing;
  const usdcIs1 = wethIs0;
  const ranges = [[base - 6000, base + 6000], [base - 1200, base + 1200]] as const;
  await (await as(pm, bob).openPortfolio()).wait();
  for (const [lo, hi] of ranges) {
    // Size each range for ~1M USD of the token1 side.
    const amount1 = usdcIs1 ? 1_000_000n * E6 : 500n * E18;
    const L = liquidityForAmount1(amount1, TickMath.getSqrtRatioAtTick(lo), sqrtP0);
    await (await as(makers, bob).mint(poolAddr, lo, hi, L, 0)).wait();
  }
  const w1 = await Pool.fromChain(ethers.provider, poolAddr);
  emit({
    title: "Makers: bob provides liquidity (2 ranges, in his portfolio)",
    match: w1.liquidity === (await pool.liquidity()),
    rows: [
      ...ranges.map(([lo, hi]) => ({ quantity: `maker range [${lo}, ${hi})`, wasm: "", chain: "" })),
      { quantity: "maker liquidity at the price", wasm: w1.makerLiquidity, chain: await pool.makerLiquidity() },
      { quantity: "active liquidity", wasm: w1.liquidity, chain: await pool.liquidity() },
    ],
  });
  w1.free();

  // 2. A cross-margined portfolio: alice deposits WETH, borrows USDC and takes liquidity.
  await (await as(pm, alice).openPortfolio()).wait();
  await (await as(deposits, alice).deposit(await addr(tokens.WETH), 60n * E18, 0)).wait();
  await (await as(borrows, alice).borrow(await addr(tokens.USDC), ALICE_BORROW_USDC * E6, 0)).wait();
  const takeL = (await pool.makerLiquidity()) / 40n;
  await (await as(takers, alice).take(poolAddr, base - 600, base + 600, takeL, 0)).wait();
  const w2 = await Pool.fromChain(ethers.provider, poolAddr);
  emit({
    title: `Taker: alice deposits 60 WETH, borrows ${ALICE_BORROW_USDC.toLocaleString("en-US")} USDC and reserves 2.5% of the liquidity near the price`,
    match: w2.takerLiquidity === (await pool.takerLiquidity()) && w2.feePips === Number(await pool.currentFeePips()),
    rows: [
      { quantity: "taker liquidity", wasm: w2.takerLiquidity, chain: await pool.takerLiquidity() },
      { quantity: "active liquidity", wasm: w2.liquidity, chain: await pool.liquidity() },
      { quantity: "dynamic fee (pips)", wasm: w2.feePips, chain: Number(await pool.currentFeePips()) },
    ],
  });
  w2.free();

  // 3. Swaps: each is quoted by the Wasm core from a fresh one-call snapshot, then executed.
  const swaps = [
    { who: "carol", zeroForOne: true, amountSpecified: wethIs0 ? 50n * E18 : 100_000n * E6 },
    { who: "carol", zeroForOne: false, amountSpecified: wethIs0 ? -(20n * E18) : -(40_000n * E6) },
    { who: "carol", zeroForOne: true, amountSpecified: wethIs0 ? 400n * E18 : 800_000n * E6 },
    { who: "carol", zeroForOne: false, amountSpecified: wethIs0 ? 300_000n * E6 : 150n * E18 },
  ];
  const swapRows: Step["rows"] = [];
  let swapsMatch = true;
  for (const sw of swaps) {
    const w = await Pool.fromChain(ethers.provider, poolAddr);
    const params = { zeroForOne: sw.zeroForOne, amountSpecified: sw.amountSpecified, sqrtPriceLimitX96: sw.zeroForOne ? MIN_LIMIT : MAX_LIMIT };
    const q = w.quote(params);
    const us = quoteMicros(w, params);
    w.free();
    const rc = await (await router.swap(poolAddr, await carol.getAddress(), sw.zeroForOne, sw.amountSpecified, params.sqrtPriceLimitX96)).wait();
    const ev = rc.logs.map((l: any) => { try { return pool.interface.parseLog(l); } catch { return null; } }).find((e: any) => e?.name === "Swap");
    const [sqrtAfter, tickAfter] = await pool.slot0();
    const ok = q.amount0 === ev.args.amount0 && q.amount1 === ev.args.amount1 && q.sqrtPriceX96 === sqrtAfter && q.tick === Number(tickAfter);
    swapsMatch &&= ok;
    swapRows.push({
      swap: `${sw.zeroForOne ? "sell token0" : "sell token1"} ${sw.amountSpecified > 0n ? "exact in" : "exact out"}`,
      "wasm amount0": q.amount0, "chain amount0": ev.args.amount0 as bigint,
      "wasm amount1": q.amount1, "chain amount1": ev.args.amount1 as bigint,
      tick: Number(tickAfter), match: ok, "wasm quote (µs)": us.toFixed(1),
    });
  }
  emit({ title: "Swaps: Wasm quote (from Pool.fromChain) vs the executed swap", match: swapsMatch, rows: swapRows });

  // 4. Time passes: the taker owes the time premium at the money market's borrow rate.
  const takerAsset = await takers.lastAssetId();
  const before = await takers.record(takerAsset);
  await ctx.increaseTime(30 * 24 * 3600);
  await (await pool.accruePremiumIndexes()).wait();
  for (const f of Object.values(feeds)) await (await f.setAnswer(await f.latestRoundData().then((r: any) => r[1]))).wait(); // keep feeds fresh
  const after = await takers.record(takerAsset);
  emit({
    title: "30 days pass: alice's taker debt grows by the time premium; her lent tokens earn the lend rate",
    match: after.debt[0] >= before.debt[0] && after.debt[1] >= before.debt[1],
    rows: [0, 1].map((k) => ({ token: sym(before.tokens[k]), "debt before": before.debt[k], "debt after": after.debt[k], "credit (lent) before": before.credit[k], "credit (lent) after": after.credit[k] })),
  });

  // 5. Solvency: Wasm Solvency.check on a one-call portfolio snapshot vs the PM's breakdown.
  const solvencyStep = async (title: string) => {
    const owner = await alice.getAddress();
    const snap = await readPortfolio(ethers.provider, await addr(pm), owner, 0);
    const w = Solvency.check(snap.records, snap.tokens, snap.prices, snap.options);
    const b = await pm.breakdown(owner, 0);
    const ref = await pm.referenceBreakdown(owner, 0);
    // Both valuations (readPortfolio passes the reference Records in options): spot against pm.breakdown,
    // reference against pm.referenceBreakdown.
    const spot = w.spot ?? w, wref = w.reference;
    let match = spot.usdNet === b.usdNet && spot.solvent === b.solvent && wref?.usdNet === ref.usdNet && w.liquidatable === !ref.solvent;
    const rows: Step["rows"] = [
      { item: "USD net (18 dec), spot prices", wasm: fmt(spot.usdNet, 18, 2), pm: fmt(b.usdNet, 18, 2) },
      { item: "solvent at spot prices", wasm: spot.solvent, pm: b.solvent },
      { item: "USD net at reference prices (the pool valued at the feeds' price)", wasm: wref ? fmt(wref.usdNet, 18, 2) : "-", pm: fmt(ref.usdNet, 18, 2) },
      { item: "liquidatable (insolvent at reference prices)", wasm: w.liquidatable ?? "-", pm: !ref.solvent },
    ];
    b.tokens.forEach((t: string, i: number) => {
      const wn = w.nets[t.toLowerCase()] ?? w.nets[t];
      match &&= wn === b.nets[i];
      rows.push({ item: `net virtual ${sym(t)}`, wasm: wn, pm: b.nets[i] as bigint });
    });
    emit({ title, match, rows });
    return { wasm: w, pm: b };
  };
  await solvencyStep("Alice's portfolio (deposit + borrow + taker): Wasm Solvency.check vs PM breakdown");

  // 6. The oracle drops WETH by 3.75%: the portfolio becomes insolvent at the reference price (the feeds'),
  //    which is what liquidation reads, while its real value still covers the debts and the liquidation bonus.
  const wethFeed = feeds.WETH;
  if (ctx.beforeDrop) await ctx.beforeDrop(s, [[await alice.getAddress(), 0n, "alice"], [await bob.getAddress(), 0n, "bob"]]);
  await (await wethFeed.setAnswer(WETH_AFTER_DROP * 1_00000000n)).wait();
  const dropped = await solvencyStep(`WETH oracle 2000 -> ${WETH_AFTER_DROP} USD: the same comparison (now insolvent)`);

  // 7. Liquidation by dave: he pays the debts and receives credits worth them plus the bonus.
  const owner = await alice.getAddress(), liq = await dave.getAddress();
  const n = (await pm.positions(owner, 0)).length;
  const bal = async (who: string) => ({ weth: await tokens.WETH.balanceOf(who), usdc: await tokens.USDC.balanceOf(who) });
  const usd = (b: { weth: bigint; usdc: bigint }) => b.weth * WETH_AFTER_DROP + b.usdc * 10n ** 12n; // 18-dec USD at the feed prices
  const l0 = await bal(liq), o0 = await bal(owner);
  const rc = await (await as(pm, dave).liquidate(owner, 0, (1n << BigInt(n)) - 1n)).wait();
  const ev = rc.logs.map((l: any) => { try { return pm.interface.parseLog(l); } catch { return null; } }).find((e: any) => e?.name === "Liquidated");
  const l1 = await bal(liq), o1 = await bal(owner);
  const gain = usd(l1) - usd(l0);
  const debtUsd = ev.args.debtUsd as bigint, bonus = (debtUsd * (await pm.liquidationBonusPips())) / 1_000_000n;
  emit({
    title: "Liquidation: dave retires alice's debts; he gains the bonus, alice keeps the rest",
    match: !dropped.pm.solvent && (await pm.positions(owner, 0)).length === 0,
    rows: [
      { item: "positions liquidated", value: n },
      { item: "debt retired (USD)", value: fmt(debtUsd, 18, 2) },
      { item: "liquidator gain (USD, at oracle prices)", value: fmt(gain, 18, 2) },
      { item: "bonus (5% of debt retired)", value: fmt(bonus, 18, 2) },
      { item: "returned to alice (USD)", value: fmt(usd(o1) - usd(o0), 18, 2) },
      { item: "bad debt (USD)", value: fmt(ev.args.badDebtUsd as bigint, 18, 2) },
    ],
  });
  return { system: s, steps };
}
