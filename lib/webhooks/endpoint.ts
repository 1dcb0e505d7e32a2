import { STRIPE_API_VERSION } from "@/lib/stripe/api-version";
import type { Stripe } from "@/lib/stripe/client";
import { finishEndpointMove } from "./endpoint-move";
import { WEBHOOK_EVENT_TYPES } from "./projectors";
import { readStoredEndpoint, saveStoredEndpoint, type StoredEndpoint } from "./settings";

/**
 * Creates or updates this deployment's webhook endpoint at Stripe, subscribed to exactly the
 * events we project and pinned to the SDK's API version (without one Stripe renders events in the
 * account's default, often years older), and remembers its id (and secret, which Stripe reveals
 * only on creation). Safe to run on every start: an endpoint we know is updated in place, never
 * duplicated. Stripe cannot change an endpoint's version (update takes no api_version), so an
 * endpoint in another version is replaced: a new one is created beside it, both send until the new
 * one has delivered (the event log's dedupe absorbs the overlap), then the old one is deleted
 * (endpoint-move.ts).
 */

export const WEBHOOK_PATH = "/api/webhooks/stripe";

export function webhookUrlFor(appUrl: string): string {
  return `${appUrl.replace(/\/+$/, "")}${WEBHOOK_PATH}`;
}

export interface EndpointSetupResult {
  endpoint: StoredEndpoint;
  action: "created" | "updated" | "recreated" | "moved";
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
  await finishEndpointMove(client);
  const stored = await readStoredEndpoint();

  let existing: Stripe.WebhookEndpoint | null = null;
  if (stored) existing = await client.webhookEndpoints.retrieve(stored.id).catch(() => null);
  if (!existing) {
    for await (const endpoint of client.webhookEndpoints.list({ limit: 100 })) {
      // During a move two endpoints share the URL: the one in our version is ours.
      if (endpoint.url === url && (!existing || endpoint.api_version === STRIPE_API_VERSION)) existing = endpoint;
    }
  }
  const knownSecret = existing && stored?.id === existing.id ? stored.secret : null;

  if (existing && existing.api_version !== STRIPE_API_VERSION) {
    const created = await createEndpoint(client, url, enabled_events);
    const since = created.created;
    const endpoint = { ...toStored(created, created.secret ?? null), replacing: { id: existing.id, secret: knownSecret, since } };
    await saveStoredEndpoint(endpoint);
    return { endpoint, action: "moved" };
  }

  if (existing && (knownSecret || !options.needSecret)) {
    const updated = await client.webhookEndpoints.update(existing.id, {
      url,
      enabled_events,
      disabled: false,
      description: "Ledgerline back office",
    });
    const endpoint = { ...toStored(updated, knownSecret), replacing: stored?.id === existing.id ? stored.replacing : undefined };
    await saveStoredEndpoint(endpoint);
    return { endpoint, action: "updated" };
  }

  if (existing) await client.webhookEndpoints.del(existing.id);
  const created = await createEndpoint(client, url, enabled_events);
  const endpoint = toStored(created, created.secret ?? null);
  await saveStoredEndpoint(endpoint);
  return { endpoint, action: existing ? "recreated" : "created" };
}

function createEndpoint(client: Stripe, url: string, events: readonly string[]): Promise<Stripe.WebhookEndpoint> {
  return client.webhookEndpoints.create({
    url,
    enabled_events: [...events] as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
    api_version: STRIPE_API_VERSION,
    description: "Ledgerline back office",
  });
}

function toStored(endpoint: Stripe.WebhookEndpoint, secret: string | null): StoredEndpoint {
  return {
    id: endpoint.id,
    url: endpoint.url,
    secret,
    enabledEvents: endpoint.enabled_events,
    livemode: endpoint.livemode,
    apiVersion: endpoint.api_version,
    savedAt: new Date().toISOString(),
  };
}
