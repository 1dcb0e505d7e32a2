import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type Browser } from "@playwright/test";
import { handleStripeJsRequest } from "../handler";

const DEBIAN_CHROMIUM = "/usr/lib/chromium/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless=new",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

// Debian's Chromium when present (these machines), otherwise Playwright's own browser.
// Neither present → launch throws and the suite fails: a missing browser must not pass quietly.
export async function launchChromium(): Promise<Browser> {
  const executablePath = existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

export type PageServer = { url: string; close(): Promise<void> };

// esbuild comes with tsx (a dev dependency); the bundle is the React checkout in test-support/.
async function bundleReactCheckout(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("./react-checkout.tsx", import.meta.url))],
    bundle: true,
    write: false,
    format: "iife",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"development"' },
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no bundle for the React checkout");
  return output.text;
}

/**
 * A merchant site on its own origin. `scriptOrigin` is where the page loads Stripe.js from;
 * with `serveStripeJs` this server also serves the stand-in itself (for tests without the emulator).
 */
export async function startMerchantSite(opts: { scriptOrigin?: string; serveStripeJs?: boolean; withReact?: boolean } = {}): Promise<PageServer> {
  let url = "";
  const reactBundle = opts.withReact ? await bundleReactCheckout() : null;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (opts.serveStripeJs && (path.startsWith("/js/") || path.startsWith("/stripejs/"))) {
      void handleStripeJsRequest(req, res, { baseUrl: url });
      return;
    }
    if (path === "/checkout") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(checkoutPage(`${opts.scriptOrigin ?? url}/js/v3`));
      return;
    }
    if (path === "/react-checkout" && reactBundle) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Save a card</title><script src="${opts.scriptOrigin ?? url}/js/v3"></script></head><body><div id="root"></div><script src="/react-checkout.js"></script></body></html>`);
      return;
    }
    if (path === "/react-checkout.js" && reactBundle) {
      res.writeHead(200, { "Content-Type": "application/javascript; charset=utf-8" });
      res.end(reactBundle);
      return;
    }
    if (path === "/done") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end("<!doctype html><title>Done</title><h1>Returned to the merchant</h1>");
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A checkout as a merchant writes it against Stripe.js. Query: pk, cs (client secret; absent →
// deferred "setup" mode), kind (setup|payment), redirect (if_required|always), return (return_url).
function checkoutPage(scriptUrl: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Checkout</title>
<script src="${scriptUrl}"></script></head>
<body>
<form id="checkout">
  <div id="payment-element"></div>
  <button type="submit">Save card</button>
</form>
<pre id="outcome"></pre>
<script>
  const params = new URLSearchParams(location.search);
  const stripe = Stripe(params.get("pk") || "pk_test_merchant");
  const clientSecret = params.get("cs");
  const elements = stripe.elements(clientSecret ? { clientSecret } : { mode: "setup", currency: "usd" });
  const paymentElement = elements.create("payment");
  window.events = [];
  for (const type of ["ready", "change", "focus", "blur", "loaderror", "escape"]) {
    paymentElement.on(type, (event) => window.events.push({ type, event: JSON.parse(JSON.stringify(event)) }));
  }
  paymentElement.mount("#payment-element");
  window.submissions = 0;
  window.stripe = stripe;
  window.elements = elements;
  document.getElementById("checkout").addEventListener("submit", async (event) => {
    event.preventDefault();
    window.submissions += 1;
    const kind = params.get("kind") || "setup";
    const options = {
      elements,
      redirect: params.get("redirect") || "if_required",
      confirmParams: params.get("return") ? { return_url: params.get("return") } : {},
    };
    try {
      window.result = kind === "setup" ? await stripe.confirmSetup(options) : await stripe.confirmPayment(options);
    } catch (error) {
      window.result = { thrown: String(error && error.message) };
    }
    document.getElementById("outcome").textContent = JSON.stringify(window.result);
  });
</script>
</body></html>`;
}
