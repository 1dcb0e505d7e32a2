// npx tsx scripts/seed-demo-merchant.ts [--emulator-url http://127.0.0.1:12111]
// Creates the demo merchant through the Stripe emulator's API with the official SDK, so the
// webhooks fill the app's tables exactly as production traffic would: customers with saved cards,
// ~300 payments over up to 60 days in USD, EUR and JPY, declines, 3-D Secure, refunds (full,
// partial, pending, one failed), disputes in several states, early fraud warnings and automatic
// payouts (paid, in transit, one failed).
//
// History needs the emulator's clock to start in the past: the emulator only moves its clock
// forward, so the seed plays the plan from the clock's current time up to the real "now". The start
// command starts a new emulator account 60 days back (`--clock-start`) for the full story; with a
// clock already at "now" the seed compresses the story into the last two hours.
//
// Idempotent: it only seeds an account without payments, so a second run (or a run against an
// account with real activity) changes nothing. Never opens the database; safe while the app runs.
import { parseArgs } from "node:util";
import type Stripe from "stripe";
import { runWithServerConditions } from "@/lib/stripe/script-runtime";

runWithServerConditions();

interface Clock {
  now: number;
}

async function main(): Promise<number> {
  // --strict: fail if the app has not taken every webhook within 5 minutes (tests); otherwise that
  // is a warning, since the emulator keeps retrying and the pages fill in as the app catches up.
  const { values } = parseArgs({ options: { "emulator-url": { type: "string" }, quiet: { type: "boolean" }, strict: { type: "boolean" } }, strict: true });
  const { createStripeClient } = await import("@/lib/stripe/client");
  const { stripeKeys } = await import("@/lib/env");
  const { DEMO_CUSTOMERS, demoPlan } = await import("@/lib/reports/demo-plan");
  if (process.env.STRIPE_SECRET_KEY) {
    console.error("The demo merchant is only created on the local emulator; STRIPE_SECRET_KEY is set, so nothing was done.");
    return 1;
  }
  const emulatorUrl = values["emulator-url"] ?? process.env.STRIPE_EMULATOR_URL ?? "http://127.0.0.1:12111";
  // The seed drives the emulator's control API too, which answers only to its secret key.
  const stripe = createStripeClient({ mode: "emulator", secretKey: stripeKeys().secretKey, emulatorUrl });
  const log = (line: string) => (values.quiet ? undefined : console.log(line));
  const control = async <T>(method: "GET" | "POST", path: string, params: Record<string, unknown> = {}): Promise<T> => {
    const response = await stripe.rawRequest(method, path, params);
    return response as unknown as T;
  };
  const started = performance.now();

  if ((await stripe.paymentIntents.list({ limit: 1 })).data.length > 0) {
    log("The Stripe account already has payments: the demo merchant is only created on an empty account. Nothing changed.");
    return 0;
  }

  const clock = await control<Clock>("GET", "/_emulator/clock");
  const end = Math.max(Math.floor(Date.now() / 1000), clock.now + 60);
  const { steps, days, compact } = demoPlan(clock.now, end);
  let now = clock.now;
  const advanceTo = async (at: number) => {
    if (at <= now) return;
    const moved = await control<Clock>("POST", "/_emulator/clock/advance", { seconds: at - now });
    now = moved.now;
  };

  const customers: Array<{ id: string; paymentMethod: string }> = [];
  for (const person of DEMO_CUSTOMERS) {
    const customer = await stripe.customers.create({ name: person.name, email: person.email, description: "Demo customer" });
    const card = await stripe.paymentMethods.attach(person.card, { customer: customer.id }).catch(() => stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id }));
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });
    customers.push({ id: customer.id, paymentMethod: card.id });
  }

  const payments = new Map<string, { id: string; clientSecret: string | null; charge: string | null }>();
  const counts: Record<string, number> = {};
  const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);
  let day = Math.floor(now / 86_400);
  for (const step of steps) {
    // Webhooks go out as things happen; letting the app catch up once a day of history keeps the
    // deliveries in flight few, as they are in real life, instead of thousands at once.
    if (Math.floor(step.at / 86_400) !== day) {
      day = Math.floor(step.at / 86_400);
      await waitForBacklog(stripe);
    }
    await advanceTo(step.at);
    if (step.kind === "payment") {
      const customer = customers[step.customer % customers.length]!;
      try {
        const intent = await stripe.paymentIntents.create({
          amount: step.amount,
          currency: step.currency,
          customer: customer.id,
          payment_method: step.card === "saved" ? customer.paymentMethod : step.card,
          confirm: true,
          off_session: step.offSession,
          description: `Order ${1000 + payments.size}`,
          metadata: { demo: "ledgerline" },
        });
        payments.set(step.key, { id: intent.id, clientSecret: intent.client_secret, charge: typeof intent.latest_charge === "string" ? intent.latest_charge : (intent.latest_charge?.id ?? null) });
        count(intent.status);
      } catch (error) {
        // Declines are part of the story: Stripe answers 402 and the intent records the failure.
        const intent = (error as { payment_intent?: { id: string; client_secret: string | null } }).payment_intent;
        if (!intent) throw error;
        payments.set(step.key, { id: intent.id, clientSecret: intent.client_secret, charge: null });
        count("declined");
      }
    } else if (step.kind === "approve_3ds") {
      const payment = payments.get(step.key);
      if (!payment?.clientSecret) continue;
      await control("POST", `/_emulator/three_d_secure/${payment.id}`, { client_secret: payment.clientSecret, result: step.result });
      count(`3ds_${step.result}`);
    } else if (step.kind === "refund") {
      const payment = payments.get(step.key);
      if (!payment) continue;
      await stripe.refunds.create({ payment_intent: payment.id, ...(step.amount ? { amount: step.amount } : {}), reason: step.reason, metadata: { demo: "ledgerline" } });
      count("refund");
    } else if (step.kind === "evidence") {
      const payment = payments.get(step.key);
      if (!payment) continue;
      const dispute = (await stripe.disputes.list({ payment_intent: payment.id, limit: 1 })).data[0];
      if (!dispute) continue;
      await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: step.text, customer_name: "Demo customer" }, submit: step.submit });
      count(step.submit ? "evidence_submitted" : "evidence_saved");
    } else if (step.kind === "fail_next_payout") {
      const payout = (await stripe.payouts.list({ limit: 5 })).data.find((p) => p.status === "pending" || p.status === "in_transit");
      if (payout) {
        await control("POST", `/_emulator/payouts/${payout.id}/fail`, { failure_code: "account_closed" });
        count("payout_failed");
      }
    }
  }
  await advanceTo(end);
  let delivered = 0;
  try {
    delivered = await waitForWebhooks(stripe, control);
  } catch (error) {
    if (values.strict) throw error;
    console.error(`Warning: ${error instanceof Error ? error.message : String(error)}`);
  }
  log(
    `Demo merchant created in ${((performance.now() - started) / 1000).toFixed(1)} s: ${customers.length} customers, ${payments.size} payments over ${days} ${days === 1 ? "day" : "days"}` +
      `${compact ? " (compressed: the emulator's clock was already at today)" : ""}; ${JSON.stringify(counts)}; ${delivered} events accepted by the app's webhook endpoint.`,
  );
  return 0;
}

interface DeliveryRecord {
  event: string;
  type: string;
  succeeded: boolean;
  status: number | null;
  error: string | null;
}

/** Waits until at most `limit` events sent so far still wait for the app to accept them. */
async function waitForBacklog(stripe: Stripe, limit = 25): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && (await undeliveredEvents(stripe, limit + 1)) > limit) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * How many events still wait for a successful delivery (Stripe's `pending_webhooks`), counting at
 * most `atMost`. Unlike the delivery log, this includes deliveries not yet attempted and leaves out
 * event types no endpoint subscribes to.
 */
async function undeliveredEvents(stripe: Stripe, atMost = Infinity): Promise<number> {
  let count = 0;
  for await (const _event of stripe.events.list({ delivery_success: false, limit: 100 })) {
    if (++count >= atMost) break;
  }
  return count;
}

/**
 * Waits (up to 5 minutes) until the app has accepted a delivery of every event the emulator
 * created and projected them all, so the pages are complete when the seed returns: an answered
 * delivery may still be queued for the app's follow-up worker (a charge whose fee it fetches from
 * Stripe), so the app must also report that it has projected every event it stored. Without a webhook endpoint
 * there is nothing to wait for.
 */
async function waitForWebhooks(stripe: Stripe, control: <T>(method: "GET" | "POST", path: string) => Promise<T>): Promise<number> {
  const { webhooksSettledAt } = await import("@/lib/webhooks/settled");
  const endpoints = await stripe.webhookEndpoints.list({ limit: 10 });
  const enabled = endpoints.data.filter((e) => e.status === "enabled");
  if (enabled.length === 0) return 0;
  // The app (or ingest server) behind each endpoint reports its backlog on its health route.
  const origins = [...new Set(enabled.map((e) => new URL(e.url).origin))];
  const deadline = Date.now() + 300_000;
  for (;;) {
    const missing = await undeliveredEvents(stripe);
    const settled = missing === 0 ? await Promise.all(origins.map(webhooksSettledAt)) : [];
    if (missing === 0 && settled.every((s) => s === true)) {
      const { data } = await control<{ data: DeliveryRecord[] }>("GET", "/_emulator/deliveries");
      return new Set(data.filter((d) => d.succeeded).map((d) => d.event)).size;
    }
    if (Date.now() > deadline) {
      if (missing === 0) {
        throw new Error(`The app accepted every event but had not projected them all within 5 minutes (${origins.map((o, i) => `${o}: ${settled[i] === false ? "still projecting" : "no answer"}`).join(", ")}).`);
      }
      const { data } = await control<{ data: DeliveryRecord[] }>("GET", "/_emulator/deliveries");
      const failures = data.filter((d) => !d.succeeded).slice(-3).map((d) => `${d.type}: ${d.status ?? "no answer"} ${d.error ?? ""}`.trim());
      throw new Error(`${missing} events were not accepted by the app's webhook endpoint within 5 minutes. Last failures: ${failures.join("; ") || "none (not delivered yet)"}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
