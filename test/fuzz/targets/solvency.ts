// Solvency target: the Wasm Solvency.check against the Solidity library (SolvencyHarness), each input
// with its own token table, prices and Records; amounts, factors, decimals and answers edge-biased.
// About half the inputs also carry reference Records (the same tokens, other amounts or the same):
// Wasm nets both valuations in one call, the library runs on each set of Records, and the verdicts
// (spot, reference, solvent under both, liquidatable, the first failing valuation; the first error,
// spot first) must agree.
import fc from "fast-check";
import * as Solvency from "../../../bindings/src/Solvency.js";
import type { SolvencyRecord, SolvencyPrices, SolvencyTokens } from "../../../bindings/src/Solvency.js";
import { GAS_CAP, selectorName, stateless, type Outcome, type Target } from "../framework.js";
import * as A from "../arbitraries.js";

const X64 = 1n << 64n;
const N = 5;
const KEYS = Array.from({ length: N }, (_, i) => "0x" + (0x5000 + i).toString(16).padStart(40, "0"));

export interface SolvencyInput {
  records: SolvencyRecord[];
  /** The Records at reference prices, pairing with `records`; absent: spot only, as before. */
  referenceRecords?: SolvencyRecord[];
  factors: bigint[];
  tails: boolean[];
  decimals: number[];
  answers: bigint[];
  feedDecimals: number[];
  tailRecordUsdDebt: bigint;
}

function input(): fc.Arbitrary<SolvencyInput> {
  // Rare invalid values, so that most portfolios reach the USD arithmetic and some fail each check.
  const amount = fc.oneof({ weight: 200, arbitrary: fc.constant(0n) }, { weight: 200, arbitrary: fc.bigInt(0n, 10n ** 27n) }, { weight: 100, arbitrary: A.edgeBigInt(0n, (1n << 128n) - 1n) }, { weight: 1, arbitrary: fc.constant(1n << 128n) });
  const record = fc
    .array(fc.tuple(fc.integer({ min: 0, max: N - 1 }), amount, amount, amount), { maxLength: 3 })
    .map((es): SolvencyRecord => ({ tokens: es.map((e) => KEYS[e[0]]), credit: es.map((e) => e[1]), debt: es.map((e) => e[2]), delta: es.map((e) => e[3]) }));
  const factor = fc.oneof({ weight: 60, arbitrary: A.edgeBigInt(X64 + 1n, 1n << 72n) }, { weight: 1, arbitrary: fc.constantFrom(X64, (1n << 72n) + 1n) });
  const answer = fc.oneof({ weight: 60, arbitrary: A.edgeBigInt(1n, (1n << 128n) - 1n) }, { weight: 1, arbitrary: fc.constantFrom(0n, -1n, 1n << 128n) });
  const dec = fc.oneof(fc.constantFrom(0, 6, 8, 18, 36), fc.integer({ min: 0, max: 36 }));
  // A reference version of a Record: the same tokens, each amount kept or redrawn.
  const referenceOf = (r: SolvencyRecord): fc.Arbitrary<SolvencyRecord> =>
    fc
      .array(fc.tuple(fc.boolean(), amount, amount, amount), { minLength: r.tokens.length, maxLength: r.tokens.length })
      .map((es) => ({
        tokens: r.tokens,
        credit: es.map((e, j) => (e[0] ? r.credit[j] : e[1])),
        debt: es.map((e, j) => (e[0] ? r.debt[j] : e[2])),
        delta: es.map((e, j) => (e[0] ? r.delta[j] : e[3])),
      }));
  const records = fc.array(record, { maxLength: 16 }).chain((rs) =>
    fc.tuple(fc.constant(rs), fc.option(fc.tuple(...rs.map(referenceOf)).map((x) => [...x]), { nil: undefined, freq: 2 })),
  );
  return fc.record({
    records,
    factors: fc.array(factor, { minLength: N, maxLength: N }),
    tails: fc.array(fc.boolean(), { minLength: N, maxLength: N }),
    decimals: fc.array(dec, { minLength: N, maxLength: N }),
    answers: fc.array(answer, { minLength: N, maxLength: N }),
    feedDecimals: fc.array(fc.oneof({ weight: 60, arbitrary: dec }, { weight: 1, arbitrary: fc.constant(37) }), { minLength: N, maxLength: N }),
    tailRecordUsdDebt: fc.oneof(fc.constant(0n), A.edgeBigInt(0n, (1n << 128n) - 1n)),
  }).map(({ records: [rs, refs], ...rest }): SolvencyInput => (refs === undefined ? { records: rs, ...rest } : { records: rs, referenceRecords: refs, ...rest }));
}

type Valuation = { solvent: boolean; usdNet: bigint; nets: [string, bigint][]; failingTails: string[] };
type Result = Valuation | { spot: Valuation; reference: Valuation; solvent: boolean; liquidatable: boolean; failedValuation: string };

const valuation = (r: Solvency.SolvencyValuation): Valuation => ({
  solvent: r.solvent,
  usdNet: r.usdNet,
  nets: Object.entries(r.nets).map(([k, v]) => [k.toLowerCase(), v]),
  failingTails: r.failingTails.map((t) => t.toLowerCase()),
});

/** The verdict of both valuations, as the Portfolio Manager rules on them. */
const both = (spot: Valuation, reference: Valuation): Result => ({
  spot,
  reference,
  solvent: spot.solvent && reference.solvent,
  liquidatable: !reference.solvent,
  failedValuation: !spot.solvent ? "spot" : !reference.solvent ? "reference" : "none",
});

function wasm(c: SolvencyInput): Result {
  const tokens: SolvencyTokens = {}, prices: SolvencyPrices = {};
  KEYS.forEach((k, i) => {
    tokens[k] = { varianceX64: c.factors[i], tail: c.tails[i], decimals: c.decimals[i] };
    prices[k] = { answer: c.answers[i], decimals: c.feedDecimals[i] };
  });
  if (c.referenceRecords === undefined) return valuation(Solvency.check(c.records, tokens, prices, { tailRecordUsdDebt: c.tailRecordUsdDebt }));
  const r = Solvency.check(c.records, tokens, prices, { tailRecordUsdDebt: c.tailRecordUsdDebt, referenceRecords: c.referenceRecords });
  const out = both(valuation(r.spot), valuation(r.reference));
  // The bindings' own verdict fields must be the rule's.
  if (r.solvent !== (out as any).solvent || r.liquidatable !== (out as any).liquidatable || (r.failedValuation ?? "none") !== (out as any).failedValuation) {
    return { ...out, failedValuation: `bindings: ${r.solvent} ${r.liquidatable} ${r.failedValuation}` } as Result;
  }
  return out;
}

export function solvencyTargets(): Target<any>[] {
  return [
    stateless<SolvencyInput, Result>({
      name: "Solvency.check",
      arb: input(),
      batch: 40,
      async contract(ctx, cs) {
        const h = await ctx.contract("SolvencyHarness");
        // One harness case per set of Records: an input's spot Records, then its reference Records.
        const arg: unknown[] = [];
        const at: number[] = [];
        for (const c of cs) {
          at.push(arg.length);
          for (const records of c.referenceRecords === undefined ? [c.records] : [c.records, c.referenceRecords]) {
            arg.push({
              records,
              tokens: KEYS,
              configs: KEYS.map((_, i) => ({ varianceX64: c.factors[i], tail: c.tails[i], decimals: c.decimals[i] })),
              prices: KEYS.map((_, i) => ({ answer: c.answers[i], decimals: c.feedDecimals[i] })),
              tailRecordUsdDebt: c.tailRecordUsdDebt,
            });
          }
        }
        const [out, ok, err] = await h.checkCases(arg, { gasLimit: GAS_CAP });
        const one = (k: number): Outcome<Valuation> => {
          if (!ok[k]) return { ok: false, error: selectorName(h.interface, String(err[k]).slice(0, 10)) };
          const b = out[k];
          return {
            ok: true,
            value: {
              solvent: b.solvent,
              usdNet: b.usdNet,
              nets: b.tokens.map((t: string, j: number) => [t.toLowerCase(), b.nets[j]] as [string, bigint]),
              failingTails: b.failingTails.map((t: string) => t.toLowerCase()),
            },
          };
        };
        return cs.map((c, i): Outcome<Result> => {
          const spot = one(at[i]);
          if (c.referenceRecords === undefined || !spot.ok) return spot; // the spot failure comes first
          const reference = one(at[i] + 1);
          return reference.ok ? { ok: true, value: both(spot.value, reference.value) } : reference;
        });
      },
      wasm,
    }),
  ];
}
