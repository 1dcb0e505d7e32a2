import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CardLinkButton } from "@/components/customers/card-link-button";
import { ChargeForm } from "@/components/customers/charge-form";
import { CustomerMoneySection } from "@/components/customers/customer-money";
import { EditCustomerForm } from "@/components/customers/edit-customer-form";
import { SavedCardControls } from "@/components/customers/saved-card-controls";
import { WithdrawLinkButton } from "@/components/customers/withdraw-link-button";
import { SectionTable } from "@/components/tables/table";
import { PaymentBadges } from "@/components/badges/status-badge";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { can } from "@/lib/auth/permissions";
import { customerDetail, type CustomerDetail } from "@/lib/customers/queries";
import { customerMoney } from "@/lib/customers/summary";
import { metadataOf } from "@/lib/payments/card-details";
import { formatDate, formatDateTime, type ViewerFormat } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { LINK_LABEL, linkStatus } from "@/lib/links/customer-link";
import { canWithdrawLink } from "@/lib/links/withdraw";
import { formatMoney } from "@/lib/money";
import { cardLabel as formatCardLabel } from "@/lib/payments/card-label";
import { CHARGE_CURRENCIES } from "@/lib/payments/charge";
import { paymentBadges } from "@/lib/queries/payment-status";
import { chargeSavedCardAction, detachCardAction, makeDefaultCardAction, sendCardLinkAction, sendPaymentLinkAction } from "../actions";
import { editCustomerAction, withdrawCustomerLinkAction } from "./actions";

export const metadata: Metadata = { title: "Customer · Ledgerline" };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const viewer = await getViewerFormat();
  const { id } = await params;
  const detail = await customerDetail(id);
  if (!detail) notFound();
  const money = await customerMoney(id);
  const { customer, cards } = detail;
  const { roles } = access.staff;
  const now = new Date();
  const cardLabel = (c: CustomerDetail["cards"][number]) => formatCardLabel(c.brand, c.last4);

  return (
    <>
      <PageHeader back={{ href: "/customers", label: "Customers" }}
        title={customer.name ?? customer.id}
        description={`${customer.email ?? "No email"} · ${customer.id} · customer since ${formatDate(customer.created, viewer)}`}
        actions={can(roles, "customers.card_links.send") && customer.email ? <CardLinkButton customerId={customer.id} send={sendCardLinkAction} /> : null}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="cards-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="cards-title" className="text-sm font-semibold">
            Saved cards
          </h2>
          {cards.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No saved cards. Send a card link so the customer can save one.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100" data-testid="saved-cards">
              {cards.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span>
                    <span className="font-medium">{cardLabel(c)}</span>
                    <span className="ml-2 text-slate-500">
                      expires {String(c.expMonth ?? "").padStart(2, "0")}/{c.expYear ?? ""}
                    </span>
                    {c.isDefault ? <span className="ml-2 rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-700">Default</span> : null}
                  </span>
                  {can(roles, "customers.cards.manage") ? (
                    <SavedCardControls customerId={customer.id} paymentMethodId={c.id} label={cardLabel(c)} isDefault={c.isDefault} makeDefault={makeDefaultCardAction} detach={detachCardAction} />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        {can(roles, "payments.create") && cards.length > 0 ? (
          <ChargeForm
            customerId={customer.id}
            cards={cards.map((c) => ({ id: c.id, label: cardLabel(c), isDefault: c.isDefault }))}
            currencies={CHARGE_CURRENCIES}
            locale={access.staff.locale}
            charge={chargeSavedCardAction}
            sendPaymentLink={sendPaymentLinkAction}
          />
        ) : null}
      </div>
      <CustomerMoneySection money={money} viewer={viewer} />
      {can(roles, "customers.update") && !customer.deleted ? (
        <div className="mt-6">
          <EditCustomerForm
            customerId={customer.id}
            current={{
              name: customer.name ?? "",
              email: customer.email ?? "",
              phone: customer.phone ?? "",
              metadata: metadataOf(customer.data).map(([key, value]) => `${key}: ${value}`).join("\n"),
            }}
            update={editCustomerAction}
          />
        </div>
      ) : null}
      <section aria-labelledby="payments-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="payments-title" className="text-sm font-semibold">
          Payments
        </h2>
        {detail.payments.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No payments yet.</p>
        ) : (
          <SectionTable caption="Payments of this customer" columns={["Amount", "Status", "Description", "Date"]}>
            {detail.payments.map((p) => (
              <tr key={p.id}>
                <td className="py-1.5">
                  <Link href={`/payments/${p.id}`} className="font-medium text-indigo-700 hover:underline">
                    {formatMoney(p.amount, p.currency, viewer.locale)}
                  </Link>
                </td>
                <td className="py-1.5">
                  <PaymentBadges badges={paymentBadges(p)} />
                </td>
                <td className="py-1.5 text-slate-700">{p.description ?? "—"}</td>
                <td className="py-1.5 text-slate-600">{formatDateTime(p.created, viewer)}</td>
              </tr>
            ))}
          </SectionTable>
        )}
      </section>
      <section aria-labelledby="links-title" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="links-title" className="text-sm font-semibold">
          Links sent
        </h2>
        {detail.links.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No card or payment links sent yet.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="links-sent">
            {detail.links.map((l) => (
              <li key={l.id} className="py-1.5">
                {l.purpose === "setup_card" ? "Card link" : "Payment link"} · sent by {l.createdBy} {formatDateTime(l.createdAt, viewer)} ·{" "}
                <LinkState link={l} now={now} viewer={viewer} />
                {l.paymentIntentId ? (
                  <Link className="ml-2 text-indigo-700 hover:underline" href={`/payments/${l.paymentIntentId}`}>
                    payment
                  </Link>
                ) : null}
                {linkStatus(l, now) === "open" && canWithdrawLink(roles, l.purpose) ? (
                  <WithdrawLinkButton
                    customerId={customer.id}
                    linkId={l.id}
                    purpose={l.purpose}
                    label={`${LINK_LABEL[l.purpose]} sent ${formatDateTime(l.createdAt, viewer)}`}
                    withdraw={withdrawCustomerLinkAction}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function LinkState({ link, now, viewer }: { link: CustomerDetail["links"][number]; now: Date; viewer: ViewerFormat }) {
  switch (linkStatus(link, now)) {
    case "used":
      return <span className="text-emerald-700">used {formatDateTime(link.usedAt, viewer)}</span>;
    case "withdrawn":
      return <span className="text-slate-600">withdrawn {formatDateTime(link.revokedAt, viewer)}</span>;
    case "expired":
      return <span className="text-slate-600">expired {formatDateTime(link.expiresAt, viewer)}</span>;
    case "open":
      return <span className="text-amber-800">open until {formatDateTime(link.expiresAt, viewer)}</span>;
  }
}
