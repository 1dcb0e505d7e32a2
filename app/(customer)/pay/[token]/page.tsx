import type { Metadata } from "next";
import { LinkRefused } from "@/components/customers/link-refused";
import { AuthenticatePayment } from "@/components/payments/authenticate-payment";
import { appConfig } from "@/lib/env";
import { getViewerFormat } from "@/lib/format/viewer";
import { formatMoney } from "@/lib/money";
import { loadPaymentLink } from "@/lib/payments/payment-link";
import { completePaymentLinkAction } from "./actions";

export const metadata: Metadata = { title: "Approve your payment" };
export const dynamic = "force-dynamic";

const TITLES = { invalid: "This link does not work", expired: "This link has expired", used: "This link has been used", revoked: "This payment was canceled", unavailable: "Please try again later", paid: "Already paid" } as const;

export default async function PayPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const page = await loadPaymentLink(token);
  if (!page.ok) return <LinkRefused title={TITLES[page.reason]} message={page.message} />;
  const config = appConfig();
  const standIn = config.stripe.mode === "emulator" ? `${config.stripe.emulatorUrl}/js/v3` : null;
  const viewer = await getViewerFormat();
  const amount = formatMoney(page.amount, page.currency, viewer.locale);
  const card = page.card.last4 ? `${(page.card.brand ?? "card").toUpperCase()} ending ${page.card.last4}` : "your saved card";
  return (
    <>
      <p className="text-sm font-medium text-slate-500">{page.merchantName}</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">Approve a payment of {amount}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {page.description ? `${page.description}. ` : ""}Your bank asked you to confirm this payment on {card}
        {page.customerEmail ? ` (for ${page.customerEmail})` : ""}.
      </p>
      <div className="mt-6">
        {page.paymentMethodId ? (
          <AuthenticatePayment
            clientSecret={page.clientSecret}
            paymentMethodId={page.paymentMethodId}
            publishableKey={page.publishableKey}
            standInScript={standIn}
            label={`Approve ${amount}`}
            complete={completePaymentLinkAction.bind(null, token)}
          />
        ) : (
          <p className="text-sm text-slate-700">The card for this payment is no longer saved. Contact {page.merchantName} to pay another way.</p>
        )}
      </div>
    </>
  );
}
