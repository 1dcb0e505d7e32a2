// Disputes Stripe prevented before they became chargebacks (API 2025-08-27.basil): listed and
// filtered as prevented, never in the queue awaiting a response, the money moved only for a
// resolution, and the page says why there is nothing to answer.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DisputeStatusBadge } from "@/components/badges/status-badge";
import { projectApiObjects } from "@/lib/audit/project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { openDisputeOn, paidPayment, useMoneyTestbed } from "@/tests/support/money-testbed";
import { db } from "@/lib/db";
import { disputeFiltersSchema, disputesAwaitingResponse, listDisputes } from "@/lib/queries/disputes";
import { paymentBadges } from "@/lib/queries/payment-status";
import { listPayments, paymentFiltersSchema } from "@/lib/queries/payments";
import { refundSituation } from "@/lib/refunds/refundable";
import { evidenceReadOnlyNote } from "./read-only";

const bed = useMoneyTestbed();

async function preventedDispute(caseType: "resolution" | "block"): Promise<string> {
  return (await preventedDisputeOnPayment(caseType)).disputeId;
}

async function preventedDisputeOnPayment(caseType: "resolution" | "block"): Promise<{ disputeId: string; paymentIntentId: string }> {
  const { paymentIntentId } = await paidPayment(bed, { amount: "45.00" });
  const chargeId = (await db().paymentIntent.findUniqueOrThrow({ where: { id: paymentIntentId } })).latestChargeId!;
  const created = (await bed.control("POST", `/_emulator/charges/${chargeId}/prevented_dispute`, { case_type: caseType })) as { id: string };
  const dispute = await bed.stripe.disputes.retrieve(created.id);
  await projectApiObjects([dispute], responseStamp(dispute));
  return { disputeId: created.id, paymentIntentId };
}

describe("prevented disputes", () => {
  it("lists and filters a prevented dispute, keeps it out of the response queue, and badges it", async () => {
    const resolved = await preventedDispute("resolution");
    const blocked = await preventedDispute("block");
    const prevented = await listDisputes(disputeFiltersSchema.parse({ status: "prevented" }));
    expect(prevented.rows.map((d) => d.id).sort()).toEqual([resolved, blocked].sort());
    expect(prevented.rows.every((d) => d.dueBy === null)).toBe(true);
    expect((await listDisputes(disputeFiltersSchema.parse({ status: "needs_response" }))).rows.map((d) => d.id)).not.toContain(resolved);
    expect((await disputesAwaitingResponse(100)).map((d) => d.id)).not.toContain(blocked);
    const badge = renderToStaticMarkup(createElement(DisputeStatusBadge, { status: "prevented" }));
    expect(badge).toContain(">Prevented<");
    expect(badge).toContain("bg-emerald-50");
  });

  it("records the money a resolution took and none for a block, and says why neither can be answered", async () => {
    const resolved = await db().dispute.findUniqueOrThrow({ where: { id: await preventedDispute("resolution") } });
    const blocked = await db().dispute.findUniqueOrThrow({ where: { id: await preventedDispute("block") } });
    expect(resolved.fundsWithdrawnAt).not.toBeNull();
    expect(blocked.fundsWithdrawnAt).toBeNull();
    expect(evidenceReadOnlyNote(resolved, true)).toBe(
      "Stripe resolved this dispute before it became a chargeback: the customer was refunded through it, with no dispute fee. There is nothing to answer.",
    );
    expect(evidenceReadOnlyNote(blocked, true)).toMatch(/^Stripe blocked this dispute before it became a chargeback .*no money moved/);
    // The other notes are as before.
    expect(evidenceReadOnlyNote({ ...resolved, status: "lost" }, true)).toBe("This dispute is lost: evidence can no longer be added.");
    expect(evidenceReadOnlyNote({ ...resolved, status: "needs_response" }, false)).toBe("Your role can read the evidence but not change it.");
    expect(evidenceReadOnlyNote({ ...resolved, status: "needs_response" }, true)).toBeNull();
  });

  it("offers no refund once a resolution refunded the customer through the dispute, and the full refund after a block", async () => {
    const resolved = await preventedDisputeOnPayment("resolution");
    const situation = await refundSituation(resolved.paymentIntentId);
    expect(situation?.blockedBecause).toBe("Stripe resolved a dispute on this payment by refunding the customer through it: there is nothing left to refund.");
    // Stripe agrees: the charge is no longer refundable.
    const chargeId = situation!.chargeId!;
    await expect(bed.stripe.refunds.create({ charge: chargeId })).rejects.toMatchObject({ code: "charge_disputed" });
    const blocked = await preventedDisputeOnPayment("block");
    expect(await refundSituation(blocked.paymentIntentId)).toMatchObject({ blockedBecause: null, remaining: 4500n });
  });

  it("does not mark the payment disputed, in its badges or the Disputed filter, while a real dispute still does", async () => {
    const resolved = await preventedDisputeOnPayment("resolution");
    const blocked = await preventedDisputeOnPayment("block");
    // The charges as Stripe now renders them, whatever their `disputed` says (UNCONFIRMED for a prevented dispute).
    for (const { paymentIntentId } of [resolved, blocked]) {
      const chargeId = (await db().paymentIntent.findUniqueOrThrow({ where: { id: paymentIntentId } })).latestChargeId!;
      const charge = await bed.stripe.charges.retrieve(chargeId);
      await projectApiObjects([charge], responseStamp(charge));
    }
    const real = (await db().dispute.findUniqueOrThrow({ where: { id: await openDisputeOn(bed) } })).paymentIntentId!;
    const disputedFilter = (await listPayments(paymentFiltersSchema.parse({ status: "disputed" }), { timeZone: "UTC", limit: 100 })).rows.map((r) => r.id);
    expect(disputedFilter).toEqual([real]);
    for (const { paymentIntentId } of [resolved, blocked]) {
      const payment = await db().paymentIntent.findUniqueOrThrow({ where: { id: paymentIntentId } });
      expect(payment.disputed).toBe(false);
      expect(paymentBadges(payment)).not.toContain("disputed");
    }
    expect(paymentBadges(await db().paymentIntent.findUniqueOrThrow({ where: { id: real } }))).toContain("disputed");
  });

  it("recounts a payment an older summary marked disputed for a prevented dispute, and leaves a real dispute's", async () => {
    const prevented = await preventedDisputeOnPayment("resolution");
    const real = (await db().dispute.findUniqueOrThrow({ where: { id: await openDisputeOn(bed) } })).paymentIntentId!;
    // As the summary before this rule left them.
    await db().paymentIntent.updateMany({ where: { id: { in: [prevented.paymentIntentId, real] } }, data: { disputed: true } });
    const directory = path.join(process.cwd(), "prisma/migrations");
    const migration = readdirSync(directory).find((name) => name.endsWith("_recount_prevented_disputes"))!;
    await db().$executeRawUnsafe(readFileSync(path.join(directory, migration, "migration.sql"), "utf8").replace(/^--.*$/gm, ""));
    expect((await db().paymentIntent.findUniqueOrThrow({ where: { id: prevented.paymentIntentId } })).disputed).toBe(false);
    expect((await db().paymentIntent.findUniqueOrThrow({ where: { id: real } })).disputed).toBe(true);
  });

  it("counts a charge Stripe marks disputed before its dispute arrives, and stops once the dispute is a prevented one", async () => {
    const { paymentIntentId } = await paidPayment(bed, { amount: "45.00" });
    const chargeId = (await db().paymentIntent.findUniqueOrThrow({ where: { id: paymentIntentId } })).latestChargeId!;
    const created = (await bed.control("POST", `/_emulator/charges/${chargeId}/prevented_dispute`, { case_type: "block" })) as { id: string };
    const charge = await bed.stripe.charges.retrieve(chargeId);
    await projectApiObjects([charge], responseStamp(charge));
    // The charge alone, with the emulator's `disputed: true`: nothing says yet that the dispute was prevented.
    expect((await db().paymentIntent.findUniqueOrThrow({ where: { id: paymentIntentId } })).disputed).toBe(true);
    const dispute = await bed.stripe.disputes.retrieve(created.id);
    await projectApiObjects([dispute], responseStamp(dispute));
    expect((await db().paymentIntent.findUniqueOrThrow({ where: { id: paymentIntentId } })).disputed).toBe(false);
  });
});
