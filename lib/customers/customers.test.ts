import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import { db } from "@/lib/db";
import { requireCustomerLink } from "@/lib/links/customer-link";
import { setMerchantTimeZone } from "@/lib/listing/time-zone";
import { chargeSavedCard, sendPaymentLink } from "@/lib/payments/charge";
import { completePaymentLink, loadPaymentLink } from "@/lib/payments/payment-link";
import { fillMissingFees } from "@/lib/webhooks/fees";
import { completeCardSetup, loadCardSetup } from "./card-setup";
import { createCustomer, detachCard, makeDefaultCard, sendCardLink } from "./manage";

const bed = useMoneyTestbed();

function tokenOf(link: string | undefined): string {
  const token = link?.split("/").pop();
  if (!token) throw new Error("no link returned");
  return token;
}

/** What the stand-in's 3-D Secure page does when the customer presses "Complete authentication". */
async function approveThreeDSecure(intentId: string, clientSecret: string): Promise<void> {
  const response = await fetch(`${bed.emulator.url}/_emulator/three_d_secure/${intentId}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${bed.emulator.keys.publishable}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_secret: clientSecret, result: "approve" }).toString(),
  });
  if (!response.ok) throw new Error(`3-D Secure approval failed: ${response.status} ${await response.text()}`);
}

/** A customer with a card saved the way a customer would save it through the link. */
async function customerWithCard(card: string): Promise<{ customerId: string; paymentMethodId: string }> {
  const created = await createCustomer(bed.staff.agent, { actionId: randomUUID(), name: "Ada Lovelace", email: `ada-${randomUUID()}@example.com` });
  if (!created.ok || !created.objectId) throw new Error(JSON.stringify(created));
  const linked = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId: created.objectId });
  if (!linked.ok || !linked.objectId) throw new Error(JSON.stringify(linked));
  const confirmed = await bed.stripe.setupIntents.confirm(linked.objectId, { payment_method: card, return_url: "http://127.0.0.1/done" });
  if (confirmed.status === "requires_action") await approveThreeDSecure(confirmed.id, confirmed.client_secret!);
  const done = await completeCardSetup(tokenOf(linked.link));
  if (!done.ok) throw new Error(JSON.stringify(done));
  const pm = await db().paymentMethod.findFirstOrThrow({ where: { customerId: created.objectId } });
  return { customerId: created.objectId, paymentMethodId: pm.id };
}

describe("customers and saved cards", () => {
  it("creates a customer, sends a card link, and the saved card lands once the customer confirms", async () => {
    const email = `grace-${randomUUID()}@example.com`;
    const created = await createCustomer(bed.staff.agent, { actionId: randomUUID(), name: "Grace Hopper", email });
    expect(created).toMatchObject({ ok: true });
    const customerId = created.ok ? created.objectId! : "";
    expect(await db().customer.findUnique({ where: { id: customerId } })).toMatchObject({ email, name: "Grace Hopper" });

    const linked = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId });
    expect(linked.ok && linked.link).toMatch(/^\/setup\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(linked.ok ? linked.link : undefined);
    const stored = await db().customerLink.findFirstOrThrow({ where: { customerId } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    const page = await loadCardSetup(token);
    expect(page).toMatchObject({ ok: true, customerEmail: email });
    if (!page.ok) return;
    // The customer confirms in the browser; here the SDK does what Stripe.js would.
    const si = await bed.stripe.setupIntents.retrieve(linked.ok ? linked.objectId! : "");
    expect(si.usage).toBe("off_session");
    await bed.stripe.setupIntents.confirm(si.id, { payment_method: "pm_card_visa" });
    const done = await completeCardSetup(token);
    expect(done).toMatchObject({ ok: true, card: { last4: "4242" } });
    const card = await db().paymentMethod.findFirstOrThrow({ where: { customerId } });
    expect(card).toMatchObject({ cardLast4: "4242", cardBrand: "visa" });

    // Single use: the same link is now refused with a clear reason.
    expect(await loadCardSetup(token)).toMatchObject({ ok: false, reason: "used" });
    expect(await completeCardSetup(token)).toMatchObject({ ok: false, reason: "used" });
  });

  it("gives the card page the merchant's time zone for the link's expiry date", async () => {
    const { customerId } = await customerWithCard("pm_card_visa");
    const linked = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId });
    const token = tokenOf(linked.ok ? linked.link : undefined);
    expect(await loadCardSetup(token)).toMatchObject({ ok: true, timeZone: "UTC" });
    await setMerchantTimeZone("Pacific/Auckland");
    try {
      expect(await loadCardSetup(token)).toMatchObject({ ok: true, timeZone: "Pacific/Auckland" });
    } finally {
      await setMerchantTimeZone("UTC");
    }
  });

  it("refuses tampered, unknown and expired links", async () => {
    expect(await requireCustomerLink("not-a-token", "setup_card")).toMatchObject({ ok: false, reason: "invalid" });
    expect(await requireCustomerLink("A".repeat(43), "setup_card")).toMatchObject({ ok: false, reason: "invalid" });
    const { customerId } = await customerWithCard("pm_card_visa");
    const linked = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId });
    const token = tokenOf(linked.ok ? linked.link : undefined);
    expect(await requireCustomerLink(token, "payment")).toMatchObject({ ok: false, reason: "invalid" });
    const later = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    expect(await requireCustomerLink(token, "setup_card", later)).toMatchObject({ ok: false, reason: "expired" });
    expect(await requireCustomerLink(token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), "setup_card")).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("creates one link when the same form is sent twice at once", async () => {
    const { customerId } = await customerWithCard("pm_card_visa");
    const before = await db().customerLink.count({ where: { customerId } });
    const input = { actionId: randomUUID(), customerId };
    const results = await Promise.all([sendCardLink(bed.staff.agent, input), sendCardLink(bed.staff.agent, input)]);
    expect(results.filter((r) => r.ok && r.link)).toHaveLength(1);
    expect(await db().customerLink.count({ where: { customerId } })).toBe(before + 1);
    expect((await bed.stripe.setupIntents.list({ customer: customerId })).data).toHaveLength(2);
  });

  it("makes a card the default and detaches one", async () => {
    const { customerId, paymentMethodId } = await customerWithCard("pm_card_visa");
    expect(await makeDefaultCard(bed.staff.agent, { actionId: randomUUID(), customerId, paymentMethodId })).toMatchObject({ ok: true });
    expect((await db().customer.findUniqueOrThrow({ where: { id: customerId } })).defaultPaymentMethodId).toBe(paymentMethodId);
    expect(await detachCard(bed.staff.agent, { actionId: randomUUID(), customerId, paymentMethodId })).toMatchObject({ ok: true });
    expect((await db().paymentMethod.findUniqueOrThrow({ where: { id: paymentMethodId } })).customerId).toBeNull();
  });
});

describe("charging a saved card", () => {
  it("charges off-session, records the action and the payment", async () => {
    const { customerId, paymentMethodId } = await customerWithCard("pm_card_visa");
    const actionId = randomUUID();
    const result = await chargeSavedCard(bed.staff.agent, { actionId, customerId, paymentMethodId, amount: "12.34", currency: "usd", description: "Order 42" });
    expect(result).toMatchObject({ ok: true, status: "succeeded", message: "Charged $12.34." });
    const payment = await db().paymentIntent.findUniqueOrThrow({ where: { id: result.ok ? result.objectId! : "" } });
    expect(payment).toMatchObject({ amount: 1234n, currency: "usd", status: "succeeded", customerId, cardLast4: "4242" });
    // Captured asynchronously: the response has no balance transaction yet, so no fee; Stripe writes
    // it seconds later, and the sweep (or charge.updated) brings fee and net.
    expect(await db().charge.findUniqueOrThrow({ where: { id: payment.latestChargeId! } })).toMatchObject({ captured: true, fee: null, net: null });
    await bed.control("POST", "/_emulator/clock/advance", { seconds: "2" });
    expect(await fillMissingFees(bed.stripe)).toMatchObject({ failed: 0 });
    const charge = await db().charge.findUniqueOrThrow({ where: { id: payment.latestChargeId! } });
    expect(charge.fee).toBeGreaterThan(0n);
    expect(charge.net).toBe(1234n - charge.fee!);
    const row = await db().staffAction.findUniqueOrThrow({ where: { id: actionId } });
    expect(row).toMatchObject({ kind: "payment.charge", status: "succeeded", actorId: bed.staff.agent.id, idempotencyKey: `ledgerline:payment.charge:${actionId}` });

    // A double click: same action id → same row, no second charge.
    const again = await chargeSavedCard(bed.staff.agent, { actionId, customerId, paymentMethodId, amount: "12.34", currency: "usd", description: "Order 42" });
    expect(again).toMatchObject({ ok: true, objectId: result.ok ? result.objectId : "" });
    const intents = await bed.stripe.paymentIntents.list({ customer: customerId });
    expect(intents.data).toHaveLength(1);
  });

  it("takes JPY in whole yen", async () => {
    const { customerId, paymentMethodId } = await customerWithCard("pm_card_visa");
    const result = await chargeSavedCard(bed.staff.agent, { actionId: randomUUID(), customerId, paymentMethodId, amount: "5000", currency: "jpy", description: "Tea set" });
    expect(result).toMatchObject({ ok: true, message: "Charged ¥5,000." });
    const before = await tableFingerprint();
    const bad = await chargeSavedCard(bed.staff.agent, { actionId: randomUUID(), customerId, paymentMethodId, amount: "50.5", currency: "jpy", description: "Tea set" });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { amount: ["JPY amounts have no decimal places: write it like 1,234,567."] } });
    expect(await tableFingerprint()).toEqual(before);
  });

  it("shows why a card was declined", async () => {
    // Attaches fine, every charge fails (FACTS §4).
    const { customerId, paymentMethodId } = await customerWithCard("pm_card_chargeCustomerFail");
    const result = await chargeSavedCard(bed.staff.agent, { actionId: randomUUID(), customerId, paymentMethodId, amount: "20.00", currency: "usd", description: "Declined" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/declined/i);
    expect(result.error).not.toMatch(/req_|pi_/);
  });

  it("needs the customer when the bank asks for authentication, and the payment link completes the same payment", async () => {
    const { customerId, paymentMethodId } = await customerWithCard("pm_card_authenticationRequired");
    const result = await chargeSavedCard(bed.staff.agent, { actionId: randomUUID(), customerId, paymentMethodId, amount: "30.00", currency: "usd", description: "3DS" });
    expect(result).toMatchObject({ ok: false, code: "authentication_required" });
    const paymentIntentId = result.ok ? "" : result.objectId!;
    expect(paymentIntentId).toMatch(/^pi_/);
    expect((await db().paymentIntent.findUniqueOrThrow({ where: { id: paymentIntentId } })).status).toBe("requires_payment_method");

    const linked = await sendPaymentLink(bed.staff.agent, { actionId: randomUUID(), paymentIntentId });
    expect(linked.ok && linked.link).toMatch(/^\/pay\//);
    const token = tokenOf(linked.ok ? linked.link : undefined);
    const page = await loadPaymentLink(token);
    expect(page).toMatchObject({ ok: true, amount: 3000, currency: "usd", paymentMethodId });
    // Not paid yet: the link is not used up.
    expect(await completePaymentLink(token)).toMatchObject({ ok: false });
    // The customer confirms on-session and approves 3-D Secure, as the stand-in's challenge page does.
    const confirmed = await bed.stripe.paymentIntents.confirm(paymentIntentId, { payment_method: paymentMethodId, return_url: "http://127.0.0.1/done" });
    expect(confirmed.status).toBe("requires_action");
    await approveThreeDSecure(paymentIntentId, confirmed.client_secret!);
    expect(await completePaymentLink(token)).toMatchObject({ ok: true });
    expect((await db().paymentIntent.findUniqueOrThrow({ where: { id: paymentIntentId } })).status).toBe("succeeded");
    expect(await loadPaymentLink(token)).toMatchObject({ ok: false, reason: "used" });
  });
});

describe("payment links sent concurrently", () => {
  async function paymentWaitingForCustomer(): Promise<string> {
    const { customerId, paymentMethodId } = await customerWithCard("pm_card_authenticationRequired");
    const result = await chargeSavedCard(bed.staff.agent, { actionId: randomUUID(), customerId, paymentMethodId, amount: "30.00", currency: "usd", description: "3DS" });
    if (result.ok || !result.objectId) throw new Error(JSON.stringify(result));
    return result.objectId;
  }
  const openLinks = (paymentIntentId: string) => db().customerLink.count({ where: { paymentIntentId, usedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } });

  it("issues one link when the same form is sent ten times at once", async () => {
    const paymentIntentId = await paymentWaitingForCustomer();
    const input = { actionId: randomUUID(), paymentIntentId };
    const results = await Promise.all(Array.from({ length: 10 }, () => sendPaymentLink(bed.staff.agent, input)));
    expect(results.filter((r) => r.ok && r.link)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await db().customerLink.count({ where: { paymentIntentId } })).toBe(1);
    expect(await openLinks(paymentIntentId)).toBe(1);
  });

  it("keeps one open link per payment when ten forms send it at once, and says so to the others", async () => {
    const paymentIntentId = await paymentWaitingForCustomer();
    const results = await Promise.all(Array.from({ length: 10 }, () => sendPaymentLink(bed.staff.agent, { actionId: randomUUID(), paymentIntentId })));
    expect(results.filter((r) => r.ok && r.link)).toHaveLength(1);
    const others = results.filter((r) => !(r.ok && r.link));
    expect(others).toHaveLength(9);
    for (const other of others) expect(other).toMatchObject({ ok: true, message: expect.stringMatching(/already open/) });
    expect(await db().customerLink.count({ where: { paymentIntentId } })).toBe(1);
    expect(await openLinks(paymentIntentId)).toBe(1);
  });
});

describe("refusals", () => {
  it("refuses viewers and signed-out callers, changing nothing", async () => {
    const { customerId, paymentMethodId } = await customerWithCard("pm_card_visa");
    const before = await tableFingerprint();
    const input = { actionId: randomUUID(), customerId, paymentMethodId, amount: "1.00", currency: "usd", description: "x" };
    for (const actor of [bed.staff.viewer, null]) {
      expect(await chargeSavedCard(actor, input)).toMatchObject({ ok: false, code: actor ? "forbidden" : "signed_out" });
      expect(await createCustomer(actor, { actionId: randomUUID(), name: "A", email: "a@example.com" })).toMatchObject({ ok: false });
      expect(await sendCardLink(actor, { actionId: randomUUID(), customerId })).toMatchObject({ ok: false });
      expect(await makeDefaultCard(actor, { actionId: randomUUID(), customerId, paymentMethodId })).toMatchObject({ ok: false });
      expect(await detachCard(actor, { actionId: randomUUID(), customerId, paymentMethodId })).toMatchObject({ ok: false });
      expect(await sendPaymentLink(actor, { actionId: randomUUID(), paymentIntentId: "pi_123" })).toMatchObject({ ok: false });
    }
    expect(await tableFingerprint()).toEqual(before);
  });

  it("gives each bad input its message and changes nothing", async () => {
    const { customerId, paymentMethodId } = await customerWithCard("pm_card_visa");
    const before = await tableFingerprint();
    const base = { actionId: randomUUID(), customerId, paymentMethodId, amount: "10.00", currency: "usd", description: "x" };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ amount: "" }, "amount", "Enter an amount."],
      [{ amount: "-5" }, "amount", "The amount must be greater than zero."],
      [{ amount: "0" }, "amount", "The amount must be greater than zero."],
      [{ amount: "1.234" }, "amount", "USD amounts have at most 2 decimal places: write it like 1,234,567.89."],
      [{ amount: "abc" }, "amount", "Enter the amount as a number written like 1,234,567.89 (your number format, English (United States))."],
      [{ currency: "xyz" }, "currency", "Choose a currency."],
      [{ description: "" }, "description", "Say what the charge is for."],
      [{ paymentMethodId: "pm_notthiscustomers" }, "paymentMethodId", "That card is not saved on this customer."],
      [{ actionId: "double-click" }, "actionId", "This form is out of date. Reload the page and try again."],
    ];
    for (const [change, field, message] of cases) {
      const result = await chargeSavedCard(bed.staff.agent, { ...base, ...change });
      expect(result.ok ? null : result.fieldErrors?.[field]).toEqual([message]);
    }
    expect(await createCustomer(bed.staff.agent, { actionId: randomUUID(), name: "", email: "nope" })).toMatchObject({
      ok: false,
      fieldErrors: { name: ["Enter the customer's name."], email: ["Enter a valid email address."] },
    });
    expect(await tableFingerprint()).toEqual(before);
  });
});
