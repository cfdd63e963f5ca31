// Solvency's table look-up hints (one byte per value of an address's low 5 bits, then a scan): tables whose
// tokens share their low bits, so that hints name other tokens and the scan must decide. The Solidity library
// (check and the PM's verdict) against the pure-BigInt model, with an unknown token whose bits a listed one shares.
import { beforeAll, describe, expect, it } from "vitest";
import { check as modelCheck } from "../../bindings/model/Solvency.js";
import type { SolvencyRecord, SolvencyTokens, SolvencyPrices } from "../../bindings/index.js";
import { network } from "../helpers/chain.js";

const X64 = 1n << 64n;
// 12 tokens: eight whose addresses end in the same 5 bits (7), four more in two other pairs.
const LOW = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => k * 32 + 7).concat([0x41, 0x61, 0x4a, 0x8a]);
const addr = (low: number) => "0x" + (0xd000 + low).toString(16).padStart(40, "0");
const KEYS = LOW.map(addr);
const TOKENS: SolvencyTokens = Object.fromEntries(
  KEYS.map((k, i) => [k, { varianceX64: (X64 * BigInt(101 + i)) / 100n, tail: i % 5 === 4, decimals: 6 + (i % 3) * 6 }]),
);
const PRICES: SolvencyPrices = Object.fromEntries(
  KEYS.filter((k) => !TOKENS[k].tail).map((k, i) => [k, { answer: BigInt(i + 1) * 1_00000000n, decimals: 8 }]),
);

let harness: any;
beforeAll(async () => {
  const { ethers } = await network();
  harness = await ethers.deployContract("SolvencyHarness");
});

function table(order: string[]) {
  const configs = order.map((k) => ({ varianceX64: TOKENS[k].varianceX64, tail: TOKENS[k].tail, decimals: TOKENS[k].decimals }));
  const prices = order.map((k) => PRICES[k] ?? { answer: 0n, decimals: 0 });
  return { configs, prices };
}

/** A small deterministic generator (the test must not depend on the run). */
function rng(seed: number) {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe("Solvency's look-up hints", () => {
  it("tables whose tokens share their low address bits net as the model does (check and verdict)", async () => {
    const r = rng(17);
    for (let c = 0; c < 12; c++) {
      // A random table order (hints keep the last of each bucket) and random Records over it.
      const order = [...KEYS].sort(() => r() - 0.5);
      const recs: SolvencyRecord[] = [];
      for (let i = 0; i < 1 + Math.floor(r() * 10); i++) {
        const m = 1 + Math.floor(r() * 3);
        const ts = [...new Set(Array.from({ length: m }, () => order[Math.floor(r() * order.length)]))];
        recs.push({
          tokens: ts,
          credit: ts.map(() => BigInt(Math.floor(r() * 1e9)) * 10n ** 6n),
          debt: ts.map(() => (r() < 0.4 ? BigInt(Math.floor(r() * 1e9)) * 10n ** 6n : 0n)),
          delta: ts.map(() => (r() < 0.2 ? BigInt(Math.floor(r() * 1e6)) : 0n)),
        });
      }
      const { configs, prices } = table(order);
      const model = modelCheck(recs, Object.fromEntries(order.map((k) => [k, TOKENS[k]])), PRICES, { tailRecordUsdDebt: 3n * 10n ** 18n });
      const b = await harness.check(recs, order, configs, prices, 3n * 10n ** 18n);
      expect(b.solvent).toBe(model.solvent);
      expect(b.usdNet).toBe(model.usdNet);
      const nets: Record<string, bigint> = {};
      b.tokens.forEach((t: string, j: number) => (nets[t.toLowerCase()] = b.nets[j]));
      const modelNets: Record<string, bigint> = {};
      for (const [k, x] of Object.entries(model.nets)) modelNets[k.toLowerCase()] = x as bigint;
      expect(nets).toEqual(modelNets);
      const [solvent, usdNet] = await harness.verdict(recs, order, configs, prices, 3n * 10n ** 18n);
      expect([solvent, usdNet]).toEqual([model.solvent, model.usdNet]);
    }
  });

  it("a token missing from the table is UnknownToken even when a listed token shares its hint byte", async () => {
    const missing = addr(8 * 32 + 7); // ends in 7, as the first eight listed tokens do
    const { configs, prices } = table(KEYS);
    const recs: SolvencyRecord[] = [
      { tokens: [KEYS[0]], credit: [1n], debt: [0n], delta: [0n] },
      { tokens: [missing], credit: [1n], debt: [0n], delta: [0n] },
    ];
    expect(() => modelCheck(recs, TOKENS, PRICES, { tailRecordUsdDebt: 0n })).toThrow(/UnknownToken|not in the token table|unknown/i);
    await expect(harness.check(recs, KEYS, configs, prices, 0n)).rejects.toThrow(/UnknownToken/);
    await expect(harness.verdict(recs, KEYS, configs, prices, 0n)).rejects.toThrow(/UnknownToken/);
  });
});
