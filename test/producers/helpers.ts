// Shared by the producer tests: the Wasm Solvency.check run on the PM's own `records(...)` output,
// compared field by field with the PM's `breakdown(...)`.
import { expect } from "vitest";
import { Solvency } from "../../bindings/index.js";
import type { SolvencyPrices, SolvencyTokens } from "../../bindings/index.js";
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

/** Runs Solvency.check on pm.records(owner, id) and asserts it equals pm.breakdown(owner, id). */
export async function expectWasmAgrees(s: System, owner: string, id: bigint, extra: Record<string, { token: any; feed?: any }> = {}) {
  const [tokens, prices] = await tableAndPrices(s, extra);
  const b = await s.pm.breakdown(owner, id);
  const recs = (await s.pm.records(owner, id)).map((r: any) => ({ tokens: [...r.tokens], credit: [...r.credit], debt: [...r.debt], delta: [...r.delta] }));
  const w = Solvency.check(recs, tokens, prices, { tailRecordUsdDebt: await s.pm.tailRecordUsdDebt() });
  expect(w.usdNet).toBe(b.usdNet);
  expect(w.solvent).toBe(b.solvent);
  expect(Object.keys(w.nets)).toEqual([...b.tokens]);
  expect(Object.values(w.nets)).toEqual([...b.nets]);
  expect(w.failingTails).toEqual([...b.failingTails]);
  return w;
}

/** Independent reference of the PM arithmetic for one-token Records (docs/pm.md), in BigInt. */
export const X64 = 1n << 64n;
export const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
export function usdOf(net: bigint, answer: bigint, td: number, fd = 8) {
  const den = 10n ** BigInt(td + fd);
  return net >= 0n ? (net * answer * 10n ** 18n) / den : -ceilDiv(-net * answer * 10n ** 18n, den);
}
