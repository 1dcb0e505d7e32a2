// The server's start-up hook: it must start the background retry of failed webhook events (a
// failed projection is otherwise retried only when Stripe happens to send the event again), and
// must not start it while `next build` collects pages.
import { afterEach, describe, expect, it, vi } from "vitest";
import { register } from "@/instrumentation";

const holder = globalThis as typeof globalThis & { __ledgerlineRetryLoop?: NodeJS.Timeout };

afterEach(() => {
  if (holder.__ledgerlineRetryLoop) clearInterval(holder.__ledgerlineRetryLoop);
  delete holder.__ledgerlineRetryLoop;
  vi.unstubAllEnvs();
});

describe("instrumentation register()", () => {
  it("starts the webhook retry loop in a Node.js server", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("NEXTAUTH_SECRET", "instrumentation-test-secret-0123456789");
    vi.stubEnv("WEBHOOK_RETRY_INTERVAL_MS", "600000");
    await register();
    expect(holder.__ledgerlineRetryLoop).toBeDefined();
  });

  it("starts nothing during the production build or on the edge runtime", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "instrumentation-test-secret-0123456789");
    vi.stubEnv("WEBHOOK_RETRY_INTERVAL_MS", "600000");
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("NEXT_PHASE", "phase-production-build");
    await register();
    expect(holder.__ledgerlineRetryLoop).toBeUndefined();
    vi.stubEnv("NEXT_PHASE", "");
    vi.stubEnv("NEXT_RUNTIME", "edge");
    await register();
    expect(holder.__ledgerlineRetryLoop).toBeUndefined();
  });
});
