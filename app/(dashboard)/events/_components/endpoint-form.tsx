"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { StepUpDialog } from "@/components/auth/step-up-dialog";

type Outcome = { ok: true; message: string } | { ok: false; error: string; code?: string };

/** Creates or updates the Stripe webhook endpoint for this dashboard's public URL. */
export function EndpointForm({ defaultUrl, setUp }: { defaultUrl: string; setUp: (input: { appUrl: string }) => Promise<Outcome> }) {
  const router = useRouter();
  const [appUrl, setAppUrl] = useState(defaultUrl);
  const [pending, startTransition] = useTransition();
  const [refusal, setRefusal] = useState<Outcome | null>(null);
  return (
    <>
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await setUp({ appUrl });
          setRefusal(result.ok ? null : result);
          if (result.ok) toast.success(result.message);
          else toast.error(result.error);
          router.refresh();
        });
      }}
    >
      <label className="text-xs font-medium text-slate-700">
        Dashboard URL
        <input
          type="url"
          required
          value={appUrl}
          onChange={(e) => setAppUrl(e.target.value)}
          className="mt-1 block w-72 rounded-md border border-slate-300 px-2 py-1.5 text-sm outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30"
        />
      </label>
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 outline-none ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-60"
      >
        {pending ? "Working…" : "Set up webhook endpoint"}
      </button>
    </form>
    {refusal && !refusal.ok ? <StepUpDialog key={refusal.error} code={refusal.code} /> : null}
    </>
  );
}
