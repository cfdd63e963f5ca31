// The "portfolio" fuzz target in CI: random sequences of deposits, lends, borrows, vault shares,
// market and rate moves, oracle moves, time and liquidations, with the Portfolio compared to the
// chain after every step and liquidation prices probed on chain. Run more with
// `npm run fuzz -- --only portfolio --sequences N --seed S`.
import { describe, expect, it } from "vitest";
import { campaign } from "../fuzz/vitest.js";

const SEED = 20261208;
const SEQUENCES = 12;

describe("Portfolio vs the chain, stateful fuzz", () => {
  it(`${SEQUENCES} action sequences agree step by step`, async () => {
    expect(await campaign("portfolio", SEED, SEQUENCES)).toBe(SEQUENCES);
  });
});
