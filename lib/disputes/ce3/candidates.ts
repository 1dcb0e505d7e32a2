import { isIP } from "node:net";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assessCe3, CE3_MAX_DAYS, CE3_METADATA_KEYS, type Ce3Address, type Ce3Assessment, type Ce3Transaction } from "./qualify";

const DAY_MS = 86_400_000;

type ChargeRow = { id: string; created: Date; amount: bigint; currency: string; status: string; paid: boolean; disputed: boolean; billingEmail: string | null; paymentMethodId: string | null; data: Prisma.JsonValue };

const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

const atLeast = (v: string | null, min: number) => (v !== null && v.length >= min ? v : null);
const validIp = (v: string | null) => (v !== null && isIP(v) !== 0 ? v : null);

function shippingAddress(data: Record<string, unknown>): Ce3Address | null {
  const a = record(record(data.shipping).address);
  const line1 = text(a.line1), city = text(a.city), postal = text(a.postal_code), country = text(a.country);
  // Visa needs a whole address; a partial one matches nothing.
  if (!line1 || !city || !postal || !country) return null;
  return { line1, line2: text(a.line2), city, state: text(a.state), postal_code: postal, country };
}

/** A mirrored charge as the CE 3.0 rules read it: identifiers from Stripe's fields and the documented metadata keys. */
export function ce3TransactionFromCharge(row: ChargeRow, disputedChargeIds: ReadonlySet<string> = new Set()): Ce3Transaction {
  const data = record(row.data);
  const metadata = record(data.metadata);
  const card = record(record(data.payment_method_details).card);
  return {
    chargeId: row.id,
    created: row.created,
    amount: row.amount,
    currency: row.currency,
    paid: row.status === "succeeded" && row.paid,
    disputed: row.disputed || disputedChargeIds.has(row.id),
    cardFingerprint: text(card.fingerprint),
    paymentMethodId: row.paymentMethodId,
    description: text(data.description),
    accountId: text(metadata[CE3_METADATA_KEYS.accountId]),
    email: row.billingEmail ?? text(data.receipt_email),
    // Stripe refuses a device id under 15 characters, a fingerprint under 20 and an IP that is not
    // one: such values are not evidence, so they match nothing.
    deviceId: atLeast(text(metadata[CE3_METADATA_KEYS.deviceId]), 15),
    deviceFingerprint: atLeast(text(metadata[CE3_METADATA_KEYS.deviceFingerprint]), 20),
    ip: validIp(text(metadata[CE3_METADATA_KEYS.ip])),
    shippingAddress: shippingAddress(data),
  };
}

const chargeSelect = { id: true, created: true, amount: true, currency: true, status: true, paid: true, disputed: true, billingEmail: true, paymentMethodId: true, data: true } as const;

export interface Ce3Workbench extends Ce3Assessment {
  disputed: Ce3Transaction;
  /** Stripe's own verdict on the evidence staged so far (`evidence_details.enhanced_eligibility`). */
  stripeStatus: string | null;
  requiredActions: string[];
}

/** Stripe marks a dispute eligible for CE 3.0 by listing it in `enhanced_eligibility_types`. */
export function isCe3Eligible(disputeData: Prisma.JsonValue): boolean {
  const types = record(disputeData).enhanced_eligibility_types;
  return Array.isArray(types) && types.includes("visa_compelling_evidence_3");
}

/**
 * Candidate prior charges for a CE 3.0-eligible dispute, from our own tables: charges of the same
 * card (fingerprint, else payment method) or customer inside the window, with the charges that
 * have a dispute of their own marked disputed. Null when the dispute is not eligible.
 */
export async function findCe3Candidates(disputeId: string): Promise<Ce3Workbench | null> {
  const dispute = await db().dispute.findUnique({ where: { id: disputeId }, select: { chargeId: true, data: true } });
  if (!dispute?.chargeId || !isCe3Eligible(dispute.data)) return null;
  const charge = await db().charge.findUnique({ where: { id: dispute.chargeId }, select: { ...chargeSelect, customerId: true } });
  if (!charge) return null;
  const disputed = ce3TransactionFromCharge(charge);
  const sameCard: Prisma.ChargeWhereInput[] = [];
  // Each arm has an index on (column, created), so at a million charges this stays three index scans.
  if (disputed.cardFingerprint) sameCard.push({ cardFingerprint: disputed.cardFingerprint });
  if (charge.paymentMethodId) sameCard.push({ paymentMethodId: charge.paymentMethodId });
  if (charge.customerId) sameCard.push({ customerId: charge.customerId });
  if (sameCard.length === 0) return null;
  // One day either side of the window, so a charge just outside it is judged by the rules, not the query.
  const rows = await db().charge.findMany({
    where: { OR: sameCard, id: { not: charge.id }, created: { gte: new Date(charge.created.getTime() - (CE3_MAX_DAYS + 1) * DAY_MS), lte: charge.created } },
    select: chargeSelect,
    orderBy: [{ created: "desc" }, { id: "desc" }],
    take: 500,
  });
  const disputedIds = new Set(
    (await db().dispute.findMany({ where: { chargeId: { in: rows.map((r) => r.id) } }, select: { chargeId: true } })).map((d) => d.chargeId!),
  );
  const assessment = assessCe3(disputed, rows.map((r) => ce3TransactionFromCharge(r, disputedIds)));
  const ce3 = record(record(record(dispute.data).evidence_details).enhanced_eligibility).visa_compelling_evidence_3;
  const actions = record(ce3).required_actions;
  return {
    ...assessment,
    disputed,
    stripeStatus: text(record(ce3).status),
    requiredActions: Array.isArray(actions) ? actions.filter((a): a is string => typeof a === "string") : [],
  };
}
