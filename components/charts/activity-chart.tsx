"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay, formatShortDay, type ViewerFormat } from "@/lib/format";
import { formatMoney } from "@/lib/money";

/** One day of one currency, in minor units as plain numbers (safe: far below 2^53). */
export interface ActivityPoint {
  day: string;
  gross: number;
  net: number;
  refunds: number;
  disputes: number;
}

/**
 * Gross and net volume per day with refunds and disputes as bars. The table beside it carries the
 * same numbers for screen readers, so the chart itself is hidden from them. Pages load it through
 * LazyActivityChart, in the browser only.
 */
export function ActivityChart({ currency, points, viewer }: { currency: string; points: ActivityPoint[]; viewer: ViewerFormat }) {
  const money = (value: number) => formatMoney(Math.round(value), currency, viewer.locale);
  return (
    <div aria-hidden className="h-64 w-full text-slate-200" data-testid={`chart-${currency}`}>
      <ResponsiveContainer width="100%" height="100%">
        {/* Hidden from screen readers, so it takes no keyboard focus either (recharts' layer would). */}
        <ComposedChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" />
          <XAxis dataKey="day" tickFormatter={(day: string) => formatShortDay(day, viewer)} fontSize={11} stroke="#64748b" />
          <YAxis tickFormatter={money} fontSize={11} stroke="#64748b" width={80} />
          {/* Dark text on white in both themes: recharts colours each item like its series, which fails contrast (amber on white). */}
          <Tooltip
            formatter={(value) => money(Number(value))}
            labelFormatter={(label) => formatDay(String(label), viewer)}
            contentStyle={{ backgroundColor: "#ffffff", borderColor: "#cbd5e1" }}
            labelStyle={{ color: "#0f172a", fontWeight: 600 }}
            itemStyle={{ color: "#1e293b" }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="refunds" name="Refunds" fill="#f59e0b" isAnimationActive={false} />
          <Bar dataKey="disputes" name="Disputes" fill="#ef4444" isAnimationActive={false} />
          <Line type="monotone" dataKey="gross" name="Gross volume" stroke="#4f46e5" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="net" name="Net" stroke="#059669" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
