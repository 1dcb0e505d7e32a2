import Link from "next/link";
import { PaymentBadges } from "@/components/badges/status-badge";
import { formatDateTime, paymentFailureLabel, type ViewerFormat } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import type { PaymentRow } from "@/lib/queries/payments";
import { paymentBadges } from "@/lib/queries/payment-status";
import { Cell, rowLinkClass, Table } from "./table";

const COLUMNS = [{ label: "Amount", align: "right" as const }, { label: "Status" }, { label: "Customer" }, { label: "Card" }, { label: "Date" }, { label: "Payment" }];

export function PaymentsTable({ rows, viewer }: { rows: PaymentRow[]; viewer: ViewerFormat }) {
  return (
    <Table caption="Payments, newest first" columns={COLUMNS} testId="payments-table">
      {rows.map((p) => (
        <tr key={p.id} className="hover:bg-slate-50" data-testid="payment-row" data-id={p.id} data-created={p.created.toISOString()}>
          <Cell align="right">
            <Link href={`/payments/${p.id}`} className={rowLinkClass}>
              {formatMoney(p.amount, p.currency, viewer.locale)}
            </Link>{" "}
            <span className="text-xs uppercase text-slate-500">{p.currency}</span>
          </Cell>
          <Cell>
            <PaymentBadges badges={paymentBadges(p)} />
            {p.lastPaymentErrorMessage ? <span className="mt-0.5 block text-xs text-slate-500">{paymentFailureLabel(p.lastPaymentErrorCode, p.lastPaymentErrorDeclineCode)}</span> : null}
          </Cell>
          <Cell className="text-slate-700">{p.customerEmail ?? "—"}</Cell>
          <Cell className="text-slate-700">{p.cardLast4 ? `${p.cardBrand ?? "card"} •••• ${p.cardLast4}` : "—"}</Cell>
          <Cell className="text-slate-600">{formatDateTime(p.created, viewer)}</Cell>
          <Cell className="font-mono text-xs text-slate-500">{p.id}</Cell>
        </tr>
      ))}
    </Table>
  );
}
