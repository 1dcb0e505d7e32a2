"use client";

import dynamic from "next/dynamic";

/**
 * The chart library is most of the overview's JavaScript; loading it after the page keeps the
 * first load light, and the server has nothing to draw it with anyway. Same size box meanwhile.
 */
export const LazyActivityChart = dynamic(() => import("./activity-chart").then((m) => m.ActivityChart), {
  ssr: false,
  loading: () => <div aria-hidden className="h-64 w-full rounded bg-slate-50" data-testid="chart-placeholder" />,
});
