import { isRecord } from "@/lib/webhooks/stripe-object";

/**
 * The stamp of what an API response shows, for the mirror's `>=` rule (lib/webhooks/mirror.ts): the
 * second Stripe served it, from HTTP's Date header, so that it is ordered against webhooks by the
 * clock that stamps events' `created` rather than by ours. The response shows the object as of some
 * moment of that second S; a later change has an event of S or later, which then ties (and the tie
 * rule fetches the object) or wins, and an earlier one is older and refused.
 *
 * Our clock would be wrong both ways: with its milliseconds it is later than an event of the same
 * second, so a change Stripe made just after our read was refused; ahead of Stripe's it refuses
 * every webhook within the difference, and behind it lets an older webhook hide the response.
 *
 * Without a readable Date the response is stamped as older than anything held (the Unix epoch):
 * it fills a row we do not have yet and never hides a snapshot that came with a webhook.
 */
export const UNDATED_RESPONSE = new Date(0);

/** A response the SDK returned (its `lastResponse`), or an error it threw (its `headers`). */
export function responseStamp(response: unknown): Date {
  if (!isRecord(response)) return UNDATED_RESPONSE;
  const last = response.lastResponse;
  const headers = isRecord(last) ? last.headers : response.headers;
  return stampFromDate(dateHeader(headers));
}

function dateHeader(headers: unknown): unknown {
  // Node's http client gives a plain object with lower-case names; a fetch client a Headers object.
  if (headers instanceof Headers) return headers.get("date");
  return isRecord(headers) ? headers.date : undefined;
}

/** HTTP dates are whole seconds; anything else is not a date Stripe sent. */
export function stampFromDate(value: unknown): Date {
  if (typeof value !== "string") return UNDATED_RESPONSE;
  const milliseconds = Date.parse(value);
  if (!Number.isFinite(milliseconds) || milliseconds % 1000 !== 0) return UNDATED_RESPONSE;
  return new Date(milliseconds);
}
