// The TypeScript side of the JS/Wasm boundary is generated from assembly/layout.ts and
// assembly/errors.ts (scripts/gen-boundary.mjs). These tests fail a commit whose generated
// files are stale, check that the check itself catches a stale file, and hold the generated
// error table against the other layers: the Solidity errors and the bindings' public exports.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script without type declarations
import { parseConstants, parseErrors } from "../../scripts/gen-boundary.mjs";
import * as api from "../../bindings/index.js";
import { throwCode } from "../../bindings/src/errors.js";
import * as layout from "../../bindings/src/generated/layout.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SCRIPT = "scripts/gen-boundary.mjs";
const INPUTS = ["assembly/layout.ts", "assembly/errors.ts"];
const OUTPUTS = ["bindings/src/generated/layout.ts", "bindings/src/generated/errors.ts", "docs/errors.md"];

const run = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [join(cwd, SCRIPT), ...args], { cwd, encoding: "utf8" });

/** A scratch copy of the generator with its inputs and the committed outputs. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "itos-gen-"));
  for (const f of [SCRIPT, ...INPUTS, ...OUTPUTS]) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(root, f), join(dir, f));
  }
  return dir;
}

interface ErrorEntry {
  constName: string;
  name: string;
  code: number;
  solidity: string;
}

describe("the generated boundary files", () => {
  it("are what the generator writes from the committed sources (`--check` passes)", () => {
    const r = run(root, "--check");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("`--check` fails naming the file when a generated file is stale, and the generator repairs it", () => {
    const dir = scratchCopy();
    expect(run(dir, "--check").status).toBe(0);
    // a new error code in the source: the errors module and the docs table are now stale
    const src = join(dir, "assembly/errors.ts");
    writeFileSync(src, readFileSync(src, "utf8") + "\n/**\n * a planted error\n * @raisedBy nobody\n * @condition never\n */\nexport const E_PLANTED: i32 = 99; // Planted()\n");
    const stale = run(dir, "--check");
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("bindings/src/generated/errors.ts");
    expect(stale.stderr).toContain("docs/errors.md");
    expect(stale.stderr).not.toContain("generated/layout.ts");
    // a hand edit of a generated file is stale too
    const gen = join(dir, "bindings/src/generated/layout.ts");
    writeFileSync(gen, readFileSync(gen, "utf8").replace("export const QUOTE_STRIDE = 12;", "export const QUOTE_STRIDE = 13;"));
    expect(run(dir, "--check").stderr).toContain("bindings/src/generated/layout.ts");
    expect(run(dir).status).toBe(0);
    expect(run(dir, "--check").status).toBe(0);
    expect(readFileSync(join(dir, "docs/errors.md"), "utf8")).toContain("| 99 | Planted | nobody | never |");
    expect(readFileSync(join(dir, "bindings/src/generated/errors.ts"), "utf8")).toContain("export class PlantedError extends ItosError {}");
  });

  it("the parser evaluates expressions over earlier constants and refuses what it cannot read", () => {
    const consts = parseConstants("x.ts", "/** a */\nexport const A: i32 = 0x10;\nexport const B: i32 = (A << 2) | 1; // b\nexport const C: u64 = A * 3 - B / 2;\n");
    expect(consts.map((c: { name: string; value: bigint }) => [c.name, c.value])).toEqual([["A", 16n], ["B", 65n], ["C", 16n]]);
    expect(consts[0].doc).toEqual(["a"]);
    expect(() => parseConstants("x.ts", "export const A: i32 = B + 1;\nexport const B: i32 = 1;\n")).toThrow(/unknown name B/);
    expect(() => parseConstants("x.ts", "export const A: i32 = 1;\nexport function f(): void {}\n")).toThrow(/2 export statements, 1 read/);
    expect(() => parseConstants("x.ts", "export const A: i32 = 1 << 31;\n")).toThrow(/does not fit i32/);
    expect(() => parseErrors("e.ts", "/**\n * x\n * @raisedBy a\n * @condition b\n */\nexport const E_FOO: i32 = 1; // Bar()\n")).toThrow(/asks for the constant E_BAR/);
  });

  it("every layout constant of the source is in the generated module, as a number or (u64) a bigint", () => {
    const consts = parseConstants("assembly/layout.ts") as Array<{ name: string; type: string; value: bigint }>;
    expect(consts.length).toBeGreaterThan(20);
    for (const c of consts) expect((layout as Record<string, unknown>)[c.name], c.name).toBe(c.type === "u64" || c.type === "i64" ? c.value : Number(c.value));
  });
});

describe("the Wasm error codes", () => {
  const errors = parseErrors() as ErrorEntry[];
  const solidity = (() => {
    const names = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith(".sol")) for (const m of readFileSync(join(dir, e.name), "utf8").matchAll(/\berror\s+([A-Za-z0-9_]+)\s*\(/g)) names.add(m[1]);
      }
    };
    walk(join(root, "contracts"));
    return names;
  })();

  it("each throw the public class of the same name, with the name first in the message", () => {
    expect(errors.length).toBeGreaterThan(30);
    for (const e of errors) {
      const cls = (api as Record<string, unknown>)[`${e.name}Error`] as (new (...a: never[]) => Error) | undefined;
      expect(cls, `${e.name}Error is exported from itos-core`).toBeTypeOf("function");
      let thrown: unknown;
      try {
        throwCode(e.code, "here");
      } catch (x) {
        thrown = x;
      }
      expect(thrown).toBeInstanceOf(cls!);
      expect((thrown as Error).name).toBe(`${e.name}Error`);
      expect((thrown as Error).message).toMatch(new RegExp(`^${e.name}: .+: here$`));
    }
  });

  it("name a custom error the contracts declare, unless marked Wasm-only", () => {
    expect(solidity.size).toBeGreaterThan(30);
    for (const e of errors) if (e.solidity !== "none") expect(solidity.has(e.name), `error ${e.name}() in contracts/`).toBe(true);
  });
});
