// Differential fuzzing, stateful part: random sequences of mints, burns, swaps (both directions,
// exact input and output, price limits) and time passing, on deployed pools and on the Wasm Pool,
// compared after every step. Reproduce or extend with
// `npm run fuzz -- --seed 20261121 --sequences N --only Pool`.
import { describe, expect, it } from "vitest";
import { targets } from "./targets/index.js";
import { campaign } from "./vitest.js";

const SEED = 20261121;
const SEQUENCES = 200;

// Pool.threeWay (Uniswap V3, TwoSidedPool, Wasm) joins this list once test/fuzz/pending.test.ts passes.
const CI_TARGETS = ["Pool.vsUniswapV3"];

describe("Wasm Pool vs deployed pools, stateful targets", () => {
  for (const t of targets().filter((x) => x.kind === "stateful" && CI_TARGETS.includes(x.name))) {
    it(`${t.name}: ${SEQUENCES} action sequences agree step by step`, async () => {
      expect(await campaign(t.name, SEED, SEQUENCES)).toBe(SEQUENCES);
    });
  }
});
