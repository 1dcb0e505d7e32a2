// npm run ingest [-- --port 3100] [--host 127.0.0.1] — the standalone webhook ingest server
// (lib/webhooks/ingest/server.ts): the app's webhook code behind node:http, without Next.js. It reads
// the same environment variables as the app (.env.example lists them) and serves
// POST /api/webhooks/stripe and GET /api/health. Run several beside the app on one PostgreSQL
// database and point Stripe's endpoint (or a load balancer) at them; see README.md.
import { parseArgs } from "node:util";
import { runWithServerConditions } from "@/lib/stripe/script-runtime";

runWithServerConditions();

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: "string" }, host: { type: "string" } }, strict: true });
  const port = Number(values.port ?? process.env.INGEST_PORT ?? 3100);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number (0–65535), not ${values.port ?? process.env.INGEST_PORT}`);
  const host = values.host ?? process.env.INGEST_HOST ?? "127.0.0.1";

  const { exitOnInvalidConfig } = await import("@/lib/env");
  exitOnInvalidConfig();
  const { exitIfDemoStaffWithLiveKeys } = await import("@/lib/auth/demo-staff");
  await exitIfDemoStaffWithLiveKeys();
  const { startIngestServer } = await import("@/lib/webhooks/ingest/server");
  const { webhookReceiveContext } = await import("@/lib/webhooks/receive-context");
  const { startEventRetryLoop } = await import("@/lib/webhooks/retry-loop");
  const { startFollowUpWorker } = await import("@/lib/webhooks/follow-up");
  const { closeDb } = await import("@/lib/db");

  const server = await startIngestServer({ host, port, context: webhookReceiveContext() });
  // Failed events are retried from the log by every instance; rows are leased in the database.
  startEventRetryLoop();
  startFollowUpWorker();
  console.log(`Ledgerline ingest server on ${server.url}: point Stripe at ${server.url}/api/webhooks/stripe`);
  const stop = async () => {
    await server.close();
    await closeDb();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
