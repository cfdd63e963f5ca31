// Regression: a flash supply cannot cut the time premium (docs/security.md, "Rates and indexes one transaction
// could move"). The measured attack: full-range makers in the WETH/USDC pool, a full-range taker reserving 30% of
// their liquidity, the USDC market near 90% utilisation; in one transaction a contract supplies 1e9 USDC, touches
// the pool (accruePremiumIndexes) and withdraws. A pool that charged each interval at the borrow rate sampled when
// it began then charged the next 30 days at ~2.09% a year instead of ~34.5%. The premium is now the growth of the
// market's borrow index over each interval (docs/amm.md), which a supply inside a transaction does not move.
import { beforeAll, describe, expect, it } from "vitest";
import { getAmount0Delta, getAmount1Delta } from "../../bindings/model/SqrtPriceMath.js";
import { getSqrtRatioAtTick } from "../../bindings/model/TickMath.js";
import { deploySystem } from "../../scripts/lib/system.js";
import { network } from "../helpers/chain.js";
import { createItosPool, deployItos, deployRouter, deployTokens, encodePriceSqrt, MAX_SQRT, MIN_SQRT, ZERO } from "./helpers.js";

const X64 = 1n << 64n;
const DAY = 86_400;
const USDC = 10n ** 6n;
const LO = -887220, HI = 887220; // full range at spacing 60

let ethers: any, rpc: (method: string, params?: unknown[]) => Promise<any>;

beforeAll(async () => {
  const conn = await network();
  ethers = conn.ethers;
  rpc = (method, params = []) => conn.provider.request({ method, params });
});

/** Release event of a receipt (the debts settled). */
function released(rc: any, pool: any) {
  for (const l of rc.logs) {
    try {
      const p = pool.interface.parseLog(l);
      if (p?.name === "Release") return p.args;
    } catch {}
  }
  throw new Error("no Release event");
}

/** x * y / 2^64 with x, y bigints, as a number of whole USDC (for messages). */
const usdc = (x: bigint) => Number(x) / 1e6;

describe("flash supply around a pool touch (issue: time premiums a flash supply cannot cut)", () => {
  // One measurement per path, from the same state and at the same timestamps.
  type Path = { debt: bigint; rate: bigint; indexes: bigint[] };
  const paths: Record<"none" | "touch" | "flash", Path> = {} as any;
  let a = 0n; // reserved USDC at the current price (rounded up): what the premium is charged on
  let reserved = 0n;

  beforeAll(async () => {
    const [gov] = await ethers.getSigners();
    const s = await deploySystem(ethers, gov);
    const mm = s.moneyMarket, pool = s.pool;
    const usdcAddr = await s.tokens.USDC.getAddress(), mmAddr = await mm.getAddress(), poolAddr = await pool.getAddress();
    const usdcIs0 = (await pool.token0()) === usdcAddr;
    // 10M USDC supplied by deploySystem; 9M borrowed: 90% utilisation (governance authorises itself to borrow here).
    await (await mm.setBorrower(gov.address, true)).wait();
    await (await mm.borrow(usdcAddr, 9_000_000n * USDC, gov.address)).wait();

    const [weth, usd] = [s.tokens.WETH, s.tokens.USDC];
    const maker = await deployRouter(ethers, weth, usd, 10n ** 30n);
    const taker = await deployRouter(ethers, weth, usd, 10n ** 30n);
    await (await s.factory.setTaker(await taker.getAddress(), true)).wait();
    // Full-range makers holding about 2M USDC (and 1000 WETH).
    const [sqrtP] = await pool.slot0();
    const usdcPerUnit = usdcIs0 ? getAmount0Delta(sqrtP, getSqrtRatioAtTick(HI), 10n ** 18n, true) : getAmount1Delta(getSqrtRatioAtTick(LO), sqrtP, 10n ** 18n, true);
    const L = (2_000_000n * USDC * 10n ** 18n) / usdcPerUnit;
    await (await maker.mint(poolAddr, await maker.getAddress(), LO, HI, L)).wait();
    reserved = (L * 3n) / 10n;
    const takeBlock = (await (await taker.take(poolAddr, LO, HI, reserved)).wait()).blockNumber;
    const t1 = (await ethers.provider.getBlock(takeBlock)).timestamp;
    a = usdcIs0 ? getAmount0Delta(sqrtP, getSqrtRatioAtTick(HI), reserved, true) : getAmount1Delta(getSqrtRatioAtTick(LO), sqrtP, reserved, true);

    const flasher = await ethers.deployContract("FlashSupplier");
    await (await usd.mint(await flasher.getAddress(), 10n ** 9n * USDC)).wait();
    const accrueData = pool.interface.encodeFunctionData("accruePremiumIndexes");
    const index = async (block: number) => BigInt(await mm.currentBorrowIndexX64(usdcAddr, { blockTag: block }));
    const t2 = t1 + 12, t3 = t2 + 30 * DAY;
    let base = await rpc("evm_snapshot");
    for (const k of ["none", "touch", "flash"] as const) {
      // a snapshot is consumed by reverting to it
      expect(await rpc("evm_revert", [base])).toBe(true);
      base = await rpc("evm_snapshot");
      // the borrow index the take read (the premium's first interval starts there)
      const indexes = [await index(takeBlock)];
      let rate = 0n;
      if (k !== "none") {
        // "touch": the market accrues, then the pool; "flash": the same with 1e9 USDC supplied around the touch.
        await rpc("evm_setNextBlockTimestamp", [t2]);
        const rc = await (await flasher.flash(mmAddr, usdcAddr, k === "flash" ? 10n ** 9n * USDC : 0n, poolAddr, accrueData)).wait();
        rate = await flasher.rateDuringCall();
        indexes.push(await index(rc.blockNumber));
      }
      // 30 days with no other touch, then the taker settles its debts (release of 0).
      await rpc("evm_setNextBlockTimestamp", [t3]);
      const rc = await (await taker.release(poolAddr, LO, HI, 0n, await taker.getAddress())).wait();
      indexes.push(await index(rc.blockNumber));
      const ev = released(rc, pool);
      paths[k] = { debt: usdcIs0 ? ev.debt0 : ev.debt1, rate, indexes };
    }
  });

  it("the attack moved the borrow rate a sampling pool would read, and the premium not at all", () => {
    const { touch, flash } = paths;
    const yearly = (r: bigint) => (Number(r) * 365 * DAY) / 2 ** 64;
    // The lever the previous arithmetic exposed: the rate read inside the attack is ~16x lower.
    expect(yearly(touch.rate)).toBeGreaterThan(0.34);
    expect(yearly(touch.rate)).toBeLessThan(0.35);
    expect(yearly(flash.rate)).toBeLessThan(0.022);
    // What charging the 30 days at the sampled rate would have cost (the previous arithmetic): 16x less.
    const sampled = (r: bigint) => (a * r * BigInt(30 * DAY) + X64 - 1n) / X64;
    expect(sampled(flash.rate) * 10n).toBeLessThan(sampled(touch.rate));
    // The borrow index the pool reads is the same with and without the flash supply, and so is the premium.
    expect(flash.indexes).toEqual(touch.indexes);
    expect(flash.debt).toBe(touch.debt);
    console.log(
      `flash supply: rate read ${(yearly(touch.rate) * 100).toFixed(2)}% -> ${(yearly(flash.rate) * 100).toFixed(2)}% a year; ` +
        `sampled-rate premium over 30 days ${usdc(sampled(touch.rate))} -> ${usdc(sampled(flash.rate))} USDC; ` +
        `premium owed now ${usdc(touch.debt)} (honest) / ${usdc(flash.debt)} (attacked) USDC`,
    );
  });

  it("the premium owed is the market's borrow-index growth on the reserved amount, within the stated bound", () => {
    // docs/amm.md: per interval [B_k, B_k+1] the premium is a x (B_k+1 - B_k) / B_k rounded up, exceeding it by
    // less than a / 2^64 + 1 wei; one taker settling adds at most 1 wei of per-unit growth rounding.
    for (const [k, p] of Object.entries(paths)) {
      const n = BigInt(p.indexes.length - 1);
      // exact value as a fraction num / den, then floor
      let num = 0n, den = 1n;
      for (let i = 0; i + 1 < p.indexes.length; i++) {
        const [b0, b1] = [p.indexes[i], p.indexes[i + 1]];
        [num, den] = [num * b0 + a * (b1 - b0) * den, den * b0];
      }
      const exact = num / den; // floor
      const bound = n * (a / X64 + 1n) + 1n;
      expect(p.debt, k).toBeGreaterThanOrEqual(exact + (num % den === 0n ? 0n : 1n));
      expect(p.debt - exact, k).toBeLessThanOrEqual(bound);
    }
    // ~34.5% a year on ~600k USDC for 30 days.
    expect(paths.touch.debt).toBeGreaterThan(16_000n * USDC);
    expect(paths.touch.debt).toBeLessThan(18_000n * USDC);
  });

  it("touching the pool more often changes the premium only by interest on interest (docs/amm.md)", () => {
    // One interval [t1, t3] vs two ([t1, t2], [t2, t3]): the split charges the first interval's premium without
    // interest over the second; the market's extra accrual at t2 compounds its own index. Both are second order.
    const { none, touch } = paths;
    const diff = none.debt > touch.debt ? none.debt - touch.debt : touch.debt - none.debt;
    // g1 x g2 x a with g1 ~ 60% a year over 12 s and g2 ~ 2.8%, plus the compounding of the market's own index
    expect(diff).toBeLessThan(touch.debt / 100_000n + 10n);
    console.log(`one extra touch 12 s after the take: premium ${usdc(none.debt)} -> ${usdc(touch.debt)} USDC`);
  });
});

describe("premium indexes", () => {
  it("a pool without a money market keeps a zero premium", async () => {
    const { token0, token1 } = await deployTokens(ethers);
    const { factory } = await deployItos(ethers);
    const cfg = { tickSpacing: 60, minFeePips: 100, midFeePips: 5000, maxFeePips: 50000, takerCapPips: 700_000, protocolFeePips: 0, moneyMarket: ZERO };
    const pool = await createItosPool(ethers, factory, token0, token1, cfg);
    const addr = await pool.getAddress();
    await (await pool.initialize(encodePriceSqrt(1n, 1n))).wait();
    const maker = await deployRouter(ethers, token0, token1);
    const taker = await deployRouter(ethers, token0, token1);
    await (await factory.setTaker(await taker.getAddress(), true)).wait();
    await (await maker.mint(addr, await maker.getAddress(), -600, 600, 10n ** 18n)).wait();
    await (await taker.take(addr, -600, 600, 5n * 10n ** 17n)).wait();
    await rpc("evm_increaseTime", [30 * DAY]);
    await (await pool.accruePremiumIndexes()).wait();
    await rpc("evm_increaseTime", [DAY]);
    expect(await pool.premiumGrowthInside(-600, 600)).toEqual([0n, 0n, 0n, 0n]);
    const ev = released(await (await taker.release(addr, -600, 600, 5n * 10n ** 17n, await taker.getAddress())).wait(), pool);
    expect([ev.debt0, ev.debt1]).toEqual([0n, 0n]);
  });

  it("a view gives what an accrual at the same timestamp writes", async () => {
    const { token0, token1 } = await deployTokens(ethers);
    const { factory } = await deployItos(ethers);
    const mm = await ethers.deployContract("MockMoneyMarket");
    const cfg = { tickSpacing: 60, minFeePips: 100, midFeePips: 5000, maxFeePips: 50000, takerCapPips: 700_000, protocolFeePips: 0, moneyMarket: await mm.getAddress() };
    const pool = await createItosPool(ethers, factory, token0, token1, cfg);
    const addr = await pool.getAddress();
    await (await pool.initialize(encodePriceSqrt(1n, 1n))).wait();
    await (await mm.setRates(await token0.getAddress(), 7n * 10n ** 11n, 0n)).wait();
    await (await mm.setRates(await token1.getAddress(), 3n * 10n ** 11n, 0n)).wait();
    const maker = await deployRouter(ethers, token0, token1);
    const taker = await deployRouter(ethers, token0, token1);
    await (await factory.setTaker(await taker.getAddress(), true)).wait();
    await (await maker.mint(addr, await maker.getAddress(), -1200, 1200, 10n ** 18n)).wait();
    await (await taker.take(addr, -600, 600, 5n * 10n ** 17n)).wait();
    const ranges: [number, number][] = [[-1200, 1200], [-600, 600], [-1200, 0], [0, 600]];
    const now = (await ethers.provider.getBlock("latest")).timestamp;
    const probe = await ethers.deployContract("PremiumViewProbe");
    await rpc("evm_setNextBlockTimestamp", [now + 7 * DAY]);
    // In one transaction: the views (indexes accrued in memory), the accrual (written), the views again.
    await (await probe.accrueBetweenViews(addr, ranges.map((r) => r[0]), ranges.map((r) => r[1]))).wait();
    const before = await probe.getBefore(), after = await probe.getAfter();
    expect(after).toEqual(before);
    // the premium did accrue over the week
    expect(before.some((g: bigint) => g !== 0n)).toBe(true);
  });
});

describe("other rates and indexes a transaction could move (docs/security.md)", () => {
  let s: any, flasher: any, usdcAddr: string, mmAddr: string, borrowId: bigint;
  let base: string;
  const FLASH = 10n ** 9n * USDC;

  /** From the same state and at the same timestamp: `send` in one block; returns that block's number. */
  async function sameTime(send: () => Promise<any>): Promise<number> {
    expect(await rpc("evm_revert", [base])).toBe(true);
    base = await rpc("evm_snapshot");
    const at = (await ethers.provider.getBlock("latest")).timestamp + 5;
    await rpc("evm_setNextBlockTimestamp", [at]);
    return (await (await send()).wait()).blockNumber;
  }

  /** What `target.data` returns inside a flash supply of `amount` USDC (0: after a plain accrual). */
  async function inside(amount: bigint, target: string, data: string): Promise<string> {
    await sameTime(() => flasher.flash(mmAddr, usdcAddr, amount, target, data));
    return flasher.lastResult();
  }

  beforeAll(async () => {
    const [gov, alice] = await ethers.getSigners();
    s = await deploySystem(ethers, gov);
    usdcAddr = await s.tokens.USDC.getAddress();
    mmAddr = await s.moneyMarket.getAddress();
    // alice borrows 8.5M of the 10M USDC through the PM against WETH: 85% utilisation, ~34.5% a year
    await (await s.tokens.WETH.mint(alice.address, 10_000n * 10n ** 18n)).wait();
    await (await s.tokens.WETH.connect(alice).approve(await s.deposits.getAddress(), 10_000n * 10n ** 18n)).wait();
    await (await s.pm.connect(alice).openPortfolio()).wait();
    await (await s.deposits.connect(alice).deposit(await s.tokens.WETH.getAddress(), 10_000n * 10n ** 18n, 0n)).wait();
    await (await s.borrows.connect(alice).borrow(usdcAddr, 8_500_000n * USDC, 0n)).wait();
    borrowId = await s.borrows.lastAssetId();
    flasher = await ethers.deployContract("FlashSupplier");
    // more than one flash supply: each gets back a wei or so less (share rounding)
    await (await s.tokens.USDC.mint(await flasher.getAddress(), 10n * FLASH)).wait();
    await rpc("evm_increaseTime", [3600]);
    base = await rpc("evm_snapshot");
  });

  it("the lend index (what takers' lent tokens earn) and the borrow index do not move inside a flash supply", async () => {
    const mm = s.moneyMarket;
    for (const data of [
      mm.interface.encodeFunctionData("sharesToAmount", [usdcAddr, 10n ** 24n]),
      mm.interface.encodeFunctionData("currentBorrowIndexX64", [usdcAddr]),
    ]) {
      const honest = await inside(0n, mmAddr, data);
      const honestRate = await flasher.rateDuringCall();
      const flashed = await inside(FLASH, mmAddr, data);
      expect(flashed).toBe(honest);
      // while the borrow rate, read at the same moment, collapses
      expect((await flasher.rateDuringCall()) * 10n).toBeLessThan(honestRate);
    }
  });

  it("a donation to the money market moves neither its indexes nor its rates (it tracks its cash)", async () => {
    const mm = s.moneyMarket, [gov] = await ethers.getSigners();
    const views = async (block: number) => [
      await mm.sharesToAmount(usdcAddr, 10n ** 24n, { blockTag: block }),
      await mm.currentBorrowIndexX64(usdcAddr, { blockTag: block }),
      await mm.borrowRatePerSecondX64(usdcAddr, { blockTag: block }),
      await mm.lendRatePerSecondX64(usdcAddr, { blockTag: block }),
    ];
    await (await s.tokens.USDC.mint(gov.address, FLASH)).wait();
    base = await rpc("evm_snapshot");
    const plain = await views(await sameTime(() => s.tokens.USDC.transfer(gov.address, FLASH))); // a transfer elsewhere
    const donated = await views(await sameTime(() => s.tokens.USDC.transfer(mmAddr, FLASH)));
    expect(donated).toEqual(plain);
  });

  it("a swap pays the fee of the reservations in force: releasing one's own reservation around it gives the fee of a pool without it, never less", async () => {
    const pool = s.pool, addr = await pool.getAddress();
    const [weth, usd] = [s.tokens.WETH, s.tokens.USDC];
    const maker = await deployRouter(ethers, weth, usd, 10n ** 30n);
    const taker = await deployRouter(ethers, weth, usd, 10n ** 30n);
    const trader = await deployRouter(ethers, weth, usd, 10n ** 30n);
    await (await s.factory.setTaker(await taker.getAddress(), true)).wait();
    const L = 10n ** 16n;
    await (await maker.mint(addr, await maker.getAddress(), LO, HI, L)).wait();
    await (await taker.take(addr, LO, HI, L / 5n)).wait(); // another taker's reservation stays
    base = await rpc("evm_snapshot");
    const usdcIs0 = (await pool.token0()) === usdcAddr;
    // a 1,000 USDC exact-input swap into WETH
    const me = await trader.getAddress();
    const swap = () => trader.swap(addr, me, usdcIs0, 1000n * USDC, usdcIs0 ? MIN_SQRT + 1n : MAX_SQRT - 1n);
    const outcome = async (setup: () => Promise<void>) => {
      expect(await rpc("evm_revert", [base])).toBe(true);
      base = await rpc("evm_snapshot");
      await setup();
      const fee = Number(await pool.currentFeePips());
      const rc = await (await swap()).wait();
      const ev = rc.logs.map((l: any) => { try { return pool.interface.parseLog(l); } catch { return null; } }).find((l: any) => l?.name === "Swap").args;
      return { fee, amounts: [ev.amount0, ev.amount1], growth: [await pool.feeGrowthGlobal0X128(), await pool.feeGrowthGlobal1X128()] };
    };
    const never = await outcome(async () => {});
    const reserved = await outcome(async () => {
      await (await taker.take(addr, LO, HI, L / 2n)).wait();
    });
    const roundTrip = await outcome(async () => {
      await (await taker.take(addr, LO, HI, L / 2n)).wait();
      await (await taker.release(addr, LO, HI, L / 2n, await taker.getAddress())).wait();
    });
    expect(reserved.fee).toBeGreaterThan(never.fee); // the reservation raises the fee
    expect(roundTrip).toEqual(never); // released around the swap: exactly the pool without it
  });

  it("the borrow producer's delta ignores a flash supply (it is priced at the rate model's highest rate)", async () => {
    // delta = ceil(debt x maxBorrowRatePerSecondX64 x window / 2^64): the model's maximum, which no supply or
    // withdrawal moves (docs/security.md). Before, the current rate was read: a flash supply cut the delta ~15x.
    const data = s.borrows.interface.encodeFunctionData("record", [borrowId]);
    const borrows = await s.borrows.getAddress();
    const decode = (r: string) => s.borrows.interface.decodeFunctionResult("record", r)[0];
    const honest = decode(await inside(0n, borrows, data)), flashed = decode(await inside(FLASH, borrows, data));
    expect(flashed.debt[0]).toBe(honest.debt[0]);
    expect(flashed.delta[0]).toBe(honest.delta[0]);
    console.log(`borrow record of ${usdc(honest.debt[0])} USDC, 1 h window: delta ${usdc(honest.delta[0])} USDC, the same inside a flash supply`);
  });
});

