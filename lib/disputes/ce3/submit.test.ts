// Visa Compelling Evidence 3.0 end to end against the emulator: the history is mirrored into our
// tables, the finder picks the two qualifying payments, and staging then submitting through the
// staff actions sends them in the API's shape, which Stripe (the emulator) records and qualifies.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { projectApiObjects } from "@/lib/audit/project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { db } from "@/lib/db";
import { stageDisputeEvidence, submitDisputeEvidence } from "@/lib/disputes/evidence";
import { tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import { findCe3Candidates } from "./candidates";

const bed = useMoneyTestbed();
const DAY = 86_400;
const IP = "198.51.100.23";
const DEVICE = "imei-356938035643809";

/** One object as Stripe answered it, into our tables as the app writes a response. */
const projectFromStripe = (object: object) => projectApiObjects([object], responseStamp(object));

async function mirroredCharge(paymentIntentId: string): Promise<string> {
  const pi = await bed.stripe.paymentIntents.retrieve(paymentIntentId);
  const charge = await bed.stripe.charges.retrieve(String(pi.latest_charge));
  await projectApiObjects([pi], responseStamp(pi));
  await projectApiObjects([charge], responseStamp(charge));
  return charge.id;
}

async function history() {
  const customer = await bed.stripe.customers.create({ email: "regular@example.com" });
  const pm = await bed.stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
  const pay = async (metadata: Record<string, string>, description = "Coffee subscription") => {
    const pi = await bed.stripe.paymentIntents.create({ amount: 2400, currency: "usd", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true, description, metadata });
    return mirroredCharge(pi.id);
  };
  const advance = (days: number) => bed.control("POST", "/_emulator/clock/advance", { seconds: String(days * DAY) });
  const both = { ip_address: IP, device_id: DEVICE };
  const older = await pay(both, "Coffee subscription, March");
  await advance(10);
  const newer = await pay(both, "Coffee subscription, April");
  const ipOnly = await pay({ ip_address: IP });
  const laterDisputed = await pay(both);
  const earlierDispute = (await bed.control("POST", `/_emulator/charges/${laterDisputed}/dispute`, {})) as { id: string };
  await projectFromStripe(await bed.stripe.disputes.retrieve(earlierDispute.id));
  await advance(190);
  const disputedCharge = await pay(both);
  const created = (await bed.control("POST", `/_emulator/charges/${disputedCharge}/dispute`, { reason: "fraudulent" })) as { id: string };
  await projectFromStripe(await bed.stripe.disputes.retrieve(created.id));
  await projectFromStripe(await bed.stripe.charges.retrieve(disputedCharge));
  return { disputeId: created.id, older, newer, ipOnly, laterDisputed };
}

describe("Visa Compelling Evidence 3.0 on the workbench", () => {
  it("finds the qualifying history, submits it through the staff actions, and Stripe records visa_compelling_evidence_3", async () => {
    const h = await history();
    const found = await findCe3Candidates(h.disputeId);
    expect(found).not.toBeNull();
    expect(found!.stripeStatus).toBe("requires_action");
    expect(found!.candidates.map((c) => [c.transaction.chargeId, c.signals, c.qualifies])).toEqual([
      [h.newer, ["ip", "device"], true],
      [h.older, ["ip", "device"], true],
      [h.ipOnly, ["ip"], false],
    ]);
    expect(found!.candidates.map((c) => c.transaction.chargeId)).not.toContain(h.laterDisputed);
    expect(found!.chosen?.map((c) => c.transaction.chargeId)).toEqual([h.newer, h.older]);

    const choice = { disputeId: h.disputeId, ce3PriorCharges: `${h.newer},${h.older}`, ce3ProductDescription: "Monthly coffee subscription", ce3MerchandiseOrServices: "merchandise" };
    // A viewer may not, and a payment that does not qualify is refused here, before Stripe, changing nothing.
    const before = await tableFingerprint();
    expect(await stageDisputeEvidence({ ...bed.staff.viewer }, { ...choice, actionId: randomUUID() })).toMatchObject({ ok: false });
    expect(await stageDisputeEvidence(bed.staff.agent, { ...choice, actionId: randomUUID(), ce3PriorCharges: `${h.newer},${h.ipOnly}` })).toMatchObject({
      ok: false,
      error: "One of the chosen payments does not qualify for Visa Compelling Evidence 3.0 on this dispute.",
    });
    expect(await stageDisputeEvidence(bed.staff.agent, { ...choice, actionId: randomUUID(), ce3MerchandiseOrServices: "" })).toMatchObject({ ok: false });
    expect(await tableFingerprint()).toEqual(before);

    const staged = await stageDisputeEvidence(bed.staff.agent, { ...choice, actionId: randomUUID() });
    expect(staged).toMatchObject({ ok: true });
    const draft = await bed.stripe.disputes.retrieve(h.disputeId);
    expect(draft.evidence_details.enhanced_eligibility.visa_compelling_evidence_3).toEqual({ status: "qualified", required_actions: [] });

    const actionId = randomUUID();
    const submitted = await submitDisputeEvidence(bed.staff.agent, { ...choice, actionId, confirm: "submit" });
    expect(submitted).toMatchObject({ ok: true });
    const dispute = await bed.stripe.disputes.retrieve(h.disputeId);
    expect(dispute.status).toBe("under_review");
    expect(dispute.evidence_details.submission_count).toBe(1);
    const ce3 = dispute.evidence.enhanced_evidence.visa_compelling_evidence_3!;
    expect(ce3.disputed_transaction).toMatchObject({ customer_purchase_ip: IP, customer_device_id: DEVICE, merchandise_or_services: "merchandise", product_description: "Monthly coffee subscription" });
    expect(ce3.prior_undisputed_transactions.map((p) => [p.charge, p.product_description, p.customer_purchase_ip])).toEqual([
      [h.newer, "Coffee subscription, April", IP],
      [h.older, "Coffee subscription, March", IP],
    ]);
    // The same staff-action row and its idempotency key carried the submission.
    const row = await db().staffAction.findFirstOrThrow({ where: { kind: "dispute.evidence.submit", objectId: h.disputeId } });
    expect(row.status).toBe("succeeded");
    expect((row.params as { fields: string[] }).fields).toContain("enhanced_evidence");
    expect((await db().dispute.findUniqueOrThrow({ where: { id: h.disputeId } })).evidenceSubmissionCount).toBe(1);
  }, 60_000);

  it("is not offered for a dispute Stripe does not mark eligible", async () => {
    const customer = await bed.stripe.customers.create({ email: "once@example.com" });
    const pm = await bed.stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    const pi = await bed.stripe.paymentIntents.create({ amount: 900, currency: "usd", customer: customer.id, payment_method: pm.id, confirm: true, off_session: true });
    const chargeId = await mirroredCharge(pi.id);
    const created = (await bed.control("POST", `/_emulator/charges/${chargeId}/dispute`, { reason: "product_not_received" })) as { id: string };
    await projectFromStripe(await bed.stripe.disputes.retrieve(created.id));
    expect(await findCe3Candidates(created.id)).toBeNull();
    const result = await stageDisputeEvidence(bed.staff.agent, { actionId: randomUUID(), disputeId: created.id, ce3PriorCharges: "ch_a,ch_b", ce3ProductDescription: "x", ce3MerchandiseOrServices: "services" });
    expect(result).toMatchObject({ ok: false, error: "This dispute is not eligible for Visa Compelling Evidence 3.0." });
  });
});
