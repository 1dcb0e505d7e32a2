import { AlertTriangle, Banknote, CreditCard, Scale } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { LazyActivityChart } from "@/components/charts/activity-chart-lazy";
import { formatDate, formatDateTime, formatDay, fraudTypeLabel, paymentFailureLabel, type ViewerFormat } from "@/lib/format";
import { formatMoney } from "@/lib/money";
import type { Overview } from "@/lib/overview";
import { DisputesTable } from "./disputes-table";
import { PayoutsTable } from "./payouts-table";
import { Cell, rowLinkClass, Table } from "./table";

function Panel({ id, title, action, children }: { id: string; title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-6">
      <div className="mb-2 flex items-baseline justify-between">
        <h2 id={id} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}

function Quiet({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">{children}</p>;
}

const seeAll = (href: string, label: string) => (
  <Link href={href} className={`${rowLinkClass} text-xs`}>
    {label}
  </Link>
);

export function BalancePanel({ balance, viewer }: { balance: Overview["balance"]; viewer: ViewerFormat }) {
  return (
    <Panel id="balance-heading" title="Balance">
      {balance.amounts.length === 0 ? (
        <Quiet>{balance.source === "unavailable" ? "Stripe’s balance could not be read just now; try again in a moment." : "No balance yet: funds appear here once payments settle."}</Quiet>
      ) : (
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3" data-testid="balances">
          {balance.amounts.map((a) => (
            <div key={a.currency} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`balance-${a.currency}`}>
              <p className="text-xs font-medium uppercase text-slate-500">{a.currency}</p>
              <p className="mt-1 text-lg font-semibold tabular-nums">{formatMoney(a.available, a.currency, viewer.locale)}</p>
              <p className="text-xs text-slate-600">available · {formatMoney(a.pending, a.currency, viewer.locale)} pending</p>
            </div>
          ))}
        </div>
      )}
      {balance.source === "last_event" && balance.asOf ? <p className="mt-1 text-xs text-amber-800">Stripe could not be reached; showing the balance as of {formatDateTime(balance.asOf, viewer)}.</p> : null}
    </Panel>
  );
}

export function ActivityPanel({ activity, viewer }: { activity: Overview["activity"]; viewer: ViewerFormat }) {
  return (
    <Panel id="activity-heading" title={`Last ${activity.days.length} days`}>
      {activity.currencies.length === 0 ? (
        <Quiet>No payments, refunds or disputes in the last {activity.days.length} days.</Quiet>
      ) : (
        activity.currencies.map((currency) => {
          const totals = activity.totals[currency]!;
          const series = activity.byCurrency[currency] ?? [];
          return (
            <div key={currency} className="mb-4 rounded-lg border border-slate-200 bg-white p-4" data-testid={`activity-${currency}`}>
              <dl className="mb-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
                {([["Gross volume", totals.gross, "gross"], ["Stripe fees", -totals.fees, "fees"], ["Refunds", -totals.refunds, "refunds"], ["Disputes", -totals.disputes, "disputes"], ["Net", totals.net, "net"]] as const).map(([label, value, key]) => (
                  <div key={key}>
                    <dt className="text-xs text-slate-500">{label} <span className="uppercase">({currency})</span></dt>
                    <dd className="font-semibold tabular-nums" data-testid={`total-${currency}-${key}`} data-amount={String(value)}>
                      {formatMoney(value, currency, viewer.locale)}
                    </dd>
                  </div>
                ))}
              </dl>
              <LazyActivityChart currency={currency} viewer={viewer} points={series.map((d) => ({ day: d.day, gross: Number(d.gross), net: Number(d.net), refunds: Number(d.refunds), disputes: Number(d.disputes) }))} />
              <details className="mt-2 text-sm">
                <summary className="cursor-pointer text-xs font-medium text-slate-600">Daily figures ({currency.toUpperCase()})</summary>
                <Table caption={`Daily figures in ${currency.toUpperCase()}`} columns={[{ label: "Day" }, { label: "Gross", align: "right" }, { label: "Refunds", align: "right" }, { label: "Disputes", align: "right" }, { label: "Net", align: "right" }]}>
                  {series.filter((d) => d.gross || d.refunds || d.disputes).map((d) => (
                    <tr key={d.day}>
                      <Cell>{formatDay(d.day, viewer)}</Cell>
                      <Cell align="right">{formatMoney(d.gross, currency, viewer.locale)}</Cell>
                      <Cell align="right">{formatMoney(d.refunds, currency, viewer.locale)}</Cell>
                      <Cell align="right">{formatMoney(d.disputes, currency, viewer.locale)}</Cell>
                      <Cell align="right">{formatMoney(d.net, currency, viewer.locale)}</Cell>
                    </tr>
                  ))}
                </Table>
              </details>
            </div>
          );
        })
      )}
    </Panel>
  );
}

export function AttentionPanels({ overview, viewer, now }: { overview: Overview; viewer: ViewerFormat; now: Date }) {
  return (
    <>
      <Panel id="disputes-heading" title="Disputes needing a response" action={seeAll("/disputes?status=needs_response", "All disputes needing a response")}>
        {overview.disputes.length === 0 ? (
          <Quiet>
            <Scale aria-hidden className="mr-1 inline size-4" /> No dispute is waiting for evidence.
          </Quiet>
        ) : (
          <DisputesTable rows={overview.disputes} viewer={viewer} now={now} caption="Disputes needing a response, nearest deadline first" />
        )}
      </Panel>
      <Panel id="efw-heading" title="Early fraud warnings to act on">
        {overview.fraudWarnings.length === 0 ? (
          <Quiet>
            <AlertTriangle aria-hidden className="mr-1 inline size-4" /> No actionable fraud warning. Card issuers report suspected fraud here before it turns into a dispute.
          </Quiet>
        ) : (
          <Table caption="Actionable early fraud warnings, newest first" columns={[{ label: "Payment", align: "right" }, { label: "Fraud type" }, { label: "Customer" }, { label: "Reported" }, { label: "Action" }]} testId="efw-table">
            {overview.fraudWarnings.map((w) => (
              <tr key={w.id}>
                <Cell align="right">{w.amount !== null && w.currency ? formatMoney(w.amount, w.currency, viewer.locale) : "—"}</Cell>
                <Cell>{fraudTypeLabel(w.fraudType)}</Cell>
                <Cell className="text-slate-700">{w.customerEmail ?? "—"}</Cell>
                <Cell className="text-slate-600">{formatDateTime(w.created, viewer)}</Cell>
                <Cell>
                  {w.paymentIntentId ? (
                    <Link href={`/payments/${w.paymentIntentId}#refund`} className={rowLinkClass}>
                      Refund to avoid a dispute
                    </Link>
                  ) : (
                    "—"
                  )}
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </Panel>
      <Panel id="failed-heading" title="Recent failed payments" action={seeAll("/payments?status=failed", "All failed payments")}>
        {overview.failedPayments.length === 0 ? (
          <Quiet>
            <CreditCard aria-hidden className="mr-1 inline size-4" /> No failed payment recently.
          </Quiet>
        ) : (
          <Table caption="Recent failed payments" columns={[{ label: "Amount", align: "right" }, { label: "Reason" }, { label: "Customer" }, { label: "Card" }, { label: "Date" }]} testId="failed-table">
            {overview.failedPayments.map((p) => (
              <tr key={p.id}>
                <Cell align="right">
                  <Link href={`/payments/${p.id}`} className={rowLinkClass}>
                    {formatMoney(p.amount, p.currency, viewer.locale)}
                  </Link>
                </Cell>
                <Cell className="text-red-800">{paymentFailureLabel(p.lastPaymentErrorCode, p.lastPaymentErrorDeclineCode)}</Cell>
                <Cell className="text-slate-700">{p.customerEmail ?? "—"}</Cell>
                <Cell className="text-slate-700">{p.cardLast4 ? `•••• ${p.cardLast4}` : "—"}</Cell>
                <Cell className="text-slate-600">{formatDateTime(p.created, viewer)}</Cell>
              </tr>
            ))}
          </Table>
        )}
      </Panel>
      <Panel id="payouts-heading" title="Next payouts" action={seeAll("/payouts", "All payouts")}>
        {overview.payouts.length === 0 ? (
          <Quiet>
            <Banknote aria-hidden className="mr-1 inline size-4" /> No payout on its way. Stripe pays out available funds on your payout schedule.
          </Quiet>
        ) : (
          <>
            <PayoutsTable rows={overview.payouts} viewer={viewer} caption="Payouts on their way, soonest first" />
            <p className="mt-1 text-xs text-slate-500">Next arrival {formatDate(overview.payouts[0]!.arrivalDate, viewer)}.</p>
          </>
        )}
      </Panel>
    </>
  );
}
