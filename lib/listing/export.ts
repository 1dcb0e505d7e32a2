// A list's CSV export: the same filters as its page (read by the same schema), checked against the
// permission table, recorded in the audit log before the first row, then streamed.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { refusalStatus, requirePermission } from "@/lib/auth/require-role";
import type { Permission } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { getViewerFormat } from "@/lib/format/viewer";
import { csvChunks, csvStream } from "./csv";
import { dayIn } from "./days";
import type { ListContext } from "./list-query";
import { firstValues, readFilters } from "./search-params";

export interface ListExport<F, R> {
  /** The file's name and the audit kind: "refunds" → refunds-2026-12-07.csv, "refunds.export". */
  name: string;
  permission: Permission;
  schema: z.ZodType<F>;
  header: readonly string[];
  rows(filters: F, context: ListContext): AsyncGenerator<R[]>;
  line(row: R, context: ListContext): ReadonlyArray<string | null | undefined>;
  /** Why filters that parse still cannot be applied (an unreadable amount), or null. */
  problem?(filters: F, context: ListContext): string | null;
}

export function exportKind(spec: { name: string }): string {
  return `${spec.name}.export`;
}

/** The rows of an export as CSV text, for tests and the route alike. */
export function exportCsv<F, R>(spec: ListExport<F, R>, filters: F, context: ListContext): AsyncGenerator<string> {
  return csvChunks(spec.header, spec.rows(filters, context), (row) => spec.line(row, context));
}

/**
 * An export hands data to a file outside our control: who took which set, and when, goes to the
 * audit log before the first row is streamed.
 */
export async function recordExport(actorId: string, spec: { name: string }, filters: unknown): Promise<void> {
  const params = JSON.parse(JSON.stringify(filters ?? {})) as Record<string, string>;
  await db().staffAction.create({
    data: {
      actorId, kind: exportKind(spec), objectType: spec.name, params, idempotencyKey: randomUUID(),
      status: "succeeded", outcome: {}, completedAt: new Date(),
    },
  });
}

export async function exportResponse<F, R>(request: Request, spec: ListExport<F, R>): Promise<Response> {
  const access = await requirePermission(spec.permission);
  if (!access.ok) return Response.json({ error: access.error }, { status: refusalStatus(access) });
  const reading = readFilters(spec.schema, firstValues(Object.fromEntries(new URL(request.url).searchParams)));
  // An export that quietly dropped a bad filter would hand over rows nobody asked for.
  if (!reading.ok) return Response.json({ error: reading.message }, { status: 400 });
  const { timeZone } = await getViewerFormat();
  const context: ListContext = { timeZone, locale: access.staff.locale };
  const problem = spec.problem?.(reading.filters, context);
  if (problem) return Response.json({ error: problem }, { status: 400 });
  await recordExport(access.staff.id, spec, reading.filters);
  return new Response(csvStream(exportCsv(spec, reading.filters, context)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${spec.name}-${dayIn(new Date(), timeZone)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
