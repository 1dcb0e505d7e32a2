import Link from "next/link";
import { DisputeStatusBadge } from "@/components/badges/status-badge";
import { disputeReasonLabel, formatDateTime, type ViewerFormat } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { timeLeft } from "@/lib/disputes/time-left";
import { AWAITING_RESPONSE, type DisputeRow } from "@/lib/queries/disputes";
import { Cell, rowLinkClass, Table } from "./table";

const COLUMNS = [{ label: "Amount", align: "right" as const }, { label: "Status" }, { label: "Reason" }, { label: "Respond by" }, { label: "Evidence" }, { label: "Opened" }];

export function DueBy({ dispute, now, viewer }: { dispute: DisputeRow; now: Date; viewer: ViewerFormat }) {
  const awaiting = (AWAITING_RESPONSE as readonly string[]).includes(dispute.status);
  if (!dispute.dueBy) return <span className="text-slate-500">—</span>;
  const left = awaiting ? timeLeft(dispute.dueBy, now) : null;
  return (
    <span>
      <span className="text-slate-700">{formatDateTime(dispute.dueBy, viewer)}</span>
      {left ? (
        <span data-testid="due-countdown" data-urgent={left.urgent} className={`ml-2 text-xs font-semibold ${left.urgent ? "text-red-700" : "text-slate-600"}`}>
          {left.text}
        </span>
      ) : null}
    </span>
  );
}

function evidenceState(d: DisputeRow): string {
  if (d.evidenceSubmissionCount > 0) return `Submitted${d.evidenceSubmissionCount > 1 ? ` ${d.evidenceSubmissionCount}×` : ""}`;
  if (d.hasEvidence) return "Saved, not submitted";
  return "None yet";
}

export function DisputesTable({ rows, viewer, now, caption = "Disputes, newest first" }: { rows: DisputeRow[]; viewer: ViewerFormat; now: Date; caption?: string }) {
  return (
    <Table caption={caption} columns={COLUMNS} testId="disputes-table">
      {rows.map((d) => (
        <tr key={d.id} className="hover:bg-slate-50" data-testid="dispute-row" data-id={d.id} data-created={d.created.toISOString()} data-due={d.dueBy?.toISOString() ?? ""}>
          <Cell align="right">
            <Link href={`/disputes/${d.id}`} className={rowLinkClass}>
              {formatMoney(d.amount, d.currency, viewer.locale)}
            </Link>{" "}
            <span className="text-xs uppercase text-slate-500">{d.currency}</span>
          </Cell>
          <Cell>
            <DisputeStatusBadge status={d.status} />
          </Cell>
          <Cell className="text-slate-700">{disputeReasonLabel(d.reason)}</Cell>
          <Cell>
            <DueBy dispute={d} now={now} viewer={viewer} />
          </Cell>
          <Cell className="text-slate-700">{evidenceState(d)}</Cell>
          <Cell className="text-slate-600">{formatDateTime(d.created, viewer)}</Cell>
        </tr>
      ))}
    </Table>
  );
}
