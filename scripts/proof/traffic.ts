// Realistic account activity made through the emulator's API with the official SDK, as a merchant
// and its customers would make it: customers with saved cards, payments, declines, partial and full
// refunds, disputes, updated customers and detached cards. Every step makes Stripe events.
import type { Stripe } from "@/lib/stripe/client";

export interface TrafficOptions {
  /**
   * Whether a customer's card may be made default and then detached within one second (the default).
   * Both changes come as customer.updated events stamped with the same second, whose order no
   * snapshot can tell; the mirror settles such ties by fetching the object from Stripe
   * (lib/webhooks/projectors/same-second.ts). false waits a second in between, for comparison.
   */
  sameSecondUpdates?: boolean;
}

/** One customer's story; returns nothing, the events are the product. */
async function customerStory(stripe: Stripe, n: number, options: TrafficOptions): Promise<void> {
  const customer = await stripe.customers.create({ name: `Storm Customer ${n}`, email: `storm-${n}@example.com` });
  const card = await stripe.paymentMethods.attach(n % 9 === 0 ? "pm_card_mastercard" : "pm_card_visa", { customer: customer.id });
  if (n % 4 === 0) await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: card.id } });
  const pay = (payment_method: string, amount: number, currency = "usd") =>
    stripe.paymentIntents.create({ amount, currency, customer: customer.id, payment_method, confirm: true, off_session: true });
  const paid = await pay(card.id, 1000 + (n % 50) * 100, n % 10 === 0 ? "eur" : "usd");
  if (n % 3 === 0) await stripe.refunds.create({ payment_intent: paid.id, amount: 300 });
  if (n % 6 === 0) await stripe.refunds.create({ payment_intent: paid.id });
  if (n % 7 === 0) await pay("pm_card_createDispute", 2500);
  if (n % 11 === 0) await pay("pm_card_chargeDeclined", 1500).catch(() => undefined);
  if (n % 13 === 0) {
    if (n % 4 === 0 && options.sameSecondUpdates === false) await new Promise((r) => setTimeout(r, 1100));
    await stripe.paymentMethods.detach(card.id);
  }
}

export interface TrafficResult {
  stories: number;
  events: number;
}

/**
 * Runs customer stories `concurrency` at a time until the account holds at least `targetEvents`
 * events of the given types (counted by listing them, as Stripe would show them).
 */
export async function makeTraffic(stripe: Stripe, targetEvents: number, types: ReadonlySet<string>, options: TrafficOptions = {}, concurrency = 6): Promise<TrafficResult> {
  let stories = 0;
  let events = 0;
  // Measure events per story on a first batch, then plan the rest; recount at the end.
  const batch = async (count: number) => {
    const queue = Array.from({ length: count }, () => stories++);
    await Promise.all(
      Array.from({ length: Math.min(concurrency, count) }, async () => {
        for (let n = queue.shift(); n !== undefined; n = queue.shift()) await customerStory(stripe, n, options);
      }),
    );
  };
  await batch(Math.min(12, Math.max(1, Math.ceil(targetEvents / 20))));
  events = await countEvents(stripe, types);
  while (events < targetEvents) {
    const perStory = Math.max(1, events / stories);
    await batch(Math.max(1, Math.ceil((targetEvents - events) / perStory)));
    events = await countEvents(stripe, types);
  }
  return { stories, events };
}

export async function listEvents(stripe: Stripe, types: ReadonlySet<string>): Promise<Stripe.Event[]> {
  const all: Stripe.Event[] = [];
  for await (const event of stripe.events.list({ limit: 100 })) if (types.has(event.type)) all.push(event);
  // Stripe lists newest first; the emulator keeps emission order within a second.
  return all.reverse();
}

async function countEvents(stripe: Stripe, types: ReadonlySet<string>): Promise<number> {
  return (await listEvents(stripe, types)).length;
}
