import { beforeAll, describe, expect, it } from "vitest";
import { deploySystem, E18, HOUR, System, vX64, X64 } from "./fixture.js";

let s: System;
let T: Record<string, string>; // token addresses

beforeAll(async () => {
  s = await deploySystem();
  T = {};
  for (const [k, t] of Object.entries(s.tokens)) T[k] = await t.getAddress();
});

/** Opens a new portfolio for `who` and returns its id. */
async function open(who: any): Promise<bigint> {
  const id = await s.pm.portfolioCount(who.address);
  await s.pm.connect(who).openPortfolio();
  return id;
}

async function lastAsset(p: any): Promise<bigint> {
  return p.lastAssetId();
}

describe("PortfolioManager: limits", () => {
  it("a wallet opens at most 8 portfolios", async () => {
    const w = (await s.ethers.getSigners())[5];
    for (let i = 0; i < 8; i++) await s.pm.connect(w).openPortfolio();
    expect(await s.pm.portfolioCount(w.address)).toBe(8n);
    await expect(s.pm.connect(w).openPortfolio()).rejects.toThrow(/TooManyPortfolios/);
  });

  it("a portfolio holds at most 16 positions", async () => {
    const id = await open(s.alice);
    for (let i = 0; i < 16; i++) await s.deposits.connect(s.alice).deposit(T.USDC, 1_000000n, id);
    expect((await s.pm.positions(s.alice.address, id)).length).toBe(16);
    await expect(s.deposits.connect(s.alice).deposit(T.USDC, 1_000000n, id)).rejects.toThrow(/TooManyPositions/);
  });

  it("installing into a portfolio that was not opened is refused", async () => {
    const n = await s.pm.portfolioCount(s.bob.address);
    await expect(s.deposits.connect(s.bob).deposit(T.USDC, 1n, n)).rejects.toThrow(/UnknownPortfolio/);
  });
});

describe("PortfolioManager: access control", () => {
  it("refuses a stranger on every state-changing function", async () => {
    const st = s.stranger;
    const pm = s.pm.connect(st);
    await expect(pm.setProducer(st.address, true)).rejects.toThrow(/NotOwner/);
    await expect(pm.setToken(T.USDC, vX64(2n, 1n), false, st.address, 60)).rejects.toThrow(/NotOwner/);
    await expect(pm.setTailRecordUsdDebt(1n)).rejects.toThrow(/NotOwner/);
    await expect(pm.setLiquidationBonus(1n)).rejects.toThrow(/NotOwner/);
    await expect(pm.transferOwnership(st.address)).rejects.toThrow(/NotOwner/);
    await expect(pm.install(st.address, 0n, 1n)).rejects.toThrow(/NotProducer/);
    await expect(pm.settle(T.USDC, 1n)).rejects.toThrow(/NotSettling/);
    await expect(pm.uninstall(0n, await s.deposits.getAddress(), 1n)).rejects.toThrow(/UnknownPortfolio/);
    await expect(pm.liquidate(s.alice.address, 0n, 1n)).rejects.toThrow(/NotLiquidatable/);
    // Only the PM destroys assets.
    for (const p of [s.deposits, s.lends, s.borrows]) await expect(p.connect(st).destroy(1n, st.address)).rejects.toThrow(/NotPortfolioManager/);
    await expect(s.borrows.connect(st).setLiquidationWindow(60n)).rejects.toThrow(/NotOwner/);
    // Only the borrow producer creates money-market debt.
    await expect(s.mm.connect(st).borrow(T.USDC, 1n, st.address)).rejects.toThrow(/NotBorrower/);
    await expect(s.mm.connect(st).setBorrower(st.address, true)).rejects.toThrow(/NotOwner/);
  });

  it("an owner cannot uninstall another wallet's position", async () => {
    const id = await open(s.alice);
    await s.deposits.connect(s.alice).deposit(T.USDC, 5_000000n, id);
    const asset = await lastAsset(s.deposits);
    // bob has no such portfolio or no such position in his own.
    const bobId = await open(s.bob);
    await expect(s.pm.connect(s.bob).uninstall(bobId, await s.deposits.getAddress(), asset)).rejects.toThrow(/NotInPortfolio/);
  });

  it("governance parameters are bounded", async () => {
    await expect(s.pm.setLiquidationBonus(200_001n)).rejects.toThrow(/InvalidParameter/);
    await expect(s.pm.setTailRecordUsdDebt(1n << 128n)).rejects.toThrow(/InvalidParameter/);
    await expect(s.pm.setToken(T.USDC, X64, false, await s.feeds.USDC.getAddress(), 60)).rejects.toThrow(/InvalidVarianceFactor/);
    await expect(s.pm.setToken(T.USDC, (1n << 72n) + 1n, false, await s.feeds.USDC.getAddress(), 60)).rejects.toThrow(/InvalidVarianceFactor/);
    await expect(s.pm.setToken(T.USDC, vX64(101n, 100n), false, s.ethers.ZeroAddress, 60)).rejects.toThrow(/InvalidTokenConfig/);
  });
});

describe("PortfolioManager: install / uninstall keep portfolios solvent", () => {
  it("a borrow without collateral is refused; with collateral it is accepted", async () => {
    const id = await open(s.alice);
    await expect(s.borrows.connect(s.alice).borrow(T.USDC, 1000_000000n, id)).rejects.toThrow(/Insolvent/);
    await s.deposits.connect(s.alice).deposit(T.WETH, E18, id); // 2000 USD at v 1.02
    await s.borrows.connect(s.alice).borrow(T.USDC, 1000_000000n, id);
    expect(await s.pm.isSolvent(s.alice.address, id)).toBe(true);
    // Borrowing past the margin is refused: 1 ETH / 1.02 = 1960.78 USD virtual, (1000 + 950) * 1.01 = 1969.5.
    await expect(s.borrows.connect(s.alice).borrow(T.USDC, 950_000000n, id)).rejects.toThrow(/Insolvent/);
  });

  it("uninstalling collateral that backs a debt is refused; repaying first then works", async () => {
    const id = await open(s.alice);
    await s.deposits.connect(s.alice).deposit(T.WETH, E18, id);
    const col = await lastAsset(s.deposits);
    await s.borrows.connect(s.alice).borrow(T.USDC, 500_000000n, id);
    const debtAsset = await lastAsset(s.borrows);
    const D = await s.deposits.getAddress(), B = await s.borrows.getAddress();
    await expect(s.pm.connect(s.alice).uninstall(id, D, col)).rejects.toThrow(/Insolvent/);

    const usdcBefore = await s.tokens.USDC.balanceOf(s.alice.address);
    await s.pm.connect(s.alice).uninstall(id, B, debtAsset); // repays through the settle callback
    const repaid = usdcBefore - (await s.tokens.USDC.balanceOf(s.alice.address));
    expect(repaid).toBeGreaterThanOrEqual(500_000000n); // principal plus interest (rounded up)
    expect(repaid).toBeLessThan(500_000100n);
    expect(await s.mm.borrowShares(T.USDC, B)).toBeGreaterThanOrEqual(0n);

    const wethBefore = await s.tokens.WETH.balanceOf(s.alice.address);
    await s.pm.connect(s.alice).uninstall(id, D, col);
    expect((await s.tokens.WETH.balanceOf(s.alice.address)) - wethBefore).toBe(E18);
    expect((await s.pm.positions(s.alice.address, id)).length).toBe(0);
    await expect(s.deposits.record(col)).rejects.toThrow(/UnknownAsset/);
  });

  it("a lend position is collateral worth its shares", async () => {
    const id = await open(s.alice);
    await s.lends.connect(s.alice).lend(T.USDC, 3000_000000n, id);
    const asset = await lastAsset(s.lends);
    const rec = await s.lends.record(asset);
    expect(rec.credit[0]).toBeLessThanOrEqual(3000_000000n);
    expect(rec.credit[0]).toBeGreaterThanOrEqual(2999_999999n);
    await s.borrows.connect(s.alice).borrow(T.WETH, E18, id); // 2000 * 1.02 = 2040 < 3000 / 1.01
    expect(await s.pm.isSolvent(s.alice.address, id)).toBe(true);
  });

  it("the borrow delta is the interest over the liquidation window at the rate model's highest rate", async () => {
    const id = await open(s.alice);
    await s.deposits.connect(s.alice).deposit(T.WETH, E18, id);
    await s.borrows.connect(s.alice).borrow(T.USDC, 100_000000n, id);
    const rec = await s.borrows.record(await lastAsset(s.borrows));
    // The model's rate at 100% utilisation: base + slope1 + slope2 (a rate no supply or withdrawal moves).
    const rate: bigint = await s.mm.maxBorrowRatePerSecondX64(T.USDC);
    expect(rate).toBeGreaterThan(await s.mm.borrowRatePerSecondX64(T.USDC));
    const expected = (rec.debt[0] * rate * BigInt(HOUR) + X64 - 1n) / X64;
    expect(rec.delta[0]).toBe(expected);
  });
});

describe("PortfolioManager: oracle faults", () => {
  it("stale, zero and negative prices revert with named errors; unregistered tokens too", async () => {
    const id = await open(s.bob);
    await s.deposits.connect(s.bob).deposit(T.SOL, 10n ** 9n, id);
    const f = s.feeds.SOL;
    const now = (await s.ethers.provider.getBlock("latest"))!.timestamp;
    await f.setAnswerAt(100_00000000n, now - 24 * HOUR - 5);
    await expect(s.pm.breakdown(s.bob.address, id)).rejects.toThrow(/StalePrice/);
    await expect(s.deposits.connect(s.bob).deposit(T.SOL, 1n, id)).rejects.toThrow(/StalePrice/);
    await f.setAnswer(0n);
    await expect(s.pm.breakdown(s.bob.address, id)).rejects.toThrow(/InvalidPrice/);
    await f.setAnswer(-1n);
    await expect(s.pm.breakdown(s.bob.address, id)).rejects.toThrow(/InvalidPrice/);
    await f.setAnswer(100_00000000n);
    expect(await s.pm.isSolvent(s.bob.address, id)).toBe(true);
    const stray = await s.ethers.deployContract("TestERC20", ["X", "X", 18]);
    await stray.mint(s.bob.address, E18);
    const strayAsBob = await s.ethers.getContractAt("TestERC20", await stray.getAddress(), s.bob);
    await strayAsBob.approve(await s.deposits.getAddress(), E18);
    await expect(s.deposits.connect(s.bob).deposit(await stray.getAddress(), E18, id)).rejects.toThrow(/UnknownToken/);
  });
});
