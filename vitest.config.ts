import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/compile.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: more workers only adds Hardhat start-up contention.
    maxWorkers: 2,
    // .ci/run counts results from the JSON report.
    reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]],
  },
});
