// The package as a user gets it: `npm pack`, installed into an empty directory,
// then used through `import`, `require`, TypeScript and a browser page.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launch } from "../helpers/browser.js";
import { serve } from "../../scripts/lib/static-server.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = (name: string) => join(root, "node_modules", ".bin", name);
let app: string;

beforeAll(() => {
  const packDir = mkdtempSync(join(tmpdir(), "itos-pack-"));
  execFileSync("npm", ["pack", "--silent", "--pack-destination", packDir], { cwd: root, encoding: "utf8" });
  const tarball = join(packDir, readdirSync(packDir).find((f) => f.endsWith(".tgz"))!);
  app = mkdtempSync(join(tmpdir(), "itos-app-"));
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", tarball], { cwd: app });
}, 120_000);

const node = (code: string, type: "module" | "commonjs") =>
  execFileSync(process.execPath, [`--input-type=${type}`, "-e", code], { cwd: app, encoding: "utf8" }).trim();

describe("the packed itos-core tarball in an empty project", () => {
  it("works through `import` (ESM)", () => {
    const out = node(`import { init, LiquidityMath } from "itos-core"; await init(); console.log(String(LiquidityMath.addDelta(5n, -2n)));`, "module");
    expect(out).toBe("3");
  });

  it("works through `require` (CJS)", () => {
    const out = node(`const { init, LiquidityMath } = require("itos-core"); init().then(() => console.log(String(LiquidityMath.addDelta(5n, 7n))));`, "commonjs");
    expect(out).toBe("12");
  });

  it("exports the contracts' ABIs as `itos-core/abis` (ESM and CJS)", () => {
    const esm = node(`import { portfolioManagerAbi, twoSidedPoolAbi } from "itos-core/abis"; console.log(portfolioManagerAbi.some((f) => f.name === "breakdown") && twoSidedPoolAbi.some((f) => f.name === "swap"));`, "module");
    expect(esm).toBe("true");
    const cjs = node(`const { moneyMarketAbi } = require("itos-core/abis"); console.log(moneyMarketAbi.filter((f) => f.type === "function" && f.name === "borrowRatePerSecondX64").length);`, "commonjs");
    expect(cjs).toBe("1");
  });

  it("ships TypeScript types that resolve and reject misuse", () => {
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: false, types: [] },
      files: ["check.mts"],
    }));
    writeFileSync(join(app, "check.mts"), [
      `import { init, LiquidityMath, LiquidityUnderflowError } from "itos-core";`,
      `import { portfolioManagerAbi } from "itos-core/abis";`,
      `const kind: "constructor" = portfolioManagerAbi[0].type; // literal types survive packaging`,
      `await init();`,
      `const z: bigint = LiquidityMath.addDelta(1n, 2n);`,
      `const e: Error = new LiquidityUnderflowError("x");`,
      `// @ts-expect-error liquidity is a bigint, not a number`,
      `LiquidityMath.addDelta(1, 2n);`,
      `export { z, e, kind };`,
    ].join("\n"));
    // tsc exits non-zero (and execFileSync throws) on any type error, including an unused @ts-expect-error.
    execFileSync(bin("tsc"), ["-p", "tsconfig.json"], { cwd: app, encoding: "utf8" });
  });

  describe("in a browser", () => {
    let server: Awaited<ReturnType<typeof serve>> | undefined;
    afterAll(async () => server?.close());

    it.runIf(!!CHROMIUM)("the same ESM bundle runs in headless Chromium", async () => {
      writeFileSync(join(app, "index.html"), `<!doctype html><link rel="icon" href="data:,"><script type="module">
        import { init, LiquidityMath } from "./node_modules/itos-core/dist/index.js";
        await init();
        document.title = "result:" + LiquidityMath.addDelta(40n, 2n);
      </script>`);
      server = await serve(app);
      const browser = await launch();
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
        await page.goto(`${server.url}/index.html`);
        await page.waitForFunction(() => document.title.startsWith("result:"), null, { timeout: 20_000 });
        expect(await page.title()).toBe("result:42");
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });
});
