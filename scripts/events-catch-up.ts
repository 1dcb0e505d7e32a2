// npm run events:catch-up
// Reads GET /v1/events since the newest event we hold (at most Stripe's 30 days back) and records
// whatever is missing, exactly as if it had been delivered. Prints a progress line per 100 events.
import { runWithServerConditions } from "@/lib/stripe/script-runtime";

runWithServerConditions();

async function main(): Promise<number> {
  const { closeDb, DatabaseLockedError } = await import("@/lib/db");
  const { stripe } = await import("@/lib/stripe/client");
  const { describeStripeError } = await import("@/lib/stripe/errors");
  const { catchUpMissedEvents } = await import("@/lib/webhooks/catch-up");
  const { stripeRecordDependencies } = await import("@/lib/webhooks/stripe-facts");
  try {
    const result = await catchUpMissedEvents(stripe(), stripeRecordDependencies(), (p) =>
      console.log(`events since ${new Date(p.since * 1000).toISOString()}: ${p.fetched} read, ${p.recorded} new, ${p.duplicates} already held, ${p.failed} failed`),
    );
    return result.failed > 0 ? 2 : 0;
  } catch (error) {
    if (error instanceof DatabaseLockedError) console.error(`${error.message}\nWhile the app runs, use "Catch up" on the Events page instead.`);
    else if (error instanceof Error && "type" in error) console.error(`Stripe refused: ${describeStripeError(error).message}`);
    else console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await closeDb();
  }
}

main().then((code) => process.exit(code));
