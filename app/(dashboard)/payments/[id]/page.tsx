import { AlertTriangle } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PaymentCardAndMetadata } from "@/components/payments/card-details";
import { PaymentLinkButton } from "@/components/payments/payment-link-button";
import { RefundForm } from "@/components/refunds/refund-form";
import { RefundList } from "@/components/refunds/refund-list";
import { Timeline } from "@/components/timeline/timeline";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { can } from "@/lib/auth/permissions";
import { disputeReasonLabel, disputeStatusLabel, formatDateTime, fraudTypeLabel, paymentBadgeLabel, paymentFailureLabel, refundReasonLabel, riskLevelLabel } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { formatMoney, toTypedAmount } from "@/lib/money";
import { cardDetails, metadataOf } from "@/lib/payments/card-details";
import { paymentDetail } from "@/lib/payments/detail";
import { settlementLines } from "@/lib/payments/settlement";
import { availableBalance } from "@/lib/refunds/balance";
import { paymentBadges, type PaymentBadge, type PaymentState } from "@/lib/queries/payment-status";
import { REFUND_REASONS } from "@/lib/refunds/refund";
import { refundPaymentAction, sendPaymentLinkFromPaymentAction } from "./actions";

export const metadata: Metadata = { title: "Payment · Ledgerline" };

const NEEDS_CUSTOMER = new Set(["requires_payment_method", "requires_action", "requires_confirmation"]);

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const viewer = await getViewerFormat();
  const money = (amount: bigint) => formatMoney(amount, payment.currency, viewer.locale);
  const { id } = await params;
  const detail = await paymentDetail(id);
  if (!detail) notFound();
  const { payment, charge, situation } = detail;
  const { roles } = access.staff;
  const canRefund = can(roles, "refunds.create_partial") && situation && !situation.blockedBecause;
  // A refund draws on the balance the payment settled in, which need not be its own currency.
  const balanceCurrency = detail.settlement.state === "settled" ? detail.settlement.currency : payment.currency;
  const available = canRefund ? await availableBalance(balanceCurrency) : null;
  const settled = settlementLines(payment.currency, detail.settlement, viewer.locale);
  const needsCustomer = NEEDS_CUSTOMER.has(payment.status) && payment.customerId && payment.lastPaymentErrorCode === "authentication_required";

  return (
    <>
      <PageHeader back={{ href: "/payments", label: "Payments" }}
        title={money(payment.amount)}
        description={`${payment.description ?? "Payment"} · ${payment.id} · ${formatDateTime(payment.created, viewer)}`}
        actions={<PaymentStatus payment={payment} />}
      />
      {detail.warnings.length > 0 ? (
        <div role="alert" className="mb-4 flex gap-2 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0" />
          <p>
            Early fraud warning from the card issuer ({fraudTypeLabel(detail.warnings[0]!.fraudType).toLowerCase()}).
            {detail.warnings[0]!.actionable ? " Refunding now usually prevents a dispute." : ""}
          </p>
        </div>
      ) : null}
      {needsCustomer ? (
        <div className="mb-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
          <p className="font-medium">The bank asked the customer to authenticate this payment (3-D Secure).</p>
          {can(roles, "payments.create") ? (
            <div className="mt-2">
              <PaymentLinkButton paymentIntentId={payment.id} send={sendPaymentLinkFromPaymentAction} />
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          <section aria-labelledby="summary-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="summary-title" className="text-sm font-semibold">
              Summary
            </h2>
            <dl className="mt-2 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1.5 text-sm">
              <dt className="text-slate-600">Amount</dt>
              <dd>{money(payment.amount)}</dd>
              <dt className="text-slate-600">Fee</dt>
              <dd data-testid="payment-fee">{settled.fee}</dd>
              <dt className="text-slate-600">Net</dt>
              <dd data-testid="payment-net">
                {settled.net}
                {settled.rate ? <span className="block text-xs text-slate-500">{settled.rate}</span> : null}
              </dd>
              <dt className="text-slate-600">Refunded</dt>
              <dd>{money(payment.amountRefunded)}</dd>
              <dt className="text-slate-600">Card</dt>
              <dd>{payment.cardBrand || payment.cardLast4 ? `${(payment.cardBrand ?? "card").toUpperCase()} •••• ${payment.cardLast4 ?? "????"}` : "—"}</dd>
              <dt className="text-slate-600">Customer</dt>
              <dd>
                {detail.customer ? (
                  <Link href={`/customers/${detail.customer.id}`} className="text-indigo-700 hover:underline">
                    {detail.customer.name ?? detail.customer.email ?? detail.customer.id}
                  </Link>
                ) : (
                  (payment.customerEmail ?? "—")
                )}
              </dd>
              <dt className="text-slate-600">Risk</dt>
              <dd>
                {charge?.outcomeRiskLevel ? `${riskLevelLabel(charge.outcomeRiskLevel)}${charge.outcomeRiskScore != null ? ` (score ${charge.outcomeRiskScore})` : ""}` : "—"}
                {charge?.outcomeSellerMessage ? <span className="block text-xs text-slate-500">{charge.outcomeSellerMessage}</span> : null}
              </dd>
              {payment.lastPaymentErrorMessage ? (
                <>
                  <dt className="text-slate-600">Last error</dt>
                  <dd className="text-red-800">{paymentFailureLabel(payment.lastPaymentErrorCode, payment.lastPaymentErrorDeclineCode)}</dd>
                </>
              ) : null}
            </dl>
          </section>
          <PaymentCardAndMetadata card={cardDetails(charge?.data)} metadata={metadataOf(payment.data)} />
          <section aria-labelledby="refunds-title" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="refunds-title" className="text-sm font-semibold">
              Refunds
            </h2>
            <RefundList refunds={detail.refunds} viewer={viewer} />
          </section>
          {detail.disputes.length > 0 ? (
            <section aria-labelledby="disputes-title" className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="disputes-title" className="text-sm font-semibold">
                Dispute
              </h2>
              <ul className="mt-2 text-sm">
                {detail.disputes.map((d) => (
                  <li key={d.id}>
                    <Link href={`/disputes/${d.id}`} className="font-medium text-indigo-700 hover:underline">
                      {formatMoney(d.amount, d.currency, viewer.locale)} · {disputeReasonLabel(d.reason)} · {disputeStatusLabel(d.status)}
                    </Link>
                    {d.dueBy ? <span className="ml-2 text-slate-600">respond by {formatDateTime(d.dueBy, viewer)}</span> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <Timeline entries={detail.timeline} viewer={viewer} />
        </div>
        <aside className="space-y-4">
          {canRefund && situation ? (
            <RefundForm
              paymentIntentId={payment.id}
              remainingText={toTypedAmount(situation.remaining, payment.currency, viewer.locale)}
              remainingShown={money(situation.remaining)}
              currency={payment.currency}
              locale={viewer.locale}
              availableShown={available !== null ? formatMoney(available, balanceCurrency, viewer.locale) : null}
              reasons={REFUND_REASONS.map((r) => ({ value: r, label: refundReasonLabel(r) }))}
              refund={refundPaymentAction}
              partialOnly={!can(roles, "refunds.create")}
            />
          ) : situation?.blockedBecause && payment.status === "succeeded" ? (
            <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700" data-testid="refund-blocked">
              {situation.blockedBecause}
            </p>
          ) : null}
        </aside>
      </div>
    </>
  );
}

// The main state in colour, then the warnings that also apply (disputed, early fraud warning).
const MAIN_TONE: Partial<Record<PaymentBadge, string>> = {
  succeeded: "bg-emerald-100 text-emerald-800",
  refunded: "bg-slate-200 text-slate-800",
  partially_refunded: "bg-slate-200 text-slate-800",
  failed: "bg-red-100 text-red-800",
  needs_authentication: "bg-amber-100 text-amber-900",
  canceled: "bg-slate-200 text-slate-700",
};

function PaymentStatus({ payment }: { payment: PaymentState }) {
  const [main, ...warnings] = paymentBadges(payment);
  return (
    <span className="flex gap-2">
      <span data-testid="payment-status" className={`rounded-full px-2.5 py-1 text-xs font-semibold ${MAIN_TONE[main!] ?? "bg-slate-100 text-slate-700"}`}>
        {paymentBadgeLabel(main!)}
      </span>
      {warnings.map((badge) => (
        <span key={badge} className="rounded-full bg-red-100 px-2.5 py-1 text-xs font-semibold text-red-800">
          {paymentBadgeLabel(badge)}
        </span>
      ))}
    </span>
  );
}
