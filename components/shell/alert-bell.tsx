"use client";

import { Bell } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { formatCount } from "@/lib/format/numbers";

const POLL_MS = 5_000;

/** The shell's bell: one's unread alerts, refreshed every few seconds so a new dispute shows without a reload. */
export function AlertBell({ initialUnread, locale }: { initialUnread: number; locale: string }) {
  const [unread, setUnread] = useState(initialUnread);
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const response = await fetch("/api/alerts/unread", { cache: "no-store" });
        if (response.ok && !stopped) setUnread(((await response.json()) as { unread: number }).unread);
      } catch {
        // Offline for a moment: the next poll tries again.
      }
    };
    const timer = setInterval(poll, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);
  return (
    <Link
      href="/alerts"
      aria-label={unread > 0 ? `Alerts: ${formatCount(unread, locale)} unread` : "Alerts: none unread"}
      data-testid="alert-bell"
      className="relative inline-flex items-center rounded-md p-1.5 text-slate-600 outline-none hover:bg-slate-100 hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-indigo-500"
    >
      <Bell aria-hidden className="size-4" />
      {unread > 0 ? (
        <span data-testid="alert-bell-count" className="absolute -top-1 -right-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white">
          {formatCount(unread, locale)}
        </span>
      ) : null}
    </Link>
  );
}
