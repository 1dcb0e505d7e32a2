import { z } from "zod";
import { isRecord } from "./stripe-object";

/**
 * The envelope of a Stripe event as we rely on it. Everything inside `data.object` is Stripe's and
 * is read by the projector for its type; the envelope itself is validated so a well-signed but
 * unexpected body is refused instead of half-stored.
 */
export const stripeEventSchema = z.object({
  id: z.string().regex(/^evt_[A-Za-z0-9_]+$/, "event id must start with evt_"),
  object: z.literal("event"),
  type: z.string().min(1).max(200),
  created: z.number().int().nonnegative(),
  livemode: z.boolean(),
  /** Set only on a connected account's event (Connect): never one of ours. */
  account: z.string().optional(),
  api_version: z.string().nullable().optional(),
  data: z.object({
    object: z.looseObject({ object: z.string().optional(), id: z.string().optional() }),
    previous_attributes: z.record(z.string(), z.unknown()).optional(),
  }),
  request: z
    .object({ id: z.string().nullable().optional(), idempotency_key: z.string().nullable().optional() })
    .nullable()
    .optional(),
});

export type StripeEventEnvelope = z.infer<typeof stripeEventSchema>;

const EVENT_ID = /^evt_[A-Za-z0-9_]+$/;
const optionalString = (v: unknown) => v === undefined || typeof v === "string";
const nullableString = (v: unknown) => v === undefined || v === null || typeof v === "string";

/**
 * The same envelope as `stripeEventSchema`, checked by hand for the webhook route's hot path: the
 * schema walks and copies every key of `data.object` (and `previous_attributes`) to build its
 * result, while this reads only the envelope's fields and keeps `data.object` as parsed. The
 * projectors read `data.object` through `stripe-object.ts`, which checks each field they use.
 * Accepts and refuses exactly what the schema does (event.test.ts).
 */
export function readEventEnvelope(json: unknown): StripeEventEnvelope | null {
  if (!isRecord(json)) return null;
  const { id, object, type, created, livemode, account, api_version, data, request } = json;
  if (typeof id !== "string" || !EVENT_ID.test(id) || object !== "event") return null;
  if (typeof type !== "string" || type.length < 1 || type.length > 200) return null;
  if (typeof created !== "number" || !Number.isSafeInteger(created) || created < 0) return null;
  if (typeof livemode !== "boolean" || !optionalString(account) || !nullableString(api_version)) return null;
  if (!isRecord(data) || !isRecord(data.object) || !optionalString(data.object.object) || !optionalString(data.object.id)) return null;
  if (data.previous_attributes !== undefined && !isRecord(data.previous_attributes)) return null;
  if (request !== undefined && request !== null && (!isRecord(request) || !nullableString(request.id) || !nullableString(request.idempotency_key))) {
    return null;
  }
  // Only the envelope's own fields, as the schema returns them, so the stored payload is unchanged.
  const envelope: StripeEventEnvelope = {
    id,
    object,
    type,
    created,
    livemode,
    data: {
      object: data.object as StripeEventEnvelope["data"]["object"],
      ...(data.previous_attributes === undefined ? {} : { previous_attributes: data.previous_attributes }),
    },
  };
  if (account !== undefined) envelope.account = account as string;
  if (api_version !== undefined) envelope.api_version = api_version as string | null;
  if (isRecord(request)) {
    envelope.request = {};
    if (request.id !== undefined) envelope.request.id = request.id as string | null;
    if (request.idempotency_key !== undefined) envelope.request.idempotency_key = request.idempotency_key as string | null;
  } else if (request === null) envelope.request = null;
  return envelope;
}

/** Where an event came from: a signed delivery, `GET /v1/events` catch-up, or a staff replay. */
export type EventSource = "webhook" | "catch_up" | "replay";

export function eventCreatedAt(event: Pick<StripeEventEnvelope, "created">): Date {
  return new Date(event.created * 1000);
}
