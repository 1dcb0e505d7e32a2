// The orders a list can be read in. Each is a keyset on (key, id) that an index serves: created on
// every list, amount where the list has one (see the list_filters migration).
import { z } from "zod";

export const LIST_SORTS = {
  newest: { key: "created", descending: true, label: "Newest first" },
  oldest: { key: "created", descending: false, label: "Oldest first" },
  largest: { key: "amount", descending: true, label: "Largest amount first" },
  smallest: { key: "amount", descending: false, label: "Smallest amount first" },
} as const;

export type ListSort = keyof typeof LIST_SORTS;

export const DATE_SORTS = ["newest", "oldest"] as const satisfies readonly ListSort[];
export const AMOUNT_SORTS = ["newest", "oldest", "largest", "smallest"] as const satisfies readonly ListSort[];

export function sortOptions(sorts: readonly ListSort[]): Array<{ value: ListSort; label: string }> {
  return sorts.map((value) => ({ value, label: LIST_SORTS[value].label }));
}

/** The `sort` parameter: one of the list's orders; absent means newest first. */
export function sortField<const T extends readonly [ListSort, ...ListSort[]]>(sorts: T) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      if ((sorts as readonly string[]).includes(value)) return value as T[number];
      ctx.addIssue({ code: "custom", message: `“${value}” is not a sort order here: choose ${sorts.join(", ")}.` });
      return z.NEVER;
    })
    .optional();
}
