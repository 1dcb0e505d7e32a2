import { readFileSync } from "node:fs";
import { join } from "node:path";

// The browser files share one scope: each declares functions the later ones use, so the
// order below is the dependency order. They are plain JS so the browser runs them as written.
export const BROWSER_SCRIPT_FILES = [
  "api-client.js",
  "card-validation.js",
  "events.js",
  "payment-element-style.js",
  "payment-element-markup.js",
  "payment-element.js",
  "elements-group.js",
  "three-d-secure.js",
  "confirmation.js",
  "stripe.js",
] as const;

// __dirname rather than import.meta: this module is also loaded as CommonJS (Playwright's loader,
// tsx), where import.meta is a syntax error; vitest and tsx provide __dirname either way.
const browserDir = join(__dirname, "browser");

function readBrowserFile(name: string): string {
  return readFileSync(join(browserDir, name), "utf8");
}

let cachedSources: string | null = null;

function browserSources(): string {
  cachedSources ??= BROWSER_SCRIPT_FILES.map((name) => `// ---- ${name}\n${readBrowserFile(name)}`).join("\n");
  return cachedSources;
}

/**
 * The Stripe.js stand-in as one script. `servedFrom` is only a fallback for the API origin:
 * the script prefers its own URL (document.currentScript), which survives proxies and port changes.
 */
export function stripeJsScript(servedFrom: string): string {
  return [
    "/* Ledgerline local Stripe.js stand-in: the subset of Stripe.js the app uses, served by the emulator. */",
    "(function () {",
    '"use strict";',
    "if (typeof window === \"undefined\" || window.Stripe) return;",
    `var SERVED_FROM = ${JSON.stringify(servedFrom)};`,
    browserSources(),
    "})();",
    "",
  ].join("\n");
}

let cachedChallengePage: string | null = null;

export function challengePageHtml(): string {
  cachedChallengePage ??= readBrowserFile("challenge-page.html");
  return cachedChallengePage;
}
