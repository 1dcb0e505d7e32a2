// The refunds of a payment as its page renders them, after Stripe (the emulator) has decided what
// each refund became: a reversal that will never have an ARN, and a refund the bank sent back.
import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { paidPayment, useMoneyTestbed } from "@/tests/support/money-testbed";
import { projectApiObjects } from "@/lib/audit/project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { paymentDetail } from "@/lib/payments/detail";
import { refundPayment } from "@/lib/refunds/refund";
import { RefundList } from "./refund-list";

const bed = useMoneyTestbed();
const viewer = { locale: "en-US", timeZone: "UTC" };

async function refundNow(paymentIntentId: string, amount: string): Promise<string> {
  const result = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount, reason: "requested_by_customer", confirmOverBalance: true });
  if (!result.ok || !result.objectId) throw new Error(JSON.stringify(result));
  return result.objectId;
}

async function renderRefunds(paymentIntentId: string): Promise<string> {
  const detail = await paymentDetail(paymentIntentId);
  return renderToStaticMarkup(createElement(RefundList, { refunds: detail!.refunds, viewer }));
}

describe("refund list", () => {
  it("says a refund Stripe made as a reversal will never get an ARN, and why, instead of 'pending'", async () => {
    const { paymentIntentId } = await paidPayment(bed, { amount: "25.00" });
    const refundId = await refundNow(paymentIntentId, "25.00");
    // Days later there is still no reference: a reversal never gets one.
    await bed.control("POST", "/_emulator/clock/advance", { seconds: String(10 * 24 * 3600) });
    const later = await bed.stripe.refunds.retrieve(refundId);
    await projectApiObjects([later], responseStamp(later));
    const html = await renderRefunds(paymentIntentId);
    expect(html).not.toContain(">pending<");
    expect(html).toContain("No ARN: Stripe reversed the payment before it settled");
    expect(html).toContain("drops off the customer&#x27;s statement");
  });

  it("says in words why a refund failed and that its amount came back to the balance", async () => {
    const { paymentIntentId } = await paidPayment(bed, { card: "pm_card_refundFail", amount: "30.00" });
    const refundId = await refundNow(paymentIntentId, "30.00");
    await bed.control("POST", "/_emulator/clock/advance", { seconds: String(3 * 3600) });
    const failed = await bed.stripe.refunds.retrieve(refundId);
    expect(failed).toMatchObject({ status: "failed", failure_reason: "expired_or_canceled_card" });
    await projectApiObjects([failed], responseStamp(failed));
    const html = await renderRefunds(paymentIntentId);
    expect(html).toContain("Card expired or canceled");
    expect(html).toContain("$30.00 came back to your Stripe balance");
    expect(html).not.toContain(">pending<");
  });
});
