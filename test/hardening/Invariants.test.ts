// System invariants over long random action sequences on the whole deployed system (money market,
// Portfolio Manager, every producer, the 2sAMM WETH/USDC pool): deposits, lends, borrows, maker
// mints, taker reservations, uninstalls, swaps, time, oracle moves, liquidations, protocol fee
// collection, flash supplies around a pool touch and hostile probes (a stranger destroying,
// installing, settling, burning, releasing).
// Checked after every step, from one block's state:
//   - every contract holds the tokens it owes: the pool (balances + what its takers owe >= what its
//     makers are owed + protocol fees), the money market (balance >= tracked cash; cash + debt >=
//     supplied), the deposit producer (exactly the live deposits), the lend and borrow producers
//     (exactly the live assets' shares), the maker/taker producers and the PM (nothing at rest);
//   - every successful user transaction leaves its portfolio solvent under both valuations (spot and
//     reference prices); a liquidation needs, and leaves, reference insolvency cured (or the portfolio empty);
//   - price pushes (a large swap, any other action, the swap back) never make a portfolio the inner
//     user action touched liquidatable, and no bad debt appears unless an oracle price or time moved;
//   - the pool's fee growth never decreases and protocol fees only fall by what governance collected;
//   - takers never hold more than makers on any segment between ticks, and right after a take its
//     range is within the cap (the cap governs new reservations: docs/amm.md);
//   - the PM's position lists equal the model's; a stranger cannot destroy, install or settle;
//   - a flash supply around a pool touch leaves the pool exactly as the touch alone (its events, price,
//     fee growth, and every range's premium growth a day later).
// Each sequence ends by closing everything (liquidating what is insolvent first); every close must
// succeed, the pool must keep its protocol fees and the producers must end empty.
// Seed: ITOS_SEED (default fixed); ITOS_INVARIANT_RUNS sequences of ITOS_INVARIANT_STEPS steps.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { network } from "../helpers/chain.js";
import { deploySystem } from "../../scripts/lib/system.js";
import { init, TickMath } from "../../bindings/index.js";

const SEED = Number(process.env.ITOS_SEED ?? 20261121);
// Default: 200 sequences of 15 steps (breadth), plus 8 of 60 (depth: long enough for prices to
// drift into liquidations). Setting either variable runs just that one campaign.
const CUSTOM = process.env.ITOS_INVARIANT_RUNS !== undefined || process.env.ITOS_INVARIANT_STEPS !== undefined;
const CAMPAIGNS: [number, number][] = CUSTOM
  ? [[Number(process.env.ITOS_INVARIANT_RUNS ?? 8), Number(process.env.ITOS_INVARIANT_STEPS ?? 60)]]
  : [[200, 15], [8, 60]];
const MAX = (1n << 256n) - 1n;
const NAMES = ["WETH", "USDC", "PEPE"] as const;
const PRICE8: Record<string, bigint> = { WETH: 2000_00000000n, USDC: 1_00000000n, PEPE: 1000n };
const DECIMALS: Record<string, bigint> = { WETH: 18n, USDC: 6n, PEPE: 18n };
/** Token units per USD at the starting prices. */
const perUsd = (n: string) => (10n ** DECIMALS[n] * 10n ** 8n) / PRICE8[n];

type Kind = "deposit" | "lend" | "borrow" | "maker" | "taker";
interface Asset {
  kind: Kind;
  producer: string;
  id: bigint;
  token?: string; // deposit/lend/borrow
  amount?: bigint; // deposit: tokens held for it
  shares?: bigint; // lend/borrow: money-market shares
  holder?: string; // maker
  range?: number; // maker/taker: index into RANGES
  liquidity?: bigint; // maker
}

/** Taker liquidity for range r: l/400 of 110% of the room under the cap on its tightest segment. */
function takerSize(m: Model, r: number, l: number): bigint {
  const size = (roomOf(m, r) * 11n * BigInt(l)) / 4000n;
  return size > 0n ? size : 10n ** 13n;
}

/** Room under the cap on range r's tightest segment, from the model. */
function roomOf(m: Model, r: number): bigint {
  const [lo, hi] = RANGES[r];
  const makers = m.assets.flat(2).filter((x) => x.kind === "maker");
  let room: bigint | undefined;
  for (let i = 0; i + 1 < TICKS.length; i++) {
    const [a, b] = [TICKS[i], TICKS[i + 1]];
    if (a < lo || b > hi) continue;
    const covers = ([x, y]: [number, number]) => x <= a && y >= b;
    const P = makers.filter((x) => covers(RANGES[x.range!])).reduce((t, x) => t + x.liquidity!, 0n);
    const R = [...m.takerRange.entries()].filter(([k]) => covers(RANGES[k])).reduce((t, [, v]) => t + v, 0n);
    const free = (P * 7n) / 10n - R;
    if (room === undefined || free < room) room = free;
  }
  return room ?? 0n;
}

type Action =
  | { k: "push"; zf: boolean; usd: number; inner: Action }
  | { k: "deposit" | "lend" | "borrow"; u: number; p: number; t: number; usd: number }
  | { k: "maker" | "taker"; u: number; p: number; r: number; l: number }
  | { k: "uninstall"; u: number; p: number; i: number }
  | { k: "swap"; zf: boolean; usd: number }
  | { k: "time"; secs: number; refresh: boolean }
  | { k: "price"; t: number; pct: number }
  | { k: "squeeze"; u: number; p: number; pct: number }
  | { k: "liquidate"; u: number; p: number; bits: number }
  | { k: "lever"; u: number; p: number; t: number; pct: number }
  | { k: "accrue" }
  | { k: "flash"; t: number; swap: boolean; zf: boolean; usd: number }
  | { k: "collect"; pips: number }
  | { k: "probe"; what: number; i: number };

const user = fc.integer({ min: 0, max: 2 }), pf = fc.integer({ min: 0, max: 1 });
// The user actions an attacker would wrap in a price push (borrowing or withdrawing against a pushed price).
const pushedArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ k: fc.constant("lever" as const), u: user, p: pf, t: fc.integer({ min: 0, max: 1 }), pct: fc.integer({ min: 50, max: 99 }) }),
  fc.record({ k: fc.constant("borrow" as const), u: user, p: pf, t: fc.integer({ min: 0, max: 1 }), usd: fc.integer({ min: 10, max: 60_000 }) }),
  fc.record({ k: fc.constant("uninstall" as const), u: user, p: pf, i: fc.nat(15) }),
  fc.record({ k: fc.constant("maker" as const), u: user, p: pf, r: fc.integer({ min: 0, max: 4 }), l: fc.integer({ min: 1, max: 1000 }) }),
  fc.record({ k: fc.constant("liquidate" as const), u: user, p: pf, bits: fc.constant(0) }),
);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  // A price push: a swap of up to ~2,400 ticks, one action, then the swap back to the starting price.
  { weight: 4, arbitrary: fc.record({ k: fc.constant("push" as const), zf: fc.boolean(), usd: fc.integer({ min: 50_000, max: 5_000_000 }), inner: pushedArb }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant("deposit" as const), u: user, p: pf, t: fc.integer({ min: 0, max: 2 }), usd: fc.integer({ min: 100, max: 200_000 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("lend" as const), u: user, p: pf, t: fc.integer({ min: 0, max: 1 }), usd: fc.integer({ min: 100, max: 100_000 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant("borrow" as const), u: user, p: pf, t: fc.integer({ min: 0, max: 1 }), usd: fc.integer({ min: 10, max: 60_000 }) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant("maker" as const), u: user, p: pf, r: fc.integer({ min: 0, max: 4 }), l: fc.integer({ min: 1, max: 1000 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant("taker" as const), u: user, p: pf, r: fc.integer({ min: 0, max: 4 }), l: fc.integer({ min: 1, max: 400 }) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant("uninstall" as const), u: user, p: pf, i: fc.nat(15) }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant("swap" as const), zf: fc.boolean(), usd: fc.integer({ min: 10, max: 30_000 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("time" as const), secs: fc.integer({ min: 60, max: 3 * 86400 }), refresh: fc.integer({ min: 0, max: 3 }).map((x) => x > 0) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant("price" as const), t: fc.integer({ min: 0, max: 2 }), pct: fc.integer({ min: -45, max: 45 }) }) },
  // bits: which positions to close (all of them when none of the low bits is set, half the time).
  { weight: 4, arbitrary: fc.record({ k: fc.constant("liquidate" as const), u: user, p: pf, bits: fc.oneof(fc.constant(0), fc.nat(0xffff)) }) },
  // A borrow of pct% of the portfolio's free USD margin: brings portfolios near the edge, so that
  // price moves make them liquidatable.
  { weight: 4, arbitrary: fc.record({ k: fc.constant("lever" as const), u: user, p: pf, t: fc.integer({ min: 0, max: 1 }), pct: fc.integer({ min: 50, max: 99 }) }) },
  // An adverse move: the token some portfolio borrowed rises (so liquidations happen).
  { weight: 4, arbitrary: fc.record({ k: fc.constant("squeeze" as const), u: user, p: pf, pct: fc.integer({ min: 10, max: 80 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("accrue" as const) }) },
  // A flash supply of WETH or USDC around a pool touch: the premium accrual, or a swap.
  { weight: 2, arbitrary: fc.record({ k: fc.constant("flash" as const), t: fc.integer({ min: 0, max: 1 }), swap: fc.boolean(), zf: fc.boolean(), usd: fc.integer({ min: 10, max: 30_000 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("collect" as const), pips: fc.integer({ min: 0, max: 1_000_000 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("probe" as const), what: fc.integer({ min: 0, max: 4 }), i: fc.nat(63) }) },
);

// ethers' typed contracts lose their methods through connect(); the system is used untyped here.
let conn: any, ethers: any, s: any;
let gov: any, users: any[], liquidator: any, stranger: any;
let router: any, batcher: any, rogue: any, flasher: any;
let T: Record<string, string>, token0: string, token1: string, n0: string, n1: string;
let RANGES: [number, number][];
let TICKS: number[];
let LIMIT_LO: bigint, LIMIT_HI: bigint;
let poolAddr: string, lensAddr: string, mmAddr: string;
const addrOf: Record<string, string> = {};
const refusals: Record<string, number> = {};
const kinds: Record<string, number> = {};
const okKinds: Record<string, number> = {};
let currentKind = "";
const stats = { pushes: 0, steps: 0, ok: 0, reverted: 0, checks: 0, sequences: 0, liquidations: 0, partialLiquidations: 0, closingLiquidations: 0, maxPoolDust0: 0n as bigint, maxPoolDust1: 0n as bigint };

let baseSnap: unknown;

async function rpc(method: string, params: unknown[] = []) {
  return conn.provider.request({ method, params });
}

beforeAll(async () => {
  await init();
  conn = await network();
  ethers = conn.ethers;
  const signers = await ethers.getSigners();
  [gov, liquidator, stranger] = [signers[0], signers[4], signers[5]];
  users = signers.slice(1, 4);
  s = await deploySystem(ethers, gov);
  T = {};
  for (const n of NAMES) T[n] = await s.tokens[n].getAddress();
  for (const k of ["pm", "moneyMarket", "deposits", "lends", "borrows", "makers", "takers", "lens", "pool"] as const) addrOf[k] = await (s as any)[k].getAddress();
  [poolAddr, lensAddr, mmAddr] = [addrOf.pool, addrOf.lens, addrOf.moneyMarket];
  token0 = await s.pool.token0();
  token1 = await s.pool.token1();
  n0 = token0 === T.WETH ? "WETH" : "USDC";
  n1 = n0 === "WETH" ? "USDC" : "WETH";
  router = await ethers.deployContract("ReentrantCallee");
  batcher = await ethers.deployContract("ViewBatch");
  // Built by governance but never registered: its installs must be refused.
  rogue = await ethers.deployContract("MaliciousProducer", [addrOf.pm]);
  flasher = await ethers.deployContract("FlashSupplier");
  for (const n of NAMES) {
    const t = s.tokens[n];
    await t.mint(await router.getAddress(), 10n ** 40n);
    await t.mint(await flasher.getAddress(), 10n ** 40n);
    for (const w of [...users, liquidator]) {
      await t.mint(w.address, 10n ** 40n);
      for (const sp of ["pm", "deposits", "lends", "borrows", "makers", "takers"]) await t.connect(w).approve(addrOf[sp], MAX);
    }
  }
  for (const w of users) for (let i = 0; i < 2; i++) await s.pm.connect(w).openPortfolio();
  const [, tick] = await s.pool.slot0();
  const base = Math.floor(Number(tick) / 60) * 60;
  RANGES = [
    [base - 600, base + 600],
    [base - 1200, base + 1200],
    [base - 120, base + 180],
    [base + 600, base + 1800],
    [base - 1800, base - 600],
  ];
  TICKS = [...new Set(RANGES.flat())].sort((a, b) => a - b);
  LIMIT_LO = TickMath.getSqrtRatioAtTick(base - 2400);
  LIMIT_HI = TickMath.getSqrtRatioAtTick(base + 2400);
  baseSnap = await rpc("evm_snapshot"); // every campaign starts from the fresh deployment
});

/** Portfolio model: the live assets of (user, portfolio), in PM order. */
type Model = {
  assets: Asset[][][];
  takerRange: Map<number, bigint>;
  collected: [bigint, bigint];
  justTook?: number;
  prev?: { g0: bigint; g1: bigint; pf0: bigint; pf1: bigint };
  // Bad debt needs an oracle move or time (interest): set by "price" and "time" steps.
  pricesOrTimeMoved: boolean;
  badDebt: bigint;
};

function freshModel(): Model {
  return { assets: users.map(() => [[], []]), takerRange: new Map(), collected: [0n, 0n], pricesOrTimeMoved: false, badDebt: 0n };
}

/** A tx that may revert: returns whether it succeeded. Reverts must be named contract errors. */
async function attempt(send: () => Promise<any>): Promise<boolean> {
  try {
    const tx = await send();
    await tx.wait();
    stats.ok++;
    const k = currentKind;
    okKinds[k] = (okKinds[k] ?? 0) + 1;
    return true;
  } catch (e: any) {
    const msg = String(e?.message ?? e);
    // A revert with a reason or custom error is an allowed outcome; a panic (overflow, division by
    // zero, array bounds) or an unexplained revert is a bug.
    if (/panic|0x4e487b71|reverted without a reason/i.test(msg)) throw new Error(`unexpected revert: ${msg.slice(0, 400)}`);
    stats.reverted++;
    const name = /custom error '([A-Za-z]+)|reverted with custom error '([A-Za-z]+)|error=([A-Za-z]+)/.exec(msg);
    const key = name ? (name[1] ?? name[2] ?? name[3]) : msg.slice(0, 80);
    refusals[key] = (refusals[key] ?? 0) + 1;
    return false;
  }
}

async function refreshFeeds() {
  for (const n of NAMES) await (await s.feeds[n].setAnswer(await s.feeds[n].answer())).wait();
}

async function assertSolvent(w: any, p: number, why: string) {
  const n = (await s.pm.positions(w.address, p)).length;
  if (n === 0) return;
  if (why === "liquidation") {
    expect(await s.pm.isLiquidatable(w.address, p), `${why} left ${w.address}/${p} insolvent at reference prices`).toBe(false);
  } else {
    expect(await s.pm.isSolvent(w.address, p), `${why} left ${w.address}/${p} insolvent`).toBe(true);
  }
}

/** Arbitrage: swaps the pool to `target` (the swap's price limit), however far that is. */
async function swapTo(target: bigint) {
  const now: bigint = (await s.pool.slot0()).sqrtPriceX96;
  if (now === target) return;
  await (await router.swap(poolAddr, now > target, 10n ** 36n, target)).wait();
}

async function step(m: Model, action: Action): Promise<void> {
  let a: any = action;
  stats.steps++;
  kinds[a.k] = (kinds[a.k] ?? 0) + 1;
  currentKind = a.k;
  switch (a.k) {
    case "push": {
      // With both tokens on feeds the reference price ignores the pool entirely, so the push's three
      // transactions need not share a block; the pool's TWAP, which would see a cross-block push, is not
      // this pool's reference (its in-block behaviour is tested against Uniswap V3 in test/amm/Oracle.test.ts).
      const start: bigint = (await s.pool.slot0()).sqrtPriceX96;
      const name = a.zf ? n0 : n1;
      stats.pushes++;
      await attempt(() => router.swap(poolAddr, a.zf, BigInt(a.usd) * perUsd(name), a.zf ? LIMIT_LO : LIMIT_HI));
      const inner = a.inner as Action;
      await step(m, inner);
      currentKind = "push";
      await swapTo(start);
      // The pushed action's portfolio is not liquidatable afterwards (no oracle moved). A taker's portfolio
      // is exempt: the push's swaps charge it real fees on its reserved liquidity (docs/security.md).
      if ("u" in inner && "p" in inner) {
        const w = users[inner.u];
        const held = m.assets[inner.u][inner.p];
        if (held.length && !held.some((x) => x.kind === "taker")) {
          // A stale feed (time passed in the sequence) answers nothing either way: nothing to check then.
          const liquidatable = await s.pm.isLiquidatable(w.address, inner.p).catch((e: any) => {
            if (/StalePrice/.test(String(e?.message))) return false;
            throw e;
          });
          expect(liquidatable, `a price push around ${inner.k} left ${w.address}/${inner.p} liquidatable`).toBe(false);
        }
      }
      return;
    }
    case "deposit":
    case "lend":
    case "borrow": {
      const w = users[a.u], name = NAMES[a.t], token = T[name];
      const amount = (a as any).amount ?? BigInt(a.usd) * perUsd(name);
      const producer = a.k === "deposit" ? s.deposits : a.k === "lend" ? s.lends : s.borrows;
      const fn = a.k === "deposit" ? "deposit" : a.k;
      if (!(await attempt(() => producer.connect(w)[fn](token, amount, a.p)))) return;
      const id = await producer.lastAssetId();
      const asset: Asset = { kind: a.k, producer: await producer.getAddress(), id, token };
      if (a.k === "deposit") asset.amount = amount;
      else asset.shares = (a.k === "lend" ? await s.lends.lends(id) : await s.borrows.borrows(id)).shares;
      m.assets[a.u][a.p].push(asset);
      await assertSolvent(w, a.p, a.k);
      return;
    }
    case "lever": {
      const w = users[a.u], list = m.assets[a.u][a.p];
      if (list.length === 0) return;
      let usdNet: bigint;
      try {
        usdNet = (await s.pm.breakdown(w.address, a.p)).usdNet;
      } catch {
        return; // a stale or missing price: nothing to size the borrow with
      }
      if (usdNet <= 0n) return;
      const name = NAMES[a.t];
      const answer = BigInt(await s.feeds[name].answer());
      // tokens = usd * 10^dec / (answer * 10^10), less ~3% for the debt's variance factor.
      const amount = (usdNet * BigInt(a.pct) * 10n ** DECIMALS[name]) / (answer * 10n ** 10n * 103n);
      if (amount === 0n) return;
      return step(m, { k: "borrow", u: a.u, p: a.p, t: a.t, usd: 0, amount } as any);
    }
    case "maker":
    case "taker": {
      // A taker goes to the first range from r on with room under the cap (if any).
      if (a.k === "taker") for (let j = 0; j < RANGES.length && roomOf(m, a.r) <= 0n; j++) a = { ...a, r: (a.r + 1) % RANGES.length };
      const w = users[a.u], [lo, hi] = RANGES[a.r];
      // Makers: l x 1e13. Takers: l/400 of 1.1 x the room the cap leaves on the range's tightest
      // segment (from the model), so most fit and some (above the cap) are refused.
      const liquidity = a.k === "maker" ? BigInt(a.l) * 10n ** 13n : takerSize(m, a.r, a.l);
      if (a.k === "maker") {
        if (!(await attempt(() => s.makers.connect(w).mint(poolAddr, lo, hi, liquidity, a.p)))) return;
        const id = await s.makers.lastAssetId();
        const holder = (await s.makers.makers(id)).holder;
        m.assets[a.u][a.p].push({ kind: "maker", producer: addrOf.makers, id, holder, range: a.r, liquidity });
      } else {
        if (!(await attempt(() => s.takers.connect(w).take(poolAddr, lo, hi, liquidity, a.p)))) return;
        const id = await s.takers.lastAssetId();
        m.assets[a.u][a.p].push({ kind: "taker", producer: addrOf.takers, id, range: a.r });
        m.takerRange.set(a.r, liquidity);
        m.justTook = a.r;
      }
      await assertSolvent(w, a.p, a.k);
      return;
    }
    case "uninstall": {
      const w = users[a.u], list = m.assets[a.u][a.p];
      if (list.length === 0) return;
      const i = a.i % list.length, asset = list[i];
      if (!(await attempt(() => s.pm.connect(w).uninstall(a.p, asset.producer, asset.id)))) return;
      list.splice(i, 1);
      if (asset.kind === "taker") m.takerRange.delete(asset.range!);
      await assertSolvent(w, a.p, "uninstall");
      return;
    }
    case "swap": {
      const name = a.zf ? n0 : n1;
      const amount = BigInt(a.usd) * perUsd(name);
      // A swap that would drain the curve may meet TransferFailed: the pool advances makers' credits
      // for taker debts from its balance (docs/amm.md; docs/security.md, known limits).
      await attempt(() => router.swap(poolAddr, a.zf, amount, a.zf ? LIMIT_LO : LIMIT_HI));
      return;
    }
    case "time": {
      m.pricesOrTimeMoved = true;
      await rpc("evm_increaseTime", [a.secs]);
      await rpc("evm_mine");
      if (a.refresh) await refreshFeeds();
      return;
    }
    case "price": {
      m.pricesOrTimeMoved = true;
      const f = s.feeds[NAMES[a.t]];
      const now = BigInt(await f.answer());
      const next = (now * BigInt(100 + a.pct)) / 100n;
      await (await f.setAnswer(next > 0n ? next : 1n)).wait();
      return;
    }
    case "squeeze": {
      // Raise the price of a token some portfolio is net short of (a debt not covered in kind).
      for (let j = 0; j < 6; j++) {
        const [u, p] = [(a.u + Math.floor((a.p + j) / 2)) % 3, (a.p + j) % 2];
        if (m.assets[u][p].length === 0) continue;
        const b = await s.pm.breakdown(users[u].address, p).catch(() => undefined);
        const k = b ? b.nets.findIndex((n: bigint, i: number) => n < 0n && b.tokens[i] !== T.PEPE) : -1;
        if (k >= 0) return step(m, { k: "price", t: NAMES.findIndex((n) => T[n] === b.tokens[k]), pct: a.pct });
      }
      return;
    }
    case "liquidate": {
      // Keepers liquidate on fresh prices (stale ones refuse it: tested in OracleFaults).
      await refreshFeeds();
      // The first insolvent portfolio from (u, p) on; if none, (u, p) itself (to see it refused).
      for (let j = 0; j < 6; j++) {
        const [u, p] = [(a.u + Math.floor((a.p + j) / 2)) % 3, (a.p + j) % 2];
        if (m.assets[u][p].length === 0) continue;
        const liquidatable = await s.pm.isLiquidatable(users[u].address, p).catch(() => false);
        if (liquidatable) {
          a = { ...a, u, p };
          break;
        }
      }
      const w = users[a.u], list = m.assets[a.u][a.p];
      if (list.length === 0) return;
      const all = (1n << BigInt(list.length)) - 1n;
      const mask = BigInt(a.bits) & all ? BigInt(a.bits) & all : all;
      if (!(await attempt(() => s.pm.connect(liquidator).liquidate(w.address, a.p, mask)))) return;
      stats.liquidations++;
      if (mask !== all) stats.partialLiquidations++;
      const closed = list.filter((_, i) => (mask >> BigInt(i)) & 1n);
      for (const asset of closed) if (asset.kind === "taker") m.takerRange.delete(asset.range!);
      m.assets[a.u][a.p] = list.filter((_, i) => !((mask >> BigInt(i)) & 1n));
      // A liquidation leaves the portfolio empty or solvent.
      await assertSolvent(w, a.p, "liquidation");
      return;
    }
    case "accrue":
      await attempt(() => s.pool.accruePremiumIndexes());
      return;
    case "flash": {
      // One transaction: 1e9 tokens supplied to the money market (its utilisation and borrow rate collapse), a
      // pool touch, everything withdrawn (docs/security.md). Invariant: the pool ends exactly as after the same
      // touch preceded by a plain accrual of that market (what the supply does first): the same events from the
      // pool (its premium indexes among them), price and fee growth, and a day later the same premium growth on
      // every range.
      const name = NAMES[a.t], token = T[name];
      const [target, data] = a.swap
        ? [await router.getAddress(), router.interface.encodeFunctionData("swap", [poolAddr, a.zf, BigInt(a.usd) * perUsd(a.zf ? n0 : n1), a.zf ? LIMIT_LO : LIMIT_HI])]
        : [poolAddr, s.pool.interface.encodeFunctionData("accruePremiumIndexes")];
      const at = (await ethers.provider.getBlock("latest")).timestamp + 1;
      const touch = async (supplied: bigint, counted: boolean) => {
        await rpc("evm_setNextBlockTimestamp", [at]);
        let rc: any;
        const send = async () => {
          rc = await (await flasher.flash(mmAddr, token, supplied, target, data)).wait();
          return { wait: async () => rc };
        };
        const ok = counted ? await attempt(send) : await send().then(() => true, () => false);
        const after = await rpc("evm_snapshot");
        await rpc("evm_mine", [at + 86_400]);
        const n = (await ethers.provider.getBlock("latest")).number;
        const seen: unknown[] = (rc?.logs ?? []).filter((l: any) => l.address === poolAddr).map((l: any) => [...l.topics, l.data]);
        seen.push(await s.pool.slot0({ blockTag: n }), await s.pool.feeGrowthGlobal0X128({ blockTag: n }), await s.pool.feeGrowthGlobal1X128({ blockTag: n }));
        for (const [lo, hi] of RANGES) seen.push(await s.pool.premiumGrowthInside(lo, hi, { blockTag: n }));
        return { ok, seen: seen.map((x: any) => (typeof x === "bigint" ? x : [...x])), after };
      };
      const before = await rpc("evm_snapshot");
      const honest = await touch(0n, false);
      await rpc("evm_revert", [before]);
      const flashed = await touch(10n ** 9n * 10n ** DECIMALS[name], true);
      await rpc("evm_revert", [flashed.after]); // back to right after the flash supply
      expect(flashed.ok, "a flash supply changed whether the touch succeeds").toBe(honest.ok);
      expect(flashed.seen, `a flash supply of ${name} around ${a.swap ? "a swap" : "accruePremiumIndexes"} changed the pool's ledger`).toEqual(honest.seen);
      return;
    }
    case "collect": {
      const [p0, p1] = await s.pool.protocolFees();
      const want0 = (p0 * BigInt(a.pips)) / 1_000_000n, want1 = (p1 * BigInt(a.pips)) / 1_000_000n;
      const got = await s.pool.collectProtocol.staticCall(gov.address, want0, want1);
      if (await attempt(() => s.pool.collectProtocol(gov.address, want0, want1))) {
        m.collected[0] += got[0];
        m.collected[1] += got[1];
      }
      return;
    }
    case "probe": {
      const live = m.assets.flat(2);
      const asset = live.length ? live[a.i % live.length] : undefined;
      const refused = async (p: Promise<unknown>, name: string) => {
        const e = await p.then(() => undefined, (err) => err);
        expect(e, `${name} was not refused`).toBeDefined();
        expect(String(e.message)).toMatch(new RegExp(name));
      };
      if (a.what === 0 && asset) {
        const producer = await ethers.getContractAt("TokenDepositProducer", asset.producer);
        await refused(producer.connect(stranger).destroy(asset.id, stranger.address), "NotPortfolioManager");
      } else if (a.what === 1) {
        await refused(rogue.connect(stranger).installFor(users[a.i % 3].address, 0, T.USDC, 0, 10n ** 12n), "NotProducer");
      } else if (a.what === 2) {
        await refused(s.pm.connect(stranger).settle(T.WETH, 1n), "NotSettling");
      } else if (a.what === 3) {
        // Another maker's range: the stranger holds nothing there.
        const [lo, hi] = RANGES[a.i % RANGES.length];
        await refused(s.pool.connect(stranger).burn(lo, hi, 1n), "TickLiquidityOverflow|LiquidityUnderflow|PositionNotFound");
      } else if (a.what === 4) {
        const [lo, hi] = RANGES[a.i % RANGES.length];
        await refused(s.pool.connect(stranger).release(lo, hi, 1n, stranger.address, "0x"), "PositionNotFound");
      }
      return;
    }
  }
}

/** Reads everything the invariants need in one eth_call and checks them. */
async function check(m: Model): Promise<void> {
  stats.checks++;
  // Bad debt only from an oracle move or interest, never from a pool's spot price.
  const badDebt: bigint = await s.pm.totalBadDebtUsd();
  if (badDebt > m.badDebt) expect(m.pricesOrTimeMoved, `bad debt of ${badDebt - m.badDebt} with no oracle or time move`).toBe(true);
  m.badDebt = badDebt;
  const calls: { c: any; fn: string; args: unknown[]; to: string }[] = [];
  const q = (c: any, to: string, fn: string, args: unknown[] = []) => calls.push({ c, fn, args, to }) - 1;
  const erc = s.tokens.WETH;
  const bal = (token: string, who: string) => q(erc, token, "balanceOf", [who]);
  const iPool = [bal(token0, poolAddr), bal(token1, poolAddr), q(s.pool, poolAddr, "protocolFees"), q(s.pool, poolAddr, "feeGrowthGlobal0X128"), q(s.pool, poolAddr, "feeGrowthGlobal1X128")];
  const live = m.assets.flat(2);
  const makers = live.filter((x) => x.kind === "maker");
  const iMakers = makers.map((x) => q(s.lens, lensAddr, "makerValue", [poolAddr, x.holder, ...RANGES[x.range!]]));
  const takerRanges = [...m.takerRange.keys()];
  const iTakers = takerRanges.map((r) => q(s.lens, lensAddr, "takerValue", [poolAddr, addrOf.takers, ...RANGES[r]]));
  const iTicks = TICKS.map((t) => q(s.pool, poolAddr, "ticks", [t]));
  const iMarket = NAMES.map((n) => [q(s.moneyMarket, mmAddr, "marketState", [T[n]]), bal(T[n], mmAddr), q(s.moneyMarket, mmAddr, "lendShares", [T[n], addrOf.lends]), q(s.moneyMarket, mmAddr, "borrowShares", [T[n], addrOf.borrows])]);
  const iHeld = NAMES.map((n) => ["deposits", "borrows", "makers", "takers", "pm"].map((k) => bal(T[n], addrOf[k])));
  const iPositions = users.flatMap((w) => [0, 1].map((p) => q(s.pm, addrOf.pm, "positions", [w.address, p])));
  const res = await batcher.batch(calls.map((x) => x.to), calls.map((x) => x.c.interface.encodeFunctionData(x.fn, x.args)));
  const r = (i: number) => {
    if (!res[i].ok) throw new Error(`view ${calls[i].fn} reverted`);
    return calls[i].c.interface.decodeFunctionResult(calls[i].fn, res[i].data);
  };

  // The pool: what it holds plus what its takers owe covers what its makers are owed and the protocol fees.
  const [pf0, pf1] = r(iPool[2]);
  const owedToMakers = [0n, 0n], owedByTakers = [0n, 0n];
  for (const i of iMakers) {
    const v = r(i)[0];
    owedToMakers[0] += v.amount0 + v.owed0;
    owedToMakers[1] += v.amount1 + v.owed1;
  }
  for (const [j, i] of iTakers.entries()) {
    const v = r(i)[0];
    expect(v.liquidity, "taker position liquidity").toBe(m.takerRange.get(takerRanges[j]));
    owedByTakers[0] += v.returnAmount0 + v.debt0;
    owedByTakers[1] += v.returnAmount1 + v.debt1;
  }
  const b0 = r(iPool[0])[0], b1 = r(iPool[1])[0];
  expect(b0 + owedByTakers[0] >= owedToMakers[0] + pf0, `pool token0 short: ${b0}+${owedByTakers[0]} < ${owedToMakers[0]}+${pf0}`).toBe(true);
  expect(b1 + owedByTakers[1] >= owedToMakers[1] + pf1, `pool token1 short: ${b1}+${owedByTakers[1]} < ${owedToMakers[1]}+${pf1}`).toBe(true);

  // Fee growth never decreases; protocol fees fall only by what was collected.
  const g0 = r(iPool[3])[0], g1 = r(iPool[4])[0];
  if (m.prev) {
    expect(g0 >= m.prev.g0 && g1 >= m.prev.g1, "fee growth decreased").toBe(true);
    expect(pf0 + m.collected[0] >= m.prev.pf0 && pf1 + m.collected[1] >= m.prev.pf1, "protocol fees lost").toBe(true);
  }
  m.prev = { g0, g1, pf0, pf1 };
  m.collected = [0n, 0n];

  // On every segment between the ticks in use takers never hold more than makers provide; right after
  // a take, the range it reserved is within the cap (docs/amm.md: the cap governs new reservations,
  // makers may withdraw what is not reserved, so burns can raise the ratio up to 1 later).
  const cap = BigInt(await capPips());
  let maker = 0n, taker = 0n;
  for (const [j, i] of iTicks.entries()) {
    const [makerNet, takerNet] = r(i);
    maker += makerNet;
    taker += takerNet;
    expect(maker >= 0n && taker >= 0n, `negative liquidity above tick ${TICKS[j]}`).toBe(true);
    expect(taker <= maker, `takers hold more than makers above tick ${TICKS[j]}: ${taker} / ${maker}`).toBe(true);
    if (m.justTook !== undefined && j + 1 < TICKS.length) {
      const [lo, hi] = RANGES[m.justTook];
      if (TICKS[j] >= lo && TICKS[j + 1] <= hi) {
        expect(taker * 1_000_000n <= maker * cap, `taker cap exceeded above tick ${TICKS[j]} right after a take: ${taker} / ${maker}`).toBe(true);
      }
    }
  }
  m.justTook = undefined;
  expect(maker, "liquidity nets do not sum to zero").toBe(0n);
  expect(taker, "taker nets do not sum to zero").toBe(0n);

  // The money market: tokens held cover tracked cash; cash plus debt covers what lenders are owed.
  // The lend and borrow producers hold exactly their live assets' shares.
  for (const [k, n] of NAMES.entries()) {
    const [state, held, lendShares, borrowShares] = iMarket[k].map(r);
    const [supplied, borrowed, cash] = [state[0], state[1], state[2]];
    expect(held[0] >= cash, `${n}: market holds ${held[0]} < cash ${cash}`).toBe(true);
    expect(cash + borrowed >= supplied, `${n}: cash + debt < supplied`).toBe(true);
    const sum = (kind: Kind) => live.filter((x) => x.kind === kind && x.token === T[n]).reduce((a, x) => a + x.shares!, 0n);
    expect(lendShares[0], `${n}: lend producer shares`).toBe(sum("lend"));
    expect(borrowShares[0], `${n}: borrow producer shares`).toBe(sum("borrow"));
    // The deposit producer holds exactly the live deposits; the others hold nothing between calls.
    const [dep, bor, mak, tak, pm] = iHeld[k].map((i) => r(i)[0]);
    expect(dep, `${n}: deposit producer balance`).toBe(live.filter((x) => x.kind === "deposit" && x.token === T[n]).reduce((a, x) => a + x.amount!, 0n));
    expect([bor, mak, tak, pm], `${n}: tokens at rest in borrow/maker/taker producers or the PM`).toEqual([0n, 0n, 0n, 0n]);
  }

  // The PM's position lists are the model's.
  let j = 0;
  for (const [u] of users.entries()) {
    for (const p of [0, 1]) {
      const ps = r(iPositions[j++])[0];
      expect(ps.map((x: any) => `${x.producer}:${x.assetId}`), `positions of user ${u}/${p}`).toEqual(m.assets[u][p].map((x) => `${x.producer}:${x.id}`));
    }
  }
}

let _cap: number | undefined;
async function capPips() {
  return (_cap ??= Number(await s.pool.takerCapPips()));
}

/**
 * Closes everything, in rounds: prices back to the start, then per portfolio either a liquidation
 * (when insolvent) or uninstalls, debts first. A maker whose liquidity another portfolio's taker still
 * reserves cannot be burnt yet (LiquidityReserved), so it waits for a later round. Every position
 * must be closed by the end, with every invariant holding after each close.
 */
async function drain(m: Model) {
  for (const n of NAMES) await (await s.feeds[n].setAnswer(PRICE8[n])).wait();
  // Arbitrage brings the pool back to its feeds, so no user action meets PriceDeviation.
  await swapTo(await s.pm.referenceSqrtPriceX96(poolAddr));
  for (let round = 0; round < 4 && m.assets.flat(2).length > 0; round++) {
    for (const [u, w] of users.entries()) {
      for (const p of [0, 1]) {
        const list = m.assets[u][p];
        if (list.length === 0) continue;
        if (await s.pm.isLiquidatable(w.address, p)) {
          if (await attemptOnly(/LiquidityReserved/, () => s.pm.connect(liquidator).liquidate(w.address, p, (1n << BigInt(list.length)) - 1n))) {
            stats.closingLiquidations++;
            for (const a of list) if (a.kind === "taker") m.takerRange.delete(a.range!);
            m.assets[u][p] = [];
            await check(m);
          }
          continue;
        }
        for (const a of [...list].sort((x, y) => rank(x) - rank(y))) {
          if (!(await attemptOnly(/LiquidityReserved/, () => s.pm.connect(w).uninstall(p, a.producer, a.id)))) continue;
          list.splice(list.indexOf(a), 1);
          if (a.kind === "taker") m.takerRange.delete(a.range!);
          await check(m);
        }
      }
    }
  }
  expect(m.assets.flat(2).map((a) => `${a.kind}#${a.id}`), "positions left open").toEqual([]);
  await check(m);
  // With no positions left, the pool holds its protocol fees and only rounding dust beyond them.
  const b0: bigint = await s.tokens[n0].balanceOf(poolAddr), b1: bigint = await s.tokens[n1].balanceOf(poolAddr);
  const [pf0, pf1]: bigint[] = await s.pool.protocolFees();
  expect(b0 >= pf0 && b1 >= pf1).toBe(true);
  if (b0 - pf0 > stats.maxPoolDust0) stats.maxPoolDust0 = b0 - pf0;
  if (b1 - pf1 > stats.maxPoolDust1) stats.maxPoolDust1 = b1 - pf1;
}

/** A tx in the closing phase: only the named refusal is allowed. */
async function attemptOnly(allowed: RegExp, send: () => Promise<any>): Promise<boolean> {
  try {
    await (await send()).wait();
    return true;
  } catch (e: any) {
    if (!allowed.test(String(e?.message))) throw e;
    return false;
  }
}

const rank = (a: Asset) => (a.kind === "taker" ? 0 : a.kind === "borrow" ? 1 : 2);

for (const [RUNS, STEPS] of CAMPAIGNS) describe(`system invariants (seed ${SEED}, ${RUNS} sequences x ${STEPS} steps)`, () => {
  it("hold after every step of random action sequences, and everything can be closed", async () => {
    await rpc("evm_revert", [baseSnap]);
    baseSnap = await rpc("evm_snapshot");
    for (const k of Object.keys(stats) as (keyof typeof stats)[]) (stats as any)[k] = typeof stats[k] === "bigint" ? 0n : 0;
    let snap = await rpc("evm_snapshot");
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: STEPS, maxLength: STEPS }), async (actions) => {
        await rpc("evm_revert", [snap]);
        snap = await rpc("evm_snapshot");
        stats.sequences++;
        const m = freshModel();
        for (const a of actions) {
          await step(m, a);
          await check(m);
        }
        await drain(m);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: process.env.ITOS_SHRINK !== "1" },
    );
    console.log(`invariants: ${stats.sequences} sequences, ${stats.steps} steps (${stats.ok} txs ok, ${stats.reverted} refused), ${stats.checks} checks, ${stats.pushes} price pushes, ${stats.liquidations} liquidations (${stats.partialLiquidations} partial; +${stats.closingLiquidations} when closing); pool dust after closing all: ${stats.maxPoolDust0} / ${stats.maxPoolDust1} wei`);
    console.log(`refused: ${JSON.stringify(refusals)}`);
    console.log(`actions: ${JSON.stringify(kinds)}; succeeded: ${JSON.stringify(okKinds)}`);
    // The sequences did exercise the system (not all refused).
    expect(stats.ok).toBeGreaterThan(stats.steps / 4);
  }, Math.max(120_000, RUNS * STEPS * 500)); // long campaigns get time in proportion (about 60-100 ms a step)
});
