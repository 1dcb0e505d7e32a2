// Next.js calls register() once when a server process starts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A misconfigured deployment stops at once with every problem named (lib/env.ts), instead of
  // failing on the first request.
  const { exitOnInvalidConfig } = await import("./lib/env");
  exitOnInvalidConfig();
  // The background retry of failed webhook events runs only in a running server, never while
  // `next build` collects pages (it would open the database during the build).
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // Route handlers get no socket address from Next; see lib/security/client-address.ts.
  const { installPeerAddressStamp } = await import("./lib/security/client-address");
  await installPeerAddressStamp();
  // Published demo passwords on an account that moves real money (lib/auth/demo-staff.ts).
  const { exitIfDemoStaffWithLiveKeys } = await import("./lib/auth/demo-staff");
  await exitIfDemoStaffWithLiveKeys();
  const { startEventRetryLoop } = await import("./lib/webhooks/retry-loop");
  startEventRetryLoop();
  // Events a delivery queued because their projection needs Stripe (lib/webhooks/follow-up.ts).
  const { startFollowUpWorker } = await import("./lib/webhooks/follow-up");
  startFollowUpWorker();
  // Alert mail (lib/alerts): the outbox is drained here too, leased in PostgreSQL like the retries.
  const { startAlertLoop } = await import("./lib/alerts/alert-loop");
  startAlertLoop();
}
