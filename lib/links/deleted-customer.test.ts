import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { projectApiObjects } from "@/lib/audit/project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { useMoneyTestbed } from "@/tests/support/money-testbed";
import { completeCardSetup, loadCardSetup } from "@/lib/customers/card-setup";
import { createCustomer, sendCardLink } from "@/lib/customers/manage";
import { db } from "@/lib/db";
import { sendPaymentLink } from "@/lib/payments/charge";
import { loadPaymentLink } from "@/lib/payments/payment-link";
import { recordStripeEvent } from "@/lib/webhooks/record";
import type { StripeObject } from "@/lib/webhooks/stripe-object";
import { stripeEvent } from "@/tests/support/webhooks/events";
import { hashLinkToken } from "./tokens";

const bed = useMoneyTestbed();

async function newCustomer(email: string): Promise<string> {
  const created = await createCustomer(bed.staff.agent, { actionId: randomUUID(), name: "Ada Lovelace", email });
  if (!created.ok || !created.objectId) throw new Error(JSON.stringify(created));
  return created.objectId;
}

function tokenOf(link: string | undefined): string {
  const token = link?.split("/").pop();
  if (!token) throw new Error("no link returned");
  return token;
}

async function cardLinkToken(customerId: string): Promise<string> {
  const sent = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId });
  if (!sent.ok) throw new Error(JSON.stringify(sent));
  return tokenOf(sent.link);
}

async function paymentLinkToken(customerId: string): Promise<string> {
  const intent = await bed.stripe.paymentIntents.create({ amount: 3000, currency: "usd", customer: customerId });
  await projectApiObjects([intent], responseStamp(intent));
  const sent = await sendPaymentLink(bed.staff.agent, { actionId: randomUUID(), paymentIntentId: intent.id });
  if (!sent.ok) throw new Error(JSON.stringify(sent));
  return tokenOf(sent.link);
}

const revokedAt = async (token: string) => (await db().customerLink.findUniqueOrThrow({ where: { tokenHash: hashLinkToken(token) } })).revokedAt;

describe("links of a customer deleted at Stripe", () => {
  it("refuses a card link whose customer Stripe has deleted before its webhook arrives, without their email", async () => {
    const email = `gone-${randomUUID()}@example.com`;
    const customerId = await newCustomer(email);
    const token = await cardLinkToken(customerId);
    expect(await loadCardSetup(token)).toMatchObject({ ok: true, customerEmail: email });

    await bed.stripe.customers.del(customerId);
    const page = await loadCardSetup(token);
    expect(page).toMatchObject({ ok: false, reason: "revoked" });
    expect(JSON.stringify(page)).not.toContain(email);
    expect(await completeCardSetup(token)).toMatchObject({ ok: false, reason: "revoked" });
    expect(await revokedAt(token)).toBeInstanceOf(Date);
  });

  it("withdraws every open link of the customer when customer.deleted is projected, and no one else's", async () => {
    const email = `deleted-${randomUUID()}@example.com`;
    const customerId = await newCustomer(email);
    const otherId = await newCustomer(`kept-${randomUUID()}@example.com`);
    const card = await cardLinkToken(customerId);
    const payment = await paymentLinkToken(customerId);
    const others = await cardLinkToken(otherId);

    const customer = (await bed.stripe.customers.retrieve(customerId)) as unknown as StripeObject;
    const event = stripeEvent("customer.deleted", Math.floor(Date.now() / 1000) + 1, customer);
    expect(await recordStripeEvent(event, "webhook")).toMatchObject({ status: "processed" });

    expect(await revokedAt(card)).toBeInstanceOf(Date);
    expect(await revokedAt(payment)).toBeInstanceOf(Date);
    expect(await revokedAt(others)).toBeNull();
    // Even if Stripe still answered for the customer, the link stays refused.
    const page = await loadPaymentLink(payment);
    expect(page).toMatchObject({ ok: false, reason: "revoked" });
    expect(JSON.stringify(page)).not.toContain(email);
    expect(await loadCardSetup(others)).toMatchObject({ ok: true });
  });
});
