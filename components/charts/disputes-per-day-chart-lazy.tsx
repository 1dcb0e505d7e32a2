"use client";

import dynamic from "next/dynamic";

/** Loaded in the browser only, after the page, as the overview's chart is (activity-chart-lazy.tsx). */
export const LazyDisputesPerDayChart = dynamic(() => import("./disputes-per-day-chart").then((m) => m.DisputesPerDayChart), {
  ssr: false,
  loading: () => <div aria-hidden className="h-56 w-full rounded bg-slate-50" data-testid="chart-placeholder" />,
});
