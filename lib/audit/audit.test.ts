import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { refundPayment } from "@/lib/refunds/refund";
import { listStaffActions } from "./queries";
import { paidPayment, useMoneyTestbed } from "@/tests/support/money-testbed";
import { objectTimeline } from "./timeline";

const bed = useMoneyTestbed();

describe("audit view and timelines", () => {
  it("lists each action with its outcome, filtered by person, action and object", async () => {
    const { paymentIntentId, customerId } = await paidPayment(bed);
    await refundPayment(bed.staff.admin, { actionId: randomUUID(), paymentIntentId, amount: "5.00", reason: "duplicate", confirmOverBalance: true });
    await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "500.00", reason: "duplicate" });

    const all = await listStaffActions({});
    expect(all.rows.map((r) => r.kind)).toEqual(["refund.create", "payment.charge", "customer.card_link.send", "customer.create"]);
    const byAdmin = await listStaffActions({ actor: bed.staff.admin.id });
    expect(byAdmin.rows).toHaveLength(1);
    expect(byAdmin.rows[0]).toMatchObject({ kind: "refund.create", status: "succeeded", message: "Refunded $5.00.", actor: { name: "Admin Person" } });
    expect((await listStaffActions({ kind: "payment.charge" })).rows).toHaveLength(1);
    // The charge was taken on the customer and created the payment: both find it.
    expect((await listStaffActions({ object: paymentIntentId })).rows.map((r) => r.kind)).toEqual(["refund.create", "payment.charge"]);
    expect((await listStaffActions({ object: customerId })).rows.map((r) => r.kind)).toEqual(["payment.charge", "customer.card_link.send", "customer.create"]);
  });

  it("shows a charge Stripe held for the customer's 3-D Secure as needing authentication, not failed", async () => {
    const held = (code: string) =>
      db().staffAction.create({
        data: {
          actorId: bed.staff.agent.id, kind: "payment.charge", objectType: "customer", objectId: `cus_held_${code}`, params: {},
          idempotencyKey: `audit-test-${code}`, status: "failed", errorMessage: "The card was declined.", outcome: { code, retryable: false },
        },
      });
    await held("authentication_required");
    await held("card_declined");
    const shown = async (code: string) => (await listStaffActions({ object: `cus_held_${code}` })).rows.map((r) => [r.status, r.shownStatus]);
    expect(await shown("authentication_required")).toEqual([["failed", "needs_authentication"]]);
    expect(await shown("card_declined")).toEqual([["failed", "failed"]]);
  });

  it("pages through the log without repeating or skipping a row", async () => {
    const first = await listStaffActions({});
    const ids = first.rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.next).toBeNull();
  });

  it("merges Stripe's events and staff actions on an object's timeline, oldest first", async () => {
    const { paymentIntentId } = await paidPayment(bed);
    const refund = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "1.00", reason: "duplicate", confirmOverBalance: true });
    const refundId = refund.ok ? refund.objectId! : "";
    // A webhook for the refund, as the webhook projector would have stored it.
    const at = new Date(Date.now() + 1000);
    await db().stripeEvent.create({
      data: {
        id: "evt_test_refund",
        type: "refund.created",
        created: at,
        livemode: false,
        objectId: refundId,
        objectType: "refund",
        payload: { data: { object: { id: refundId, object: "refund", status: "succeeded" } } },
      },
    });
    await db().stripeEventObject.create({ data: { eventId: "evt_test_refund", objectId: refundId, objectType: "refund" } });
    const timeline = await objectTimeline([paymentIntentId, refundId]);
    expect(timeline.map((e) => [e.source, e.kind])).toEqual([
      ["staff", "payment.charge"],
      ["staff", "refund.create"],
      ["stripe", "refund.created"],
    ]);
    expect(timeline[1]).toMatchObject({ actor: "Agent Person", status: "succeeded" });
    expect(timeline[2]).toMatchObject({ title: "Refund created", detail: "Status: Succeeded" });
  });
});
