// npm run backfill [-- --restart]
// Copies customers, payments, charges, refunds, disputes, payouts, balance transactions, setup
// intents, fraud warnings and saved cards from Stripe's list APIs. Resumable: it continues where an
// interrupted run stopped unless --restart is given.
import { parseArgs } from "node:util";
import { runStripeCommand } from "@/lib/stripe/script-runtime";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { restart: { type: "boolean", default: false } }, strict: true });
  const { stripe } = await import("@/lib/stripe/client");
  const { backfillFromStripe } = await import("@/lib/webhooks/backfill");
  await backfillFromStripe(stripe(), (p) => console.log(`${p.resource.padEnd(22)} ${String(p.copied).padStart(7)} copied${p.finished ? "  done" : ""}`), {
    restart: values.restart,
  });
  return 0;
}

runStripeCommand(main, { whileAppRuns: 'While the app runs, use "Backfill" on the Events page instead.' });
