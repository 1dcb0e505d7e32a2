import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { currentStaff } from "@/lib/auth/require-role";

export const metadata: Metadata = { title: "Sign in · Ledgerline" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentStaff()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? params.error : null;
  return <SignInForm callbackUrl={callbackUrl} initialError={error} />;
}
