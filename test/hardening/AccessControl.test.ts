// Every state-changing external function of every production contract (contracts/*.sol,
// contracts/producers/*.sol), listed from the compiled ABIs, is either refused to a stranger with its
// named custom error (GUARDED, called below) or is deliberately open (OPEN, with the reason). A new
// function in neither table fails the first test, so nothing ships unguarded by accident.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { network } from "../helpers/chain.js";
import { deploySystem, type System } from "../../scripts/lib/system.js";

const X64 = 1n << 64n;

/** Open to anyone, and why that is safe. */
const OPEN: Record<string, string> = {
  "MoneyMarket.accrue(address)": "index update only; no value moves",
  "MoneyMarket.supply(address,uint256)": "the caller lends its own tokens",
  "MoneyMarket.withdraw(address,uint256,address)": "burns the caller's own lend shares only",
  "MoneyMarket.repay(address,uint256,address)": "the caller pays someone's debt with its own tokens",
  "MoneyMarket.repayShares(address,uint256,address)": "the caller pays someone's debt with its own tokens",
  "PortfolioManager.openPortfolio()": "opens a portfolio for the caller",
  "PortfolioManager.uninstall(uint256,address,uint256)": "acts on the caller's own portfolios; solvency checked after",
  "PortfolioManager.liquidate(address,uint256,uint256)": "anyone may liquidate, only an insolvent portfolio",
  "TwoSidedPool.initialize(uint160)": "once per pool (AlreadyInitialized after), as in Uniswap V3",
  "TwoSidedPool.increaseObservationCardinalityNext(uint16)": "the caller pays to prepare oracle slots; no value moves, as in Uniswap V3",
  "TwoSidedPool.mint(address,int24,int24,uint128,bytes)": "the caller pays in its callback; the pool checks the balances",
  "TwoSidedPool.swap(address,bool,int256,uint160,bytes)": "the caller pays in its callback; the pool checks the balances",
  "TwoSidedPool.collect(address,int24,int24,uint128,uint128)": "keyed by msg.sender: collects only the caller's own position",
  "TwoSidedPool.accruePremiumIndexes()": "index update only; no value moves",
  "TokenDepositProducer.deposit(address,uint256,uint256)": "the caller deposits its own tokens into its own portfolio",
  "MoneyMarketLendProducer.lend(address,uint256,uint256)": "the caller lends its own tokens into its own portfolio",
  "MoneyMarketBorrowProducer.borrow(address,uint256,uint256)": "installs into the caller's own portfolio, which must stay solvent",
  "TwoSidedMakerProducer.mint(address,int24,int24,uint128,uint256)": "the caller pays; its own portfolio; factory pools only",
  "TwoSidedTakerProducer.take(address,int24,int24,uint128,uint256)": "the caller's own portfolio, which must hold the margin; factory pools only",
  "MakerTakerBundler.open((address,int24,int24,int24,int24,uint128,uint128),uint256)": "the caller pays; its own portfolio; factory pools only",
  "ERC4626Integrator.deposit(address,uint256,uint256)": "the caller deposits its own shares into its own portfolio",
  "UniswapV3PositionIntegrator.deposit(uint256,uint256)": "the caller deposits its own position NFT into its own portfolio",
};

/** Production contracts with a state-changing function, discovered from the artifacts. */
function productionFunctions(): { contract: string; signature: string; fragment: any }[] {
  const out: { contract: string; signature: string; fragment: any }[] = [];
  const files = [
    ...readdirSync("contracts").filter((f) => f.endsWith(".sol")).map((f) => `contracts/${f}`),
    ...readdirSync("contracts/producers").filter((f) => f.endsWith(".sol")).map((f) => `contracts/producers/${f}`),
  ];
  for (const file of files) {
    const dir = `artifacts/${file}`;
    if (!existsSync(dir)) throw new Error(`no artifacts for ${file}: compile first`);
    for (const a of readdirSync(dir).filter((x) => x.endsWith(".json") && !x.endsWith(".dbg.json"))) {
      const art = JSON.parse(readFileSync(`${dir}/${a}`, "utf8"));
      if (art.bytecode === "0x") continue; // interfaces and abstract bases: their functions appear in the concrete contracts
      for (const f of art.abi) {
        if (f.type !== "function" || f.stateMutability === "view" || f.stateMutability === "pure") continue;
        const type = (i: any): string => (i.type.startsWith("tuple") ? `(${i.components.map(type).join(",")})${i.type.slice(5)}` : i.type);
        out.push({ contract: art.contractName, signature: `${f.name}(${f.inputs.map(type).join(",")})`, fragment: f });
      }
    }
  }
  return out;
}

let s: System;
let stranger: any;
let extra: Record<string, any>;
let guarded: Record<string, { target: () => any; args: () => unknown[]; error: string }>;

beforeAll(async () => {
  const { ethers } = await network();
  const signers = await ethers.getSigners();
  const gov = signers[0];
  stranger = signers[7];
  s = await deploySystem(ethers as any, gov);
  const pm = await s.pm.getAddress();
  extra = {
    vaults: await ethers.deployContract("ERC4626Integrator", [pm, gov.address]),
    bundler: await ethers.deployContract("MakerTakerBundler", [pm, await s.lens.getAddress(), await s.factory.getAddress(), gov.address]),
    // Any contract with a factory() view stands in for the position manager here.
    univ3: await ethers.deployContract("UniswapV3PositionIntegrator", [pm, gov.address, await s.pool.getAddress()]),
    holder: await ethers.deployContract("MakerHolder", [await s.pool.getAddress()]),
    deployer: await ethers.getContractAt("TwoSidedPoolDeployer", await s.factory.deployer()),
  };
  const weth = await s.tokens.WETH.getAddress(), usdc = await s.tokens.USDC.getAddress();
  const A = stranger.address;
  const model = { baseRateX64: 0n, slope1X64: 0n, kinkX64: X64 / 2n, slope2X64: 0n, reserveShareX64: 0n };
  const cfg = { tickSpacing: 10, minFeePips: 100, midFeePips: 100, maxFeePips: 100, takerCapPips: 1, protocolFeePips: 0, moneyMarket: await s.moneyMarket.getAddress() };
  const g = (target: () => any, args: () => unknown[], error: string) => ({ target, args, error });
  const ownership = (name: string, c: () => any) => ({
    [`${name}.transferOwnership(address)`]: g(c, () => [A], "NotOwner"),
    [`${name}.acceptOwnership()`]: g(c, () => [], "NotPendingOwner"),
  });
  const destroy = (name: string, c: () => any) => ({ [`${name}.destroy(uint256,address)`]: g(c, () => [1n, A], "NotPortfolioManager") });
  guarded = {
    ...ownership("MoneyMarket", () => s.moneyMarket),
    "MoneyMarket.borrow(address,uint256,address)": g(() => s.moneyMarket, () => [weth, 1n, A], "NotBorrower"),
    "MoneyMarket.listMarket(address,(uint256,uint256,uint256,uint256,uint256))": g(() => s.moneyMarket, () => [A, model], "NotOwner"),
    "MoneyMarket.setRateModel(address,(uint256,uint256,uint256,uint256,uint256))": g(() => s.moneyMarket, () => [weth, model], "NotOwner"),
    "MoneyMarket.setBorrower(address,bool)": g(() => s.moneyMarket, () => [A, true], "NotOwner"),
    "MoneyMarket.withdrawReserves(address,uint256,address)": g(() => s.moneyMarket, () => [weth, 1n, A], "NotOwner"),
    ...ownership("PortfolioManager", () => s.pm),
    "PortfolioManager.install(address,uint256,uint256)": g(() => s.pm, () => [A, 0n, 1n], "NotProducer"),
    "PortfolioManager.settle(address,uint256)": g(() => s.pm, () => [weth, 1n], "NotSettling"),
    "PortfolioManager.setProducer(address,bool)": g(() => s.pm, () => [A, true], "NotOwner"),
    "PortfolioManager.setToken(address,uint256,bool,address,uint32)": g(() => s.pm, () => [weth, X64 * 2n, false, A, 60], "NotOwner"),
    "PortfolioManager.setTailRecordUsdDebt(uint256)": g(() => s.pm, () => [0n], "NotOwner"),
    "PortfolioManager.setPoolReference(address,uint32,uint24)": g(() => s.pm, () => [A, 0, 0], "NotOwner"),
    "PortfolioManager.setLiquidationBonus(uint256)": g(() => s.pm, () => [0n], "NotOwner"),
    "TwoSidedPool.take(int24,int24,uint128)": g(() => s.pool, () => [-600, 600, 1n], "NotTaker"),
    "TwoSidedPool.release(int24,int24,uint128,address,bytes)": g(() => s.pool, () => [-600, 600, 1n, A, "0x"], "PositionNotFound"),
    // A burn of a range nobody holds fails in the tick update (gross liquidity below zero reads as
    // above the cap) before the position update; refused either way.
    "TwoSidedPool.burn(int24,int24,uint128)": g(() => s.pool, () => [-600, 600, 1n], "PositionNotFound|LiquidityUnderflow|TickLiquidityOverflow"),
    "TwoSidedPool.collectProtocol(address,uint128,uint128)": g(() => s.pool, () => [A, 1n, 1n], "NotFactoryOwner"),
    "TwoSidedPoolDeployer.deploy(address,address,address,uint256,bytes32)": g(() => extra.deployer, () => [weth, usdc, A, 0n, "0x" + "11".repeat(32)], "NotFactory"),
    ...ownership("TwoSidedPoolFactory", () => s.factory),
    "TwoSidedPoolFactory.createPool(address,address,(int24,uint24,uint24,uint24,uint24,uint24,address))": g(() => s.factory, () => [weth, usdc, cfg], "NotOwner"),
    "TwoSidedPoolFactory.setTaker(address,bool)": g(() => s.factory, () => [A, true], "NotOwner"),
    ...destroy("TokenDepositProducer", () => s.deposits),
    ...destroy("MoneyMarketLendProducer", () => s.lends),
    ...destroy("MoneyMarketBorrowProducer", () => s.borrows),
    ...ownership("MoneyMarketBorrowProducer", () => s.borrows),
    "MoneyMarketBorrowProducer.setLiquidationWindow(uint256)": g(() => s.borrows, () => [60n], "NotOwner"),
    ...destroy("TwoSidedMakerProducer", () => s.makers),
    "TwoSidedMakerProducer.payForHolder(address,address,uint256)": g(() => s.makers, () => [weth, A, 1n], "NotHolder"),
    "MakerHolder.mint(int24,int24,uint128)": g(() => extra.holder, () => [-600, 600, 1n], "Unauthorized"),
    "MakerHolder.close(int24,int24,address)": g(() => extra.holder, () => [-600, 600, A], "Unauthorized"),
    "MakerHolder.twoSidedMintCallback(uint256,uint256,bytes)": g(() => extra.holder, () => [1n, 1n, "0x"], "Unauthorized"),
    ...destroy("TwoSidedTakerProducer", () => s.takers),
    ...ownership("TwoSidedTakerProducer", () => s.takers),
    "TwoSidedTakerProducer.setDeltaTicks(address,uint24)": g(() => s.takers, () => [A, 10], "NotOwner"),
    "TwoSidedTakerProducer.twoSidedTakerCallback(uint256,uint256,bytes)": g(() => s.takers, () => [1n, 1n, "0x"], "NotReleasing"),
    ...destroy("MakerTakerBundler", () => extra.bundler),
    ...ownership("MakerTakerBundler", () => extra.bundler),
    "MakerTakerBundler.setDeltaTicks(address,uint24)": g(() => extra.bundler, () => [A, 10], "NotOwner"),
    "MakerTakerBundler.twoSidedMintCallback(uint256,uint256,bytes)": g(() => extra.bundler, () => [1n, 1n, "0x"], "Unauthorized"),
    "MakerTakerBundler.twoSidedTakerCallback(uint256,uint256,bytes)": g(() => extra.bundler, () => [1n, 1n, "0x"], "Unauthorized"),
    ...destroy("ERC4626Integrator", () => extra.vaults),
    ...ownership("ERC4626Integrator", () => extra.vaults),
    "ERC4626Integrator.setVault(address,bool,uint32)": g(() => extra.vaults, () => [A, true, 0], "NotOwner"),
    ...destroy("UniswapV3PositionIntegrator", () => extra.univ3),
    ...ownership("UniswapV3PositionIntegrator", () => extra.univ3),
    "UniswapV3PositionIntegrator.setPool(address,bool,int24)": g(() => extra.univ3, () => [A, true, 10], "NotOwner"),
  };
});

describe("access control, from the ABIs", () => {
  it("every state-changing function is either guarded (tested below) or deliberately open", () => {
    const all = productionFunctions();
    expect(all.length).toBeGreaterThan(60);
    const unlisted = all.map((f) => `${f.contract}.${f.signature}`).filter((k) => !(k in guarded) && !(k in OPEN));
    expect(unlisted, "functions with no access decision").toEqual([]);
    const both = Object.keys(OPEN).filter((k) => k in guarded);
    expect(both).toEqual([]);
    // The tables name only functions that exist (a renamed function must be re-decided).
    const known = new Set(all.map((f) => `${f.contract}.${f.signature}`));
    expect([...Object.keys(guarded), ...Object.keys(OPEN)].filter((k) => !known.has(k))).toEqual([]);
  });

  it("a stranger is refused every guarded function with its named error", async () => {
    const failures: string[] = [];
    for (const [key, spec] of Object.entries(guarded)) {
      const name = key.slice(key.indexOf(".") + 1);
      const c = spec.target().connect(stranger);
      try {
        await c.getFunction(name).staticCall(...spec.args());
        failures.push(`${key}: not refused`);
      } catch (e: any) {
        const decoded = e.revert?.name ?? (e.data ? c.interface.parseError(e.data)?.name : undefined) ?? String(e.shortMessage ?? e.message);
        if (!new RegExp(`^(${spec.error})$`).test(decoded)) failures.push(`${key}: ${decoded}, expected ${spec.error}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("the governance setters work for governance (the refusals above are about the caller, not the arguments)", async () => {
    // One example per contract family: the same calls from the owner succeed.
    await s.pm.setLiquidationBonus.staticCall(0n);
    await s.moneyMarket.setBorrower.staticCall(stranger.address, true);
    await s.factory.setTaker.staticCall(stranger.address, true);
    await s.takers.setDeltaTicks.staticCall(stranger.address, 10);
    await s.borrows.setLiquidationWindow.staticCall(60n);
  });
});
