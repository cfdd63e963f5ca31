// Solvency target: the Wasm Solvency.check against the Solidity library (SolvencyHarness), each input
// with its own token table, prices and Records; amounts, factors, decimals and answers edge-biased.
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
  return fc.record({
    records: fc.array(record, { maxLength: 16 }),
    factors: fc.array(factor, { minLength: N, maxLength: N }),
    tails: fc.array(fc.boolean(), { minLength: N, maxLength: N }),
    decimals: fc.array(dec, { minLength: N, maxLength: N }),
    answers: fc.array(answer, { minLength: N, maxLength: N }),
    feedDecimals: fc.array(fc.oneof({ weight: 60, arbitrary: dec }, { weight: 1, arbitrary: fc.constant(37) }), { minLength: N, maxLength: N }),
    tailRecordUsdDebt: fc.oneof(fc.constant(0n), A.edgeBigInt(0n, (1n << 128n) - 1n)),
  });
}

type Result = { solvent: boolean; usdNet: bigint; nets: [string, bigint][]; failingTails: string[] };

function wasm(c: SolvencyInput): Result {
  const tokens: SolvencyTokens = {}, prices: SolvencyPrices = {};
  KEYS.forEach((k, i) => {
    tokens[k] = { varianceX64: c.factors[i], tail: c.tails[i], decimals: c.decimals[i] };
    prices[k] = { answer: c.answers[i], decimals: c.feedDecimals[i] };
  });
  const r = Solvency.check(c.records, tokens, prices, { tailRecordUsdDebt: c.tailRecordUsdDebt });
  return { solvent: r.solvent, usdNet: r.usdNet, nets: Object.entries(r.nets).map(([k, v]) => [k.toLowerCase(), v]), failingTails: r.failingTails.map((t) => t.toLowerCase()) };
}

export function solvencyTargets(): Target<any>[] {
  return [
    stateless<SolvencyInput, Result>({
      name: "Solvency.check",
      arb: input(),
      batch: 40,
      async contract(ctx, cs) {
        const h = await ctx.contract("SolvencyHarness");
        const arg = cs.map((c) => ({
          records: c.records,
          tokens: KEYS,
          configs: KEYS.map((_, i) => ({ varianceX64: c.factors[i], tail: c.tails[i], decimals: c.decimals[i] })),
          prices: KEYS.map((_, i) => ({ answer: c.answers[i], decimals: c.feedDecimals[i] })),
          tailRecordUsdDebt: c.tailRecordUsdDebt,
        }));
        const [out, ok, err] = await h.checkCases(arg, { gasLimit: GAS_CAP });
        return cs.map((_, i): Outcome<Result> => {
          if (!ok[i]) return { ok: false, error: selectorName(h.interface, String(err[i]).slice(0, 10)) };
          const b = out[i];
          return {
            ok: true,
            value: {
              solvent: b.solvent,
              usdNet: b.usdNet,
              nets: b.tokens.map((t: string, j: number) => [t.toLowerCase(), b.nets[j]] as [string, bigint]),
              failingTails: b.failingTails.map((t: string) => t.toLowerCase()),
            },
          };
        });
      },
      wasm,
    }),
  ];
}
