import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { redirect } from "next/navigation";
import { requireSelfService } from "@/lib/auth/require-role";
import { changeOwnPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password · Ledgerline" };

export default async function ChangePasswordPage() {
  // Every role may change its own password, also (above all) while it is a one-time password.
  const access = await requireSelfService();
  if (!access.ok) redirect("/sign-in");
  return <ChangePasswordForm email={access.staff.email} required={access.staff.passwordChangeOwed} change={changeOwnPasswordAction} />;
}
