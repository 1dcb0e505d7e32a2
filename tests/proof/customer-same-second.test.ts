// Found by the webhook storm and the two-instance run: customer.created and customer.updated stamped with the same second
// and delivered in reverse order left the created snapshot (no default card) in place; a card attached
// and detached within one second reappeared as saved when the attachment arrived last; and two
// customer.updated of one second (a default card set, then the card detached) delivered in reverse
// order left the card as the default. Events of one second cannot be ordered from their snapshots:
// on such a tie the object is fetched from Stripe and what Stripe holds is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { db } from "@/lib/db";
import { createStripeClient, setStripeClient, STRIPE_API_VERSION, type Stripe } from "@/lib/stripe/client";
import { useTestDatabase } from "@/tests/support/db";
import type { StripeEventEnvelope } from "@/lib/webhooks/event";
import { recordStripeEvent, type RecordDependencies } from "@/lib/webhooks/record";
import { retryDueEvents } from "@/lib/webhooks/retry";
import { stripeRecordDependencies } from "@/lib/webhooks/stripe-facts";
import { T0, exampleObject, stripeEvent } from "@/tests/support/webhooks/events";
import { testEmulatorKeys } from "@/tests/support/emulator-control";

useTestDatabase();

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  // An account opened today, so GET /v1/events gives the SDK's version (older ones are refetched:
  // lib/webhooks/api-version.test.ts), and these snapshots are what the ordering rule reads.
  emulator = await startEmulator({ port: 0, dataDir: null, keys: testEmulatorKeys(), accountApiVersion: STRIPE_API_VERSION });
  stripe = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
  setStripeClient(stripe);
});

afterAll(async () => {
  setStripeClient(null);
  await emulator?.close();
});

/** The app's own Stripe access, counting the objects it fetches. */
function countingDependencies(): RecordDependencies & { fetched: string[] } {
  const real = stripeRecordDependencies();
  const fetched: string[] = [];
  return {
    ...real,
    fetched,
    fetchCurrentObject: async (type, id) => {
      fetched.push(id);
      return real.fetchCurrentObject!(type, id);
    },
  };
}

/** Stripe's events about one object, oldest first (Stripe lists newest first). */
async function eventsAbout(objectId: string, type: string): Promise<StripeEventEnvelope[]> {
  const events: StripeEventEnvelope[] = [];
  for await (const event of stripe.events.list({ type, limit: 100 })) {
    if ((event.data.object as { id?: string }).id === objectId) events.push(event as unknown as StripeEventEnvelope);
  }
  return events.reverse();
}

/**
 * Runs `act` at the start of a fresh second until the events of `type` it makes about its object
 * are all stamped with one second (a slow machine may straddle two; then it tries again).
 */
async function withinOneSecond(type: string, act: () => Promise<string>): Promise<{ id: string; events: StripeEventEnvelope[] }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await new Promise((r) => setTimeout(r, 1005 - (Date.now() % 1000)));
    const id = await act();
    const events = await eventsAbout(id, type);
    if (events.length >= 2 && events.every((e) => e.created === events[0]!.created)) return { id, events };
  }
  throw new Error(`could not make two ${type} events within one second`);
}

async function emulatorControl(method: "POST" | "DELETE", route: string, params: Record<string, unknown> = {}): Promise<void> {
  await stripe.rawRequest(method, route, params);
}

/** A customer whose default card is set and then detached within one second, as in the storm. */
async function defaultCardSetThenDetached(n: number): Promise<string> {
  const customer = await stripe.customers.create({ email: `tie-${n}@example.com`, name: `Tie ${n}` });
  const card = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });
  await stripe.paymentMethods.detach(card.id);
  return customer.id;
}

async function storedCustomer(id: string) {
  return db().customer.findUniqueOrThrow({ where: { id } });
}

describe("a customer created and updated within one second", () => {
  it("keeps the update when the creation arrives last", async () => {
    const customer = (defaultPm: string | null) =>
      exampleObject("customer", {
        id: "cus_same_second", email: "same@example.com", name: "Same Second", created: T0,
        invoice_settings: { custom_fields: null, default_payment_method: defaultPm, footer: null, rendering_options: null },
      });
    const created = stripeEvent("customer.created", T0, customer(null));
    const updated = stripeEvent("customer.updated", T0, customer("pm_same_second"));
    expect(await recordStripeEvent(updated, "webhook")).toMatchObject({ status: "processed" });
    expect(await recordStripeEvent(created, "webhook")).toMatchObject({ status: "processed" });
    expect(await db().customer.findUniqueOrThrow({ where: { id: "cus_same_second" } })).toMatchObject({ defaultPaymentMethodId: "pm_same_second" });
  });
});

describe("two customer.updated of one second", () => {
  let n = 0;

  it("end with the state Stripe holds when delivered in reverse order, fetching the customer once", async () => {
    const { id, events } = await withinOneSecond("customer.updated", () => defaultCardSetThenDetached(++n));
    const [cardMadeDefault, cardDetached] = events;
    expect(cardMadeDefault!.data.object).toMatchObject({ invoice_settings: { default_payment_method: expect.stringMatching(/^pm_/) } });
    expect(cardDetached!.data.object).toMatchObject({ invoice_settings: { default_payment_method: null } });
    const [created] = await eventsAbout(id, "customer.created");
    const dependencies = countingDependencies();

    // Nothing stored yet: no question to Stripe.
    expect(await recordStripeEvent(cardDetached!, "webhook", dependencies)).toMatchObject({ status: "processed" });
    expect(dependencies.fetched).toEqual([]);
    expect(await recordStripeEvent(cardMadeDefault!, "webhook", dependencies)).toMatchObject({ status: "processed" });
    expect(dependencies.fetched).toEqual([id]);
    // A creation is a customer's first state: never newer than a row held, never a question.
    expect(await recordStripeEvent(created!, "webhook", dependencies)).toMatchObject({ status: "processed" });
    expect(dependencies.fetched).toEqual([id]);

    const atStripe = await stripe.customers.retrieve(id);
    const row = await storedCustomer(id);
    expect(row).toMatchObject({ defaultPaymentMethodId: null, deleted: false, syncedAt: new Date(cardDetached!.created * 1000) });
    expect(row.data).toEqual(JSON.parse(JSON.stringify(atStripe)));
    const stored = await db().stripeEvent.findMany({ where: { id: { in: events.map((e) => e.id) } } });
    expect(stored.map((e) => [e.status, e.attempts])).toEqual([["processed", 1], ["processed", 1]]);
  });

  it("end with the same state when delivered in order", async () => {
    const { id, events } = await withinOneSecond("customer.updated", () => defaultCardSetThenDetached(++n));
    const [created] = await eventsAbout(id, "customer.created");
    const dependencies = countingDependencies();
    for (const event of [created!, ...events]) {
      expect(await recordStripeEvent(event, "webhook", dependencies)).toMatchObject({ status: "processed" });
    }
    expect(await storedCustomer(id)).toMatchObject({ defaultPaymentMethodId: null });
    // Created, then two updates, all of one second: each update ties with the row before it.
    expect(dependencies.fetched).toEqual([id, id]);
  });

  it("keep the event failed when Stripe cannot be reached, and the retry loop finishes it", async () => {
    const { id, events } = await withinOneSecond("customer.updated", () => defaultCardSetThenDetached(++n));
    const [cardMadeDefault, cardDetached] = events;
    const dependencies = stripeRecordDependencies();
    expect(await recordStripeEvent(cardDetached!, "webhook", dependencies)).toMatchObject({ status: "processed" });

    await emulatorControl("POST", "/_emulator/faults", { path: `/v1/customers/${id}`, method: "GET", kind: "status", status: 503 });
    try {
      const outcome = await recordStripeEvent(cardMadeDefault!, "webhook", dependencies);
      expect(outcome).toMatchObject({ status: "failed" });
    } finally {
      await emulatorControl("DELETE", "/_emulator/faults");
    }
    const failed = await db().stripeEvent.findUniqueOrThrow({ where: { id: cardMadeDefault!.id } });
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.lastError).toMatch(new RegExp(`^Fetching ${id} from Stripe, to order two changes of the same second, failed: `));
    expect(failed.nextAttemptAt).not.toBeNull();
    // Nothing of the failed attempt is left: the snapshot that arrived first is still the one held.
    expect(await storedCustomer(id)).toMatchObject({ defaultPaymentMethodId: null });

    await db().$executeRawUnsafe(`UPDATE stripe_events SET next_attempt_at = now() - interval '1 second' WHERE id = $1`, cardMadeDefault!.id);
    expect(await retryDueEvents(dependencies)).toEqual({ attempted: 1, processed: 1, failed: 0 });
    expect(await db().stripeEvent.findUniqueOrThrow({ where: { id: cardMadeDefault!.id } })).toMatchObject({
      status: "processed", attempts: 2, lastError: null, nextAttemptAt: null,
    });
    const row = await storedCustomer(id);
    expect(row.defaultPaymentMethodId).toBeNull();
    expect(row.data).toEqual(JSON.parse(JSON.stringify(await stripe.customers.retrieve(id))));
  });

  it("of a customer deleted since leave the last snapshot held, marked deleted", async () => {
    const { id, events } = await withinOneSecond("customer.updated", () => defaultCardSetThenDetached(++n));
    await stripe.customers.del(id);
    expect(await stripe.customers.retrieve(id)).toMatchObject({ deleted: true });
    const [cardMadeDefault, cardDetached] = events;
    const dependencies = countingDependencies();
    expect(await recordStripeEvent(cardDetached!, "webhook", dependencies)).toMatchObject({ status: "processed" });
    expect(await recordStripeEvent(cardMadeDefault!, "webhook", dependencies)).toMatchObject({ status: "processed" });
    expect(dependencies.fetched).toEqual([id]);
    expect(await storedCustomer(id)).toMatchObject({ deleted: true, defaultPaymentMethodId: null, email: `tie-${n}@example.com` });

    // The deletion's own event, whatever its second, keeps the customer deleted.
    const [deleted] = await eventsAbout(id, "customer.deleted");
    expect(await recordStripeEvent(deleted!, "webhook", dependencies)).toMatchObject({ status: "processed" });
    expect(await storedCustomer(id)).toMatchObject({ deleted: true });
  });
});

describe("a customer updated and deleted within one second", () => {
  it("stays deleted in either order, asking Stripe only when the update comes last", async () => {
    const make = async () => {
      const customer = await stripe.customers.create({ email: "gone@example.com", name: "Soon Gone" });
      await stripe.customers.update(customer.id, { name: "Renamed" });
      await stripe.customers.del(customer.id);
      return customer.id;
    };
    const { id, events } = await withinOneSecond("customer.*", make);
    const updated = events.find((e) => e.type === "customer.updated")!;
    const deleted = events.find((e) => e.type === "customer.deleted")!;
    expect(updated.created).toBe(deleted.created);

    const reverse = countingDependencies();
    expect(await recordStripeEvent(deleted, "webhook", reverse)).toMatchObject({ status: "processed" });
    expect(await recordStripeEvent(updated, "webhook", reverse)).toMatchObject({ status: "processed" });
    expect(reverse.fetched).toEqual([id]);
    const afterReverse = await storedCustomer(id);
    expect(afterReverse).toMatchObject({ deleted: true, name: "Renamed" });

    await db().$executeRawUnsafe(`DELETE FROM customers WHERE id = $1`, id);
    // The app never deletes events; the links go too, or the replayed events would find theirs.
    await db().$executeRawUnsafe(`DELETE FROM stripe_event_objects WHERE event_id IN ($1, $2)`, updated.id, deleted.id);
    await db().$executeRawUnsafe(`DELETE FROM stripe_events WHERE id IN ($1, $2)`, updated.id, deleted.id);
    const inOrder = countingDependencies();
    expect(await recordStripeEvent(updated, "webhook", inOrder)).toMatchObject({ status: "processed" });
    expect(await recordStripeEvent(deleted, "webhook", inOrder)).toMatchObject({ status: "processed" });
    expect(inOrder.fetched).toEqual([]);
    const { updatedAt: _a, ...first } = afterReverse;
    const { updatedAt: _b, ...second } = await storedCustomer(id);
    expect(second).toEqual(first);
  });
});

describe("a card attached and detached within one second", () => {
  it("stays detached when the attachment arrives last", async () => {
    const { id, events } = await withinOneSecond("payment_method.*", async () => {
      const customer = await stripe.customers.create({ email: "card@example.com" });
      const card = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
      await stripe.paymentMethods.detach(card.id);
      return card.id;
    });
    const attached = events.find((e) => e.type === "payment_method.attached")!;
    const detached = events.find((e) => e.type === "payment_method.detached")!;
    const dependencies = stripeRecordDependencies();
    expect(await recordStripeEvent(detached, "webhook", dependencies)).toMatchObject({ status: "processed" });
    expect(await recordStripeEvent(attached, "webhook", dependencies)).toMatchObject({ status: "processed" });
    expect(await db().paymentMethod.findUniqueOrThrow({ where: { id } })).toMatchObject({ customerId: null, cardLast4: "4242" });
  });
});
