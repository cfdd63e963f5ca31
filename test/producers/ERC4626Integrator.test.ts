// ERC4626Integrator on a real OpenZeppelin ERC-4626 vault (contracts/test/TestVault.sol): Records
// against a hand computation of OZ's conversion and the PM arithmetic, uninstall returning the
// shares, a share-price fall making the portfolio liquidatable, access control, and the Wasm
// Solvency.check agreeing with the PM's breakdown on the integrator's Records.
import { beforeAll, describe, expect, it } from "vitest";
import { init } from "../../bindings/index.js";
import { deploySystem, System, vX64 } from "../pm/fixture.js";
import { ceilDiv, expectWasmAgrees, usdOf, X64 } from "./helpers.js";

let s: System;
let integrator: any, vault: any, weth: any, usdc: any;
let VAULT: string, WETH: string, USDC: string, INTEGRATOR: string;
const RISK_PIPS = 50_000n; // 5% of the asset value
const E18 = 10n ** 18n;
const gas: Record<string, bigint> = {};

beforeAll(async () => {
  await init();
  s = await deploySystem();
  weth = s.tokens.WETH;
  usdc = s.tokens.USDC;
  WETH = await weth.getAddress();
  USDC = await usdc.getAddress();
  integrator = await s.ethers.deployContract("ERC4626Integrator", [await s.pm.getAddress(), s.gov.address]);
  INTEGRATOR = await integrator.getAddress();
  await s.pm.setProducer(INTEGRATOR, true);
  vault = await s.ethers.deployContract("TestVault", [WETH, "Vault WETH", "vWETH"]);
  VAULT = await vault.getAddress();
  await integrator.setVault(VAULT, true, RISK_PIPS);
  for (const w of [s.alice, s.bob]) {
    await weth.connect(w).approve(VAULT, s.ethers.MaxUint256);
    await vault.connect(w).approve(INTEGRATOR, s.ethers.MaxUint256);
  }
  // A share price other than 1: deposits, then a donation to the vault.
  await vault.connect(s.bob).deposit(3n * E18 + 12345n, s.bob.address);
  await weth.connect(s.bob).transfer(VAULT, E18 / 3n);
});

async function open(who: any): Promise<bigint> {
  const id = await s.pm.portfolioCount(who.address);
  await s.pm.connect(who).openPortfolio();
  return id;
}

/** OpenZeppelin's convertToAssets (decimals offset 0), computed here from the vault's totals. */
async function ozAssets(shares: bigint): Promise<bigint> {
  const ta = await weth.balanceOf(VAULT);
  const ts = await vault.totalSupply();
  return (shares * (ta + 1n)) / (ts + 1n);
}

/** Alice mints `assets` worth of shares and deposits them through the integrator. */
async function depositShares(id: bigint, assets: bigint): Promise<{ shares: bigint; assetId: bigint }> {
  const before: bigint = await vault.balanceOf(s.alice.address);
  await vault.connect(s.alice).deposit(assets, s.alice.address);
  const shares: bigint = (await vault.balanceOf(s.alice.address)) - before;
  const rc = await (await integrator.connect(s.alice).deposit(VAULT, shares, id)).wait();
  gas.deposit = rc.gasUsed;
  return { shares, assetId: await integrator.lastAssetId() };
}

describe("ERC4626Integrator", () => {
  it("values shares at convertToAssets (rounded down) with delta = ceil(assets * risk)", async () => {
    const id = await open(s.alice);
    const { shares, assetId } = await depositShares(id, 10n * E18 + 777n);
    expect(await vault.balanceOf(INTEGRATOR)).toBe(shares);
    const r = await integrator.record(assetId);
    const credit = await ozAssets(shares);
    expect([...r.tokens]).toEqual([WETH]);
    expect(r.credit[0]).toBe(credit);
    expect(r.debt[0]).toBe(0n);
    expect(r.delta[0]).toBe(ceilDiv(credit * RISK_PIPS, 1_000_000n));
    // The PM's USD net from the docs/pm.md arithmetic: v(WETH) = 1.02, price 2000 (8-decimal feed).
    const v = vX64(102n, 100n);
    const net = (credit * X64) / v - ceilDiv(r.delta[0] * v, X64);
    const b = await s.pm.breakdown(s.alice.address, id);
    expect(b.usdNet).toBe(usdOf(net, 2000_00000000n, 18));
    await expectWasmAgrees(s, s.alice.address, id);
  });

  it("uninstall returns the shares to the owner; events on every step", async () => {
    const id = await open(s.alice);
    const { shares, assetId } = await depositShares(id, 2n * E18);
    const held = await vault.balanceOf(INTEGRATOR);
    const mine = await vault.balanceOf(s.alice.address);
    const tx = await s.pm.connect(s.alice).uninstall(id, INTEGRATOR, assetId);
    const rc = await tx.wait();
    console.log(`ERC4626Integrator gas: deposit (pull + install + solvency check) ${gas.deposit}, uninstall ${rc.gasUsed}`);
    const names = rc.logs.map((l: any) => { try { return integrator.interface.parseLog(l)?.name; } catch { return undefined; } }).filter(Boolean);
    expect(names).toEqual(["AssetDestroyed", "SharesReturned"]);
    expect(await vault.balanceOf(s.alice.address)).toBe(mine + shares);
    expect(await vault.balanceOf(INTEGRATOR)).toBe(held - shares);
    await expect(integrator.record(assetId)).rejects.toThrow(/UnknownAsset/);
    expect((await s.pm.positions(s.alice.address, id)).length).toBe(0);
  });

  it("a falling share price makes the portfolio insolvent; a liquidation redeems the shares", async () => {
    // A separate vault so the loss does not touch the other tests' positions.
    const v2: any = await s.ethers.deployContract("TestVault", [WETH, "Vault 2", "v2"]);
    const V2 = await v2.getAddress();
    await integrator.setVault(V2, true, RISK_PIPS);
    await weth.connect(s.alice).approve(V2, s.ethers.MaxUint256);
    await v2.connect(s.alice).approve(INTEGRATOR, s.ethers.MaxUint256);
    await v2.connect(s.alice).deposit(10n * E18, s.alice.address);
    const shares = await v2.balanceOf(s.alice.address);
    const id = await open(s.alice);
    await integrator.connect(s.alice).deposit(V2, shares, id);
    const assetId = await integrator.lastAssetId();
    // 10 WETH (20,000 USD) in the vault; borrow 15,000 USDC against it.
    await s.borrows.connect(s.alice).borrow(USDC, 15_000n * 10n ** 6n, id);
    expect(await s.pm.isSolvent(s.alice.address, id)).toBe(true);
    await expectWasmAgrees(s, s.alice.address, id);
    // The vault loses 20% of its assets: 8 WETH = 16,000 USD of credit, 14,873 USD after v and delta.
    await v2.lose(2n * E18);
    const r = await integrator.record(assetId);
    expect(r.credit[0]).toBe((shares * (8n * E18 + 1n)) / (shares + 1n));
    expect(await s.pm.isSolvent(s.alice.address, id)).toBe(false);
    const w = await expectWasmAgrees(s, s.alice.address, id);
    expect(w.solvent).toBe(false);
    // Without the vault's delta the same portfolio would still be solvent: the haircut is what bites.
    const v = vX64(102n, 100n);
    const netW: bigint = w.nets[WETH];
    const withoutDelta = w.usdNet - usdOf(netW, 2000_00000000n, 18) + usdOf(netW + ceilDiv(r.delta[0] * v, X64), 2000_00000000n, 18);
    expect(w.usdNet).toBeLessThan(0n);
    expect(withoutDelta).toBeGreaterThan(0n);
    // A stranger cannot take the assets by calling the producer directly.
    await expect(integrator.connect(s.stranger).destroy(assetId, s.stranger.address)).rejects.toThrow(/NotPortfolioManager/);

    // Bob liquidates both positions: pays the USDC debt, receives WETH worth it plus the 5% bonus.
    const bobWeth = await weth.balanceOf(s.bob.address);
    const aliceWeth = await weth.balanceOf(s.alice.address);
    const tx = await s.pm.connect(s.bob).liquidate(s.alice.address, id, 0b11n);
    const rc = await tx.wait();
    const ev = rc.logs.map((l: any) => { try { return s.pm.interface.parseLog(l); } catch { return null; } }).find((e: any) => e?.name === "Liquidated");
    const debtUsd: bigint = ev.args.debtUsd;
    expect(ev.args.badDebtUsd).toBe(0n);
    const gained = (await weth.balanceOf(s.bob.address)) - bobWeth;
    const toOwner = (await weth.balanceOf(s.alice.address)) - aliceWeth;
    // The redeemed assets are all paid out: liquidator + owner = the Record's credit.
    expect(gained + toOwner).toBe(r.credit[0]);
    // The liquidator's WETH is worth debt + 5%, rounded down (under one wei of WETH).
    const owed = debtUsd + (debtUsd * 50_000n) / 1_000_000n;
    expect(gained).toBe((owed * 10n ** 26n) / (2000_00000000n * E18));
    expect(await v2.balanceOf(INTEGRATOR)).toBe(0n);
    expect((await s.pm.positions(s.alice.address, id)).length).toBe(0);
  });

  it("refuses strangers, unlisted vaults, zero amounts and bad parameters", async () => {
    const st = s.stranger;
    await expect(integrator.connect(st).setVault(VAULT, true, 1n)).rejects.toThrow(/NotOwner/);
    await expect(integrator.connect(st).destroy(1n, st.address)).rejects.toThrow(/NotPortfolioManager/);
    await expect(integrator.setVault(VAULT, true, 1_000_001n)).rejects.toThrow(/InvalidParameter/);
    const id = await open(s.alice);
    await expect(integrator.connect(s.alice).deposit(VAULT, 0n, id)).rejects.toThrow(/ZeroAmount/);
    await expect(integrator.connect(s.alice).deposit(WETH, 1n, id)).rejects.toThrow(/VaultNotListed/);
    await expect(integrator.record(999n)).rejects.toThrow(/UnknownAsset/);
    // Delisting stops new deposits only.
    await integrator.setVault(VAULT, false, Number(RISK_PIPS));
    await vault.connect(s.alice).deposit(E18, s.alice.address);
    await expect(integrator.connect(s.alice).deposit(VAULT, 1n, id)).rejects.toThrow(/VaultNotListed/);
    await integrator.setVault(VAULT, true, Number(RISK_PIPS));
    // A deposit is installed into the caller's own portfolio (owner = msg.sender): a stranger with
    // shares but no portfolio is refused.
    await vault.connect(s.alice).transfer(st.address, 1n);
    await vault.connect(st).approve(INTEGRATOR, 1n);
    await expect(integrator.connect(st).deposit(VAULT, 1n, 0n)).rejects.toThrow(/UnknownPortfolio/);
  });
});
