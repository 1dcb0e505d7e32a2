// The Events CSV: the filtered set in the list's order.
import { dayIn } from "@/lib/listing/days";
import type { ListExport } from "@/lib/listing/export";
import { allEvents, eventFiltersSchema, type EventFilters, type EventRow } from "./event-log";

export const eventsExport: ListExport<EventFilters, EventRow> = {
  name: "events",
  permission: "lists.export",
  schema: eventFiltersSchema,
  header: ["id", "created_utc", "created_local_day", "type", "status", "object_type", "object_id", "attempts", "last_error", "received_utc", "source", "api_version"],
  rows: allEvents,
  line: (e, { timeZone }) => [
    e.id, e.created.toISOString(), dayIn(e.created, timeZone), e.type, e.status, e.objectType, e.objectId, String(e.attempts),
    e.lastError, e.receivedAt.toISOString(), e.source, e.apiVersion,
  ],
};
