import Link from "next/link";
import { RefundStatusBadge } from "@/components/badges/status-badge";
import { formatDateTime, refundFailureLabel, refundReasonLabel, words, type ViewerFormat } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import type { RefundRow } from "@/lib/queries/refunds";
import { refundTrace } from "@/lib/refunds/trace";
import { Cell, rowLinkClass, Table } from "./table";

const COLUMNS = [{ label: "Amount", align: "right" as const }, { label: "Status" }, { label: "Reason" }, { label: "ARN" }, { label: "Date" }, { label: "Payment" }];

export function RefundsTable({ rows, viewer }: { rows: RefundRow[]; viewer: ViewerFormat }) {
  return (
    <Table caption="Refunds, newest first" columns={COLUMNS} testId="refunds-table">
      {rows.map((r) => (
        <tr key={r.id} className="hover:bg-slate-50" data-testid="refund-row" data-id={r.id}>
          <Cell align="right">
            {formatMoney(r.amount, r.currency, viewer.locale)} <span className="text-xs uppercase text-slate-500">{r.currency}</span>
          </Cell>
          <Cell>
            <RefundStatusBadge status={r.status} />
            {r.failureReason ? <span className="mt-0.5 block text-xs text-red-700">{refundFailureLabel(r.failureReason)}</span> : null}
            {r.status === "pending" && r.pendingReason ? <span className="mt-0.5 block text-xs text-slate-500">{words(r.pendingReason)}</span> : null}
          </Cell>
          <Cell className="text-slate-700">{refundReasonLabel(r.reason)}</Cell>
          <Cell className="font-mono text-xs text-slate-600">
            <ArnCell refund={r} />
          </Cell>
          <Cell className="text-slate-600">{formatDateTime(r.created, viewer)}</Cell>
          <Cell>
            {r.paymentIntentId ? (
              <Link href={`/payments/${r.paymentIntentId}`} className={`${rowLinkClass} font-mono text-xs`}>
                {r.paymentIntentId}
              </Link>
            ) : (
              <span className="font-mono text-xs text-slate-500">{r.chargeId ?? "—"}</span>
            )}
          </Cell>
        </tr>
      ))}
    </Table>
  );
}

function ArnCell({ refund }: { refund: RefundRow }) {
  const trace = refundTrace(refund);
  if (trace.kind === "reference") return <>{trace.reference}</>;
  if (trace.kind === "coming") return <>—</>;
  return (
    <span className="font-sans" title={trace.why}>
      {trace.short}
    </span>
  );
}
