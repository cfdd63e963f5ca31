// Solvency: the worked examples of the product documents with hand-derived values, every netting
// rule, the failure conditions, and the Wasm core against the Solidity library (harness), the
// pure-BigInt model and the deployed Portfolio Manager's breakdown, to the wei. The two valuations
// (spot and reference Records netted in one call) against the library run on each set of Records.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  init,
  InvalidArgumentTypeError,
  InvalidPriceError,
  InvalidVarianceFactorError,
  MissingPriceError,
  Solvency,
  SolvencyOverflowError,
  StalePriceError,
  UnknownTokenError,
  ValueOutOfRangeError,
} from "../../bindings/index.js";
import type { SolvencyRecord, SolvencyTokens, SolvencyPrices } from "../../bindings/index.js";
import { check as modelCheck, checkMany as modelCheckMany } from "../../bindings/model/Solvency.js";
import { ReferenceRecordsMismatchError } from "../../bindings/src/errors.js";
import { network } from "../helpers/chain.js";

const X64 = 1n << 64n;
const E18 = 10n ** 18n;
const v = (num: bigint, den: bigint) => (num * X64) / den; // floor(f * 2^64)
const addr = (i: number) => "0x" + (0xc0 + i).toString(16).padStart(40, "0");
const [SOL, ETH, USDC, DOGE, PEPE] = [0, 1, 2, 3, 4].map(addr);
const TOKENS: SolvencyTokens = {
  [SOL]: { varianceX64: v(104n, 100n), tail: false, decimals: 9 },
  [ETH]: { varianceX64: v(102n, 100n), tail: false, decimals: 18 },
  [USDC]: { varianceX64: v(101n, 100n), tail: false, decimals: 6 },
  [DOGE]: { varianceX64: v(110n, 100n), tail: true, decimals: 8 },
  [PEPE]: { varianceX64: v(130n, 100n), tail: true, decimals: 18 },
};
const PRICES: SolvencyPrices = {
  [SOL]: { answer: 100_00000000n, decimals: 8 },
  [ETH]: { answer: 2000_00000000n, decimals: 8 },
  [USDC]: { answer: 1_00000000n, decimals: 8 },
};
const NO_TAIL_DEBT = { tailRecordUsdDebt: 0n };
const rec = (tokens: string[], credit: bigint[], debt: bigint[] = tokens.map(() => 0n), delta: bigint[] = tokens.map(() => 0n)): SolvencyRecord => ({ tokens, credit, debt, delta });

let harness: any;

beforeAll(async () => {
  await init();
  const { ethers } = await network();
  harness = await ethers.deployContract("SolvencyHarness");
});

/** The Solidity library on the same input (table order = the order of `tokens`). */
async function solidity(portfolios: SolvencyRecord[][], tokens: SolvencyTokens, prices: SolvencyPrices, tailRecordUsdDebt: bigint) {
  const keys = Object.keys(tokens);
  const configs = keys.map((k) => ({ varianceX64: tokens[k].varianceX64, tail: tokens[k].tail, decimals: tokens[k].decimals }));
  const px = keys.map((k) => prices[k] ?? { answer: 0n, decimals: 0 });
  const [out, ok, err] = await harness.checkBatch(portfolios, keys, configs, px, tailRecordUsdDebt);
  return portfolios.map((_, i) => {
    if (!ok[i]) {
      const parsed = harness.interface.parseError(err[i]);
      return { error: parsed ? parsed.name : `raw ${err[i]}` };
    }
    const b = out[i];
    const nets: Record<string, bigint> = {};
    b.tokens.forEach((t: string, j: number) => (nets[t.toLowerCase()] = b.nets[j]));
    return { solvent: b.solvent as boolean, usdNet: b.usdNet as bigint, nets, failingTails: (b.failingTails as string[]).map((t) => t.toLowerCase()) };
  });
}

function wasm(records: SolvencyRecord[], tokens = TOKENS, prices = PRICES, tailRecordUsdDebt = 0n) {
  try {
    const r = Solvency.check(records, tokens, prices, { tailRecordUsdDebt });
    const nets: Record<string, bigint> = {};
    for (const [k, x] of Object.entries(r.nets)) nets[k.toLowerCase()] = x;
    return { solvent: r.solvent, usdNet: r.usdNet, nets, failingTails: r.failingTails.map((t) => t.toLowerCase()) };
  } catch (e: any) {
    return { error: String(e.name).replace(/Error$/, "") };
  }
}

describe("worked examples (05-variance-factor.md, 04-cross-margin-accounting.md)", () => {
  it("1000 USD of SOL at 1.04 is 961 USD of virtual collateral", async () => {
    // 10 SOL (9 decimals) at 100 USD. vc = floor(1e10 * 2^64 / floor(1.04 * 2^64)) = 9_615_384_615
    // (1e10 / 1.04 = 9_615_384_615.38; the floored factor only adds ~1e-9). USD = vc * 100 * 1e18 / 1e9.
    const r = [rec([SOL], [10_000_000_000n])];
    const expected = { solvent: true, usdNet: 961_538_461_500_000_000_000n, nets: { [SOL]: 9_615_384_615n }, failingTails: [] };
    expect(wasm(r)).toEqual(expected);
    expect((await solidity([r], TOKENS, PRICES, 0n))[0]).toEqual(expected);
    expect(expected.usdNet / E18).toBe(961n);
  });

  it("an ETH debt of 100 USD with a 10 USD delta at 1.02 is 112.2 USD of virtual debt", async () => {
    // 0.05 ETH debt + 0.005 ETH delta at 2000 USD. vd = ceil(5.5e16 * floor(1.02 * 2^64) / 2^64) = 5.61e16
    // (the floored factor is below 1.02 * 2^64 by less than 1, so the product is below 5.61e16 by < 1).
    const r = [rec([ETH], [0n], [50_000_000_000_000_000n], [5_000_000_000_000_000n])];
    const expected = { solvent: false, usdNet: -112_200_000_000_000_000_000n, nets: { [ETH]: -56_100_000_000_000_000n }, failingTails: [] };
    expect(wasm(r)).toEqual(expected);
    expect((await solidity([r], TOKENS, PRICES, 0n))[0]).toEqual(expected);
  });

  it("a DOGE/PEPE LP uses PEPE's 1.3 for both tokens", async () => {
    // 1300 DOGE (8 decimals) and 1300 PEPE (18) credit. With 1.3 for both: DOGE 1300e8 / 1.3 = 1000e8
    // exactly (floor(1.3 * 2^64) is 0.8 below 1.3 * 2^64, adding 1e11 * 0.8 / (1.3 * 2^64) < 1);
    // PEPE 1300e18 / 1.3 = 1000e18 plus 1e21 * 0.8 / (1.3 * 2^64) = 33.36, floored: 1000e18 + 33.
    // DOGE's own 1.1 would have given 1181.8e8.
    const r = [rec([DOGE, PEPE], [1300_00000000n, 1300n * E18])];
    const expected = { solvent: true, usdNet: 0n, nets: { [DOGE]: 1000_00000000n, [PEPE]: 1000n * E18 + 33n }, failingTails: [] };
    expect(wasm(r)).toEqual(expected);
    expect((await solidity([r], TOKENS, PRICES, 0n))[0]).toEqual(expected);
    // A Record made only of tail tokens carries the fixed USD debt.
    const withDebt = { ...expected, solvent: false, usdNet: -5n * E18 };
    expect(wasm(r, TOKENS, PRICES, 5n * E18)).toEqual(withDebt);
    expect((await solidity([r], TOKENS, PRICES, 5n * E18))[0]).toEqual(withDebt);
  });
});

describe("netting rules", () => {
  it("credits round down and debts round up, in token units", () => {
    // v = 1.04: 1 unit of credit is floor(2^64 / v) / ... = 0 units; 1 unit of debt is ceil(1.04) = 2 units.
    const r = wasm([rec([SOL], [1n], [1n])]);
    expect(r.nets?.[SOL]).toBe(-2n);
    // USD of a negative net rounds up in magnitude: -2 units of SOL at 100 USD (9 dec) = -2e-7 USD = -2e11 wei.
    expect(r.usdNet).toBe(-200_000_000_000n);
    // A token with 0 decimals and a price that does not divide: 1 unit at 1/3 USD with 0 decimals.
    const T = addr(20);
    const tokens = { [T]: { varianceX64: X64 + 1n, tail: false, decimals: 0 } };
    const prices = { [T]: { answer: 1n, decimals: 1 } }; // 0.1 USD per token
    // net +9: vc = floor(10 * 2^64 / (2^64 + 1)) = 9. USD = floor(9 * 1 * 1e18 / 10) = 9e17.
    expect(wasm([rec([T], [10n])], tokens, prices).usdNet).toBe(900_000_000_000_000_000n);
    // net -11: vd = ceil(10 * (2^64 + 1) / 2^64) = 11. USD = -ceil(11e18 / 10) = -1.1e18.
    expect(wasm([rec([T], [0n], [10n])], tokens, prices).usdNet).toBe(-1_100_000_000_000_000_000n);
  });

  it("blue-chips cross-margin in USD; tail debts are covered only by the same tail", () => {
    // 1 ETH of collateral (1960.78 USD virtual) against 1000 USDC of debt (1010 USD virtual): solvent.
    const ok = wasm([rec([ETH], [E18]), rec([USDC], [0n], [1000_000000n])]);
    expect(ok.solvent).toBe(true);
    // floor(1e18 / 1.02) = 980392156862745098 wei (the floored factor adds < 1) at 2000 USD; 1010 USDC debt.
    expect(ok.usdNet).toBe(980_392_156_862_745_098n * 2000n - 1010n * E18);
    // A DOGE debt is not covered by ETH: the tail fails even though the USD side is positive.
    const tailDebt = wasm([rec([ETH], [E18]), rec([DOGE], [0n], [1n * 10n ** 8n])]);
    expect(tailDebt.solvent).toBe(false);
    expect(tailDebt.failingTails).toEqual([DOGE]);
    expect(tailDebt.usdNet).toBeGreaterThan(0n);
    // A DOGE surplus is not USD collateral: it does not cover a USDC debt.
    const tailSurplus = wasm([rec([DOGE], [10n ** 12n]), rec([USDC], [0n], [1n])]);
    expect(tailSurplus.solvent).toBe(false);
    expect(tailSurplus.failingTails).toEqual([]);
    expect(tailSurplus.usdNet).toBe(-2n * 10n ** 12n); // ceil(1.01) = 2 units of USDC = 2e-6 USD
    // Covered in kind: 1000 DOGE of credit against 800 DOGE of debt (909.09 vs 880 virtual).
    expect(wasm([rec([DOGE], [1000_00000000n]), rec([DOGE], [0n], [800_00000000n])]).failingTails).toEqual([]);
  });

  it("only all-tail Records carry the fixed USD debt; an empty portfolio is solvent", () => {
    const debt = 7n * E18;
    expect(wasm([], TOKENS, PRICES, debt)).toEqual({ solvent: true, usdNet: 0n, nets: {}, failingTails: [] });
    expect(wasm([rec([], [])], TOKENS, PRICES, debt).usdNet).toBe(0n); // a Record with no tokens
    expect(wasm([rec([DOGE], [1n]), rec([PEPE], [1n]), rec([DOGE, USDC], [1n, 0n])], TOKENS, PRICES, debt).usdNet).toBe(-2n * debt);
  });
});

describe("failures", () => {
  it("raise the Solidity library's errors, by name", async () => {
    const cases: [SolvencyRecord[], SolvencyTokens, SolvencyPrices, string][] = [
      [[rec([addr(99)], [1n])], TOKENS, PRICES, "UnknownToken"],
      [[rec([SOL], [1n])], { ...TOKENS, [SOL]: { ...TOKENS[SOL], varianceX64: X64 } }, PRICES, "InvalidVarianceFactor"],
      [[rec([SOL], [1n])], { ...TOKENS, [SOL]: { ...TOKENS[SOL], varianceX64: (1n << 72n) + 1n } }, PRICES, "InvalidVarianceFactor"],
      [[rec([SOL], [1n])], TOKENS, { ...PRICES, [SOL]: { answer: 0n, decimals: 8 } }, "InvalidPrice"],
      [[rec([SOL], [1n])], TOKENS, { ...PRICES, [SOL]: { answer: -5n, decimals: 8 } }, "InvalidPrice"],
      [[rec([SOL], [1n])], TOKENS, { ...PRICES, [SOL]: { answer: 1n << 128n, decimals: 8 } }, "InvalidPrice"],
      [[rec([SOL], [1n])], TOKENS, { ...PRICES, [SOL]: { answer: 1n, decimals: 37 } }, "InvalidPrice"],
      [[rec([SOL], [1n << 128n])], TOKENS, PRICES, "SolvencyOverflow"],
      [[rec([SOL], [0n], [0n], [1n << 128n])], TOKENS, PRICES, "SolvencyOverflow"],
      // The first failure wins: the Record checks come before the price checks.
      [[rec([SOL], [1n]), rec([ETH], [1n << 128n])], TOKENS, { ...PRICES, [SOL]: { answer: 0n, decimals: 8 } }, "SolvencyOverflow"],
      // A USD value above 2^255-1: 2^128-1 units at an answer near 2^128 with 0 decimals.
      [[rec([addr(30)], [(1n << 128n) - 1n])], { [addr(30)]: { varianceX64: X64 + 1n, tail: false, decimals: 0 } }, { [addr(30)]: { answer: (1n << 128n) - 1n, decimals: 0 } }, "MulDivOverflow"],
      [[rec([addr(30)], [(1n << 128n) - 1n])], { [addr(30)]: { varianceX64: X64 + 1n, tail: false, decimals: 0 } }, { [addr(30)]: { answer: 1n << 68n, decimals: 0 } }, "SolvencyOverflow"],
    ];
    const sol = await Promise.all(cases.map(([r, t, p]) => solidity([r], t, p, 0n)));
    cases.forEach(([r, t, p, name], i) => {
      expect(wasm(r, t, p), `case ${i}`).toEqual({ error: name });
      expect(sol[i][0], `case ${i} (solidity)`).toEqual({ error: name });
    });
  });

  it("throws typed errors; a missing price, a stale price and bad input", () => {
    expect(() => Solvency.check([rec([SOL], [1n])], TOKENS, {}, NO_TAIL_DEBT)).toThrow(MissingPriceError);
    expect(() => Solvency.check([rec([SOL], [1n])], TOKENS, { [SOL]: { answer: 0n, decimals: 8 } }, NO_TAIL_DEBT)).toThrow(InvalidPriceError);
    expect(() => Solvency.check([rec([addr(99)], [1n])], TOKENS, PRICES, NO_TAIL_DEBT)).toThrow(UnknownTokenError);
    expect(() => Solvency.check([rec([SOL], [1n])], { [SOL]: { ...TOKENS[SOL], varianceX64: 1n } }, PRICES, NO_TAIL_DEBT)).toThrow(InvalidVarianceFactorError);
    expect(() => Solvency.check([rec([SOL], [1n << 130n])], TOKENS, PRICES, NO_TAIL_DEBT)).toThrow(SolvencyOverflowError);
    expect(() => Solvency.check([rec([SOL], [-1n])], TOKENS, PRICES, NO_TAIL_DEBT)).toThrow(ValueOutOfRangeError);
    expect(() => Solvency.check([], TOKENS, PRICES, { tailRecordUsdDebt: 1n << 128n })).toThrow(ValueOutOfRangeError);
    // A tail token needs no price; an unused blue-chip needs none either.
    expect(Solvency.check([rec([DOGE], [1n])], TOKENS, {}, NO_TAIL_DEBT).solvent).toBe(true);
    // Staleness: enabled by options.now with the token's maxAge and the price's updatedAt.
    const tokens = { ...TOKENS, [SOL]: { ...TOKENS[SOL], maxAge: 3600 } };
    const prices = { ...PRICES, [SOL]: { ...PRICES[SOL], updatedAt: 1000 } };
    expect(Solvency.check([rec([SOL], [1n])], tokens, prices, { tailRecordUsdDebt: 0n, now: 4600 }).solvent).toBe(true);
    expect(() => Solvency.check([rec([SOL], [1n])], tokens, prices, { tailRecordUsdDebt: 0n, now: 4601 })).toThrow(StalePriceError);
    // A failed call leaves the core usable.
    expect(wasm([rec([SOL], [10_000_000_000n])]).usdNet).toBe(961_538_461_500_000_000_000n);
  });
});

describe("failure order: Wasm's errors and the bindings' input errors interleave as the model reports them", () => {
  // The bindings stop packing at a JS-level input error (a bad amount, a token row of the wrong
  // type) and Wasm checks what comes before it, so the first failure in the library's order wins:
  // the same first error as the model, which checks everything in that order in one pass.
  const K = Array.from({ length: 9 }, (_, i) => addr(200 + i));
  const tokens: SolvencyTokens = {};
  const prices: SolvencyPrices = {};
  K.slice(0, 6).forEach((k, i) => (tokens[k] = { varianceX64: v(101n + BigInt(i) * 9n, 100n), tail: i === 5, decimals: [18, 6, 8, 9, 18, 18][i] }));
  tokens[K[6]] = { varianceX64: X64, tail: false, decimals: 18 }; // InvalidVarianceFactor (Wasm)
  tokens[K[7]] = { varianceX64: v(105n, 100n), tail: false, decimals: 1.5 }; // a decimals type error (bindings)
  // K[8] is not in the table: UnknownToken (Wasm)
  K.slice(0, 4).forEach((k, i) => (prices[k] = { answer: BigInt(i + 1) * 10n ** 8n, decimals: 8 }));
  prices[K[6]] = prices[K[0]];
  prices[K[7]] = prices[K[0]];
  // K[4] is a blue-chip without a price: MissingPrice (Wasm)
  const amount = fc.oneof(
    { weight: 60, arbitrary: fc.bigInt(0n, 10n ** 22n) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(-1n, 1, "1", 1n << 128n, (1n << 128n) - 1n) },
  );
  const token = fc.oneof({ weight: 40, arbitrary: fc.constantFrom(K[0], K[1], K[2], K[3], K[5]) }, { weight: 1, arbitrary: fc.constantFrom(K[4], K[6], K[7], K[8]) });
  const record = fc.array(fc.tuple(token, amount, amount, amount), { minLength: 1, maxLength: 3 }).map((es) => ({
    tokens: es.map((e) => e[0]),
    credit: es.map((e) => e[1]),
    debt: es.map((e) => e[2]),
    delta: es.map((e) => e[3]),
  })) as fc.Arbitrary<SolvencyRecord>;
  const outcome = (f: () => unknown) => {
    try {
      return f();
    } catch (e: any) {
      return { error: e.name };
    }
  };

  it("a Wasm error names where it was raised: the portfolio, the Record entry and its token, or the token", () => {
    const opts = { tailRecordUsdDebt: 0n };
    const ok = rec([K[0]], [1n]);
    expect(() => Solvency.checkMany([[ok], [ok, rec([K[0], K[8]], [1n, 1n])]], tokens, prices, opts)).toThrow(
      new RegExp(`UnknownToken.*portfolio 1, record 1, entry 1 \\(token ${K[8]}\\)`),
    );
    expect(() => Solvency.check([rec([K[0], K[6]], [1n, 1n])], tokens, prices, opts)).toThrow(
      new RegExp(`InvalidVarianceFactor.*portfolio 0, record 0, entry 1 \\(token ${K[6]}\\): varianceX64 ${X64}`),
    );
    expect(() => Solvency.check([ok, rec([K[4]], [1n])], tokens, prices, opts)).toThrow(new RegExp(`MissingPrice.*portfolio 0, token ${K[4]}`));
    expect(() => Solvency.check([ok, rec([K[1]], [0n], [0n], [1n << 128n])], tokens, prices, opts)).toThrow(/SolvencyOverflow.*portfolio 0, record 1, entry 0/);
  });

  it("agree on the first error (or the result) over random portfolios with rare faults of every kind", () => {
    const cases = fc.sample(fc.array(fc.array(record, { maxLength: 6 }), { minLength: 1, maxLength: 4 }), { numRuns: 600, seed: 31337 });
    const seen = new Set<string>();
    for (const [i, ps] of cases.entries()) {
      const opts = { tailRecordUsdDebt: E18 };
      const got = outcome(() => Solvency.checkMany(ps, tokens, prices, opts));
      expect(got, `case ${i}`).toEqual(outcome(() => modelCheckMany(ps, tokens, prices, opts)));
      expect(outcome(() => Solvency.check(ps[0], tokens, prices, opts)), `case ${i}, check`).toEqual(outcome(() => modelCheck(ps[0], tokens, prices, opts)));
      seen.add((got as any).error ?? "ok");
    }
    // Every kind of failure, from Wasm and from the bindings, was met (and the valid case).
    expect([...seen].sort()).toEqual(
      ["InvalidArgumentTypeError", "InvalidVarianceFactorError", "MissingPriceError", "SolvencyOverflowError", "UnknownTokenError", "ValueOutOfRangeError", "ok"].sort(),
    );
  });
});

describe("differential: Wasm vs Solidity library vs BigInt model (fast-check, fixed seed)", () => {
  const tokenArb = fc.record({
    varianceX64: fc.oneof(fc.constantFrom(X64 + 1n, 1n << 72n, v(104n, 100n)), fc.bigInt(X64 + 1n, 1n << 72n)),
    tail: fc.boolean(),
    decimals: fc.oneof(fc.constantFrom(0, 6, 8, 18, 36), fc.integer({ min: 0, max: 36 })),
  });
  const priceArb = fc.record({
    answer: fc.oneof(fc.constantFrom(1n, 10n ** 8n, (1n << 128n) - 1n), fc.bigInt(1n, (1n << 100n))),
    decimals: fc.oneof(fc.constantFrom(0, 8, 18, 36), fc.integer({ min: 0, max: 36 })),
  });
  const amountArb = fc.oneof(
    { weight: 3, arbitrary: fc.constant(0n) },
    { weight: 1, arbitrary: fc.constantFrom(1n, (1n << 128n) - 1n, 1n << 64n, (1n << 64n) - 1n) },
    { weight: 4, arbitrary: fc.bigInt(0n, 10n ** 24n) },
    { weight: 1, arbitrary: fc.bigInt(0n, (1n << 128n) - 1n) },
  );
  const N = 6;
  const keys = Array.from({ length: N }, (_, i) => addr(40 + i));
  const recordArb = fc
    .array(fc.tuple(fc.integer({ min: 0, max: N - 1 }), amountArb, amountArb, amountArb), { minLength: 0, maxLength: 3 })
    .map((es) => rec(es.map((e) => keys[e[0]]), es.map((e) => e[1]), es.map((e) => e[2]), es.map((e) => e[3])));
  const caseArb = fc.record({
    tokens: fc.array(tokenArb, { minLength: N, maxLength: N }),
    prices: fc.array(priceArb, { minLength: N, maxLength: N }),
    portfolios: fc.array(fc.array(recordArb, { maxLength: 16 }), { minLength: 1, maxLength: 30 }),
    tailRecordUsdDebt: fc.oneof(fc.constant(0n), fc.bigInt(0n, 100n * E18), fc.constant((1n << 128n) - 1n)),
  });

  it("agree to the wei on random portfolios, errors included", async () => {
    const cases = fc.sample(caseArb, { numRuns: 12, seed: 4242 });
    let compared = 0, failures = 0, insolvent = 0;
    for (const c of cases) {
      const tokens: SolvencyTokens = {}, prices: SolvencyPrices = {};
      keys.forEach((k, i) => {
        tokens[k] = c.tokens[i];
        prices[k] = c.prices[i];
      });
      const sol = await solidity(c.portfolios, tokens, prices, c.tailRecordUsdDebt);
      const many = (() => {
        try {
          return Solvency.checkMany(c.portfolios, tokens, prices, { tailRecordUsdDebt: c.tailRecordUsdDebt });
        } catch {
          return undefined;
        }
      })();
      c.portfolios.forEach((p, i) => {
        const w = wasm(p, tokens, prices, c.tailRecordUsdDebt);
        expect(w, `portfolio ${i}`).toEqual(sol[i]);
        if (many && !("error" in w)) expect(many[i].usdNet).toBe(w.usdNet);
        if ("error" in w) {
          failures++;
          return;
        }
        if (!w.solvent) insolvent++;
        // The BigInt model (no 2^128 bounds, same arithmetic) agrees wherever the library succeeds.
        const m = modelCheck(p, tokens, prices, { tailRecordUsdDebt: c.tailRecordUsdDebt });
        expect(m.usdNet).toBe(w.usdNet);
        expect(m.solvent).toBe(w.solvent);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(50);
    expect(failures).toBeGreaterThan(0);
    expect(insolvent).toBeGreaterThan(0);
  });

  it("virtual balances are exact at the bounds of credit, debt and factor", () => {
    // 40 factors including the extremes, 3000 single-entry portfolios; expected by the formulas.
    const factors = [X64 + 1n, 1n << 72n, (1n << 72n) - 1n, X64 + (1n << 63n), ...fc.sample(fc.bigInt(X64 + 1n, 1n << 72n), { numRuns: 36, seed: 11 })];
    const tokens: SolvencyTokens = {};
    const ks = factors.map((f, i) => {
      const k = addr(100 + i);
      tokens[k] = { varianceX64: f, tail: true, decimals: 18 };
      return k;
    });
    const amount = fc.oneof(fc.constantFrom(0n, 1n, (1n << 128n) - 1n, 1n << 64n, (1n << 64n) - 1n, (1n << 127n) + 1n), fc.bigInt(0n, (1n << 128n) - 1n));
    const cases = fc.sample(fc.tuple(fc.integer({ min: 0, max: factors.length - 1 }), amount, amount, amount), { numRuns: 3000, seed: 12 });
    const res = Solvency.checkMany(cases.map(([i, c, d, e]) => [rec([ks[i]], [c], [d], [e])]), tokens, {}, NO_TAIL_DEBT);
    cases.forEach(([i, c, d, e], j) => {
      const f = factors[i];
      const vd = d + e === 0n ? 0n : ((d + e) * f - 1n) / X64 + 1n;
      expect(res[j].nets[ks[i]]).toBe((c * X64) / f - vd);
    });
  });

  it("checkMany equals check on each portfolio (the model as oracle)", () => {
    const portfolios = fc.sample(fc.array(recordArb, { maxLength: 16 }), { numRuns: 300, seed: 7 });
    const tokens: SolvencyTokens = {}, prices: SolvencyPrices = {};
    keys.forEach((k, i) => {
      tokens[k] = { varianceX64: v(101n + BigInt(i) * 7n, 100n), tail: i >= 4, decimals: [18, 6, 8, 9, 18, 0][i] };
      prices[k] = { answer: BigInt(i + 1) * 123_456_789n, decimals: 8 };
    });
    const opts = { tailRecordUsdDebt: 3n * E18 };
    const many = Solvency.checkMany(portfolios, tokens, prices, opts);
    portfolios.forEach((p, i) => expect(many[i]).toEqual(modelCheck(p, tokens, prices, opts)));
  });
});

describe("two valuations: options.referenceRecords", () => {
  // A maker-like Record (SOL, ETH) whose amounts depend on the pool price, a USDC borrow, a DOGE
  // deposit. At spot the LP holds 40 SOL and 1 ETH (6,000 USD), at the reference 20 SOL and 1.5 ETH
  // (5,000 USD).
  const spot = [rec([SOL, ETH], [40n * 10n ** 9n, E18]), rec([USDC], [0n], [4000_000000n], [50_000000n]), rec([DOGE], [10n ** 10n])];
  const reference = [rec([SOL, ETH], [20n * 10n ** 9n, 3n * E18 / 2n]), spot[1], spot[2]];

  it("without them the result is exactly as before; with them, spot and reference verdicts and the PM's rule", () => {
    const alone = Solvency.check(spot, TOKENS, PRICES, NO_TAIL_DEBT);
    expect(Object.keys(alone)).toEqual(["solvent", "usdNet", "nets", "failingTails"]);
    const r = Solvency.check(spot, TOKENS, PRICES, { ...NO_TAIL_DEBT, referenceRecords: reference });
    expect(r.spot).toEqual(alone);
    expect(r.reference).toEqual(Solvency.check(reference, TOKENS, PRICES, NO_TAIL_DEBT));
    // Top-level usdNet, nets and failingTails are the spot valuation's.
    expect([r.usdNet, r.nets, r.failingTails]).toEqual([alone.usdNet, alone.nets, alone.failingTails]);
    // Hand-derived: SOL 40e9 and 20e9 at v_R = 1.04 (the Record's largest factor, also for ETH):
    // 38461538461.5 and 19230769230.8, floored (the floored factor, 0.64 below 1.04 * 2^64, adds < 0.1);
    // 1 and 1.5 ETH: 961538461538461538.5 and 1442307692307692307.7 (+0.03 and +0.05), floored.
    expect([r.spot.nets[SOL], r.spot.nets[ETH]]).toEqual([38_461_538_461n, 961_538_461_538_461_538n]);
    expect([r.reference.nets[SOL], r.reference.nets[ETH]]).toEqual([19_230_769_230n, 1_442_307_692_307_692_307n]);
    // The other Records are the same in both: the USD nets differ by the LP's. SOL: 1e11 USD-wei per
    // unit (100 USD, 9 + 8 decimals); ETH: 2000 per wei.
    expect(r.spot.usdNet - r.reference.usdNet).toBe((38_461_538_461n - 19_230_769_230n) * 10n ** 11n - (1_442_307_692_307_692_307n - 961_538_461_538_461_538n) * 2000n);
    expect([r.solvent, r.liquidatable, r.failedValuation]).toEqual([true, false, undefined]);
    // The model agrees, field by field.
    expect(modelCheck(spot, TOKENS, PRICES, { ...NO_TAIL_DEBT, referenceRecords: reference })).toEqual(r);
  });

  it("solvent = both solvent; liquidatable = reference insolvent; failedValuation names the first failing one, spot first", () => {
    const debtOf = (usdc: bigint) => rec([USDC], [0n], [usdc * 1_000000n]);
    // The LP is worth 6,000 / 1.04 = 5,769.2 USD virtual at spot, 5,000 / 1.04 = 4,807.7 at the
    // reference; a USDC debt d is 1.01 d: spot solvent up to d = 5,712, reference up to 4,760.
    const lp = spot[0], lpRef = reference[0];
    const cases: [bigint, boolean, boolean, boolean, string | undefined][] = [
      // USDC debt, spot solvent, reference solvent, liquidatable, failedValuation
      [4000n, true, true, false, undefined],
      [4760n, true, true, false, undefined],
      [4761n, true, false, true, "reference"],
      [5712n, true, false, true, "reference"],
      [5713n, false, false, true, "spot"],
    ];
    for (const [usdc, s0, r0, liq, failed] of cases) {
      const r = Solvency.check([lp, debtOf(usdc)], TOKENS, PRICES, { ...NO_TAIL_DEBT, referenceRecords: [lpRef, debtOf(usdc)] });
      expect([r.spot.solvent, r.reference.solvent, r.solvent, r.liquidatable, r.failedValuation], `debt ${usdc}`).toEqual([s0, r0, s0 && r0, liq, failed]);
    }
    // Reference solvent but spot not: a user action is refused (spot), no liquidation (reference).
    const r = Solvency.check([lpRef, debtOf(5000n)], TOKENS, PRICES, { ...NO_TAIL_DEBT, referenceRecords: [lp, debtOf(5000n)] });
    expect([r.solvent, r.liquidatable, r.failedValuation]).toEqual([false, false, "spot"]);
    // A tail failing only at the reference: floor(10 / 1.1) - ceil(1.1) = 7 at spot, floor(2 / 1.1) - 2 = -1.
    const t = Solvency.check([rec([DOGE], [10n], [1n])], TOKENS, PRICES, { ...NO_TAIL_DEBT, referenceRecords: [rec([DOGE], [1n], [1n])] });
    expect([t.failingTails, t.reference.failingTails, t.liquidatable, t.failedValuation]).toEqual([[], [DOGE], true, "reference"]);
    // An empty portfolio: solvent both ways, not liquidatable (pm.isLiquidatable is false for it).
    expect(Solvency.check([], TOKENS, PRICES, { ...NO_TAIL_DEBT, referenceRecords: [] })).toMatchObject({ solvent: true, liquidatable: false, failedValuation: undefined });
  });

  it("agree with the Solidity library run on each set of Records, and with the model, errors included (fast-check, fixed seed)", async () => {
    const N = 5;
    const keys = Array.from({ length: N }, (_, i) => addr(60 + i));
    // Rare invalid values (an amount of 2^128, a factor of 1, a zero answer): most portfolios are valued.
    const amount = fc.oneof(
      { weight: 30, arbitrary: fc.constant(0n) },
      { weight: 160, arbitrary: fc.bigInt(0n, 10n ** 24n) },
      { weight: 8, arbitrary: fc.constant((1n << 128n) - 1n) },
      { weight: 1, arbitrary: fc.constant(1n << 128n) },
    );
    // A Record, and a reference version naming the same tokens with other amounts (often equal: a Record no pool prices).
    const pairArb = fc
      .array(fc.tuple(fc.integer({ min: 0, max: N - 1 }), amount, amount, amount, amount, amount, amount), { maxLength: 3 })
      .chain((es) => fc.tuple(fc.constant(es), fc.boolean()))
      .map(([es, same]) => {
        const t = es.map((e) => keys[e[0]]);
        const s0 = rec(t, es.map((e) => e[1]), es.map((e) => e[2]), es.map((e) => e[3]));
        return [s0, same ? s0 : rec(t, es.map((e) => e[4]), es.map((e) => e[5]), es.map((e) => e[6]))] as const;
      });
    const caseArb = fc.record({
      factors: fc.array(fc.oneof({ weight: 40, arbitrary: fc.bigInt(X64 + 1n, 1n << 72n) }, { weight: 1, arbitrary: fc.constant(X64) }), { minLength: N, maxLength: N }),
      tails: fc.array(fc.boolean(), { minLength: N, maxLength: N }),
      answers: fc.array(fc.oneof({ weight: 40, arbitrary: fc.bigInt(1n, 10n ** 12n) }, { weight: 1, arbitrary: fc.constant(0n) }), { minLength: N, maxLength: N }),
      portfolios: fc.array(fc.array(pairArb, { maxLength: 8 }), { minLength: 1, maxLength: 12 }),
      tailRecordUsdDebt: fc.oneof(fc.constant(0n), fc.bigInt(0n, 10n * E18)),
    });
    let compared = 0, differ = 0, failed = 0, refOnly = 0;
    for (const c of fc.sample(caseArb, { numRuns: 24, seed: 8080 })) {
      const tokens: SolvencyTokens = {}, prices: SolvencyPrices = {};
      keys.forEach((k, i) => {
        tokens[k] = { varianceX64: c.factors[i], tail: c.tails[i], decimals: 18 };
        prices[k] = { answer: c.answers[i], decimals: 8 };
      });
      const spots = c.portfolios.map((p) => p.map((x) => x[0]));
      const refs = c.portfolios.map((p) => p.map((x) => x[1]));
      // The library on each set of Records: [p0 spot, p0 reference, p1 spot, ...].
      const sol = await solidity(spots.flatMap((sp, i) => [sp, refs[i]]), tokens, prices, c.tailRecordUsdDebt);
      const opts = { tailRecordUsdDebt: c.tailRecordUsdDebt };
      spots.forEach((sp, i) => {
        const [a, b] = [sol[2 * i], sol[2 * i + 1]];
        let w: any;
        try {
          const r = Solvency.check(sp, tokens, prices, { ...opts, referenceRecords: refs[i] });
          const v = (x: any) => wasmShape(x);
          w = { spot: v(r.spot), reference: v(r.reference), solvent: r.solvent, liquidatable: r.liquidatable, failedValuation: r.failedValuation };
          expect(modelCheck(sp, tokens, prices, { ...opts, referenceRecords: refs[i] })).toEqual(r);
        } catch (e: any) {
          w = { error: String(e.name).replace(/Error$/, "") };
        }
        if ("error" in a || "error" in b) {
          // The first failure, spot first, as pm.isSolvent reverts.
          expect(w, `portfolio ${i}`).toEqual({ error: "error" in a ? a.error : (b as any).error });
          failed++;
          if (!("error" in a)) refOnly++;
          return;
        }
        expect(w, `portfolio ${i}`).toEqual({
          spot: a,
          reference: b,
          solvent: a.solvent && b.solvent,
          liquidatable: !b.solvent,
          failedValuation: !a.solvent ? "spot" : !b.solvent ? "reference" : undefined,
        });
        if (a.usdNet !== b.usdNet) differ++;
        compared++;
      });
      // checkMany, one Wasm call for all, some portfolios spot only, equals check on each (the model as oracle).
      const perPortfolio = refs.map((r, i) => (i % 3 === 2 ? undefined : r));
      let many: unknown, model: unknown;
      try {
        many = Solvency.checkMany(spots, tokens, prices, { ...opts, referenceRecords: perPortfolio });
      } catch (e: any) {
        many = e.name;
      }
      try {
        model = modelCheckMany(spots, tokens, prices, { ...opts, referenceRecords: perPortfolio });
      } catch (e: any) {
        model = e.name;
      }
      expect(many).toEqual(model);
    }
    expect(compared).toBeGreaterThan(80);
    expect(differ).toBeGreaterThan(40);
    expect(failed).toBeGreaterThan(10);
    expect(refOnly).toBeGreaterThan(2);
  });

  it("checkMany with reference Records equals check on each portfolio; undefined entries are spot only", () => {
    const ps = [spot, reference, [], spot];
    const refs = [reference, spot, [], undefined];
    const many = Solvency.checkMany(ps, TOKENS, PRICES, { ...NO_TAIL_DEBT, referenceRecords: refs });
    ps.forEach((p, i) => {
      const one = refs[i] ? Solvency.check(p, TOKENS, PRICES, { ...NO_TAIL_DEBT, referenceRecords: refs[i]! }) : Solvency.check(p, TOKENS, PRICES, NO_TAIL_DEBT);
      expect(many[i], `portfolio ${i}`).toEqual(one);
    });
    expect(Object.keys(many[3])).toEqual(["solvent", "usdNet", "nets", "failingTails"]);
    // Without the option, nothing changes.
    expect(Solvency.checkMany(ps, TOKENS, PRICES, NO_TAIL_DEBT)).toEqual(ps.map((p) => Solvency.check(p, TOKENS, PRICES, NO_TAIL_DEBT)));
  });

  it("bad input: reference Records that do not pair with the spot ones, and failures named by valuation", () => {
    const opts = (referenceRecords: any) => ({ ...NO_TAIL_DEBT, referenceRecords });
    const bad = (refs: any) => () => Solvency.check(spot, TOKENS, PRICES, opts(refs));
    expect(bad(reference.slice(1))).toThrow(ReferenceRecordsMismatchError);
    expect(bad([...reference, rec([SOL], [1n])])).toThrow(/3 spot Records, 4 reference Records/);
    expect(bad([rec([ETH, SOL], [E18, 1n]), reference[1], reference[2]])).toThrow(/record 0, entry 0/);
    expect(bad([rec([SOL], [1n]), reference[1], reference[2]])).toThrow(/record 0 names 2 tokens at spot, 1 at reference/);
    expect(bad("nope")).toThrow(InvalidArgumentTypeError);
    expect(bad([reference[0], reference[1], { tokens: [DOGE] }])).toThrow(InvalidArgumentTypeError);
    // ReferenceRecordsMismatchError is an InvalidArgumentTypeError (a shape error of the input).
    expect(bad(reference.slice(1))).toThrow(InvalidArgumentTypeError);
    // The same tokens spelt in another case pair.
    const upper = reference.map((r) => ({ ...r, tokens: r.tokens.map((t) => "0x" + t.slice(2).toUpperCase()) }));
    expect(Solvency.check(spot, TOKENS, PRICES, opts(upper)).reference).toEqual(Solvency.check(reference, TOKENS, PRICES, NO_TAIL_DEBT));
    // checkMany: one entry per portfolio.
    expect(() => Solvency.checkMany([spot, spot], TOKENS, PRICES, opts([reference]))).toThrow(ReferenceRecordsMismatchError);
    expect(() => Solvency.checkMany([spot], TOKENS, PRICES, opts(reference))).toThrow(InvalidArgumentTypeError);
    expect(() => modelCheckMany([spot, spot], TOKENS, PRICES, opts([reference]))).toThrow(ReferenceRecordsMismatchError);
    expect(() => modelCheck(spot, TOKENS, PRICES, opts(reference.slice(1)))).toThrow(ReferenceRecordsMismatchError);
    // A failure only at the reference names it; a spot failure comes first.
    const over = [rec([SOL, ETH], [1n << 128n, 0n]), spot[1], spot[2]];
    expect(() => Solvency.check(spot, TOKENS, PRICES, opts(over))).toThrow(/portfolio 0 \(reference\), record 0, entry 0/);
    expect(() => Solvency.check(over, TOKENS, PRICES, opts(spot))).toThrow(/portfolio 0, record 0, entry 0/);
    expect(() => Solvency.checkMany([spot, spot], TOKENS, PRICES, opts([spot, over]))).toThrow(/portfolio 1 \(reference\)/);
    // A Wasm-side failure (a USD value above 2^255 - 1) at the reference.
    const T = addr(30);
    const big = { [T]: { varianceX64: X64 + 1n, tail: false, decimals: 0 } }, bigPrice = { [T]: { answer: (1n << 128n) - 1n, decimals: 0 } };
    expect(() => Solvency.check([rec([T], [1n])], big, bigPrice, opts([rec([T], [(1n << 128n) - 1n])]))).toThrow(/portfolio 0 \(reference\)/);
    // The core stays usable.
    expect(Solvency.check(spot, TOKENS, PRICES, opts(reference)).solvent).toBe(true);
  });
});

/** The harness's shape of a Wasm valuation (lower-case keys). */
function wasmShape(r: { solvent: boolean; usdNet: bigint; nets: Record<string, bigint>; failingTails: string[] }) {
  const nets: Record<string, bigint> = {};
  for (const [k, x] of Object.entries(r.nets)) nets[k.toLowerCase()] = x;
  return { solvent: r.solvent, usdNet: r.usdNet, nets, failingTails: r.failingTails.map((t) => t.toLowerCase()) };
}
