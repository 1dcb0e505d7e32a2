import type { Metadata } from "next";
import Link from "next/link";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { currentStaff } from "@/lib/auth/require-role";

export const metadata: Metadata = { title: "Sign out · Ledgerline" };

export default async function SignOutPage() {
  const staff = await currentStaff();
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold">Sign out</h1>
      {staff ? (
        <>
          <p className="mt-2 text-sm text-slate-600">You are signed in as {staff.email}.</p>
          <div className="mt-4 -ml-2">
            <SignOutButton />
          </div>
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-600">
          You are signed out.{" "}
          <Link href="/sign-in" className="font-medium text-indigo-700 underline">
            Sign in
          </Link>
        </p>
      )}
    </div>
  );
}
