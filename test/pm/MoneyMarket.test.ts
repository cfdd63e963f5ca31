import { beforeAll, describe, expect, it } from "vitest";
import { network } from "../helpers/chain.js";

const X64 = 1n << 64n;
const E18 = 10n ** 18n;
// Rate model: 1e-9/s base, +4e-9/s up to an 80% kink, +30e-9/s above. Reserve share 10%.
const model = {
  baseRateX64: X64 / 1_000_000_000n,
  slope1X64: (4n * X64) / 1_000_000_000n,
  kinkX64: (8n * X64) / 10n,
  slope2X64: (30n * X64) / 1_000_000_000n,
  reserveShareX64: X64 / 10n,
};
// Hand statement of the documented formulas (independent of the contract).
function borrowRate(u: bigint): bigint {
  if (u <= model.kinkX64) return model.baseRateX64 + (model.slope1X64 * u) / model.kinkX64;
  return model.baseRateX64 + model.slope1X64 + (model.slope2X64 * (u - model.kinkX64)) / (X64 - model.kinkX64);
}
const lendRate = (br: bigint, u: bigint) => (((br * u) / X64) * (X64 - model.reserveShareX64)) / X64;
const divUp = (a: bigint, b: bigint) => (a === 0n ? 0n : (a - 1n) / b + 1n);

let ethers: any, gov: any, alice: any, producer: any, stranger: any, mm: any, usdc: any;

beforeAll(async () => {
  ({ ethers } = await network());
  [gov, alice, producer, stranger] = await ethers.getSigners();
  mm = await ethers.deployContract("MoneyMarket", [gov.address]);
  usdc = await ethers.deployContract("TestERC20", ["USD Coin", "USDC", 6]);
  await mm.listMarket(await usdc.getAddress(), model);
  await mm.setBorrower(producer.address, true);
  for (const s of [alice, producer, stranger]) {
    await usdc.mint(s.address, 1_000_000n * E18);
    await usdc.connect(s).approve(await mm.getAddress(), ethers.MaxUint256);
  }
});

async function mine(seconds: number) {
  const b = await ethers.provider.getBlock("latest");
  await ethers.provider.send("evm_setNextBlockTimestamp", [b.timestamp + seconds]);
}

describe("MoneyMarket", () => {
  it("only governance lists markets, sets rate models and borrowers", async () => {
    const t = await usdc.getAddress();
    await expect(mm.connect(stranger).listMarket(stranger.address, model)).rejects.toThrow(/NotOwner/);
    await expect(mm.connect(stranger).setRateModel(t, model)).rejects.toThrow(/NotOwner/);
    await expect(mm.connect(stranger).setBorrower(stranger.address, true)).rejects.toThrow(/NotOwner/);
    await expect(mm.connect(stranger).withdrawReserves(t, 1n, stranger.address)).rejects.toThrow(/NotOwner/);
    await expect(mm.listMarket(t, model)).rejects.toThrow(/MarketAlreadyListed/);
    await expect(mm.setRateModel(t, { ...model, kinkX64: 0n })).rejects.toThrow(/InvalidRateModel/);
    await expect(mm.setRateModel(t, { ...model, reserveShareX64: X64 + 1n })).rejects.toThrow(/InvalidRateModel/);
  });

  it("refuses borrows from unauthorised accounts", async () => {
    await expect(mm.connect(stranger).borrow(await usdc.getAddress(), 1n, stranger.address)).rejects.toThrow(/NotBorrower/);
  });

  it("supplies, borrows, accrues and repays with the kinked rate", async () => {
    const t = await usdc.getAddress();
    await mm.connect(alice).supply(t, 1000n * E18);
    expect(await mm.lendShares(t, alice.address)).toBe(1000n * E18); // index 1.0
    expect(await mm.borrowRatePerSecondX64(t)).toBe(model.baseRateX64); // u = 0
    await expect(mm.connect(producer).borrow(t, 2000n * E18, producer.address)).rejects.toThrow(/InsufficientCash/);
    await mm.connect(producer).borrow(t, 900n * E18, producer.address);
    // u = 90%: above the kink.
    const u = (900n * X64) / 1000n;
    expect(await mm.utilisationX64(t)).toBe(u);
    const br = borrowRate(u);
    expect(br).toBe(model.baseRateX64 + model.slope1X64 + (model.slope2X64 * (u - model.kinkX64)) / (X64 - model.kinkX64));
    expect(await mm.borrowRatePerSecondX64(t)).toBe(br);
    expect(await mm.lendRatePerSecondX64(t)).toBe(lendRate(br, u));

    // One day later: indexes grew linearly at the rates set at the last accrual.
    const before = await ethers.provider.getBlock("latest");
    const st0 = await mm.marketState(t);
    const bShares: bigint = await mm.borrowShares(t, producer.address);
    await mine(86_400);
    await mm.accrue(t);
    const dt = BigInt((await ethers.provider.getBlock("latest")).timestamp - before.timestamp);
    const bIdx = st0.borrowIndexX64 + divUp(st0.borrowIndexX64 * br * dt, X64);
    const lIdx = st0.lendIndexX64 + (st0.lendIndexX64 * lendRate(br, u) * dt) / X64;
    const st = await mm.marketState(t);
    expect(st.borrowIndexX64).toBe(bIdx);
    expect(st.lendIndexX64).toBe(lIdx);
    const debt = divUp(bShares * bIdx, X64);
    expect(await mm.debtOf(t, producer.address)).toBe(debt);
    expect(await mm.sharesToAmount(t, 1000n * E18)).toBe((1000n * E18 * lIdx) / X64);
    // Borrowers pay more than lenders earn: the difference is the reserve.
    expect(st.reserves).toBeGreaterThan(0n);
    expect(st.reserves).toBe(st.cash + st.totalBorrowed - st.totalSupplied);

    // Repay everything: pulls exactly the debt (no time passes in the view: same block next tx +1s).
    await mm.connect(producer).repay(t, 10n ** 30n, producer.address);
    expect(await mm.borrowShares(t, producer.address)).toBe(0n);
    // Lender withdraws all; the reserve remains for governance.
    const shares = await mm.lendShares(t, alice.address);
    await mm.connect(alice).withdraw(t, shares, alice.address);
    await expect(mm.connect(alice).withdraw(t, 1n, alice.address)).rejects.toThrow(/InsufficientShares/);
    const st2 = await mm.marketState(t);
    expect(st2.totalSupplied).toBe(0n);
    expect(st2.reserves).toBe(st2.cash);
    await mm.withdrawReserves(t, st2.reserves, gov.address);
    expect((await mm.marketState(t)).cash).toBe(0n);
  });

  it("rates below the kink follow slope1", async () => {
    const t = await usdc.getAddress();
    await mm.connect(alice).supply(t, 1000n * E18);
    await mm.connect(producer).borrow(t, 400n * E18, producer.address);
    const u = await mm.utilisationX64(t);
    expect(u).toBeLessThan(model.kinkX64);
    expect(await mm.borrowRatePerSecondX64(t)).toBe(model.baseRateX64 + (model.slope1X64 * u) / model.kinkX64);
  });
});
