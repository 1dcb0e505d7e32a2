// The server's start-up hook: it must start the background retry of failed webhook events (a
// failed projection is otherwise retried only when Stripe happens to send the event again), and
// must not start it while `next build` collects pages.
import { afterEach, describe, expect, it, vi } from "vitest";
import { register } from "@/instrumentation";
import { ensureDemoStaff, removeDemoStaff } from "@/lib/auth/demo-staff";
import { useTestDatabase } from "@/tests/support/db";

useTestDatabase();

const holder = globalThis as typeof globalThis & {
  __ledgerlineRetryLoop?: NodeJS.Timeout;
  __ledgerlineAlertLoop?: NodeJS.Timeout;
  __ledgerlineFollowUps?: { timer?: NodeJS.Timeout };
  __ledgerlineConfig?: unknown;
};

afterEach(() => {
  if (holder.__ledgerlineRetryLoop) clearInterval(holder.__ledgerlineRetryLoop);
  if (holder.__ledgerlineAlertLoop) clearInterval(holder.__ledgerlineAlertLoop);
  delete holder.__ledgerlineRetryLoop;
  delete holder.__ledgerlineAlertLoop;
  if (holder.__ledgerlineFollowUps?.timer) clearInterval(holder.__ledgerlineFollowUps.timer);
  if (holder.__ledgerlineFollowUps) delete holder.__ledgerlineFollowUps.timer;
  delete holder.__ledgerlineConfig;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("instrumentation register()", () => {
  it("starts the webhook retry loop in a Node.js server", async () => {
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("NEXTAUTH_SECRET", "instrumentation-test-secret-0123456789");
    vi.stubEnv("WEBHOOK_RETRY_INTERVAL_MS", "600000");
    await register();
    expect(holder.__ledgerlineRetryLoop).toBeDefined();
    expect(holder.__ledgerlineAlertLoop).toBeDefined();
    // Events a delivery queued because their projection needs Stripe have no other way to the mirror.
    expect(holder.__ledgerlineFollowUps?.timer).toBeDefined();
  });

  it("starts nothing during the production build or on the edge runtime", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "instrumentation-test-secret-0123456789");
    vi.stubEnv("WEBHOOK_RETRY_INTERVAL_MS", "600000");
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("NEXT_PHASE", "phase-production-build");
    await register();
    expect(holder.__ledgerlineRetryLoop).toBeUndefined();
    expect(holder.__ledgerlineAlertLoop).toBeUndefined();
    expect(holder.__ledgerlineFollowUps?.timer).toBeUndefined();
    vi.stubEnv("NEXT_PHASE", "");
    vi.stubEnv("NEXT_RUNTIME", "edge");
    await register();
    expect(holder.__ledgerlineRetryLoop).toBeUndefined();
  });

  it("stops a server with live keys while the demo staff exist, saying how to remove them", async () => {
    await ensureDemoStaff({ embedded: true, stripeMode: "emulator" });
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    vi.stubEnv("WEBHOOK_RETRY_INTERVAL_MS", "600000");
    vi.stubEnv("STRIPE_SECRET_KEY", "sk_live_instrumentation");
    vi.stubEnv("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY", "pk_live_instrumentation");
    vi.stubEnv("STRIPE_WEBHOOK_SECRET", "whsec_instrumentation");
    vi.stubEnv("NEXTAUTH_SECRET", "instrumentation-test-secret-0123456789");
    vi.stubEnv("NEXTAUTH_URL", "https://dashboard.example.com");
    delete holder.__ledgerlineConfig;
    const exit = vi.spyOn(process, "exit").mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    await expect(register()).rejects.toThrow("exit 1");
    expect(String(error.mock.calls[0]?.[0])).toMatch(/demo staff accounts .* still exist .*npm run demo-staff:remove/);
    expect(holder.__ledgerlineRetryLoop).toBeUndefined();

    await removeDemoStaff();
    exit.mockClear();
    await register();
    expect(exit).not.toHaveBeenCalled();
    expect(holder.__ledgerlineRetryLoop).toBeDefined();
  });
});
