import type { Stripe } from "@/lib/stripe/client";
import { WEBHOOK_EVENT_TYPES } from "./projectors";
import { readStoredEndpoint, saveStoredEndpoint } from "./settings";

/**
 * The second half of moving the webhook endpoint to a new API version (endpoint.ts): the old
 * endpoint is deleted once the new one has delivered. Stripe reports that through the Events API:
 * an event made after the new endpoint was created, of a type it subscribes to, with
 * `delivery_success` true, reached every endpoint it was sent to, the new one included. Until then
 * both send and the event log's dedupe keeps one copy of each event; copies in the old version are
 * projected from Stripe's own copy (other-version.ts), so nothing is mis-read meanwhile.
 * Run by the set-up and by the app's background loop; a no-op (one settings read) when no move is
 * under way.
 */

const OUR_TYPES = new Set<string>(WEBHOOK_EVENT_TYPES);

export async function finishEndpointMove(client: Stripe): Promise<"finished" | "waiting" | null> {
  const stored = await readStoredEndpoint();
  if (!stored?.replacing) return null;
  const delivered = await client.events.list({ created: { gt: stored.replacing.since }, delivery_success: true, limit: 100 });
  if (!delivered.data.some((event) => OUR_TYPES.has(event.type))) return "waiting";
  await client.webhookEndpoints.del(stored.replacing.id).catch((error: unknown) => {
    // Already deleted (in the Dashboard, or by another instance): the move is done all the same.
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  });
  const { replacing: _done, ...rest } = stored;
  await saveStoredEndpoint(rest);
  return "finished";
}
