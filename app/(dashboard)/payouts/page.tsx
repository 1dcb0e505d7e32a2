import { Banknote } from "lucide-react";
import type { Metadata } from "next";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/require-role";
import { rolesWith } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Payouts · Ledgerline" };

export default async function PayoutsPage() {
  const access = await requirePageRole(...rolesWith("read"));
  if (!access.ok) return <AccessDenied message={access.error} />;
  return (
    <>
      <PageHeader title="Payouts" description="Transfers from your Stripe balance to your bank account." />
      <EmptyState icon={Banknote} title="No payouts yet">
        Payouts appear here as Stripe creates them from your available balance.
      </EmptyState>
    </>
  );
}
