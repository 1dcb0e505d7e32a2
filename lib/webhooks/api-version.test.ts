import { testEmulatorKeys } from "@/tests/support/emulator-control";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { db } from "@/lib/db";
import { createStripeClient, setStripeClient, STRIPE_API_VERSION, type Stripe } from "@/lib/stripe/client";
import { useTestDatabase } from "@/tests/support/db";
import { catchUpMissedEvents } from "./catch-up";
import { listEvents } from "./event-log";
import { WEBHOOK_EVENT_TYPES } from "./projectors";
import { stripeRecordDependencies } from "./stripe-facts";
import { until } from "@/tests/support/webhooks/mirrored-emulator";
import { startWebhookReceiver } from "@/tests/support/webhooks/receiver";

// An endpoint created without api_version (in Stripe's Dashboard, or by an older set-up) receives
// events in the account's default version, and GET /v1/events lists them in it. The emulator's
// account is on 2020-03-02: a charge embeds its refunds and sends no refund.created, a
// PaymentIntent lists its charges and has no latest_charge. None of that may reach the mirror as
// if it were the SDK's version.

useTestDatabase();

const OLD = "2020-03-02";

let emulator: RunningEmulator;
let stripe: Stripe;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let endpoint: Stripe.WebhookEndpoint;
let secrets: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir: null, webhookRetrySchedule: [100, 200, 400], keys: testEmulatorKeys() });
  stripe = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
  setStripeClient(stripe);
  receiver = await startWebhookReceiver(() => ({ environmentSecrets: secrets, dependencies: stripeRecordDependencies() }));
  endpoint = await stripe.webhookEndpoints.create({
    url: `${receiver.url}/api/webhooks/stripe`,
    enabled_events: [...WEBHOOK_EVENT_TYPES] as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
  });
  secrets = [String(endpoint.secret)];
});

afterAll(async () => {
  await receiver?.close();
  await emulator?.close();
  setStripeClient(null);
});

/** A payment taken and partly refunded in Stripe (the Dashboard, another integration), not by the app. */
async function payAndRefundInStripe(): Promise<{ pi: Stripe.PaymentIntent; chargeId: string; refund: Stripe.Refund }> {
  const pi = await stripe.paymentIntents.create({ amount: 2500, currency: "usd", payment_method: "pm_card_visa", confirm: true });
  const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 1000 });
  return { pi, chargeId: String(pi.latest_charge), refund };
}

async function expectMirrored(pi: Stripe.PaymentIntent, chargeId: string, refund: Stripe.Refund): Promise<void> {
  expect(await db().paymentIntent.findUniqueOrThrow({ where: { id: pi.id } })).toMatchObject({ status: "succeeded", latestChargeId: chargeId });
  expect(await db().charge.findUniqueOrThrow({ where: { id: chargeId } })).toMatchObject({ amountRefunded: 1000n, refunded: false });
  expect(await db().refund.findUnique({ where: { id: refund.id } })).toMatchObject({ amount: 1000n, status: "succeeded", chargeId });
}

describe("events in an older API version than the SDK's", () => {
  it("are recorded, flagged, and projected from Stripe's copy in the SDK's version", async () => {
    const { pi, chargeId, refund } = await payAndRefundInStripe();
    await until("the refund's events processed", async () => {
      const rows = await db().stripeEvent.findMany({ where: { objectId: { in: [pi.id, chargeId] } } });
      const done = (type: string) => rows.some((r) => r.type === type && r.status === "processed");
      return done("charge.refunded") && done("payment_intent.succeeded");
    });
    await expectMirrored(pi, chargeId, refund);

    const page = await listEvents({ object: chargeId }, { timeZone: "UTC" });
    expect(page.rows.length).toBeGreaterThan(0);
    for (const row of page.rows) expect(row).toMatchObject({ apiVersion: OLD, otherApiVersion: true });
    // The refund, known only from charge.refunded in this version, has that event on its timeline.
    expect((await listEvents({ object: refund.id }, { timeZone: "UTC" })).rows.map((r) => r.type)).toContain("charge.refunded");
  });

  it("listed by GET /v1/events for catch-up are projected the same way", async () => {
    await stripe.webhookEndpoints.update(endpoint.id, { disabled: true });
    const { pi, chargeId, refund } = await payAndRefundInStripe();
    expect(await db().refund.findUnique({ where: { id: refund.id } })).toBeNull();
    const progress = await catchUpMissedEvents(stripe, stripeRecordDependencies());
    expect(progress.failed).toBe(0);
    await expectMirrored(pi, chargeId, refund);
  });

  it("in the SDK's own version are not flagged", async () => {
    const page = await listEvents({}, { timeZone: "UTC" });
    expect(page.rows.every((r) => r.otherApiVersion === (r.apiVersion !== STRIPE_API_VERSION))).toBe(true);
  });
});
