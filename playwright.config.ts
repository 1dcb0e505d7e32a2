import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium when installed (these machines have no access to Playwright's browser CDN);
// otherwise Playwright's own browser, for developers who have one.
const DEBIAN_CHROMIUM = "/usr/lib/chromium/chromium";
const executablePath = existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;

/**
 * A free port chosen once by the runner (the OS picks it: listen on 0, read it back) and inherited
 * by the workers through the environment, so config and tests agree on the server's address.
 */
function freePort(): string {
  return execFileSync(
    process.execPath,
    ["-e", "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"],
    { encoding: "utf8" },
  ).trim();
}
process.env.E2E_PORT ??= freePort();
// The browser reaches the server by name: a passkey's relying party must be a host name, never an IP
// address (scripts/e2e-server.ts sets NEXTAUTH_URL to the same). The server listens on 127.0.0.1.
const baseURL = `http://localhost:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: "test-results",
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--headless=new",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    // Builds nothing: `next build` must have run (npm test does it first).
    command: "npx tsx scripts/e2e-server.ts",
    url: `http://127.0.0.1:${process.env.E2E_PORT}/api/health`,
    // E2E_STRIPE_KEY=restricted: the app runs with the documented restricted key (scripts/e2e-server.ts).
    env: { E2E_PORT: process.env.E2E_PORT, NEXT_TELEMETRY_DISABLED: "1", E2E_STRIPE_KEY: process.env.E2E_STRIPE_KEY ?? "" },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
