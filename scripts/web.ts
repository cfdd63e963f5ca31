// npm run web [-- --port N]: serves the explorer page (web/) and the built
// bundle (dist/) on localhost. Everything on the page runs in the browser.
import { fileURLToPath } from "node:url";
import { serve } from "./lib/static-server.js";

const i = process.argv.indexOf("--port");
const port = i >= 0 ? Number(process.argv[i + 1]) : 5173;
const root = fileURLToPath(new URL("..", import.meta.url));
const { url } = await serve(root, port);
console.log(`2sAMM explorer: ${url}/web/index.html  (Ctrl+C to stop)`);
