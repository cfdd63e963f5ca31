// Runs the exploit files kept out of the suite: npx vitest run -c test/hardening/pending/vitest.config.ts
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/hardening/pending/*.exploit.ts"],
    globalSetup: ["test/setup/compile.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
