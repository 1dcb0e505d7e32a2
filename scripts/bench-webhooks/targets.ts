/**
 * Issue #15's targets, as ratios within one run of scripts/bench-webhooks.ts. "Today" is the issue's
 * own measurement of the route before the work (events/s at 1 / 8 / 32 concurrent deliveries, a
 * corpus of 5,000 realistic signed events per cell on the same 2-core machine): a figure from another
 * run and another corpus, so that ratio is indicative only.
 */
export const ISSUE_ROUTE_TODAY: Record<"postgres" | "pglite", Record<number, number>> = {
  postgres: { 1: 95, 8: 164, 32: 145 },
  pglite: { 1: 69, 8: 76, 32: 82 },
};

export interface MeasuredCell {
  target: string;
  concurrency: number;
  perSecond: number;
  p99: number;
  /** Null on PGlite, where the WAL is not read. */
  walBytesPerRequest: number | null;
}

export interface TargetLabels {
  route: string;
  verifyOnly: string;
  ingest: string;
  baseline: string;
}

interface TargetRow {
  target: string;
  concurrency: number;
  measured: string;
  value: number;
  bound: number;
  /** How the value meets its bound: a throughput ratio at or above it, a WAL ratio at or below it, a p99 in ms below it. */
  kind: "at least" | "at most" | "latency";
}

export function targetRows(cells: readonly MeasuredCell[], labels: TargetLabels, database: "postgres" | "pglite", levels: readonly number[]): TargetRow[] {
  const at = (target: string, concurrency: number) => cells.find((c) => c.target === target && c.concurrency === concurrency);
  const rows: TargetRow[] = [];
  const today = ISSUE_ROUTE_TODAY[database];
  for (const concurrency of levels) {
    const route = at(labels.route, concurrency);
    const verifyOnly = at(labels.verifyOnly, concurrency);
    if (route && verifyOnly) {
      rows.push({ target: "route ≥ 0.8× the verify-only Next route (no proxy)", concurrency, measured: `${fixed(route.perSecond)} / ${fixed(verifyOnly.perSecond)} events/s`, value: route.perSecond / verifyOnly.perSecond, bound: 0.8, kind: "at least" });
    }
  }
  const todayBound = database === "postgres" ? 4 : 5;
  for (const concurrency of levels) {
    const route = at(labels.route, concurrency);
    if (route && today[concurrency]) {
      rows.push({ target: `route ≥ ${todayBound}× the issue's ${database === "postgres" ? "PostgreSQL" : "PGlite"} route (indicative)`, concurrency, measured: `${fixed(route.perSecond)} / ${today[concurrency]} events/s`, value: route.perSecond / today[concurrency], bound: todayBound, kind: "at least" });
    }
  }
  const ingest = at(labels.ingest, 32);
  const baseline = at(labels.baseline, 32);
  if (ingest && baseline) {
    rows.push({ target: "standalone ingest server ≥ 1.5× the one-transaction baseline", concurrency: 32, measured: `${fixed(ingest.perSecond)} / ${fixed(baseline.perSecond)} events/s`, value: ingest.perSecond / baseline.perSecond, bound: 1.5, kind: "at least" });
  }
  if (ingest) rows.push({ target: "standalone ingest server p99 < 50 ms", concurrency: 32, measured: `p99 ${ingest.p99.toFixed(1)} ms`, value: ingest.p99, bound: 50, kind: "latency" });
  // "Keep WAL per event within 1.5× of the bare baseline" (PostgreSQL only).
  for (const [name, label] of [["route", labels.route], ["standalone ingest server", labels.ingest]] as const) {
    for (const concurrency of levels) {
      const server = at(label, concurrency)?.walBytesPerRequest;
      const floor = at(labels.baseline, concurrency)?.walBytesPerRequest;
      if (server == null || !floor) continue;
      rows.push({ target: `${name}'s WAL per event ≤ 1.5× the one-transaction baseline's`, concurrency, measured: `${fixed(server)} / ${fixed(floor)} bytes`, value: server / floor, bound: 1.5, kind: "at most" });
    }
  }
  return rows;
}

/** A markdown table: each target, its ratio (or p99) per concurrency, met or not. */
export function targetsTable(rows: readonly TargetRow[]): string[] {
  const lines = ["| target | concurrency | measured | ratio | met |", "| --- | ---: | ---: | ---: | :---: |"];
  for (const row of rows) {
    const met = row.kind === "latency" ? row.value < row.bound : row.kind === "at most" ? row.value <= row.bound : row.value >= row.bound;
    lines.push(`| ${row.target} | ${row.concurrency} | ${row.measured} | ${row.kind === "latency" ? "—" : `${row.value.toFixed(2)}×`} | ${met ? "yes" : "no"} |`);
  }
  return lines;
}

const fixed = (n: number) => n.toFixed(0);
