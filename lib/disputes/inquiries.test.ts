// Inquiries (`warning_*`) are the issuer asking before any chargeback: no money is taken, staff can
// answer them like a dispute, and closing one is not losing a chargeback.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { projectApiObjects } from "@/lib/audit/project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { openDisputeOn, useMoneyTestbed } from "@/tests/support/money-testbed";
import { db } from "@/lib/db";
import { acceptDispute, submitDisputeEvidence } from "./evidence";

const bed = useMoneyTestbed();
const openInquiry = () => openDisputeOn(bed, "pm_card_createDisputeInquiry");

afterEach(async () => {
  await bed.control("DELETE", "/_emulator/faults");
});

async function mirrorFromStripe(disputeId: string) {
  const dispute = await bed.stripe.disputes.retrieve(disputeId);
  await projectApiObjects([dispute], responseStamp(dispute));
  return db().dispute.findUniqueOrThrow({ where: { id: disputeId } });
}

describe("dispute inquiries", () => {
  it("answers an inquiry, which the bank closes without a chargeback and without taking money", async () => {
    const disputeId = await openInquiry();
    expect(await db().dispute.findUniqueOrThrow({ where: { id: disputeId } })).toMatchObject({ status: "warning_needs_response", fundsWithdrawnAt: null });
    const answer = { actionId: randomUUID(), disputeId, uncategorized_text: "winning_evidence", confirm: "submit" };
    expect(await submitDisputeEvidence(bed.staff.agent, answer)).toMatchObject({ ok: true, status: "warning_under_review" });
    await bed.control("POST", "/_emulator/clock/advance", { seconds: "301" });
    const closed = await mirrorFromStripe(disputeId);
    expect(closed).toMatchObject({ status: "warning_closed", fundsWithdrawnAt: null, isChargeRefundable: true });
    expect(await db().balanceTransaction.count({ where: { sourceId: disputeId } })).toBe(0);
  });

  it("closes an accepted inquiry as an inquiry, and says so rather than 'lost'", async () => {
    const disputeId = await openInquiry();
    const accepted = await acceptDispute(bed.staff.admin, { actionId: randomUUID(), disputeId, confirm: "accept" });
    expect(accepted).toMatchObject({ ok: true, status: "warning_closed" });
    expect(accepted.ok ? accepted.message : "").toMatch(/inquiry closed/i);
    expect(accepted.ok ? accepted.message : "").not.toMatch(/lost/i);
  });

  it("reports an inquiry closed by an attempt whose answer was lost as closed, not as Stripe refusing to close it again", async () => {
    const disputeId = await openInquiry();
    const input = { actionId: randomUUID(), disputeId, confirm: "accept" };
    await bed.control("POST", "/_emulator/faults", { kind: "commit_then_drop", path: "/v1/disputes/*", method: "POST", count: "1" });
    await bed.control("POST", "/_emulator/faults", { kind: "drop", path: "/v1/disputes/*", method: "POST", count: "2" });
    expect(await acceptDispute(bed.staff.admin, input)).toMatchObject({ ok: false, retryable: true });
    await bed.control("DELETE", "/_emulator/faults");
    // A day later Stripe has forgotten the key; the action must look the dispute up.
    await bed.control("POST", "/_emulator/clock/advance", { seconds: String(25 * 3600) });
    await db().staffAction.update({ where: { id: input.actionId }, data: { createdAt: new Date(Date.now() - 25 * 3600 * 1000) } });
    expect(await acceptDispute(bed.staff.admin, input)).toMatchObject({ ok: true, status: "warning_closed" });
  });
});
