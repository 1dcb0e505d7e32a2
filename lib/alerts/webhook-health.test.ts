import { PERSONA_ROLES } from "@/tests/support/money-testbed";
import { testEmulatorKeys } from "@/tests/support/emulator-control";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { StaffRole } from "@/lib/auth/roles";
import { createStripeClient, STRIPE_API_VERSION, type Stripe } from "@/lib/stripe/client";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/projectors";
import { recordStripeEvent } from "@/lib/webhooks/record";
import { saveStoredEndpoint } from "@/lib/webhooks/settings";
import { useTestDatabase } from "@/tests/support/db";
import { exampleObject, stripeEvent, T0 } from "@/tests/support/webhooks/events";
import { until } from "@/tests/support/webhooks/mirrored-emulator";
import { scanWebhookHealth } from "./webhook-health";

const database = useTestDatabase();
let emulator: RunningEmulator;
let stripe: Stripe;
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir: null, webhookRetrySchedule: [20, 20], keys: testEmulatorKeys() });
  stripe = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
});

afterAll(async () => {
  await emulator?.close();
});

async function addStaff(name: string, roles: readonly StaffRole[]) {
  return db().staffUser.create({ data: { email: `${name}@shop.test`, name, roles: [...roles], passwordHash: await hashPassword("the right password") } });
}

async function alertsBy(rule: string) {
  const rows = await db().alert.findMany({ where: { rule }, include: { recipient: { select: { name: true } } } });
  return rows.map((a) => `${a.recipient.name}${a.emailId ? " (mail)" : ""}`).sort();
}

beforeEach(async () => {
  await database.truncateAll();
  await addStaff("ada", PERSONA_ROLES.admin);
  await addStaff("dev", ["developer"]);
  await addStaff("aldo", PERSONA_ROLES.agent);
});

describe("webhook health alerts, from what Stripe reports", () => {
  it("tells admins and developers, once a day, of events Stripe could not deliver here and of the endpoint disabled", async () => {
    // An endpoint nobody answers at: every delivery fails, so Stripe keeps the events pending.
    const endpoint = await stripe.webhookEndpoints.create({
      url: "http://127.0.0.1:9/api/webhooks/stripe",
      enabled_events: [...WEBHOOK_EVENT_TYPES] as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
      api_version: STRIPE_API_VERSION,
    });
    await saveStoredEndpoint({ id: endpoint.id, url: endpoint.url, secret: null, enabledEvents: endpoint.enabled_events, livemode: false, savedAt: new Date().toISOString() });
    const customers = [await stripe.customers.create({ email: "a@shop.test" }), await stripe.customers.create({ email: "b@shop.test" })];
    const events = await until("two undelivered events", async () => {
      const pending = (await stripe.events.list({ delivery_success: false, type: "customer.created" })).data;
      return pending.length === 2 ? pending : null;
    });
    const now = new Date();
    // Within the first hour Stripe is still retrying: no news yet.
    expect(await scanWebhookHealth(stripe, now)).toEqual({ endpointDisabled: false, missed: 0, raised: 0 });

    // One of them reached us after all (another endpoint may be what keeps it pending).
    const arrived = events.find((e) => (e.data.object as Stripe.Customer).id === customers[0]!.id)!;
    await recordStripeEvent(stripeEvent("customer.created", T0, exampleObject("customer", { id: "cus_seen" }), arrived.id), "webhook");
    const later = new Date(now.getTime() + 2 * HOUR);
    expect(await scanWebhookHealth(stripe, later)).toEqual({ endpointDisabled: false, missed: 1, raised: 2 });
    expect(await alertsBy("webhooks.deliveries_failing")).toEqual(["ada (mail)", "dev (mail)"]);
    const missed = events.find((e) => e.id !== arrived.id)!;
    expect((await db().alert.findFirstOrThrow({ where: { rule: "webhooks.deliveries_failing" } })).facts).toMatchObject({ missed: 1, oldestEventId: missed.id });

    // Scanned again the same day: nothing new. Disabled: told once, however many scans.
    await stripe.webhookEndpoints.update(endpoint.id, { disabled: true });
    expect(await scanWebhookHealth(stripe, new Date(later.getTime() + 60_000))).toMatchObject({ endpointDisabled: true, raised: 2 });
    expect(await scanWebhookHealth(stripe, new Date(later.getTime() + 120_000))).toMatchObject({ endpointDisabled: true, raised: 0 });
    expect(await alertsBy("webhooks.endpoint_disabled")).toEqual(["ada (mail)", "dev (mail)"]);
    expect(await alertsBy("webhooks.deliveries_failing")).toEqual(["ada (mail)", "dev (mail)"]);

    // Caught up: an event held only through a catch-up was still missed by the endpoint.
    await recordStripeEvent(stripeEvent("customer.created", T0, exampleObject("customer", { id: "cus_late" }), missed.id), "catch_up");
    expect(await scanWebhookHealth(stripe, new Date(later.getTime() + 180_000))).toMatchObject({ missed: 1 });
  });
});

describe("events in another API version", () => {
  const inVersion = (version: string | null, id: string) => ({
    ...stripeEvent("customer.created", T0, exampleObject("customer", { id: `cus_${id}` }), `evt_${id}`),
    api_version: version,
  });
  const copy = { fetchCurrentObject: async (_type: string, id: string) => exampleObject("customer", { id }) };

  it("tells admins and developers once per version per day, not once per event, whichever path stored it", async () => {
    await recordStripeEvent(inVersion("2020-03-02", "1"), "webhook", copy);
    await recordStripeEvent(inVersion("2020-03-02", "2"), "webhook", copy);
    await recordStripeEvent(inVersion("2020-03-02", "1"), "webhook", copy);
    // A fetch that fails keeps the event failed; the version was still seen.
    await recordStripeEvent(inVersion("2022-11-15", "3"), "webhook", {});
    // An event in the SDK's version raises nothing.
    await recordStripeEvent(inVersion(STRIPE_API_VERSION, "4"), "webhook", copy);

    expect(await alertsBy("webhooks.other_api_version")).toEqual(["ada (mail)", "ada (mail)", "dev (mail)", "dev (mail)"]);
    const versions = await db().alert.findMany({ where: { rule: "webhooks.other_api_version", recipient: { name: "dev" } }, orderBy: { sourceKey: "asc" } });
    const day = new Date().toISOString().slice(0, 10);
    expect(versions.map((a) => [a.sourceKey, a.objectId])).toEqual([
      [`day:${day}:api_version:2020-03-02`, "evt_1"],
      [`day:${day}:api_version:2022-11-15`, "evt_3"],
    ]);
    expect(await db().alertEmail.count()).toBe(4);
  });
});
