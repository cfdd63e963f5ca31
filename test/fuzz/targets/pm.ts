// Stateful target "PM.breakdown": random sequences on the deployed Portfolio Manager system
// (test/pm/fixture.ts: five tokens with feeds, money market, deposit/lend/borrow producers):
// installs through each producer, uninstalls, oracle price moves (including to zero), feeds going
// stale as time passes and refreshed, liquidations. After every step, for each portfolio, the
// Wasm Solvency.check over the Records the PM reads at spot and at reference prices (with the
// registry, the feeds' answers and update times, and the call's block time) must equal the PM's
// `breakdown` and `referenceBreakdown` views and its `isSolvent` / `isLiquidatable` exactly, or fail
// with the same error. (These producers read no pool: their two valuations coincide, which the
// comparison checks too.)
import fc from "fast-check";
import * as Solvency from "../../../bindings/src/Solvency.js";
import { readPortfolio } from "../../../bindings/src/chain.js";
import { deploySystem, type System } from "../../pm/fixture.js";
import { errorName, toSource, type FuzzContext, type Target, type Verdict } from "../framework.js";

const TOKENS = ["USDC", "WETH", "SOL", "DOGE", "PEPE"] as const;
const PORTFOLIOS = 2;

export type PmAction =
  | { t: "deposit" | "lend" | "borrow"; token: number; pid: number; mant: bigint }
  /** Borrows a share (per mille) of the portfolio's current USD net in a blue-chip: near-limit leverage. */
  | { t: "borrowShare"; token: number; pid: number; perMille: number }
  | { t: "uninstall"; pid: number; pos: number }
  | { t: "price"; token: number; perMille: number }
  | { t: "refresh" }
  | { t: "time"; seconds: number }
  | { t: "liquidate"; pid: number; mask: number };

const mant = fc.oneof(fc.bigInt(1n, 10n ** 9n), fc.constantFrom(1n, 10n ** 4n, 10n ** 8n));
const token = fc.nat(TOKENS.length - 1);
const pid = fc.nat(PORTFOLIOS - 1);

export const pmActionArb: fc.Arbitrary<PmAction> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant("deposit" as const), token, pid, mant }), weight: 5 },
  { arbitrary: fc.record({ t: fc.constant("lend" as const), token, pid, mant }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant("borrow" as const), token, pid, mant }), weight: 5 },
  { arbitrary: fc.record({ t: fc.constant("borrowShare" as const), token: fc.nat(2), pid, perMille: fc.integer({ min: 100, max: 1000 }) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant("uninstall" as const), pid, pos: fc.nat(15) }), weight: 2 },
  {
    arbitrary: fc.record({
      t: fc.constant("price" as const),
      token,
      perMille: fc.oneof({ arbitrary: fc.integer({ min: 500, max: 1500 }), weight: 10 }, { arbitrary: fc.integer({ min: 1, max: 5000 }), weight: 4 }, { arbitrary: fc.constantFrom(0, -1), weight: 1 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.constant({ t: "refresh" as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant("time" as const), seconds: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3600 }), weight: 4 }, { arbitrary: fc.integer({ min: 3600, max: 2 * 86_400 }), weight: 1 }) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant("liquidate" as const), pid, mask: fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 0xffff })) }), weight: 2 },
);

// Collateral first (blue-chip deposits), then borrows against it, then anything: so that price
// moves make portfolios insolvent and liquidations run.
const blue = fc.nat(2);
export const pmScenarioArb: fc.Arbitrary<PmAction[]> = fc
  .tuple(
    fc.array(fc.record({ t: fc.constant("deposit" as const), token: blue, pid, mant: fc.bigInt(10n ** 6n, 10n ** 9n) }), { minLength: 1, maxLength: 3 }),
    fc.array(fc.record({ t: fc.constant("borrowShare" as const), token: blue, pid, perMille: fc.integer({ min: 300, max: 1000 }) }), { minLength: 0, maxLength: 3 }),
    fc.array(pmActionArb, { minLength: 1, maxLength: 22, size: "max" }),
  )
  .map(([d, b, r]) => [...d, ...b, ...r]);

interface PmBase {
  sys: System;
  router: any;
  errors: any;
  snapshot: string;
  addrs: string[];
}

async function pmBase(ctx: FuzzContext): Promise<PmBase> {
  let b = ctx.state.get("pm.base") as Promise<PmBase> | undefined;
  if (!b) {
    b = (async () => {
      // Its own network: the fixture deploys the whole system on a fresh one.
      const sys = await deploySystem();
      const { ethers, pm, gov, alice, bob, tokens } = sys;
      for (let i = 0; i < PORTFOLIOS; i++) await (await pm.connect(alice).openPortfolio()).wait();
      // A non-zero fixed debt for all-tail Records.
      await (await pm.connect(gov).setTailRecordUsdDebt(5n * 10n ** 18n)).wait();
      const addrs = await Promise.all(TOKENS.map((n) => tokens[n].getAddress()));
      void bob;
      const router = await ethers.deployContract("FuzzRouter");
      const errors = await allErrorsOf(ethers);
      const snapshot = await ethers.provider.send("evm_snapshot", []);
      return { sys, router, errors, snapshot, addrs };
    })();
    ctx.state.set("pm.base", b);
  }
  return b;
}

async function allErrorsOf(ethers: any): Promise<any> {
  const hre = (await import("hardhat")).default;
  const sigs = new Set<string>();
  for (const fqn of await hre.artifacts.getAllFullyQualifiedNames()) {
    for (const f of (await hre.artifacts.readArtifact(fqn)).abi) {
      if (f.type === "error") sigs.add(`error ${f.name}(${(f.inputs ?? []).map((i: any) => i.type).join(",")})`);
    }
  }
  return new ethers.Interface([...sigs]);
}

function revertName(e: any, errors: any): string {
  for (const d of [e?.data, e?.error?.data, e?.info?.error?.data]) {
    if (typeof d === "string" && d.startsWith("0x")) {
      if (d === "0x") return "empty revert";
      return errors.parseError(d)?.name ?? `unknown revert ${d.slice(0, 10)}`;
    }
  }
  throw e;
}

type Side = { ok: true; value: unknown } | { ok: false; error: string };

/** A breakdown (the PM's tuple) or a Wasm valuation, in one shape. */
const fromChain = (r: any) => ({ solvent: r[0], usdNet: r[1], tokens: [...r[2]], nets: [...r[3]], failingTails: [...r[4]] });
const fromWasm = (r: Solvency.SolvencyValuation) => ({ solvent: r.solvent, usdNet: r.usdNet, tokens: Object.keys(r.nets), nets: Object.values(r.nets), failingTails: r.failingTails });
const verdict = (r: Solvency.SolvencyTwoValuationResult) => ({
  spot: fromWasm(r.spot),
  reference: fromWasm(r.reference),
  solvent: r.solvent,
  liquidatable: r.liquidatable,
  failedValuation: r.failedValuation ?? "none",
});

/** The PM's breakdown views and verdicts, and Solvency.check on the same block's inputs. */
async function compare(b: PmBase, owner: string, portfolioId: number): Promise<{ chain: Side; wasm: Side; reader: Side }> {
  const { pm, feeds, ethers } = b.sys;
  let chain: Side;
  try {
    // In the PM's order: the spot valuation's failure first.
    const spot = fromChain(await pm.breakdown(owner, portfolioId));
    const reference = fromChain(await pm.referenceBreakdown(owner, portfolioId));
    const failedValuation = !spot.solvent ? "spot" : !reference.solvent ? "reference" : "none";
    chain = { ok: true, value: { spot, reference, solvent: await pm.isSolvent(owner, portfolioId), liquidatable: await pm.isLiquidatable(owner, portfolioId), failedValuation } };
  } catch (e) {
    chain = { ok: false, error: revertName(e, b.errors) };
  }
  const recs = await pm.records(owner, portfolioId);
  const refs = await pm.referenceRecords(owner, portfolioId);
  const now = await b.router.blockTimestamp();
  const plain = (rs: any[]) => rs.map((r: any) => ({ tokens: [...r[0]], credit: [...r[1]], debt: [...r[2]], delta: [...r[3]] }));
  const records = plain(recs), referenceRecords = plain(refs);
  const tokens: Solvency.SolvencyTokens = {};
  const prices: Solvency.SolvencyPrices = {};
  for (const r of records) {
    for (const t of r.tokens as string[]) {
      if (tokens[t]) continue;
      const info = await pm.tokenInfo(t);
      tokens[t] = { varianceX64: info.varianceX64, tail: info.tail, decimals: Number(info.decimals), maxAge: Number(info.maxAge) };
      if (!info.tail) {
        const name = TOKENS[b.addrs.indexOf(t)];
        const [, answer, , updatedAt] = await feeds[name].latestRoundData();
        prices[t] = { answer, decimals: Number(await feeds[name].decimals()), updatedAt };
      }
    }
  }
  let wasm: Side;
  try {
    const r = Solvency.check(records, tokens, prices, { tailRecordUsdDebt: await pm.tailRecordUsdDebt(), now, referenceRecords });
    wasm = { ok: true, value: verdict(r) };
  } catch (e) {
    wasm = { ok: false, error: errorName(e) };
  }
  // The same through the bindings' one-call reader (addresses come back lower-case).
  let reader: Side;
  try {
    const snap = await readPortfolio(ethers.provider, await pm.getAddress(), owner, portfolioId);
    if (snap.referenceError) throw snap.referenceError; // the PM's referenceBreakdown reverts the same way
    const r = Solvency.check(snap.records, snap.tokens, snap.prices, { ...snap.options, referenceRecords: snap.referenceRecords! });
    reader = { ok: true, value: verdict(r) };
  } catch (e) {
    const name = errorName(e);
    // A read the PM refuses fails as ChainReadError carrying the PM's revert: named by it.
    const m = name === "ChainRead" ? chain.ok ? undefined : String((e as any)?.message).includes(chain.error) ? chain.error : undefined : undefined;
    reader = { ok: false, error: m ?? name };
  }
  return { chain, wasm, reader };
}

function show(s: Side): string {
  return s.ok ? toSource(s.value) : `revert ${s.error}`;
}

async function runPm(ctx: FuzzContext, actions: PmAction[]): Promise<Verdict> {
  const b = await pmBase(ctx);
  const { ethers, pm, alice, bob, deposits, lends, borrows, feeds, tokens, spec } = b.sys;
  if (!(await ethers.provider.send("evm_revert", [b.snapshot]))) throw new Error("evm_revert failed");
  b.snapshot = await ethers.provider.send("evm_snapshot", []);
  const stats: Record<string, number> = {};
  const log: string[] = [];
  const count = (k: string) => (stats[k] = (stats[k] ?? 0) + 1);
  const send = async (what: string, f: () => Promise<any>) => {
    try {
      await (await f()).wait();
      count(what);
    } catch (e) {
      count(`${what}:${revertName(e, b.errors)}`);
    }
  };
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    log.push(`  ${i}: ${toSource(a)}`);
    if (a.t === "deposit" || a.t === "lend" || a.t === "borrow") {
      const name = TOKENS[a.token];
      const dec = BigInt(spec[name][0]);
      // Borrows are smaller than deposits so that many succeed, and price moves then make some insolvent.
      const amount = (a.mant * 10n ** dec) / 10n ** (a.t === "borrow" ? 5n : 4n) || 1n;
      const addr = b.addrs[a.token];
      if (a.t === "deposit") await send(a.t, () => deposits.connect(alice).deposit(addr, amount, a.pid));
      else if (a.t === "lend") await send(a.t, () => lends.connect(alice).lend(addr, amount, a.pid));
      else await send(a.t, () => borrows.connect(alice).borrow(addr, amount, a.pid));
    } else if (a.t === "borrowShare") {
      let usdNet: bigint;
      try {
        usdNet = (await pm.breakdown(alice.address, a.pid))[1];
      } catch {
        continue;
      }
      if (usdNet <= 0n) continue;
      const name = TOKENS[a.token];
      const [answer, feedDecimals] = await pm.price(b.addrs[a.token]).catch(() => [0n, 0n]);
      if (answer <= 0n) continue;
      const amount = (usdNet * BigInt(a.perMille) * 10n ** (BigInt(spec[name][0]) + BigInt(feedDecimals))) / (1000n * answer * 10n ** 18n);
      if (amount === 0n) continue;
      await send("borrow", () => borrows.connect(alice).borrow(b.addrs[a.token], amount, a.pid));
    } else if (a.t === "uninstall") {
      const ps = await pm.positions(alice.address, a.pid);
      if (ps.length === 0) continue;
      const p = ps[a.pos % ps.length];
      await send(a.t, () => pm.connect(alice).uninstall(a.pid, p[0], p[1]));
    } else if (a.t === "price") {
      const f = feeds[TOKENS[a.token]];
      const answer = a.perMille <= 0 ? BigInt(a.perMille) : ((await f.answer()) * BigInt(a.perMille)) / 1000n;
      await send(a.t, () => f.setAnswer(answer));
    } else if (a.t === "refresh") {
      for (const n of TOKENS) {
        const f = feeds[n];
        const answer = await f.answer();
        // A feed moved to zero or below comes back at its initial price.
        await send(a.t, () => f.setAnswer(answer > 0n ? answer : spec[n][1]));
      }
    } else if (a.t === "time") {
      await ethers.provider.send("evm_increaseTime", [a.seconds]);
      await ethers.provider.send("evm_mine", []);
      count("time");
    } else if (a.t === "liquidate") {
      const n = (await pm.positions(alice.address, a.pid)).length;
      if (n === 0) continue;
      const mask = a.mask < 0 ? (1 << n) - 1 : a.mask & ((1 << n) - 1);
      if (mask === 0) continue;
      await send(a.t, () => pm.connect(bob).liquidate(alice.address, a.pid, mask));
    }
    for (let p = 0; p < PORTFOLIOS; p++) {
      const { chain, wasm, reader } = await compare(b, alice.address, p);
      count(chain.ok ? "breakdown" : `breakdown:${chain.error}`);
      const same = (x: Side, lower: boolean) =>
        chain.ok && x.ok ? (lower ? toSource(chain.value).toLowerCase() === toSource(x.value).toLowerCase() : toSource(chain.value) === toSource(x.value)) : !chain.ok && !x.ok && chain.error === x.error;
      if (!same(wasm, false)) {
        return { agree: false, kind: "mismatch", stats, detail: `step ${i}, portfolio ${p}: PM.breakdown ${show(chain)}\n  Solvency.check: ${show(wasm)}\nsteps so far:\n${log.join("\n")}` };
      }
      if (!same(reader, true)) {
        return { agree: false, kind: "mismatch", stats, detail: `step ${i}, portfolio ${p}: PM.breakdown ${show(chain)}\n  readPortfolio + Solvency.check: ${show(reader)}\nsteps so far:\n${log.join("\n")}` };
      }
    }
  }
  void tokens;
  return { agree: true, kind: "value", stats, detail: `${actions.length} steps agree` };
}

export function pmTargets(): Target<any>[] {
  return [
    {
      name: "PM.breakdown",
      kind: "stateful",
      arb: pmScenarioArb,
      batch: 1,
      async evaluate(ctx, inputs) {
        const out: Verdict[] = [];
        for (const s of inputs) out.push(await runPm(ctx, s));
        return out;
      },
    },
  ];
}
