import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { projectApiObjects } from "@/lib/audit/project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { useMoneyTestbed } from "@/tests/support/money-testbed";
import { createCustomer } from "@/lib/customers/manage";
import { db } from "@/lib/db";
import { idempotencyKeyFor } from "@/lib/stripe/idempotency";
import { issueCustomerLink } from "./customer-link";
import { cancelExpiredPaymentLinks } from "./payment-cancel";

const bed = useMoneyTestbed();
const DAY = 24 * 3600 * 1000;

async function paymentWaitingForCustomer(): Promise<{ customerId: string; paymentIntentId: string }> {
  const created = await createCustomer(bed.staff.agent, { actionId: randomUUID(), name: "Ada Lovelace", email: `ada-${randomUUID()}@example.com` });
  if (!created.ok || !created.objectId) throw new Error(JSON.stringify(created));
  const intent = await bed.stripe.paymentIntents.create({ amount: 3000, currency: "usd", customer: created.objectId });
  await projectApiObjects([intent], responseStamp(intent));
  return { customerId: created.objectId, paymentIntentId: intent.id };
}

function linkFor(payment: { customerId: string; paymentIntentId: string }, sentDaysAgo: number) {
  return issueCustomerLink({
    purpose: "payment", customerId: payment.customerId, paymentIntentId: payment.paymentIntentId,
    createdById: bed.staff.agent.id, now: new Date(Date.now() - sentDaysAgo * DAY),
  });
}

describe("expired payment links", () => {
  it("cancels the PaymentIntent of an expired link once, under a key from the stored action row", async () => {
    const expired = await paymentWaitingForCustomer();
    const stillOpen = await paymentWaitingForCustomer();
    const link = await linkFor(expired, 8);
    await linkFor(stillOpen, 1);

    expect(await cancelExpiredPaymentLinks()).toEqual({ canceled: 1, kept: 0, failed: 0 });
    expect(await bed.stripe.paymentIntents.retrieve(expired.paymentIntentId)).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
    expect((await bed.stripe.paymentIntents.retrieve(stillOpen.paymentIntentId)).status).toBe("requires_payment_method");
    const row = await db().staffAction.findUniqueOrThrow({ where: { id: link.id } });
    expect(row).toMatchObject({
      kind: "customer.link.expire", status: "succeeded", actorId: bed.staff.agent.id, objectType: "customer", objectId: expired.customerId,
      idempotencyKey: idempotencyKeyFor("customer.link.expire", link.id),
      outcome: { linkId: link.id, paymentIntentStatus: "canceled" },
    });

    // A second sweep, or another instance's, finds nothing left to do.
    expect(await cancelExpiredPaymentLinks()).toEqual({ canceled: 0, kept: 0, failed: 0 });
    expect(await db().staffAction.count({ where: { kind: "customer.link.expire" } })).toBe(1);
  });

  it("keeps the payment when a newer link for it is open, or the customer already paid", async () => {
    const resent = await paymentWaitingForCustomer();
    await linkFor(resent, 9);
    await linkFor(resent, 2);
    const paid = await paymentWaitingForCustomer();
    await linkFor(paid, 8);
    await bed.stripe.paymentIntents.confirm(paid.paymentIntentId, { payment_method: "pm_card_visa" });

    expect(await cancelExpiredPaymentLinks()).toEqual({ canceled: 0, kept: 2, failed: 0 });
    expect((await bed.stripe.paymentIntents.retrieve(resent.paymentIntentId)).status).toBe("requires_payment_method");
    expect((await bed.stripe.paymentIntents.retrieve(paid.paymentIntentId)).status).toBe("succeeded");
    expect(await cancelExpiredPaymentLinks()).toEqual({ canceled: 0, kept: 0, failed: 0 });
  });
});
