import { testEmulatorKeys } from "@/tests/support/emulator-control";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { db } from "@/lib/db";
import { createStripeClient, setStripeClient, STRIPE_API_VERSION, type Stripe } from "@/lib/stripe/client";
import { useTestDatabase } from "@/tests/support/db";
import { setUpWebhookEndpoint, webhookUrlFor } from "./endpoint";
import { finishEndpointMove } from "./endpoint-move";
import { webhookHealth } from "./event-log";
import { WEBHOOK_EVENT_TYPES } from "./projectors";
import { readStoredEndpoint, saveStoredEndpoint } from "./settings";
import { stripeRecordDependencies } from "./stripe-facts";
import { until } from "@/tests/support/webhooks/mirrored-emulator";
import { startWebhookReceiver } from "@/tests/support/webhooks/receiver";

// A deployment whose endpoint was set up before it was pinned to a version (or in the Dashboard)
// receives events in the account's default, 2020-03-02 here. Stripe cannot change an endpoint's
// version, so the set-up moves it: a new endpoint in the SDK's version, both sending until the new
// one has delivered, then the old one deleted; nothing is lost or doubled on the way.

useTestDatabase();

let emulator: RunningEmulator;
let stripe: Stripe;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir: null, webhookRetrySchedule: [100, 200, 400], keys: testEmulatorKeys() });
  stripe = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
  setStripeClient(stripe);
  receiver = await startWebhookReceiver(() => ({ environmentSecrets: [], dependencies: stripeRecordDependencies() }));
});

afterAll(async () => {
  await receiver?.close();
  await emulator?.close();
  setStripeClient(null);
});

describe("moving the webhook endpoint to the SDK's API version", () => {
  let old: Stripe.WebhookEndpoint;

  beforeAll(async () => {
    // How an older set-up left it: no api_version, so the account's default.
    old = await stripe.webhookEndpoints.create({
      url: webhookUrlFor(receiver.url),
      enabled_events: [...WEBHOOK_EVENT_TYPES] as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
    });
    await saveStoredEndpoint({
      id: old.id, url: old.url, secret: String(old.secret), enabledEvents: old.enabled_events, livemode: false, savedAt: new Date().toISOString(),
    });
  });

  it("creates a pinned endpoint beside the old one instead of updating it", async () => {
    const result = await setUpWebhookEndpoint(stripe, receiver.url, { needSecret: true });
    expect(result.action).toBe("moved");
    expect(result.endpoint).toMatchObject({ apiVersion: STRIPE_API_VERSION, replacing: { id: old.id } });
    const endpoints = (await stripe.webhookEndpoints.list()).data;
    expect(endpoints.map((e) => [e.id, e.api_version]).sort()).toEqual(
      [[old.id, null], [result.endpoint.id, STRIPE_API_VERSION]].sort(),
    );
    expect((await webhookHealth()).endpoint).toMatchObject({ id: result.endpoint.id, apiVersion: STRIPE_API_VERSION, replacing: old.id });
  });

  it("keeps one copy of each event while both send, then deletes the old endpoint once the new one has delivered", async () => {
    const pi = await stripe.paymentIntents.create({ amount: 1800, currency: "eur", payment_method: "pm_card_visa", confirm: true });
    const refund = await stripe.refunds.create({ payment_intent: pi.id });
    const deliveries = async () =>
      (await (await fetch(`${emulator.url}/_emulator/deliveries?type=payment_intent.succeeded`, { headers: { Authorization: `Bearer ${emulator.keys.secret}` } })).json()) as {
        data: Array<{ endpoint: string; succeeded: boolean }>;
      };
    await until("both endpoints delivered", async () => (await deliveries()).data.filter((d) => d.succeeded).length >= 2);
    expect(await db().stripeEvent.count({ where: { objectId: pi.id, type: "payment_intent.succeeded" } })).toBe(1);
    await until("the refund mirrored", () => db().refund.findUnique({ where: { id: refund.id } }));

    expect(await until("the move finished", async () => (await finishEndpointMove(stripe)) === "finished")).toBe(true);
    const remaining = (await stripe.webhookEndpoints.list()).data;
    expect(remaining.map((e) => e.api_version)).toEqual([STRIPE_API_VERSION]);
    expect(await readStoredEndpoint()).not.toHaveProperty("replacing");
    expect(await finishEndpointMove(stripe)).toBeNull();
    expect((await setUpWebhookEndpoint(stripe, receiver.url, { needSecret: true })).action).toBe("updated");
  });
});
