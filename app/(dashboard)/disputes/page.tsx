import { Scale } from "lucide-react";
import type { Metadata } from "next";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/require-role";
import { rolesWith } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Disputes · Ledgerline" };

export default async function DisputesPage() {
  const access = await requirePageRole(...rolesWith("read"));
  if (!access.ok) return <AccessDenied message={access.error} />;
  return (
    <>
      <PageHeader title="Disputes" description="Chargebacks and inquiries, with their evidence deadlines." />
      <EmptyState icon={Scale} title="No disputes">
        When a customer disputes a payment it appears here with its due date.
      </EmptyState>
    </>
  );
}
