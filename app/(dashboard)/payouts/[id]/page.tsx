import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PayoutStatusBadge } from "@/components/badges/status-badge";
import { PayoutFailure } from "@/components/payouts/payout-failure";
import { Pagination } from "@/components/tables/pagination";
import { PayoutTransactionsTable } from "@/components/tables/payouts-table";
import { ReconciliationSummary } from "@/components/tables/reconciliation";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { decodeCursor } from "@/lib/listing/keyset";
import { pageLinks } from "@/lib/listing/page-links";
import { firstValues, type RawSearchParams } from "@/lib/listing/search-params";
import { formatDate, payoutMethodLabel } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { formatMoney } from "@/lib/money";
import { findPayout, listPayoutTransactions, reconcilePayout } from "@/lib/payouts/queries";

export const metadata: Metadata = { title: "Payout · Ledgerline" };

const payoutId = z.string().regex(/^po_[A-Za-z0-9]{1,100}$/);

export default async function PayoutPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const id = payoutId.safeParse((await params).id);
  if (!id.success) notFound();
  const payout = await findPayout(id.data);
  if (!payout) notFound();
  const current = firstValues(await searchParams);
  const viewer = await getViewerFormat();
  const [reconciliation, transactions] = await Promise.all([
    reconcilePayout(payout),
    listPayoutTransactions(payout.id, { cursor: decodeCursor(current.after) }),
  ]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/payouts" className="text-indigo-700 underline-offset-2 hover:underline">
          ← Payouts
        </Link>
      </p>
      <PageHeader back={{ href: "/payouts", label: "Payouts" }} title={`${formatMoney(payout.amount, payout.currency, viewer.locale)} payout`} description={`${payout.id} · arrives ${formatDate(payout.arrivalDate, viewer)} · ${payoutMethodLabel(payout.method)}`} actions={<PayoutStatusBadge status={payout.status} />} />
      {payout.status === "failed" || payout.failureCode ? <PayoutFailure code={payout.failureCode} message={payout.failureMessage} /> : null}
      <ReconciliationSummary payout={payout} reconciliation={reconciliation} viewer={viewer} />
      {transactions.rows.length ? (
        <>
          <h2 className="mb-2 mt-6 text-sm font-semibold">Transactions</h2>
          <PayoutTransactionsTable rows={transactions.rows} viewer={viewer} />
          <Pagination {...pageLinks(`/payouts/${payout.id}`, current, transactions)} shown={transactions.rows.length} />
        </>
      ) : null}
    </>
  );
}
