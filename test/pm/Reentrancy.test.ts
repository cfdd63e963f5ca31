// A token that calls back into the system during transfers cannot re-enter a guarded entry.
import { beforeAll, describe, expect, it } from "vitest";
import { deploySystem, HOUR, System, vX64 } from "./fixture.js";

let s: System;
let evil: any;

beforeAll(async () => {
  s = await deploySystem();
  evil = await s.ethers.deployContract("ReentrantERC20");
  const feed = await s.ethers.deployContract("MockAggregator", [8, 1_00000000n]);
  await s.pm.setToken(await evil.getAddress(), vX64(105n, 100n), false, await feed.getAddress(), 24 * HOUR);
  await evil.mint(s.alice.address, 10n ** 24n);
  for (const spender of [s.deposits, s.pm, s.mm]) await evil.connect(s.alice).approve(await spender.getAddress(), s.ethers.MaxUint256);
});

describe("reentrancy guards", () => {
  it("the PM refuses a re-entrant uninstall from a token transfer", async () => {
    const { pm, alice, deposits } = s;
    const id = await pm.portfolioCount(alice.address);
    await pm.connect(alice).openPortfolio();
    await deposits.connect(alice).deposit(await evil.getAddress(), 10n ** 20n, id);
    const asset = await deposits.lastAssetId();
    await s.deposits.connect(alice).deposit(await evil.getAddress(), 10n ** 20n, id);
    const other = await deposits.lastAssetId();
    // During the first uninstall's payout, the token tries to uninstall the second position.
    await evil.setHook(await pm.getAddress(), pm.interface.encodeFunctionData("uninstall", [id, await deposits.getAddress(), other]));
    await pm.connect(alice).uninstall(id, await deposits.getAddress(), asset);
    // The inner call hit the lock; the outer uninstall completed; the second position is still there.
    expect(await evil.lastHookOk()).toBe(false);
    expect(pm.interface.parseError(await evil.lastHookData())?.name).toBe("Reentrancy");
    expect((await pm.positions(alice.address, id)).map((p: any) => p.assetId)).toEqual([other]);
  });

  it("a hook during a producer's token pull (before install) meets the PM unlocked, with its own checks", async () => {
    const { pm, alice, deposits } = s;
    const id = await pm.portfolioCount(alice.address);
    await pm.connect(alice).openPortfolio();
    await evil.setHook(await pm.getAddress(), pm.interface.encodeFunctionData("liquidate", [alice.address, id, 1n]));
    // deposit pulls the tokens before installing: the PM is not locked then, so the call reaches
    // liquidate's own checks (an empty portfolio is not liquidatable) rather than the lock.
    await deposits.connect(alice).deposit(await evil.getAddress(), 10n ** 18n, id);
    expect(pm.interface.parseError(await evil.lastHookData())?.name).toBe("InvalidPositionMask");
    await evil.setHook(s.ethers.ZeroAddress, "0x");
  });

  it("the money market refuses re-entry from a token transfer", async () => {
    const { mm, alice, gov } = s;
    const model = { baseRateX64: 0n, slope1X64: 0n, kinkX64: 1n << 63n, slope2X64: 0n, reserveShareX64: 0n };
    await mm.connect(gov).listMarket(await evil.getAddress(), model);
    await evil.setHook(await mm.getAddress(), mm.interface.encodeFunctionData("withdraw", [await evil.getAddress(), 1n, alice.address]));
    await mm.connect(alice).supply(await evil.getAddress(), 10n ** 18n);
    expect(await evil.lastHookOk()).toBe(false);
    expect(mm.interface.parseError(await evil.lastHookData())?.name).toBe("Reentrancy");
    await evil.setHook(s.ethers.ZeroAddress, "0x");
  });
});
