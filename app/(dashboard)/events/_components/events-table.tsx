import Link from "next/link";
import { Cell, rowLinkClass, Table } from "@/components/tables/table";
import { eventSourceLabel, formatDateTime, type ViewerFormat } from "@/lib/format";
import { STRIPE_API_VERSION } from "@/lib/stripe/api-version";
import type { EventRow } from "@/lib/webhooks/event-log";
import { EventStatusBadge } from "./event-status-badge";

const COLUMNS = [{ label: "Event" }, { label: "Type" }, { label: "Object" }, { label: "Status" }, { label: "Attempts", align: "right" as const }, { label: "Created" }];

export function EventsTable({ rows, viewer }: { rows: EventRow[]; viewer: ViewerFormat }) {
  return (
    <Table caption="Stripe events, newest first" columns={COLUMNS} testId="events-table">
      {rows.map((e) => (
        <tr key={e.id} className="hover:bg-slate-50" data-testid="event-row" data-id={e.id}>
          <Cell>
            <Link href={`/events/${e.id}`} className={`${rowLinkClass} font-mono text-xs`}>
              {e.id}
            </Link>
            {e.source !== "webhook" ? <span className="ml-2 text-xs text-slate-500">via {eventSourceLabel(e.source)}</span> : null}
          </Cell>
          <Cell className="font-mono text-xs text-slate-800">{e.type}</Cell>
          <Cell>
            {e.objectId ? (
              <Link href={`/events?object=${encodeURIComponent(e.objectId)}`} className="font-mono text-xs text-slate-600 hover:underline">
                {e.objectId}
              </Link>
            ) : (
              <span className="text-xs text-slate-500">{e.objectType}</span>
            )}
          </Cell>
          <Cell>
            <EventStatusBadge status={e.status} />
            {e.otherApiVersion ? (
              <span
                className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900"
                data-testid="other-api-version"
                title={`Stripe rendered this event in API version ${e.apiVersion ?? "(none)"}, not ${STRIPE_API_VERSION}: it is kept as sent, and the mirror was updated from Stripe's current copy instead.`}
              >
                API {e.apiVersion ?? "unknown"}
              </span>
            ) : null}
            {e.status === "failed" && e.lastError ? (
              <span className="mt-0.5 block max-w-xs truncate text-xs text-red-700" title={e.lastError}>
                {e.lastError}
              </span>
            ) : null}
          </Cell>
          <Cell align="right">{e.attempts}</Cell>
          <Cell className="text-slate-600">{formatDateTime(e.created, viewer)}</Cell>
        </tr>
      ))}
    </Table>
  );
}
