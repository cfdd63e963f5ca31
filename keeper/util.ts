// Small helpers shared by the keeper's modules.

/** A deterministic JSON of plain data with bigints (for comparing states). */
export function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));
}

/**
 * `stable` of a portfolio's positions without what a read derives at its own time: a taker's `lent0/1`
 * (its lent shares' amounts then; the valuation reads the shares at `now`).
 */
export function stablePositions(ps: readonly unknown[]): string {
  return stable(ps.map((p: any) => (p?.kind === "taker" && p.asset ? { ...p, asset: { ...p.asset, lent0: undefined, lent1: undefined } } : p)));
}

/** USD (18 decimals) of a token amount at a feed answer: floor(amount * answer * 1e18 / 10^(decimals + feedDecimals)), as the PM. */
export function usd(amount: bigint, answer: bigint, decimals: number, feedDecimals: number): bigint {
  return (amount * answer * 10n ** 18n) / 10n ** BigInt(decimals + feedDecimals);
}

export const fmtUsd = (x: bigint) => (Number(x) / 1e18).toFixed(2);
