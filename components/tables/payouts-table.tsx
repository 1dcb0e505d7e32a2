import Link from "next/link";
import { PayoutStatusBadge } from "@/components/badges/status-badge";
import { balanceTransactionLabel, formatDate, formatDateTime, payoutMethodLabel, type ViewerFormat } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import { describePayoutFailure } from "@/lib/payouts/failures";
import type { PayoutRow, PayoutTransactionRow } from "@/lib/payouts/queries";
import { Cell, rowLinkClass, Table } from "./table";

const COLUMNS = [{ label: "Amount", align: "right" as const }, { label: "Status" }, { label: "Arrival" }, { label: "Method" }, { label: "Created" }, { label: "Payout" }];

export function PayoutsTable({ rows, viewer, caption = "Payouts, newest first" }: { rows: PayoutRow[]; viewer: ViewerFormat; caption?: string }) {
  return (
    <Table caption={caption} columns={COLUMNS} testId="payouts-table">
      {rows.map((p) => (
        <tr key={p.id} className="hover:bg-slate-50" data-testid="payout-row" data-id={p.id}>
          <Cell align="right">
            <Link href={`/payouts/${p.id}`} className={rowLinkClass}>
              {formatMoney(p.amount, p.currency, viewer.locale)}
            </Link>{" "}
            <span className="text-xs uppercase text-slate-500">{p.currency}</span>
          </Cell>
          <Cell>
            <PayoutStatusBadge status={p.status} />
            {p.status === "failed" || p.failureCode ? <span className="mt-0.5 block text-xs text-red-700">{describePayoutFailure(p.failureCode, p.failureMessage).what}</span> : null}
          </Cell>
          <Cell className="text-slate-700">{formatDate(p.arrivalDate, viewer)}</Cell>
          <Cell className="text-slate-700">{payoutMethodLabel(p.method)}{p.automatic ? " · automatic" : ""}</Cell>
          <Cell className="text-slate-600">{formatDateTime(p.created, viewer)}</Cell>
          <Cell className="font-mono text-xs text-slate-500">{p.id}</Cell>
        </tr>
      ))}
    </Table>
  );
}

const TXN_COLUMNS = [{ label: "Type" }, { label: "Gross", align: "right" as const }, { label: "Fee", align: "right" as const }, { label: "Net", align: "right" as const }, { label: "Source" }, { label: "Date" }];

function sourceHref(sourceId: string | null): string | null {
  if (!sourceId) return null;
  if (sourceId.startsWith("dp_") || sourceId.startsWith("du_")) return `/disputes/${sourceId}`;
  return null;
}

export function PayoutTransactionsTable({ rows, viewer }: { rows: PayoutTransactionRow[]; viewer: ViewerFormat }) {
  return (
    <Table caption="Balance transactions paid out in this payout" columns={TXN_COLUMNS} testId="payout-transactions-table">
      {rows.map((t) => {
        const href = sourceHref(t.sourceId);
        return (
          <tr key={t.id} data-testid="payout-transaction-row" data-net={String(t.net)} data-source={t.sourceId ?? ""}>
            <Cell className="text-slate-700">{balanceTransactionLabel(t.reportingCategory ?? t.type)}</Cell>
            <Cell align="right">{formatMoney(t.amount, t.currency, viewer.locale)}</Cell>
            <Cell align="right" className="text-slate-600">{formatMoney(-BigInt(t.fee), t.currency, viewer.locale)}</Cell>
            <Cell align="right" className="font-medium">{formatMoney(t.net, t.currency, viewer.locale)}</Cell>
            <Cell className="font-mono text-xs">
              {href ? <Link href={href} className={rowLinkClass}>{t.sourceId}</Link> : <span className="text-slate-600">{t.sourceId ?? "—"}</span>}
            </Cell>
            <Cell className="text-slate-600">{formatDateTime(t.created, viewer)}</Cell>
          </tr>
        );
      })}
    </Table>
  );
}
