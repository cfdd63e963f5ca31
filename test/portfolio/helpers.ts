// Shared by the Portfolio tests and the fuzz target: a PM system with an ERC-4626 vault listed, and
// comparisons of the off-chain Portfolio with the chain (lower-case addresses on both sides).
import { expect } from "vitest";
import type { SolvencyRecord, SolvencyValuation } from "../../bindings/index.js";
import { deploySystem } from "../pm/fixture.js";

export async function deployPortfolioSystem() {
  const s = await deploySystem();
  const { ethers, gov, alice, bob, pm, tokens } = s;
  const vaultIntegrator = (await ethers.deployContract("ERC4626Integrator", [await pm.getAddress(), gov.address])) as any;
  await pm.setProducer(await vaultIntegrator.getAddress(), true);
  const vault = (await ethers.deployContract("TestVault", [await tokens.WETH.getAddress(), "vWETH", "vWETH"])) as any;
  await vaultIntegrator.setVault(await vault.getAddress(), true, 20_000); // 2% wrapper risk
  for (const u of [alice, bob]) {
    await tokens.WETH.connect(u).approve(await vault.getAddress(), ethers.MaxUint256);
    await vault.connect(u).approve(await vaultIntegrator.getAddress(), ethers.MaxUint256);
  }
  await s.pm.setTailRecordUsdDebt(2n * 10n ** 18n);
  return { ...s, vault, vaultIntegrator };
}
export type PortfolioSystem = Awaited<ReturnType<typeof deployPortfolioSystem>>;

/** A Record returned by ethers (Result) as plain lower-case data. */
export function plain(r: any): SolvencyRecord {
  return { tokens: [...r.tokens].map((t: string) => t.toLowerCase()), credit: [...r.credit], debt: [...r.debt], delta: [...r.delta] };
}

/** The Portfolio's valuation equals a Solvency.Breakdown from the chain. */
export function expectBreakdown(w: SolvencyValuation, b: any, label: string) {
  expect(w.usdNet, `${label} usdNet`).toBe(b.usdNet);
  expect(w.solvent, `${label} solvent`).toBe(b.solvent);
  expect(Object.keys(w.nets), `${label} tokens`).toEqual([...b.tokens].map((t: string) => t.toLowerCase()));
  expect(Object.values(w.nets), `${label} nets`).toEqual([...b.nets]);
  expect(w.failingTails, `${label} failingTails`).toEqual([...b.failingTails].map((t: string) => t.toLowerCase()));
}

/** The custom error's name of a rejected chain call, or of a thrown ItosError (its class name minus "Error"). */
export function errorName(e: any): string {
  const m = /custom error '(\w+)\(/.exec(String(e?.message)) ?? /reverted with custom error '(\w+)/.exec(String(e?.message));
  if (m) return m[1];
  if (/overflow|0x11/i.test(String(e?.message)) && !/Error$/.test(e?.constructor?.name ?? "")) return "ArithmeticOverflow";
  const n = e?.constructor?.name as string | undefined;
  if (n && n.endsWith("Error") && n !== "Error") return n.slice(0, -5);
  return String(e?.message);
}

/** Runs `f`, returning its value or the error's name. */
export async function outcome<T>(f: () => Promise<T> | T): Promise<{ ok: true; v: T } | { ok: false; name: string }> {
  try {
    return { ok: true, v: await f() };
  } catch (e) {
    return { ok: false, name: errorName(e) };
  }
}
