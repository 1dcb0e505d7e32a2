import Link from "next/link";
import { Cell, rowLinkClass, Table } from "@/components/tables/table";
import type { InboxAlert, InboxChange } from "@/lib/alerts/inbox";
import { formatDateTime, type ViewerFormat } from "@/lib/format";
import { MarkReadButton } from "./inbox-controls";

const COLUMNS = [{ label: "Alert" }, { label: "Kind" }, { label: "Raised" }, { label: "Read" }];

/**
 * The inbox as the other lists show their rows: the alert's title, a link to its object, is the
 * pinned first column on a phone; its details wrap under it so the column stays narrow.
 */
export function AlertsTable({ rows, viewer, markRead }: { rows: InboxAlert[]; viewer: ViewerFormat; markRead: (input: unknown) => Promise<InboxChange> }) {
  return (
    <Table caption="Your alerts" columns={COLUMNS} testId="alerts-table">
      {rows.map((alert) => (
        <tr key={alert.id} className={`align-top ${alert.read ? "" : "bg-indigo-50/50"}`} data-testid="alert-row" data-read={alert.read ? "yes" : "no"}>
          <td className="min-w-52 max-w-xs px-3 py-2 sm:max-w-md">
            <Link href={alert.href} className={`${rowLinkClass} ${alert.read ? "font-normal" : "font-semibold"}`}>
              {alert.title}
            </Link>
            {alert.lines.map((line) => (
              <span key={line} className="block text-xs text-slate-600">
                {line}
              </span>
            ))}
          </td>
          <Cell className="text-slate-700">{alert.ruleLabel}</Cell>
          <Cell className="text-slate-600">{formatDateTime(alert.createdAt, viewer)}</Cell>
          <Cell>{alert.read ? <span className="text-xs text-slate-500">Read</span> : <MarkReadButton alertId={alert.id} action={markRead} />}</Cell>
        </tr>
      ))}
    </Table>
  );
}
