import { z } from "zod";
import type { Stripe } from "@/lib/stripe/client";
import type { Ce3Workbench } from "./candidates";
import type { Ce3Transaction } from "./qualify";

type Ce3Params = Stripe.DisputeUpdateParams.Evidence.EnhancedEvidence.VisaCompellingEvidence3;

/** What staff choose on the workbench; every identifier is read from our tables, never from the form. */
export const ce3ChoiceSchema = z.object({
  ce3PriorCharges: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v : (v ?? "").split(",")).map((s) => s.trim()).filter(Boolean)),
  ce3ProductDescription: z.string().optional().transform((v) => (v ?? "").trim()),
  ce3MerchandiseOrServices: z.union([z.literal(""), z.enum(["merchandise", "services"])]).optional(),
});
export type Ce3Choice = z.infer<typeof ce3ChoiceSchema>;

/** The transaction's identifiers in the API's shape, leaving out what we do not know. */
function identifiers(t: Ce3Transaction) {
  const out: Record<string, unknown> = {};
  if (t.accountId) out.customer_account_id = t.accountId;
  if (t.deviceFingerprint) out.customer_device_fingerprint = t.deviceFingerprint;
  if (t.deviceId) out.customer_device_id = t.deviceId;
  if (t.email) out.customer_email_address = t.email;
  if (t.ip) out.customer_purchase_ip = t.ip;
  if (t.shippingAddress) out.shipping_address = { ...t.shippingAddress, line2: t.shippingAddress.line2 ?? undefined, state: t.shippingAddress.state ?? undefined };
  return out;
}

/**
 * `evidence.enhanced_evidence.visa_compelling_evidence_3` for the two chosen charges, or the reason
 * they cannot be sent: each must be one the finder shows as qualifying for this dispute.
 */
export function ce3EvidenceParams(workbench: Ce3Workbench, choice: Ce3Choice): { ok: true; params: Ce3Params } | { ok: false; error: string } {
  const ids = choice.ce3PriorCharges;
  if (ids.length !== 2 || ids[0] === ids[1]) return { ok: false, error: "Choose exactly two earlier payments for Visa Compelling Evidence 3.0." };
  const chosen = ids.map((id) => workbench.candidates.find((c) => c.transaction.chargeId === id));
  if (chosen.some((c) => !c?.qualifies)) return { ok: false, error: "One of the chosen payments does not qualify for Visa Compelling Evidence 3.0 on this dispute." };
  if (!choice.ce3ProductDescription) return { ok: false, error: "Describe what was sold in the disputed payment." };
  if (!choice.ce3MerchandiseOrServices) return { ok: false, error: "Say whether the disputed payment was for merchandise or services." };
  return {
    ok: true,
    params: {
      disputed_transaction: { ...identifiers(workbench.disputed), product_description: choice.ce3ProductDescription, merchandise_or_services: choice.ce3MerchandiseOrServices },
      prior_undisputed_transactions: chosen.map((c) => ({
        charge: c!.transaction.chargeId,
        ...identifiers(c!.transaction),
        product_description: c!.transaction.description ?? choice.ce3ProductDescription,
      })),
    },
  };
}
