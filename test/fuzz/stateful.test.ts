// Differential fuzzing, stateful part: random sequences of mints, burns, swaps (both directions,
// exact input and output, price limits) and time passing, on deployed pools and on the Wasm Pool;
// and of installs, uninstalls, price moves, stale feeds and liquidations on the Portfolio Manager,
// with Solvency.check against the PM's breakdown view; compared after every step. Reproduce or extend with
// `npm run fuzz -- --seed 20261121 --sequences N --only Pool` (or `--only PM`).
import { describe, expect, it } from "vitest";
import { targets } from "./targets/index.js";
import { campaign } from "./vitest.js";

const SEED = 20261121;
const SEQUENCES = 200;

// Sequences per target.
const CI_TARGETS: Record<string, number> = { "Pool.vsUniswapV3": SEQUENCES, "Pool.threeWay": 50, "Pool.twoSidedStrict": 20, "PM.breakdown": 50 };

describe("Wasm vs deployed contracts, stateful targets", () => {
  for (const t of targets().filter((x) => x.kind === "stateful" && x.name in CI_TARGETS)) {
    const n = CI_TARGETS[t.name];
    it(`${t.name}: ${n} action sequences agree step by step`, async () => {
      expect(await campaign(t.name, SEED, n)).toBe(n);
    });
  }
});
