import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { openDisputeOn, tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import { pdfText } from "@/tests/support/pdf-text";
import { stageDisputeEvidence } from "../evidence";
import { ALL_FILES_LIMIT_BYTES } from "../evidence-fields";
import { attachCoverLetter, buildCoverLetter } from "./attach";

const bed = useMoneyTestbed();

async function disputeWithDraft() {
  const disputeId = await openDisputeOn(bed, "pm_card_createDisputeProductNotReceived");
  const staged = await stageDisputeEvidence(bed.staff.agent, {
    actionId: randomUUID(),
    disputeId,
    customer_name: "Jenny Rosen",
    shipping_carrier: "UPS",
    shipping_tracking_number: "1Z999AA10123456784",
    refund_policy_disclosure: "Shown at checkout beside the Pay button; returns within 30 days.",
    uncategorized_text: "The customer wrote on 2 March — “it arrived, thanks”.",
  });
  expect(staged).toMatchObject({ ok: true });
  const dispute = await db().dispute.findUniqueOrThrow({ where: { id: disputeId } });
  return { disputeId, paymentIntentId: dispute.paymentIntentId! };
}

describe("dispute cover letter", () => {
  it("is a PDF that names the payment, the amount, the customer, delivery, the refund policy and the conversation", async () => {
    const { disputeId, paymentIntentId } = await disputeWithDraft();
    const built = await buildCoverLetter(bed.staff.agent, disputeId);
    if (!built.ok) throw new Error(built.result.ok ? "" : built.result.error);
    expect(Buffer.from(built.bytes.slice(0, 5)).toString()).toBe("%PDF-");
    const { pages, text } = await pdfText(built.bytes);
    expect(pages).toBe(1);
    expect(text).toContain(`Response to dispute ${disputeId}`);
    expect(text).toContain(paymentIntentId);
    expect(text).toContain("$60.00");
    expect(text).toContain("Jenny Rosen");
    expect(text).toContain("1Z999AA10123456784");
    expect(text).toContain("returns within 30 days");
    // Windows-1252 has the dash and curly quotes, so they print as written.
    expect(text).toContain("2 March — “it arrived, thanks”.");
  });

  it("attaches as uncategorized_file through the Files API, once per action id, within the 4.5 MB budget", async () => {
    const { disputeId } = await disputeWithDraft();
    const actionId = randomUUID();
    const attached = await attachCoverLetter(bed.staff.agent, { actionId, disputeId });
    expect(attached).toMatchObject({ ok: true });
    const fileId = attached.ok ? attached.objectId! : "";
    const file = await bed.stripe.files.retrieve(fileId);
    expect(file).toMatchObject({ purpose: "dispute_evidence", type: "pdf" });
    const row = await db().disputeEvidenceFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(row).toMatchObject({ disputeId, evidenceField: "uncategorized_file", mimeType: "application/pdf", filename: `cover-letter-${disputeId}.pdf` });
    expect(row.size).toBe(file.size);
    expect(attached).toMatchObject({ file: { id: fileId, filename: row.filename, size: row.size } });
    // The row was stored first, and its id is the idempotency key the upload was sent with.
    const action = await db().staffAction.findUniqueOrThrow({ where: { id: actionId } });
    expect(action).toMatchObject({ kind: "dispute.evidence_file.upload", status: "succeeded", objectId: disputeId });
    expect(action.idempotencyKey).toContain(actionId);

    // A double click sends the same action id: the first upload answers, no second file appears.
    expect(await attachCoverLetter(bed.staff.agent, { actionId, disputeId })).toMatchObject({ ok: true, objectId: fileId });
    expect(await db().disputeEvidenceFile.count({ where: { disputeId } })).toBe(1);
  });

  it("is refused when the files would pass 4.5 MB together, and nothing changes", async () => {
    const { disputeId } = await disputeWithDraft();
    // Another file already uses all but 1 KB of the budget.
    await db().disputeEvidenceFile.create({
      data: { id: `file_${randomUUID().replace(/-/g, "")}`, disputeId, evidenceField: "shipping_documentation", filename: "scan.pdf", size: ALL_FILES_LIMIT_BYTES - 1024, mimeType: "application/pdf", uploadedById: bed.staff.agent.id },
    });
    const before = await tableFingerprint();
    const filesBefore = (await bed.stripe.files.list({ limit: 100 })).data.length;
    expect(await attachCoverLetter(bed.staff.agent, { actionId: randomUUID(), disputeId })).toMatchObject({ ok: false, code: "over_budget", error: expect.stringContaining("4.5 MB") });
    expect(await tableFingerprint()).toEqual(before);
    expect((await bed.stripe.files.list({ limit: 100 })).data.length).toBe(filesBefore);
  });

  it("needs the dispute evidence permission to preview or attach", async () => {
    const { disputeId } = await disputeWithDraft();
    const before = await tableFingerprint();
    expect(await buildCoverLetter(bed.staff.view_only, disputeId)).toMatchObject({ ok: false, result: { ok: false, code: "forbidden" } });
    expect(await attachCoverLetter(bed.staff.view_only, { actionId: randomUUID(), disputeId })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await attachCoverLetter(bed.staff.dispute_analyst, { actionId: "not-a-uuid", disputeId })).toMatchObject({ ok: false, code: "invalid" });
    expect(await tableFingerprint()).toEqual(before);
  });
});
