// The explorer page: reads the controls, computes everything with the Wasm core
// (fee curve, position amounts for the payoff curves, a pool quote) and draws.
import { FeeCurve, init, Pool, SqrtPriceMath, TickMath } from "../dist/index.js";

const E18 = 10n ** 18n;
const $ = (id) => document.getElementById(id);
const num = (id) => Number($(id).value);
const Q96 = 2 ** 96;

/** Token amounts of `liquidity` over [lower, upper) at `tick` (what a burn would return; rounded down). */
function amountsAt(tick, lower, upper, liquidity) {
  const sp = TickMath.getSqrtRatioAtTick(tick);
  const sa = TickMath.getSqrtRatioAtTick(lower);
  const sb = TickMath.getSqrtRatioAtTick(upper);
  if (tick < lower) return [SqrtPriceMath.getAmount0Delta(sa, sb, liquidity, false), 0n];
  if (tick >= upper) return [0n, SqrtPriceMath.getAmount1Delta(sa, sb, liquidity, false)];
  return [SqrtPriceMath.getAmount0Delta(sp, sb, liquidity, false), SqrtPriceMath.getAmount1Delta(sa, sp, liquidity, false)];
}

const price = (tick) => 1.0001 ** tick;
const value = ([a0, a1], tick) => (Number(a0) * price(tick) + Number(a1)) / 1e18;

function draw(canvas, series, xs, { xLabel, yLabel, marker }) {
  const ctx = canvas.getContext("2d");
  const W = canvas.width, H = canvas.height, L = 60, B = 30, T = 10, R = 10;
  ctx.clearRect(0, 0, W, H);
  const all = series.flatMap((s) => s.ys);
  let lo = Math.min(...all), hi = Math.max(...all);
  if (hi - lo < 1e-12) { hi += 1; lo -= 1; }
  const x = (i) => L + (i / (xs.length - 1)) * (W - L - R);
  const y = (v) => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
  ctx.strokeStyle = "#d0d7de"; ctx.fillStyle = "#57606a"; ctx.font = "11px system-ui";
  for (let k = 0; k <= 4; k++) {
    const v = lo + ((hi - lo) * k) / 4;
    ctx.beginPath(); ctx.moveTo(L, y(v)); ctx.lineTo(W - R, y(v)); ctx.stroke();
    ctx.fillText(v.toPrecision(3), 4, y(v) + 4);
  }
  for (let k = 0; k <= 4; k++) {
    const i = Math.round(((xs.length - 1) * k) / 4);
    ctx.fillText(String(xs[i]), x(i) - 12, H - 12);
  }
  ctx.fillText(xLabel, W - R - 80, H - 2); ctx.fillText(yLabel, L + 4, T + 10);
  if (lo < 0 && hi > 0) { ctx.strokeStyle = "#8c959f"; ctx.beginPath(); ctx.moveTo(L, y(0)); ctx.lineTo(W - R, y(0)); ctx.stroke(); }
  for (const s of series) {
    ctx.strokeStyle = s.color; ctx.lineWidth = 2; ctx.beginPath();
    s.ys.forEach((v, i) => (i ? ctx.lineTo(x(i), y(v)) : ctx.moveTo(x(i), y(v))));
    ctx.stroke(); ctx.lineWidth = 1;
  }
  if (marker !== undefined) {
    ctx.strokeStyle = "#bf8700"; ctx.setLineDash([4, 4]); ctx.beginPath();
    ctx.moveTo(x(marker), T); ctx.lineTo(x(marker), H - B); ctx.stroke(); ctx.setLineDash([]);
  }
}

function update() {
  $("error").textContent = "";
  try {
    const params = { minFeePips: num("minFee"), midFeePips: num("midFee"), maxFeePips: num("maxFee") };
    const makerL = BigInt(Math.round(num("makerLiq") * 1e6)) * 10n ** 12n;
    const takerL = BigInt(Math.round(num("takerLiq") * 1e6)) * 10n ** 12n;
    const [ml, mu, tl, tu] = ["makerLower", "makerUpper", "takerLower", "takerUpper"].map(num);

    // Fee curve: q = R/P from 0 to 0.99.
    const qs = Array.from({ length: 100 }, (_, i) => i / 100);
    const fees = qs.map((q) => FeeCurve.feePips(BigInt(Math.round(q * 1e6)), 1_000_000n, params) / 1e4);
    const qNow = makerL > 0n && tl <= 0 && 0 < tu && ml <= 0 && 0 < mu ? Number((takerL * 1000n) / makerL) / 1000 : 0;
    draw($("feeChart"), [{ ys: fees, color: "#8250df" }], qs.map((q) => q.toFixed(2)), { xLabel: "q = reserved / provided", yLabel: "fee %", marker: Math.min(99, Math.round(qNow * 100)) });
    $("feeLegend").textContent = `q now = ${qNow.toFixed(3)}, fee = ${(FeeCurve.feePips(takerL, makerL, params) / 1e4).toFixed(4)}%`;

    // Payoffs against the entry price (tick 0).
    const ticks = Array.from({ length: 121 }, (_, i) => -12000 + i * 200);
    const makerEntry = amountsAt(0, ml, mu, makerL), takerEntry = amountsAt(0, tl, tu, takerL);
    const maker = ticks.map((t) => value(amountsAt(t, ml, mu, makerL), t) - value(makerEntry, t));
    const taker = ticks.map((t) => value(takerEntry, t) - value(amountsAt(t, tl, tu, takerL), t));
    draw($("payoffChart"), [
      { ys: maker, color: "#0969da" },
      { ys: taker, color: "#cf222e" },
      { ys: maker.map((m, i) => m + taker[i]), color: "#1a7f37" },
    ], ticks, { xLabel: "tick", yLabel: "PnL (token1)", marker: 60 });

    // Live quote on a pool with these positions.
    const pool = new Pool({ sqrtPriceX96: TickMath.getSqrtRatioAtTick(0), tickSpacing: 60, fee: params });
    try {
      pool.mint(ml, mu, makerL);
      if (takerL > 0n) pool.take(tl, tu, takerL);
      const zeroForOne = $("dir").value === "0to1";
      const amount = BigInt(Math.round(num("amount") * 1e6)) * 10n ** 12n;
      const q = pool.quote({ zeroForOne, amountSpecified: amount });
      // Browsers coarsen timers: time a batch of identical quotes and average.
      const t0 = performance.now();
      for (let i = 0; i < 200; i++) pool.quote({ zeroForOne, amountSpecified: amount });
      const dt = (performance.now() - t0) / 200;
      const out = zeroForOne ? -q.amount1 : -q.amount0;
      const used = zeroForOne ? q.amount0 : q.amount1;
      $("fee-now").textContent = `${(FeeCurve.feePips(takerL, makerL, params) / 1e4).toFixed(4)}%`;
      $("active-liq").textContent = `${Number(pool.liquidity) / 1e18}e18`;
      $("quote-in").textContent = `${Number(used) / 1e18}`;
      $("quote-out").textContent = `${Number(out) / 1e18}`;
      $("quote-price").textContent = `${((Number(q.sqrtPriceX96) / Q96) ** 2).toPrecision(6)} (tick ${q.tick})`;
      $("quote-time").textContent = `${(dt * 1000).toFixed(1)} µs per quote (mean of 200)`;
    } finally {
      pool.free();
    }
  } catch (e) {
    $("error").textContent = `${e.name}: ${e.message}`;
    for (const id of ["quote-in", "quote-out", "quote-price"]) $(id).textContent = "-";
  }
  document.body.dataset.updates = String(Number(document.body.dataset.updates ?? 0) + 1);
}

await init();
$("controls").addEventListener("input", update);
update();
