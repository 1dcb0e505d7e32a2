"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import type { InboxChange } from "@/lib/alerts/inbox";

type InboxAction = (input: unknown) => Promise<InboxChange>;

function useInboxAction(action: InboxAction) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const run = (input: unknown) =>
    startTransition(async () => {
      let result: InboxChange;
      try {
        result = await action(input);
      } catch {
        result = { ok: false, error: "The server could not be reached. Try again." };
      }
      if (result.ok) {
        toast.success(result.message);
        router.refresh();
      } else toast.error(result.error);
    });
  return { run, pending };
}

const buttonClass =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:opacity-60";

export function MarkReadButton({ alertId, action }: { alertId: string; action: InboxAction }) {
  const { run, pending } = useInboxAction(action);
  return (
    <button type="button" className={buttonClass} disabled={pending} onClick={() => run({ alertId })}>
      Mark read
    </button>
  );
}

/** Marks read what the list shows under its filters (the URL's), not every alert. */
export function MarkAllReadButton({ filters, filtered, action }: { filters: Record<string, string>; filtered: boolean; action: InboxAction }) {
  const { run, pending } = useInboxAction(action);
  return (
    <button type="button" className={buttonClass} disabled={pending} onClick={() => run({ filters })}>
      {filtered ? "Mark these read" : "Mark all read"}
    </button>
  );
}
