import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { paidPayment, tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import { projectApiObjects } from "@/lib/audit/project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { db } from "@/lib/db";
import { refundPayment } from "./refund";
import { refundSituation } from "./refundable";

const bed = useMoneyTestbed();

describe("refunds", () => {
  it("refunds twice in part, then refuses more than what is left", async () => {
    const { paymentIntentId } = await paidPayment(bed, { amount: "100.00" });
    const first = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "30.00", reason: "requested_by_customer" });
    expect(first).toMatchObject({ ok: true, message: "Refunded $30.00." });
    const second = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "50", reason: "duplicate" });
    expect(second).toMatchObject({ ok: true, message: "Refunded $50.00." });
    expect((await refundSituation(paymentIntentId))?.remaining).toBe(2000n);

    const before = await tableFingerprint();
    const over = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "20.01", reason: "requested_by_customer" });
    expect(over).toMatchObject({ ok: false, fieldErrors: { amount: ["At most $20.00 is left to refund on this payment."] } });
    expect(await tableFingerprint()).toEqual(before);

    const refunds = await db().refund.findMany({ where: { paymentIntentId }, orderBy: { created: "asc" } });
    expect(refunds.map((r) => [r.amount, r.status, r.reason])).toEqual([
      [3000n, "succeeded", "requested_by_customer"],
      [5000n, "succeeded", "duplicate"],
    ]);
    expect((await db().paymentIntent.findUniqueOrThrow({ where: { id: paymentIntentId } })).amountRefunded).toBe(8000n);
    const atStripe = await bed.stripe.refunds.list({ payment_intent: paymentIntentId });
    expect(atStripe.data).toHaveLength(2);

    // Stripe's fee came out of the 100.00, so the last 20.00 is more than the available balance.
    const restInput = { actionId: randomUUID(), paymentIntentId, amount: "20.00", reason: "requested_by_customer" };
    expect(await refundPayment(bed.staff.agent, restInput)).toMatchObject({ ok: false, code: "needs_balance_confirmation" });
    expect(await refundPayment(bed.staff.agent, { ...restInput, confirmOverBalance: "true" })).toMatchObject({ ok: true });
    expect(await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "1.00", reason: "requested_by_customer" })).toMatchObject({
      ok: false,
      error: "This payment has been refunded in full.",
    });
  });

  it("lets a Support specialist refund part of a payment but not all that is left, which a Refund analyst may", async () => {
    const { paymentIntentId } = await paidPayment(bed, { amount: "40.00" });
    const before = await tableFingerprint();
    const all = { paymentIntentId, amount: "40.00", reason: "requested_by_customer", confirmOverBalance: "true" };
    expect(await refundPayment(bed.staff.support_specialist, { ...all, actionId: randomUUID() })).toEqual({
      ok: false,
      code: "forbidden",
      error: "Refunding all that is left ($40.00) needs the Administrator or Refund analyst role; as Support specialist you can refund part of it.",
    });
    expect(await tableFingerprint()).toEqual(before);
    expect(await refundPayment(bed.staff.support_specialist, { ...all, amount: "39.99", actionId: randomUUID() })).toMatchObject({ ok: true });
    expect(await refundPayment(bed.staff.support_specialist, { ...all, amount: "0.01", actionId: randomUUID() })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await refundPayment(bed.staff.refund_analyst, { ...all, amount: "0.01", actionId: randomUUID() })).toMatchObject({ ok: true });
    expect(await refundPayment(bed.staff.view_only, { ...all, amount: "0.01", actionId: randomUUID() })).toMatchObject({ ok: false, code: "forbidden" });
  });

  it("gives each bad input its message and changes nothing", async () => {
    const { paymentIntentId } = await paidPayment(bed, { amount: "5000", currency: "jpy" });
    const before = await tableFingerprint();
    const base = { actionId: randomUUID(), paymentIntentId, amount: "100", reason: "requested_by_customer" };
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ amount: "0" }, "amount", "The amount must be greater than zero."],
      [{ amount: "-1" }, "amount", "The amount must be greater than zero."],
      [{ amount: "10.5" }, "amount", "JPY amounts have no decimal places: write it like 1,234,567."],
      [{ amount: "ten" }, "amount", "Enter the amount as a number written like 1,234,567 (your number format, English (United States))."],
      [{ amount: "5001" }, "amount", "At most ¥5,000 is left to refund on this payment."],
      [{ reason: "because" }, "reason", "Choose a reason."],
      [{ actionId: "" }, "actionId", "This form is out of date. Reload the page and try again."],
    ];
    for (const [change, field, message] of cases) {
      const result = await refundPayment(bed.staff.agent, { ...base, ...change });
      expect(result.ok ? null : result.fieldErrors?.[field]).toEqual([message]);
    }
    expect(await refundPayment(bed.staff.agent, { ...base, paymentIntentId: "pi_unknown" })).toMatchObject({ ok: false, code: "unknown_payment" });
    for (const actor of [bed.staff.viewer, null]) {
      expect(await refundPayment(actor, base)).toMatchObject({ ok: false, code: actor ? "forbidden" : "signed_out" });
    }
    expect(await tableFingerprint()).toEqual(before);
  });

  it("asks for confirmation before a refund larger than the available balance it draws on, the settlement currency's", async () => {
    // An ordinary card: the money is still pending, so nothing of it is available yet. The account
    // settles in USD only, so a euro payment's refund comes out of the USD balance.
    const { paymentIntentId } = await paidPayment(bed, { card: "pm_card_visa", amount: "40.00", currency: "eur" });
    const balance = await bed.stripe.balance.retrieve();
    expect(balance.available.map((b) => b.currency)).toEqual(["usd"]);
    const available = balance.available[0]!.amount;
    expect(available).toBeLessThan(4320);
    const input = { actionId: randomUUID(), paymentIntentId, amount: "40.00", reason: "requested_by_customer" };
    const before = await tableFingerprint();
    const warned = await refundPayment(bed.staff.agent, input);
    expect(warned).toMatchObject({ ok: false, code: "needs_balance_confirmation" });
    expect(warned.ok ? "" : warned.error).toMatch(/^This refund \(about \$43\.20\) is larger than your available USD balance \(.+\)\. Stripe will debit your bank account/);
    expect(await tableFingerprint()).toEqual(before);
    expect(await refundPayment(bed.staff.agent, { ...input, confirmOverBalance: "true" })).toMatchObject({ ok: true });
  });

  it("refunds a payment in a currency the account does not settle in from the balance it settled in, without asking", async () => {
    // Funds straight to the available balance: $1,000 and €100 (settled as $108) are available in USD.
    await paidPayment(bed, { card: "pm_card_bypassPending", amount: "1000.00", currency: "usd" });
    const { paymentIntentId } = await paidPayment(bed, { card: "pm_card_bypassPending", amount: "100.00", currency: "eur" });
    const result = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "50.00", reason: "requested_by_customer" });
    expect(result).toMatchObject({ ok: true, message: "Refunded €50.00." });
  });

  it("is refused while a dispute is open", async () => {
    const { paymentIntentId } = await paidPayment(bed, { card: "pm_card_createDispute", amount: "25.00" });
    const disputes = await bed.stripe.disputes.list({ payment_intent: paymentIntentId });
    expect(disputes.data).toHaveLength(1);
    await projectApiObjects(disputes.data, responseStamp(disputes));
    const before = await tableFingerprint();
    const result = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "5.00", reason: "requested_by_customer" });
    expect(result).toMatchObject({ ok: false, code: "not_refundable" });
    expect(result.ok ? "" : result.error).toMatch(/disputed/);
    expect(await tableFingerprint()).toEqual(before);
  });

  it("shows a pending refund and its ARN once Stripe has it", async () => {
    const { paymentIntentId } = await paidPayment(bed, { card: "pm_card_pendingRefund", amount: "10.00" });
    const result = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "10.00", reason: "requested_by_customer", confirmOverBalance: true });
    expect(result).toMatchObject({ ok: true, status: "pending" });
    // A pending refund still holds the money: nothing more is refundable.
    expect((await refundSituation(paymentIntentId))?.remaining).toBe(0n);
    const refundId = result.ok ? result.objectId! : "";
    expect((await db().refund.findUniqueOrThrow({ where: { id: refundId } })).arn).toBeNull();
    // Days later the refund settles and the acquirer reference appears (the webhook's job in the app).
    await bed.control("POST", "/_emulator/clock/advance", { seconds: String(10 * 24 * 3600) });
    const atStripe = await bed.stripe.refunds.retrieve(refundId);
    await projectApiObjects([atStripe], responseStamp(atStripe));
    const settled = await db().refund.findUniqueOrThrow({ where: { id: refundId } });
    expect(settled.status).toBe("succeeded");
    expect(settled.arn).toMatch(/\d{6,}/);
  });

  it("gives the money back to refund when Stripe reports a refund failed", async () => {
    const { paymentIntentId } = await paidPayment(bed, { card: "pm_card_refundFail", amount: "30.00" });
    const result = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "30.00", reason: "requested_by_customer", confirmOverBalance: true });
    expect(result).toMatchObject({ ok: true });
    expect((await refundSituation(paymentIntentId))?.blockedBecause).toBe("This payment has been refunded in full.");
    await bed.control("POST", "/_emulator/clock/advance", { seconds: String(10 * 24 * 3600) });
    const refundId = result.ok ? result.objectId! : "";
    const atStripe = await bed.stripe.refunds.retrieve(refundId);
    await projectApiObjects([atStripe], responseStamp(atStripe));
    const failed = await db().refund.findUniqueOrThrow({ where: { id: refundId } });
    expect(failed.status).toBe("failed");
    expect(failed.failureReason).toBeTruthy();
    expect((await refundSituation(paymentIntentId))?.remaining).toBe(3000n);
  });
});
