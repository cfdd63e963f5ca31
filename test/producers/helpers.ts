// Shared by the producer and PM tests: the Wasm Solvency.check run on the PM's own `records(...)` and
// `referenceRecords(...)` output, compared field by field with the PM's `breakdown(...)` (spot) and
// `referenceBreakdown(...)` (reference), its `isSolvent` and `isLiquidatable`; then the same through
// the bindings' one-call reader `readPortfolio`.
import { expect } from "vitest";
import { ChainReadError, ItosError, readPortfolio, Solvency } from "../../bindings/index.js";
import type { SolvencyPrices, SolvencyRecord, SolvencyResult, SolvencyTokens } from "../../bindings/index.js";
import type { SolvencyValuation } from "../../bindings/src/Solvency.js";
import type { System } from "../pm/fixture.js";

export async function tableAndPrices(s: System, extra: Record<string, { token: any; feed?: any }> = {}): Promise<[SolvencyTokens, SolvencyPrices]> {
  const tokens: SolvencyTokens = {}, prices: SolvencyPrices = {};
  const all: [any, any][] = Object.keys(s.tokens).map((n) => [s.tokens[n], s.feeds[n]]);
  for (const e of Object.values(extra)) all.push([e.token, e.feed]);
  for (const [t, f] of all) {
    const a = await t.getAddress();
    const info = await s.pm.tokenInfo(a);
    if (!info.registered) continue;
    tokens[a] = { varianceX64: info.varianceX64, tail: info.tail, decimals: Number(info.decimals) };
    if (!info.tail && f) {
      const [, answer] = await f.latestRoundData();
      prices[a] = { answer, decimals: Number(await f.decimals()) };
    }
  }
  return [tokens, prices];
}

/** Records as ethers returns them (Result arrays) -> plain SolvencyRecords. */
export const plainRecords = (recs: any[]): SolvencyRecord[] =>
  recs.map((r: any) => ({ tokens: [...r.tokens], credit: [...r.credit], debt: [...r.debt], delta: [...r.delta] }));

/** Asserts one Wasm valuation equals a PM breakdown (solvent, usdNet, nets in order, failing tails). */
export function expectValuation(w: SolvencyValuation, b: any, label = "") {
  expect(w.usdNet, `${label} usdNet`).toBe(b.usdNet);
  expect(w.solvent, `${label} solvent`).toBe(b.solvent);
  expect(Object.keys(w.nets), `${label} tokens`).toEqual([...b.tokens]);
  expect(Object.values(w.nets), `${label} nets`).toEqual([...b.nets]);
  expect(w.failingTails, `${label} failingTails`).toEqual([...b.failingTails]);
}

/** The name of the custom error a contract call reverted with. */
export function revertName(e: any): string {
  const m = /custom error '(\w+)\(/.exec(String(e?.message));
  if (m) return m[1];
  const data = [e?.data, e?.error?.data, e?.info?.error?.data].find((d) => typeof d === "string" && d.startsWith("0x"));
  return data ? `revert ${data.slice(0, 10)}` : String(e?.message);
}

/** A result with lower-cased token keys, for comparing with readPortfolio's (lower-case) addresses. */
export function lowered(r: SolvencyResult): unknown {
  const v = (x: SolvencyValuation) => ({
    solvent: x.solvent,
    usdNet: x.usdNet,
    nets: Object.entries(x.nets).map(([k, n]) => [k.toLowerCase(), n]),
    failingTails: x.failingTails.map((t) => t.toLowerCase()),
  });
  return { ...v(r), spot: r.spot && v(r.spot), reference: r.reference && v(r.reference), liquidatable: r.liquidatable, failedValuation: r.failedValuation };
}

/**
 * Runs Solvency.check on pm.records(owner, id) with pm.referenceRecords(owner, id) and asserts: the
 * spot valuation equals pm.breakdown, the reference one pm.referenceBreakdown, `solvent` pm.isSolvent,
 * `liquidatable` pm.isLiquidatable; the top-level fields are the spot ones. When the PM cannot form
 * the reference valuation, asserts the spot one alone and that readPortfolio reports the same error,
 * typed. Either way readPortfolio + Solvency.check must give the same result.
 */
export async function expectWasmAgrees(s: System, owner: string, id: bigint, extra: Record<string, { token: any; feed?: any }> = {}, label = "") {
  const { pm } = s;
  const [tokens, prices] = await tableAndPrices(s, extra);
  const options = { tailRecordUsdDebt: await pm.tailRecordUsdDebt() };
  const b = await pm.breakdown(owner, id);
  const recs = plainRecords(await pm.records(owner, id));
  const snap = await readPortfolio(s.ethers.provider, await pm.getAddress(), owner, id);
  let refs: SolvencyRecord[] | undefined;
  let refRevert: unknown;
  try {
    refs = plainRecords(await pm.referenceRecords(owner, id));
  } catch (e) {
    refRevert = e;
  }
  if (refs === undefined) {
    const w = Solvency.check(recs, tokens, prices, options);
    expectValuation(w, b, `${label} spot`);
    await expect(pm.referenceBreakdown(owner, id), label).rejects.toThrow();
    // The reader still returns the spot snapshot, and the PM's revert as its typed error.
    expect(snap.referenceRecords, label).toBeUndefined();
    expect(snap.referenceError, label).toBeInstanceOf(ItosError);
    expect(snap.referenceError, label).not.toBeInstanceOf(ChainReadError);
    expect(snap.referenceError!.name, label).toBe(`${revertName(refRevert)}Error`);
    expect(lowered(Solvency.check(snap.records, snap.tokens, snap.prices, snap.options)), label).toEqual(lowered(w));
    return w;
  }
  const w = Solvency.check(recs, tokens, prices, { ...options, referenceRecords: refs });
  expectValuation(w.spot, b, `${label} spot`);
  expectValuation(w.reference, await pm.referenceBreakdown(owner, id), `${label} reference`);
  expect([w.usdNet, w.nets, w.failingTails], label).toEqual([w.spot.usdNet, w.spot.nets, w.spot.failingTails]);
  expect(w.solvent, `${label} isSolvent`).toBe(await pm.isSolvent(owner, id));
  expect(w.liquidatable, `${label} isLiquidatable`).toBe(await pm.isLiquidatable(owner, id));
  expect(w.failedValuation, label).toBe(!w.spot.solvent ? "spot" : !w.reference.solvent ? "reference" : undefined);
  expect(snap.referenceError, label).toBeUndefined();
  expect(lowered(Solvency.check(snap.records, snap.tokens, snap.prices, snap.options)), `${label} readPortfolio`).toEqual(lowered(w));
  return w;
}

/** Independent reference of the PM arithmetic for one-token Records (docs/pm.md), in BigInt. */
export const X64 = 1n << 64n;
export const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
export function usdOf(net: bigint, answer: bigint, td: number, fd = 8) {
  const den = 10n ** BigInt(td + fd);
  return net >= 0n ? (net * answer * 10n ** 18n) / den : -ceilDiv(-net * answer * 10n ** 18n, den);
}
