// Solvency in the model: the worked examples of the variance-factor and cross-margin seeds,
// with every expected value derived by hand in the comments (no call to the code under test).
import { describe, expect, it } from "vitest";
import { check, checkMany, type SolvencyRecord, type TokenRegistry } from "../../bindings/model/Solvency.js";
import {
  InvalidPriceError,
  ReferenceRecordsMismatchError,
  InvalidVarianceFactorError,
  MissingPriceError,
  SolvencyOverflowError,
  StalePriceError,
  UnknownTokenError,
} from "../../bindings/model/errors.js";

const SOL = "0x5011", ETH = "0xe7e7", DOGE = "0xd06e", PEPE = "0x9e9e";
const E18 = 10n ** 18n;

// varianceX64 = floor(v · 2^64), with 2^64 = 18446744073709551616:
//   1.04 · 2^64 = 19184613836657933680.64   1.02 · 2^64 = 18815678955183742648.32
//   1.10 · 2^64 = 20291418481080506777.6    1.30 · 2^64 = 23980767295822417100.8
const tokens: TokenRegistry = {
  [SOL]: { varianceX64: 19184613836657933680n, tail: false, decimals: 9 },
  [ETH]: { varianceX64: 18815678955183742648n, tail: false, decimals: 18 },
  [DOGE]: { varianceX64: 20291418481080506777n, tail: true, decimals: 8 },
  [PEPE]: { varianceX64: 23980767295822417100n, tail: true, decimals: 18 },
};
// Feeds with 8 decimals: SOL at 100 USD, ETH at 2000 USD.
const prices = { [SOL]: { answer: 100_00000000n, decimals: 8 }, [ETH]: { answer: 2000_00000000n, decimals: 8 } };
const options = { tailRecordUsdDebt: 5n * E18 };
const rec = (entries: [string, bigint, bigint, bigint][]): SolvencyRecord => ({
  tokens: entries.map((e) => e[0]),
  credit: entries.map((e) => e[1]),
  debt: entries.map((e) => e[2]),
  delta: entries.map((e) => e[3]),
});

// 1000 USD of SOL = 10 SOL = 10^10 units. vc = floor(10^10 · 2^64 / floor(1.04 · 2^64)):
// the floored factor is 0.64 below 1.04·2^64, which moves 10^10/1.04 = 9615384615.38.. by ~3e-10: 9615384615.
// USD = floor(9615384615 · 100e8 · 1e18 / 10^(9+8)) = 9615384615 · 10^11 = 961.5384615 USD ("961 USD").
const solCollateral = rec([[SOL, 10n ** 10n, 0n, 0n]]);
const SOL_USD = 961_538_461_500_000_000_000n;
// ETH debt of 100 USD (0.05 ETH) with a delta of 10 USD (0.005 ETH): (debt + delta) = 5.5e16 wei.
// vd = ceil(5.5e16 · floor(1.02 · 2^64) / 2^64) = ceil(5.61e16 − 5.5e16 · 0.32 / 2^64) = 5.61e16.
// USD = −ceil(5.61e16 · 2000e8 · 1e18 / 10^(18+8)) = −112.2 USD.
const ethDebt = rec([[ETH, 0n, 5n * 10n ** 16n, 5n * 10n ** 15n]]);
const ETH_USD = -112_200_000_000_000_000_000n;

describe("model Solvency: worked examples", () => {
  it("1000 USD of SOL at v = 1.04 is 961 USD of virtual collateral", () => {
    const r = check([solCollateral], tokens, prices, options);
    expect(r).toEqual({ solvent: true, usdNet: SOL_USD, nets: { [SOL]: 9615384615n }, failingTails: [] });
  });

  it("an ETH debt of 100 USD with a 10 USD delta at v = 1.02 is 112.2 USD of virtual debt", () => {
    const r = check([ethDebt], tokens, prices, options);
    expect(r).toEqual({ solvent: false, usdNet: ETH_USD, nets: { [ETH]: -56_100_000_000_000_000n }, failingTails: [] });
    // Netted together: 961.5384615 − 112.2 = 849.3384615 USD.
    expect(check([solCollateral, ethDebt], tokens, prices, options).usdNet).toBe(849_338_461_500_000_000_000n);
  });

  it("a DOGE/PEPE LP Record uses the larger factor, 1.3, for both tokens", () => {
    // DOGE credit 1300 DOGE = 1.3e11 units: with v = 1.3·2^64 − 0.8, vc = floor(1e11 · (1 + 3.3e-20)) = 1e11
    // (1000 DOGE; DOGE's own 1.1 would have given 1181.8 DOGE).
    // PEPE credit 2600 PEPE: vc = floor(2e21 · (1 + 0.8 / (1.3·2^64 − 0.8))) = 2e21 + floor(66.7) = 2e21 + 66.
    const lp = rec([[DOGE, 1300n * 10n ** 8n, 0n, 0n], [PEPE, 2600n * E18, 0n, 0n]]);
    // A PEPE loan of 1000 PEPE: vd = ceil(1e21 · (1.3·2^64 − 0.8) / 2^64) = ceil(1.3e21 − 43.4) = 1.3e21 − 43.
    const loan = rec([[PEPE, 0n, 1000n * E18, 0n]]);
    const r = check([lp, loan], tokens, prices, options);
    expect(r.nets).toEqual({ [DOGE]: 10n ** 11n, [PEPE]: 700n * E18 + 66n + 43n });
    // Both Records are all-tail: 2 × 5 USD of fixed debt and no blue-chip collateral.
    expect([r.usdNet, r.solvent, r.failingTails]).toEqual([-10n * E18, false, []]);
    // With the SOL collateral the portfolio is solvent: 961.5384615 − 10 USD; a tail surplus is not collateral.
    const withSol = check([lp, loan, solCollateral], tokens, prices, options);
    expect([withSol.usdNet, withSol.solvent]).toEqual([SOL_USD - 10n * E18, true]);
    // Another 2000 PEPE of debt: vd = ceil(2.6e21 − 86.7) = 2.6e21 − 86, PEPE net = −1.9e21 + 195: PEPE fails,
    // and the portfolio is insolvent however much USD collateral it has.
    const more = rec([[PEPE, 0n, 2000n * E18, 0n]]);
    const failing = check([lp, loan, solCollateral, more], tokens, prices, options);
    expect(failing.nets[PEPE]).toBe(-1900n * E18 + 195n);
    expect([failing.solvent, failing.failingTails, failing.usdNet]).toEqual([false, [PEPE], SOL_USD - 15n * E18]);
  });

  it("rounds USD values towards the protocol: credits down, debts up", () => {
    const p = { ...prices, [ETH]: { answer: 2000_12345678n, decimals: 8 } };
    // 3 wei of ETH credit: vc = floor(3 / 1.02) = 2; USD = floor(2 · 200012345678 · 1e18 / 1e26) = floor(4000.2469..) = 4000.
    // 1 wei of ETH debt: vd = ceil(1.02) = 2; USD = −ceil(4000.2469..) = −4001.
    const [credit, debt, empty] = checkMany([[rec([[ETH, 3n, 0n, 0n]])], [rec([[ETH, 0n, 1n, 0n]])], []], tokens, p, options);
    expect([credit.usdNet, debt.usdNet]).toEqual([4000n, -4001n]);
    expect(empty).toEqual({ solvent: true, usdNet: 0n, nets: {}, failingTails: [] });
  });

  it("fails clearly on unknown tokens, factors outside (1, 256], bad amounts and missing or bad blue-chip prices", () => {
    expect(() => check([rec([["0xdead", 1n, 0n, 0n]])], tokens, prices, options)).toThrow(UnknownTokenError);
    const bad = { ...tokens, [SOL]: { ...tokens[SOL], varianceX64: 1n << 64n } };
    expect(() => check([solCollateral], bad, prices, options)).toThrow(InvalidVarianceFactorError);
    expect(() => check([ethDebt], tokens, { [SOL]: prices[SOL] }, options)).toThrow(MissingPriceError);
    expect(() => check([ethDebt], tokens, { ...prices, [ETH]: { answer: 0n, decimals: 8 } }, options)).toThrow(InvalidPriceError);
    expect(() => check([ethDebt], tokens, { ...prices, [ETH]: { answer: 1n << 128n, decimals: 8 } }, options)).toThrow(InvalidPriceError);
    expect(() => check([ethDebt], tokens, { ...prices, [ETH]: { answer: 1n, decimals: 37 } }, options)).toThrow(InvalidPriceError);
    const huge = { ...tokens, [SOL]: { ...tokens[SOL], varianceX64: (1n << 72n) + 1n } };
    expect(() => check([solCollateral], huge, prices, options)).toThrow(InvalidVarianceFactorError);
    expect(() => check([rec([[SOL, 1n << 128n, 0n, 0n]])], tokens, prices, options)).toThrow(SolvencyOverflowError);
    // The first failure in check order wins: the Records' tokens before any price.
    expect(() => check([ethDebt, rec([["0xdead", 1n, 0n, 0n]])], tokens, {}, options)).toThrow(UnknownTokenError);
    // Staleness, when the caller gives the time: at most maxAge seconds old, and not from the future.
    const aged = { ...tokens, [ETH]: { ...tokens[ETH], maxAge: 3600 } };
    const at = (updatedAt: number) => ({ ...prices, [ETH]: { ...prices[ETH], updatedAt } });
    expect(check([ethDebt], aged, at(10_000), { ...options, now: 13_600 }).usdNet).toBe(ETH_USD);
    expect(() => check([ethDebt], aged, at(10_000), { ...options, now: 13_601 })).toThrow(StalePriceError);
    expect(() => check([ethDebt], aged, at(10_001), { ...options, now: 10_000 })).toThrow(StalePriceError);
    expect(check([ethDebt], aged, at(0), options).usdNet).toBe(ETH_USD); // no `now`: no staleness check
    // Tail tokens need no price.
    expect(check([rec([[DOGE, 1n, 0n, 0n]])], tokens, {}, { tailRecordUsdDebt: 0n }).solvent).toBe(true);
  });

  it("two valuations: the reference Records are netted the same way; solvent means both, liquidatable the reference", () => {
    // At the reference price the position holds 5 SOL instead of 10: vc = floor(5e9 / 1.04) = 4807692307
    // (4807692307.69, the floored factor adds ~2e-10), worth 4807692307 · 10^11 = 480.7692307 USD.
    const half = rec([[SOL, 5n * 10n ** 9n, 0n, 0n]]);
    const SOL_HALF_USD = 480_769_230_700_000_000_000n;
    const r = check([solCollateral, ethDebt], tokens, prices, { ...options, referenceRecords: [half, ethDebt] });
    expect(r.spot).toEqual({ solvent: true, usdNet: SOL_USD + ETH_USD, nets: { [SOL]: 9615384615n, [ETH]: -56_100_000_000_000_000n }, failingTails: [] });
    expect(r.reference).toEqual({ solvent: true, usdNet: SOL_HALF_USD + ETH_USD, nets: { [SOL]: 4807692307n, [ETH]: -56_100_000_000_000_000n }, failingTails: [] });
    expect([r.solvent, r.liquidatable, r.failedValuation, r.usdNet]).toEqual([true, false, undefined, SOL_USD + ETH_USD]);

    // An ETH debt of 0.3 ETH: vd = ceil(3e17 · floor(1.02 · 2^64) / 2^64) = ceil(3.06e17 − 5e-3) = 3.06e17,
    // −612 USD. Spot: 961.5384615 − 612 > 0; reference: 480.7692307 − 612 = −131.2307693 USD.
    const loan = rec([[ETH, 0n, 3n * 10n ** 17n, 0n]]);
    const both = check([solCollateral, loan], tokens, prices, { ...options, referenceRecords: [half, loan] });
    expect([both.spot.usdNet, both.reference.usdNet]).toEqual([SOL_USD - 612n * E18, SOL_HALF_USD - 612n * E18]);
    expect([both.solvent, both.liquidatable, both.failedValuation]).toEqual([false, true, "reference"]);
    // Swapped (the spot is the worse valuation): refused for user actions, not liquidatable.
    const swapped = check([half, loan], tokens, prices, { ...options, referenceRecords: [solCollateral, loan] });
    expect([swapped.solvent, swapped.liquidatable, swapped.failedValuation]).toEqual([false, false, "spot"]);
    // checkMany: per portfolio, undefined = spot only.
    const [a, b] = checkMany([[solCollateral, loan], [half]], tokens, prices, { ...options, referenceRecords: [[half, loan], undefined] });
    expect(a).toEqual(both);
    expect(b).toEqual(check([half], tokens, prices, options));
    // Reference Records must pair with the spot ones.
    expect(() => check([solCollateral, loan], tokens, prices, { ...options, referenceRecords: [half] })).toThrow(ReferenceRecordsMismatchError);
    expect(() => check([solCollateral], tokens, prices, { ...options, referenceRecords: [ethDebt] })).toThrow(ReferenceRecordsMismatchError);
  });
});
