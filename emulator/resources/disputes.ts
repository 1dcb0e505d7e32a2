import { z } from "zod";
import { invalidRequest, resourceMissing } from "../core/errors";
import { newId } from "../core/ids";
import { listOf } from "../core/list";
import { bool, mergeMetadata, metadata, parse, refuseOverlongString } from "../core/params";
import type { Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";
import { addBalanceTransaction, DAY } from "./balance";
import { markCe3Eligible, readEnhancedEvidence, refreshCe3Eligibility } from "./dispute_ce3";
import { settleEarlyFraudWarnings } from "./radar";

/** How long after a submission Stripe's test mode decides `winning_evidence` / `losing_evidence`. */
export const DISPUTE_DECISION_DELAY = 300;
const RESPONSE_WINDOW = 7 * DAY;

const TEXT_FIELDS = [
  "access_activity_log", "billing_address", "cancellation_policy_disclosure", "cancellation_rebuttal",
  "customer_email_address", "customer_name", "customer_purchase_ip", "duplicate_charge_explanation",
  "duplicate_charge_id", "product_description", "refund_policy_disclosure", "refund_refusal_explanation",
  "service_date", "shipping_address", "shipping_carrier", "shipping_date", "shipping_tracking_number",
  "uncategorized_text",
] as const;
const FILE_FIELDS = [
  "cancellation_policy", "customer_communication", "customer_signature", "duplicate_charge_documentation",
  "receipt", "refund_policy", "service_documentation", "shipping_documentation", "uncategorized_file",
] as const;
const LONG_TEXT = new Set(["access_activity_log", "cancellation_policy_disclosure", "cancellation_rebuttal", "duplicate_charge_explanation", "product_description", "refund_policy_disclosure", "refund_refusal_explanation", "uncategorized_text"]);
/** `maxLength` of `dispute_evidence_params` in Stripe's OpenAPI spec: 20,000 for the long texts, 5,000 for the rest. */
const textLimit = (field: string) => (LONG_TEXT.has(field) ? 20_000 : 5_000);

function emptyEvidence(): Record<string, unknown> {
  const evidence: Record<string, unknown> = {};
  for (const f of [...TEXT_FIELDS, ...FILE_FIELDS].sort()) evidence[f] = null;
  evidence.enhanced_evidence = {};
  return evidence;
}

type DisputeKind = "fraudulent" | "product_not_received" | "inquiry" | "multiple" | "general";

function withdrawFunds(world: World, dispute: StripeObject): void {
  const amount = Number(dispute.amount);
  const currency = String(dispute.currency);
  const txn = addBalanceTransaction(world, {
    amount: -amount,
    currency,
    type: "adjustment",
    reportingCategory: "dispute",
    source: dispute.id,
    description: `Chargeback withdrawal for ${dispute.charge}`,
    fee: "dispute",
  });
  world.update(dispute, { balance_transactions: [...(dispute.balance_transactions as unknown[]), structuredClone(txn)], is_charge_refundable: false });
  world.emit("charge.dispute.funds_withdrawn", dispute);
}

export function openDispute(world: World, charge: StripeObject, kind: DisputeKind): StripeObject {
  const inquiry = kind === "inquiry";
  const card = (charge.payment_method_details as { card: Record<string, unknown> }).card;
  const dispute: StripeObject = {
    id: newId(inquiry ? "du" : "dp"),
    object: "dispute",
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created: world.now(),
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: { due_by: world.now() + RESPONSE_WINDOW, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: true,
    livemode: world.livemode,
    metadata: {},
    payment_intent: charge.payment_intent ?? null,
    payment_method_details: { card: { brand: card.brand, case_type: inquiry ? "inquiry" : "chargeback", network: card.network, network_reason_code: kind === "product_not_received" ? "13.1" : "10.4" }, type: "card" },
    reason: kind === "product_not_received" ? "product_not_received" : kind === "general" ? "general" : "fraudulent",
    status: inquiry ? "warning_needs_response" : "needs_response",
  };
  markCe3Eligible(dispute);
  world.store.insert(dispute, { multiple: kind === "multiple" });
  world.update(charge, { disputed: true });
  world.emit("charge.dispute.created", dispute);
  if (!inquiry) withdrawFunds(world, dispute);
  settleEarlyFraudWarnings(world, String(charge.id));
  world.store.schedule(world.now() + RESPONSE_WINDOW, "dispute.due", dispute.id);
  return dispute;
}

/**
 * A dispute Stripe prevented before it became a chargeback (API 2025-08-27.basil): `resolution`
 * refunds the cardholder through the dispute with no dispute fee, `block` stops it with nothing
 * moved. It is over when it appears, so nothing can be answered and no deadline runs. Stripe
 * documents no test card for it; the emulator creates one through a control call.
 */
export function preventDispute(world: World, charge: StripeObject, caseType: "resolution" | "block"): StripeObject {
  if (charge.status !== "succeeded" || charge.captured !== true) {
    throw invalidRequest(`Charge ${charge.id} has no captured payment that could be disputed.`, { param: "charge" });
  }
  const open = world.store.all("dispute").some((d) => d.charge === charge.id && !["won", "lost", "warning_closed", "prevented"].includes(String(d.status)));
  if (open || charge.refunded === true) throw invalidRequest(`Charge ${charge.id} is fully refunded or already disputed.`, { param: "charge" });
  const card = (charge.payment_method_details as { card: Record<string, unknown> }).card;
  const dispute: StripeObject = {
    id: newId("dp"),
    object: "dispute",
    amount: charge.amount,
    balance_transactions: [],
    charge: charge.id,
    created: world.now(),
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: { due_by: null, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0 },
    is_charge_refundable: caseType === "block",
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent ?? null,
    // Resolution is for disputes other than fraud; a block rests on Visa Compelling Evidence 3.0, a fraud rule.
    payment_method_details: { card: { brand: card.brand, case_type: caseType, network: card.brand, network_reason_code: caseType === "block" ? "10.4" : "13.1" }, type: "card" },
    reason: caseType === "block" ? "fraudulent" : "product_not_received",
    status: "prevented",
  };
  world.store.insert(dispute, {});
  world.update(charge, { disputed: true });
  world.emit("charge.dispute.created", dispute);
  if (caseType === "resolution") {
    const txn = addBalanceTransaction(world, {
      amount: -Number(dispute.amount),
      currency: String(dispute.currency),
      type: "adjustment",
      reportingCategory: "dispute",
      source: dispute.id,
      description: `Dispute resolution for ${dispute.charge}`,
    });
    world.update(dispute, { balance_transactions: [structuredClone(txn)] });
    world.emit("charge.dispute.funds_withdrawn", dispute);
  }
  settleEarlyFraudWarnings(world, String(charge.id));
  return dispute;
}

function closeDispute(world: World, dispute: StripeObject, status: "won" | "lost" | "warning_closed"): void {
  const previous = world.update(dispute, { status });
  if (status === "won") {
    const amount = Number(dispute.amount);
    const txn = addBalanceTransaction(world, {
      amount,
      currency: String(dispute.currency),
      type: "adjustment",
      reportingCategory: "dispute_reversal",
      source: dispute.id,
      description: `Chargeback reversal for ${dispute.charge}`,
    });
    world.update(dispute, { balance_transactions: [...(dispute.balance_transactions as unknown[]), structuredClone(txn)] });
    world.emit("charge.dispute.funds_reinstated", dispute);
  }
  world.emit("charge.dispute.closed", dispute, previous);
  const charge = world.store.getOf("charge", String(dispute.charge));
  if (charge && world.store.hidden(dispute.id).multiple === true) {
    world.store.schedule(world.now() + 60, "dispute.open_next", charge.id);
  }
}

/** Scheduled work: decisions after submission, deadlines without a response. */
export function runDisputeTask(world: World, kind: string, ref: string, data?: Record<string, unknown>): void {
  const dispute = world.store.getOf("dispute", ref);
  if (kind === "dispute.open_next") {
    const charge = world.store.getOf("charge", ref);
    if (charge) openDispute(world, charge, "general");
    return;
  }
  if (!dispute) return;
  if (kind === "dispute.decide") {
    if (dispute.status === "under_review") closeDispute(world, dispute, data?.outcome === "won" ? "won" : "lost");
    // An inquiry answered well closes with no chargeback; answered badly, the issuer escalates it.
    else if (dispute.status === "warning_under_review" && data?.outcome === "won") closeDispute(world, dispute, "warning_closed");
    else if (dispute.status === "warning_under_review") escalateInquiry(world, dispute);
    return;
  }
  const dueBy = Number((dispute.evidence_details as Record<string, unknown>).due_by);
  // An escalated inquiry has a later deadline than the one first scheduled.
  if (kind === "dispute.due" && String(dispute.status).endsWith("needs_response") && world.now() >= dueBy) {
    const details = { ...(dispute.evidence_details as Record<string, unknown>), past_due: true };
    world.update(dispute, { evidence_details: details });
    closeDispute(world, dispute, dispute.status === "warning_needs_response" ? "warning_closed" : "lost");
  }
}

/** The inquiry becomes a chargeback: a new response window, and now the funds are withdrawn. */
function escalateInquiry(world: World, dispute: StripeObject): void {
  const details = { ...(dispute.evidence_details as Record<string, unknown>), due_by: world.now() + RESPONSE_WINDOW, submission_count: 0, past_due: false };
  const card = (dispute.payment_method_details as { card: Record<string, unknown> }).card;
  const previous = world.update(dispute, {
    status: "needs_response",
    evidence_details: details,
    payment_method_details: { ...(dispute.payment_method_details as Record<string, unknown>), card: { ...card, case_type: "chargeback" } },
  });
  world.emit("charge.dispute.updated", dispute, previous);
  withdrawFunds(world, dispute);
  world.store.schedule(world.now() + RESPONSE_WINDOW, "dispute.due", dispute.id);
}

const evidenceSchema = z.object({
  ...(Object.fromEntries([...TEXT_FIELDS, ...FILE_FIELDS].map((f) => [f, z.string().optional()])) as Record<string, z.ZodOptional<z.ZodString>>),
  // Read field by field in dispute_ce3.ts, which answers with Stripe's refusals.
  enhanced_evidence: z.unknown().optional(),
});
const updateParams = z.object({ evidence: evidenceSchema.optional(), metadata: metadata.optional(), submit: bool.optional() });

function validateEvidence(world: World, evidence: Record<string, unknown>): void {
  let total = 0;
  for (const [field, value] of Object.entries(evidence)) {
    if (typeof value !== "string" || value === "") continue;
    if ((FILE_FIELDS as readonly string[]).includes(field)) {
      const file = world.store.getOf("file", value);
      if (!file) throw resourceMissing("file", value, `evidence[${field}]`);
      if (file.purpose !== "dispute_evidence") {
        throw invalidRequest(`The file ${value} has purpose ${String(file.purpose)}; dispute evidence needs purpose dispute_evidence.`, { param: `evidence[${field}]` });
      }
    } else {
      total += value.length;
    }
  }
  if (total > 150_000) throw invalidRequest("The combined evidence text is too long (max 150000 characters).", { param: "evidence" });
}

function update(world: World, dispute: StripeObject, input: unknown): StripeObject {
  const p = parse(updateParams, input);
  // Lengths are parameter validation: checked before the dispute's state, and never saved under a key.
  for (const field of TEXT_FIELDS) {
    const value = (p.evidence as Record<string, unknown> | undefined)?.[field];
    if (typeof value === "string") refuseOverlongString(value, textLimit(field), `evidence[${field}]`);
  }
  const changes: Record<string, unknown> = {};
  if (p.metadata !== undefined) changes.metadata = mergeMetadata(dispute.metadata as Record<string, string>, p.metadata);
  const touchesEvidence = p.evidence !== undefined || p.submit !== false;
  const open = String(dispute.status).endsWith("needs_response");
  if (touchesEvidence && p.evidence !== undefined && !open) {
    throw invalidRequest(`This dispute is already in status ${String(dispute.status)} and its evidence can no longer be updated.`);
  }
  const details = { ...(dispute.evidence_details as Record<string, unknown>) };
  if (p.evidence) {
    validateEvidence(world, p.evidence);
    const { enhanced_evidence: enhanced, ...fields } = p.evidence;
    const evidence = { ...(dispute.evidence as Record<string, unknown>) };
    for (const [field, value] of Object.entries(fields)) if (typeof value === "string") evidence[field] = value === "" ? null : value;
    if (enhanced !== undefined) evidence.enhanced_evidence = readEnhancedEvidence(world, dispute, enhanced);
    changes.evidence = evidence;
    details.has_evidence = true;
    refreshCe3Eligibility({ ...dispute, evidence, evidence_details: details });
  }
  const submit = open && (p.submit ?? true) && (p.evidence !== undefined || details.has_evidence === true);
  let outcome: "won" | "lost" | null = null;
  if (submit) {
    details.submission_count = Number(details.submission_count) + 1;
    details.due_by = details.due_by ?? null;
    const text = String(((changes.evidence ?? dispute.evidence) as Record<string, unknown>).uncategorized_text ?? "");
    if (dispute.status === "warning_needs_response" && text.includes("escalate_inquiry_evidence")) {
      changes.status = "needs_response";
      details.submission_count = 0;
    } else {
      changes.status = dispute.status === "warning_needs_response" ? "warning_under_review" : "under_review";
      if (text.includes("winning_evidence")) outcome = "won";
      else if (text.includes("losing_evidence")) outcome = "lost";
    }
  }
  changes.evidence_details = details;
  const previous = world.update(dispute, changes);
  if (Object.keys(previous).length > 0) world.emit("charge.dispute.updated", dispute, previous);
  if (changes.status === "needs_response") withdrawFunds(world, dispute);
  if (outcome && (dispute.status === "under_review" || dispute.status === "warning_under_review")) {
    world.store.schedule(world.now() + DISPUTE_DECISION_DELAY, "dispute.decide", dispute.id, { outcome });
  }
  return dispute;
}

function findDispute(world: World, id: string): StripeObject {
  const dispute = world.store.getOf("dispute", id);
  if (!dispute) throw resourceMissing("dispute", id);
  return dispute;
}

export function registerDisputes(router: Router): void {
  router.get("/v1/disputes", (r) => {
    const p = parse(z.object({ charge: z.string().optional(), payment_intent: z.string().optional() }), r.input);
    const items = r.world.store
      .where("dispute", (d) => (p.charge === undefined || d.charge === p.charge) && (p.payment_intent === undefined || d.payment_intent === p.payment_intent));
    return listOf(r.world.store, items, r.input, "/v1/disputes");
  });
  router.get("/v1/disputes/:id", (r) => findDispute(r.world, r.params.id ?? ""));
  router.post("/v1/disputes/:id", (r) => update(r.world, findDispute(r.world, r.params.id ?? ""), r.input));
  router.post("/v1/disputes/:id/close", (r) => {
    const dispute = findDispute(r.world, r.params.id ?? "");
    if (!String(dispute.status).endsWith("needs_response")) {
      throw invalidRequest(`This dispute is already in status ${String(dispute.status)} and cannot be closed.`);
    }
    closeDispute(r.world, dispute, dispute.status === "warning_needs_response" ? "warning_closed" : "lost");
    return dispute;
  });
}
