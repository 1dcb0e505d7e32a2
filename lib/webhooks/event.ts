import { z } from "zod";

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

/** Where an event came from: a signed delivery, `GET /v1/events` catch-up, or a staff replay. */
export type EventSource = "webhook" | "catch_up" | "replay";

export function eventCreatedAt(event: Pick<StripeEventEnvelope, "created">): Date {
  return new Date(event.created * 1000);
}
