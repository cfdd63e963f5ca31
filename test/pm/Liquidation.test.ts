import { beforeAll, describe, expect, it } from "vitest";
import { deploySystem, E18, HOUR, System, vX64 } from "./fixture.js";

let s: System;
let T: Record<string, string>;
const PIPS = 1_000_000n;
const BONUS = 50_000n; // default 5%

beforeAll(async () => {
  s = await deploySystem();
  T = {};
  for (const [k, t] of Object.entries(s.tokens)) T[k] = await t.getAddress();
});

async function open(who: any): Promise<bigint> {
  const id = await s.pm.portfolioCount(who.address);
  await s.pm.connect(who).openPortfolio();
  return id;
}

function liquidatedEvent(receipt: any) {
  for (const log of receipt.logs) {
    try {
      const ev = s.pm.interface.parseLog(log);
      if (ev?.name === "Liquidated") return ev.args;
    } catch {}
  }
  throw new Error("no Liquidated event");
}

describe("Liquidation", () => {
  it("a price drop makes a cross-margined portfolio liquidatable; the liquidator earns exactly the bonus", async () => {
    const { pm, alice, bob, tokens, feeds } = s;
    // Governance keeps the variance gap (v_collateral x v_debt) above 1 + bonus so that a liquidation
    // at the insolvency point still covers the bonus: WETH at 1.10 here, USDC at 1.01.
    await pm.setToken(T.WETH, vX64(110n, 100n), false, await feeds.WETH.getAddress(), 24 * HOUR);
    const id = await open(alice);
    await s.deposits.connect(alice).deposit(T.WETH, E18, id); // 1 WETH at 2000 USD, v 1.10
    await s.borrows.connect(alice).borrow(T.USDC, 1500_000000n, id); // v 1.01
    await expect(pm.connect(bob).liquidate(alice.address, id, 3n)).rejects.toThrow(/NotLiquidatable/);

    // 1650 USD: 1 WETH / 1.10 = 1500 USD of virtual collateral < 1500 * 1.01 of virtual debt.
    await feeds.WETH.setAnswer(1650_00000000n);
    const b = await pm.breakdown(alice.address, id);
    expect(b.solvent).toBe(false);
    expect(b.usdNet).toBeLessThan(0n);

    // A stale price refuses the liquidation.
    const now = (await s.ethers.provider.getBlock("latest"))!.timestamp;
    await feeds.WETH.setAnswerAt(1650_00000000n, now - 25 * HOUR);
    await expect(pm.connect(bob).liquidate(alice.address, id, 3n)).rejects.toThrow(/StalePrice/);
    await feeds.WETH.setAnswer(1650_00000000n);

    // Closing only the collateral would leave the debt uncovered: refused.
    await expect(pm.connect(bob).liquidate(alice.address, id, 1n)).rejects.toThrow(/LiquidationIncomplete/);
    await expect(pm.connect(bob).liquidate(alice.address, id, 4n)).rejects.toThrow(/InvalidPositionMask/);

    const bobUsdc: bigint = await tokens.USDC.balanceOf(bob.address);
    const bobWeth: bigint = await tokens.WETH.balanceOf(bob.address);
    const aliceWeth: bigint = await tokens.WETH.balanceOf(alice.address);
    const receipt = await (await pm.connect(bob).liquidate(alice.address, id, 3n)).wait();
    const paid = bobUsdc - (await tokens.USDC.balanceOf(bob.address));
    const got = (await tokens.WETH.balanceOf(bob.address)) - bobWeth;
    const ownerKept = (await tokens.WETH.balanceOf(alice.address)) - aliceWeth;

    // The debt paid is the borrow with its interest: 1500 USDC and a little.
    expect(paid).toBeGreaterThanOrEqual(1500_000000n);
    expect(paid).toBeLessThan(1500_001000n);
    // USDC (6 decimals) at 1.00000000 (8): debtUsd = paid * 1e8 * 1e18 / 1e14 = paid * 1e12.
    const debtUsd = paid * 10n ** 12n;
    const owed = debtUsd + (debtUsd * BONUS) / PIPS;
    // WETH (18) at 1650.00000000 (8): amount for `owed` USD = floor(owed * 1e26 / (1650e8 * 1e18)) = floor(owed / 1650).
    expect(got).toBe(owed / 1650n);
    // The liquidator's USD gain is the bonus, less under one wei of WETH (1650 USD-wei) of rounding.
    const gain = got * 1650n - debtUsd;
    expect(gain).toBeLessThanOrEqual((debtUsd * BONUS) / PIPS);
    expect((debtUsd * BONUS) / PIPS - gain).toBeLessThan(1650n);
    // The owner keeps the rest of the collateral.
    expect(ownerKept).toBe(E18 - got);

    const ev = liquidatedEvent(receipt);
    expect(ev.debtUsd).toBe(debtUsd);
    expect(ev.paidUsd).toBe(got * 1650n);
    expect(ev.badDebtUsd).toBe(0n);
    expect((await pm.positions(alice.address, id)).length).toBe(0);
    expect(await pm.isSolvent(alice.address, id)).toBe(true);
    await pm.setToken(T.WETH, vX64(102n, 100n), false, await feeds.WETH.getAddress(), 24 * HOUR);
  });

  it("a failing tail token only opens its own positions to liquidation", async () => {
    const { pm, alice, bob, tokens } = s;
    const id = await open(alice);
    await s.deposits.connect(alice).deposit(T.USDC, 10_000_000000n, id); // position 0
    await s.deposits.connect(alice).deposit(T.DOGE, 1000_00000000n, id); // position 1
    await s.borrows.connect(alice).borrow(T.DOGE, 800_00000000n, id); // position 2: 1000/1.1 = 909 > 800*1.1 = 880
    expect(await pm.isSolvent(alice.address, id)).toBe(true);

    // Governance raises DOGE's variance factor: 1000/1.2 = 833 < 800 * 1.2 = 960. The USD side stays positive.
    await pm.setToken(T.DOGE, vX64(120n, 100n), true, await s.feeds.DOGE.getAddress(), 24 * HOUR);
    const b = await pm.breakdown(alice.address, id);
    expect(b.solvent).toBe(false);
    expect(b.usdNet).toBeGreaterThan(0n);
    expect(b.failingTails).toEqual([T.DOGE]);

    await expect(pm.connect(bob).liquidate(alice.address, id, 1n)).rejects.toThrow(/PositionNotLiquidatable/);
    await expect(pm.connect(bob).liquidate(alice.address, id, 7n)).rejects.toThrow(/PositionNotLiquidatable/);

    const bobDoge = await tokens.DOGE.balanceOf(bob.address);
    const aliceDoge = await tokens.DOGE.balanceOf(alice.address);
    const ev = liquidatedEvent(await (await pm.connect(bob).liquidate(alice.address, id, 6n)).wait());
    const bobDelta = (await tokens.DOGE.balanceOf(bob.address)) - bobDoge; // received - paid
    const ownerKept = (await tokens.DOGE.balanceOf(alice.address)) - aliceDoge;
    // Paid P DOGE (8 decimals at 0.10000000): debtUsd = P * 1e7 * 1e18 / 1e16 = P * 1e9; repaid in kind:
    // floor((debtUsd * 1.05) * 1e16 / (1e7 * 1e18)) = floor(owed / 1e9) DOGE. The owner keeps the rest.
    const P = ev.debtUsd / 10n ** 9n;
    expect(ev.debtUsd % 10n ** 9n).toBe(0n);
    expect(P).toBeGreaterThanOrEqual(800_00000000n);
    expect(P).toBeLessThan(800_00100000n);
    const W = (ev.debtUsd + (ev.debtUsd * BONUS) / PIPS) / 10n ** 9n;
    expect(bobDelta).toBe(W - P);
    expect(ownerKept).toBe(1000_00000000n - W);
    // Only the USDC deposit remains, solvent.
    expect((await pm.positions(alice.address, id)).length).toBe(1);
    expect(await pm.isSolvent(alice.address, id)).toBe(true);
    await pm.setToken(T.DOGE, vX64(110n, 100n), true, await s.feeds.DOGE.getAddress(), 24 * HOUR);
  });

  it("a shortfall is recorded as bad debt", async () => {
    const { pm, alice, gov, tokens, feeds } = s;
    await feeds.WETH.setAnswer(2000_00000000n);
    const id = await open(alice);
    await s.deposits.connect(alice).deposit(T.WETH, E18, id);
    await s.borrows.connect(alice).borrow(T.USDC, 1500_000000n, id);
    await feeds.WETH.setAnswer(1000_00000000n); // collateral now worth 1000 USD for a 1500 USD debt
    const govWeth = await tokens.WETH.balanceOf(gov.address);
    const receipt = await (await pm.connect(gov).liquidate(alice.address, id, 3n)).wait();
    const ev = liquidatedEvent(receipt);
    expect((await tokens.WETH.balanceOf(gov.address)) - govWeth).toBe(E18); // all of it
    expect(ev.badDebtUsd).toBe(ev.debtUsd - 1000n * E18);
    expect(await pm.badDebtUsd(alice.address, id)).toBe(ev.badDebtUsd);
    expect(await pm.totalBadDebtUsd()).toBe(ev.badDebtUsd);
    await feeds.WETH.setAnswer(2000_00000000n);
  });
});
