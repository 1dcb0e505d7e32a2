import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { db } from "@/lib/db";
import { refundSituation } from "@/lib/refunds/refundable";
import { createStripeClient, setStripeClient, type Stripe } from "@/lib/stripe/client";
import { useTestDatabase } from "@/tests/support/db";
import { setUpWebhookEndpoint } from "./endpoint";
import { stripeRecordDependencies } from "./stripe-facts";
import { startWebhookReceiver } from "@/tests/support/webhooks/receiver";
import { testEmulatorKeys } from "@/tests/support/emulator-control";

// Captures and cancellations made outside the app (Stripe's Dashboard, another integration) reach
// the mirror only through the webhook endpoint's subscriptions. Here they are made straight against
// the emulator with the merchant's key, and only the signed deliveries tell the app.

useTestDatabase();

let emulator: RunningEmulator;
let stripe: Stripe;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir: null, keys: testEmulatorKeys(), webhookRetrySchedule: [100, 200, 400] });
  stripe = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
  setStripeClient(stripe);
  receiver = await startWebhookReceiver(() => ({ environmentSecrets: [], dependencies: stripeRecordDependencies() }));
  await setUpWebhookEndpoint(stripe, receiver.url, { needSecret: true });
});

afterAll(async () => {
  await receiver?.close();
  await emulator?.close();
  setStripeClient(null);
});

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function authorise(amount: number) {
  const pi = await stripe.paymentIntents.create({ amount, currency: "usd", payment_method: "pm_card_visa", capture_method: "manual", confirm: true });
  await until("the authorisation mirrored", async () => {
    const row = await db().paymentIntent.findUnique({ where: { id: pi.id } });
    return row?.status === "requires_capture" ? row : null;
  });
  return pi;
}

describe("a payment captured outside the app", () => {
  it("is mirrored as captured from charge.captured, and its captured part can be refunded", async () => {
    const pi = await authorise(10_000);
    const chargeId = String(pi.latest_charge);
    expect(await db().charge.findUniqueOrThrow({ where: { id: chargeId } })).toMatchObject({ captured: false });
    expect(await refundSituation(pi.id)).toMatchObject({ blockedBecause: "Only a successful payment can be refunded." });

    await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 4000 });
    const charge = await until("the capture mirrored", async () => {
      const row = await db().charge.findUnique({ where: { id: chargeId } });
      return row?.captured ? row : null;
    });
    expect(charge).toMatchObject({ amountCaptured: 4000n, amountRefunded: 0n, refunded: false });
    await until("the payment mirrored as succeeded", async () => (await db().paymentIntent.findUnique({ where: { id: pi.id } }))?.status === "succeeded");
    expect(await refundSituation(pi.id)).toMatchObject({ captured: 4000n, refunded: 0n, remaining: 4000n, blockedBecause: null });
  });

  it("is mirrored as cancelled, with nothing refunded, when its authorisation is cancelled", async () => {
    const pi = await authorise(5000);
    await stripe.paymentIntents.cancel(pi.id);
    const row = await until("the cancellation mirrored", async () => {
      const found = await db().paymentIntent.findUnique({ where: { id: pi.id } });
      return found?.status === "canceled" ? found : null;
    });
    expect(row).toMatchObject({ amountRefunded: 0n });
  });
});
