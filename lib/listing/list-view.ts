// What a list page reads from its URL, the same way on every list: the parameters as given, the
// list's own schema's reading of them (or its refusal, naming the fields), and the cursor.
import type { z } from "zod";
import { decodeCursor, type Cursor } from "./keyset";
import { hasFilters } from "./page-links";
import { firstValues, listHref, readFilters, type FilterReading, type RawSearchParams } from "./search-params";

export interface ListView<F> {
  /** The URL's parameters, first value of each, as typed. */
  current: Record<string, string>;
  reading: FilterReading<F>;
  /** What the filter bar shows: the parsed filters, or what was typed when refused. */
  shown: Record<string, string | undefined>;
  invalid(field: string): boolean;
  filtered: boolean;
  cursor: Cursor | null;
  /** The export of exactly these filters (no cursor: an export is the whole filtered set). */
  exportHref: string;
}

export function readListView<F extends object>(schema: z.ZodType<F>, raw: RawSearchParams, exportPath: string): ListView<F> {
  const current = firstValues(raw);
  const reading = readFilters(schema, current);
  return {
    current,
    reading,
    shown: reading.ok ? (reading.filters as Record<string, string | undefined>) : current,
    invalid: (field) => !reading.ok && reading.fields.includes(field),
    filtered: hasFilters(current),
    cursor: decodeCursor(current.after),
    exportHref: listHref(exportPath, { ...current, after: undefined }, {}),
  };
}
