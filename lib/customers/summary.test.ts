// A customer's lifetime figures come from their own payments only, per currency, and list the
// refunds and disputes of those payments.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { customerMoney } from "./summary";

useTestDatabase();

const base = { livemode: false, data: {}, syncedAt: new Date() };
const at = (minutes: number) => new Date(Date.parse("2026-10-01T00:00:00Z") + minutes * 60_000);

beforeAll(async () => {
  const payment = (id: string, customerId: string | null, status: string, amount: bigint, currency: string, refunded = 0n) => ({
    ...base, id, created: at(1), customerId, status, amount, amountReceived: status === "succeeded" ? amount : 0n, amountRefunded: refunded, currency,
  });
  await db().paymentIntent.createMany({
    data: [
      payment("pi_c1", "cus_rich", "succeeded", 5000n, "usd", 1500n),
      payment("pi_c2", "cus_rich", "succeeded", 2500n, "usd"),
      payment("pi_c3", "cus_rich", "succeeded", 1000n, "jpy"),
      payment("pi_c4", "cus_rich", "requires_payment_method", 9999n, "usd"),
      payment("pi_other", "cus_other", "succeeded", 7000n, "usd", 7000n),
    ],
  });
  await db().refund.createMany({
    data: [
      { ...base, id: "re_c1", created: at(2), status: "succeeded", amount: 1000n, currency: "usd", paymentIntentId: "pi_c1" },
      { ...base, id: "re_c2", created: at(3), status: "pending", amount: 500n, currency: "usd", paymentIntentId: "pi_c1" },
      { ...base, id: "re_other", created: at(4), status: "succeeded", amount: 7000n, currency: "usd", paymentIntentId: "pi_other" },
    ],
  });
  await db().dispute.createMany({
    data: [
      { ...base, id: "dp_c3", created: at(5), status: "needs_response", reason: "fraudulent", amount: 1000n, currency: "jpy", paymentIntentId: "pi_c3" },
      { ...base, id: "dp_other", created: at(6), status: "lost", reason: "fraudulent", amount: 7000n, currency: "usd", paymentIntentId: "pi_other" },
      // Stripe stopped it before it became a chargeback: listed, but not counted as disputed.
      { ...base, id: "dp_c1_prevented", created: at(7), status: "prevented", reason: "fraudulent", amount: 5000n, currency: "usd", paymentIntentId: "pi_c1" },
    ],
  });
});

describe("customerMoney", () => {
  it("adds up succeeded payments, refunds and disputes (not prevented ones) per currency, for this customer only", async () => {
    const money = await customerMoney("cus_rich");
    expect(money.totals).toEqual([
      { currency: "jpy", payments: 1, spent: 1000n, refunded: 0n, net: 1000n, disputes: 1, disputed: 1000n },
      { currency: "usd", payments: 2, spent: 7500n, refunded: 1500n, net: 6000n, disputes: 0, disputed: 0n },
    ]);
    expect(money.refunds.map((r) => r.id)).toEqual(["re_c2", "re_c1"]);
    expect(money.disputes.map((d) => d.id)).toEqual(["dp_c1_prevented", "dp_c3"]);
  });

  it("answers nothing for a customer without payments", async () => {
    expect(await customerMoney("cus_nobody")).toEqual({ totals: [], refunds: [], disputes: [] });
  });
});
