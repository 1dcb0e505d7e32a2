import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { projectApiObjects } from "@/lib/audit/project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { openDisputeOn, tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import { db } from "@/lib/db";
import { acceptDispute, stageDisputeEvidence, submitDisputeEvidence } from "./evidence";
import { evidenceChecklist, orderedTextFields, TEXT_FIELD_NAMES, TEXT_FIELDS } from "./evidence-fields";
import { sniffEvidenceType, uploadEvidenceFile } from "./evidence-files";

const bed = useMoneyTestbed();

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

const openDispute = (card?: string) => openDisputeOn(bed, card);

describe("dispute evidence", () => {
  it("uploads a file, saves a draft, submits once, and the dispute is won after the clock advances", async () => {
    const disputeId = await openDispute();
    const uploaded = await uploadEvidenceFile(bed.staff.agent, {
      actionId: randomUUID(),
      disputeId,
      field: "receipt",
      file: new File([PDF], "receipt.pdf", { type: "application/pdf" }),
    });
    expect(uploaded).toMatchObject({ ok: true });
    const fileId = uploaded.ok ? uploaded.objectId! : "";
    expect((await bed.stripe.files.retrieve(fileId)).purpose).toBe("dispute_evidence");
    expect(await db().disputeEvidenceFile.findUniqueOrThrow({ where: { id: fileId } })).toMatchObject({ disputeId, evidenceField: "receipt", uploadedById: bed.staff.agent.id });

    const draft = { disputeId, receipt: fileId, uncategorized_text: "winning_evidence", customer_name: "Test Customer" };
    expect(await stageDisputeEvidence(bed.staff.agent, { ...draft, actionId: randomUUID() })).toMatchObject({ ok: true, status: "needs_response" });
    const staged = await db().dispute.findUniqueOrThrow({ where: { id: disputeId } });
    expect(staged).toMatchObject({ hasEvidence: true, evidenceSubmissionCount: 0 });

    // Submitting needs the explicit confirmation.
    expect(await submitDisputeEvidence(bed.staff.agent, { ...draft, actionId: randomUUID() })).toMatchObject({ ok: false, fieldErrors: { confirm: ["Confirm that the evidence is final."] } });
    expect(await submitDisputeEvidence(bed.staff.agent, { ...draft, actionId: randomUUID(), confirm: "submit" })).toMatchObject({ ok: true, status: "under_review" });
    // Final: no more changes.
    expect(await stageDisputeEvidence(bed.staff.agent, { ...draft, actionId: randomUUID() })).toMatchObject({ ok: false, code: "not_answerable" });

    await bed.control("POST", "/_emulator/clock/advance", { seconds: "600" });
    const settled = await bed.stripe.disputes.retrieve(disputeId);
    await projectApiObjects([settled], responseStamp(settled));
    expect((await db().dispute.findUniqueOrThrow({ where: { id: disputeId } })).status).toBe("won");
    const actions = await db().staffAction.findMany({ where: { objectId: disputeId }, orderBy: { createdAt: "asc" } });
    expect(actions.map((a) => [a.kind, a.status])).toEqual([
      ["dispute.evidence_file.upload", "succeeded"],
      ["dispute.evidence.stage", "succeeded"],
      ["dispute.evidence.submit", "succeeded"],
    ]);
  });

  it("refuses files of the wrong kind or size, text over Stripe's limits, and changes nothing", async () => {
    const disputeId = await openDispute();
    const before = await tableFingerprint();
    const upload = (file: File, field = "receipt") => uploadEvidenceFile(bed.staff.agent, { actionId: randomUUID(), disputeId, field, file });
    expect(await upload(new File(["hello"], "notes.txt", { type: "text/plain" }))).toMatchObject({ fieldErrors: { file: ["Only PDF, JPEG and PNG files are accepted."] } });
    expect(await upload(new File([PDF], "fake.png", { type: "image/png" }))).toMatchObject({ fieldErrors: { file: ["The file's content does not match its type. Export it again as PDF, JPEG or PNG."] } });
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PDF);
    expect(await upload(new File([big], "big.pdf", { type: "application/pdf" }))).toMatchObject({ fieldErrors: { file: ["Each file may be at most 5 MB."] } });
    expect(await upload(new File([], "empty.pdf", { type: "application/pdf" }))).toMatchObject({ fieldErrors: { file: ["The file is empty."] } });
    expect(await upload(new File([PDF], "r.pdf", { type: "application/pdf" }), "selfie")).toMatchObject({ fieldErrors: { field: ["Choose what the file shows."] } });

    // Eight long fields at their 20,000 each exceed the 150,000 Stripe allows in total.
    const allText = Object.fromEntries(TEXT_FIELD_NAMES.filter((f) => TEXT_FIELDS[f].long).map((f) => [f, "y".repeat(20_000)]));
    expect(Object.keys(allText)).toHaveLength(8);
    expect(await stageDisputeEvidence(bed.staff.agent, { actionId: randomUUID(), disputeId, ...allText })).toMatchObject({ code: "text_too_long" });
    expect(await stageDisputeEvidence(bed.staff.agent, { actionId: randomUUID(), disputeId, receipt: "file_notours" })).toMatchObject({ code: "unknown_file" });
    expect(await submitDisputeEvidence(bed.staff.agent, { actionId: randomUUID(), disputeId, confirm: "submit" })).toMatchObject({ code: "no_evidence" });
    expect(await tableFingerprint()).toEqual(before);
  });

  it("refuses text over a field's limit with its label, length and limit, never cutting it, and nothing changes", async () => {
    const disputeId = await openDispute();
    const before = await tableFingerprint();
    const stage = (evidence: Record<string, string>) => stageDisputeEvidence(bed.staff.agent, { actionId: randomUUID(), disputeId, ...evidence });
    expect(await stage({ uncategorized_text: "x".repeat(20_412) })).toMatchObject({
      ok: false,
      fieldErrors: { uncategorized_text: ["“Anything else” is 20,412 characters; the limit is 20,000."] },
    });
    expect(await stage({ customer_name: "n".repeat(5_001), product_description: "p".repeat(20_001) })).toMatchObject({
      fieldErrors: { customer_name: ["“Customer name” is 5,001 characters; the limit is 5,000."], product_description: ["“Product or service description” is 20,001 characters; the limit is 20,000."] },
    });
    // Counts are grouped the person's way: "20,412" reads as twenty point four to someone who writes 20.412.
    const inGerman = (evidence: Record<string, string>) => stageDisputeEvidence({ ...bed.staff.agent, locale: "de-DE" }, { actionId: randomUUID(), disputeId, ...evidence });
    expect(await inGerman({ uncategorized_text: "x".repeat(20_412) })).toMatchObject({
      fieldErrors: { uncategorized_text: ["“Anything else” is 20.412 characters; the limit is 20.000."] },
    });
    const allText = Object.fromEntries(TEXT_FIELD_NAMES.filter((f) => TEXT_FIELDS[f].long).map((f) => [f, "y".repeat(20_000)]));
    expect(await inGerman(allText)).toMatchObject({ error: "All text together may be at most 150.000 characters; this is 160.000.", code: "text_too_long" });
    // Whitespace a person typed around long text counts: it is sent as written, so it cannot slip past the limit.
    expect(await stage({ access_activity_log: `  ${"a".repeat(19_999)}\n` })).toMatchObject({
      fieldErrors: { access_activity_log: ["“Access or usage log” is 20,002 characters; the limit is 20,000."] },
    });
    const submitted = await submitDisputeEvidence(bed.staff.agent, { actionId: randomUUID(), disputeId, confirm: "submit", uncategorized_text: "winning_evidence ".repeat(1_300) });
    expect(submitted).toMatchObject({ ok: false, fieldErrors: { uncategorized_text: ["“Anything else” is 22,100 characters; the limit is 20,000."] } });
    // No staff action row, no call to Stripe.
    expect(await tableFingerprint()).toEqual(before);
    const atStripe = await bed.stripe.disputes.retrieve(disputeId);
    expect(atStripe.evidence_details.has_evidence).toBe(false);
    expect(atStripe.evidence.uncategorized_text).toBeNull();
  });

  it("sends long text exactly as written, at its limit, and leaves out fields that are only whitespace", async () => {
    const disputeId = await openDispute();
    const log = `  2026-08-01 10:00 login from 203.0.113.7\n    download receipt.pdf\n${"z".repeat(19_930)}\n\n`;
    expect(log.length).toBeLessThanOrEqual(20_000);
    const full = "f".repeat(20_000);
    expect(await stageDisputeEvidence(bed.staff.agent, { actionId: randomUUID(), disputeId, access_activity_log: log, uncategorized_text: full, product_description: " \n\t " })).toMatchObject({ ok: true });
    const atStripe = await bed.stripe.disputes.retrieve(disputeId);
    expect(atStripe.evidence.access_activity_log).toBe(log);
    expect(atStripe.evidence.uncategorized_text).toBe(full);
    expect(atStripe.evidence.product_description).toBeNull();
  });

  it("holds all files of a dispute to 4.5 MB", async () => {
    const disputeId = await openDispute();
    const file = (size: number, name: string) => {
      const bytes = new Uint8Array(size);
      bytes.set(PDF);
      return new File([bytes], name, { type: "application/pdf" });
    };
    expect(await uploadEvidenceFile(bed.staff.agent, { actionId: randomUUID(), disputeId, field: "receipt", file: file(3 * 1024 * 1024, "a.pdf") })).toMatchObject({ ok: true });
    expect(await uploadEvidenceFile(bed.staff.agent, { actionId: randomUUID(), disputeId, field: "customer_communication", file: file(2 * 1024 * 1024, "b.pdf") })).toMatchObject({
      fieldErrors: { file: ["All files together may be at most 4.5 MB. Make this file smaller or replace another one."] },
    });
    // Replacing the receipt frees its share.
    expect(await uploadEvidenceFile(bed.staff.agent, { actionId: randomUUID(), disputeId, field: "receipt", file: file(4 * 1024 * 1024, "c.pdf") })).toMatchObject({ ok: true });
  });

  it("lets only an admin accept a dispute, after confirming", async () => {
    const disputeId = await openDispute();
    const before = await tableFingerprint();
    for (const actor of [bed.staff.agent, bed.staff.viewer, null]) {
      expect(await acceptDispute(actor, { actionId: randomUUID(), disputeId, confirm: "accept" })).toMatchObject({ ok: false });
      expect(await stageDisputeEvidence(actor === bed.staff.agent ? bed.staff.viewer : actor, { actionId: randomUUID(), disputeId, customer_name: "x" })).toMatchObject({ ok: false });
    }
    expect(await acceptDispute(bed.staff.admin, { actionId: randomUUID(), disputeId })).toMatchObject({ ok: false, fieldErrors: { confirm: ["Confirm that you accept losing this dispute."] } });
    expect(await tableFingerprint()).toEqual(before);
    expect(await acceptDispute(bed.staff.admin, { actionId: randomUUID(), disputeId, confirm: "accept" })).toMatchObject({ ok: true, status: "lost" });
    expect((await db().dispute.findUniqueOrThrow({ where: { id: disputeId } })).status).toBe("lost");
  });

  it("lists the evidence that matters for the reason first and recognises file formats by content", () => {
    expect(evidenceChecklist("product_not_received")).toContain("shipping_tracking_number");
    expect(orderedTextFields("fraudulent")[0]).toBe("customer_name");
    expect(sniffEvidenceType(PDF)).toBe("application/pdf");
    expect(sniffEvidenceType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffEvidenceType(new Uint8Array([1, 2, 3, 4]))).toBeNull();
  });
});
