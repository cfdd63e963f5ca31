// The built package (dist/) loads and computes from both module systems.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (code: string, type: "module" | "commonjs") =>
  execFileSync(process.execPath, [type === "module" ? "--input-type=module" : "--input-type=commonjs", "-e", code], { cwd: root, encoding: "utf8" }).trim();

describe("dist/", () => {
  it("exists (npm test builds it first)", () => {
    expect(existsSync(`${root}/dist/index.js`)).toBe(true);
    expect(existsSync(`${root}/dist/index.cjs`)).toBe(true);
    expect(existsSync(`${root}/dist/index.d.ts`)).toBe(true);
  });

  it("works through `import` (ESM)", () => {
    const out = run(`import { init, LiquidityMath } from "itos-core"; await init(); console.log(String(LiquidityMath.addDelta(5n, -2n)));`, "module");
    expect(out).toBe("3");
  });

  it("works through `require` (CJS)", () => {
    const out = run(`const { init, LiquidityMath } = require("itos-core"); init().then(() => console.log(String(LiquidityMath.addDelta(5n, 7n))));`, "commonjs");
    expect(out).toBe("12");
  });
});
