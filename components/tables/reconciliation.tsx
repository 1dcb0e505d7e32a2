import { CheckCircle2, CircleAlert, Clock, Info } from "lucide-react";
import { balanceTransactionLabel, formatCount, type ViewerFormat } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import type { PayoutRow, Reconciliation } from "@/lib/payouts/queries";
import { Cell, Table } from "./table";

/** The payout's transactions by type, their total, and whether the total is the payout amount. */
export function ReconciliationSummary({ payout, reconciliation: r, viewer }: { payout: PayoutRow; reconciliation: Reconciliation; viewer: ViewerFormat }) {
  const money = (amount: bigint) => formatMoney(amount, payout.currency, viewer.locale);
  return (
    <section aria-labelledby="reconciliation-heading" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="reconciliation" data-matches={r.matches} data-net={String(r.net)} data-amount={String(payout.amount)}>
      <h2 id="reconciliation-heading" className="mb-3 text-sm font-semibold">
        Reconciliation
      </h2>
      {!r.itemised ? (
        <div className="space-y-2 text-sm text-slate-700" data-testid="reconciliation-manual">
          <p className="flex items-center gap-2 font-medium text-slate-900">
            <Info aria-hidden className="size-4 text-slate-500" /> This payout was made by hand, so its payments cannot be matched to it.
          </p>
          <p>
            Stripe lists the payments inside a payout only for payouts its schedule makes. A payout created by hand draws on
            the balance as a whole, so neither Stripe nor Ledgerline can say which payments, refunds or fees it contains.
          </p>
          <p>
            What can be matched: this payout&apos;s amount, {money(payout.amount)}, against the deposit on your bank statement,
            and your balance before and after {payout.status === "paid" ? "it was paid" : "it is paid"}.
          </p>
        </div>
      ) : !r.linked ? (
        <p className="flex items-center gap-2 text-sm text-slate-700" data-testid="reconciliation-pending">
          <Clock aria-hidden className="size-4 text-slate-500" />
          {payout.status === "paid"
            ? "Stripe is still reconciling this payout; the payments it contains appear here once Stripe has listed them."
            : "Stripe lists the payments a payout contains once it is paid and reconciled; they appear here then."}
        </p>
      ) : (
        <>
          <Table caption="Transactions in this payout by type" columns={[{ label: "Type" }, { label: "Count", align: "right" }, { label: "Gross", align: "right" }, { label: "Fees", align: "right" }, { label: "Net", align: "right" }]}>
            {r.lines.map((line) => (
              <tr key={line.type}>
                <Cell>{balanceTransactionLabel(line.type)}</Cell>
                <Cell align="right">{formatCount(line.count, viewer.locale)}</Cell>
                <Cell align="right">{money(line.amount)}</Cell>
                <Cell align="right">{money(-BigInt(line.fee))}</Cell>
                <Cell align="right">{money(line.net)}</Cell>
              </tr>
            ))}
            <tr className="bg-slate-50 font-semibold">
              <Cell>Total</Cell>
              <Cell align="right">{formatCount(r.count, viewer.locale)}</Cell>
              <Cell align="right">{money(r.gross)}</Cell>
              <Cell align="right">{money(-r.fees)}</Cell>
              <Cell align="right">
                <span data-testid="reconciliation-net">{money(r.net)}</span>
              </Cell>
            </tr>
          </Table>
          {r.matches ? (
            <p className="mt-3 flex items-center gap-2 text-sm text-emerald-800" data-testid="reconciliation-ok">
              <CheckCircle2 aria-hidden className="size-4" /> The transactions add up to the payout amount, {money(payout.amount)}.
            </p>
          ) : (
            <p role="alert" className="mt-3 flex items-center gap-2 text-sm font-medium text-red-800" data-testid="reconciliation-mismatch">
              <CircleAlert aria-hidden className="size-4" /> Mismatch: the transactions net {money(r.net)} but the payout is {money(payout.amount)} (difference {money(r.difference)}).
            </p>
          )}
        </>
      )}
    </section>
  );
}
