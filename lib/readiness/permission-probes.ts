import type { Stripe } from "@/lib/stripe/client";
import { REQUIRED_PERMISSIONS, type PermissionLevel, type RequiredResource } from "@/lib/stripe/permissions";

/**
 * One call per documented permission that Stripe answers with 403 when a restricted key lacks it.
 * Reads list one object. Writes update an object that cannot exist: Stripe checks the key's
 * permission before it looks the object up, so a key with the permission gets 404 and nothing is
 * written anywhere (no row of ours, no object at Stripe, nothing for an idempotency key to guard).
 */
const PROBES: Record<RequiredResource, { method: "GET" | "POST"; path: string }> = {
  balance: { method: "GET", path: "/v1/balance" },
  balance_transaction_source: { method: "GET", path: "/v1/balance_transactions?limit=1" },
  charge: { method: "GET", path: "/v1/charges?limit=1" },
  customer: { method: "POST", path: "/v1/customers/cus_ledgerlinePermissionProbe" },
  dispute: { method: "POST", path: "/v1/disputes/dp_ledgerlinePermissionProbe" },
  event: { method: "GET", path: "/v1/events?limit=1" },
  // Files have no update call; an upload without a file is refused after the permission check.
  file: { method: "POST", path: "/v1/files" },
  payment_intent: { method: "POST", path: "/v1/payment_intents/pi_ledgerlinePermissionProbe" },
  payment_method: { method: "POST", path: "/v1/payment_methods/pm_ledgerlinePermissionProbe" },
  payout: { method: "GET", path: "/v1/payouts?limit=1" },
  radar_early_fraud_warning: { method: "GET", path: "/v1/radar/early_fraud_warnings?limit=1" },
  refund: { method: "POST", path: "/v1/refunds/re_ledgerlinePermissionProbe" },
  setup_intent: { method: "POST", path: "/v1/setup_intents/seti_ledgerlinePermissionProbe" },
  webhook: { method: "POST", path: "/v1/webhook_endpoints/we_ledgerlinePermissionProbe" },
};

export interface MissingPermission {
  resource: RequiredResource;
  level: PermissionLevel;
}

export async function probePermissions(client: Stripe): Promise<MissingPermission[]> {
  const missing: MissingPermission[] = [];
  for (const [resource, level] of Object.entries(REQUIRED_PERMISSIONS) as [RequiredResource, PermissionLevel][]) {
    const probe = PROBES[resource];
    // A write permission includes read, so probing the write is enough for a "write" entry.
    const refused = await client.rawRequest(probe.method, probe.path, {}).then(
      () => false,
      (error: { statusCode?: number }) => error.statusCode === 403,
    );
    if (refused) missing.push({ resource, level });
  }
  return missing;
}
