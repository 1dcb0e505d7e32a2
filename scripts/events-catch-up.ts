// npm run events:catch-up
// Reads GET /v1/events since the newest event we hold (at most Stripe's 30 days back) and records
// whatever is missing, exactly as if it had been delivered. Prints a progress line per 100 events.
import { runStripeCommand } from "@/lib/stripe/script-runtime";

async function main(): Promise<number> {
  const { stripe } = await import("@/lib/stripe/client");
  const { catchUpMissedEvents } = await import("@/lib/webhooks/catch-up");
  const { stripeRecordDependencies } = await import("@/lib/webhooks/stripe-facts");
  const result = await catchUpMissedEvents(stripe(), stripeRecordDependencies(), (p) =>
    console.log(`events since ${new Date(p.since * 1000).toISOString()}: ${p.fetched} read, ${p.recorded} new, ${p.duplicates} already held, ${p.failed} failed`),
  );
  return result.failed > 0 ? 2 : 0;
}

runStripeCommand(main, { whileAppRuns: 'While the app runs, use "Catch up" on the Events page instead.' });
