// Bundles the bindings (with the generated raw Wasm bindings and the inlined
// .wasm) into ESM, CJS and .d.ts under dist/: the main entry, and `abis`
// (the contracts' ABIs, kept apart so the main bundle stays small).
import typescript from "@rollup/plugin-typescript";
import { dts } from "rollup-plugin-dts";

// bindings/model/ is the tests' independent BigInt oracle: the package must not ship it, so a build
// that pulls in any model module (directly or through another file) fails instead of bundling it.
const noModel = {
  name: "no-model",
  buildEnd(error) {
    if (error) return;
    const model = [...this.getModuleIds()].filter((id) => id.replaceAll("\\", "/").includes("/bindings/model/"));
    if (model.length > 0) this.error(`bindings/model/ must not be bundled; pulled in: ${model.join(", ")}`);
  },
};

const entries = [
  ["bindings/index.ts", "index"],
  ["bindings/abis.ts", "abis"],
];

export default entries.flatMap(([input, name]) => [
  {
    input,
    output: [
      { file: `dist/${name}.js`, format: "es", sourcemap: true },
      { file: `dist/${name}.cjs`, format: "cjs", sourcemap: true, exports: "named" },
    ],
    plugins: [typescript({ tsconfig: "./tsconfig.build.json" }), noModel],
  },
  {
    input,
    output: { file: `dist/${name}.d.ts`, format: "es" },
    plugins: [dts({ tsconfig: "./tsconfig.build.json" }), noModel],
  },
]);
