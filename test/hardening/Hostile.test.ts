// Hostile counterparts (contracts/test/hostile/): re-entrant tokens and callback receivers, tokens
// that return false, charge a transfer fee, or have 0 or 24 decimals, and a malicious producer that
// governance registered. What is refused is refused with a named error; what is accepted is exact.
// Complements test/pm/Reentrancy.test.ts (a hook token re-entering the PM and the money market).
import { beforeAll, describe, expect, it } from "vitest";
import { deploySystem, E18, HOUR, System, vX64, X64 } from "../pm/fixture.js";
import { deployItos, createItosPool, flatConfig, encodePriceSqrt, MIN_SQRT, MAX_SQRT } from "../amm/helpers.js";
import { init, Pool } from "../../bindings/index.js";

let s: System;
let T: Record<string, string>;
const extraFeeds: any[] = [];

beforeAll(async () => {
  await init();
  s = await deploySystem();
  T = {};
  for (const [k, t] of Object.entries(s.tokens)) T[k] = await t.getAddress();
});

const errorName = (c: any, data: string) => {
  try {
    return c.interface.parseError(data)?.name;
  } catch {
    return undefined;
  }
};

async function open(who: any): Promise<bigint> {
  const id = await s.pm.portfolioCount(who.address);
  await s.pm.connect(who).openPortfolio();
  return id;
}

/** A HostileToken registered in the PM (blue-chip at 1 USD) and listed in the money market. */
async function hostileToken(decimals = 18) {
  const t: any = await s.ethers.deployContract("HostileToken", [decimals]);
  const feed = await s.ethers.deployContract("MockAggregator", [8, 1_00000000n]);
  extraFeeds.push(feed);
  const a = await t.getAddress();
  await s.pm.setToken(a, vX64(105n, 100n), false, await feed.getAddress(), 24 * HOUR);
  const model = { baseRateX64: X64 / 1_000_000_000n, slope1X64: 0n, kinkX64: X64 / 2n, slope2X64: 0n, reserveShareX64: 0n };
  await s.mm.listMarket(a, model);
  for (const w of [s.gov, s.alice, s.bob]) {
    await t.mint(w.address, 10n ** 40n);
    for (const sp of [s.pm, s.mm, s.deposits, s.lends, s.borrows]) await t.connect(w).approve(await sp.getAddress(), s.ethers.MaxUint256);
  }
  await s.mm.supply(a, 10n ** 30n);
  return t;
}

describe("a malicious producer registered by governance", () => {
  let rogue: any;
  beforeAll(async () => {
    rogue = await s.ethers.deployContract("MaliciousProducer", [await s.pm.getAddress()]);
    await s.pm.setProducer(await rogue.getAddress(), true);
  });

  it("cannot destroy another producer's asset, settle outside its own destroy, or uninstall others' positions", async () => {
    const { pm, bob, deposits } = s;
    const id = await open(bob);
    await deposits.connect(bob).deposit(T.USDC, 1000_000000n, id);
    const asset = await deposits.lastAssetId();
    const attempts: [string, any, string, string][] = [
      ["destroy", deposits, deposits.interface.encodeFunctionData("destroy", [asset, await rogue.getAddress()]), "NotPortfolioManager"],
      ["settle", pm, pm.interface.encodeFunctionData("settle", [T.USDC, 1n]), "NotSettling"],
      ["uninstall", pm, pm.interface.encodeFunctionData("uninstall", [id, await deposits.getAddress(), asset]), "UnknownPortfolio"],
    ];
    for (const [what, target, data, error] of attempts) {
      await rogue.setAttack(await target.getAddress(), data);
      await rogue.attack();
      expect(await rogue.lastAttackOk(), what).toBe(false);
      expect(errorName(target, await rogue.lastAttackData()), what).toBe(error);
    }
    expect((await deposits.deposits(asset)).amount).toBe(1000_000000n);
    expect((await pm.positions(bob.address, id)).length).toBe(1);
  });

  it("inside its own destroy, meets the PM's lock and other producers' guards; settle pulls only from the uninstalling owner", async () => {
    const { pm, alice, bob, deposits, tokens } = s;
    const id = await open(alice);
    await deposits.connect(alice).deposit(T.USDC, 1000_000000n, id);
    const other = await deposits.lastAssetId();
    const bobId = await open(bob);
    await deposits.connect(bob).deposit(T.USDC, 1000_000000n, bobId);
    const bobAsset = await deposits.lastAssetId();
    await rogue.connect(alice).installFor(alice.address, id, T.USDC, 1n, 0n); // a harmless-looking asset
    const asset = await rogue.lastAssetId();
    const cases: [string, any, string, string][] = [
      ["uninstall", pm, pm.interface.encodeFunctionData("uninstall", [id, await deposits.getAddress(), other]), "Reentrancy"],
      ["install", pm, pm.interface.encodeFunctionData("install", [bob.address, bobId, 99n]), "Reentrancy"],
      ["liquidate", pm, pm.interface.encodeFunctionData("liquidate", [bob.address, bobId, 1n]), "Reentrancy"],
      ["destroy other", deposits, deposits.interface.encodeFunctionData("destroy", [bobAsset, await rogue.getAddress()]), "NotPortfolioManager"],
    ];
    for (const [what, target, data, error] of cases) {
      await rogue.setAttack(await target.getAddress(), data);
      // Re-install for each case: the uninstall below removes it.
      const aid = what === "uninstall" ? asset : await (async () => {
        await rogue.connect(alice).installFor(alice.address, id, T.USDC, 1n, 0n);
        return rogue.lastAssetId();
      })();
      await pm.connect(alice).uninstall(id, await rogue.getAddress(), aid);
      expect(await rogue.lastAttackOk(), what).toBe(false);
      expect(errorName(target, await rogue.lastAttackData()), what).toBe(error);
    }
    // Settle during its own destroy: the PM pulls from the uninstalling owner only (the documented
    // trust a registered producer has), never from anyone else.
    await rogue.connect(alice).installFor(alice.address, id, T.USDC, 1n, 0n);
    const aid = await rogue.lastAssetId();
    await rogue.setAttack(await pm.getAddress(), pm.interface.encodeFunctionData("settle", [T.USDC, 5_000000n]));
    const [a0, b0] = [await tokens.USDC.balanceOf(alice.address), await tokens.USDC.balanceOf(bob.address)];
    await pm.connect(alice).uninstall(id, await rogue.getAddress(), aid);
    expect(await rogue.lastAttackOk()).toBe(true);
    expect(await tokens.USDC.balanceOf(alice.address)).toBe(a0 - 5_000000n);
    expect(await tokens.USDC.balanceOf(bob.address)).toBe(b0);
    expect((await pm.positions(bob.address, bobId)).length).toBe(1);
  });

  it("can install into another owner's portfolio only while that portfolio stays solvent", async () => {
    const { pm, bob, deposits } = s;
    const id = await open(bob);
    await deposits.connect(bob).deposit(T.USDC, 1000_000000n, id);
    await expect(rogue.installFor(bob.address, id, T.USDC, 0n, 2000_000000n)).rejects.toThrow(/Insolvent/);
    expect(await pm.isSolvent(bob.address, id)).toBe(true);
    // An unregistered producer cannot install at all.
    await s.pm.setProducer(await rogue.getAddress(), false);
    await expect(rogue.installFor(bob.address, id, T.USDC, 1n, 0n)).rejects.toThrow(/NotProducer/);
    await s.pm.setProducer(await rogue.getAddress(), true);
  });
});

describe("re-entrant tokens against the producers and the settlement callback", () => {
  it("a borrow repaid through settle is paid once, exactly; re-entry from the token is refused", async () => {
    const { pm, alice, deposits, borrows, mm } = s;
    const evil = await hostileToken();
    const a = await evil.getAddress();
    const id = await open(alice);
    await deposits.connect(alice).deposit(T.USDC, 10_000_000000n, id);
    await borrows.connect(alice).borrow(a, 1000n * E18, id);
    const asset = await borrows.lastAssetId();
    await s.ethers.provider.send("evm_increaseTime", [7 * 24 * HOUR]);
    await s.ethers.provider.send("evm_mine", []);
    for (const f of [...Object.values(s.feeds), ...extraFeeds]) await (f as any).setAnswer(await (f as any).answer());
    // During settle's pull the token tries a second settle (NotSettling: the token is not the producer).
    await evil.setHook(await pm.getAddress(), pm.interface.encodeFunctionData("settle", [a, 1n]));
    const before = await evil.balanceOf(alice.address);
    const owed = await mm.debtOf(a, await borrows.getAddress());
    const tx = await pm.connect(alice).uninstall(id, await borrows.getAddress(), asset);
    const rc = await tx.wait();
    expect(errorName(pm, await evil.lastHookData())).toBe("NotSettling");
    // Exactly the debt left alice (the debt as of the uninstall block: at least what it was a block before).
    const paid = before - (await evil.balanceOf(alice.address));
    const settled = rc.logs.map((l: any) => { try { return pm.interface.parseLog(l); } catch { return null; } }).filter((e: any) => e?.name === "Settled");
    expect(settled.length).toBe(1);
    expect(paid).toBe(settled[0].args.amount);
    expect(paid >= owed).toBe(true);
    expect(await mm.borrowShares(a, await borrows.getAddress())).toBe(0n);
    // During a deposit's payout the token re-enters the deposit producer: its lock refuses.
    await evil.setHook(await deposits.getAddress(), deposits.interface.encodeFunctionData("deposit", [a, 1n, id]));
    await deposits.connect(alice).deposit(a, E18, id);
    // The pull before install ran the hook inside deposit's lock.
    expect(errorName(deposits, await evil.lastHookData())).toBe("Reentrancy");
    await evil.setHook(s.ethers.ZeroAddress, "0x");
  });

  it("a token that returns false is refused (TransferFailed) by producers and the money market", async () => {
    const { alice, deposits, lends, mm } = s;
    const t = await hostileToken();
    const a = await t.getAddress();
    const id = await open(alice);
    await t.setReturnFalse(true);
    await expect(deposits.connect(alice).deposit(a, E18, id)).rejects.toThrow(/TransferFailed/);
    await expect(lends.connect(alice).lend(a, E18, id)).rejects.toThrow(/TransferFailed/);
    await expect(mm.connect(alice).supply(a, E18)).rejects.toThrow(/TransferFailed/);
    await t.setReturnFalse(false);
  });
});

describe("token decimals in the registry", () => {
  it("0 and 24 decimals are netted exactly (by hand); 37 decimals are refused", async () => {
    const { pm, alice, deposits } = s;
    for (const [decimals, amount] of [[0, 7n], [24, 123_456_789n * 10n ** 21n]] as const) {
      const t: any = await s.ethers.deployContract("TestERC20", ["D", "D", decimals]);
      const feed = await s.ethers.deployContract("MockAggregator", [8, 3_50000000n]); // 3.5 USD
      const a = await t.getAddress();
      const v = vX64(125n, 100n);
      await pm.setToken(a, v, false, await feed.getAddress(), 24 * HOUR);
      await t.mint(alice.address, amount);
      await t.connect(alice).approve(await deposits.getAddress(), amount);
      const id = await open(alice);
      await deposits.connect(alice).deposit(a, amount, id);
      // vc = floor(amount * 2^64 / v); usd = floor(vc * 3.5e8 * 1e18 / 10^(decimals + 8)).
      const vc = (amount * X64) / v;
      const usd = (vc * 3_50000000n * E18) / 10n ** BigInt(decimals + 8);
      expect((await pm.breakdown(alice.address, id)).usdNet, `${decimals} decimals`).toBe(usd);
    }
    const t37 = await s.ethers.deployContract("TestERC20", ["D", "D", 37]);
    const feed = await s.ethers.deployContract("MockAggregator", [8, 1n]);
    await expect(pm.setToken(await t37.getAddress(), vX64(125n, 100n), false, await feed.getAddress(), 60)).rejects.toThrow(/InvalidTokenConfig/);
  });
});

describe("the 2sAMM pool against hostile tokens and callbacks", () => {
  let ethers: any, factory: any, callee: any;
  const SPACING = 60;

  beforeAll(async () => {
    ethers = s.ethers;
    ({ factory } = await deployItos(ethers));
    callee = await ethers.deployContract("ReentrantCallee");
  });

  /** A pool of (a, b) at price 1 with liquidity over [-600, 600) minted by the callee. */
  async function poolOf(a: any, b: any, liquidity = 10n ** 20n) {
    const pool: any = await createItosPool(ethers, factory, a, b, flatConfig(3000, SPACING));
    await pool.initialize(encodePriceSqrt(1n, 1n));
    for (const t of [a, b]) await t.mint(await callee.getAddress(), 10n ** 36n);
    await callee.mint(await pool.getAddress(), -600, 600, liquidity);
    return pool;
  }

  it("a callback that re-enters the pool is refused; one that under-pays reverts the whole swap", async () => {
    const a = await ethers.deployContract("TestERC20", ["A", "A", 18]);
    const b = await ethers.deployContract("TestERC20", ["B", "B", 18]);
    const pool = await poolOf(a, b);
    const p = await pool.getAddress(), c = await callee.getAddress();
    const attacks: [string, string][] = [
      ["swap", pool.interface.encodeFunctionData("swap", [c, true, 1000n, MIN_SQRT + 1n, "0x"])],
      ["mint", pool.interface.encodeFunctionData("mint", [c, -600, 600, 1000n, "0x"])],
      ["burn", pool.interface.encodeFunctionData("burn", [-600, 600, 1n])],
      ["collect", pool.interface.encodeFunctionData("collect", [c, -600, 600, 1n, 1n])],
      ["take", pool.interface.encodeFunctionData("take", [-600, 600, 1n])],
      ["release", pool.interface.encodeFunctionData("release", [-600, 600, 1n, c, "0x"])],
      ["accruePremiumIndexes", pool.interface.encodeFunctionData("accruePremiumIndexes")],
    ];
    for (const [what, data] of attacks) {
      await callee.setAttack(p, data);
      await callee.swap(p, true, 10n ** 15n, MIN_SQRT + 1n);
      expect(await callee.lastAttackOk(), what).toBe(false);
      expect(errorName(pool, await callee.lastAttackData()), what).toBe("Reentrancy");
    }
    await callee.setAttack(ethers.ZeroAddress, "0x");
    const before = await pool.slot0();
    await callee.setPayPips(999_999n);
    await expect(callee.swap(p, false, 10n ** 18n, MAX_SQRT - 1n)).rejects.toThrow(/InsufficientPayment/);
    await expect(callee.mint(p, -600, 600, 10n ** 18n)).rejects.toThrow(/InsufficientPayment/);
    await callee.setPayPips(1_000_000n);
    expect((await pool.slot0())[0]).toBe(before[0]);
  });

  it("a token that re-enters the pool during its payout is refused; the outer swap completes", async () => {
    const evil: any = await ethers.deployContract("HostileToken", [18]);
    const b = await ethers.deployContract("TestERC20", ["B", "B", 18]);
    const pool = await poolOf(evil, b);
    const p = await pool.getAddress();
    await evil.setHook(p, pool.interface.encodeFunctionData("swap", [await callee.getAddress(), true, 1000n, MIN_SQRT + 1n, "0x"]));
    const calls = await evil.hookCalls();
    const zeroForOne = (await pool.token0()) !== (await evil.getAddress()); // pay b in, take the hostile token out
    await callee.swap(p, zeroForOne, 10n ** 15n, zeroForOne ? MIN_SQRT + 1n : MAX_SQRT - 1n);
    expect(await evil.hookCalls()).toBeGreaterThan(calls);
    expect(await evil.lastHookOk()).toBe(false);
    expect(errorName(pool, await evil.lastHookData())).toBe("Reentrancy");
    await evil.setHook(ethers.ZeroAddress, "0x");
  });

  it("fee-on-transfer and false-returning tokens fail the pool's pay-in check; a false payout is TransferFailed", async () => {
    const t: any = await ethers.deployContract("HostileToken", [18]);
    const b = await ethers.deployContract("TestERC20", ["B", "B", 18]);
    const pool = await poolOf(t, b);
    const p = await pool.getAddress();
    const tIs0 = (await pool.token0()) === (await t.getAddress());
    await t.setFeePips(10_000n); // 1%
    await expect(callee.mint(p, -600, 600, 10n ** 18n)).rejects.toThrow(/InsufficientPayment/);
    await expect(callee.swap(p, tIs0, 10n ** 18n, tIs0 ? MIN_SQRT + 1n : MAX_SQRT - 1n)).rejects.toThrow(/InsufficientPayment/);
    await t.setFeePips(0n);
    await t.setReturnFalse(true);
    await expect(callee.swap(p, tIs0, 10n ** 18n, tIs0 ? MIN_SQRT + 1n : MAX_SQRT - 1n)).rejects.toThrow(/InsufficientPayment/);
    await expect(callee.swap(p, !tIs0, 10n ** 18n, !tIs0 ? MIN_SQRT + 1n : MAX_SQRT - 1n)).rejects.toThrow(/TransferFailed/);
    await t.setReturnFalse(false);
  });

  it("0- and 24-decimal tokens: the pool works in raw units, to the wei of the Wasm pool", async () => {
    const t0: any = await ethers.deployContract("TestERC20", ["Z", "Z", 0]);
    const t24: any = await ethers.deployContract("TestERC20", ["Y", "Y", 24]);
    // 1 Z = 1000 Y-units... priced at raw ratio 10^24 / 1 (one whole Z for one whole Y).
    const [a, b] = BigInt(await t0.getAddress()) < BigInt(await t24.getAddress()) ? [t0, t24] : [t24, t0];
    const aIsZ = a === t0;
    const price = aIsZ ? encodePriceSqrt(10n ** 24n, 1n) : encodePriceSqrt(1n, 10n ** 24n);
    const pool: any = await createItosPool(ethers, factory, a, b, flatConfig(3000, SPACING));
    await pool.initialize(price);
    const [, tick] = await pool.slot0();
    const lo = Math.floor(Number(tick) / SPACING) * SPACING - 6000, hi = lo + 12000;
    for (const t of [a, b]) await t.mint(await callee.getAddress(), 10n ** 40n);
    const model = new Pool({ sqrtPriceX96: price, tickSpacing: SPACING, fee: 3000, protocolFeePips: 0 });
    const L = 10n ** 15n;
    const minted = await callee.mint.staticCall(await pool.getAddress(), lo, hi, L);
    await callee.mint(await pool.getAddress(), lo, hi, L);
    const m = model.mint(lo, hi, L);
    expect([minted[0], minted[1]]).toEqual([m.amount0, m.amount1]);
    for (const [zeroForOne, amount] of [[aIsZ, 3n], [!aIsZ, 5n * 10n ** 24n], [aIsZ, -(10n ** 24n)], [!aIsZ, -2n]] as const) {
      const limit = zeroForOne ? MIN_SQRT + 1n : MAX_SQRT - 1n;
      const got = await callee.swap.staticCall(await pool.getAddress(), zeroForOne, amount, limit);
      await callee.swap(await pool.getAddress(), zeroForOne, amount, limit);
      const want = model.swap({ zeroForOne, amountSpecified: amount, sqrtPriceLimitX96: limit });
      expect([got[0], got[1]]).toEqual([want.amount0, want.amount1]);
      expect((await pool.slot0())[0]).toBe(want.sqrtPriceX96);
    }
  });
});
