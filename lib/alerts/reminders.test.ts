import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { until, useMirroredEmulator } from "@/tests/support/webhooks/mirrored-emulator";
import { reminderSlot, scanDisputeReminders } from "./reminders";

useTestDatabase();
const bed = useMirroredEmulator();
const HOUR = 3600;

describe("reminder slots", () => {
  const due = new Date("2026-12-10T12:00:00Z");
  const before = (hours: number) => new Date(due.getTime() - hours * HOUR * 1000);
  it.each([
    [100, null],
    [72, 72],
    [71, 72],
    [24.5, 72],
    [24, 24],
    [1, 24],
    [0, null],
    [-5, null],
  ] as const)("%s hours before the deadline → %s", (hours, slot) => {
    expect(reminderSlot(due, before(hours))).toBe(slot);
  });
});

describe("the dispute evidence reminder scan, on the emulator's clock", () => {
  beforeAll(async () => {
    await db().staffUser.createMany({
      data: [
        { email: "ada@shop.test", name: "Ada", roles: ["administrator"], passwordHash: "unused" },
        { email: "vera@shop.test", name: "Vera", roles: ["view_only"], passwordHash: "unused" },
      ],
    });
  });

  async function openDispute(): Promise<{ id: string; dueBy: number }> {
    const pi = await bed.stripe.paymentIntents.create({ amount: 4200, currency: "usd", payment_method: "pm_card_createDispute", confirm: true });
    const dispute = (await bed.stripe.disputes.list({ payment_intent: pi.id })).data[0]!;
    await until(`dispute ${dispute.id} in the mirror`, () => db().dispute.findUnique({ where: { id: dispute.id } }));
    return { id: dispute.id, dueBy: dispute.evidence_details.due_by! };
  }

  const reminders = async () =>
    (await db().alert.findMany({ where: { rule: "dispute.evidence_due" }, include: { recipient: true } }))
      .map((a) => `${a.objectId} ${(a.facts as { hoursBefore: number }).hoursBefore}h → ${a.recipient.name}`)
      .sort();

  it("raises one reminder per recipient 72 hours before due_by, and the 24-hour one only while no evidence is submitted", async () => {
    const answered = await openDispute();
    const waiting = await openDispute();
    const dueBy = Math.min(answered.dueBy, waiting.dueBy);
    // Nothing before 72 hours.
    expect(await scanDisputeReminders(new Date((await bed.now()) * 1000))).toBe(0);

    await bed.advance(dueBy - 71 * HOUR - (await bed.now()));
    const at71 = new Date((await bed.now()) * 1000);
    await scanDisputeReminders(at71);
    await scanDisputeReminders(at71);
    await scanDisputeReminders(new Date(at71.getTime() + 60_000));
    expect(await reminders()).toEqual([
      `${answered.id} 72h → Ada`, `${answered.id} 72h → Vera`, `${waiting.id} 72h → Ada`, `${waiting.id} 72h → Vera`,
    ].sort());
    const one = await db().alert.findFirstOrThrow({ where: { rule: "dispute.evidence_due", objectId: waiting.id } });
    expect(one.sourceKey).toBe(`schedule:dispute:${waiting.id}:${new Date(waiting.dueBy * 1000).toISOString()}:72h`);

    // Evidence submitted: Stripe moves the dispute to under review, and the webhook tells the mirror.
    await bed.stripe.disputes.update(answered.id, { evidence: { uncategorized_text: "Delivered on time, signed for." }, submit: true });
    await until("the answered dispute under review in the mirror", async () => (await db().dispute.findUniqueOrThrow({ where: { id: answered.id } })).status !== "needs_response");

    await bed.advance(dueBy - 23 * HOUR - (await bed.now()));
    await until("the mirror to settle", async () => (await db().stripeEvent.count({ where: { status: { not: "processed" }, type: { startsWith: "charge.dispute" } } })) === 0);
    await scanDisputeReminders(new Date((await bed.now()) * 1000));
    expect(await reminders()).toEqual([
      `${answered.id} 72h → Ada`, `${answered.id} 72h → Vera`, `${waiting.id} 24h → Ada`, `${waiting.id} 24h → Vera`, `${waiting.id} 72h → Ada`, `${waiting.id} 72h → Vera`,
    ].sort());
  });
});
