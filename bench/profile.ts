// Where the Wasm bindings' time goes: the same operation through the public
// binding, through the raw export (limbs written and read by hand, no argument
// checks), and the Wasm work alone.
//   npx tsx bench/profile.ts [boundary] [math] [quotes] [solvency]
import { init, SqrtPriceMath, SwapMath, TickMath } from "../bindings/index.js";
import * as itos from "../bindings/index.js";
import { getCore } from "../bindings/src/wasm.js";
import { OPTIONS, portfolios, PRICES, TOKENS } from "./lib/portfolios.js";
import { modelPool, quoteCase, TAKERS, wasmPool } from "./lib/pools.js";
import { activeLiquidity, START_TICK } from "./lib/scenario.js";

await init();
const core = getCore();
const raw = Object.getPrototypeOf(core.exports) as Record<string, (...a: number[]) => number>;
const io = () => getCore().io;

/** ns per call of `f`, best of 5 rounds of `n` calls. */
function ns(f: () => unknown, n: number): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    best = Math.min(best, ((performance.now() - t0) * 1e6) / n);
  }
  return best;
}
const show = (rows: [string, number][]) => console.table(rows.map(([what, t]) => ({ what, "ns/call": Math.round(t) })));

const M64 = (1n << 64n) - 1n;
function put(at: number, v: bigint, limbs: number) {
  const b = io();
  for (let i = 0; i < limbs; i++) b[at + i] = (v >> BigInt(64 * i)) & M64;
}

// 1. Boundary: an empty export round trip, and one BigInt limb write + read.
function boundary() {
  console.log("1. The JS/Wasm boundary");
  show([
    ["empty export call (ioPtr)", ns(() => raw.ioPtr(), 2_000_000)],
    ["getCore() (memory-growth check)", ns(() => getCore(), 2_000_000)],
    ["write a 160-bit bigint as 3 limbs", ns(() => put(0, 1461446703485210103287273052203988822378723970341n, 3), 1_000_000)],
    ["read 4 limbs into a bigint", ns(() => (io()[3] << 192n) | (io()[2] << 128n) | (io()[1] << 64n) | io()[0], 1_000_000)],
  ]);
}

// 2. Single math calls: binding vs raw export.
function math() {
  console.log("2. Single math calls");
  const a = TickMath.getSqrtRatioAtTick(-1000), b = TickMath.getSqrtRatioAtTick(2500), l = 10n ** 21n + 12_345n;
  const cur = TickMath.getSqrtRatioAtTick(START_TICK), target = TickMath.getSqrtRatioAtTick(2940), liq = activeLiquidity(START_TICK);
  show([
    ["getSqrtRatioAtTick: binding", ns(() => TickMath.getSqrtRatioAtTick(200_111), 1_000_000)],
    ["getSqrtRatioAtTick: export only", ns(() => raw.tickMathGetSqrtRatioAtTick(200_111), 1_000_000)],
    ["getAmount0Delta: binding", ns(() => SqrtPriceMath.getAmount0Delta(a, b, l, true), 1_000_000)],
    ["getAmount0Delta: limbs + export + read", ns(() => (put(0, a, 3), put(3, b, 3), put(6, l, 2), raw.sqrtPriceMathGetAmount0Delta(1), io()[0]), 1_000_000)],
    ["getAmount0Delta: export only (inputs rewritten as raw limbs)", ns(() => {
      const x = io();
      x[0] = a & M64; x[1] = (a >> 64n) & M64; x[2] = a >> 128n; x[3] = b & M64; x[4] = (b >> 64n) & M64; x[5] = b >> 128n; x[6] = l & M64; x[7] = l >> 64n;
      return raw.sqrtPriceMathGetAmount0Delta(1);
    }, 1_000_000)],
    ["computeSwapStep: binding", ns(() => SwapMath.computeSwapStep(cur, target, liq, 10n ** 18n, 3000), 500_000)],
    ["computeSwapStep: limbs + export", ns(() => (put(0, cur, 3), put(3, target, 3), put(6, liq, 2), put(8, 10n ** 18n, 4), raw.swapMathComputeSwapStep(3000)), 500_000)],
  ]);
}

// 3. Quotes: binding vs the export alone, per swap-loop step.
function quotes() {
  console.log("3. Quotes (pool.quote vs poolSwap export)");
  const rows: [string, number][] = [];
  for (const [label, takers] of [["no takers", []], ["takers", TAKERS]] as const) {
    const w = wasmPool([...takers]), m = modelPool([...takers]);
    for (const k of [0, 7, 45, 99]) {
      if (takers.length && k !== 45) continue;
      const c = quoteCase(m, k, true);
      const steps = m.quote(c.params).steps;
      const h = w.handle;
      const n = k >= 45 ? 20_000 : 200_000;
      const tb = ns(() => w.quote(c.params), n);
      const te = ns(() => (put(0, c.params.amountSpecified, 4), put(4, c.params.sqrtPriceLimitX96, 4), raw.poolSwap(h, 1, 0)), n);
      rows.push([`${label}, ${k} ticks (${steps} steps): binding`, tb]);
      rows.push([`${label}, ${k} ticks: export`, te]);
      rows.push([`${label}, ${k} ticks: export per step`, te / steps]);
      rows.push([`${label}, ${k} ticks: binding overhead`, tb - te]);
    }
  }
  show(rows);
}

// 4. Solvency: time inside the Wasm export vs the whole checkMany.
function solvency() {
  console.log("4. Solvency.checkMany, 10,000 portfolios");
  const S = (itos as unknown as Record<string, any>).Solvency;
  if (!S) console.log("no Wasm Solvency");
  else {
    const ps = portfolios(10_000);
    let inWasm = 0;
    const exp = core.exports as Record<string, any>;
    const orig = raw.solvencyCheckMany;
    // The raw export is read-only on the exports' prototype: shadow it with an own property.
    Object.defineProperty(exp, "solvencyCheckMany", {
      configurable: true,
      value: (...a: number[]) => {
        const t0 = performance.now();
        const r = orig(...a);
        inWasm += performance.now() - t0;
        return r;
      },
    });
    let best = Infinity, wasmPart = 0;
    for (let i = 0; i < 5; i++) {
      inWasm = 0;
      const t0 = performance.now();
      S.checkMany(ps, TOKENS, PRICES, OPTIONS);
      const t = performance.now() - t0;
      if (t < best) [best, wasmPart] = [t, inWasm];
    }
    delete exp.solvencyCheckMany;
    console.table([{ "total ms": best.toFixed(1), "in Wasm ms": wasmPart.toFixed(1), "JS packing + results ms": (best - wasmPart).toFixed(1) }]);
    let one = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      for (const p of ps.slice(0, 2000)) S.check(p, TOKENS, PRICES, OPTIONS);
      one = Math.min(one, (performance.now() - t0) / 2000);
    }
    console.log(`Solvency.check, one portfolio: ${(one * 1000).toFixed(1)} us per call`);
  }
}

const sections: Record<string, () => void> = { boundary, math, quotes, solvency };
const chosen = process.argv.slice(2).filter((a) => a in sections);
for (const name of chosen.length ? chosen : Object.keys(sections)) sections[name]();
