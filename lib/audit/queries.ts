import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ACTION_TITLES } from "./timeline";

/** The audit view: every staff action and its outcome, newest first, filtered by person, action, object. */

export const auditFilterSchema = z.object({
  actor: z.uuid().optional().catch(undefined),
  kind: z.string().regex(/^[a-z_.]+$/).optional().catch(undefined),
  object: z.string().trim().regex(/^[A-Za-z0-9_@.+-]+$/).max(255).optional().catch(undefined),
  /** Keyset cursor: `<created ISO>|<id>` of the last row shown. */
  after: z.string().regex(/^[0-9T:.\-Z]+\|[0-9a-f-]{36}$/).optional().catch(undefined),
});

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
  message: string | null;
  params: unknown;
}

export const AUDIT_PAGE_SIZE = 50;

export async function listStaffActions(filter: AuditFilter): Promise<{ rows: AuditRow[]; next: string | null }> {
  const where: Prisma.StaffActionWhereInput = {};
  if (filter.actor) where.actorId = filter.actor;
  if (filter.kind) where.kind = filter.kind;
  if (filter.object) where.OR = [{ objectId: filter.object }, { outcome: { path: ["objectId"], equals: filter.object } }];
  if (filter.after) {
    const [at, id] = filter.after.split("|") as [string, string];
    const created = new Date(at);
    where.AND = [{ OR: [{ createdAt: { lt: created } }, { createdAt: created, id: { lt: id } }] }];
  }
  const rows = await db().staffAction.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    include: { actor: { select: { id: true, name: true, email: true } } },
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    rows: page.map((r) => {
      const outcome = (r.outcome ?? {}) as { message?: string; objectId?: string | null };
      return {
        id: r.id,
        at: r.createdAt,
        actor: r.actor,
        kind: r.kind,
        title: ACTION_TITLES[r.kind] ?? r.kind,
        objectType: r.objectType,
        objectId: r.objectId,
        resultObjectId: outcome.objectId ?? null,
        status: r.status,
        message: r.status === "failed" ? r.errorMessage : (outcome.message ?? null),
        params: r.params,
      };
    }),
    next: rows.length > AUDIT_PAGE_SIZE && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
  };
}

export async function auditFilterChoices(): Promise<{ staff: { id: string; name: string }[]; kinds: string[] }> {
  const staff = await db().staffUser.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return { staff, kinds: Object.keys(ACTION_TITLES) };
}
