"use client";

import { signOut } from "next-auth/react";
import { useState, useTransition } from "react";
import type { StaffChangeOutcome } from "@/components/staff/types";

/** Ends every session of the person (other browsers included), then this browser's cookie. */
export function SignOutEverywhereButton({ signOutEverywhere }: { signOutEverywhere: (input: { confirm: true }) => Promise<StaffChangeOutcome> }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-center justify-between gap-4 px-4 py-3 text-sm">
      <span>
        <span className="block font-semibold">Sign out everywhere</span>
        <span className="text-slate-600">End every session of yours, in this browser and any other, for example on a lost device.</span>
        {error ? (
          <span role="alert" className="mt-1 block text-xs text-red-700">
            {error}
          </span>
        ) : null}
      </span>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await signOutEverywhere({ confirm: true });
            if (!result.ok) return setError(result.error);
            await signOut({ callbackUrl: "/sign-in" });
          })
        }
        className="shrink-0 rounded-md bg-white px-2.5 py-1 text-sm font-medium text-red-700 ring-1 ring-red-200 ring-inset outline-none hover:bg-red-50 focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-60"
      >
        {pending ? "Signing out…" : "Sign out everywhere"}
      </button>
    </div>
  );
}
