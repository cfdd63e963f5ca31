// Bundles the bindings (with the generated raw Wasm bindings and the inlined
// .wasm) into one ESM file, one CJS file and one .d.ts under dist/.
import typescript from "@rollup/plugin-typescript";
import { dts } from "rollup-plugin-dts";

const input = "bindings/index.ts";

export default [
  {
    input,
    output: [
      { file: "dist/index.js", format: "es", sourcemap: true },
      { file: "dist/index.cjs", format: "cjs", sourcemap: true, exports: "named" },
    ],
    plugins: [typescript({ tsconfig: "./tsconfig.build.json" })],
  },
  {
    input,
    output: { file: "dist/index.d.ts", format: "es" },
    plugins: [dts({ tsconfig: "./tsconfig.build.json" })],
  },
];
