import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { projectApiObjects } from "@/lib/audit/project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import { completeCardSetup, loadCardSetup } from "@/lib/customers/card-setup";
import { createCustomer, sendCardLink } from "@/lib/customers/manage";
import { db } from "@/lib/db";
import { sendPaymentLink } from "@/lib/payments/charge";
import { completePaymentLink, loadPaymentLink } from "@/lib/payments/payment-link";
import { issueCustomerLink } from "./customer-link";
import { hashLinkToken } from "./tokens";
import { withdrawCustomerLink } from "./withdraw";

const bed = useMoneyTestbed();

function tokenOf(link: string | undefined): string {
  const token = link?.split("/").pop();
  if (!token) throw new Error("no link returned");
  return token;
}

async function newCustomer(): Promise<string> {
  const created = await createCustomer(bed.staff.agent, { actionId: randomUUID(), name: "Ada Lovelace", email: `ada-${randomUUID()}@example.com` });
  if (!created.ok || !created.objectId) throw new Error(JSON.stringify(created));
  return created.objectId;
}

/** A card link as staff send it: its token, its row and its SetupIntent. */
async function cardLink(customerId: string) {
  const sent = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId });
  if (!sent.ok || !sent.objectId) throw new Error(JSON.stringify(sent));
  const token = tokenOf(sent.link);
  const row = await db().customerLink.findUniqueOrThrow({ where: { tokenHash: hashLinkToken(token) } });
  return { token, linkId: row.id, setupIntentId: sent.objectId };
}

/** A payment waiting for the customer, known to our tables as a webhook would have made it known. */
async function paymentWaitingForCustomer(): Promise<{ customerId: string; paymentIntentId: string }> {
  const customerId = await newCustomer();
  const intent = await bed.stripe.paymentIntents.create({ amount: 3000, currency: "usd", customer: customerId });
  await projectApiObjects([intent], responseStamp(intent));
  return { customerId, paymentIntentId: intent.id };
}

async function paymentLink(paymentIntentId: string): Promise<{ token: string; linkId: string }> {
  const sent = await sendPaymentLink(bed.staff.agent, { actionId: randomUUID(), paymentIntentId });
  if (!sent.ok || !sent.link) throw new Error(JSON.stringify(sent));
  const token = tokenOf(sent.link);
  const row = await db().customerLink.findUniqueOrThrow({ where: { tokenHash: hashLinkToken(token) } });
  return { token, linkId: row.id };
}

describe("withdrawing a customer link", () => {
  it("withdraws an open card link: the customer is refused, and Stripe refuses the SetupIntent too", async () => {
    const customerId = await newCustomer();
    const { token, linkId, setupIntentId } = await cardLink(customerId);
    expect(await loadCardSetup(token)).toMatchObject({ ok: true });

    const actionId = randomUUID();
    const result = await withdrawCustomerLink(bed.staff.agent, { actionId, customerId, linkId, purpose: "setup_card" });
    expect(result).toEqual({ ok: true, message: "Card link withdrawn. The customer can no longer open it.", objectId: setupIntentId, status: undefined, link: undefined });

    expect(await loadCardSetup(token)).toMatchObject({ ok: false, reason: "revoked", message: expect.stringMatching(/withdrawn this link/) });
    expect(await completeCardSetup(token)).toMatchObject({ ok: false, reason: "revoked" });
    // A page opened before the withdrawal holds the client secret; Stripe no longer takes a card on it.
    expect((await bed.stripe.setupIntents.retrieve(setupIntentId)).status).toBe("canceled");
    await expect(bed.stripe.setupIntents.confirm(setupIntentId, { payment_method: "pm_card_visa" })).rejects.toMatchObject({ code: "setup_intent_unexpected_state" });

    expect((await db().customerLink.findUniqueOrThrow({ where: { id: linkId } })).revokedAt).toBeInstanceOf(Date);
    expect(await db().staffAction.findUniqueOrThrow({ where: { id: actionId } })).toMatchObject({
      kind: "customer.link.withdraw",
      status: "succeeded",
      actorId: bed.staff.agent.id,
      objectType: "customer",
      objectId: customerId,
      params: { customerId, linkId, purpose: "setup_card" },
      outcome: { linkId, withdrawn: true, setupIntentStatus: "canceled" },
    });
  });

  it("withdraws an open payment link and cancels its PaymentIntent, so a page opened before cannot pay it", async () => {
    const { customerId, paymentIntentId } = await paymentWaitingForCustomer();
    const first = await paymentLink(paymentIntentId);
    // While it is open, no second link is issued for the payment.
    expect(await sendPaymentLink(bed.staff.agent, { actionId: randomUUID(), paymentIntentId })).toMatchObject({ ok: true, link: undefined, message: expect.stringMatching(/already open/) });

    const actionId = randomUUID();
    const result = await withdrawCustomerLink(bed.staff.agent, { actionId, customerId, linkId: first.linkId, purpose: "payment" });
    expect(result).toMatchObject({ ok: true, message: "Payment link withdrawn and the payment canceled, so the customer can no longer pay it.", objectId: paymentIntentId });
    expect(await loadPaymentLink(first.token)).toMatchObject({ ok: false, reason: "revoked" });
    expect(await completePaymentLink(first.token)).toMatchObject({ ok: false, reason: "revoked" });
    const intent = await bed.stripe.paymentIntents.retrieve(paymentIntentId);
    expect(intent).toMatchObject({ status: "canceled", cancellation_reason: "abandoned" });
    await expect(bed.stripe.paymentIntents.confirm(paymentIntentId, { payment_method: "pm_card_visa" })).rejects.toMatchObject({ code: "payment_intent_unexpected_state" });
    expect(await db().staffAction.findUniqueOrThrow({ where: { id: actionId } })).toMatchObject({ status: "succeeded", outcome: { linkId: first.linkId, withdrawn: true, paymentIntentStatus: "canceled" } });
    expect(await db().paymentIntent.findUniqueOrThrow({ where: { id: paymentIntentId } })).toMatchObject({ status: "canceled" });
  });

  it("withdraws a payment link the customer paid a moment ago without canceling, and says so", async () => {
    const { customerId, paymentIntentId } = await paymentWaitingForCustomer();
    const { linkId } = await paymentLink(paymentIntentId);
    await bed.stripe.paymentIntents.confirm(paymentIntentId, { payment_method: "pm_card_visa" });
    const result = await withdrawCustomerLink(bed.staff.agent, { actionId: randomUUID(), customerId, linkId, purpose: "payment" });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/had already paid, so the payment was not canceled/) });
    expect((await bed.stripe.paymentIntents.retrieve(paymentIntentId)).status).toBe("succeeded");
  });

  it("withdraws a card link whose card the customer saved a moment ago, and says so", async () => {
    const customerId = await newCustomer();
    const { linkId, setupIntentId } = await cardLink(customerId);
    // Stripe.js confirmed, but the page never reported back, so the link is not marked used.
    await bed.stripe.setupIntents.confirm(setupIntentId, { payment_method: "pm_card_visa" });
    const result = await withdrawCustomerLink(bed.staff.agent, { actionId: randomUUID(), customerId, linkId, purpose: "setup_card" });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/had already saved a card with it; remove the card/) });
    expect((await db().customerLink.findUniqueOrThrow({ where: { id: linkId } })).revokedAt).toBeInstanceOf(Date);
  });

  it("withdraws once when two members of staff withdraw the same link at once", async () => {
    const customerId = await newCustomer();
    const { linkId } = await cardLink(customerId);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => withdrawCustomerLink(bed.staff.agent, { actionId: randomUUID(), customerId, linkId, purpose: "setup_card" })),
    );
    // Each gets an answer about this link; none is a failure of its own.
    for (const r of results) {
      if (r.ok) expect(r.message).toMatch(/Card link withdrawn|already withdrawn/);
      else expect(r.code).toBe("link_withdrawn");
    }
    const rows = await db().staffAction.findMany({ where: { kind: "customer.link.withdraw", params: { path: ["linkId"], equals: linkId } } });
    expect(rows.filter((r) => (r.outcome as { withdrawn?: boolean }).withdrawn === true)).toHaveLength(1);
  });

  it("refuses used, withdrawn, expired, unknown, mismatched and other customers' links, changing nothing", async () => {
    const customerId = await newCustomer();
    const otherCustomerId = await newCustomer();
    const used = await cardLink(customerId);
    await bed.stripe.setupIntents.confirm(used.setupIntentId, { payment_method: "pm_card_visa" });
    expect(await completeCardSetup(used.token)).toMatchObject({ ok: true });
    const withdrawn = await cardLink(customerId);
    expect(await withdrawCustomerLink(bed.staff.agent, { actionId: randomUUID(), customerId, linkId: withdrawn.linkId, purpose: "setup_card" })).toMatchObject({ ok: true });
    const open = await cardLink(customerId);
    const expired = await issueCustomerLink({
      purpose: "setup_card", customerId, createdById: bed.staff.agent.id,
      setupIntentId: open.setupIntentId, now: new Date(Date.now() - 8 * 24 * 3600 * 1000),
    });

    const before = await tableFingerprint();
    const withdraw = (change: Record<string, unknown>, actor = bed.staff.agent) =>
      withdrawCustomerLink(actor, { actionId: randomUUID(), customerId, linkId: open.linkId, purpose: "setup_card", ...change });
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ["used", { linkId: used.linkId }, "link_used", "The customer has already used this card link, so there is nothing to withdraw."],
      ["withdrawn", { linkId: withdrawn.linkId }, "link_withdrawn", "This card link was already withdrawn."],
      ["expired", { linkId: expired.id }, "link_expired", "This card link has already expired; the customer cannot open it any more."],
      ["unknown", { linkId: randomUUID() }, "unknown_link", "This link does not exist. Reload the page to see the links sent."],
      ["another kind", { purpose: "payment" }, "wrong_kind", "This is a card link, not a payment link. Reload the page and try again."],
      ["another customer's", { customerId: otherCustomerId }, "other_customer", "This link was sent to another customer. Reload the page and try again."],
    ];
    for (const [name, change, code, error] of cases) {
      expect({ name, result: await withdraw(change) }).toEqual({ name, result: { ok: false, code, error } });
    }
    expect(await withdraw({ linkId: "12" })).toMatchObject({ ok: false, code: "invalid", fieldErrors: { linkId: ["Unknown link."] } });
    expect(await withdraw({ purpose: "staff_invite" })).toMatchObject({ ok: false, code: "invalid", fieldErrors: { purpose: ["Say which kind of link to withdraw."] } });
    expect(await withdraw({ actionId: "double-click" })).toMatchObject({ ok: false, fieldErrors: { actionId: ["This form is out of date. Reload the page and try again."] } });
    expect(await withdraw({}, bed.staff.viewer)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await withdrawCustomerLink(null, { actionId: randomUUID(), customerId, linkId: open.linkId, purpose: "setup_card" })).toMatchObject({ ok: false, code: "signed_out" });
    expect(await tableFingerprint()).toEqual(before);
    expect(await loadCardSetup(open.token)).toMatchObject({ ok: true });
  });
});
