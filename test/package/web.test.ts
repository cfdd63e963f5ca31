// The explorer page (npm run web) in headless Chromium: it loads the built
// bundle, draws, quotes, and reacts to an input change without console errors.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../../scripts/lib/static-server.js";
import { CHROMIUM, launch } from "../helpers/browser.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe.runIf(!!CHROMIUM)("web/index.html", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve(root);
  });
  afterAll(async () => server?.close());

  it("quotes with the Wasm core and updates when an input changes", async () => {
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      await page.goto(`${server.url}/web/index.html`);
      await page.waitForFunction(() => Number(document.body.dataset.updates ?? 0) >= 1, null, { timeout: 20_000 });
      const out1 = Number(await page.textContent("#quote-out"));
      const fee1 = await page.textContent("#fee-now");
      expect(out1).toBeGreaterThan(0);
      expect(out1).toBeLessThan(1); // selling 1 token0 at price ~1 with a fee returns a bit less than 1 token1
      // Reserve more liquidity: the fee at the current price must rise and the output fall.
      await page.fill("#takerLiq", "60");
      await page.dispatchEvent("#takerLiq", "input");
      await page.waitForFunction(() => Number(document.body.dataset.updates) >= 2);
      const out2 = Number(await page.textContent("#quote-out"));
      const fee2 = await page.textContent("#fee-now");
      expect(parseFloat(fee2!)).toBeGreaterThan(parseFloat(fee1!));
      expect(out2).toBeLessThan(out1);
      expect(await page.textContent("#error")).toBe("");
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
