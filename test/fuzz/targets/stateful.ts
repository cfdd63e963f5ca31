// Stateful targets: random action sequences on deployed pools, mirrored on the Wasm Pool. Before
// each swap the Wasm pool quotes it; the executed amounts, and after every step the price, tick,
// active liquidity and fee growth, must match exactly. Reverts must carry the same error name.
//
// "Pool.vsUniswapV3" runs each sequence on Uniswap V3's own pool (bytecode from @uniswap/v3-core)
// and on a Wasm Pool with a flat fee and no protocol share; when the 2sAMM contracts are
// available, "Pool.threeWay" adds the project's TwoSidedPool configured the same way.
import fc from "fast-check";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Pool } from "../../../bindings/src/Pool.js";
import { getSqrtRatioAtTick } from "../../../bindings/src/TickMath.js";
import { errorName, GAS_CAP, toSource, type FuzzContext, type Target, type Verdict } from "../framework.js";
import * as A from "../arbitraries.js";

const require = createRequire(import.meta.url);

// ------------------------------------------------------------------ inputs

/** A pool configuration both Uniswap V3 (a fee tier) and the Wasm Pool can have. */
export const TIERS: ReadonlyArray<{ fee: number; tickSpacing: number }> = [
  { fee: 500, tickSpacing: 10 },
  { fee: 3000, tickSpacing: 60 },
  { fee: 10000, tickSpacing: 200 },
  // Enabled on the test factory: the smallest spacing, a zero fee, the largest spacing.
  { fee: 100, tickSpacing: 1 },
  { fee: 0, tickSpacing: 7 },
  { fee: 250_000, tickSpacing: 16383 },
];

export type Action =
  /** Maker liquidity over ticks (a, b) around the initial tick (aligned down to the spacing), or full range. */
  | { t: "mint"; a: number; b: number; full: boolean; liquidity: bigint }
  /** Burns part (per mille; > 1000 over-burns) of the pos-th open position (mod the count). */
  | { t: "burn"; pos: number; part: number }
  /** exactIn: amount > 0, else -amount. limit: none, `ticks` past the current tick, or on the wrong side. */
  | { t: "swap"; zeroForOne: boolean; exactIn: boolean; amount: bigint; limit: { kind: "none" } | { kind: "ticks"; n: number } | { kind: "wrong" } }
  | { t: "time"; seconds: number };

export interface Scenario {
  tier: number;
  /** Initial price: the sqrt price of this tick plus `priceOffset`. */
  tick: number;
  priceOffset: bigint;
  actions: Action[];
}

export const amountArb = fc.oneof(
  { arbitrary: fc.bigInt(1n, 10n ** 24n), weight: 3 },
  { arbitrary: A.edgeBigInt(1n, 1n << 120n), weight: 2 },
  { arbitrary: fc.constantFrom(0n, 1n, 2n), weight: 1 },
);

export const liquidityArb = fc.oneof(
  { arbitrary: fc.bigInt(1n, 10n ** 24n), weight: 4 },
  { arbitrary: A.edgeBigInt(1n, 1n << 110n), weight: 2 },
  { arbitrary: fc.constantFrom(1n, 2n, 1n << 100n), weight: 1 },
);

export const tickOffset = fc.oneof(fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: -200_000, max: 200_000 }));

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant("mint" as const), a: tickOffset, b: tickOffset, full: fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, { arbitrary: fc.constant(true), weight: 1 }), liquidity: liquidityArb }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant("burn" as const), pos: fc.nat(15), part: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.constantFrom(1000, 1000, 1001)) }), weight: 2 },
  {
    arbitrary: fc.record({
      t: fc.constant("swap" as const),
      zeroForOne: fc.boolean(),
      exactIn: fc.boolean(),
      amount: amountArb,
      limit: fc.oneof(
        { arbitrary: fc.constant({ kind: "none" as const }), weight: 6 },
        { arbitrary: fc.record({ kind: fc.constant("ticks" as const), n: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 20_000 })) }), weight: 6 },
        { arbitrary: fc.constant({ kind: "wrong" as const }), weight: 1 },
      ),
    }),
    weight: 9,
  },
  { arbitrary: fc.record({ t: fc.constant("time" as const), seconds: fc.integer({ min: 1, max: 86_400 * 30 }) }), weight: 1 },
);

export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  tier: fc.nat(TIERS.length - 1),
  tick: fc.oneof({ arbitrary: fc.integer({ min: -50_000, max: 50_000 }), weight: 4 }, { arbitrary: fc.integer({ min: -880_000, max: 880_000 }), weight: 1 }),
  priceOffset: fc.constantFrom(0n, 0n, 1n, -1n, 12345n),
  // Mints first, then a mix, so most sequences trade against liquidity.
  actions: fc.tuple(fc.array(actionArb.filter((a) => a.t === "mint"), { minLength: 1, maxLength: 4 }), fc.array(actionArb, { minLength: 1, maxLength: 30, size: "max" })).map(([m, r]) => [...m, ...r]),
});

// ------------------------------------------------------------------ chain side

const UNI = "@uniswap/v3-core/artifacts/contracts";
const MIN_SQRT = A.MIN_SQRT;
const MAX_SQRT = A.MAX_SQRT;
/** Bitmap words a swap may walk and still fit the 16,777,216 gas cap on every chain pool compared. */
export const MAX_WORDS_WALKED = 1000;

/** What every pool reports after a step (Uniswap's field names). */
export interface PoolState {
  sqrtPriceX96: bigint;
  tick: number;
  liquidity: bigint;
  feeGrowthGlobal0X128: bigint;
  feeGrowthGlobal1X128: bigint;
}

/** A deployed pool driven through the router. */
export interface ChainPool {
  label: string;
  address: string;
  contract: any;
  state(): Promise<PoolState>;
}

/** Uniswap V3 revert strings and the project's names for the same conditions. */
const UNISWAP_REASONS: Record<string, string> = {
  TLU: "InvalidTickRange",
  TLM: "InvalidTickRange",
  TUM: "InvalidTickRange",
  LO: "TickLiquidityOverflow",
  LS: "LiquidityUnderflow",
  LA: "LiquidityOverflow",
  SPL: "InvalidPriceLimit",
  AS: "AmountSpecifiedZero",
  T: "InvalidTick",
  R: "InvalidSqrtPrice",
};

/** The revert data of a failed call or transaction, wherever ethers and the provider put it. */
function revertData(e: any): string | undefined {
  for (const d of [e?.data, e?.error?.data, e?.info?.error?.data, e?.error?.error?.data, e?.cause?.data]) {
    if (typeof d === "string" && d.startsWith("0x")) return d;
    if (d && typeof d.data === "string") return d.data;
  }
  return undefined;
}

/** Names a revert: Uniswap's strings through UNISWAP_REASONS, custom errors through the given ABIs. */
export function chainErrorName(e: unknown, ifaces: any[], ethers: any, context: { zeroAmount?: boolean }): string {
  // A call that exhausts the 16,777,216 gas cap: no revert data, the provider says so.
  if (/run out of gas/i.test(String((e as any)?.message))) return "OutOfGas";
  const data = revertData(e);
  if (data === undefined) throw e;
  if (data === "0x") return context.zeroAmount ? "ZeroLiquidity" : "empty revert";
  if (data.startsWith("0x08c379a0")) {
    const [reason] = ethers.AbiCoder.defaultAbiCoder().decode(["string"], "0x" + data.slice(10));
    return UNISWAP_REASONS[reason] ?? `Error(${reason})`;
  }
  if (data.startsWith("0x4e487b71")) return "Panic";
  for (const i of ifaces) {
    const err = i.parseError(data);
    if (err) return err.name;
  }
  return `unknown revert ${data.slice(0, 10)}`;
}

/** Per-context deployment: tokens, router, Uniswap factory with the extra tiers; a snapshot to return to. */
export interface Base {
  router: any;
  token0: string;
  token1: string;
  uniFactory: any;
  uniPoolAbi: any;
  ifaces: any[];
  snapshot: string;
  twoSidedFactory?: any;
}

/**
 * Every custom error of every compiled contract, in one interface: errors raised inside an
 * external library (delegatecall) are not in the calling contract's ABI.
 */
async function allErrors(ethers: any): Promise<any> {
  const hre = (await import("hardhat")).default;
  const seen = new Map<string, string>();
  for (const fqn of await hre.artifacts.getAllFullyQualifiedNames()) {
    const { abi } = await hre.artifacts.readArtifact(fqn);
    for (const f of abi) {
      if (f.type !== "error") continue;
      const sig = `error ${f.name}(${(f.inputs ?? []).map((i: any) => i.type).join(",")})`;
      seen.set(sig, sig);
    }
  }
  return new ethers.Interface([...seen.values()]);
}

/** Deploys a contract, first deploying and linking the libraries its artifact references. */
async function deployLinked(ctx: FuzzContext, name: string, args: unknown[]): Promise<any> {
  const hre = (await import("hardhat")).default;
  const artifact = await hre.artifacts.readArtifact(name);
  const libraries: Record<string, string> = {};
  for (const [source, libs] of Object.entries(artifact.linkReferences ?? {})) {
    for (const lib of Object.keys(libs as object)) libraries[`${source}:${lib}`] = await (await ctx.ethers.deployContract(lib)).getAddress();
  }
  return ctx.ethers.deployContract(name, args, Object.keys(libraries).length ? { libraries } : {});
}

export async function base(ctx: FuzzContext): Promise<Base> {
  let b = ctx.state.get("stateful.base") as Promise<Base> | undefined;
  if (!b) {
    b = (async () => {
      const { ethers } = ctx;
      const [signer] = await ethers.getSigners();
      const router = await ethers.deployContract("FuzzRouter");
      const ta = await ethers.deployContract("TestERC20", ["Token A", "A", 18]);
      const tb = await ethers.deployContract("TestERC20", ["Token B", "B", 18]);
      const [a, c] = [await ta.getAddress(), await tb.getAddress()];
      const [token0, token1] = BigInt(a) < BigInt(c) ? [a, c] : [c, a];
      const supply = 1n << 250n;
      await (await ta.mint(await router.getAddress(), supply)).wait();
      await (await tb.mint(await router.getAddress(), supply)).wait();
      const fj = require(`${UNI}/UniswapV3Factory.sol/UniswapV3Factory.json`);
      const pj = require(`${UNI}/UniswapV3Pool.sol/UniswapV3Pool.json`);
      const uniFactory = await new ethers.ContractFactory(fj.abi, fj.bytecode, signer).deploy();
      for (const t of TIERS.slice(3)) await (await uniFactory.enableFeeAmount(t.fee, t.tickSpacing)).wait();
      const ifaces = [new ethers.Interface(pj.abi), await allErrors(ethers)];
      const twoSidedFactory = HAVE_TWO_SIDED ? await deployLinked(ctx, "TwoSidedPoolFactory", [signer.address]) : undefined;
      const snapshot = await ethers.provider.send("evm_snapshot", []);
      return { router, token0, token1, uniFactory, uniPoolAbi: pj.abi, ifaces, snapshot, twoSidedFactory };
    })();
    ctx.state.set("stateful.base", b);
  }
  return b;
}

/** Back to the base state (pools of earlier sequences gone). */
export async function reset(ctx: FuzzContext, b: Base): Promise<void> {
  const ok = await ctx.ethers.provider.send("evm_revert", [b.snapshot]);
  if (!ok) throw new Error("evm_revert failed");
  b.snapshot = await ctx.ethers.provider.send("evm_snapshot", []);
}

export async function poolState(b: Base, address: string): Promise<PoolState> {
  const r = await b.router.poolState(address);
  return { sqrtPriceX96: r[0], tick: Number(r[1]), liquidity: r[2], feeGrowthGlobal0X128: r[3], feeGrowthGlobal1X128: r[4] };
}

async function uniswapPool(ctx: FuzzContext, b: Base, fee: number, sqrtPriceX96: bigint): Promise<ChainPool> {
  await (await b.uniFactory.createPool(b.token0, b.token1, fee)).wait();
  const address = await b.uniFactory.getPool(b.token0, b.token1, fee);
  const contract = new ctx.ethers.Contract(address, b.uniPoolAbi, (await ctx.ethers.getSigners())[0]);
  await (await contract.initialize(sqrtPriceX96)).wait();
  return {
    label: "uniswap",
    address,
    contract,
    state: () => poolState(b, address),
  };
}

/** The project's 2sAMM pool configured as Uniswap's: flat fee, no protocol share, no takers. */
async function twoSidedPool(ctx: FuzzContext, b: Base, fee: number, tickSpacing: number, sqrtPriceX96: bigint): Promise<ChainPool> {
  const { ethers } = ctx;
  const factory = b.twoSidedFactory;
  if (!factory) throw new Error("TwoSidedPoolFactory could not be deployed");
  const config = { tickSpacing, minFeePips: fee, midFeePips: fee, maxFeePips: fee, takerCapPips: 700_000, protocolFeePips: 0, moneyMarket: ethers.ZeroAddress };
  await (await factory.createPool(b.token0, b.token1, config)).wait();
  const address = await factory.getPool(b.token0, b.token1, config);
  const contract = await ethers.getContractAt("TwoSidedPool", address);
  await (await contract.initialize(sqrtPriceX96)).wait();
  return { label: "2sAMM", address, contract, state: () => poolState(b, address) };
}

export const HAVE_TWO_SIDED = existsSync(fileURLToPath(new URL("../../../artifacts/contracts/TwoSidedPoolFactory.sol", import.meta.url)));

// ------------------------------------------------------------------ running a sequence

export type StepOutcome = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

export function show(o: StepOutcome): string {
  return o.ok ? toSource(o.value) : `revert ${o.error}`;
}

export function sameOutcome(a: StepOutcome, b: StepOutcome): boolean {
  return a.ok && b.ok ? toSource(a.value) === toSource(b.value) : !a.ok && !b.ok && a.error === b.error;
}

export function wasmStep<T extends Record<string, unknown>>(f: () => T): StepOutcome {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: errorName(e) };
  }
}

export function alignDown(t: number, s: number): number {
  return Math.floor(t / s) * s;
}

/** The router call of one action on one chain pool; amounts from the router's event. */
export async function chainStep(ctx: FuzzContext, b: Base, pool: ChainPool, method: "mint" | "burn" | "swap", args: unknown[], zeroAmount: boolean): Promise<StepOutcome> {
  const { router } = b;
  let receipt: any;
  try {
    // A fixed gas limit skips estimation: one execution per step when it succeeds.
    receipt = await (await router[method](pool.address, ...args, { gasLimit: GAS_CAP })).wait();
  } catch (e) {
    // Name the revert from a call (the failed transaction's receipt does not carry it).
    try {
      await router[method].staticCall(pool.address, ...args, { gasLimit: GAS_CAP });
    } catch (e2) {
      return { ok: false, error: chainErrorName(e2, b.ifaces, ctx.ethers, { zeroAmount }) };
    }
    throw e;
  }
  for (const log of receipt.logs) {
    const parsed = router.interface.parseLog(log);
    if (parsed && parsed.args[0] === pool.address) return { ok: true, value: { amount0: parsed.args[1], amount1: parsed.args[2] } };
  }
  throw new Error(`no ${method} event in the receipt`);
}

/** Runs one scenario; the verdict's detail names the first step where the sides differ. */
type PoolsFn = (b: Base, fee: number, tickSpacing: number, price: bigint) => Promise<ChainPool[]>;

async function runScenario(ctx: FuzzContext, sc: Scenario, pools: PoolsFn): Promise<Verdict> {
  const b = await base(ctx);
  await reset(ctx, b);
  const { fee, tickSpacing } = TIERS[sc.tier];
  let price = getSqrtRatioAtTick(sc.tick) + sc.priceOffset;
  if (price < MIN_SQRT) price = MIN_SQRT;
  if (price >= MAX_SQRT) price = MAX_SQRT - 1n;
  const chain = await pools(b, fee, tickSpacing, price);
  const wasm = new Pool({ sqrtPriceX96: price, tickSpacing, fee, protocolFeePips: 0 });
  const minT = Math.ceil(-887272 / tickSpacing) * tickSpacing;
  const maxT = Math.floor(887272 / tickSpacing) * tickSpacing;
  const positions: { lower: number; upper: number; liquidity: bigint }[] = [];
  const log: string[] = [];
  const stats: Record<string, number> = {};
  const fail = (i: number, what: string): Verdict => ({ agree: false, kind: "mismatch", detail: `step ${i}: ${what}\nsteps so far:\n${log.join("\n")}` });
  try {
    for (let i = 0; i < sc.actions.length; i++) {
      const a = sc.actions[i];
      log.push(`  ${i}: ${toSource(a)}`);
      let w: StepOutcome;
      let method: "mint" | "burn" | "swap" | undefined;
      let args: unknown[] = [];
      let zeroAmount = false;
      if (a.t === "mint") {
        let lower: number, upper: number;
        if (a.full) [lower, upper] = [minT, maxT];
        else {
          lower = Math.min(Math.max(alignDown(sc.tick + Math.min(a.a, a.b), tickSpacing), minT), maxT - tickSpacing);
          upper = Math.min(Math.max(alignDown(sc.tick + Math.max(a.a, a.b), tickSpacing), lower + tickSpacing), maxT);
        }
        method = "mint";
        args = [lower, upper, a.liquidity];
        w = wasmStep(() => ({ ...wasm.mint(lower, upper, a.liquidity) }));
        if (w.ok) {
          const p = positions.find((x) => x.lower === lower && x.upper === upper);
          if (p) p.liquidity += a.liquidity;
          else positions.push({ lower, upper, liquidity: a.liquidity });
        }
      } else if (a.t === "burn") {
        if (positions.length === 0) continue;
        const p = positions[a.pos % positions.length];
        let amount = (p.liquidity * BigInt(a.part)) / 1000n;
        if (amount === 0n) amount = 1n;
        if (amount > A.MAX128) amount = A.MAX128;
        method = "burn";
        args = [p.lower, p.upper, amount];
        w = wasmStep(() => ({ ...wasm.burn(p.lower, p.upper, amount) }));
        if (w.ok) {
          p.liquidity -= amount;
          if (p.liquidity === 0n) positions.splice(positions.indexOf(p), 1);
        }
      } else if (a.t === "swap") {
        const s = wasm.getState();
        let limit: bigint;
        if (a.limit.kind === "none") limit = a.zeroForOne ? MIN_SQRT + 1n : MAX_SQRT - 1n;
        else if (a.limit.kind === "wrong") limit = a.zeroForOne ? s.sqrtPriceX96 + 1n : s.sqrtPriceX96 - 1n;
        else {
          const t = Math.min(Math.max(s.tick + (a.zeroForOne ? -a.limit.n : a.limit.n), -887272), 887272);
          limit = getSqrtRatioAtTick(t);
          if (limit <= MIN_SQRT) limit = MIN_SQRT + 1n;
          if (limit >= MAX_SQRT) limit = MAX_SQRT - 1n;
        }
        const amountSpecified = a.exactIn ? a.amount : -a.amount;
        const params = { zeroForOne: a.zeroForOne, amountSpecified, sqrtPriceLimitX96: limit };
        method = "swap";
        args = [a.zeroForOne, amountSpecified, limit];
        const q = wasmStep(() => pick(wasm.quote(params)));
        // A swap walking more bitmap words than the chain's gas cap allows (about 2,000 on Uniswap's pool)
        // cannot run on chain: such a step is left out on both sides.
        if (q.ok && Math.abs((q.value.tick as number) - s.tick) > MAX_WORDS_WALKED * 256 * tickSpacing) {
          stats["swap:skipped (gas cap)"] = (stats["swap:skipped (gas cap)"] ?? 0) + 1;
          log[log.length - 1] += "  -> skipped (gas cap)";
          continue;
        }
        // The batch quote path must give the same result for a one-amount batch.
        const qm = wasmStep(() => {
          const r = wasm.quoteMany({ zeroForOne: a.zeroForOne, amounts: [amountSpecified], sqrtPriceLimitX96: limit });
          return { amount0: r.amount0[0], amount1: r.amount1[0], sqrtPriceX96: r.sqrtPriceX96[0], tick: r.tick[0] };
        });
        const q4: StepOutcome = q.ok ? { ok: true, value: { amount0: q.value.amount0, amount1: q.value.amount1, sqrtPriceX96: q.value.sqrtPriceX96, tick: q.value.tick } } : q;
        if (!sameOutcome(q4, qm)) return fail(i, `Wasm quoteMany ${show(qm)} differs from the Wasm quote ${show(q4)}`);
        w = wasmStep(() => pick(wasm.swap(params)));
        if (!sameOutcome(q, w)) return fail(i, `Wasm quote ${show(q)} differs from the Wasm swap ${show(w)}`);
        if (w.ok) w = { ok: true, value: { amount0: w.value.amount0, amount1: w.value.amount1 } };
      } else {
        await ctx.ethers.provider.send("evm_increaseTime", [a.seconds]);
        await ctx.ethers.provider.send("evm_mine", []);
        continue;
      }
      for (const p of chain) {
        const c = await chainStep(ctx, b, p, method, args, method === "mint" && a.t === "mint" && a.liquidity === 0n);
        if (!sameOutcome(c, w)) return fail(i, `${method} on ${p.label}: ${show(c)}\n  wasm: ${show(w)}`);
      }
      log[log.length - 1] += `  -> ${show(w)}`;
      const key = w.ok ? method : `${method}:${w.error}`;
      stats[key] = (stats[key] ?? 0) + 1;
      const ws = wasm.getState();
      const want: PoolState = { sqrtPriceX96: ws.sqrtPriceX96, tick: ws.tick, liquidity: ws.liquidity, feeGrowthGlobal0X128: ws.feeGrowthGlobal0X128, feeGrowthGlobal1X128: ws.feeGrowthGlobal1X128 };
      for (const p of chain) {
        const got = await p.state();
        if (toSource(got) !== toSource(want)) return fail(i, `state after the step on ${p.label}: ${toSource(got)}\n  wasm: ${toSource(want)}`);
      }
    }
  } finally {
    wasm.free();
  }
  return { agree: true, kind: "value", stats, detail: `${sc.actions.length} steps agree` };
}

function pick(r: ReturnType<Pool["swap"]>) {
  return { amount0: r.amount0, amount1: r.amount1, sqrtPriceX96: r.sqrtPriceX96, tick: r.tick, liquidity: r.liquidity, feeGrowthGlobal0X128: r.feeGrowthGlobal0X128, feeGrowthGlobal1X128: r.feeGrowthGlobal1X128 };
}

function sequential(name: string, pools: (ctx: FuzzContext) => PoolsFn, arb: fc.Arbitrary<Scenario> = scenarioArb): Target<Scenario> {
  return {
    name,
    kind: "stateful",
    arb,
    batch: 1,
    async evaluate(ctx, inputs) {
      const out: Verdict[] = [];
      for (const sc of inputs) out.push(await runScenario(ctx, sc, pools(ctx)));
      return out;
    },
  };
}

export function statefulTargets(): Target<any>[] {
  const out = [sequential("Pool.vsUniswapV3", (ctx) => async (b, fee, _spacing, price) => [await uniswapPool(ctx, b, fee, price)])];
  if (HAVE_TWO_SIDED) {
    out.push(
      sequential("Pool.threeWay", (ctx) => async (b, fee, spacing, price) => [await uniswapPool(ctx, b, fee, price), await twoSidedPool(ctx, b, fee, spacing, price)]),
    );
  }
  return out;
}
