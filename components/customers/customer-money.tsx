import Link from "next/link";
import { SectionTable } from "@/components/tables/table";
import { disputeReasonLabel, disputeStatusLabel, formatCount, formatDateTime, refundStatusLabel, type ViewerFormat } from "@/lib/format";
import type { CustomerMoney } from "@/lib/customers/summary";
import { formatMoney } from "@/lib/money";

/** Lifetime spend per currency, then the customer's latest refunds and disputes. */
export function CustomerMoneySection({ money, viewer }: { money: CustomerMoney; viewer: ViewerFormat }) {
  const amount = (value: bigint, currency: string) => formatMoney(value, currency, viewer.locale);
  return (
    <section aria-labelledby="lifetime-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="customer-lifetime">
      <h2 id="lifetime-title" className="text-sm font-semibold">
        Lifetime
      </h2>
      {money.totals.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No successful payments yet.</p>
      ) : (
        <SectionTable caption="Lifetime spend per currency" columns={["Spent", "Payments", "Refunded", "Net", "Disputed"]}>
          {money.totals.map((t) => (
            <tr key={t.currency}>
              <td className="py-1.5 font-medium">{amount(t.spent, t.currency)}</td>
              <td className="py-1.5">{formatCount(t.payments, viewer.locale)}</td>
              <td className="py-1.5">{amount(t.refunded, t.currency)}</td>
              <td className="py-1.5">{amount(t.net, t.currency)}</td>
              <td className="py-1.5">{t.disputes === 0 ? "—" : `${amount(t.disputed, t.currency)} (${formatCount(t.disputes, viewer.locale)})`}</td>
            </tr>
          ))}
        </SectionTable>
      )}
      <div className="mt-4 grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold">Refunds</h3>
          {money.refunds.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">No refunds.</p>
          ) : (
            <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="customer-refunds">
              {money.refunds.map((r) => (
                <li key={r.id} className="py-1.5">
                  {r.paymentIntentId ? (
                    <Link href={`/payments/${r.paymentIntentId}`} className="font-medium text-indigo-700 hover:underline">
                      {amount(r.amount, r.currency)}
                    </Link>
                  ) : (
                    <span className="font-medium">{amount(r.amount, r.currency)}</span>
                  )}{" "}
                  · {refundStatusLabel(r.status)} · <span className="text-slate-600">{formatDateTime(r.created, viewer)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="text-sm font-semibold">Disputes</h3>
          {money.disputes.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">No disputes.</p>
          ) : (
            <ul className="mt-1 divide-y divide-slate-100 text-sm" data-testid="customer-disputes">
              {money.disputes.map((d) => (
                <li key={d.id} className="py-1.5">
                  <Link href={`/disputes/${d.id}`} className="font-medium text-indigo-700 hover:underline">
                    {amount(d.amount, d.currency)}
                  </Link>{" "}
                  · {disputeReasonLabel(d.reason)} · {disputeStatusLabel(d.status)} · <span className="text-slate-600">{formatDateTime(d.created, viewer)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
