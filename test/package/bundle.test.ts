// What the bundle is made of, and the import graph behind it. bindings/model/ is the tests'
// independent BigInt oracle: the shipped dist/ must carry none of it, and bindings/src/ must not
// import it (an oracle that shares code with what it checks proves nothing).
// dist/ comes from `npm run build` (which `npm test` runs first).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const rel = (file: string) => relative(root, file).replaceAll("\\", "/");

// ---------------------------------------------------------------- the import graph

interface Edge {
  from: string;
  to: string;
  /** `import type` / `export type` / `import("…")` in a type position: erased, no runtime edge. */
  typeOnly: boolean;
}

const STATIC = /^\s*(import|export)\s+(type\s+)?(?:[^;"']*?\s+from\s+)?["']([^"']+)["']/gm;
const TYPE_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** The relative imports of one .ts file, as repository paths (a ".js" specifier names the ".ts" source beside it, if any). */
function importsOf(file: string): Edge[] {
  const text = readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "") // doc comments hold `import { … } from "itos-core"` examples
    .replace(/^\s*\/\/.*$/gm, "");
  const from = rel(file);
  const target = (spec: string) => {
    const path = resolve(dirname(file), spec);
    const ts = path.replace(/\.js$/, ".ts");
    return rel(existsSync(ts) ? ts : path); // build/*.js are generated JavaScript
  };
  const edges: Edge[] = [];
  for (const m of text.matchAll(STATIC)) if (m[3].startsWith(".")) edges.push({ from, to: target(m[3]), typeOnly: m[2] !== undefined });
  for (const m of text.matchAll(TYPE_IMPORT)) if (m[1].startsWith(".")) edges.push({ from, to: target(m[1]), typeOnly: true });
  return edges;
}

const tsFiles = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(root, dir, f));

const files = [...tsFiles("bindings/src"), ...tsFiles("bindings/src/generated"), ...tsFiles("bindings/model"), join(root, "bindings/index.ts"), join(root, "bindings/abis.ts")];
const edges = files.flatMap(importsOf);
const inModel = (p: string) => p.startsWith("bindings/model/");
const inSrc = (p: string) => p.startsWith("bindings/src/") || p === "bindings/index.ts" || p === "bindings/abis.ts";

/** Every cycle's node set, as the strongly connected components (Tarjan) with more than one file. */
function cycles(nodes: string[], es: Edge[]): string[][] {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const e of es) next.get(e.from)?.push(e.to);
  let counter = 0;
  const index = new Map<string, number>(), low = new Map<string, number>(), stack: string[] = [], onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return out;
}

describe("the import graph of bindings/src and bindings/model", () => {
  it("is read correctly (the parser sees known edges of every kind)", () => {
    const has = (from: string, to: string, typeOnly: boolean) => edges.some((e) => e.from === from && e.to === to && e.typeOnly === typeOnly);
    expect(has("bindings/model/Pool.ts", "bindings/model/FullMath.ts", false)).toBe(true); // import { … } from
    expect(has("bindings/index.ts", "bindings/src/Pool.ts", false)).toBe(true); // export { … } from
    expect(has("bindings/model/Solvency.ts", "bindings/src/Solvency.ts", true)).toBe(true); // import type
    expect(has("bindings/src/FullMath.ts", "bindings/src/errors.ts", true)).toBe(true); // import("…") in a type
    for (const e of edges) expect(existsSync(join(root, e.to)), `${e.from} imports ${e.to}`).toBe(true);
  });

  it("has no edge from the shipped side (bindings/src, bindings/index.ts) into bindings/model", () => {
    expect(edges.filter((e) => inSrc(e.from) && inModel(e.to))).toEqual([]);
  });

  it("has no import cycle between the two folders, neither as folders nor between modules", () => {
    // folders: the model may depend on src (its errors, the Solvency shapes) only while src depends on nothing in the model
    const srcToModel = edges.filter((e) => inSrc(e.from) && inModel(e.to));
    const modelToSrc = edges.filter((e) => inModel(e.from) && inSrc(e.to));
    expect(srcToModel.length === 0 || modelToSrc.length === 0, `both ways: ${JSON.stringify([srcToModel[0], modelToSrc[0]])}`).toBe(true);
    // modules: no strongly connected component spans both folders
    const nodes = files.map(rel);
    const mixed = cycles(nodes, edges).filter((c) => c.some(inSrc) && c.some(inModel));
    expect(mixed).toEqual([]);
    // the check itself finds such a cycle when one is added
    const planted = cycles(nodes, [...edges, { from: "bindings/src/errors.ts", to: "bindings/model/errors.ts", typeOnly: false }]);
    expect(planted.some((c) => c.some(inSrc) && c.some(inModel))).toBe(true);
  });

  it("lets the model reach into bindings/src at run time only through model/errors.ts -> src/errors.ts, a leaf", () => {
    const runtime = edges.filter((e) => inModel(e.from) && inSrc(e.to) && !e.typeOnly);
    expect(runtime).toEqual([{ from: "bindings/model/errors.ts", to: "bindings/src/errors.ts", typeOnly: false }]);
    // src/errors.ts re-exports the error classes generated from assembly/errors.ts; the three
    // error modules import nothing else, so the model still reaches no binding code
    const errorModules = ["bindings/src/errors.ts", "bindings/src/errorBase.ts", "bindings/src/generated/errors.ts"];
    const reached = new Set(["bindings/src/errors.ts"]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const e of edges) if (reached.has(e.from) && !reached.has(e.to)) (reached.add(e.to), (grew = true));
    }
    expect([...reached].sort()).toEqual(errorModules.sort());
  });
});

// ---------------------------------------------------------------- the bundle

const dist = join(root, "dist");
const need = (file: string) => {
  const path = join(dist, file);
  if (!existsSync(path)) throw new Error(`${rel(path)} is missing: run \`npm run build\` first`);
  return readFileSync(path, "utf8");
};

/** Names of the functions the model defines and bindings/src does not: their presence in dist/ means model code was bundled. */
function modelOnlyFunctions(): string[] {
  const defined = (dir: string) =>
    new Set(tsFiles(dir).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/\bfunction\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1])));
  const src = defined("bindings/src");
  return [...defined("bindings/model")].filter((n) => !src.has(n)).sort();
}

describe("the bundle (dist/)", () => {
  it.each(["index.js", "index.cjs"])("%s is built from bindings/src only (its source map's module list)", (file) => {
    const map = JSON.parse(need(`${file}.map`)) as { sources: string[] };
    const sources = map.sources.map((s) => s.replaceAll("\\", "/"));
    expect(sources.some((s) => s.includes("bindings/src/"))).toBe(true);
    expect(sources.filter((s) => s.includes("bindings/model/"))).toEqual([]);
  });

  it.each(["index.js", "index.cjs", "index.d.ts"])("%s defines none of the model's own functions", (file) => {
    const names = modelOnlyFunctions();
    // enough names for the check to mean something (the model's sqrt, flipTick, sorted, ...)
    expect(names.length).toBeGreaterThan(10);
    const text = need(file);
    // rollup renames a clashing top-level name to name$1
    const found = names.filter((n) => new RegExp(`\\bfunction\\s+${n.replace(/\$/g, "\\$")}(\\$\\d+)?\\s*[(<]`).test(text));
    expect(found).toEqual([]);
  });
});
