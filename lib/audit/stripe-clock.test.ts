// What a staff action's response writes into the mirror is ordered against webhooks by Stripe's
// clock: the events' `created` and the response's Date. Our clock is neither, and Stripe's and ours
// differ (by milliseconds within a second, or by days when the emulator's clock is moved).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { editCustomer } from "@/lib/customers/edit";
import { refundPayment } from "@/lib/refunds/refund";
import { useTestDatabase } from "@/tests/support/db";
import { until, useMirroredEmulator, type MirroredEmulator } from "@/tests/support/webhooks/mirrored-emulator";
import type { StaffActor } from "./staff-action";

useTestDatabase();

const DAY = 86_400;
const machineNow = () => Math.floor(Date.now() / 1000);
// Webhooks take their time on a busy machine; a missing one still fails the test.
const UNDER_LOAD_MS = 30_000;

let staff: StaffActor;
beforeAll(async () => {
  const row = await db().staffUser.create({
    data: { email: "clock@stamp.test", name: "Clock Person", roles: ["support_specialist", "refund_analyst"], passwordHash: "unused" },
  });
  staff = { id: row.id, roles: row.roles };
});

/** A card payment, captured, with its charge and PaymentIntent in our tables (from their webhooks). */
async function mirroredPayment(bed: MirroredEmulator, card: string): Promise<string> {
  const intent = await bed.stripe.paymentIntents.create({ amount: 5000, currency: "usd", payment_method: card, confirm: true });
  await until("the payment mirrored", async () => {
    const charge = await db().charge.findUnique({ where: { id: String(intent.latest_charge) } });
    return charge?.captured && (await db().paymentIntent.findUnique({ where: { id: intent.id } }))?.status === "succeeded";
  }, UNDER_LOAD_MS);
  return intent.id;
}

async function refund(paymentIntentId: string): Promise<string> {
  const result = await refundPayment(staff, { actionId: randomUUID(), paymentIntentId, amount: "5.00", reason: "requested_by_customer", confirmOverBalance: "true" });
  if (!result.ok || !result.objectId) throw new Error(JSON.stringify(result));
  return result.objectId;
}

/** Waits until the event of this type about this object was processed (applied or refused). */
async function processed(type: string, objectId: string): Promise<{ created: Date }> {
  return until(`${type} for ${objectId} processed`, async () => {
    const rows = await db().$queryRawUnsafe<{ created: Date }[]>(
      `SELECT created FROM stripe_events WHERE type = $1 AND status = 'processed' AND object_id = $2`,
      type,
      objectId,
    );
    return rows[0] ?? null;
  }, UNDER_LOAD_MS);
}

describe("a change Stripe makes in the second of the action's response", () => {
  const bed = useMirroredEmulator();

  it("reaches the mirror with its webhook, though our clock read the response later in that second", async () => {
    const paymentIntentId = await mirroredPayment(bed, "pm_card_visa");
    // The change must fall in the refund's own second; a round that crossed into the next one
    // proves nothing either way, and is made again.
    for (let round = 0; round < 5; round++) {
      // From the start of a fresh second (the emulator's clock is the machine's here).
      await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
      const refundId = await refund(paymentIntentId);
      // Someone else (the Dashboard, say) notes something on the refund at once.
      const noted = await bed.stripe.refunds.update(refundId, { metadata: { note: `round ${round}` } });
      const event = await processed("refund.updated", refundId);
      if (event.created.getTime() / 1000 !== noted.created) continue;
      await processed("refund.created", refundId);
      const row = await db().refund.findUniqueOrThrow({ where: { id: refundId } });
      expect((row.data as { metadata?: Record<string, string> }).metadata).toMatchObject({ note: `round ${round}` });
      return;
    }
    throw new Error("no round made the change in the refund's second");
  }, 180_000);
});

describe("when our clock is a day ahead of Stripe's", () => {
  const bed = useMirroredEmulator({ clockStart: machineNow() - DAY });

  it("a pending refund made by the action is shown succeeded once Stripe's webhook says so", async () => {
    const paymentIntentId = await mirroredPayment(bed, "pm_card_pendingRefund");
    const refundId = await refund(paymentIntentId);
    expect(await db().refund.findUnique({ where: { id: refundId } })).toMatchObject({ status: "pending" });
    await processed("refund.created", refundId);

    await bed.advance(3600); // Stripe settles the refund (emulator/README.md "Time")
    await processed("refund.updated", refundId);
    expect(await db().refund.findUnique({ where: { id: refundId } })).toMatchObject({ status: "succeeded" });
  }, 120_000);
});

describe("when Stripe's clock is 200 days ahead of ours", () => {
  const bed = useMirroredEmulator({ clockStart: machineNow() + 200 * DAY });

  it("the action's own write shows at once, though a webhook of Stripe's earlier state is held", async () => {
    const customer = await bed.stripe.customers.create({ name: "Ada Early", email: "ada@example.com" });
    await processed("customer.created", customer.id);
    // Nothing but the action's response may change our copy from here.
    const endpoints = await bed.stripe.webhookEndpoints.list();
    for (const e of endpoints.data) await bed.stripe.webhookEndpoints.update(e.id, { disabled: true });
    try {
      const edited = await editCustomer(staff, { actionId: randomUUID(), customerId: customer.id, name: "Ada Later", email: "ada@example.com", phone: "", metadata: "" });
      expect(edited).toMatchObject({ ok: true });
      expect(await db().customer.findUnique({ where: { id: customer.id } })).toMatchObject({ name: "Ada Later" });
    } finally {
      for (const e of endpoints.data) await bed.stripe.webhookEndpoints.update(e.id, { disabled: false });
    }
  }, 120_000);
});
