// Stripe keeps an idempotency key for 24 hours. A staff action whose every answer was lost stays
// "failed, retryable" under the same action id; when the form is sent again a day later the key no
// longer protects it, so the action must find what the first attempt made at Stripe and adopt it.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCustomer, sendCardLink } from "@/lib/customers/manage";
import { acceptDispute } from "@/lib/disputes/evidence";
import { chargeSavedCard } from "@/lib/payments/charge";
import { refundPayment } from "@/lib/refunds/refund";
import { projectApiObjects } from "./project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { openDisputeOn, paidPayment, useMoneyTestbed } from "@/tests/support/money-testbed";

const bed = useMoneyTestbed();
const DAY_AND_AN_HOUR = 25 * 60 * 60;

afterEach(async () => {
  await bed.control("DELETE", "/_emulator/faults");
});

/**
 * Stripe does the work and every answer is lost: the SDK's two retries would be answered from the
 * idempotency store, so their connections drop too.
 */
async function loseEveryAnswer(path: string): Promise<void> {
  await bed.control("POST", "/_emulator/faults", { kind: "commit_then_drop", path, method: "POST", count: "1" });
  await bed.control("POST", "/_emulator/faults", { kind: "drop", path, method: "POST", count: "2" });
}

/** 25 hours pass: Stripe forgets the key, and the action row is that old too. */
async function aDayLater(actionId: string): Promise<void> {
  await bed.control("DELETE", "/_emulator/faults");
  await bed.control("POST", "/_emulator/clock/advance", { seconds: String(DAY_AND_AN_HOUR) });
  await db().staffAction.update({ where: { id: actionId }, data: { createdAt: new Date(Date.now() - DAY_AND_AN_HOUR * 1000) } });
}

async function intentsFor(customer: string, actionId: string) {
  return (await bed.stripe.paymentIntents.list({ customer, limit: 100 })).data.filter((p) => p.metadata.ledgerline_action === actionId);
}

describe("a form sent again 25 hours after every answer was lost", () => {
  it("adopts the charge Stripe made instead of charging twice", async () => {
    const { customerId, paymentMethodId } = await paidPayment(bed);
    const input = { actionId: randomUUID(), customerId, paymentMethodId, amount: "12.00", currency: "usd", description: "Lost answer" };
    await loseEveryAnswer("/v1/payment_intents");
    expect(await chargeSavedCard(bed.staff.agent, input)).toMatchObject({ ok: false, retryable: true });
    const [made] = await intentsFor(customerId, input.actionId);
    expect(made).toBeDefined();

    await aDayLater(input.actionId);
    expect(await chargeSavedCard(bed.staff.agent, input)).toMatchObject({ ok: true, objectId: made!.id, status: "succeeded" });
    expect(await intentsFor(customerId, input.actionId)).toHaveLength(1);
    expect(await db().staffAction.findUniqueOrThrow({ where: { id: input.actionId } })).toMatchObject({ status: "succeeded", objectId: customerId });
    expect(await db().paymentIntent.findUnique({ where: { id: made!.id } })).not.toBeNull();
  });

  it("reports the decline the lost answer carried, without charging again", async () => {
    const { customerId } = await paidPayment(bed);
    // A card that saves but declines every charge.
    const card = await bed.stripe.paymentMethods.attach("pm_card_chargeCustomerFail", { customer: customerId });
    await projectApiObjects([card], responseStamp(card));
    const input = { actionId: randomUUID(), customerId, paymentMethodId: card.id, amount: "15.00", currency: "usd", description: "Declined" };
    await loseEveryAnswer("/v1/payment_intents");
    expect(await chargeSavedCard(bed.staff.agent, input)).toMatchObject({ ok: false, retryable: true });
    const [declined] = await intentsFor(customerId, input.actionId);
    expect(declined?.status).toBe("requires_payment_method");

    await aDayLater(input.actionId);
    const again = await chargeSavedCard(bed.staff.agent, input);
    expect(again).toMatchObject({ ok: false, objectId: declined!.id });
    expect(again.ok || again.retryable).toBeFalsy();
    expect(!again.ok && again.error).toMatch(/declined/);
    expect(await intentsFor(customerId, input.actionId)).toHaveLength(1);
  });

  it("adopts the refund Stripe made instead of refunding twice", async () => {
    const { paymentIntentId } = await paidPayment(bed);
    const input = { actionId: randomUUID(), paymentIntentId, amount: "10.00", reason: "requested_by_customer", confirmOverBalance: true };
    await loseEveryAnswer("/v1/refunds");
    expect(await refundPayment(bed.staff.agent, input)).toMatchObject({ ok: false, retryable: true });
    await aDayLater(input.actionId);
    const again = await refundPayment(bed.staff.agent, input);
    expect(again).toMatchObject({ ok: true });
    const refunds = (await bed.stripe.refunds.list({ payment_intent: paymentIntentId })).data;
    expect(refunds).toHaveLength(1);
    expect(again.ok && again.objectId).toBe(refunds[0]!.id);
  });

  it("adopts the customer and the card link's SetupIntent Stripe made", async () => {
    const email = `late-${randomUUID()}@example.com`;
    const create = { actionId: randomUUID(), name: "Late Customer", email };
    await loseEveryAnswer("/v1/customers");
    expect(await createCustomer(bed.staff.agent, create)).toMatchObject({ ok: false, retryable: true });
    await aDayLater(create.actionId);
    const created = await createCustomer(bed.staff.agent, create);
    expect(created).toMatchObject({ ok: true });
    expect((await bed.stripe.customers.list({ email })).data.map((c) => c.id)).toEqual([created.ok && created.objectId]);

    const customerId = created.ok ? created.objectId! : "";
    const link = { actionId: randomUUID(), customerId };
    await loseEveryAnswer("/v1/setup_intents");
    expect(await sendCardLink(bed.staff.agent, link)).toMatchObject({ ok: false, retryable: true });
    await aDayLater(link.actionId);
    expect(await sendCardLink(bed.staff.agent, link)).toMatchObject({ ok: true });
    expect((await bed.stripe.setupIntents.list({ customer: customerId })).data).toHaveLength(1);
  });

  it("reports an accepted dispute as accepted, not as Stripe refusing to close it again", async () => {
    const disputeId = await openDisputeOn(bed);
    const input = { actionId: randomUUID(), disputeId, confirm: "accept" };
    await loseEveryAnswer("/v1/disputes/*");
    expect(await acceptDispute(bed.staff.admin, input)).toMatchObject({ ok: false, retryable: true });
    await aDayLater(input.actionId);
    expect(await acceptDispute(bed.staff.admin, input)).toMatchObject({ ok: true, status: "lost" });
  });

  it("sends nothing when Stripe cannot be asked what the first attempt did", async () => {
    const { customerId, paymentMethodId } = await paidPayment(bed);
    const input = { actionId: randomUUID(), customerId, paymentMethodId, amount: "13.00", currency: "usd", description: "No lookup" };
    await loseEveryAnswer("/v1/payment_intents");
    await chargeSavedCard(bed.staff.agent, input);
    await aDayLater(input.actionId);
    await bed.control("POST", "/_emulator/faults", { kind: "status", status: "503", path: "/v1/payment_intents", method: "GET", count: "3" });
    const refused = await chargeSavedCard(bed.staff.agent, input);
    await bed.control("DELETE", "/_emulator/faults");
    expect(refused).toMatchObject({ ok: false, code: "outcome_unknown", retryable: true });
    expect(!refused.ok && refused.error).toMatch(/more than a day ago/);
    expect(await intentsFor(customerId, input.actionId)).toHaveLength(1);
    // Once Stripe answers again, the same form finds the charge.
    expect(await chargeSavedCard(bed.staff.agent, input)).toMatchObject({ ok: true, status: "succeeded" });
    expect(await intentsFor(customerId, input.actionId)).toHaveLength(1);
  });

  it("within the day, a failed look-up still resends under the key Stripe remembers", async () => {
    const { customerId, paymentMethodId } = await paidPayment(bed);
    const input = { actionId: randomUUID(), customerId, paymentMethodId, amount: "14.00", currency: "usd", description: "Within a day" };
    await loseEveryAnswer("/v1/payment_intents");
    await chargeSavedCard(bed.staff.agent, input);
    await bed.control("DELETE", "/_emulator/faults");
    await bed.control("POST", "/_emulator/faults", { kind: "status", status: "503", path: "/v1/payment_intents", method: "GET", count: "3" });
    const resent = await chargeSavedCard(bed.staff.agent, input);
    await bed.control("DELETE", "/_emulator/faults");
    expect(resent).toMatchObject({ ok: true, status: "succeeded" });
    expect(await intentsFor(customerId, input.actionId)).toHaveLength(1);
  });
});
