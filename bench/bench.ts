// Speed of the Wasm bindings against their peers, in one run: the pure-BigInt
// model, @uniswap/v3-sdk (jsbi) and the same computation as an eth_call on the
// in-process Hardhat network. Before anything is timed, every implementation's
// result for the benchmarked input is checked equal, so the table never compares
// different computations. Targets are stated, never asserted.
//
//   npm run bench              full run; writes bench/results/latest.{json,md}
//   npm run bench -- --quick   smoke run (short samples, small memory loops); writes bench/results/quick.{json,md}
import { SqrtPriceMath as SdkSqrtPriceMath, SwapMath as SdkSwapMath, TickMath as SdkTickMath } from "@uniswap/v3-sdk";
import JSBI from "jsbi";
import * as itos from "../bindings/index.js";
import { FeeCurve, FullMath, init, Pool, SqrtPriceMath, SwapMath, TickMath } from "../bindings/index.js";
import * as MFeeCurve from "../bindings/model/FeeCurve.js";
import * as MSolvency from "../bindings/model/Solvency.js";
import * as MSqrtPriceMath from "../bindings/model/SqrtPriceMath.js";
import * as MSwapMath from "../bindings/model/SwapMath.js";
import * as MTickMath from "../bindings/model/TickMath.js";
import { getCore } from "../bindings/src/wasm.js";
import { deployQuotedPool, hasSource, startChain, type Chain } from "./lib/chain.js";
import { OPTIONS, portfolios, PRICES, solidityArgs, TOKENS } from "./lib/portfolios.js";
import type { Pool as ModelPool } from "../bindings/model/Pool.js";
import { modelPool, quoteCase, START_SQRT_PRICE, TAKERS, ticksCrossed, wasmPool, type QuoteCase } from "./lib/pools.js";
import { COLUMNS, fmt, printTable, ratio, ROUNDS, runRows, save, type Column, type Impl, type Result, type Row } from "./lib/runner.js";
import { activeLiquidity, FEE_PIPS, POSITIONS, START_TICK, TICK_SPACING } from "./lib/scenario.js";
import { amount0, amount1, sdkPool } from "./lib/sdk.js";
import { portfolioRows } from "./portfolio.js";
import { keeperBench } from "./keeper.js";

const quick = process.argv.includes("--quick");
const started = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${msg}`);

const TARGETS = {
  "full quotes": "Wasm >= 60x v3-sdk on every full-quote row (>= 40x with the step cache cleared)",
  "single math calls": "Wasm >= 20x v3-sdk on getSqrtRatioAtTick, getTickAtSqrtRatio, getAmount0Delta, computeSwapStep",
  "eth_call": "Wasm >= 1000x the same quote as an eth_call",
  "Solvency.check": "10,000 portfolios (16 positions over 8 tokens) in under 100 ms",
  Portfolio: "10,000 portfolios re-valued after one oracle move in under 100 ms; liquidationPrice under 1 ms (bench/portfolio.ts)",
};

// ---------------------------------------------------------------- sanity checks

/** Canonical text of a value (bigints as decimal, JSBI via its string). */
function canon(v: unknown): string {
  return JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x));
}

/** A measured cell plus how to bring its result to the row's common form. */
interface Cell extends Impl {
  norm?: (r: any) => unknown;
}

/** Runs each cell once, requires equal normalised results, then returns the timing row. */
async function row(op: string, cells: Partial<Record<Column, Cell | undefined>>): Promise<Row> {
  const seen: [Column, string][] = [];
  for (const col of COLUMNS) {
    const c = cells[col];
    if (!c) continue;
    const raw = await c.fn();
    seen.push([col, canon(c.norm ? c.norm(raw) : raw)]);
  }
  const differ = seen.filter(([, v]) => v !== seen[0][1]);
  if (differ.length) {
    throw new Error(`bench sanity check failed for "${op}": implementations disagree\n` + seen.map(([c, v]) => `  ${c}: ${v}`).join("\n"));
  }
  const impls: Row["impls"] = {};
  for (const col of COLUMNS) if (cells[col]) impls[col] = cells[col];
  return { op, impls };
}

const big = (x: JSBI | bigint | { toString(): string }) => BigInt(x.toString());
const J = (x: bigint) => JSBI.BigInt(x.toString());

// ---------------------------------------------------------------- setup

log(`itos-core bench${quick ? " (--quick)" : ""}: loading Wasm, compiling contracts, starting the in-process network`);
await init();
const memoryAtInit = getCore().memory.buffer.byteLength;
const chain: Chain = await startChain();
log("network ready; checking every implementation agrees on each benchmarked input");

const rows: Row[] = [];
const BATCH = 1000;

// Single math calls.
{
  const tick = 200_111;
  const expect = MTickMath.getSqrtRatioAtTick(tick);
  const ticks = new Int32Array(BATCH).fill(tick);
  rows.push(
    await row("TickMath.getSqrtRatioAtTick", {
      wasm: { fn: () => TickMath.getSqrtRatioAtTick(tick) },
      wasmBatch: { fn: () => TickMath.getSqrtRatioAtTickBatch(ticks), perCall: BATCH, norm: (r: bigint[]) => (r.every((x) => x === r[0]) ? r[0] : r) },
      model: { fn: () => MTickMath.getSqrtRatioAtTick(tick) },
      sdk: { fn: () => SdkTickMath.getSqrtRatioAtTick(tick), norm: big },
      ethCall: { fn: () => chain.tickMath.getSqrtRatioAtTick(tick), async: true },
    }),
  );
  const sqrt = expect + 123_456_789n;
  const sqrtJ = J(sqrt);
  const sqrts = new Array<bigint>(BATCH).fill(sqrt);
  rows.push(
    await row("TickMath.getTickAtSqrtRatio", {
      wasm: { fn: () => TickMath.getTickAtSqrtRatio(sqrt) },
      wasmBatch: { fn: () => TickMath.getTickAtSqrtRatioBatch(sqrts), perCall: BATCH, norm: (r: Int32Array) => (r.every((x) => x === r[0]) ? r[0] : [...r]) },
      model: { fn: () => MTickMath.getTickAtSqrtRatio(sqrt) },
      sdk: { fn: () => SdkTickMath.getTickAtSqrtRatio(sqrtJ) },
      ethCall: { fn: () => chain.tickMath.getTickAtSqrtRatio(sqrt), async: true, norm: Number },
    }),
  );
}
{
  const a = MTickMath.getSqrtRatioAtTick(-1000), b = MTickMath.getSqrtRatioAtTick(2500), l = 10n ** 21n + 12_345n;
  const [aJ, bJ, lJ] = [J(a), J(b), J(l)];
  const as = new Array<bigint>(BATCH).fill(a);
  rows.push(
    await row("SqrtPriceMath.getAmount0Delta", {
      wasm: { fn: () => SqrtPriceMath.getAmount0Delta(a, b, l, true) },
      wasmBatch: { fn: () => SqrtPriceMath.getAmount0DeltaBatch(as, b, l, true), perCall: BATCH, norm: (r: bigint[]) => (r.every((x) => x === r[0]) ? r[0] : r) },
      model: { fn: () => MSqrtPriceMath.getAmount0Delta(a, b, l, true) },
      sdk: { fn: () => SdkSqrtPriceMath.getAmount0Delta(aJ, bJ, lJ, true), norm: big },
      ethCall: { fn: () => chain.sqrtPriceMath.getAmount0Delta(a, b, l, true), async: true },
    }),
  );
}
{
  // One step of the benchmark pool: from the start price towards the next tick below, 1e18 in.
  const cur = MTickMath.getSqrtRatioAtTick(START_TICK), target = MTickMath.getSqrtRatioAtTick(2940);
  const l = activeLiquidity(START_TICK), amount = 10n ** 18n, fee = 3000;
  const [cJ, tJ, lJ, aJ] = [J(cur), J(target), J(l), J(amount)];
  const step = (r: { sqrtRatioNextX96: bigint; amountIn: bigint; amountOut: bigint; feeAmount: bigint }) => [r.sqrtRatioNextX96, r.amountIn, r.amountOut, r.feeAmount].map(big);
  rows.push(
    await row("SwapMath.computeSwapStep", {
      wasm: { fn: () => SwapMath.computeSwapStep(cur, target, l, amount, fee), norm: step },
      model: { fn: () => MSwapMath.computeSwapStep(cur, target, l, amount, fee), norm: step },
      sdk: { fn: () => SdkSwapMath.computeSwapStep(cJ, tJ, lJ, aJ, fee), norm: (r: JSBI[]) => r.map(big) },
      ethCall: { fn: () => chain.swapMath.computeSwapStep(cur, target, l, amount, fee), async: true, norm: (r: bigint[]) => [...r].map(big) },
    }),
  );
}
{
  // Dynamic fee at q = 0.3 with the default curve (the SDK has no fee curve).
  const reserved = 3n * 10n ** 17n, provided = 10n ** 18n;
  const p = MFeeCurve.DEFAULT_FEE_PARAMS;
  const batch = (FeeCurve as Record<string, unknown>).feePipsBatch as ((r: bigint[], p: bigint[]) => ArrayLike<number>) | undefined;
  const rs = new Array<bigint>(BATCH).fill(reserved), ps = new Array<bigint>(BATCH).fill(provided);
  rows.push(
    await row("FeeCurve.feePips", {
      wasm: { fn: () => FeeCurve.feePips(reserved, provided) },
      wasmBatch: batch && { fn: () => batch(rs, ps), perCall: BATCH, norm: (r: ArrayLike<number>) => (Array.from(r).every((x) => x === r[0]) ? r[0] : Array.from(r)) },
      model: { fn: () => MFeeCurve.feePips(reserved, provided) },
      ethCall: { fn: () => chain.swapMath.feePips(reserved, provided, p.minFeePips, p.midFeePips, p.maxFeePips), async: true, norm: Number },
    }),
  );
}

// Full quotes on the 100-tick pool.
const wPool = wasmPool(), mPool = modelPool(), sPool = sdkPool();
const quoter = await deployQuoter(chain);
const cases: QuoteCase[] = [];
for (const k of [0, 7, 45, 99]) cases.push(quoteCase(mPool, k, true), quoteCase(mPool, k, false));
const QUOTES_PER_BATCH = 100;
for (const c of cases) {
  const p = c.params;
  const limitJ = J(p.sqrtPriceLimitX96);
  // Common form: the amount the quote computes (out for exact in, in for exact out) and the final price and tick.
  const ours = (r: { amount0: bigint; amount1: bigint; sqrtPriceX96: bigint; tick: number }) => ({
    calculated: c.exactInput ? -r.amount1 : r.amount0,
    sqrtPriceX96: r.sqrtPriceX96,
    tick: r.tick,
  });
  const crossed = ticksCrossed(mPool.quote(p).tick);
  if (crossed !== c.crossings) throw new Error(`bench: "${c.name}" crosses ${crossed} ticks, not ${c.crossings}`);
  const amounts = new Array<bigint>(QUOTES_PER_BATCH).fill(p.amountSpecified);
  const sdkIn = amount0(p.amountSpecified), sdkOut = amount1(-p.amountSpecified);
  rows.push(
    await row(c.name, {
      wasm: { fn: () => wPool.quote(p), norm: ours },
      wasmBatch: {
        fn: () => wPool.quoteMany({ zeroForOne: p.zeroForOne, amounts, sqrtPriceLimitX96: p.sqrtPriceLimitX96 }),
        perCall: QUOTES_PER_BATCH,
        norm: (r: itos.QuoteManyReturnType) => {
          const all = r.amount0.map((_, i) => canon(ours({ amount0: r.amount0[i], amount1: r.amount1[i], sqrtPriceX96: r.sqrtPriceX96[i], tick: r.tick[i] })));
          return all.every((x) => x === all[0]) ? JSON.parse(all[0]) : all;
        },
      },
      model: { fn: () => mPool.quote(p), norm: ours },
      sdk: {
        fn: () => (c.exactInput ? sPool.getOutputAmount(sdkIn, limitJ) : sPool.getInputAmount(sdkOut, limitJ)),
        async: true,
        norm: ([amount, after]: [{ quotient: JSBI }, { sqrtRatioX96: JSBI; tickCurrent: number }]) => ({
          calculated: big(amount.quotient),
          sqrtPriceX96: big(after.sqrtRatioX96),
          tick: after.tickCurrent,
        }),
      },
      ethCall: quoter ? { fn: () => quoter.quote(p), async: true, norm: ours } : undefined,
    }),
  );
  // The opt-in form: the same quote into one reusable SwapResult, reading the calculated amount
  // and the tick in the timed call (its v3-sdk and eth_call cells are the row above's).
  const into = new itos.SwapResult();
  const calc = c.exactInput ? () => into.amount1 : () => into.amount0;
  rows.push(await row(`${c.name}, quoteInto`, { wasm: { fn: () => (wPool.quoteInto(p, into), calc(), into.tick, into), norm: ours } }));
}

// A quote on a pool with active takers: dynamic fee re-evaluated at each crossing, 5% protocol share.
{
  const wT = wasmPool(TAKERS), mT = modelPool(TAKERS);
  const c = quoteCase(mT, 45, true);
  const p = c.params;
  const full = (r: { amount0: bigint; amount1: bigint; sqrtPriceX96: bigint; tick: number; feeAmount: bigint; protocolFee: bigint; feeGrowthGlobal0X128: bigint }) => [
    r.amount0, r.amount1, r.sqrtPriceX96, r.tick, r.feeAmount, r.protocolFee, r.feeGrowthGlobal0X128,
  ];
  const amounts = new Array<bigint>(QUOTES_PER_BATCH).fill(p.amountSpecified);
  rows.push(
    await row(`quote with active takers (dynamic fee), ${ticksCrossed(mT.quote(p).tick)} ticks crossed`, {
      wasm: { fn: () => wT.quote(p), norm: full },
      wasmBatch: {
        fn: () => wT.quoteMany({ zeroForOne: true, amounts, sqrtPriceLimitX96: p.sqrtPriceLimitX96 }),
        perCall: QUOTES_PER_BATCH,
        // quoteMany reports amounts and prices only: compare those with the single quote's.
        norm: (r: itos.QuoteManyReturnType) => {
          const q = wT.quote(p);
          const ok = r.amount0.every((_, i) => r.amount0[i] === q.amount0 && r.amount1[i] === q.amount1 && r.sqrtPriceX96[i] === q.sqrtPriceX96 && r.tick[i] === q.tick);
          return ok ? full(q) : "quoteMany differs from quote";
        },
      },
      model: { fn: () => mT.quote(p), norm: full },
    }),
  );
}

// Solvency: 1, 100 and 10,000 portfolios.
const WasmSolvency = (itos as unknown as Record<string, unknown>).Solvency as
  | { check: typeof MSolvency.check; checkMany: typeof MSolvency.checkMany }
  | undefined;
const solvencyMs: Record<string, number> = {};
{
  const all = portfolios(10_000);
  const solvencyNorm = (r: MSolvency.SolvencyResult) => ({
    solvent: r.solvent,
    usdNet: r.usdNet,
    nets: Object.fromEntries(Object.entries(r.nets).map(([k, v]) => [k.toLowerCase(), v])),
    failingTails: r.failingTails.map((t) => t.toLowerCase()),
  });
  const many = (rs: MSolvency.SolvencyResult[]) => rs.map(solvencyNorm);
  for (const n of [1, 100, 10_000]) {
    const ps = all.slice(0, n);
    const heavy = n >= 10_000;
    const cells: Partial<Record<Column, Cell | undefined>> = {
      wasm: WasmSolvency && { fn: () => ps.map((p) => WasmSolvency.check(p, TOKENS, PRICES, OPTIONS)), heavy, norm: many },
      wasmBatch: WasmSolvency && { fn: () => WasmSolvency.checkMany(ps, TOKENS, PRICES, OPTIONS), heavy, norm: many },
      model: { fn: () => MSolvency.checkMany(ps, TOKENS, PRICES, OPTIONS), heavy, norm: many },
    };
    if (n === 1) {
      const args = solidityArgs(ps[0]);
      cells.ethCall = {
        fn: () => chain.solvency.check(...args),
        async: true,
        norm: (b: { solvent: boolean; usdNet: bigint; tokens: string[]; nets: bigint[]; failingTails: string[] }) => [
          solvencyNorm({ solvent: b.solvent, usdNet: b.usdNet, nets: Object.fromEntries(b.tokens.map((t, i) => [t, b.nets[i]])), failingTails: [...b.failingTails] }),
        ],
      };
    }
    rows.push(await row(`Solvency.check, ${n.toLocaleString("en-US")} portfolio${n > 1 ? "s" : ""} of 16 positions over 8 tokens`, cells));
  }
  if (!WasmSolvency) log("Solvency is not in the Wasm bindings yet: its Wasm cells stay empty");
}

// Portfolio (bench/portfolio.ts): synthetic deposit, lend, borrow and ERC-4626 portfolios beside eth_call.
rows.push(...(await portfolioRows(log)));

// Keeper (bench/keeper.ts): the per-block re-check of 1k/10k/100k portfolios in one thread and over
// worker threads, and the event apply rate. Printed here; not rows of the table.
await keeperBench(log, quick);

log(`all implementations agree; timing ${rows.length} rows${quick ? " (quick samples)" : ""}`);
const results = await runRows(rows, { quick });

// ---------------------------------------------------------------- cold quotes

// The Wasm engine keeps each full step to the next tick (docs/math.md, "Step cache")
// until the pool's liquidity changes, so the rows above, which quote one unchanged pool again
// and again (as a bot does between blocks), reuse it. These rows clear it before every quote.
log("quotes with the Wasm step cache cleared before each one");
for (const k of [45, 99]) {
  const c = cases.find((x) => x.crossings === k && x.exactInput)!;
  const warm = results.find((r) => r.op === c.name)!;
  const ops = coldQuoteOps(wPool, mPool, c.params, quick ? 100 : k > 50 ? 1000 : 2000);
  const op = `${c.name}, Wasm step cache cleared each time`;
  const opsPerSec = { wasm: ops, model: warm.opsPerSec.model, sdk: warm.opsPerSec.sdk, ethCall: warm.opsPerSec.ethCall };
  const r: Result = { op, opsPerSec, wasmOverSdk: opsPerSec.sdk && ops / opsPerSec.sdk, wasmOverEthCall: opsPerSec.ethCall && ops / opsPerSec.ethCall };
  results.splice(results.indexOf(warm) + 1, 0, r);
  console.log(`${op}: wasm ${fmt(ops)} ops/s (model, v3-sdk and eth_call keep no state between quotes: their cells repeat the row above)`);
}

// quoteInto rows: the other implementations' cells are the quote row's.
for (const r of results) {
  if (!r.op.endsWith(", quoteInto")) continue;
  const warm = results.find((x) => x.op === r.op.slice(0, -", quoteInto".length))!;
  r.opsPerSec.sdk = warm.opsPerSec.sdk;
  r.opsPerSec.ethCall = warm.opsPerSec.ethCall;
  r.wasmOverSdk = r.opsPerSec.sdk && r.opsPerSec.wasm! / r.opsPerSec.sdk;
  r.wasmOverEthCall = r.opsPerSec.ethCall && r.opsPerSec.wasm! / r.opsPerSec.ethCall;
}

// ---------------------------------------------------------------- memory

log(`memory: Wasm instance size around ${quick ? "20,000" : "1,000,000"} quotes and failed calls`);
const memory = { atInit: memoryAtInit, ...measureMemory(quick ? 20_000 : 1_000_000, wPool, cases[2].params) };

// ---------------------------------------------------------------- report

const byOp = new Map(results.map((r) => [r.op, r]));
// The target is stated for the benchmark's quote rows (a pool quoted again and again); the
// rows with the step cache cleared are reported beside it, not hidden in it.
const COLD = "step cache cleared";
const quoteRows = results.filter((r) => r.op.startsWith("quote exact") && !r.op.includes(COLD) && !r.op.endsWith("quoteInto"));
const intoRows = results.filter((r) => r.op.endsWith("quoteInto"));
const coldRows = results.filter((r) => r.op.startsWith("quote exact") && r.op.includes(COLD));
const mathRows = ["TickMath.getSqrtRatioAtTick", "TickMath.getTickAtSqrtRatio", "SqrtPriceMath.getAmount0Delta", "SwapMath.computeSwapStep"].map((o) => byOp.get(o)!);
const solv = results.find((r) => r.op.startsWith("Solvency.check, 10,000"))!;
const msFor = (ops?: number) => (ops ? 1000 / ops : undefined);
solvencyMs.wasm = msFor(solv.opsPerSec.wasm)!;
solvencyMs.wasmBatch = msFor(solv.opsPerSec.wasmBatch)!;
solvencyMs.model = msFor(solv.opsPerSec.model)!;

const minRatio = (rs: Result[], k: "wasmOverSdk" | "wasmOverEthCall") => {
  const xs = rs.map((r) => r[k]).filter((x): x is number => x !== undefined);
  return xs.length ? Math.min(...xs) : undefined;
};
const verdict = (x: number | undefined, target: number, below = false) => (x === undefined ? "not measured" : (below ? x < target : x >= target) ? "met" : "NOT met");
const qMin = minRatio(quoteRows, "wasmOverSdk"), qColdMin = minRatio(coldRows, "wasmOverSdk"), mMin = minRatio(mathRows, "wasmOverSdk"), eMin = minRatio([...quoteRows, ...coldRows], "wasmOverEthCall");
const bestSolvMs = [solvencyMs.wasm, solvencyMs.wasmBatch].filter((x) => x !== undefined && Number.isFinite(x));
const solvBest = bestSolvMs.length ? Math.min(...bestSolvMs) : undefined;
const ms = (x?: number) => (x === undefined || !Number.isFinite(x) ? "-" : `${x.toFixed(1)} ms`);
const targetLines = [
  `- ${TARGETS["full quotes"]}: lowest measured ${ratio(qMin)} (${verdict(qMin, 60)}); through \`quoteInto\`: lowest ${ratio(minRatio(intoRows, "wasmOverSdk"))} (${verdict(minRatio(intoRows, "wasmOverSdk"), 60)}); with the step cache cleared before each quote (a liquidity change at every price): lowest ${ratio(qColdMin)} (${verdict(qColdMin, 40)})`,
  `- ${TARGETS["single math calls"]}: lowest measured ${ratio(mMin)} (${verdict(mMin, 20)})`,
  `- ${TARGETS["eth_call"]}: lowest measured ${ratio(eMin)} (${eMin === undefined ? "not measured: no on-chain 2sAMM pool yet" : verdict(eMin, 1000)})`,
  `- ${TARGETS["Solvency.check"]}: Wasm check loop ${ms(solvencyMs.wasm)}, Wasm checkMany ${ms(solvencyMs.wasmBatch)}, BigInt model ${ms(solvencyMs.model)} (${solvBest === undefined ? "not measured: no Wasm Solvency yet" : verdict(solvBest, 100, true)})`,
];

const memLines = [
  `Wasm instance memory (bytes), around ${memory.n.toLocaleString("en-US")} calls each:`,
  "",
  "| when | bytes |",
  "|---|---:|",
  `| just after init() | ${memoryAtInit.toLocaleString("en-US")} |`,
  `| before (pools built, table timed: includes the Solvency arena for 10,000 portfolios) | ${memory.before.toLocaleString("en-US")} |`,
  `| after ${memory.n.toLocaleString("en-US")} quotes (\`pool.quote\`, 7 ticks crossed) | ${memory.afterQuotes.toLocaleString("en-US")} |`,
  `| after ${memory.n.toLocaleString("en-US")} failed calls (typed errors: ${memory.errors.join(", ")}) | ${memory.afterFailures.toLocaleString("en-US")} |`,
  `| after ${memory.n.toLocaleString("en-US")} more quotes | ${memory.afterMore.toLocaleString("en-US")} |`,
  "",
  memory.bounded
    ? `Bounded: the instance did not grow over ${(3 * memory.n).toLocaleString("en-US")} calls (${memory.before.toLocaleString("en-US")} bytes before, ${memory.afterMore.toLocaleString("en-US")} after); the quote after the failures equals the one before.`
    : `GREW: ${memory.before.toLocaleString("en-US")} -> ${memory.afterMore.toLocaleString("en-US")} bytes over ${(3 * memory.n).toLocaleString("en-US")} calls.`,
];

const notes = [
  "Rows: single math calls on one fixed input; full quotes are zeroForOne on the benchmark pool (100 initialized ticks at spacing 60, 50 nested positions, flat 0.3% fee, start tick 2999), " +
    "exact input or output, sized to cross 0, 7, 45 or all 99 ticks below the price (the all-ticks rows stop at a price limit, there is no liquidity below). " +
    "The takers row uses the same makers plus 16 taker reservations, the default dynamic fee curve and a 5% protocol share. Solvency: 16 Records per portfolio over 6 blue-chip and 2 tail tokens.",
  `Columns: wasm = one binding call per operation; wasm batch = the batch form (${BATCH} math inputs, ${QUOTES_PER_BATCH} quotes per \`quoteMany\`, \`checkMany\`), in operations per second; ` +
    "BigInt model = bindings/model; v3-sdk = @uniswap/v3-sdk (jsbi inputs prepared outside the timed call; quotes via Pool.getOutputAmount / getInputAmount); eth_call = the Solidity harness (or quoter) called through ethers on the in-process Hardhat network. " +
    "Solvency rows count checks of the whole set of portfolios per second. Every implementation's result for the timed input was checked equal before timing.",
  `Method: benchmark.js per cell (Solvency over 10,000 portfolios: a plain timed loop); the cells of a row are measured in ${ROUNDS} interleaved rounds and each keeps its best, because the machine is shared. ` +
    "--quick replaces benchmark.js by the best of three 15 ms timed loops per cell: a smoke run, its numbers are rough.",
  "v3-sdk quotes go through Pool.getOutputAmount / getInputAmount, the SDK's quoting API; the swap loop inside them (v3Swap) was measured at about 65% of that time with 0 ticks crossed and 90% with 7 or 45.",
  "The Wasm pool engine keeps each full step to the next tick (from an initialized tick, a word boundary or the pool's price) until the pool's liquidity changes (docs/math.md, \"Step cache\"); the quote rows quote one unchanged pool repeatedly and reuse it. " +
    "The \"step cache cleared\" rows measure the quote after a change of liquidity at every price (a mint of one unit of full-range liquidity before each quote, outside the timed span): every cached step and remembered liquidity reciprocal is stale; the other implementations keep no such state, so their cells repeat the row above.",
];

console.log();
printTable(results);
console.log("\nTargets (stated, not asserted):\n" + targetLines.join("\n"));
console.log("\n" + memLines.join("\n"));
const written = save(results, { quick, targets: TARGETS }, { solvencyMs, memory, quoteEthCall: quoter ? "TwoSidedPool via BenchQuoter" : "no on-chain 2sAMM pool yet" }, [
  "Targets (stated, not asserted):\n\n" + targetLines.join("\n"),
  "## Memory\n\n" + memLines.join("\n"),
  "## Notes\n\n" + notes.map((n) => `- ${n}`).join("\n"),
]);
log(`done; wrote ${written} and its .json`);
process.exit(0);

// ---------------------------------------------------------------- helpers

/** The benchmark pool on chain (TwoSidedPool) behind SwapQuoter, or null while the pool contract is missing. */
async function deployQuoter(c: Chain) {
  if (!hasSource("contracts/TwoSidedPool.sol")) return null;
  try {
    const q = await deployQuotedPool(c, { sqrtPriceX96: START_SQRT_PRICE, tickSpacing: TICK_SPACING, feePips: FEE_PIPS }, POSITIONS);
    if (!q) log("TwoSidedPool or SwapQuoter not compiled: the quote rows have no eth_call cell");
    return q;
  } catch (e) {
    // Setting the pool up failed (its interface changed?): report it, time the rest.
    log(`could not set up the on-chain pool (${String(e).split("\n")[0]}): the quote rows have no eth_call cell`);
    return null;
  }
}

/**
 * Quotes per second with the step cache cleared before each quote: a mint of one unit of
 * full-range liquidity precedes every quote, outside the timed span, so every step of the quote
 * has a liquidity it never had before (the cached steps and remembered liquidity reciprocals are
 * all stale). The first such quote is checked against the BigInt model given the same mint.
 * Median of 5 rounds of `n` individually timed quotes; the minted units are burnt afterwards.
 */
function coldQuoteOps(pool: Pool, model: ModelPool, params: QuoteCase["params"], n: number): number {
  const [lo, hi] = [-887_220, 887_220];
  pool.mint(lo, hi, 1n);
  model.mint(lo, hi, 1n);
  const pick = (r: { amount0: bigint; amount1: bigint; sqrtPriceX96: bigint; tick: number; feeAmount: bigint }) => canon([r.amount0, r.amount1, r.sqrtPriceX96, r.tick, r.feeAmount]);
  if (pick(pool.quote(params)) !== pick(model.quote(params))) throw new Error("bench: a quote after a full-range mint differs from the model");
  model.burn(lo, hi, 1n);
  let minted = 1n;
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    let spent = 0;
    for (let i = 0; i < n; i++) {
      pool.mint(lo, hi, 1n);
      minted++;
      const t0 = performance.now();
      pool.quote(params);
      spent += performance.now() - t0;
    }
    rounds.push(spent / n);
  }
  pool.burn(lo, hi, minted);
  rounds.sort((a, b) => a - b);
  return 1000 / rounds[2];
}

function measureMemory(n: number, pool: Pool, params: QuoteCase["params"]) {
  const size = () => getCore().memory.buffer.byteLength;
  const reference = canon(pool.quote(params));
  const before = size();
  for (let i = 0; i < n; i++) pool.quote(params);
  const afterQuotes = size();
  // Invalid inputs that reach the Wasm core and come back as typed errors.
  const failing: [string, () => unknown][] = [
    ["AmountSpecifiedZeroError", () => pool.quote({ zeroForOne: true, amountSpecified: 0n })],
    ["InvalidPriceLimitError", () => pool.quote({ zeroForOne: true, amountSpecified: 1n, sqrtPriceLimitX96: params.sqrtPriceLimitX96 + (1n << 150n) })],
    ["InvalidTickError", () => TickMath.getSqrtRatioAtTick(887_273)],
    ["InvalidSqrtPriceError", () => TickMath.getTickAtSqrtRatio(1n)],
    ["DivisionByZeroError", () => FullMath.mulDiv(1n, 1n, 0n)],
  ];
  for (let i = 0; i < n; i++) {
    const [name, f] = failing[i % failing.length];
    try {
      f();
    } catch (e) {
      if ((e as Error).name === name) continue;
      throw new Error(`bench memory: expected ${name}, got ${String(e)}`);
    }
    throw new Error(`bench memory: expected ${name}, the call returned`);
  }
  const afterFailures = size();
  for (let i = 0; i < n; i++) pool.quote(params);
  const afterMore = size();
  const same = canon(pool.quote(params)) === reference;
  if (!same) throw new Error("bench memory: the quote changed after the failed calls");
  return { n, before, afterQuotes, afterFailures, afterMore, errors: failing.map(([name]) => name), bounded: afterMore === before && afterFailures === before };
}
