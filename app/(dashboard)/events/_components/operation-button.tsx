"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";

type Outcome = { ok: true; message: string } | { ok: false; error: string };

const buttonClass =
  "rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 outline-none ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-60";

/** One admin operation: a button, an optional confirmation step, then the server's answer. */
export function OperationButton({
  label,
  confirm,
  run,
  testId,
}: {
  label: string;
  confirm?: string;
  run: () => Promise<Outcome>;
  testId?: string;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  function go() {
    startTransition(async () => {
      const result = await run();
      setConfirming(false);
      if (result.ok) toast.success(result.message);
      else toast.error(result.error);
      router.refresh();
    });
  }

  if (confirm && confirming) {
    return (
      <span className="inline-flex items-center gap-2 text-sm">
        <span>{confirm}</span>
        <button type="button" disabled={pending} onClick={go} className={buttonClass} data-testid={testId ? `${testId}-confirm` : undefined}>
          {pending ? "Working…" : "Yes, go ahead"}
        </button>
        <button type="button" disabled={pending} onClick={() => setConfirming(false)} className={buttonClass}>
          Cancel
        </button>
      </span>
    );
  }
  return (
    <button type="button" disabled={pending} onClick={() => (confirm ? setConfirming(true) : go())} className={buttonClass} data-testid={testId}>
      {pending ? "Working…" : label}
    </button>
  );
}
