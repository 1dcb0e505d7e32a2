import { z } from "zod";
import { invalidRequest, resourceMissing } from "../core/errors";
import { listOf } from "../core/list";
import { bool, parse, str } from "../core/params";
import type { Router } from "../core/router";

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

export function registerEvents(router: Router): void {
  router.get("/v1/events", (r) => {
    const p = parse(listParams, r.input);
    if (p.type !== undefined && p.types !== undefined) {
      throw invalidRequest("You may only specify one of these parameters: type, types.", { param: "types" });
    }
    const matchers = (p.types ?? (p.type !== undefined ? [p.type] : [])).map(typeMatcher);
    const items = r.world.store.where("event", (e) => {
      if (matchers.length > 0 && !matchers.some((m) => m(String(e.type)))) return false;
      if (p.delivery_success !== undefined && (Number(e.pending_webhooks) === 0) !== p.delivery_success) return false;
      return true;
    });
    return listOf(r.world.store, items, r.input, "/v1/events");
  });
  router.get("/v1/events/:id", (r) => {
    const event = r.world.store.getOf("event", r.params.id ?? "");
    if (!event) throw resourceMissing("event", r.params.id ?? "");
    return event;
  });
}
