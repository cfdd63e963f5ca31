// Helpers for the vitest suites in test/fuzz: one network and fuzz context per test file, a
// campaign runner whose failure message carries the shrunk counterexample as a regression test,
// and `expectAgree` for the regression tests themselves.
import { expect } from "vitest";
import { init } from "../../bindings/src/wasm.js";
import { network } from "../helpers/chain.js";
import { createContext, evaluateOne, regressionTest, runTarget, shrink, type FuzzContext } from "./framework.js";
import { target } from "./targets/index.js";

let ctx: Promise<FuzzContext> | undefined;

/** The file's fuzz context (Wasm loaded, one in-process network). */
export function fuzzContext(): Promise<FuzzContext> {
  ctx ??= (async () => {
    await init();
    const { ethers } = await network();
    return createContext(ethers);
  })();
  return ctx;
}

/** Runs `runs` cases of the named target with `seed`; fails with the shrunk regression test. */
export async function campaign(name: string, seed: number, runs: number): Promise<number> {
  const c = await fuzzContext();
  const t = target(name);
  const r = await runTarget(c, t, seed, runs);
  if (r.mismatches.length > 0) {
    const s = await shrink(c, t, r.mismatches[0], 60_000);
    expect.fail(`${r.mismatches.length} mismatches in ${name} (seed ${seed}); first, shrunk:\n${regressionTest(name, s.input, s.detail, seed)}`);
  }
  return r.cases;
}

/** The named target agrees with itself on this one input (contract vs Wasm). */
export async function expectAgree(name: string, input: unknown): Promise<void> {
  const v = await evaluateOne(await fuzzContext(), target(name), input);
  expect(v.agree, v.detail).toBe(true);
}
