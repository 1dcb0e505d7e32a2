import { readEventEnvelope, type StripeEventEnvelope } from "./event";
import { stripeWebhooks } from "@/lib/stripe/client";

/**
 * Checks a delivery before anything is stored: the raw body, Stripe's v1 signature under any of
 * the configured secrets (several during a rotation), a timestamp within 300 s, and an envelope we
 * understand. The reasons are short and stable because they are stored for the health view and
 * returned to Stripe, which shows them in its delivery log.
 */

export const SIGNATURE_TOLERANCE_SECONDS = 300;
/**
 * Stripe's event payloads are a few KB. Stripe publishes no limit on an event's size, but the parts
 * of an object that can grow are bounded (metadata: 50 keys of 40 characters with values of 500,
 * docs.stripe.com/api/metadata) and lists inside an object are truncated, so a megabyte leaves
 * ample room and caps what one forged post can make us read.
 */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export type RejectionReason =
  | "no_secret_configured"
  | "missing_signature"
  | "bad_signature"
  | "stale_timestamp"
  | "malformed_body"
  | "body_too_large"
  | "rate_limited"
  | "wrong_mode"
  | "other_account";

export const REJECTION_MESSAGE: Record<RejectionReason, string> = {
  no_secret_configured: "No webhook secret is configured",
  missing_signature: "Missing Stripe-Signature header",
  bad_signature: "Signature does not match",
  stale_timestamp: "Timestamp outside the tolerance zone",
  malformed_body: "Body is not a Stripe event",
  body_too_large: "Body too large",
  rate_limited: "Too many refused deliveries from this address; try again in a minute",
  wrong_mode: "Event is not in this deployment's mode (test or live)",
  other_account: "Event is from another Stripe account",
};

export type VerifiedDelivery =
  | { ok: true; event: StripeEventEnvelope; rawBody: string }
  | { ok: false; reason: RejectionReason };

export interface VerifyOptions {
  toleranceSeconds?: number;
  /** For tests: the time the delivery is judged at, in ms. */
  receivedAtMs?: number;
}

export function verifyStripeDelivery(
  rawBody: Uint8Array | string,
  signatureHeader: string | null | undefined,
  secrets: readonly string[],
  options: VerifyOptions = {},
): VerifiedDelivery {
  const size = typeof rawBody === "string" ? Buffer.byteLength(rawBody) : rawBody.byteLength;
  if (size > MAX_WEBHOOK_BODY_BYTES) return { ok: false, reason: "body_too_large" };
  if (secrets.length === 0) return { ok: false, reason: "no_secret_configured" };
  if (!signatureHeader) return { ok: false, reason: "missing_signature" };

  // A view of the bytes, not a copy of them.
  const body = typeof rawBody === "string" ? rawBody : Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString("utf8");
  const webhooks = stripeWebhooks();
  let reason: RejectionReason = "bad_signature";
  let verified = false;
  for (const secret of secrets) {
    try {
      webhooks.signature!.verifyHeader(
        body,
        signatureHeader,
        secret,
        options.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS,
        undefined,
        options.receivedAtMs,
      );
      verified = true;
      break;
    } catch (error) {
      // stripe-node checks the timestamp only after a signature matched, so "stale" means the
      // secret was right and the delivery is old (or replayed).
      if (error instanceof Error && /tolerance/i.test(error.message)) reason = "stale_timestamp";
    }
  }
  if (!verified) return { ok: false, reason };

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: "malformed_body" };
  }
  const event = readEventEnvelope(json);
  if (!event) return { ok: false, reason: "malformed_body" };
  return { ok: true, event, rawBody: body };
}

export type CappedBody = { ok: true; body: Uint8Array } | { ok: false };

/**
 * Reads a request body up to the cap without buffering more than that, so an oversized delivery
 * is refused after MAX bytes rather than after the whole upload.
 */
export async function readCappedBody(
  request: Request,
  maxBytes: number = MAX_WEBHOOK_BODY_BYTES,
): Promise<CappedBody> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false };
  if (!request.body) return { ok: true, body: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false };
    }
    chunks.push(value);
  }
  return { ok: true, body: Buffer.concat(chunks) };
}
