import type { ReactNode } from "react";
import { LazyDisputesPerDayChart } from "@/components/charts/disputes-per-day-chart-lazy";
import { Cell, Table } from "@/components/tables/table";
import type { DisputeAnalytics, WinRate } from "@/lib/disputes/analytics/figures";
import { AMOUNT_BANDS } from "@/lib/disputes/analytics/queries";
import { disputeReasonLabel, formatCount, formatDay, formatHours, formatPercent, words, type ViewerFormat } from "@/lib/format";
import { formatMoney } from "@/lib/money";

/** The disputes analytics of one period: headline figures, win rates three ways, money, the chart. */

function Figure({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {detail ? <dd className="text-xs text-slate-600">{detail}</dd> : null}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-6">
      <h2 className="mb-2 text-sm font-semibold text-slate-800">{title}</h2>
      {children}
    </section>
  );
}

function WinRateTable({ caption, rows, label, viewer, testId }: { caption: string; rows: WinRate[]; label: (key: string) => string; viewer: ViewerFormat; testId: string }) {
  return (
    <Table caption={caption} testId={testId} columns={[{ label: "Group" }, { label: "Won", align: "right" }, { label: "Lost", align: "right" }, { label: "Win rate", align: "right" }]}>
      {rows.map((r) => (
        <tr key={r.key}>
          <Cell>{label(r.key)}</Cell>
          <Cell align="right">{formatCount(r.won, viewer.locale)}</Cell>
          <Cell align="right">{formatCount(r.lost, viewer.locale)}</Cell>
          <Cell align="right">{formatPercent(r.rate, viewer.locale)}</Cell>
        </tr>
      ))}
    </Table>
  );
}

export function DisputeAnalyticsPanels({ analytics: a, viewer }: { analytics: DisputeAnalytics; viewer: ViewerFormat }) {
  const count = (n: number) => formatCount(n, viewer.locale);
  return (
    <>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Figure testId="rate-by-dispute-date" label="Dispute rate, by dispute date" value={formatPercent(a.rateByDisputeDate, viewer.locale)} detail={`${count(a.disputesByDisputeDate)} disputes opened / ${count(a.charges)} successful charges`} />
        <Figure testId="rate-by-charge-date" label="Dispute rate, by charge date" value={formatPercent(a.rateByChargeDate, viewer.locale)} detail={`${count(a.disputesByChargeDate)} disputes on this period's charges`} />
        <Figure testId="win-rate" label="Win rate (decided chargebacks)" value={formatPercent(a.overall.rate, viewer.locale)} detail={`${count(a.overall.won)} won, ${count(a.overall.lost)} lost`} />
        <Figure testId="time-to-respond" label="Time to respond (median)" value={formatHours(a.response.medianHours, viewer.locale)} detail={`90th percentile ${formatHours(a.response.p90Hours, viewer.locale)}; ${count(a.response.responded)} submitted from Ledgerline`} />
      </dl>
      <Section title="Disputes opened per day">
        <LazyDisputesPerDayChart points={a.perDay} viewer={viewer} />
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-xs font-medium text-slate-600">Daily counts</summary>
          <Table caption="Disputes opened per day" columns={[{ label: "Day" }, { label: "Disputes", align: "right" }]}>
            {a.perDay.filter((d) => d.disputes > 0).map((d) => (
              <tr key={d.day}>
                <Cell>{formatDay(d.day, viewer)}</Cell>
                <Cell align="right">{count(d.disputes)}</Cell>
              </tr>
            ))}
          </Table>
        </details>
      </Section>
      <Section title="Money lost and recovered">
        <Table caption="Disputed, lost and recovered amounts per currency" testId="dispute-money" columns={[{ label: "Currency" }, { label: "Disputed", align: "right" }, { label: "Lost", align: "right" }, { label: "Recovered", align: "right" }]}>
          {a.money.map((m) => (
            <tr key={m.currency}>
              <Cell>{m.currency.toUpperCase()}</Cell>
              <Cell align="right">{formatMoney(m.disputed, m.currency, viewer.locale)}</Cell>
              <Cell align="right">{formatMoney(m.lost, m.currency, viewer.locale)}</Cell>
              <Cell align="right">{formatMoney(m.recovered, m.currency, viewer.locale)}</Cell>
            </tr>
          ))}
        </Table>
      </Section>
      <div className="grid gap-6 lg:grid-cols-3">
        <Section title="Win rate by reason">
          <WinRateTable caption="Win rate by reason" testId="win-by-reason" rows={a.byReason} label={disputeReasonLabel} viewer={viewer} />
        </Section>
        <Section title="Win rate by card network">
          <WinRateTable caption="Win rate by card network" testId="win-by-network" rows={a.byNetwork} label={words} viewer={viewer} />
        </Section>
        <Section title="Win rate by amount (in the dispute's currency)">
          <WinRateTable caption="Win rate by amount band" testId="win-by-band" rows={a.byAmountBand} label={(k) => AMOUNT_BANDS.find((b) => b.key === k)?.label ?? k} viewer={viewer} />
        </Section>
      </div>
      <Section title="Inquiries">
        <dl className="grid gap-3 sm:grid-cols-3">
          <Figure testId="inquiries-escalated" label="Escalated to a chargeback" value={count(a.inquiries.escalated)} />
          <Figure testId="inquiries-closed" label="Closed without a chargeback" value={count(a.inquiries.closed)} />
          <Figure testId="inquiries-open" label="Still open" value={count(a.inquiries.open)} />
        </dl>
      </Section>
    </>
  );
}
