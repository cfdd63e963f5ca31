// The keeper on the in-process network: it liquidates a portfolio an oracle drop made insolvent (the
// chain agrees, the receipt succeeds, the liquidator is paid the bonus), it never sends what the
// chain's simulation refuses, and its private key never appears in what it logs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Wallet } from "ethers";
import { beforeAll, describe, expect, it } from "vitest";
import { init } from "../../bindings/index.js";
import { Keeper } from "../../keeper/keeper.js";
import { loadKey, redact } from "../../keeper/key.js";
import { E18, E6, keeperSystem } from "./helpers.js";

beforeAll(async () => {
  await init();
});

describe("keeper", () => {
  it("liquidates an insolvent portfolio, never sends a refused one, never logs its key", async () => {
    const sys = await keeperSystem(2);
    const { s, a, owners, provider } = sys;
    const [alice, bob] = owners;
    // alice: 10 WETH against USDC close to her limit; bob: safe.
    await (await (s.pm.connect(alice) as any).openPortfolio()).wait();
    await (await (s.deposits.connect(alice) as any).deposit(a.weth, 10n * E18, 0)).wait();
    await (await (s.borrows.connect(alice) as any).borrow(a.usdc, 18_500n * E6, 0)).wait();
    await (await (s.pm.connect(bob) as any).openPortfolio()).wait();
    await (await (s.deposits.connect(bob) as any).deposit(a.weth, 10n * E18, 0)).wait();
    await (await (s.borrows.connect(bob) as any).borrow(a.usdc, 1_000n * E6, 0)).wait();

    const w = await sys.liquidator();
    const env = { KEEPER_TEST_KEY: w.privateKey };
    const key = loadKey("env:KEEPER_TEST_KEY", env)!;
    expect(key).toBe(w.privateKey);
    const lines: string[] = [];
    const keeper = new Keeper({ provider, deployment: sys.deployment, signer: w as any, checkEvery: 2, log: (l) => lines.push(l) });
    await keeper.start();
    expect(keeper.store.portfolios.size).toBe(2);
    await keeper.step();
    expect(keeper.lastCheck?.insolvent.length ?? 0).toBe(0);

    // A state the keeper believes wrongly (as after a sync bug): bob looks insolvent to it. The simulation
    // on the node refuses the liquidation, so nothing is sent.
    const nonce0 = await provider.getTransactionCount(w.address);
    const wethState = keeper.store.shared.tokens[a.weth];
    const real = wethState.price!;
    wethState.price = { ...real, answer: real.answer / 100n };
    keeper.store.sharedVersion++;
    const verdicts = keeper.checker.check(keeper.store);
    expect(verdicts.insolvent.map((v) => v.key)).toContain(`${bob.address.toLowerCase()}:0`);
    expect(await s.pm.isLiquidatable(bob.address, 0)).toBe(false);
    const { plan } = await import("../../keeper/planner.js");
    const bobVerdict = verdicts.insolvent.find((v) => v.key.startsWith(bob.address.toLowerCase()))!;
    const refused = await keeper.sender.execute(plan(bobVerdict, keeper.store.shared, keeper.store.bonusPips), bobVerdict.key);
    expect(refused.kind).toBe("refused");
    expect(await provider.getTransactionCount(w.address)).toBe(nonce0);
    wethState.price = real;
    keeper.store.sharedVersion++;

    // The oracle drops: alice is insolvent at the next block; the keeper liquidates her there.
    await (await s.feeds.WETH.setAnswer(1900_00000000n)).wait();
    expect(await s.pm.isLiquidatable(alice.address, 0)).toBe(true);
    const before = { weth: BigInt(await s.tokens.WETH.balanceOf(w.address)), usdc: BigInt(await s.tokens.USDC.balanceOf(w.address)) };
    const l1 = await keeper.step();
    expect(l1.at(-1)!.insolvent).toBe(1);
    expect(keeper.stats.sent).toBe(1);
    const sent = keeper.lastOutcomes.find((o) => o.kind === "sent")!;
    expect(sent.plan.owner).toBe(alice.address.toLowerCase());
    await keeper.step(); // the receipt
    expect(keeper.stats.liquidated).toBe(1);
    expect(keeper.stats.failed).toBe(0);
    expect((await s.pm.positions(alice.address, 0)).length).toBe(0);
    expect((await s.pm.positions(bob.address, 0)).length).toBe(2);
    // Paid at the oracle: the liquidator's gain in USD is the planned bonus (both sides floor: within a cent).
    const after = { weth: BigInt(await s.tokens.WETH.balanceOf(w.address)), usdc: BigInt(await s.tokens.USDC.balanceOf(w.address)) };
    const gain = (after.weth - before.weth) * 1900n + (after.usdc - before.usdc) * 10n ** 12n;
    const planned = sent.plan.receiveUsd - sent.plan.debtUsd;
    expect(gain > 0n).toBe(true);
    const diff = gain - planned < 0n ? planned - gain : gain - planned;
    expect(diff < sent.plan.debtUsd / 1000n, `gain ${gain}, planned ${planned}`).toBe(true);
    expect(await keeper.sync.fullCheck(false)).toEqual([]);

    // Sharded over two worker threads, a second keeper (dry run) finds the same insolvent set as the first.
    await (await s.feeds.WETH.setAnswer(100_00000000n)).wait();
    const sharded = new Keeper({ provider, deployment: sys.deployment, dryRun: true, workers: 2, log: () => {} });
    await sharded.start();
    await sharded.step();
    await (await s.feeds.WETH.setAnswer(99_00000000n)).wait();
    const [ls] = await sharded.step();
    const [l1again] = await keeper.step();
    expect(ls.insolvent).toBe(1);
    expect(sharded.lastCheck!.insolvent.map((v) => v.key)).toEqual(keeper.lastCheck!.insolvent.map((v) => v.key));
    expect(await s.pm.isLiquidatable(bob.address, 0)).toBe(true);
    expect(l1again.insolvent).toBe(1);
    await sharded.close();

    // The key is in none of the lines, with or without 0x.
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) {
      expect(l.includes(key.slice(2))).toBe(false);
    }
    expect(redact(`x ${key} y`, key)).toBe("x 0x<key> y");
    await keeper.close();
  });

  it("the CLI refuses a key on the command line without echoing it", () => {
    const key = "0x" + "ab".repeat(32);
    const r = spawnSync(process.execPath, ["--import", "tsx", "keeper/cli.ts", "--rpc", "http://127.0.0.1:1", "--deployment", "none.json", "--key", key], { encoding: "utf8", timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr + r.stdout).toContain("env:NAME or file:PATH");
    expect((r.stderr + r.stdout).includes("ab".repeat(32))).toBe(false);
  });

  it("the CLI reads its key from a file, keeps retrying a node that is down, and never prints the key", () => {
    const dir = mkdtempSync(join(tmpdir(), "keeper-"));
    const w = Wallet.createRandom();
    writeFileSync(join(dir, "key"), w.privateKey.slice(2) + "\n");
    const zero = "0x" + "00".repeat(19) + "01";
    writeFileSync(join(dir, "deployment.json"), JSON.stringify({ pm: zero, moneyMarket: zero, pool: zero, tokens: { WETH: zero } }));
    const r = spawnSync(process.execPath, ["--import", "tsx", "keeper/cli.ts", "--rpc", "http://127.0.0.1:9", "--deployment", join(dir, "deployment.json"), "--key", `file:${join(dir, "key")}`], {
      encoding: "utf8",
      timeout: 15_000,
      env: { ...process.env, KEEPER_PRIVATE_KEY: "" },
    });
    const out = r.stdout + r.stderr;
    expect(out).toContain(`liquidator ${w.address}`);
    expect(out).toMatch(/retry|start failed/);
    expect(out).toContain("start failed"); // every retry of the start failed ...
    expect(out).toContain("again in"); // ... and it waits and tries again instead of exiting
    expect(out.includes(w.privateKey.slice(2))).toBe(false);
  });
});
