import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentStaff } from "@/lib/auth/require-role";

export const metadata: Metadata = { title: "Sign in · Ledgerline" };

/** Only same-site paths, so a crafted link cannot send staff elsewhere after signing in. */
function safeCallback(value: string | string[] | undefined): string {
  const path = typeof value === "string" ? value : "/";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentStaff()) redirect(callbackUrl);
  const error = typeof params.error === "string" ? params.error : null;
  return <SignInForm callbackUrl={callbackUrl} initialError={error} />;
}
