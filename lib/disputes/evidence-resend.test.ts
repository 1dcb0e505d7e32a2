// A form keeps its action id until an attempt has a final answer, so an evidence draft edited after
// a lost answer comes back under the same id. The action must then not answer from the first
// attempt ("Draft saved") while Stripe keeps the old text: it refuses and says why, and the form's
// next press (a new id, as after any final answer) sends what the form shows.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openDisputeOn, useMoneyTestbed } from "@/tests/support/money-testbed";
import { db } from "@/lib/db";
import { stageDisputeEvidence, submitDisputeEvidence } from "./evidence";
import { uploadEvidenceFile } from "./evidence-files";

const bed = useMoneyTestbed();

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

async function evidenceAtStripe(disputeId: string) {
  return (await bed.stripe.disputes.retrieve(disputeId)).evidence;
}

describe("evidence sent again under the same action id", () => {
  it("with other text is refused as changed, never answered with the first draft's 'Draft saved'", async () => {
    const disputeId = await openDisputeOn(bed);
    const actionId = randomUUID();
    expect(await stageDisputeEvidence(bed.staff.agent, { actionId, disputeId, product_description: "Text A" })).toMatchObject({ ok: true });

    const changed = await stageDisputeEvidence(bed.staff.agent, { actionId, disputeId, product_description: "Text B" });
    expect(changed).toMatchObject({ ok: false, code: "stale_form" });
    expect(!changed.ok && changed.error).toMatch(/evidence changed/i);
    expect(!changed.ok && changed.retryable).toBeFalsy();
    expect((await evidenceAtStripe(disputeId)).product_description).toBe("Text A");

    // The same text again is the same action: its answer, nothing sent twice.
    expect(await stageDisputeEvidence(bed.staff.agent, { actionId, disputeId, product_description: "Text A" })).toMatchObject({ ok: true });
    expect(await db().staffAction.count({ where: { objectId: disputeId, kind: "dispute.evidence.stage" } })).toBe(1);

    // The form draws a new id after that final answer; pressing again sends B.
    expect(await stageDisputeEvidence(bed.staff.agent, { actionId: randomUUID(), disputeId, product_description: "Text B" })).toMatchObject({ ok: true });
    expect((await evidenceAtStripe(disputeId)).product_description).toBe("Text B");
  });

  it("with another file in a field, or on submit, is refused as changed too", async () => {
    const disputeId = await openDisputeOn(bed);
    const upload = async (name: string) => {
      const result = await uploadEvidenceFile(bed.staff.agent, { actionId: randomUUID(), disputeId, field: "receipt", file: new File([PDF], name, { type: "application/pdf" }) });
      if (!result.ok || !result.objectId) throw new Error(JSON.stringify(result));
      return result.objectId;
    };
    const first = await upload("first.pdf");
    const second = await upload("second.pdf");
    const actionId = randomUUID();
    expect(await stageDisputeEvidence(bed.staff.agent, { actionId, disputeId, receipt: first })).toMatchObject({ ok: true });
    expect(await stageDisputeEvidence(bed.staff.agent, { actionId, disputeId, receipt: second })).toMatchObject({ ok: false, code: "stale_form" });
    expect((await evidenceAtStripe(disputeId)).receipt).toBe(first);

    // Stripe takes the submission and every answer is lost, so the form keeps its id.
    await bed.control("POST", "/_emulator/faults", { kind: "commit_then_drop", path: "/v1/disputes/*", method: "POST", count: "1" });
    await bed.control("POST", "/_emulator/faults", { kind: "drop", path: "/v1/disputes/*", method: "POST", count: "2" });
    const submit = { actionId: randomUUID(), disputeId, receipt: first, confirm: "submit" };
    const lost = await submitDisputeEvidence(bed.staff.agent, submit);
    await bed.control("DELETE", "/_emulator/faults");
    expect(lost).toMatchObject({ ok: false, retryable: true });
    expect(await submitDisputeEvidence(bed.staff.agent, { ...submit, receipt: second })).toMatchObject({ ok: false, code: "stale_form" });
    // Sent again as it was, it finds the submission Stripe took.
    expect(await submitDisputeEvidence(bed.staff.agent, submit)).toMatchObject({ ok: true, status: "under_review" });
    expect((await evidenceAtStripe(disputeId)).receipt).toBe(first);
  });
});
