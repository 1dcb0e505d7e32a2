// The audit log's CSV: the filtered set in the list's order.
import { dayIn } from "@/lib/listing/days";
import type { ListExport } from "@/lib/listing/export";
import { allStaffActions, auditFilterSchema, type AuditFilter, type AuditRow } from "./queries";

export const auditExport: ListExport<AuditFilter, AuditRow> = {
  name: "audit",
  permission: "lists.export",
  schema: auditFilterSchema,
  header: ["id", "at_utc", "local_day", "actor_name", "actor_email", "kind", "action", "object_type", "object_id", "result_object_id", "status", "message"],
  rows: allStaffActions,
  line: (a, { timeZone }) => [
    a.id, a.at.toISOString(), dayIn(a.at, timeZone), a.actor.name, a.actor.email, a.kind, a.title, a.objectType, a.objectId,
    a.resultObjectId, a.status, a.message,
  ],
};
