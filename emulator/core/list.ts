import { z } from "zod";
import { invalidRequest, resourceMissing } from "./errors";
import { int, parse, rangeFilter } from "./params";
import type { StripeObject, Store } from "./store";

const listParams = z.object({
  limit: int.optional(),
  starting_after: z.string().optional(),
  ending_before: z.string().optional(),
  created: rangeFilter,
});

export type Range = z.output<typeof rangeFilter>;

export function inRange(value: number, range: Range): boolean {
  if (range === undefined) return true;
  if (typeof range === "number") return value === range;
  if (range.gt !== undefined && !(value > range.gt)) return false;
  if (range.gte !== undefined && !(value >= range.gte)) return false;
  if (range.lt !== undefined && !(value < range.lt)) return false;
  if (range.lte !== undefined && !(value <= range.lte)) return false;
  return true;
}

/**
 * Stripe's list envelope: newest first, `limit` 1–100 (default 10), cursor by object id in
 * either direction, `created` range filter.
 */
export function listOf(
  store: Store,
  items: StripeObject[],
  query: Record<string, unknown>,
  url: string,
): { object: "list"; data: StripeObject[]; has_more: boolean; url: string } {
  const params = parse(listParams, query);
  const limit = params.limit ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest("Invalid limit: must be between 1 and 100", { param: "limit" });
  }
  if (params.starting_after && params.ending_before) {
    throw invalidRequest("You may only specify one of these parameters: ending_before, starting_after.");
  }
  const newestFirst = (a: StripeObject, b: StripeObject) => Number(b.created ?? 0) - Number(a.created ?? 0) || store.seqOf(b.id) - store.seqOf(a.id);
  // The store hands objects over oldest first, so reversing is usually all the sorting needed.
  const sorted = items.filter((o) => inRange(Number(o.created ?? 0), params.created)).reverse();
  for (let i = 1; i < sorted.length; i++) {
    if (newestFirst(sorted[i - 1] as StripeObject, sorted[i] as StripeObject) > 0) {
      sorted.sort(newestFirst);
      break;
    }
  }
  let data: StripeObject[];
  let hasMore: boolean;
  if (params.starting_after) {
    const index = sorted.findIndex((o) => o.id === params.starting_after);
    if (index === -1) throw resourceMissing("object", params.starting_after, "starting_after");
    data = sorted.slice(index + 1, index + 1 + limit);
    hasMore = index + 1 + limit < sorted.length;
  } else if (params.ending_before) {
    const index = sorted.findIndex((o) => o.id === params.ending_before);
    if (index === -1) throw resourceMissing("object", params.ending_before, "ending_before");
    const start = Math.max(0, index - limit);
    data = sorted.slice(start, index);
    hasMore = start > 0;
  } else {
    data = sorted.slice(0, limit);
    hasMore = sorted.length > limit;
  }
  return { object: "list", data, has_more: hasMore, url };
}
