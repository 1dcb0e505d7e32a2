import { z } from "zod";
import { invalidRequest } from "../core/errors";
import { int, parse, str } from "../core/params";
import type { Router } from "../core/router";
import type { StripeObject } from "../core/store";

// Stripe's search query language (FACTS §11): `field:value` exact and case-insensitive, `~`
// substring (3+ characters), `> < >= <=` numeric, `-` negates, a space or AND joins, OR
// alternates (not mixed with AND), `metadata["key"]:"value"`, and `null` for "not set".

type Clause = { negate: boolean; field: string; metadataKey: string | null; op: string; value: string | null };

const CLAUSE = /^\s*(-)?(metadata\["([^"]+)"\]|[a-z_][a-z0-9_.]*)\s*(>=|<=|:|~|>|<)\s*("(?:[^"\\]|\\.)*"|[^\s)]+)\s*/i;

function parseQuery(query: string, fields: ReadonlySet<string>): { clauses: Clause[]; mode: "and" | "or" } {
  const clauses: Clause[] = [];
  const joins = new Set<string>();
  let rest = query.trim();
  while (rest.length > 0) {
    const m = CLAUSE.exec(rest);
    if (!m) throw invalidRequest(`Invalid search query near: ${rest.slice(0, 30)}`, { param: "query" });
    const field = m[3] !== undefined ? "metadata" : (m[2] as string);
    if (!fields.has(field)) throw invalidRequest(`Field \`${field}\` is an unsupported search field for this resource.`, { param: "query" });
    const raw = m[5] as string;
    const value = raw === "null" ? null : raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, "$1") : raw;
    const op = m[4] as string;
    if (op === "~" && (value ?? "").length < 3) throw invalidRequest("Substring matching needs at least 3 characters.", { param: "query" });
    clauses.push({ negate: m[1] === "-", field, metadataKey: m[3] ?? null, op, value });
    rest = rest.slice(m[0].length);
    const join = /^(AND|OR)\s+/.exec(rest);
    if (join) {
      joins.add(join[1] as string);
      rest = rest.slice(join[0].length);
    } else if (rest.length > 0) joins.add("AND");
  }
  if (joins.size > 1) throw invalidRequest("You cannot combine AND and OR in the same search query.", { param: "query" });
  if (clauses.length === 0) throw invalidRequest("Missing required param: query.", { param: "query", code: "parameter_missing" });
  return { clauses, mode: joins.has("OR") ? "or" : "and" };
}

function valueAt(obj: StripeObject, clause: Clause): unknown {
  if (clause.metadataKey !== null) return (obj.metadata as Record<string, string> | undefined)?.[clause.metadataKey];
  if (obj.object === "charge" && clause.field === "refunded") {
    // "true" = fully refunded, "false" = partially, null = not at all.
    if (Number(obj.amount_refunded) === 0) return null;
    return obj.refunded === true ? "true" : "false";
  }
  let node: unknown = obj;
  for (const part of clause.field.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

function matches(obj: StripeObject, clause: Clause): boolean {
  const actual = valueAt(obj, clause);
  let result: boolean;
  if (clause.value === null) result = actual === null || actual === undefined || actual === "";
  else if (clause.op === ":") result = actual !== null && actual !== undefined && String(actual).toLowerCase() === clause.value.toLowerCase();
  else if (clause.op === "~") result = typeof actual === "string" && actual.toLowerCase().includes(clause.value.toLowerCase());
  else {
    const a = Number(actual);
    const b = Number(clause.value);
    result = clause.op === ">" ? a > b : clause.op === "<" ? a < b : clause.op === ">=" ? a >= b : a <= b;
  }
  return clause.negate ? !result : result;
}

const searchParams = z.object({ query: str, limit: int.optional(), page: str.optional(), expand: z.unknown().optional() });

function registerSearch(router: Router, path: string, type: string, fields: string[]): void {
  const allowed = new Set(fields);
  router.get(path, (r) => {
    const p = parse(searchParams, r.input);
    const limit = p.limit ?? 10;
    if (limit < 1 || limit > 100) throw invalidRequest("Invalid limit: must be between 1 and 100", { param: "limit" });
    const { clauses, mode } = parseQuery(p.query, allowed);
    // Stripe's search index trails writes ("don't use search for read-after-write flows",
    // docs.stripe.com/search); an object changed within the lag is not found at all, which never
    // finds more than Stripe would.
    const indexedBefore = r.world.clock.nowMs() - r.world.store.settings.searchLagSeconds * 1000;
    const found = r.world.store
      .all(type)
      .filter((o) => !r.world.store.hidden(o.id).deleted && r.world.store.writtenAt(o.id) <= indexedBefore)
      .filter((o) => (mode === "and" ? clauses.every((c) => matches(o, c)) : clauses.some((c) => matches(o, c))))
      .reverse();
    const offset = p.page ? Number(Buffer.from(p.page, "base64url").toString("utf8")) || 0 : 0;
    const data = found.slice(offset, offset + limit);
    const more = offset + limit < found.length;
    const expandTotal = JSON.stringify(p.expand ?? "").includes("total_count");
    return {
      object: "search_result",
      data,
      has_more: more,
      next_page: more ? Buffer.from(String(offset + limit)).toString("base64url") : null,
      url: path,
      ...(expandTotal ? { total_count: found.length } : {}),
    };
  });
}

export function registerSearches(router: Router): void {
  registerSearch(router, "/v1/customers/search", "customer", ["created", "email", "metadata", "name", "phone"]);
  registerSearch(router, "/v1/payment_intents/search", "payment_intent", ["amount", "created", "currency", "customer", "metadata", "status"]);
  registerSearch(router, "/v1/charges/search", "charge", [
    "amount", "billing_details.address.postal_code", "created", "currency", "customer", "disputed", "metadata",
    "payment_method_details.card.last4", "payment_method_details.card.exp_month", "payment_method_details.card.exp_year",
    "payment_method_details.card.brand", "payment_method_details.card.fingerprint", "refunded", "status",
  ]);
}
