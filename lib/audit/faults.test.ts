// Stripe sees one request per staff action whatever the network does: 500s, dropped connections,
// and "commit then drop" (Stripe did the work, the answer never arrived), during a charge and a
// refund, whether the SDK's own retries recover or the member of staff presses the button again.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { chargeSavedCard } from "@/lib/payments/charge";
import { refundPayment } from "@/lib/refunds/refund";
import { paidPayment, useMoneyTestbed } from "@/tests/support/money-testbed";

const bed = useMoneyTestbed();

afterEach(async () => {
  await bed.control("DELETE", "/_emulator/faults");
});

const FAULTS: Array<[string, Record<string, string>]> = [
  ["a 500", { kind: "status", status: "500" }],
  ["a dropped connection", { kind: "drop" }],
  ["commit then drop", { kind: "commit_then_drop" }],
];

describe("exactly one charge", () => {
  for (const [name, fault] of FAULTS) {
    it(`with ${name} on the first attempt (the SDK retries with the same key)`, async () => {
      const { customerId, paymentMethodId } = await paidPayment(bed);
      await bed.control("POST", "/_emulator/faults", { ...fault, path: "/v1/payment_intents", method: "POST", count: "1" });
      const input = { actionId: randomUUID(), customerId, paymentMethodId, amount: "7.00", currency: "usd", description: "Fault" };
      const result = await chargeSavedCard(bed.staff.agent, input);
      expect(result).toMatchObject({ ok: true });
      const charges = (await bed.stripe.paymentIntents.list({ customer: customerId })).data.filter((p) => p.amount === 700);
      expect(charges).toHaveLength(1);
    });

    it(`with ${name} on every attempt, then the same form sent again`, async () => {
      const { customerId, paymentMethodId } = await paidPayment(bed);
      // The SDK tries three times (maxNetworkRetries 2): all three fail.
      await bed.control("POST", "/_emulator/faults", { ...fault, path: "/v1/payment_intents", method: "POST", count: "3" });
      const input = { actionId: randomUUID(), customerId, paymentMethodId, amount: "8.00", currency: "usd", description: "Fault" };
      const first = await chargeSavedCard(bed.staff.agent, input);
      // After a commit the emulator answers the SDK's retry from its idempotency store, as Stripe does.
      if (!first.ok) {
        expect(first).toMatchObject({ ok: false, retryable: true });
        expect(await db().staffAction.findUniqueOrThrow({ where: { id: input.actionId } })).toMatchObject({ status: "failed" });
      }
      const second = await chargeSavedCard(bed.staff.agent, input);
      expect(second).toMatchObject({ ok: true, status: "succeeded" });
      const charges = (await bed.stripe.paymentIntents.list({ customer: customerId })).data.filter((p) => p.amount === 800);
      expect(charges).toHaveLength(1);
      expect(await db().staffAction.count({ where: { id: input.actionId } })).toBe(1);
      expect(await db().staffAction.findUniqueOrThrow({ where: { id: input.actionId } })).toMatchObject({ status: "succeeded" });
    });
  }
});

describe("exactly one refund", () => {
  for (const [name, fault] of FAULTS) {
    it(`with ${name} on the first attempt`, async () => {
      const { paymentIntentId } = await paidPayment(bed);
      await bed.control("POST", "/_emulator/faults", { ...fault, path: "/v1/refunds", method: "POST", count: "1" });
      const result = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "10.00", reason: "requested_by_customer", confirmOverBalance: true });
      expect(result).toMatchObject({ ok: true });
      expect((await bed.stripe.refunds.list({ payment_intent: paymentIntentId })).data).toHaveLength(1);
    });

    it(`with ${name} on every attempt, then the same form sent again`, async () => {
      const { paymentIntentId } = await paidPayment(bed);
      await bed.control("POST", "/_emulator/faults", { ...fault, path: "/v1/refunds", method: "POST", count: "3" });
      const input = { actionId: randomUUID(), paymentIntentId, amount: "10.00", reason: "requested_by_customer", confirmOverBalance: true };
      const first = await refundPayment(bed.staff.agent, input);
      if (!first.ok) expect(first).toMatchObject({ ok: false, retryable: true });
      expect(await refundPayment(bed.staff.agent, input)).toMatchObject({ ok: true });
      expect((await bed.stripe.refunds.list({ payment_intent: paymentIntentId })).data).toHaveLength(1);
    });
  }

  it("two concurrent submissions of one form give one refund", async () => {
    const { paymentIntentId } = await paidPayment(bed);
    await bed.control("POST", "/_emulator/faults", { kind: "latency", latency_ms: "200", path: "/v1/refunds", method: "POST" });
    const input = { actionId: randomUUID(), paymentIntentId, amount: "10.00", reason: "requested_by_customer", confirmOverBalance: true };
    const results = await Promise.all([refundPayment(bed.staff.agent, input), refundPayment(bed.staff.agent, input)]);
    expect(results.some((r) => r.ok)).toBe(true);
    expect((await bed.stripe.refunds.list({ payment_intent: paymentIntentId })).data).toHaveLength(1);
    expect(await db().staffAction.findUniqueOrThrow({ where: { id: input.actionId } })).toMatchObject({ status: "succeeded" });
  });
});
