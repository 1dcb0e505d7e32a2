import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISPUTE_DECISION_DELAY } from "../resources/disputes";
import { DISPUTE_EVIDENCE_MAX_BYTES } from "../resources/files";
import { paidCustomerPayment, SECRET_KEY, startTestEmulator, stripeError, type TestEmulator } from "./helpers";

let emu: TestEmulator;
let stripe: Stripe;
beforeAll(async () => {
  emu = await startTestEmulator();
  stripe = emu.stripe;
});
afterAll(() => emu.close());

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function disputed(card = "pm_card_createDispute") {
  const { pi, chargeId } = await paidCustomerPayment(stripe, card, 5000);
  const list = await stripe.disputes.list({ payment_intent: pi.id });
  expect(list.data).toHaveLength(1);
  return { pi, chargeId, dispute: list.data[0]! };
}

describe("disputes", () => {
  it("opens a fraudulent chargeback, withdraws funds with a fee and blocks refunds", async () => {
    const { chargeId, dispute } = await disputed();
    expect(dispute).toMatchObject({ status: "needs_response", reason: "fraudulent", amount: 5000, charge: chargeId, is_charge_refundable: false });
    expect(dispute.evidence_details.due_by).toBeGreaterThan(Math.floor(Date.now() / 1000));
    expect(dispute.balance_transactions).toHaveLength(1);
    expect(dispute.balance_transactions[0]).toMatchObject({ amount: -5000, fee: 1500, net: -6500, type: "adjustment", reporting_category: "dispute" });
    expect((await stripe.charges.retrieve(chargeId)).disputed).toBe(true);
    const refund = await stripeError(() => stripe.refunds.create({ charge: chargeId }));
    expect(refund.code).toBe("charge_disputed");
    const types = (await stripe.events.list({ limit: 5 })).data.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(["charge.dispute.funds_withdrawn", "charge.dispute.created"]);
  });

  it("stages evidence, submits once with winning_evidence and closes as won after the clock advances", async () => {
    const { dispute } = await disputed();
    const file = await stripe.files.create({ purpose: "dispute_evidence", file: { data: PNG, name: "receipt.png", type: "image/png" } });
    expect(file).toMatchObject({ object: "file", purpose: "dispute_evidence", type: "png", size: PNG.length });
    const staged = await stripe.disputes.update(dispute.id, { evidence: { customer_name: "Jenny Rosen", receipt: file.id }, submit: false });
    expect(staged.status).toBe("needs_response");
    expect(staged.evidence_details).toMatchObject({ has_evidence: true, submission_count: 0 });
    expect(staged.evidence.receipt).toBe(file.id);
    const submitted = await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "winning_evidence" }, submit: true });
    expect(submitted.status).toBe("under_review");
    expect(submitted.evidence_details.submission_count).toBe(1);
    expect(submitted.evidence.customer_name).toBe("Jenny Rosen");
    const second = await stripeError(() => stripe.disputes.update(dispute.id, { evidence: { customer_name: "x" } }));
    expect(second.type).toBe("StripeInvalidRequestError");
    await emu.advance(DISPUTE_DECISION_DELAY + 1);
    const won = await stripe.disputes.retrieve(dispute.id);
    expect(won.status).toBe("won");
    expect(won.balance_transactions.map((t) => t.reporting_category)).toEqual(["dispute", "dispute_reversal"]);
    const types = (await stripe.events.list({ limit: 3 })).data.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["charge.dispute.closed", "charge.dispute.funds_reinstated"]));
    const updated = await stripe.events.list({ type: "charge.dispute.updated", limit: 1 });
    expect(updated.data[0]?.data.previous_attributes).toHaveProperty("status", "needs_response");
  });

  it("closes as lost with losing_evidence, and accepting (close) loses at once", async () => {
    const { dispute } = await disputed("pm_card_createDisputeProductNotReceived");
    expect(dispute.reason).toBe("product_not_received");
    await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "losing_evidence" } });
    await emu.advance(DISPUTE_DECISION_DELAY + 1);
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe("lost");

    const other = await disputed();
    const closed = await stripe.disputes.close(other.dispute.id);
    expect(closed.status).toBe("lost");
    const again = await stripeError(() => stripe.disputes.close(other.dispute.id));
    expect(again.type).toBe("StripeInvalidRequestError");
  });

  it("opens an inquiry without moving funds, and loses an unanswered dispute at its deadline", async () => {
    const { dispute, chargeId } = await disputed("pm_card_createDisputeInquiry");
    expect(dispute).toMatchObject({ status: "warning_needs_response", is_charge_refundable: true, balance_transactions: [] });
    const refund = await stripe.refunds.create({ charge: chargeId, amount: 100 });
    expect(refund.status).toBe("succeeded");
    const unanswered = await disputed();
    await emu.advance(8 * 86_400);
    const late = await stripe.disputes.retrieve(unanswered.dispute.id);
    expect(late.status).toBe("lost");
    expect(late.evidence_details.past_due).toBe(true);
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe("warning_closed");
  });

  it("never submits staged evidence for the merchant: at due_by a dispute with only a draft is lost, an inquiry closed", async () => {
    const chargeback = await disputed();
    const inquiry = await disputed("pm_card_createDisputeInquiry");
    for (const { dispute } of [chargeback, inquiry]) {
      // Even a draft that would win if submitted stays a draft.
      await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "winning_evidence" }, submit: false });
    }
    await emu.advance(8 * 86_400);
    const lost = await stripe.disputes.retrieve(chargeback.dispute.id);
    expect(lost).toMatchObject({ status: "lost", evidence_details: { has_evidence: true, submission_count: 0, past_due: true } });
    expect(await stripe.disputes.retrieve(inquiry.dispute.id)).toMatchObject({ status: "warning_closed", evidence_details: { submission_count: 0 } });
  });

  it("closes an inquiry answered with winning_evidence as warning_closed, never taking funds", async () => {
    const { dispute } = await disputed("pm_card_createDisputeInquiry");
    const answered = await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "winning_evidence" } });
    expect(answered).toMatchObject({ status: "warning_under_review", evidence_details: { submission_count: 1 } });
    await emu.advance(DISPUTE_DECISION_DELAY);
    const closed = await stripe.disputes.retrieve(dispute.id);
    expect(closed).toMatchObject({ status: "warning_closed", balance_transactions: [], is_charge_refundable: true });
    const events = (await stripe.events.list({ limit: 100 })).data.filter((e) => (e.data.object as { id?: string }).id === dispute.id).map((e) => e.type);
    expect(events).toContain("charge.dispute.closed");
    expect(events).not.toContain("charge.dispute.funds_withdrawn");
    expect((await stripe.balanceTransactions.list({ source: dispute.id })).data).toEqual([]);
  });

  it("escalates an inquiry answered with losing_evidence to a chargeback, which withdraws the funds and has its own deadline", async () => {
    const { dispute } = await disputed("pm_card_createDisputeInquiry");
    await emu.advance(6 * 86_400);
    await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "losing_evidence" } });
    await emu.advance(DISPUTE_DECISION_DELAY);
    const escalated = await stripe.disputes.retrieve(dispute.id);
    expect(escalated).toMatchObject({ status: "needs_response", is_charge_refundable: false, evidence_details: { submission_count: 0, past_due: false } });
    expect(escalated.payment_method_details?.card?.case_type).toBe("chargeback");
    expect(escalated.balance_transactions).toHaveLength(1);
    // The inquiry's first deadline passes; the chargeback's does not end it.
    await emu.advance(2 * 86_400);
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe("needs_response");
    await emu.advance(6 * 86_400);
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe("lost");
  });

  it("refuses evidence text over Stripe's per-field limits, changing nothing and keeping nothing under the key", async () => {
    const { dispute } = await disputed();
    const long = "L".repeat(10) + "x".repeat(19_981) + "R".repeat(10);
    const tooLong = await stripeError(() => stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: long }, submit: false }, { idempotencyKey: "evidence-too-long" }));
    expect(tooLong).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", param: "evidence[uncategorized_text]" });
    expect(tooLong.message).toBe("Invalid string: LLLLLLLLLL...RRRRRRRRRR; must be at most 20000 characters");
    const name = await stripeError(() => stripe.disputes.update(dispute.id, { evidence: { customer_name: "n".repeat(5_001) }, submit: false }));
    expect(name).toMatchObject({ statusCode: 400, param: "evidence[customer_name]", message: "Invalid string: nnnnnnnnnn...nnnnnnnnnn; must be at most 5000 characters" });
    const unchanged = await stripe.disputes.retrieve(dispute.id);
    expect(unchanged.evidence.uncategorized_text).toBeNull();
    expect(unchanged.evidence_details.has_evidence).toBe(false);
    // At the limits it is accepted, and the key refused above was not spent.
    const atLimit = await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "y".repeat(20_000), customer_name: "n".repeat(5_000) }, submit: false }, { idempotencyKey: "evidence-too-long" });
    expect(atLimit.evidence.uncategorized_text).toHaveLength(20_000);
    expect(atLimit.evidence.customer_name).toHaveLength(5_000);
  });

  it("opens a second dispute after the first closes on 4000000404000079", async () => {
    const { dispute, pi } = await disputed("pm_card_createMultipleDisputes");
    await stripe.disputes.close(dispute.id);
    await emu.advance(61);
    expect((await stripe.disputes.list({ payment_intent: pi.id })).data).toHaveLength(2);
  });
});

describe("prevented disputes (a control call: Stripe has no test card for them)", () => {
  it("resolves one by refunding the cardholder without a dispute fee, over at once with nothing to answer", async () => {
    const { chargeId } = await paidCustomerPayment(stripe, "pm_card_visa", 4000);
    const created = await emu.control("POST", `/_emulator/charges/${chargeId}/prevented_dispute`, { case_type: "resolution" });
    expect(created.status).toBe(200);
    const dispute = await stripe.disputes.retrieve(created.body.id);
    expect(dispute).toMatchObject({ status: "prevented", charge: chargeId, amount: 4000, is_charge_refundable: false, evidence_details: { due_by: null, submission_count: 0 } });
    expect(dispute.payment_method_details?.card?.case_type).toBe("resolution");
    expect(dispute.balance_transactions).toHaveLength(1);
    expect(dispute.balance_transactions[0]).toMatchObject({ amount: -4000, fee: 0, net: -4000, reporting_category: "dispute" });
    const types = (await stripe.events.list({ limit: 2 })).data.map((e) => e.type);
    expect(types).toEqual(["charge.dispute.funds_withdrawn", "charge.dispute.created"]);
    // Nothing to answer or accept, and no second one while it stands on a charge already settled with the cardholder.
    expect((await stripeError(() => stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "x" } }))).type).toBe("StripeInvalidRequestError");
    expect((await stripeError(() => stripe.disputes.close(dispute.id))).type).toBe("StripeInvalidRequestError");
    expect((await stripeError(() => stripe.refunds.create({ charge: chargeId }))).code).toBe("charge_disputed");
  });

  it("blocks one with no funds moved, leaving the charge refundable; refuses a charge that cannot be disputed", async () => {
    const { chargeId } = await paidCustomerPayment(stripe, "pm_card_visa", 2500);
    const created = await emu.control("POST", `/_emulator/charges/${chargeId}/prevented_dispute`, { case_type: "block" });
    expect(created.body).toMatchObject({ status: "prevented", reason: "fraudulent", balance_transactions: [], is_charge_refundable: true });
    expect(created.body.payment_method_details.card.case_type).toBe("block");
    expect((await stripe.events.list({ limit: 1 })).data[0]?.type).toBe("charge.dispute.created");
    expect((await stripe.refunds.create({ charge: chargeId })).status).toBe("succeeded");
    const refunded = await emu.control("POST", `/_emulator/charges/${chargeId}/prevented_dispute`, { case_type: "block" });
    expect(refunded.status).toBe(400);
    expect((await emu.control("POST", `/_emulator/charges/${chargeId}/prevented_dispute`, { case_type: "chargeback" })).status).toBe(400);
    expect((await emu.control("POST", "/_emulator/charges/ch_missing/prevented_dispute", { case_type: "block" })).status).toBe(404);
  });
});

describe("files", () => {
  it("accepts PDF uploads, serves their contents and lists by purpose", async () => {
    const file = await stripe.files.create({ purpose: "dispute_evidence", file: { data: PDF, name: "terms.pdf", type: "application/pdf" } });
    expect(file.type).toBe("pdf");
    expect((await stripe.files.retrieve(file.id)).filename).toBe("terms.pdf");
    const res = await fetch(`${emu.url}/v1/files/${file.id}/contents`, { headers: { Authorization: `Bearer ${SECRET_KEY}` } });
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    const list = await stripe.files.list({ purpose: "dispute_evidence" });
    expect(list.data.map((f) => f.id)).toContain(file.id);
  });

  it("rejects other types, mismatched content and files over 5 MB for dispute evidence", async () => {
    const text = await stripeError(() => stripe.files.create({ purpose: "dispute_evidence", file: { data: Buffer.from("hello"), name: "a.txt", type: "text/plain" } }));
    expect(text.type).toBe("StripeInvalidRequestError");
    const lie = await stripeError(() => stripe.files.create({ purpose: "dispute_evidence", file: { data: PNG, name: "a.pdf", type: "application/pdf" } }));
    expect(lie.param).toBe("file");
    const big = Buffer.concat([PDF, Buffer.alloc(DISPUTE_EVIDENCE_MAX_BYTES)]);
    const tooBig = await stripeError(() => stripe.files.create({ purpose: "dispute_evidence", file: { data: big, name: "big.pdf", type: "application/pdf" } }));
    expect(tooBig.message).toMatch(/exceeds the maximum/);
    const evidence = await disputed();
    const missing = await stripeError(() => stripe.disputes.update(evidence.dispute.id, { evidence: { receipt: "file_missing" }, submit: false }));
    expect(missing.code).toBe("resource_missing");
  });
});
