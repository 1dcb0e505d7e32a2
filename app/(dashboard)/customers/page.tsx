import { Users } from "lucide-react";
import type { Metadata } from "next";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/require-role";
import { rolesWith } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Customers · Ledgerline" };

export default async function CustomersPage() {
  const access = await requirePageRole(...rolesWith("read"));
  if (!access.ok) return <AccessDenied message={access.error} />;
  return (
    <>
      <PageHeader title="Customers" description="The people who pay you, and the cards they saved." />
      <EmptyState icon={Users} title="No customers yet">
        Customers appear here once they are created in Stripe or from this dashboard.
      </EmptyState>
    </>
  );
}
