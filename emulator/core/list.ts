import { z } from "zod";
import { invalidRequest, resourceMissing } from "./errors";
import { int, parse, rangeFilter } from "./params";
import type { Selection, StripeObject, Store } from "./store";

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

type ListPage = { object: "list"; data: StripeObject[]; has_more: boolean; url: string };

/**
 * Stripe's list envelope: newest first, `limit` 1–100 (default 10), cursor by object id in
 * either direction, `created` range filter. A Selection is read lazily from the newest end,
 * so a page costs about `limit` objects rather than the whole collection.
 */
export function listOf(store: Store, items: StripeObject[] | Selection, query: Record<string, unknown>, url: string): ListPage {
  const params = parse(listParams, query);
  const limit = params.limit ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest("Invalid limit: must be between 1 and 100", { param: "limit" });
  }
  if (params.starting_after && params.ending_before) {
    throw invalidRequest("You may only specify one of these parameters: ending_before, starting_after.");
  }
  if (!Array.isArray(items) && store.isChronological(items.type)) return lazyPage(store, items, params, limit, url);
  const all = Array.isArray(items) ? items : store.all(items.type).filter(items.matches);
  return sortedPage(store, all, params, limit, url);
}

type Params = z.output<typeof listParams>;

function lazyPage(store: Store, selection: Selection, params: Params, limit: number, url: string): ListPage {
  const wanted = (o: StripeObject) => inRange(Number(o.created ?? 0), params.created) && selection.matches(o);
  const data: StripeObject[] = [];
  if (params.ending_before) {
    for (const o of store.newestFirst(selection.type)) {
      if (o.id === params.ending_before) {
        return { object: "list", data: data.slice(-limit), has_more: data.length > limit, url };
      }
      if (wanted(o)) data.push(o);
    }
    throw resourceMissing("object", params.ending_before, "ending_before");
  }
  let started = !params.starting_after;
  for (const o of store.newestFirst(selection.type)) {
    if (!started) {
      started = o.id === params.starting_after;
      continue;
    }
    if (!wanted(o)) continue;
    if (data.length === limit) return { object: "list", data, has_more: true, url };
    data.push(o);
  }
  if (!started) throw resourceMissing("object", String(params.starting_after), "starting_after");
  return { object: "list", data, has_more: false, url };
}

function sortedPage(store: Store, items: StripeObject[], params: Params, limit: number, url: string): ListPage {
  const newestFirst = (a: StripeObject, b: StripeObject) => Number(b.created ?? 0) - Number(a.created ?? 0) || store.seqOf(b.id) - store.seqOf(a.id);
  // Objects usually arrive oldest first, so reversing is usually all the sorting needed.
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
