// Links a list page renders: the next page (same filters plus the cursor) and the newest page.
import { encodeCursor, type Page } from "./keyset";
import { listHref } from "./search-params";

export interface PageLinks {
  firstHref: string;
  nextHref: string | null;
  isFirst: boolean;
}

/** `current` holds the page's URL parameters as given (filters and maybe `after`). */
export function pageLinks<T>(path: string, current: Record<string, string>, page: Page<T>): PageLinks {
  const filters = { ...current, after: undefined };
  return {
    firstHref: listHref(path, filters, {}),
    nextHref: page.next ? listHref(path, filters, { after: encodeCursor(page.next) }) : null,
    isFirst: !current.after,
  };
}

/** True when any parameter other than the cursor narrows the list. */
export function hasFilters(current: Record<string, string>): boolean {
  return Object.keys(current).some((key) => key !== "after");
}
