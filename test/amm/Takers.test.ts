// Takers on the 2sAMM pool: cap, active liquidity, dynamic fee, lending, time premium, token conservation over
// random sequences, access control and reentrancy.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { feePips } from "../../bindings/model/FeeCurve.js";
import { getAmount0Delta, getAmount1Delta } from "../../bindings/model/SqrtPriceMath.js";
import { getSqrtRatioAtTick } from "../../bindings/model/TickMath.js";
import { network } from "../helpers/chain.js";
import { createItosPool, deployItos, deployRouter, deployTokens, encodePriceSqrt, MAX_SQRT, MIN_SQRT, type PoolConfig } from "./helpers.js";

const PARAMS = { minFeePips: 100, midFeePips: 5000, maxFeePips: 50000 };
const Q64 = 1n << 64n;

let ethers: any;
beforeAll(async () => {
  ({ ethers } = await network());
});

async function setup(extra: Partial<PoolConfig> = {}) {
  const [owner, stranger] = await ethers.getSigners();
  const { token0, token1 } = await deployTokens(ethers);
  const { factory, lens } = await deployItos(ethers);
  const mm = await ethers.deployContract("MockMoneyMarket");
  const config: PoolConfig = {
    tickSpacing: 60, ...PARAMS, takerCapPips: 700_000, protocolFeePips: 50_000, moneyMarket: await mm.getAddress(), ...extra,
  };
  const pool = await createItosPool(ethers, factory, token0, token1, config);
  await (await pool.initialize(encodePriceSqrt(1n, 1n))).wait();
  const maker = await deployRouter(ethers, token0, token1);
  const taker = await deployRouter(ethers, token0, token1);
  const trader = await deployRouter(ethers, token0, token1);
  await (await factory.setTaker(await taker.getAddress(), true)).wait();
  // interest for lenders comes from the mock's own balance
  await (await token0.mint(await mm.getAddress(), 10n ** 30n)).wait();
  await (await token1.mint(await mm.getAddress(), 10n ** 30n)).wait();
  const addr = await pool.getAddress();
  return { owner, stranger, token0, token1, factory, lens, mm, pool, addr, maker, taker, trader };
}

function errorName(e: any, contract: any): string | undefined {
  const data = e?.data ?? e?.error?.data ?? e?.info?.error?.data;
  if (typeof data === "string" && data.length >= 10) return contract.interface.parseError(data)?.name;
  return undefined;
}

async function expectError(p: Promise<any>, contract: any, name: string) {
  try {
    await p;
  } catch (e) {
    expect(errorName(e, contract), String(e)).toBe(name);
    return;
  }
  throw new Error(`expected ${name}`);
}

/** Premium index growth between two blocks: ceil((B' - B) x 2^64 / B) of the market's borrow index (docs/amm.md). */
async function indexGrowth(mm: any, token: any, fromBlock: number, toBlock: number): Promise<bigint> {
  const b = BigInt(await mm.currentBorrowIndexX64(await token.getAddress(), { blockTag: fromBlock }));
  const b2 = BigInt(await mm.currentBorrowIndexX64(await token.getAddress(), { blockTag: toBlock }));
  return ((b2 - b) * Q64 + b - 1n) / b;
}

function logs(receipt: any, contract: any, name: string) {
  return receipt.logs.map((l: any) => { try { return contract.interface.parseLog(l); } catch { return null; } }).filter((l: any) => l?.name === name);
}

describe("2sAMM takers", () => {
  it("caps reservations, removes them from the active curve, raises the fee and lends the tokens", async () => {
    const { pool, addr, maker, taker, mm, token0, token1 } = await setup();
    const L = 10n ** 18n;
    await (await maker.mint(addr, await maker.getAddress(), -600, 600, L)).wait();
    // 70% of the makers' liquidity is the cap; one more wei anywhere in the range is refused
    await expectError(taker.take(addr, -600, 600, (L * 7n) / 10n + 1n), pool, "TakerCapExceeded");
    // a range partly outside the makers' liquidity is refused too
    await expectError(taker.take(addr, -600, 1200, 1n), pool, "TakerCapExceeded");

    const R = L / 2n;
    const mmBefore = [await token0.balanceOf(await mm.getAddress()), await token1.balanceOf(await mm.getAddress())];
    const rc = await (await taker.take(addr, -600, 600, R)).wait();
    const ev = logs(rc, pool, "Take")[0].args;
    // the tokens a burn of R would release now, rounded down (hand-derived from the model's amount functions)
    const sp = getSqrtRatioAtTick(0);
    const want0 = getAmount0Delta(sp, getSqrtRatioAtTick(600), R, false);
    const want1 = getAmount1Delta(getSqrtRatioAtTick(-600), sp, R, false);
    expect([ev.amount0, ev.amount1]).toEqual([want0, want1]);
    expect(await token0.balanceOf(await mm.getAddress())).toBe(mmBefore[0] + want0);
    expect(await token1.balanceOf(await mm.getAddress())).toBe(mmBefore[1] + want1);

    expect(await pool.makerLiquidity()).toBe(L);
    expect(await pool.takerLiquidity()).toBe(R);
    expect(await pool.liquidity()).toBe(L - R);
    expect(Number(await pool.currentFeePips())).toBe(feePips(R, L, PARAMS)); // 5000 at q = 1/2
    expect(Number(await pool.currentFeePips())).toBe(5000);

    // a second reservation up to the cap works; the fee keeps rising
    await (await taker.take(addr, -600, 600, L / 5n)).wait();
    expect(Number(await pool.currentFeePips())).toBe(feePips(R + L / 5n, L, PARAMS));
    expect(Number(await pool.currentFeePips())).toBeGreaterThan(5000);

    // makers cannot withdraw what takers reserve, but everything else
    const reserved = R + L / 5n;
    await expectError(maker.burn(addr, -600, 600, L - reserved + 1n), pool, "LiquidityReserved");
    await (await maker.burn(addr, -600, 600, L - reserved)).wait();
    expect(await pool.liquidity()).toBe(0n);
    expect(Number(await pool.currentFeePips())).toBe(50000);
  });

  it("charges a swap the curve's fee on active liquidity and the protocol its share", async () => {
    const { pool, addr, maker, taker, trader } = await setup();
    const L = 10n ** 18n;
    await (await maker.mint(addr, await maker.getAddress(), -6000, 6000, L)).wait();
    await (await taker.take(addr, -6000, 6000, (L * 3n) / 5n)).wait();
    const fee = BigInt(feePips((L * 3n) / 5n, L, PARAMS));
    const amountIn = 10n ** 15n;
    const rc = await (await trader.swap(addr, await trader.getAddress(), true, amountIn, MIN_SQRT + 1n)).wait();
    const sw = logs(rc, pool, "Swap")[0].args;
    expect(sw.amount0).toBe(amountIn);
    // exact input that stays inside the range: the unused input is all fee (SwapMath), computed independently
    const feeAmount = amountIn - (amountIn * (1_000_000n - fee)) / 1_000_000n; // >= the rounded-up fee on amountIn
    const [p0] = await pool.protocolFees();
    const protocol = (feeAmount * 50_000n + 999_999n) / 1_000_000n;
    expect(p0 === protocol || p0 === protocol - 1n || p0 === protocol + 1n).toBe(true);
    const growth = await pool.feeGrowthGlobal0X128();
    const active = L - (L * 3n) / 5n;
    expect(growth).toBe(((feeAmount - p0) << 128n) / active);
  });

  it("time premium: the taker pays the borrow rate on its tokens, the makers covering the range receive it", async () => {
    const { pool, addr, maker, taker, mm, token0, token1, lens } = await setup({ protocolFeePips: 0 });
    const L = 10n ** 18n;
    const rate = 10n ** 12n; // X64 per second (~5.4e-8 / s)
    await (await mm.setRates(await token0.getAddress(), rate, 0n)).wait();
    await (await mm.setRates(await token1.getAddress(), 2n * rate, 0n)).wait();
    await (await maker.mint(addr, await maker.getAddress(), -1200, 1200, L)).wait();
    const R = (L * 3n) / 5n;
    const t1 = (await (await taker.take(addr, -600, 600, R)).wait()).blockNumber;
    const T = 86_400;
    await ethers.provider.send("evm_increaseTime", [T]);
    await ethers.provider.send("evm_mine", []);
    const view = await lens.takerValue(addr, await taker.getAddress(), -600, 600);
    const rc = await (await taker.release(addr, -600, 600, R, await taker.getAddress())).wait();
    const elapsed = BigInt((await ethers.provider.getBlock(rc.blockNumber)).timestamp - (await ethers.provider.getBlock(t1)).timestamp);
    const ev = logs(rc, pool, "Release")[0].args;
    // expected premium, from the model: the segment [-600, 600) holds R; the borrow index's growth (at the rate
    // over the elapsed time) on its token amounts
    const sp = getSqrtRatioAtTick(0);
    const a0 = getAmount0Delta(sp, getSqrtRatioAtTick(600), R, true);
    const a1 = getAmount1Delta(getSqrtRatioAtTick(-600), sp, R, true);
    const prem0 = (a0 * (await indexGrowth(mm, token0, t1, rc.blockNumber)) + Q64 - 1n) / Q64;
    const prem1 = (a1 * (await indexGrowth(mm, token1, t1, rc.blockNumber)) + Q64 - 1n) / Q64;
    expect(prem0).toBeGreaterThan(10n ** 9n);
    // the taker pays it, within the rounding of per-unit growth (a few wei)
    expect(ev.debt0 - prem0).toBeGreaterThanOrEqual(0n);
    expect(ev.debt0 - prem0).toBeLessThan(4n);
    expect(ev.debt1 - prem1).toBeGreaterThanOrEqual(0n);
    expect(ev.debt1 - prem1).toBeLessThan(4n);
    // the lens valued the debt one block earlier: one second of premium less
    expect(ev.debt0 - view.debt0).toBeGreaterThanOrEqual(0n);
    expect(ev.debt0 - view.debt0).toBeLessThanOrEqual(prem0 / elapsed + 4n);
    expect(view.liquidity).toBe(R);
    // the maker covering the range receives it, rounded down (pool keeps the dust)
    await (await maker.burn(addr, -1200, 1200, 0n)).wait();
    const v = await lens.makerValue(addr, await maker.getAddress(), -1200, 1200);
    expect(v.owed0).toBeLessThanOrEqual(prem0);
    expect(prem0 - v.owed0).toBeLessThan(4n);
    expect(prem1 - v.owed1).toBeLessThan(4n);
  });

  it("premium goes pro rata to the makers covering each part of the taker's range", async () => {
    const { pool, addr, maker, taker, trader, mm, token0, token1, lens } = await setup({ protocolFeePips: 0 });
    const rate = 3n * 10n ** 12n;
    await (await mm.setRates(await token0.getAddress(), rate, 0n)).wait();
    await (await mm.setRates(await token1.getAddress(), rate, 0n)).wait();
    // maker A covers the whole reservation, maker B (another router) only its upper half
    const LA = 10n ** 18n;
    const LB = 3n * 10n ** 17n;
    await (await maker.mint(addr, await maker.getAddress(), -1200, 1200, LA)).wait();
    await (await trader.mint(addr, await trader.getAddress(), 0, 600, LB)).wait();
    const R = 5n * 10n ** 17n;
    const t0 = (await (await taker.take(addr, -600, 600, R)).wait()).blockNumber;
    await ethers.provider.send("evm_increaseTime", [7 * 86_400]);
    const rc = await (await taker.release(addr, -600, 600, R, await taker.getAddress())).wait();
    await (await maker.burn(addr, -1200, 1200, 0n)).wait();
    await (await trader.burn(addr, 0, 600, 0n)).wait();
    const a = await lens.makerValue(addr, await maker.getAddress(), -1200, 1200);
    const b = await lens.makerValue(addr, await trader.getAddress(), 0, 600);
    // price at tick 0: segment [-600, 0) holds token1 only (P = LA), segment [0, 600) token0 only (P = LA + LB)
    const sp = getSqrtRatioAtTick(0);
    const prem1 = (getAmount1Delta(getSqrtRatioAtTick(-600), sp, R, true) * (await indexGrowth(mm, token1, t0, rc.blockNumber)) + Q64 - 1n) / Q64;
    const prem0 = (getAmount0Delta(sp, getSqrtRatioAtTick(600), R, true) * (await indexGrowth(mm, token0, t0, rc.blockNumber)) + Q64 - 1n) / Q64;
    const close = (got: bigint, want: bigint) => {
      expect(got).toBeLessThanOrEqual(want);
      expect(want - got).toBeLessThan(4n);
    };
    close(a.owed1, prem1); // A alone covers the lower half
    close(b.owed1, 0n);
    close(a.owed0, (prem0 * LA) / (LA + LB)); // the upper half splits by liquidity
    close(b.owed0, (prem0 * LB) / (LA + LB));
    expect(b.owed0).toBeGreaterThan(10n ** 9n);
  });

  it("works with the project's MoneyMarket: lends the taker's tokens and prices the premium at its borrow rate", async () => {
    const [owner] = await ethers.getSigners();
    const { token0, token1 } = await deployTokens(ethers);
    const { factory } = await deployItos(ethers);
    const mm = await ethers.deployContract("MoneyMarket", [owner.address]);
    const X64 = 1n << 64n;
    const model = { baseRateX64: 10n ** 12n, slope1X64: 10n ** 12n, kinkX64: X64 / 2n, slope2X64: 10n ** 13n, reserveShareX64: X64 / 10n };
    for (const t of [token0, token1]) await (await mm.listMarket(await t.getAddress(), model)).wait();
    const pool = await createItosPool(ethers, factory, token0, token1, {
      tickSpacing: 60, ...PARAMS, takerCapPips: 700_000, protocolFeePips: 50_000, moneyMarket: await mm.getAddress(),
    });
    const addr = await pool.getAddress();
    await (await pool.initialize(encodePriceSqrt(1n, 1n))).wait();
    const maker = await deployRouter(ethers, token0, token1);
    const taker = await deployRouter(ethers, token0, token1);
    await (await factory.setTaker(await taker.getAddress(), true)).wait();
    await (await maker.mint(addr, await maker.getAddress(), -600, 600, 10n ** 18n)).wait();
    const take = logs(await (await taker.take(addr, -600, 600, 4n * 10n ** 17n)).wait(), pool, "Take")[0].args;
    expect(await mm.lendShares(await token0.getAddress(), addr)).toBe(take.shares0);
    expect(await mm.lendShares(await token1.getAddress(), addr)).toBe(take.shares1);
    await ethers.provider.send("evm_increaseTime", [30 * 86_400]);
    const rel = logs(await (await taker.release(addr, -600, 600, 4n * 10n ** 17n, await taker.getAddress())).wait(), pool, "Release")[0].args;
    // no borrowers: the lend index has not moved, the taker gets its tokens back (share rounding aside)
    expect(take.amount0 - rel.withdrawn0).toBeLessThanOrEqual(1n);
    expect(take.amount1 - rel.withdrawn1).toBeLessThanOrEqual(1n);
    expect(await mm.lendShares(await token0.getAddress(), addr)).toBe(0n);
    // the premium at the base borrow rate (0% utilisation) over 30 days: about 30 x 86400 x 1e12 / 2^64 of the amounts
    const expected0 = (take.amount0 * 10n ** 12n * 30n * 86_400n) / X64;
    expect(rel.debt0).toBeGreaterThanOrEqual(expected0 - expected0 / 1000n);
    expect(rel.debt0).toBeLessThanOrEqual(expected0 + expected0 / 1000n + 10n);
  });

  it("lens: snapshot and the batched tick read match the pool", async () => {
    const { pool, addr, maker, taker, lens } = await setup();
    await (await maker.mint(addr, await maker.getAddress(), -887220, 887220, 10n ** 18n)).wait();
    await (await maker.mint(addr, await maker.getAddress(), -600, 1200, 10n ** 18n)).wait();
    await (await taker.take(addr, -60, 600, 10n ** 17n)).wait();
    const s = await lens.snapshot(addr);
    const [sp, tick] = await pool.slot0();
    expect([s.sqrtPriceX96, s.tick, s.makerLiquidity, s.takerLiquidity, s.liquidity]).toEqual([
      sp, tick, await pool.makerLiquidity(), await pool.takerLiquidity(), await pool.liquidity(),
    ]);
    expect([Number(s.minFeePips), Number(s.midFeePips), Number(s.maxFeePips), Number(s.takerCapPips), Number(s.protocolFeePips), Number(s.tickSpacing)]).toEqual([
      100, 5000, 50000, 700_000, 50_000, 60,
    ]);
    const ticks = await lens.getTicks(addr, -58, 57);
    expect(ticks.map((t: any) => Number(t.tick))).toEqual([-887220, -600, -60, 600, 1200, 887220]);
    for (const t of ticks) {
      const raw = await pool.ticks(t.tick);
      expect([t.makerLiquidityNet, t.takerLiquidityNet, t.liquidityGross]).toEqual([raw[0], raw[1], raw[2]]);
    }
    expect(ticks.find((t: any) => Number(t.tick) === -60).takerLiquidityNet).toBe(10n ** 17n);
  });

  it("conserves tokens over random maker, taker, swap and time sequences (fast-check, fixed seed)", async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("mint"), range: fc.integer({ min: 0, max: 3 }), amount: fc.bigInt(10n ** 16n, 10n ** 18n) }),
      fc.record({ kind: fc.constant("burn"), range: fc.integer({ min: 0, max: 3 }), frac: fc.integer({ min: 1, max: 100 }) }),
      fc.record({ kind: fc.constant("take"), range: fc.integer({ min: 0, max: 3 }), amount: fc.bigInt(10n ** 15n, 5n * 10n ** 17n) }),
      fc.record({ kind: fc.constant("release"), range: fc.integer({ min: 0, max: 3 }), frac: fc.integer({ min: 0, max: 100 }) }),
      fc.record({ kind: fc.constant("swap"), zeroForOne: fc.boolean(), amount: fc.bigInt(10n ** 12n, 10n ** 17n), exactIn: fc.boolean() }),
      fc.record({ kind: fc.constant("time"), seconds: fc.integer({ min: 60, max: 3 * 86_400 }) }),
      fc.record({ kind: fc.constant("rates"), r0: fc.bigInt(0n, 10n ** 13n), r1: fc.bigInt(0n, 10n ** 13n) }),
    );
    const sequences = fc.sample(fc.array(op, { minLength: 40, maxLength: 40 }), { numRuns: 3, seed: 4242 });
    const ranges: [number, number][] = [[-1200, 1200], [-600, 600], [0, 1800], [-2400, -600]];
    for (const seq of sequences) {
      const { pool, addr, maker, taker, trader, mm, token0, token1, owner } = await setup();
      const [m, t, tr] = [await maker.getAddress(), await taker.getAddress(), await trader.getAddress()];
      const t0 = await token0.getAddress();
      const t1 = await token1.getAddress();
      await (await mm.setRates(t0, 10n ** 12n, 0n)).wait();
      await (await mm.setRates(t1, 10n ** 12n, 0n)).wait();
      // the base liquidity keeps every range covered
      await (await maker.mint(addr, m, -2400, 2400, 10n ** 18n)).wait();
      const makerLiq = new Map<number, bigint>([[-1, 10n ** 18n]]);
      const takerLiq = new Map<number, bigint>();
      let reverted = 0;
      let done = 0;
      for (const o of seq as any[]) {
        try {
          if (o.kind === "mint") {
            const [lo, hi] = ranges[o.range];
            await (await maker.mint(addr, m, lo, hi, o.amount)).wait();
            makerLiq.set(o.range, (makerLiq.get(o.range) ?? 0n) + o.amount);
          } else if (o.kind === "burn") {
            const have = makerLiq.get(o.range) ?? 0n;
            if (have === 0n) continue;
            const amt = (have * BigInt(o.frac)) / 100n;
            const [lo, hi] = ranges[o.range];
            await (await maker.burn(addr, lo, hi, amt)).wait();
            makerLiq.set(o.range, have - amt);
          } else if (o.kind === "take") {
            const [lo, hi] = ranges[o.range];
            await (await taker.take(addr, lo, hi, o.amount)).wait();
            takerLiq.set(o.range, (takerLiq.get(o.range) ?? 0n) + o.amount);
          } else if (o.kind === "release") {
            const have = takerLiq.get(o.range) ?? 0n;
            if (have === 0n) continue;
            const amt = (have * BigInt(o.frac)) / 100n;
            const [lo, hi] = ranges[o.range];
            await (await taker.release(addr, lo, hi, amt, t)).wait();
            takerLiq.set(o.range, have - amt);
          } else if (o.kind === "swap") {
            const limit = o.zeroForOne ? MIN_SQRT + 1n : MAX_SQRT - 1n;
            await (await trader.swap(addr, tr, o.zeroForOne, o.exactIn ? o.amount : -o.amount, limit)).wait();
          } else if (o.kind === "time") {
            await ethers.provider.send("evm_increaseTime", [o.seconds]);
          } else if (o.kind === "rates") {
            await (await mm.setRates(t0, o.r0, 0n)).wait();
            await (await mm.setRates(t1, o.r1, 0n)).wait();
          }
          done++;
        } catch (e: any) {
          // only the pool's own refusals are acceptable here
          const name = errorName(e, pool);
          expect(["TakerCapExceeded", "LiquidityReserved", "InsufficientLiquidity"], String(e)).toContain(name);
          reverted++;
        }
        // active liquidity is maker - taker, never negative
        expect(await pool.liquidity()).toBe((await pool.makerLiquidity()) - (await pool.takerLiquidity()));
      }
      expect(done).toBeGreaterThan(20);
      // close everything: takers first (they return liquidity), then makers, then the protocol
      await ethers.provider.send("evm_increaseTime", [3600]);
      for (const [i, liq] of takerLiq) if (liq > 0n) await (await taker.release(addr, ranges[i][0], ranges[i][1], liq, t)).wait();
      for (const [i, liq] of makerLiq) {
        const [lo, hi] = i === -1 ? [-2400, 2400] : ranges[i];
        if (liq > 0n) await (await maker.burn(addr, lo, hi, liq)).wait();
        else if (i !== -1 && (await pool.makerPositions(ethers.solidityPackedKeccak256(["address", "int24", "int24"], [m, lo, hi])))[5] === 0n) continue;
        await (await maker.collect(addr, m, lo, hi)).wait();
      }
      await (await pool.connect(owner).collectProtocol(owner.address, 2n ** 128n - 1n, 2n ** 128n - 1n)).wait();
      // everything paid in went back out: what stays is rounding dust, kept by the pool
      const dust0 = await token0.balanceOf(addr);
      const dust1 = await token1.balanceOf(addr);
      expect(dust0).toBeLessThan(1000n);
      expect(dust1).toBeLessThan(1000n);
      expect(await pool.makerLiquidity()).toBe(0n);
      expect(await pool.takerLiquidity()).toBe(0n);
      expect(reverted).toBeLessThan(done);
    }
  });

  it("refuses strangers on governance functions and non-takers on take", async () => {
    const { pool, addr, factory, stranger, maker, token0, token1 } = await setup();
    await expectError(pool.connect(stranger).collectProtocol(stranger.address, 1n, 1n), pool, "NotFactoryOwner");
    await expectError(factory.connect(stranger).setTaker(stranger.address, true), factory, "NotOwner");
    const cfg = { tickSpacing: 10, ...PARAMS, takerCapPips: 700_000, protocolFeePips: 0, moneyMarket: "0x0000000000000000000000000000000000000000" };
    await expectError(factory.connect(stranger).createPool(await token0.getAddress(), await token1.getAddress(), cfg), factory, "NotOwner");
    await expectError(factory.createPool(await token0.getAddress(), await token0.getAddress(), cfg), factory, "InvalidTokens");
    await expectError(factory.createPool(await token0.getAddress(), await token1.getAddress(), { ...cfg, tickSpacing: 0 }), factory, "InvalidTickSpacing");
    await expectError(factory.createPool(await token0.getAddress(), await token1.getAddress(), { ...cfg, minFeePips: 6000 }), factory, "InvalidFeeParams");
    await expectError(factory.createPool(await token0.getAddress(), await token1.getAddress(), { ...cfg, protocolFeePips: 1_000_001 }), factory, "InvalidProtocolFee");
    await expectError(factory.createPool(await token0.getAddress(), await token1.getAddress(), { ...cfg, takerCapPips: 1_000_001 }), factory, "InvalidTakerCap");
    await expectError(maker.take(addr, -600, 600, 1n), pool, "NotTaker");
    await expectError(pool.initialize(1n << 96n), pool, "AlreadyInitialized");
    await expectError(maker.mint(addr, await maker.getAddress(), -601, 600, 1n), pool, "InvalidTickRange");
    await expectError(maker.mint(addr, await maker.getAddress(), 600, 600, 1n), pool, "InvalidTickRange");
    await expectError(maker.mint(addr, await maker.getAddress(), -600, 600, 0n), pool, "ZeroLiquidity");
    await expectError(maker.swap(addr, await maker.getAddress(), true, 0n, MIN_SQRT + 1n), pool, "AmountSpecifiedZero");
    await expectError(maker.swap(addr, await maker.getAddress(), true, 1n, MAX_SQRT - 1n), pool, "InvalidPriceLimit");
  });

  it("refuses re-entry from a callback", async () => {
    const { pool, addr, maker } = await setup();
    await (await maker.mint(addr, await maker.getAddress(), -600, 600, 10n ** 18n)).wait();
    await (await maker.setReenter(1)).wait();
    await expectError(maker.mint(addr, await maker.getAddress(), -600, 600, 10n ** 18n), pool, "Reentrancy");
    await (await maker.setReenter(2)).wait();
    await expectError(maker.swap(addr, await maker.getAddress(), true, 10n ** 12n, MIN_SQRT + 1n), pool, "Reentrancy");
  });
});
