import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ListCount } from "@/lib/listing/count";
import type { Cursor, Page } from "@/lib/listing/keyset";
import { countList, everyRow, listPage, listPageQuery, type ListContext, type ListSource } from "@/lib/listing/list-query";
import { checkDayRange, choice, dayRangeFields, lenient } from "@/lib/listing/search-params";
import { DATE_SORTS, sortField } from "@/lib/listing/sort";
import { ACTION_TITLES } from "./timeline";

/** The audit view: every staff action and its outcome, filtered by person, action, object, outcome and day. */

export const AUDIT_STATUSES = ["pending", "succeeded", "failed"] as const;

export const auditFilterSchema = z.object({
  actor: lenient(z.uuid()),
  kind: lenient(z.string().regex(/^[a-z_.]+$/)),
  object: lenient(z.string().trim().regex(/^[A-Za-z0-9_@.+-]+$/).max(255)),
  status: choice(AUDIT_STATUSES, "outcome"),
  ...dayRangeFields(),
  sort: sortField(DATE_SORTS),
}).superRefine(checkDayRange);

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export interface AuditRow {
  id: string;
  at: Date;
  actor: { id: string; name: string; email: string };
  kind: string;
  title: string;
  objectType: string | null;
  objectId: string | null;
  resultObjectId: string | null;
  status: "pending" | "succeeded" | "failed";
  /**
   * What the log shows: the status, except a charge Stripe held for the customer's 3-D Secure
   * (`authentication_required`), which waits for the customer rather than having failed.
   */
  shownStatus: AuditRow["status"] | "needs_authentication";
  message: string | null;
  params: unknown;
}

export const AUDIT_PAGE_SIZE = 50;

interface StoredAction {
  id: string;
  created: Date;
  actorId: string;
  actorName: string;
  actorEmail: string;
  kind: string;
  objectType: string | null;
  objectId: string | null;
  status: AuditRow["status"];
  outcome: { message?: string; objectId?: string | null; code?: string } | null;
  errorMessage: string | null;
  params: unknown;
}

export const auditList: ListSource<AuditFilter> = {
  from: Prisma.sql`FROM staff_actions a JOIN staff_users u ON u.id = a.actor_id`,
  columns: Prisma.sql`a.id, a.created_at AS created, u.id AS "actorId", u.name AS "actorName", u.email AS "actorEmail", a.kind,
    a.object_type AS "objectType", a.object_id AS "objectId", a.status::text AS status, a.outcome, a.error_message AS "errorMessage", a.params`,
  table: "a",
  createdColumn: "created_at",
  where(filters) {
    const parts: Prisma.Sql[] = [];
    if (filters.actor) parts.push(Prisma.sql`AND a.actor_id = ${filters.actor}::uuid`);
    if (filters.kind) parts.push(Prisma.sql`AND a.kind = ${filters.kind}`);
    if (filters.status) parts.push(Prisma.sql`AND a.status = ${filters.status}::"StaffActionStatus"`);
    // An action's own object, or the one it made (the charge's payment, the refund).
    if (filters.object) parts.push(Prisma.sql`AND (a.object_id = ${filters.object} OR a.outcome->>'objectId' = ${filters.object})`);
    return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
  },
};

function toAuditRow(r: StoredAction): AuditRow {
  const outcome = r.outcome ?? {};
  return {
    id: r.id,
    at: r.created,
    actor: { id: r.actorId, name: r.actorName, email: r.actorEmail },
    kind: r.kind,
    title: ACTION_TITLES[r.kind] ?? r.kind,
    objectType: r.objectType,
    objectId: r.objectId,
    resultObjectId: outcome.objectId ?? null,
    status: r.status,
    shownStatus: r.status === "failed" && outcome.code === "authentication_required" ? "needs_authentication" : r.status,
    message: r.status === "failed" ? r.errorMessage : (outcome.message ?? null),
    params: r.params,
  };
}

export function auditPageQuery(filters: AuditFilter, timeZone: string, cursor: Cursor | null, limit = AUDIT_PAGE_SIZE): Prisma.Sql {
  return listPageQuery(auditList, filters, { timeZone }, cursor, limit);
}

/** Without a zone, a date range is read in UTC. */
export async function listStaffActions(filters: AuditFilter, options: Partial<ListContext> & { cursor?: Cursor | null; limit?: number } = {}): Promise<Page<AuditRow>> {
  const page = await listPage<StoredAction, AuditFilter>(auditList, filters, { timeZone: "UTC", limit: AUDIT_PAGE_SIZE, ...options });
  return { rows: page.rows.map(toAuditRow), next: page.next };
}

export function countStaffActions(filters: AuditFilter, context: ListContext, bound?: number): Promise<ListCount> {
  return countList(auditList, filters, context, bound);
}

export async function* allStaffActions(filters: AuditFilter, context: ListContext, batchSize?: number): AsyncGenerator<AuditRow[]> {
  for await (const batch of everyRow<StoredAction, AuditFilter>(auditList, filters, context, batchSize)) yield batch.map(toAuditRow);
}

export async function auditFilterChoices(): Promise<{ staff: { id: string; name: string }[]; kinds: string[] }> {
  const staff = await db().staffUser.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return { staff, kinds: Object.keys(ACTION_TITLES) };
}
