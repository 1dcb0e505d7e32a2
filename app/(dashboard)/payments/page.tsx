import { CreditCard } from "lucide-react";
import type { Metadata } from "next";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/require-role";
import { rolesWith } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Payments · Ledgerline" };

export default async function PaymentsPage() {
  const access = await requirePageRole(...rolesWith("read"));
  if (!access.ok) return <AccessDenied message={access.error} />;
  return (
    <>
      <PageHeader title="Payments" description="Every payment attempt, its status, card and customer." />
      <EmptyState icon={CreditCard} title="No payments yet">
        Payments appear here as Stripe reports them to this dashboard through webhooks.
      </EmptyState>
    </>
  );
}
