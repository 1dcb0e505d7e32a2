import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// The emulator answers only to the keys it was started with: one pair per run, which the test
// harnesses start their emulators with and the app's configuration reads (tests/support/emulator-control.ts).
const keyBody = () => randomBytes(30).toString("hex");

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      "server-only": `${root}tests/support/server-only-stub.ts`,
    },
  },
  test: {
    environment: "node",
    env: {
      STRIPE_EMULATOR_SECRET_KEY: `sk_test_${keyBody()}`,
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: `pk_test_${keyBody()}`,
      // What next.config.js's experimental.authInterrupts sets at build time, so forbidden() in a
      // page rendered by a test throws its 403 interrupt as it does in the app.
      __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "true",
    },
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
