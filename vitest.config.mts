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
    },
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
