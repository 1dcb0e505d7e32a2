import type { Stripe } from "@/lib/stripe/client";
import { WEBHOOK_EVENT_TYPES } from "./projectors";
import { readStoredEndpoint, saveStoredEndpoint, type StoredEndpoint } from "./settings";

/**
 * Creates or updates this deployment's webhook endpoint at Stripe, subscribed to exactly the
 * events we project, and remembers its id (and secret, which Stripe reveals only on creation).
 * Safe to run on every start: an endpoint we know is updated in place, never duplicated.
 */

export const WEBHOOK_PATH = "/api/webhooks/stripe";

export function webhookUrlFor(appUrl: string): string {
  return `${appUrl.replace(/\/+$/, "")}${WEBHOOK_PATH}`;
}

export interface EndpointSetupResult {
  endpoint: StoredEndpoint;
  action: "created" | "updated" | "recreated";
}

export interface EndpointSetupOptions {
  /**
   * Whether we must hold the signing secret ourselves (emulator mode, or an admin setting the
   * endpoint up from the app). An endpoint whose secret we lost is then replaced.
   */
  needSecret: boolean;
}

export async function setUpWebhookEndpoint(
  client: Stripe,
  appUrl: string,
  options: EndpointSetupOptions,
): Promise<EndpointSetupResult> {
  const url = webhookUrlFor(appUrl);
  const enabled_events = [...WEBHOOK_EVENT_TYPES] as Stripe.WebhookEndpointUpdateParams.EnabledEvent[];
  const stored = await readStoredEndpoint();

  let existing: Stripe.WebhookEndpoint | null = null;
  if (stored) existing = await client.webhookEndpoints.retrieve(stored.id).catch(() => null);
  if (!existing) {
    for await (const endpoint of client.webhookEndpoints.list({ limit: 100 })) {
      if (endpoint.url === url) {
        existing = endpoint;
        break;
      }
    }
  }
  const knownSecret = existing && stored?.id === existing.id ? stored.secret : null;

  if (existing && (knownSecret || !options.needSecret)) {
    const updated = await client.webhookEndpoints.update(existing.id, {
      url,
      enabled_events,
      disabled: false,
      description: "Ledgerline back office",
    });
    const endpoint = toStored(updated, knownSecret);
    await saveStoredEndpoint(endpoint);
    return { endpoint, action: "updated" };
  }

  if (existing) await client.webhookEndpoints.del(existing.id);
  const created = await client.webhookEndpoints.create({
    url,
    enabled_events: enabled_events as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
    description: "Ledgerline back office",
  });
  const endpoint = toStored(created, created.secret ?? null);
  await saveStoredEndpoint(endpoint);
  return { endpoint, action: existing ? "recreated" : "created" };
}

function toStored(endpoint: Stripe.WebhookEndpoint, secret: string | null): StoredEndpoint {
  return {
    id: endpoint.id,
    url: endpoint.url,
    secret,
    enabledEvents: endpoint.enabled_events,
    livemode: endpoint.livemode,
    savedAt: new Date().toISOString(),
  };
}
