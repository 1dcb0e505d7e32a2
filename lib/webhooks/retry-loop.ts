import "server-only";
import { cancelExpiredPaymentLinks } from "@/lib/links/payment-cancel";
import { stripe } from "@/lib/stripe/client";
import { finishEndpointMove } from "./endpoint-move";
import { retryDueEvents } from "./retry";
import { stripeRecordDependencies } from "./stripe-facts";

/**
 * The app's background retry of failed events (and the end of an endpoint's move to a new API
 * version, endpoint-move.ts, and the cancel of expired payment links' PaymentIntents), started once per server process by
 * instrumentation.ts. Every instance may run it: rows are leased in PostgreSQL, not in memory.
 * WEBHOOK_RETRY_INTERVAL_MS sets the period (default 15 s; 0 turns it off).
 */

const holder = globalThis as typeof globalThis & { __ledgerlineRetryLoop?: NodeJS.Timeout };

export function startEventRetryLoop(): void {
  if (holder.__ledgerlineRetryLoop) return;
  const configured = Number(process.env.WEBHOOK_RETRY_INTERVAL_MS ?? 15_000);
  if (!Number.isFinite(configured) || configured <= 0) return;
  let running = false;
  let lastProblem = "";
  holder.__ledgerlineRetryLoop = setInterval(() => {
    if (running) return;
    running = true;
    retryDueEvents(stripeRecordDependencies())
      .then(async (summary) => {
        lastProblem = "";
        if (summary.attempted > 0) {
          console.log(`[webhooks] retried ${summary.attempted} failed event(s): ${summary.processed} processed, ${summary.failed} still failing`);
        }
        // An endpoint moving to a new API version: delete the old one once the new one has delivered.
        if ((await finishEndpointMove(stripe())) === "finished") console.log("[webhooks] the old webhook endpoint was deleted: the new one delivers");
        // Expired payment links: their PaymentIntents are canceled, so an old page cannot pay.
        const expiry = await cancelExpiredPaymentLinks();
        if (expiry.canceled + expiry.failed > 0) console.log(`[links] expired payment links: ${expiry.canceled} payment(s) canceled, ${expiry.failed} failed`);
      })
      .catch((error: unknown) => {
        // Log a database outage once, not every tick.
        const problem = error instanceof Error ? error.message.split("\n")[0]! : String(error);
        if (problem !== lastProblem) console.error(`[webhooks] retry loop: ${problem}`);
        lastProblem = problem;
      })
      .finally(() => {
        running = false;
      });
  }, configured);
  holder.__ledgerlineRetryLoop.unref();
}
