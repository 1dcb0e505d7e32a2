import { z } from "zod";
import { invalidRequest, resourceMissing } from "../core/errors";
import { endpointVersion, isSentIn } from "../core/event_versions";
import { newId, randomToken } from "../core/ids";
import { listOf } from "../core/list";
import { bool, mergeMetadata, metadata, parse, str } from "../core/params";
import type { Router } from "../core/router";
import type { StripeObject } from "../core/store";
import { isKnownApiVersion, KNOWN_API_VERSIONS } from "../core/versions";
import type { World } from "../core/world";

const MAX_ENDPOINTS = 16;
const eventName = z.string().regex(/^(\*|[a-z_]+(\.[a-z_]+)+)$/, "Invalid event type");

const createParams = z.object({
  url: z.string().url(),
  enabled_events: z.array(eventName).min(1),
  description: str.optional(),
  metadata: metadata.optional(),
  api_version: str.optional(),
  connect: bool.optional(),
});

const updateParams = z.object({
  url: z.string().url().optional(),
  enabled_events: z.array(eventName).min(1).optional(),
  description: str.optional(),
  metadata: metadata.optional(),
  disabled: bool.optional(),
});

export function endpointSecret(world: World, endpointId: string): string {
  return String(world.store.hidden(endpointId).secret);
}

/** Enabled endpoints subscribed to this event that receive it in their API version. */
export function endpointsFor(world: World, eventType: string, object: Record<string, unknown>): StripeObject[] {
  return world.store
    .all("webhook_endpoint")
    .filter(
      (e) =>
        e.status === "enabled" &&
        (e.enabled_events as string[]).some((x) => x === "*" || x === eventType) &&
        isSentIn(eventType, object, endpointVersion(e, world.accountApiVersion)),
    );
}

/**
 * For local runs: makes sure an endpoint for `url` exists and signs with `secret`, so the app
 * can be configured with a fixed STRIPE_WEBHOOK_SECRET (as `stripe listen` allows).
 */
export function ensureWebhookEndpoint(world: World, url: string, secret: string, enabledEvents: string[] = ["*"]): StripeObject {
  if (!/^whsec_\w+$/.test(secret)) throw new Error("the webhook secret must look like whsec_…");
  const existing = world.store.all("webhook_endpoint").find((e) => e.url === url);
  if (existing) {
    world.update(existing, { status: "enabled", enabled_events: enabledEvents });
    world.store.setHidden(existing.id, { secret });
    return existing;
  }
  const endpoint: StripeObject = {
    id: newId("we"),
    object: "webhook_endpoint",
    api_version: null,
    application: null,
    created: world.now(),
    description: "Configured when the emulator started",
    enabled_events: enabledEvents,
    livemode: world.livemode,
    metadata: {},
    status: "enabled",
    url,
  };
  return world.store.insert(endpoint, { secret });
}

/** Stripe delivers live events only over TLS (stripe/stripe-connect-custom-rocketdeliveries#10 quotes the refusal). */
function requireHttpsInLivemode(world: World, url: string | undefined): void {
  if (!world.livemode || url === undefined || url.startsWith("https://")) return;
  throw invalidRequest(`Invalid URL: ${url}. URLs in livemode must begin with "https://"`, { param: "url" });
}

function findEndpoint(world: World, id: string): StripeObject {
  const endpoint = world.store.getOf("webhook_endpoint", id);
  if (!endpoint) throw resourceMissing("webhook endpoint", id);
  return endpoint;
}

export function registerWebhookEndpoints(router: Router): void {
  router.post("/v1/webhook_endpoints", (r) => {
    const p = parse(createParams, r.input);
    requireHttpsInLivemode(r.world, p.url);
    if (p.api_version !== undefined && !isKnownApiVersion(p.api_version)) {
      // UNCONFIRMED wording: Stripe's message for a value outside an enum.
      throw invalidRequest(`Invalid api_version: must be one of ${KNOWN_API_VERSIONS.join(", ")}`, { param: "api_version" });
    }
    if (r.world.store.all("webhook_endpoint").length >= MAX_ENDPOINTS) {
      throw invalidRequest(`You have reached the maximum of ${MAX_ENDPOINTS} test webhook endpoints.`, { param: "url" });
    }
    const endpoint: StripeObject = {
      id: newId("we"),
      object: "webhook_endpoint",
      api_version: p.api_version ?? null,
      application: null,
      created: r.world.now(),
      description: p.description ?? null,
      enabled_events: p.enabled_events,
      livemode: r.world.livemode,
      metadata: mergeMetadata({}, p.metadata),
      status: "enabled",
      url: p.url,
    };
    const secret = `whsec_${randomToken(32)}`;
    r.world.store.insert(endpoint, { secret });
    // The signing secret is only ever shown in the create response.
    return { ...endpoint, secret };
  });
  router.get("/v1/webhook_endpoints", (r) => listOf(r.world.store, r.world.store.all("webhook_endpoint"), r.input, "/v1/webhook_endpoints"));
  router.get("/v1/webhook_endpoints/:id", (r) => findEndpoint(r.world, r.params.id ?? ""));
  router.post("/v1/webhook_endpoints/:id", (r) => {
    const endpoint = findEndpoint(r.world, r.params.id ?? "");
    const p = parse(updateParams, r.input);
    requireHttpsInLivemode(r.world, p.url);
    const changes: Record<string, unknown> = {};
    if (p.url !== undefined) changes.url = p.url;
    if (p.enabled_events !== undefined) changes.enabled_events = p.enabled_events;
    if (p.description !== undefined) changes.description = p.description || null;
    if (p.metadata !== undefined) changes.metadata = mergeMetadata(endpoint.metadata as Record<string, string>, p.metadata);
    if (p.disabled !== undefined) changes.status = p.disabled ? "disabled" : "enabled";
    r.world.update(endpoint, changes);
    return endpoint;
  });
  router.delete("/v1/webhook_endpoints/:id", (r) => {
    const endpoint = findEndpoint(r.world, r.params.id ?? "");
    r.world.store.remove(endpoint.id);
    return { id: endpoint.id, object: "webhook_endpoint", deleted: true };
  });
}
