// The benchmark pool: 100 initialized ticks at spacing 60 (50 nested maker
// positions [-60k, 60k], k = 1..50) and a flat 0.3% fee, so the same pool can
// be built in the Wasm engine, the BigInt model, @uniswap/v3-sdk and on chain.
// The price starts at tick 2999, just below the outermost upper tick, so a
// zeroForOne swap can cross 0, 7, 45 or all 99 ticks below it.
export const TICK_SPACING = 60;
export const FEE_PIPS = 3000;
export const START_TICK = 2999;

export interface Position {
  tickLower: number;
  tickUpper: number;
  liquidity: bigint;
}

export const POSITIONS: Position[] = Array.from({ length: 50 }, (_, i) => {
  const k = i + 1;
  return { tickLower: -60 * k, tickUpper: 60 * k, liquidity: 10n ** 18n + BigInt(k) * 10n ** 16n };
});

/** Initialized ticks with Uniswap's liquidityNet/liquidityGross, ascending. */
export function tickList(positions: Position[] = POSITIONS) {
  const m = new Map<number, { net: bigint; gross: bigint }>();
  for (const p of positions) {
    for (const [t, sign] of [[p.tickLower, 1n], [p.tickUpper, -1n]] as const) {
      const e = m.get(t) ?? { net: 0n, gross: 0n };
      e.net += sign * p.liquidity;
      e.gross += p.liquidity;
      m.set(t, e);
    }
  }
  return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([index, e]) => ({ index, liquidityNet: e.net, liquidityGross: e.gross }));
}

/** Active liquidity at `tick`. */
export function activeLiquidity(tick: number, positions: Position[] = POSITIONS): bigint {
  return positions.reduce((s, p) => (p.tickLower <= tick && tick < p.tickUpper ? s + p.liquidity : s), 0n);
}

/** A price strictly between the k-th and (k+1)-th initialized tick below START_TICK (k = 0: before the first). */
export function tickAfterCrossing(k: number): number {
  const below = tickList().map((t) => t.index).filter((t) => t <= START_TICK).reverse();
  const hi = k === 0 ? START_TICK : below[k - 1];
  const lo = below[k] ?? -887220;
  return Math.floor((hi + lo) / 2) - (k === 0 ? 0 : 1);
}
