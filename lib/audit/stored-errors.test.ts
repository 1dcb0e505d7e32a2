// Stripe keeps a 500 under its idempotency key and replays it to every resend with that key for a
// day, whether or not the work was done (docs.stripe.com/error-low-level, "Server errors"). A staff
// action answered so must not stay stuck behind the replay, and must not do the work twice: the
// resend looks at Stripe for what the failed attempt made, adopts it, and only when nothing was made
// sends again under a new key derived from the action and its attempt, recorded on the row first.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeDefaultCard } from "@/lib/customers/manage";
import { chargeSavedCard } from "@/lib/payments/charge";
import { refundPayment } from "@/lib/refunds/refund";
import { projectApiObjects } from "./project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { paidPayment, useMoneyTestbed } from "@/tests/support/money-testbed";

const bed = useMoneyTestbed();

afterEach(async () => {
  await bed.control("DELETE", "/_emulator/faults");
});

/** The next POST to `path` fails while executing; the SDK's retries then get the kept 500. */
async function keepA500(path: string, committed: boolean): Promise<void> {
  await bed.control("POST", "/_emulator/faults", { kind: "fail_while_executing", committed: String(committed), path, method: "POST", count: "1" });
}

async function intentsFor(customer: string, actionId: string) {
  return (await bed.stripe.paymentIntents.list({ customer, limit: 100 })).data.filter((p) => p.metadata.ledgerline_action === actionId);
}

async function refundsFor(paymentIntent: string, actionId: string) {
  return (await bed.stripe.refunds.list({ payment_intent: paymentIntent, limit: 100 })).data.filter((r) => r.metadata?.ledgerline_action === actionId);
}

const row = (id: string) => db().staffAction.findUniqueOrThrow({ where: { id } });

describe("a charge answered with a kept 500", () => {
  it("made at Stripe: the form sent again adopts it under the first key", async () => {
    const { customerId, paymentMethodId } = await paidPayment(bed);
    const input = { actionId: randomUUID(), customerId, paymentMethodId, amount: "21.00", currency: "usd", description: "Kept 500, made" };
    await keepA500("/v1/payment_intents", true);
    expect(await chargeSavedCard(bed.staff.agent, input)).toMatchObject({ ok: false, retryable: true });
    const [made] = await intentsFor(customerId, input.actionId);
    expect(made).toBeDefined();

    expect(await chargeSavedCard(bed.staff.agent, input)).toMatchObject({ ok: true, objectId: made!.id, status: "succeeded" });
    expect(await intentsFor(customerId, input.actionId)).toHaveLength(1);
    expect(await row(input.actionId)).toMatchObject({ status: "succeeded", attempt: 1, idempotencyKey: `ledgerline:payment.charge:${input.actionId}` });
  });

  it("not made: the form sent again charges once under the key of attempt 2, kept on the row", async () => {
    const { customerId, paymentMethodId } = await paidPayment(bed);
    const input = { actionId: randomUUID(), customerId, paymentMethodId, amount: "22.00", currency: "usd", description: "Kept 500, not made" };
    await keepA500("/v1/payment_intents", false);
    expect(await chargeSavedCard(bed.staff.agent, input)).toMatchObject({ ok: false, retryable: true });
    expect(await intentsFor(customerId, input.actionId)).toHaveLength(0);

    const again = await chargeSavedCard(bed.staff.agent, input);
    expect(again).toMatchObject({ ok: true, status: "succeeded" });
    const intents = await intentsFor(customerId, input.actionId);
    expect(intents).toHaveLength(1);
    expect(await row(input.actionId)).toMatchObject({ status: "succeeded", attempt: 2, idempotencyKey: `ledgerline:payment.charge:${input.actionId}:2` });
    // Pressed once more, the finished action answers from its row and Stripe sees nothing new.
    expect(await chargeSavedCard(bed.staff.agent, input)).toMatchObject({ ok: true, objectId: intents[0]!.id });
    expect(await intentsFor(customerId, input.actionId)).toHaveLength(1);
  });

  it("sends nothing while Stripe cannot be asked what the failed attempt made", async () => {
    const { customerId, paymentMethodId } = await paidPayment(bed);
    const input = { actionId: randomUUID(), customerId, paymentMethodId, amount: "23.00", currency: "usd", description: "Kept 500, no look-up" };
    await keepA500("/v1/payment_intents", false);
    await chargeSavedCard(bed.staff.agent, input);
    await bed.control("POST", "/_emulator/faults", { kind: "status", status: "503", path: "/v1/payment_intents", method: "GET", count: "3" });
    const refused = await chargeSavedCard(bed.staff.agent, input);
    expect(refused).toMatchObject({ ok: false, code: "outcome_unknown", retryable: true });
    expect(await row(input.actionId)).toMatchObject({ attempt: 1 });
    await bed.control("DELETE", "/_emulator/faults");
    expect(await chargeSavedCard(bed.staff.agent, input)).toMatchObject({ ok: true });
    expect(await intentsFor(customerId, input.actionId)).toHaveLength(1);
  });

  it("two presses at once after the 500 move to one new attempt and charge once", async () => {
    const { customerId, paymentMethodId } = await paidPayment(bed);
    const input = { actionId: randomUUID(), customerId, paymentMethodId, amount: "24.00", currency: "usd", description: "Kept 500, two presses" };
    await keepA500("/v1/payment_intents", false);
    await chargeSavedCard(bed.staff.agent, input);
    await bed.control("POST", "/_emulator/faults", { kind: "latency", latency_ms: "150", path: "/v1/payment_intents", method: "POST" });
    const results = await Promise.all([chargeSavedCard(bed.staff.agent, input), chargeSavedCard(bed.staff.agent, input)]);
    expect(results.some((r) => r.ok)).toBe(true);
    expect(await intentsFor(customerId, input.actionId)).toHaveLength(1);
    expect(await row(input.actionId)).toMatchObject({ status: "succeeded", attempt: 2 });
  });
});

describe("a refund answered with a kept 500", () => {
  for (const committed of [true, false]) {
    it(`${committed ? "made" : "not made"} at Stripe: the form sent again leaves exactly one refund`, async () => {
      const { paymentIntentId } = await paidPayment(bed);
      const input = { actionId: randomUUID(), paymentIntentId, amount: "10.00", reason: "requested_by_customer", confirmOverBalance: true };
      await keepA500("/v1/refunds", committed);
      expect(await refundPayment(bed.staff.agent, input)).toMatchObject({ ok: false, retryable: true });
      expect(await refundsFor(paymentIntentId, input.actionId)).toHaveLength(committed ? 1 : 0);
      const again = await refundPayment(bed.staff.agent, input);
      expect(again).toMatchObject({ ok: true });
      const refunds = await refundsFor(paymentIntentId, input.actionId);
      expect(refunds).toHaveLength(1);
      expect(again.ok && again.objectId).toBe(refunds[0]!.id);
      expect(await row(input.actionId)).toMatchObject({ status: "succeeded", attempt: committed ? 1 : 2 });
    });
  }
});

describe("an action safe to repeat, answered with a kept 500", () => {
  it("is sent again under a new key instead of being answered the 500 again", async () => {
    const { customerId } = await paidPayment(bed);
    const card = await bed.stripe.paymentMethods.attach("pm_card_mastercard", { customer: customerId });
    await projectApiObjects([card], responseStamp(card));
    const input = { actionId: randomUUID(), customerId, paymentMethodId: card.id };
    await keepA500("/v1/customers/*", false);
    expect(await makeDefaultCard(bed.staff.agent, input)).toMatchObject({ ok: false, retryable: true });
    expect(await makeDefaultCard(bed.staff.agent, input)).toMatchObject({ ok: true });
    const customer = await bed.stripe.customers.retrieve(customerId);
    expect(!customer.deleted && customer.invoice_settings.default_payment_method).toBe(card.id);
    expect(await row(input.actionId)).toMatchObject({ status: "succeeded", attempt: 2 });
  });
});
