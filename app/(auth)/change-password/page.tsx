import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { mustChangePassword } from "@/lib/auth/own-password";
import { requirePageRole } from "@/lib/auth/require-role";
import { STAFF_ROLES } from "@/lib/auth/roles";
import { changeOwnPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Change password · Ledgerline" };

export default async function ChangePasswordPage() {
  const access = await requirePageRole(...STAFF_ROLES);
  if (!access.ok) return null; // every role may change its own password
  const required = await mustChangePassword(access.staff.id);
  return <ChangePasswordForm email={access.staff.email} required={required} change={changeOwnPasswordAction} />;
}
