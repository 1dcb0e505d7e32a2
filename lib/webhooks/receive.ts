import type { RecordDependencies } from "./record";
import { webhookGroupCommit, type WebhookGroupCommit } from "./group-commit";
import { clientAddress, headerValue, trustedProxyHopsFromEnv, type HeaderSource } from "@/lib/security/client-address";
import { noteRejectedDelivery, refusalLimitReached, rejectionSample } from "./rejections";
import { webhookSigningSecrets } from "./settings";
import { readCappedBody, REJECTION_MESSAGE, verifyStripeDelivery, type CappedBody, type RejectionReason } from "./verify";

/**
 * One webhook delivery, from raw request to HTTP answer. Stripe reads only the status: 2xx means
 * "stored, do not send again"; 400 a delivery we will never accept; 5xx "try again later", which
 * we answer only when the database is unreachable, so nothing is lost.
 */

export interface ReceiveContext {
  environmentSecrets: readonly string[];
  /** Whether the configured key is a live one; a test key, or the emulator, when left out. */
  livemode?: boolean;
  dependencies: RecordDependencies;
  /**
   * Headers every answer carries (the API security headers): the proxy does not run on this route,
   * so that a delivery pays for no session or nonce work it never uses.
   */
  responseHeaders?: Readonly<Record<string, string>>;
  /** "later": events whose projection needs Stripe are queued for the follow-up worker (record.ts). */
  stripeWork?: "now" | "later";
  /** Called when a delivery queued its event, to wake the follow-up worker. */
  onQueued?: () => void;
  /** Where deliveries are committed, batched with their concurrent peers; the process's own when left out. */
  groupCommit?: WebhookGroupCommit;
}

/**
 * A delivery as either server hands it over: its headers (a Web `Headers`, or node's lower-cased
 * record, stamped with the socket's address as client-address.ts describes) and its body, read up
 * to the cap. The standalone server passes node's request as it is: building a Web Request and
 * Response around each delivery cost it a tenth of its CPU.
 */
export interface WebhookDelivery {
  headers: HeaderSource;
  readBody(): Promise<CappedBody>;
}

/** The answer, for the server to write as it writes answers. */
export interface WebhookAnswer {
  status: number;
  body: string;
  headers: Readonly<Record<string, string>>;
}

/**
 * `no-transform` keeps next start's compression off the answer (the compression middleware skips
 * what it may not transform): gzip made a 40-byte answer longer and cost the route a zlib stream per
 * delivery whose sender accepts gzip, 5–9 % of its busy time at 32 concurrent deliveries.
 */
const JSON_HEADERS = { "Content-Type": "application/json", "Cache-Control": "no-store, no-transform" };

/** Each context's answer headers, merged once rather than on every delivery. */
const answerHeadersByContext = new WeakMap<ReceiveContext, Readonly<Record<string, string>>>();

function answerHeaders(context: ReceiveContext): Readonly<Record<string, string>> {
  let headers = answerHeadersByContext.get(context);
  if (!headers) {
    headers = { ...JSON_HEADERS, ...context.responseHeaders };
    answerHeadersByContext.set(context, headers);
  }
  return headers;
}

export async function receiveStripeWebhook(request: Request, context: ReceiveContext): Promise<Response> {
  const answer = await answerWebhookDelivery({ headers: request.headers, readBody: () => readCappedBody(request) }, context);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export async function answerWebhookDelivery(delivery: WebhookDelivery, context: ReceiveContext): Promise<WebhookAnswer> {
  const { headers } = delivery;
  // One bucket for requests whose address cannot be told, so they share one allowance.
  const client = clientAddress(headers, trustedProxyHopsFromEnv()) ?? "unknown";
  const reply = (status: number, body: Record<string, unknown>): WebhookAnswer => ({ status, body: JSON.stringify(body), headers: answerHeaders(context) });
  const refuse = async (reason: RejectionReason): Promise<WebhookAnswer> => {
    await noteRejectedDelivery(reason, rejectionSample(headers, client));
    if (reason === "rate_limited") {
      return { ...reply(429, { error: REJECTION_MESSAGE[reason] }), headers: { ...answerHeaders(context), "Retry-After": "60" } };
    }
    return reply(400, { error: REJECTION_MESSAGE[reason] });
  };
  // Before the body is read: an address that keeps sending forgeries costs one lookup a post. A
  // real delivery caught by it gets a 429, which Stripe retries later.
  if (await refusalLimitReached(client)) return refuse("rate_limited");

  const body = await delivery.readBody();
  if (!body.ok) return refuse("body_too_large");

  const header = headerValue(headers, "stripe-signature");
  // The environment's secrets first: a delivery they verify needs no database read. Only "no
  // secret matched" (or none configured) can change with the secret stored by the endpoint set-up.
  let verified = verifyStripeDelivery(body.body, header, context.environmentSecrets);
  if (!verified.ok && (verified.reason === "bad_signature" || verified.reason === "no_secret_configured")) {
    let secrets: string[];
    try {
      secrets = await webhookSigningSecrets(context.environmentSecrets);
    } catch {
      return reply(503, { error: "Database unavailable" });
    }
    if (secrets.length > context.environmentSecrets.length) verified = verifyStripeDelivery(body.body, header, secrets);
  }
  if (!verified.ok) return refuse(verified.reason);
  // A signing secret of a test endpoint configured beside a live one, or a Connect endpoint (which
  // Stripe sends test events even in live mode, support.stripe.com/questions/connect-account-webhook-configurations,
  // marked with `account`, docs.stripe.com/changelog/2017-05-25): well signed, but not this
  // account's money in this mode. Projecting it would mix test objects into a live mirror.
  if (verified.event.livemode !== (context.livemode ?? false)) return refuse("wrong_mode");
  if (verified.event.account !== undefined) return refuse("other_account");

  try {
    const groupCommit = context.groupCommit ?? webhookGroupCommit();
    const outcome = await groupCommit.record(verified.event, "webhook", context.dependencies, { stripeWork: context.stripeWork });
    if (outcome.status === "queued") context.onQueued?.();
    // A failed projection is our bug, kept and retried by the app: Stripe retrying cannot help.
    return reply(200, { received: true, status: outcome.status });
  } catch (error) {
    console.error(`[webhooks] could not store ${verified.event.id}:`, error instanceof Error ? error.message : error);
    return reply(503, { error: "Database unavailable" });
  }
}
