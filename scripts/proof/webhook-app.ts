// The webhook route handler of the app (lib/webhooks/receive, the same function the Next route calls)
// served by node:http in a process of its own, on DATABASE_URL. The storm and the two-instance
// concurrency suite start it as a child so they can SIGKILL it and run several at once.
// Prints one JSON line {"port":N} once it listens; SIGTERM closes it cleanly.
//   DATABASE_URL, STRIPE_EMULATOR_URL, STRIPE_WEBHOOK_SECRET, PORT (0 = any) from the environment.
import { runWithServerConditions } from "@/lib/stripe/script-runtime";

runWithServerConditions();

async function main(): Promise<void> {
  const { databaseConnection, closeDb } = await import("@/lib/db");
  const { applyMigrations } = await import("@/lib/migrations/apply");
  const { startWebhookReceiver } = await import("@/lib/webhooks/testing/receiver");
  const { stripeRecordDependencies } = await import("@/lib/webhooks/stripe-facts");
  const { appConfig } = await import("@/lib/env");

  if (process.env.APPLY_MIGRATIONS !== "0") await applyMigrations(databaseConnection().adapterFactory);
  const secrets = appConfig().stripe.webhookSecrets;
  const receiver = await startWebhookReceiver(() => ({ environmentSecrets: secrets, dependencies: stripeRecordDependencies() }), Number(process.env.PORT ?? 0));
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(receiver.url).port), pid: process.pid })}\n`);
  const stop = async () => {
    await receiver.close();
    await closeDb();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
