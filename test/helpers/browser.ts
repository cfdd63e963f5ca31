// Headless Chromium for browser tests: Debian's `chromium` package driven by
// playwright-core (which never downloads a browser of its own).
import { existsSync } from "node:fs";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export const CHROMIUM = CANDIDATES.find((p): p is string => !!p && existsSync(p));
if (!CHROMIUM) {
  console.warn("no Chromium found (set CHROMIUM_PATH or `apt-get install chromium`): browser tests are skipped; .ci/run installs it");
}

export async function launch() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
