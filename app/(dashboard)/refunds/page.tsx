import { Undo2 } from "lucide-react";
import type { Metadata } from "next";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/require-role";
import { rolesWith } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Refunds · Ledgerline" };

export default async function RefundsPage() {
  const access = await requirePageRole(...rolesWith("read"));
  if (!access.ok) return <AccessDenied message={access.error} />;
  return (
    <>
      <PageHeader title="Refunds" description="Refunds issued from this dashboard or in Stripe, with their status and ARN." />
      <EmptyState icon={Undo2} title="No refunds yet">
        Refunds appear here once one is issued on a payment.
      </EmptyState>
    </>
  );
}
