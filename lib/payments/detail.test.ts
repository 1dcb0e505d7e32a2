import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/support/db";
import { recordStripeEvent } from "@/lib/webhooks/record";
import { T0, exampleObject, stripeEvent } from "@/tests/support/webhooks/events";
import { paymentDetail } from "./detail";

useTestDatabase();

const intent = (id: string, charge: string) =>
  exampleObject("payment_intent", { id, created: T0, amount: 5000, amount_received: 5000, currency: "usd", customer: null, latest_charge: charge, status: "succeeded", last_payment_error: null });
const charge = (id: string, pi: string, refunded: number) =>
  exampleObject("charge", {
    id, created: T0, amount: 5000, amount_captured: 5000, amount_refunded: refunded, refunded: false, captured: true, currency: "usd",
    customer: null, payment_intent: pi, status: "succeeded", paid: true, balance_transaction: null, refunds: undefined,
  });
const refund = (id: string, ch: string, pi: string | null, amount: number, created: number) =>
  exampleObject("refund", { id, amount, charge: ch, payment_intent: pi, currency: "usd", status: "succeeded", created, reason: null, balance_transaction: null });

describe("paymentDetail", () => {
  it("lists a refund that names only the charge beside those that name the payment, once each", async () => {
    for (const event of [
      stripeEvent("payment_intent.succeeded", T0, intent("pi_det1", "ch_det1")),
      stripeEvent("charge.succeeded", T0, charge("ch_det1", "pi_det1", 0)),
      stripeEvent("refund.created", T0 + 10, refund("re_det_pi", "ch_det1", "pi_det1", 1000, T0 + 10)),
      stripeEvent("refund.created", T0 + 20, refund("re_det_charge", "ch_det1", null, 500, T0 + 20)),
      stripeEvent("charge.refunded", T0 + 21, charge("ch_det1", "pi_det1", 1500)),
    ]) {
      expect(await recordStripeEvent(event, "webhook")).toMatchObject({ status: "processed" });
    }
    const detail = await paymentDetail("pi_det1");
    expect(detail?.refunds.map((r) => r.id).sort()).toEqual(["re_det_charge", "re_det_pi"]);
    expect(detail?.situation).toMatchObject({ refunded: 1500n, remaining: 3500n });
  });
});
