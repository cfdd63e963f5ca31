// The price oracle against Uniswap V3's own bytecode: a Uniswap V3 pool and a 2sAMM pool (same tokens, fee 0.3%,
// spacing 60, no protocol share, no takers) get the same swaps, mints, burns and cardinality increases in the same
// blocks at the same timestamps. After every block the two agree on slot0's oracle fields, on every observation
// slot and on observe at many times: 0, every observation's time, around and between them, the oldest, and one
// second before the oldest (both revert). Covers several writes in one block (only the first counts), ring
// wrap-around at small cardinalities, growing mid-ring, and block timestamps crossing 2^32. Takers' writes (no
// Uniswap counterpart) are checked against the accumulator formula.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { network } from "../helpers/chain.js";
import {
  createItosPool, createUniswapPool, deployItos, deployRouter, deployTokens, deployUniswap, encodePriceSqrt, flatConfig, MAX_SQRT, MIN_SQRT,
} from "./helpers.js";

const FEE = 3000;
const SPACING = 60;
const FULL = 887220; // the widest spaced range
const GAS = 3_000_000; // explicit: with automine off nothing is estimated against pending state
const U32 = 1n << 32n;

type Action =
  | { kind: "swap"; zeroForOne: boolean; amount: bigint } // exact input, no price limit
  | { kind: "mint"; offset: number; width: number; liquidity: bigint } // range from the current tick, in spacings
  | { kind: "burn"; which: number; quarters: number } // a quarter..all of a minted position
  | { kind: "grow"; to: number }; // increaseObservationCardinalityNext(to)

interface Position {
  lower: number;
  upper: number;
  liquidity: bigint;
}

let ethers: any;
let provider: any;
let base: { token0: any; token1: any; factory: any; uniFactory: any; router: any; me: string };
let clean: string; // snapshot of the chain with the factories, tokens and router, before any pool

/** What the comparisons covered (logged after each test): blocks mined, observation slots compared (4 fields
 *  each), observe values compared, too-old reverts seen in both, transactions sent, ring wraps seen. */
const count = { blocks: 0, slots: 0, observeValues: 0, reverts: 0, txs: 0, wraps: 0 };

beforeAll(async () => {
  ({ ethers } = await network());
  provider = ethers.provider;
  const { token0, token1 } = await deployTokens(ethers);
  const { factory } = await deployItos(ethers);
  const uniFactory = await deployUniswap(ethers);
  const router = await deployRouter(ethers, token0, token1, 10n ** 45n);
  base = { token0, token1, factory, uniFactory, router, me: await router.getAddress() };
  clean = await provider.send("evm_snapshot", []);
});

/** Back to the clean chain (pools' CREATE2 addresses repeat), automine on. */
async function restart() {
  await provider.send("evm_revert", [clean]);
  clean = await provider.send("evm_snapshot", []);
  await provider.send("evm_setAutomine", [true]);
}

async function latestTimestamp(): Promise<number> {
  return (await provider.getBlock("latest")).timestamp;
}

/** Mine one block at `timestamp` holding the transactions sent since the last one. */
async function mine(timestamp: number) {
  await provider.send("evm_setNextBlockTimestamp", [timestamp]);
  await provider.send("evm_mine", []);
  count.blocks++;
}

/** The two pools, driven in lockstep: every action goes to both in the same block, Uniswap's first. */
class Twin {
  positions: Position[] = [];
  wraps = 0; // times the newest index went back to 0 (the ring wrapped)
  maxCardinality = 0;
  private lastIndex = 0;
  private constructor(readonly uni: any, readonly itos: any, readonly addrs: [string, string]) {}

  /** Fresh pools of both kinds (on the clean chain), initialized in one block at `timestamp` at `sqrtPriceX96`. */
  static async create(timestamp: number, sqrtPriceX96: bigint): Promise<Twin> {
    await restart();
    const itos = await createItosPool(ethers, base.factory, base.token0, base.token1, flatConfig(FEE, SPACING));
    const uni = await createUniswapPool(ethers, base.uniFactory, base.token0, base.token1, FEE);
    await provider.send("evm_setAutomine", [false]);
    const t = new Twin(uni, itos, [await uni.getAddress(), await itos.getAddress()]);
    const sent = [await uni.initialize(sqrtPriceX96, { gasLimit: GAS }), await itos.initialize(sqrtPriceX96, { gasLimit: GAS })];
    await mine(timestamp);
    for (const tx of sent) expect((await tx.wait()).status).toBe(1);
    await t.compare();
    return t;
  }

  async tick(): Promise<number> {
    return Number((await this.uni.slot0())[1]);
  }

  /** Send one action to both pools (not mined yet); returns the pair of transactions. */
  private async send(a: Action, tick: number): Promise<any[]> {
    const r = base.router;
    const out: any[] = [];
    for (const [i, pool] of [this.uni, this.itos].entries()) {
      const addr = this.addrs[i];
      if (a.kind === "swap") {
        const limit = a.zeroForOne ? MIN_SQRT + 1n : MAX_SQRT - 1n;
        out.push(await r.swap(addr, base.me, a.zeroForOne, a.amount, limit, { gasLimit: GAS }));
      } else if (a.kind === "mint") {
        const lower = Math.max(-FULL, (Math.floor(tick / SPACING) + a.offset) * SPACING);
        const upper = Math.min(FULL, lower + a.width * SPACING);
        out.push(await r.mint(addr, base.me, lower, upper, a.liquidity, { gasLimit: GAS }));
      } else if (a.kind === "burn") {
        const p = this.positions[a.which % this.positions.length];
        out.push(await r.burn(addr, p.lower, p.upper, (p.liquidity * BigInt(a.quarters)) / 4n, { gasLimit: GAS }));
      } else {
        out.push(await pool.increaseObservationCardinalityNext(a.to, { gasLimit: GAS }));
      }
    }
    count.txs += 2;
    return out;
  }

  /** Apply `actions` in one block mined `gap` seconds after the latest, then compare everything. */
  async block(actions: Action[], gap: number) {
    const tick = await this.tick(); // mint ranges are placed around the tick before the block
    const sent: [Action, any[]][] = [];
    for (const a of actions) {
      if (a.kind === "burn" && this.positions.length === 0) continue;
      sent.push([a, await this.send(a, tick)]);
    }
    await mine((await latestTimestamp()) + gap);
    for (const [a, [u, i]] of sent) {
      const [ru, ri] = [await u.wait().catch((e: any) => e.receipt), await i.wait().catch((e: any) => e.receipt)];
      expect(ri.status, `${a.kind} status`).toBe(ru.status);
      if (a.kind === "grow") {
        // the same IncreaseObservationCardinalityNext(old, new) event, or none in both
        expect(ri.logs.map((l: any) => [l.topics[0], l.data])).toEqual(ru.logs.map((l: any) => [l.topics[0], l.data]));
      }
      if (ru.status === 1) this.track(a, tick);
    }
    await this.compare();
  }

  /** Keep the list of positions both pools hold, for later burns. */
  private track(a: Action, tick: number) {
    if (a.kind === "mint") {
      const lower = Math.max(-FULL, (Math.floor(tick / SPACING) + a.offset) * SPACING);
      const upper = Math.min(FULL, lower + a.width * SPACING);
      const p = this.positions.find((q) => q.lower === lower && q.upper === upper);
      if (p) p.liquidity += a.liquidity;
      else this.positions.push({ lower, upper, liquidity: a.liquidity });
    } else if (a.kind === "burn") {
      const p = this.positions[a.which % this.positions.length];
      p.liquidity -= (p.liquidity * BigInt(a.quarters)) / 4n;
      if (p.liquidity === 0n) this.positions.splice(this.positions.indexOf(p), 1);
    }
  }

  /** Oracle fields of slot0, every observation slot, and observe at many times: all equal, reverts alike. */
  async compare() {
    const su = await this.uni.slot0();
    const [si, os] = await Promise.all([this.itos.slot0(), this.itos.oracleState()]);
    expect([si[0], si[1]]).toEqual([su[0], su[1]]);
    expect([...os]).toEqual([su[2], su[3], su[4]]);
    expect(await this.itos.liquidity()).toBe(await this.uni.liquidity());
    const [index, cardinality, cardinalityNext] = [Number(su[2]), Number(su[3]), Number(su[4])];
    if (index < this.lastIndex) (this.wraps++, count.wraps++);
    this.lastIndex = index;
    this.maxCardinality = Math.max(this.maxCardinality, cardinality);

    // every slot the buffer may use, and the first one beyond (zero in both)
    const slots = Array.from({ length: cardinalityNext + 1 }, (_, k) => k);
    const [ou, oi] = await Promise.all([
      Promise.all(slots.map((k) => this.uni.observations(k))),
      Promise.all(slots.map((k) => this.itos.observations(k))),
    ]);
    for (const k of slots) expect([...oi[k]], `observations(${k})`).toEqual([...ou[k]]);
    count.slots += slots.length;

    // times to ask for: each observation's age and the seconds around it, midpoints, now and just before now
    const now = BigInt(await latestTimestamp());
    const written = ou.slice(0, cardinality).filter((o: any) => o[3]);
    const ages = written.map((o: any) => Number((now - BigInt(o[0]) + U32) % U32)).sort((a: number, b: number) => a - b);
    expect(Number((now - BigInt(ou[index][0]) + U32) % U32)).toBe(ages[0]); // the newest is at index
    const oldest = ages[ages.length - 1];
    const asks = new Set<number>([0, oldest]);
    for (let k = 0; k < ages.length; k++) {
      for (const d of [-1, 0, 1]) if (ages[k] + d >= 0 && ages[k] + d <= oldest) asks.add(ages[k] + d);
      if (k > 0) asks.add(Math.floor((ages[k - 1] + ages[k]) / 2));
    }
    const secondsAgos = [...asks].sort((a, b) => a - b);
    const [ru, ri] = await Promise.all([this.uni.observe(secondsAgos), this.itos.observe(secondsAgos)]);
    expect(ri[0].map(String), `tickCumulatives at ${secondsAgos}`).toEqual(ru[0].map(String));
    expect(ri[1].map(String), `secondsPerLiquidity at ${secondsAgos}`).toEqual(ru[1].map(String));
    count.observeValues += 2 * secondsAgos.length;

    // one second before the oldest (and far before) is too old for both
    for (const ago of [oldest + 1, oldest + 1000]) {
      await expect(this.uni.observe([ago]), `uni observe(${ago})`).rejects.toThrow();
      await expect(this.itos.observe([ago]), `itos observe(${ago})`).rejects.toThrow(/ObservationTooOld/);
      count.reverts += 2;
    }
  }
}

const swap = (zeroForOne: boolean, amount: bigint): Action => ({ kind: "swap", zeroForOne, amount });
const E15 = 10n ** 15n;
const E18 = 10n ** 18n;

describe("price oracle: 2sAMM pool vs Uniswap V3 bytecode", () => {
  it("scripted blocks: writes once per block, ring wrap-around, growing mid-ring and at the wrap", async () => {
    const t0 = (await latestTimestamp()) + 1000;
    const twin = await Twin.create(t0, encodePriceSqrt(3n, 2n));
    // full-range and a nearby range in one block (both in range: the second write in the block is a no-op)
    await twin.block([
      { kind: "mint", offset: -20000, width: 40000, liquidity: E18 },
      { kind: "mint", offset: -10, width: 20, liquidity: E18 / 3n },
    ], 5);
    await twin.block([{ kind: "grow", to: 3 }, { kind: "grow", to: 2 }], 7); // the second is a no-op
    const gaps = [1, 2, 13, 60, 7, 300, 1, 45, 3600, 2, 9, 120];
    for (let b = 0; b < 24; b++) {
      const gap = gaps[b % gaps.length];
      const down = b % 2 === 0;
      const actions: Action[] = [swap(down, E15 * BigInt(5 + (b % 7)))];
      if (b % 5 === 1) actions.push(swap(!down, 12n * E15), swap(down, 3n * E15)); // push and reversal in one block
      if (b % 6 === 3) actions.unshift({ kind: "mint", offset: -3, width: 6, liquidity: E18 / 10n });
      if (b % 7 === 4) actions.push({ kind: "burn", which: b, quarters: 1 });
      if (b % 8 === 6) actions.splice(0, actions.length, swap(true, 1000n)); // no tick change: no write
      if (b === 9) actions.push({ kind: "grow", to: 6 }); // mid-ring: used from the next wrap on
      if (b === 17) actions.unshift({ kind: "grow", to: 9 }); // before the block's write
      await twin.block(actions, gap);
    }
    // a block with no transaction, then an empty gap: observe extends the newest observation
    await twin.block([], 500);
    await twin.block([swap(false, 7n * E15)], 1);
    expect(twin.maxCardinality).toBe(9);
    expect(twin.wraps).toBeGreaterThanOrEqual(4);
    console.log(`oracle (scripted): ${JSON.stringify(count)}`);
  });

  it("random sequences (fast-check, fixed seed): actions and time gaps, several per block", async () => {
    let runs = 0;
    const wrapsBefore = count.wraps;
    const action: fc.Arbitrary<Action> = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant("swap" as const), zeroForOne: fc.boolean(), amount: fc.oneof(fc.bigInt(1n, 10n ** 9n), fc.bigInt(10n ** 13n, 3n * 10n ** 16n)) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("mint" as const), offset: fc.integer({ min: -30, max: 29 }), width: fc.integer({ min: 1, max: 40 }), liquidity: fc.bigInt(10n ** 15n, E18) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("burn" as const), which: fc.nat(20), quarters: fc.integer({ min: 1, max: 4 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("grow" as const), to: fc.integer({ min: 1, max: 12 }) }) },
    );
    const block = fc.record({
      actions: fc.array(action, { maxLength: 4 }),
      gap: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 13, max: 5000 })),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(block, { minLength: 8, maxLength: 24 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 6 }),
        async (blocks, price, cardinality) => {
          runs++;
          const twin = await Twin.create((await latestTimestamp()) + 100, encodePriceSqrt(BigInt(price), 10n));
          const setup: Action[] = [{ kind: "mint", offset: -20000, width: 40000, liquidity: E18 }, { kind: "grow", to: cardinality }];
          await twin.block(setup, 1);
          for (const b of blocks) await twin.block(b.actions, b.gap);
        },
      ),
      { seed: 20260402, numRuns: 16, endOnFailure: true },
    );
    expect(runs).toBe(16);
    expect(count.wraps - wrapsBefore).toBeGreaterThan(8); // the rings did wrap
    console.log(`oracle (after fast-check, ${runs} sequences): ${JSON.stringify(count)}`);
  });

  it("take and release in range write with the active liquidity before them (no Uniswap counterpart)", async () => {
    await restart();
    const pool = await createItosPool(ethers, base.factory, base.token0, base.token1, flatConfig(FEE, SPACING));
    const addr = await pool.getAddress();
    await (await base.factory.setTaker(base.me, true)).wait();
    const r = base.router;
    // the accumulators as Oracle.transform computes them
    const model = { time: 0n, tick: 0n, spl: 0n };
    const step = (time: bigint, tick: bigint, liquidity: bigint) => {
      const elapsed = time - model.time;
      model.tick += tick * elapsed;
      model.spl += (elapsed << 128n) / (liquidity > 0n ? liquidity : 1n);
      model.time = time;
    };
    let t = BigInt((await latestTimestamp()) + 100);
    /** Mine `send` alone, `gap` seconds after the previous block; `liquidity`: what a write then records. */
    const at = async (gap: bigint, send: () => Promise<any>, liquidity?: bigint) => {
      const tick = BigInt((await pool.slot0().catch(() => [0n, 0n]))[1]);
      t += gap;
      await provider.send("evm_setNextBlockTimestamp", [Number(t)]);
      await (await send()).wait();
      if (liquidity !== undefined) step(t, tick, liquidity);
    };
    await at(0n, () => pool.initialize(encodePriceSqrt(5n, 4n))); // tick 2231
    model.time = t;
    await at(1n, () => r.mint(addr, base.me, -FULL, FULL, E18), 0n); // written with no liquidity (counts as 1)
    await at(1n, () => pool.increaseObservationCardinalityNext(8));
    const R = 4n * 10n ** 17n;
    await at(8n, () => r.take(addr, -3000, 3000, R), E18); // in range: written with P - R before the take
    await at(5n, () => r.swap(addr, base.me, true, 10n ** 16n, MIN_SQRT + 1n), E18 - R); // the active liquidity
    await at(15n, () => r.take(addr, 4200, 4800, R)); // above the price: no write
    await at(10n, () => r.release(addr, -3000, 3000, R, base.me), E18 - R); // before the release
    await at(20n, () => r.swap(addr, base.me, false, 10n ** 16n, MAX_SQRT - 1n), E18);
    const [index, cardinality] = await pool.oracleState();
    expect([index, cardinality]).toEqual([4n, 8n]);
    const newest = await pool.observations(index);
    expect([newest[0], newest[1], newest[2], newest[3]]).toEqual([t, model.tick, model.spl, true]);
    // observe now extends the newest; 20 seconds ago lands on the release's observation
    const [ticks, spls] = await pool.observe([0, 20]);
    expect([ticks[0], spls[0]]).toEqual([model.tick, model.spl]);
    const released = await pool.observations(3);
    expect([ticks[1], spls[1]]).toEqual([released[1], released[2]]);
  });

  it("block timestamps crossing 2^32: writes and observe across the wrap", async () => {
    const twin = await Twin.create(Number(U32) - 4000, encodePriceSqrt(1n, 7n));
    await twin.block([{ kind: "mint", offset: -20000, width: 40000, liquidity: E18 }, { kind: "grow", to: 5 }], 10);
    const gaps = [900, 700, 1, 1200, 300, 2, 1500, 60];
    for (let b = 0; b < gaps.length; b++) await twin.block([swap(b % 2 === 1, (4n + BigInt(b)) * E15)], gaps[b]);
    expect(await latestTimestamp()).toBeGreaterThan(Number(U32));
    console.log(`oracle (after the 2^32 wrap): ${JSON.stringify(count)}`);
  });
});
