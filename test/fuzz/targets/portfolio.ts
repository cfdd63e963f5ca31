// Stateful target "portfolio": random sequences on the deployed Portfolio Manager system with an
// ERC-4626 vault listed (test/portfolio/helpers.ts): deposits, lends, borrows (also near the limit),
// vault shares, uninstalls, oracle moves, supplies and rate-model changes that move the money
// markets, vault gains and losses, time passing (feeds go stale), liquidations, and liquidation-price
// probes. After every step, for each portfolio, `Portfolio.fromChain` must give each producer's
// `record()` and `pm.breakdown` / `referenceBreakdown` / `isSolvent` / `isLiquidatable` exactly (or
// fail with the same error); across a time step the Portfolio read before it, valued at the new time,
// must too. Pool-priced positions are in the sequences: 2sAMM makers, takers and bundles
// (test/pm/twoSided.ts, money market, premiums active) and Uniswap V3 positions
// (test/portfolio/poolFixture.ts), with swaps on both pools and moves of the 2sAMM tokens' feeds;
// every position's `referenceRecord()` is compared too. A probe computes `liquidationPrice` for a blue-chip, mines the feed at that answer
// (the chain must say insolvent) and then one unit beyond (solvent).
import fc from "fast-check";
import { Portfolio } from "../../../bindings/src/Portfolio.js";
import * as TickMath from "../../../bindings/src/TickMath.js";
import { deployPoolSystem, E18, E6, UNI_SPACING, type PoolSystem } from "../../portfolio/poolFixture.js";
import { errorName, toSource, type FuzzContext, type Target, type Verdict } from "../framework.js";

const TOKENS = ["USDC", "WETH", "SOL", "DOGE", "PEPE"] as const;
const PORTFOLIOS = 2;
const X64 = 1n << 64n;

export type PortfolioAction =
  | { t: "deposit" | "lend" | "borrow" | "vault"; token: number; pid: number; mant: bigint }
  | { t: "borrowShare"; token: number; pid: number; perMille: number }
  | { t: "uninstall"; pid: number; pos: number }
  | { t: "price"; token: number; perMille: number }
  | { t: "refresh" }
  | { t: "time"; seconds: number }
  | { t: "supply" | "withdraw"; token: number; mant: bigint }
  | { t: "rate"; token: number; base: number; slope1: number; kinkPct: number; slope2: number; reservePct: number }
  | { t: "vaultMove"; gain: boolean; mant: bigint }
  | { t: "liquidate"; pid: number; mask: number }
  | { t: "liqPrice"; token: number; pid: number }
  | { t: "maker" | "taker" | "bundle" | "uniswap"; pid: number; lo: number; width: number; mant: bigint }
  | { t: "swap2"; tick: number }
  | { t: "swapUni"; wethIn: boolean; mant: bigint }
  | { t: "poolFeed"; b: boolean; perMille: number };

const mant = fc.oneof(fc.bigInt(1n, 10n ** 9n), fc.constantFrom(1n, 10n ** 4n, 10n ** 8n));
const token = fc.nat(TOKENS.length - 1);
const blue = fc.nat(2);
const pid = fc.nat(PORTFOLIOS - 1);

const actionArb: fc.Arbitrary<PortfolioAction> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant("deposit" as const), token, pid, mant }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant("lend" as const), token, pid, mant }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant("borrow" as const), token, pid, mant }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant("vault" as const), token: fc.constant(1), pid, mant }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant("borrowShare" as const), token: blue, pid, perMille: fc.integer({ min: 100, max: 1000 }) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant("uninstall" as const), pid, pos: fc.nat(15) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant("price" as const), token, perMille: fc.oneof({ arbitrary: fc.integer({ min: 500, max: 1500 }), weight: 10 }, { arbitrary: fc.constantFrom(0, -1), weight: 1 }) }), weight: 3 },
  { arbitrary: fc.constant({ t: "refresh" as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant("time" as const), seconds: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 6 * 3600 }), weight: 5 }, { arbitrary: fc.integer({ min: 86_000, max: 2 * 86_400 }), weight: 1 }) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constantFrom("supply" as const, "withdraw" as const), token, mant }), weight: 2 },
  {
    arbitrary: fc.record({
      t: fc.constant("rate" as const), token, base: fc.nat(1000), slope1: fc.nat(5000), kinkPct: fc.integer({ min: 1, max: 100 }), slope2: fc.nat(10_000), reservePct: fc.nat(100),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ t: fc.constant("vaultMove" as const), gain: fc.boolean(), mant }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant("liquidate" as const), pid, mask: fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 0xffff })) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant("liqPrice" as const), token: blue, pid }), weight: 2 },
  ...(["maker", "taker", "bundle", "uniswap"] as const).map((t) => ({
    arbitrary: fc.record({ t: fc.constant(t), pid, lo: fc.integer({ min: -40, max: 30 }), width: fc.integer({ min: 1, max: 40 }), mant: fc.bigInt(1n, 10n ** 6n) }),
    weight: 3,
  })),
  { arbitrary: fc.record({ t: fc.constant("swap2" as const), tick: fc.integer({ min: -3000, max: 3000 }) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant("swapUni" as const), wethIn: fc.boolean(), mant: fc.bigInt(1n, 10n ** 6n) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant("poolFeed" as const), b: fc.boolean(), perMille: fc.integer({ min: 900, max: 1100 }) }), weight: 2 },
);

export const portfolioScenarioArb: fc.Arbitrary<PortfolioAction[]> = fc
  .tuple(
    fc.array(fc.record({ t: fc.constant("deposit" as const), token: blue, pid, mant: fc.bigInt(10n ** 6n, 10n ** 9n) }), { minLength: 1, maxLength: 3 }),
    fc.array(fc.record({ t: fc.constant("borrowShare" as const), token: blue, pid, perMille: fc.integer({ min: 300, max: 1000 }) }), { maxLength: 2 }),
    fc.array(actionArb, { minLength: 1, maxLength: 18, size: "max" }),
  )
  .map(([d, b, r]) => [...d, ...b, ...r]);

interface Base {
  sys: PoolSystem;
  errors: any;
  snapshot: string;
  addrs: string[];
  pm: string;
}

async function base(ctx: FuzzContext): Promise<Base> {
  let b = ctx.state.get("portfolio.base") as Promise<Base> | undefined;
  if (!b) {
    b = (async () => {
      const sys = (await deployPoolSystem()) as PoolSystem;
      const { ethers, pm, alice, bob, deposits, t } = sys;
      // Bob's deep maker and Uniswap liquidity, for takes and swaps.
      const depth = await pm.portfolioCount(bob.address);
      await (await pm.connect(bob).openPortfolio()).wait();
      await (await deposits.connect(bob).deposit(t.t0, 10_000_000n * E18, depth)).wait();
      await (await t.makers.connect(bob).mint(t.POOL, -30000, 30000, 5_000_000n * E18, depth)).wait();
      await sys.uniswapDeposit(bob, -887220, 887220, 1_000n * E18, 2_000_000n * E6, depth);
      for (let i = 0; i < PORTFOLIOS; i++) await (await pm.connect(alice).openPortfolio()).wait();
      const addrs = await Promise.all(TOKENS.map((n) => sys.tokens[n].getAddress()));
      const hre = (await import("hardhat")).default;
      const sigs = new Set<string>();
      for (const fqn of await hre.artifacts.getAllFullyQualifiedNames()) {
        for (const f of (await hre.artifacts.readArtifact(fqn)).abi) {
          if (f.type === "error") sigs.add(`error ${f.name}(${(f.inputs ?? []).map((i: any) => i.type).join(",")})`);
        }
      }
      const errors = new ethers.Interface([...sigs]);
      const snapshot = await ethers.provider.send("evm_snapshot", []);
      return { sys, errors, snapshot, addrs, pm: (await pm.getAddress()).toLowerCase() };
    })();
    ctx.state.set("portfolio.base", b);
  }
  return b;
}

/** The name of a chain revert: the custom error, or the panic as the twin names it. */
function revertName(e: any, errors: any): string {
  for (const d of [e?.data, e?.error?.data, e?.info?.error?.data]) {
    if (typeof d === "string" && d.startsWith("0x")) {
      if (d === "0x") return "empty revert";
      if (d.startsWith("0x4e487b71")) {
        const code = BigInt("0x" + d.slice(10, 74));
        return code === 0x11n ? "ArithmeticOverflow" : code === 0x12n ? "DivisionByZero" : `Panic(${code})`;
      }
      return errors.parseError(d)?.name ?? `unknown revert ${d.slice(0, 10)}`;
    }
  }
  throw e;
}

type Side = { ok: true; value: unknown } | { ok: false; error: string };
const valuation = (r: any) => ({ solvent: r[0], usdNet: r[1], tokens: [...r[2]].map((t: string) => t.toLowerCase()), nets: [...r[3]], failingTails: [...r[4]].map((t: string) => t.toLowerCase()) });
const fromWasm = (r: any) => ({ solvent: r.solvent, usdNet: r.usdNet, tokens: Object.keys(r.nets), nets: Object.values(r.nets), failingTails: r.failingTails });
const plainRecord = (r: any) => ({ tokens: [...r[0]].map((t: string) => t.toLowerCase()), credit: [...r[1]], debt: [...r[2]], delta: [...r[3]] });

async function chainSide(b: Base, owner: string, id: number): Promise<Sides> {
  const { pm, ethers } = b.sys;
  const ps = await pm.positions(owner, id);
  const records: Side[] = [];
  const references: Side[] = [];
  for (const p of ps) {
    const producer = await ethers.getContractAt("IProducer", p[0]);
    try {
      records.push({ ok: true, value: plainRecord(await producer.record(p[1])) });
    } catch (e) {
      records.push({ ok: false, error: revertName(e, b.errors) });
    }
    try {
      references.push({ ok: true, value: plainRecord(await producer.referenceRecord(p[1])) });
    } catch (e) {
      references.push({ ok: false, error: revertName(e, b.errors) });
    }
  }
  let verdict: Side;
  try {
    const spot = valuation(await pm.breakdown(owner, id));
    const reference = valuation(await pm.referenceBreakdown(owner, id));
    verdict = { ok: true, value: { spot, reference, solvent: await pm.isSolvent(owner, id), liquidatable: await pm.isLiquidatable(owner, id) } };
  } catch (e) {
    verdict = { ok: false, error: revertName(e, b.errors) };
  }
  return { records, references, verdict };
}

type Sides = { records: Side[]; references: Side[]; verdict: Side };

function portfolioSide(p: Portfolio, now: bigint | undefined): Sides {
  const all = (f: () => unknown[]): Side[] => {
    try {
      return f().map((r) => ({ ok: true, value: r }) as Side);
    } catch (e) {
      // A Record that fails fails the whole read: the first failing one is the chain's first.
      return [{ ok: false, error: errorName(e) }];
    }
  };
  const records = all(() => p.records({ now }));
  const references = all(() => p.referenceRecords({ now }));
  let verdict: Side;
  try {
    const r = p.check({ now });
    verdict = { ok: true, value: { spot: fromWasm(r.spot), reference: fromWasm(r.reference), solvent: r.solvent, liquidatable: r.liquidatable } };
  } catch (e) {
    verdict = { ok: false, error: errorName(e) };
  }
  return { records, references, verdict };
}

function sameRecords(what: string, c: Side[], w: Side[]): string | undefined {
  const firstBad = c.findIndex((r) => !r.ok);
  if (firstBad >= 0) {
    const e = (c[firstBad] as any).error;
    if (w.length !== 1 || w[0].ok || (w[0] as any).error !== e) return `${what} ${firstBad}: chain reverts ${e}, Portfolio ${toSource(w)}`;
  } else if (toSource(c) !== toSource(w)) {
    return `${what}s: chain ${toSource(c)}\n  Portfolio ${toSource(w)}`;
  }
  return undefined;
}

function agree(c: Sides, w: Sides): string | undefined {
  const r = sameRecords("record", c.records, w.records) ?? sameRecords("referenceRecord", c.references, w.references);
  if (r) return r;
  if (toSource(c.verdict) !== toSource(w.verdict)) return `verdict: chain ${toSource(c.verdict)}\n  Portfolio ${toSource(w.verdict)}`;
  return undefined;
}

async function run(ctx: FuzzContext, actions: PortfolioAction[]): Promise<Verdict> {
  const b = await base(ctx);
  const { ethers, pm, mm, alice, bob, gov, deposits, lends, borrows, feeds, spec, vault, vaultIntegrator, t: ts } = b.sys;
  if (!(await ethers.provider.send("evm_revert", [b.snapshot]))) throw new Error("evm_revert failed");
  b.snapshot = await ethers.provider.send("evm_snapshot", []);
  const stats: Record<string, number> = {};
  const log: string[] = [];
  const count = (k: string) => (stats[k] = (stats[k] ?? 0) + 1);
  const send = async (what: string, f: () => Promise<any>) => {
    try {
      await (await f()).wait();
      count(what);
      return true;
    } catch (e) {
      count(`${what}:${revertName(e, b.errors)}`);
      return false;
    }
  };
  const read = (id: number) => Portfolio.fromChain(ethers.provider, b.pm, alice.address, id);
  const callTime = async () => (await read(0)).shared.blockTimestamp;
  const mismatch = (i: number, p: number, what: string) => ({ agree: false, kind: "mismatch", stats, detail: `step ${i}, portfolio ${p}: ${what}\nsteps so far:\n${log.join("\n")}` });

  for (let i = 0; i < actions.length; i++) {
    const a = actions[i];
    log.push(`  ${i}: ${toSource(a)}`);
    let before: Portfolio[] | undefined;
    if (a.t === "deposit" || a.t === "lend" || a.t === "borrow") {
      const dec = BigInt(spec[TOKENS[a.token]][0]);
      const amount = (a.mant * 10n ** dec) / 10n ** (a.t === "borrow" ? 5n : 4n) || 1n;
      const addr = b.addrs[a.token];
      if (a.t === "deposit") await send(a.t, () => deposits.connect(alice).deposit(addr, amount, a.pid));
      else if (a.t === "lend") await send(a.t, () => lends.connect(alice).lend(addr, amount, a.pid));
      else await send(a.t, () => borrows.connect(alice).borrow(addr, amount, a.pid));
    } else if (a.t === "vault") {
      const amount = (a.mant * 10n ** 18n) / 10n ** 6n || 1n;
      if (await send("vaultDeposit", () => vault.connect(alice).deposit(amount, alice.address))) {
        const shares = await vault.balanceOf(alice.address);
        if (shares > 0n) await send("vault", () => vaultIntegrator.connect(alice).deposit(vault.getAddress(), shares, a.pid));
      }
    } else if (a.t === "borrowShare") {
      let usdNet: bigint;
      try {
        usdNet = (await pm.breakdown(alice.address, a.pid))[1];
      } catch {
        continue;
      }
      if (usdNet <= 0n) continue;
      const [answer, fd] = await pm.price(b.addrs[a.token]).catch(() => [0n, 0n]);
      if (answer <= 0n) continue;
      const amount = (usdNet * BigInt(a.perMille) * 10n ** (BigInt(spec[TOKENS[a.token]][0]) + BigInt(fd))) / (1000n * answer * 10n ** 18n);
      if (amount > 0n) await send("borrow", () => borrows.connect(alice).borrow(b.addrs[a.token], amount, a.pid));
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
        const answer = await feeds[n].answer();
        await send(a.t, () => feeds[n].setAnswer(answer > 0n ? answer : spec[n][1]));
      }
      for (const f of [ts.feedA, ts.feedB]) await send(a.t, async () => f.setAnswer(await f.answer()));
    } else if (a.t === "time") {
      before = await Promise.all(Array.from({ length: PORTFOLIOS }, (_, p) => read(p)));
      await ethers.provider.send("evm_increaseTime", [a.seconds]);
      await ethers.provider.send("evm_mine", []);
      count("time");
    } else if (a.t === "supply" || a.t === "withdraw") {
      const dec = BigInt(spec[TOKENS[a.token]][0]);
      const addr = b.addrs[a.token];
      if (a.t === "supply") await send(a.t, () => mm.connect(bob).supply(addr, (a.mant * 10n ** dec) / 10n ** 3n || 1n));
      else {
        const held = await mm.lendShares(addr, bob.address);
        const shares = held < a.mant * 10n ** dec ? held : a.mant * 10n ** dec;
        if (shares > 0n) await send(a.t, () => mm.connect(bob).withdraw(addr, shares, bob.address));
      }
    } else if (a.t === "rate") {
      const unit = X64 / 1_000_000_000_000n; // rates per second in units of 1e-12
      await send(a.t, () => mm.connect(gov).setRateModel(b.addrs[a.token], {
        baseRateX64: BigInt(a.base) * unit, slope1X64: BigInt(a.slope1) * unit, kinkX64: (BigInt(a.kinkPct) * X64) / 100n, slope2X64: BigInt(a.slope2) * unit, reserveShareX64: (BigInt(a.reservePct) * X64) / 100n,
      }));
    } else if (a.t === "vaultMove") {
      const amount = (a.mant * 10n ** 18n) / 10n ** 8n || 1n;
      if (a.gain) await send("vaultGain", () => b.sys.tokens.WETH.connect(bob).transfer(vault.getAddress(), amount));
      else {
        const held = await b.sys.tokens.WETH.balanceOf(vault.getAddress());
        if (held > 0n) await send("vaultLoss", () => vault.lose(amount < held ? amount : held / 2n));
      }
    } else if (a.t === "liquidate") {
      const n = (await pm.positions(alice.address, a.pid)).length;
      if (n === 0) continue;
      const mask = a.mask < 0 ? (1 << n) - 1 : a.mask & ((1 << n) - 1);
      if (mask !== 0) await send(a.t, () => pm.connect(bob).liquidate(alice.address, a.pid, mask));
    } else if (a.t === "maker" || a.t === "taker" || a.t === "bundle") {
      const lo = a.lo * 60, hi = (a.lo + a.width) * 60;
      const liq = a.mant * 10n ** 17n;
      if (a.t === "maker") await send(a.t, () => ts.makers.connect(alice).mint(ts.POOL, lo, hi, liq, a.pid));
      else if (a.t === "taker") await send(a.t, () => ts.takers.connect(alice).take(ts.POOL, lo, hi, liq, a.pid));
      else {
        const w = Math.max(1, a.width >> 2);
        const mid = a.lo + (a.width >> 1);
        await send(a.t, () => ts.bundler.connect(alice).open({ pool: ts.POOL, makerLower: lo, makerUpper: hi, makerLiquidity: liq * 2n, takerLower: (mid - w) * 60, takerUpper: (mid + w) * 60, takerLiquidity: liq / 2n || 1n }, a.pid));
      }
    } else if (a.t === "uniswap") {
      const c = b.sys.tick0 - (b.sys.tick0 % UNI_SPACING) + a.lo * 3 * UNI_SPACING;
      const weth = a.mant * 10n ** 12n;
      try {
        await b.sys.uniswapDeposit(alice, c, c + a.width * 3 * UNI_SPACING, weth, weth * 2000n / 10n ** 12n, BigInt(a.pid));
        count(a.t);
      } catch (e) {
        count(`${a.t}:${revertName(e, b.errors)}`);
      }
    } else if (a.t === "swap2") {
      try {
        await b.sys.twoSidedSwapTo(a.tick - (a.tick % 60), TickMath);
        count(a.t);
      } catch (e) {
        count(`${a.t}:${revertName(e, b.errors)}`);
      }
    } else if (a.t === "swapUni") {
      try {
        await b.sys.uniswapSwap(a.wethIn, a.wethIn ? a.mant * 10n ** 13n : a.mant * 10n ** 4n);
        count(a.t);
      } catch (e) {
        count(`${a.t}:${revertName(e, b.errors)}`);
      }
    } else if (a.t === "poolFeed") {
      const f = a.b ? ts.feedB : ts.feedA;
      await send(a.t, async () => f.setAnswer(((await f.answer()) * BigInt(a.perMille)) / 1000n));
    } else if (a.t === "liqPrice") {
      const name = TOKENS[a.token];
      const f = feeds[name];
      for (const beyond of [0n, 1n]) {
        const t = (await callTime()) + 5n;
        let L: bigint | null;
        try {
          L = (await read(a.pid)).liquidationPrice(b.addrs[a.token], { now: t });
        } catch (e) {
          count(`liqPrice:${errorName(e)}`);
          break;
        }
        if (L === null) {
          count("liqPrice:undefined");
          break;
        }
        const p = await read(a.pid);
        const net = p.check({ now: t }).nets[b.addrs[a.token].toLowerCase()] ?? 0n;
        const answer = net > 0n ? L + beyond : L - beyond;
        if (answer <= 0n || answer >= 1n << 128n) break;
        await ethers.provider.send("evm_setNextBlockTimestamp", [Number(t)]);
        await (await f.setAnswer(answer)).wait();
        let solvent: boolean;
        try {
          solvent = await pm.isSolvent(alice.address, a.pid);
        } catch (e) {
          count(`liqPrice:chain ${revertName(e, b.errors)}`);
          break;
        }
        if (solvent !== (beyond === 1n)) return mismatch(i, a.pid, `liquidationPrice ${L} for ${name}: at ${answer} the chain says solvent = ${solvent}`);
        count(beyond ? "liqPrice:beyond solvent" : "liqPrice:insolvent at L");
      }
    }
    for (let p = 0; p < PORTFOLIOS; p++) {
      const c = await chainSide(b, alice.address, p);
      count(c.verdict.ok ? "breakdown" : `breakdown:${c.verdict.error}`);
      const bad = agree(c, portfolioSide(await read(p), undefined));
      if (bad) return mismatch(i, p, `fresh read: ${bad}`);
      if (before) {
        const late = agree(c, portfolioSide(before[p], await callTime()));
        if (late) return mismatch(i, p, `read before the time step, valued after it: ${late}`);
      }
    }
  }
  return { agree: true, kind: "value", stats, detail: `${actions.length} steps agree` };
}

export function portfolioTargets(): Target<any>[] {
  return [
    {
      name: "portfolio",
      kind: "stateful",
      arb: portfolioScenarioArb,
      batch: 1,
      async evaluate(ctx, inputs) {
        const out: Verdict[] = [];
        for (const s of inputs) out.push(await run(ctx, s));
        return out;
      },
    },
  ];
}
