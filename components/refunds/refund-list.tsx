import { SectionTable } from "@/components/tables/table";
import { formatCount, formatDateTime, refundFailureLabel, refundReasonLabel, refundStatusLabel, type ViewerFormat } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { refundOverdueDays } from "@/lib/refunds/pending";
import { refundTrace } from "@/lib/refunds/trace";

export interface RefundRow {
  id: string;
  amount: bigint;
  currency: string;
  status: string;
  reason: string | null;
  failureReason: string | null;
  arn: string | null;
  /** Set once a failed or canceled refund's amount is back in the balance. */
  failureBalanceTransactionId: string | null;
  /** The Stripe refund object, for its destination details. */
  data: unknown;
  created: Date;
}

const STATUS_CLASS: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-800",
  pending: "bg-amber-100 text-amber-900",
  requires_action: "bg-amber-100 text-amber-900",
  failed: "bg-red-100 text-red-800",
  canceled: "bg-slate-200 text-slate-700",
};

/** Each refund with its status, failure reason and ARN (pending until Stripe has it, or why none will come). */
export function RefundList({ refunds, viewer, now = new Date() }: { refunds: RefundRow[]; viewer: ViewerFormat; now?: Date }) {
  if (refunds.length === 0) return <p className="mt-2 text-sm text-slate-600">No refunds.</p>;
  return (
    <SectionTable caption="Refunds of this payment" columns={["Amount", "Status", "Reason", "ARN", "Date"]} testId="refunds">
      {refunds.map((r) => (
        <tr key={r.id} data-refund={r.id}>
          <td className="py-1.5 font-medium">{formatMoney(r.amount, r.currency, viewer.locale)}</td>
          <td className="py-1.5">
            <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_CLASS[r.status] ?? "bg-slate-100 text-slate-700"}`}>{refundStatusLabel(r.status)}</span>
            {r.failureReason ? <span className="ml-2 text-xs text-red-700">{refundFailureLabel(r.failureReason)}</span> : null}
            {r.failureBalanceTransactionId ? (
              <span data-testid="refund-returned" className="mt-0.5 block text-xs text-slate-700">
                {formatMoney(r.amount, r.currency, viewer.locale)} came back to your Stripe balance.
              </span>
            ) : null}
            <OverdueNote status={r.status} created={r.created} now={now} viewer={viewer} />
          </td>
          <td className="py-1.5 text-slate-700">{refundReasonLabel(r.reason)}</td>
          <td className="py-1.5 font-mono text-xs">
            <RefundReference refund={r} />
          </td>
          <td className="py-1.5 text-slate-600">{formatDateTime(r.created, viewer)}</td>
        </tr>
      ))}
    </SectionTable>
  );
}

function RefundReference({ refund }: { refund: RefundRow }) {
  const trace = refundTrace(refund);
  if (trace.kind === "reference") return <>{trace.reference}</>;
  if (trace.kind === "coming") return <span className="font-sans text-slate-500">pending</span>;
  return (
    <span data-testid="refund-no-reference" className="block max-w-xs font-sans text-slate-600">
      {trace.why}
    </span>
  );
}

/** Past Stripe's 5–10 business days a pending refund is not "on its way": say so, and who to ask. */
function OverdueNote({ status, created, now, viewer }: { status: string; created: Date; now: Date; viewer: ViewerFormat }) {
  const days = refundOverdueDays(status, created, now);
  if (days === null) return null;
  return (
    <span data-testid="refund-overdue" className="mt-0.5 block text-xs text-amber-900">
      Pending for {formatCount(days, viewer.locale)} days, longer than the 5–10 business days Stripe gives; ask Stripe support about it.
    </span>
  );
}
