import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { customerWithSavedCard, paidPayment, tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import { setOwnLocale, staffLocale } from "@/lib/auth/own-preferences";
import { signInStaff } from "@/lib/auth/sign-in";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { chargeSavedCard } from "@/lib/payments/charge";
import { refundPayment } from "@/lib/refunds/refund";
import { askToConfirmLargeAmount, setConfirmationThreshold } from "./confirmation-thresholds";

// The amount a person types reaches Stripe as they meant it, read in their own number format, and
// a large one only after they confirmed that exact amount. Against the emulator, through the SDK.

const bed = useMoneyTestbed();

async function asLocale(locale: string): Promise<{ id: string; roles: ["support_specialist", "refund_analyst", "dispute_analyst"] }> {
  const row = await db().staffUser.create({
    data: { email: `${locale}-${randomUUID()}@money.test`, name: `Agent ${locale}`, roles: ["support_specialist", "refund_analyst", "dispute_analyst"], passwordHash: "unused", locale },
  });
  return { id: row.id, roles: ["support_specialist", "refund_analyst", "dispute_analyst"] };
}

async function stripeAmountOf(paymentIntentId: string | undefined): Promise<number> {
  return (await bed.stripe.paymentIntents.retrieve(paymentIntentId!)).amount;
}

describe("charges and refunds in the person's number format", () => {
  it("charges €1.50 when a de-DE person types 1,50, and refuses the same keystrokes from en-US", async () => {
    const { customerId, paymentMethodId } = await customerWithSavedCard(bed);
    const german = await asLocale("de-DE");
    const charged = await chargeSavedCard(german, { actionId: randomUUID(), customerId, paymentMethodId, amount: "1,50", currency: "eur", description: "Kaffee", numberFormat: "de-DE" });
    expect(charged).toMatchObject({ ok: true, message: "Charged 1,50\u00a0€." });
    expect(await stripeAmountOf(charged.ok ? charged.objectId : undefined)).toBe(150);

    const before = await tableFingerprint();
    const intentsBefore = (await bed.stripe.paymentIntents.list({ customer: customerId, limit: 100 })).data.length;
    const american = await chargeSavedCard(bed.staff.agent, { actionId: randomUUID(), customerId, paymentMethodId, amount: "1,50", currency: "eur", description: "Coffee" });
    expect(american).toMatchObject({ ok: false, fieldErrors: { amount: [expect.stringContaining("written like 1,234,567.89")] } });
    expect(await tableFingerprint()).toEqual(before);
    expect((await bed.stripe.paymentIntents.list({ customer: customerId, limit: 100 })).data).toHaveLength(intentsBefore);
  });

  it("charges ¥1,000 when a de-DE person types 1.000, and refuses it from en-US", async () => {
    const { customerId, paymentMethodId } = await customerWithSavedCard(bed);
    const charged = await chargeSavedCard(await asLocale("de-DE"), { actionId: randomUUID(), customerId, paymentMethodId, amount: "1.000", currency: "jpy", description: "Tee" });
    expect(await stripeAmountOf(charged.ok ? charged.objectId : undefined)).toBe(1000);
    const refused = await chargeSavedCard(bed.staff.agent, { actionId: randomUUID(), customerId, paymentMethodId, amount: "1.000", currency: "jpy", description: "Tea" });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { amount: ["JPY amounts have no decimal places: write it like 1,234,567."] } });
  });

  it("refunds 12,50 € typed by a fr-FR person", async () => {
    const { paymentIntentId } = await paidPayment(bed, { amount: "40.00", currency: "eur" });
    const french = await asLocale("fr-FR");
    const refunded = await refundPayment(french, { actionId: randomUUID(), paymentIntentId, amount: "12,50", reason: "requested_by_customer", confirmOverBalance: true });
    expect(refunded).toMatchObject({ ok: true });
    const refunds = await bed.stripe.refunds.list({ payment_intent: paymentIntentId });
    expect(refunds.data.map((r) => r.amount)).toEqual([1250]);
  });

  it("refuses an amount read in a format the person no longer has", async () => {
    const { customerId, paymentMethodId } = await customerWithSavedCard(bed);
    const person = await asLocale("en-US");
    const before = await tableFingerprint();
    const stale = await chargeSavedCard(person, { actionId: randomUUID(), customerId, paymentMethodId, amount: "1.000", currency: "usd", description: "Stale", numberFormat: "de-DE" });
    expect(stale).toMatchObject({ ok: false, fieldErrors: { amount: [expect.stringMatching(/^Your number format changed to English \(United States\) \(1,234,567\.89\)/)] } });
    expect(await tableFingerprint()).toEqual(before);
  });
});

describe("large amounts", () => {
  it("asks before charging above the threshold, and goes ahead only for the amount confirmed", async () => {
    const { customerId, paymentMethodId } = await customerWithSavedCard(bed, "pm_card_visa");
    const german = await asLocale("de-DE");
    const input = { customerId, paymentMethodId, amount: "1.500,00", currency: "eur", description: "Sofa", numberFormat: "de-DE" };
    const before = await tableFingerprint();
    const asked = await chargeSavedCard(german, { ...input, actionId: randomUUID() });
    expect(asked).toEqual({
      ok: false,
      code: "needs_amount_confirmation",
      error: "Charge 1.500,00\u00a0€ to Visa •••• 4242? This amount is above 1.000,00\u00a0€, so it needs your confirmation.",
      confirmAmount: "150000",
    });
    expect(await tableFingerprint()).toEqual(before);

    // A confirmation of another amount (the field changed after the question) is asked again.
    const changed = await chargeSavedCard(german, { ...input, amount: "15.000,00", actionId: randomUUID(), confirmedAmount: "150000" });
    expect(changed).toMatchObject({ ok: false, code: "needs_amount_confirmation", confirmAmount: "1500000" });
    expect(await tableFingerprint()).toEqual(before);

    const confirmed = await chargeSavedCard(german, { ...input, actionId: randomUUID(), confirmedAmount: "150000" });
    expect(confirmed).toMatchObject({ ok: true });
    expect(await stripeAmountOf(confirmed.ok ? confirmed.objectId : undefined)).toBe(150000);
  });

  it("asks before a large refund, with the threshold an admin set in their own format", async () => {
    const { paymentIntentId } = await paidPayment(bed, { amount: "900.00" });
    const admin = { id: bed.staff.admin.id, locale: "de-DE" };
    expect(await setConfirmationThreshold(admin, { currency: "usd", amount: "500,00" })).toEqual({ ok: true, message: "USD charges and refunds above 500,00\u00a0$ now ask for confirmation." });
    const audit = await db().staffAction.findFirstOrThrow({ where: { kind: "settings.confirmation_threshold.change" } });
    expect(audit).toMatchObject({ actorId: bed.staff.admin.id, params: { currency: "usd", amount: "50000" }, outcome: { from: "100000", to: "50000" } });

    const asked = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "600.00", reason: "duplicate", confirmOverBalance: true });
    expect(asked).toMatchObject({ ok: false, code: "needs_amount_confirmation", error: "Refund $600.00? This amount is above $500.00, so it needs your confirmation.", confirmAmount: "60000" });
    const done = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "600.00", reason: "duplicate", confirmOverBalance: true, confirmedAmount: "60000" });
    expect(done).toMatchObject({ ok: true, message: "Refunded $600.00." });
    expect(await setConfirmationThreshold(admin, { currency: "usd", amount: "500.00" })).toMatchObject({ ok: false, error: expect.stringContaining("1.234.567,89") });
  });

  it("always asks in a currency nobody set a threshold for", async () => {
    const question = { amount: 100n, currency: "sek", locale: "sv-SE", question: "Refund 1,00\u00a0kr" };
    expect(await askToConfirmLargeAmount({ ...question, confirmed: undefined })).toEqual({
      ok: false, code: "needs_amount_confirmation", error: "Refund 1,00\u00a0kr? No confirmation threshold is set for SEK, so every amount needs your confirmation.", confirmAmount: "100",
    });
    expect(await askToConfirmLargeAmount({ ...question, confirmed: "100" })).toBeNull();
  });
});

describe("each person's number format", () => {
  it("is set from the browser's language at the first sign-in, and kept after", async () => {
    const email = `first-${randomUUID()}@money.test`;
    await db().staffUser.create({ data: { email, name: "First", roles: ["support_specialist", "refund_analyst", "dispute_analyst"], passwordHash: await hashPassword("correct horse battery") } });
    const first = await signInStaff(email, "correct horse battery", new Date(), "de-CH,de;q=0.9,en;q=0.8");
    expect(first.ok).toBe(true);
    const id = first.ok ? first.staff.id : "";
    expect(await staffLocale(id)).toBe("de-CH");
    await signInStaff(email, "correct horse battery", new Date(), "ja-JP");
    expect(await staffLocale(id)).toBe("de-CH");
  });

  it("changes on request, is audited, and refuses what is not in the list", async () => {
    const person = await asLocale("en-US");
    expect(await setOwnLocale(person.id, "en-IN")).toEqual({ ok: true, message: "Amounts are now read and shown like 12,34,567.89." });
    expect(await staffLocale(person.id)).toBe("en-IN");
    expect(await db().staffAction.findFirstOrThrow({ where: { actorId: person.id, kind: "staff.locale.change" } })).toMatchObject({ outcome: { from: "en-US", to: "en-IN" } });
    const before = await tableFingerprint();
    expect(await setOwnLocale(person.id, "xx-XX")).toEqual({ ok: false, error: "Choose a number format from the list." });
    expect(await setOwnLocale(person.id, 42)).toEqual({ ok: false, error: "Choose a number format." });
    expect(await tableFingerprint()).toEqual(before);
  });
});
