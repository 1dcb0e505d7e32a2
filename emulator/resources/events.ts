import { z } from "zod";
import { invalidRequest, resourceMissing } from "../core/errors";
import { accountVersionOf, isSentIn, renderEventIn } from "../core/event_versions";
import { listOf } from "../core/list";
import { bool, parse, str } from "../core/params";
import type { Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";

const listParams = z.object({
  type: str.optional(),
  types: z.array(str).max(20).optional(),
  delivery_success: bool.optional(),
});

function typeMatcher(pattern: string): (type: string) => boolean {
  if (!pattern.includes("*")) return (type) => type === pattern;
  const re = new RegExp(`^${pattern.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return (type) => re.test(type);
}

// The Events API shows each event in the account's default version of when it was made, whatever
// version the request asks for ("rendered according to Stripe API version at its creation time …
// not according to your current Stripe API version or Stripe-Version header": stripe@23 Events.d.ts).
function inAccountVersion(world: World, event: StripeObject): StripeObject {
  return renderEventIn(world.store, event, accountVersionOf(world.store, event, world.accountApiVersion));
}

function existsForAccount(world: World, event: StripeObject): boolean {
  const object = (event.data as { object: Record<string, unknown> }).object;
  return isSentIn(String(event.type), object, accountVersionOf(world.store, event, world.accountApiVersion));
}

export function registerEvents(router: Router): void {
  router.get("/v1/events", (r) => {
    const p = parse(listParams, r.input);
    if (p.type !== undefined && p.types !== undefined) {
      throw invalidRequest("You may only specify one of these parameters: type, types.", { param: "types" });
    }
    const matchers = (p.types ?? (p.type !== undefined ? [p.type] : [])).map(typeMatcher);
    const items = r.world.store.where("event", (e) => {
      if (!existsForAccount(r.world, e)) return false;
      if (matchers.length > 0 && !matchers.some((m) => m(String(e.type)))) return false;
      if (p.delivery_success !== undefined && (Number(e.pending_webhooks) === 0) !== p.delivery_success) return false;
      return true;
    });
    const page = listOf(r.world.store, items, r.input, "/v1/events");
    return { ...page, data: page.data.map((e) => inAccountVersion(r.world, e)) };
  });
  router.get("/v1/events/:id", (r) => {
    const event = r.world.store.getOf("event", r.params.id ?? "");
    if (!event || !existsForAccount(r.world, event)) throw resourceMissing("event", r.params.id ?? "");
    return inAccountVersion(r.world, event);
  });
}
