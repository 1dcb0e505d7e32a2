// npm run backfill [-- --restart]
// Copies customers, payments, charges, refunds, disputes, payouts, balance transactions, setup
// intents, fraud warnings and saved cards from Stripe's list APIs. Resumable: it continues where an
// interrupted run stopped unless --restart is given.
import { parseArgs } from "node:util";
import { runWithServerConditions } from "@/lib/stripe/script-runtime";

runWithServerConditions();

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { restart: { type: "boolean", default: false } }, strict: true });
  const { closeDb, DatabaseLockedError } = await import("@/lib/db");
  const { stripe } = await import("@/lib/stripe/client");
  const { describeStripeError } = await import("@/lib/stripe/errors");
  const { backfillFromStripe } = await import("@/lib/webhooks/backfill");
  try {
    await backfillFromStripe(stripe(), (p) => console.log(`${p.resource.padEnd(22)} ${String(p.copied).padStart(7)} copied${p.finished ? "  done" : ""}`), {
      restart: values.restart,
    });
    return 0;
  } catch (error) {
    if (error instanceof DatabaseLockedError) console.error(`${error.message}\nWhile the app runs, use "Backfill" on the Events page instead.`);
    else if (error instanceof Error && "type" in error) console.error(`Stripe refused: ${describeStripeError(error).message}`);
    else console.error(error instanceof Error ? error.message : error);
    return 1;
  } finally {
    await closeDb();
  }
}

main().then((code) => process.exit(code));
