"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatDay, formatShortDay, type ViewerFormat } from "@/lib/format";

/**
 * Disputes opened per day, drawn like the overview's activity chart (same library, axes, tooltip
 * colours). Hidden from screen readers: the page lists the same counts in a table.
 */
export function DisputesPerDayChart({ points, viewer }: { points: Array<{ day: string; disputes: number }>; viewer: ViewerFormat }) {
  return (
    <div aria-hidden className="h-56 w-full text-slate-200" data-testid="chart-disputes-per-day">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" />
          <XAxis dataKey="day" tickFormatter={(day: string) => formatShortDay(day, viewer)} fontSize={11} stroke="#64748b" />
          <YAxis allowDecimals={false} tickFormatter={(n: number) => formatCount(n, viewer.locale)} fontSize={11} stroke="#64748b" width={40} />
          <Tooltip
            formatter={(value) => formatCount(Number(value), viewer.locale)}
            labelFormatter={(label) => formatDay(String(label), viewer)}
            contentStyle={{ backgroundColor: "#ffffff", borderColor: "#cbd5e1" }}
            labelStyle={{ color: "#0f172a", fontWeight: 600 }}
            itemStyle={{ color: "#1e293b" }}
          />
          <Bar dataKey="disputes" name="Disputes opened" fill="#ef4444" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
