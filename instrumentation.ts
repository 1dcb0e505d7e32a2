// Next.js calls register() once when a server process starts. The background retry of failed
// webhook events runs only in the Node.js runtime of a running server, never while `next build`
// collects pages (it would open the database during the build).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startEventRetryLoop } = await import("./lib/webhooks/retry-loop");
  startEventRetryLoop();
}
