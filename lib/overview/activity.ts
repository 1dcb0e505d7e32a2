// Gross volume, fees, refunds and disputes per day and currency over the last N days, in one
// aggregate query: three range scans on the (created, id) indexes, grouped by the merchant's day.
import { db } from "@/lib/db";
import { dayIn, nextDay, startOfDayIn } from "@/lib/listing/time-zone";

export interface DailyActivity {
  day: string;
  currency: string;
  gross: bigint;
  fees: bigint;
  refunds: bigint;
  disputes: bigint;
  /** gross − fees − refunds − disputes: what the day's sales leave the merchant. */
  net: bigint;
}

export interface ActivitySeries {
  days: string[];
  /** Currencies with activity, the busiest first. */
  currencies: string[];
  byCurrency: Record<string, DailyActivity[]>;
  totals: Record<string, Omit<DailyActivity, "day" | "currency">>;
}

/** Refund statuses that take money back from the merchant (a failed or canceled refund gave it back). */
const COUNTED_REFUNDS = ["pending", "succeeded", "requires_action"];

interface Row {
  day: string;
  currency: string;
  gross: bigint;
  fees: bigint;
  refunds: bigint;
  disputes: bigint;
}

export async function dailyActivity(options: { timeZone: string; days?: number; now?: Date }): Promise<ActivitySeries> {
  const count = options.days ?? 30;
  const today = dayIn(options.now ?? new Date(), options.timeZone);
  const days: string[] = [];
  let first = today;
  for (let i = 1; i < count; i++) first = previousDay(first);
  for (let d = first, i = 0; i < count; i++, d = nextDay(d)) days.push(d);
  const from = startOfDayIn(first, options.timeZone).toISOString();
  const before = startOfDayIn(nextDay(today), options.timeZone).toISOString();
  const tz = options.timeZone;

  const rows = await db().$queryRaw<Row[]>`
    SELECT to_char(created AT TIME ZONE ${tz}, 'YYYY-MM-DD') AS day, currency,
           COALESCE(sum(gross), 0)::bigint AS gross, COALESCE(sum(fees), 0)::bigint AS fees,
           COALESCE(sum(refunds), 0)::bigint AS refunds, COALESCE(sum(disputes), 0)::bigint AS disputes
      FROM (
        SELECT created, currency, amount AS gross, COALESCE(fee, 0) AS fees, 0::bigint AS refunds, 0::bigint AS disputes
          FROM charges WHERE created >= ${from}::timestamptz AND created < ${before}::timestamptz AND status = 'succeeded'
        UNION ALL
        SELECT created, currency, 0, 0, amount, 0
          FROM refunds WHERE created >= ${from}::timestamptz AND created < ${before}::timestamptz AND status = ANY(${COUNTED_REFUNDS})
        UNION ALL
        SELECT created, currency, 0, 0, 0, amount
          FROM disputes WHERE created >= ${from}::timestamptz AND created < ${before}::timestamptz
      ) activity
     GROUP BY 1, 2`;

  const byCurrency: Record<string, DailyActivity[]> = {};
  const totals: ActivitySeries["totals"] = {};
  const index = new Map(rows.map((r) => [`${r.currency}|${r.day}`, r]));
  const currencies = [...new Set(rows.map((r) => r.currency))];
  for (const currency of currencies) {
    const series = days.map((day): DailyActivity => {
      const r = index.get(`${currency}|${day}`);
      const gross = BigInt(r?.gross ?? 0n);
      const fees = BigInt(r?.fees ?? 0n);
      const refunds = BigInt(r?.refunds ?? 0n);
      const disputes = BigInt(r?.disputes ?? 0n);
      return { day, currency, gross, fees, refunds, disputes, net: gross - fees - refunds - disputes };
    });
    byCurrency[currency] = series;
    const sum = (pick: (d: DailyActivity) => bigint) => series.reduce((t, d) => t + pick(d), 0n);
    totals[currency] = { gross: sum((d) => d.gross), fees: sum((d) => d.fees), refunds: sum((d) => d.refunds), disputes: sum((d) => d.disputes), net: sum((d) => d.net) };
  }
  currencies.sort((a, b) => Number((totals[b]?.gross ?? 0n) - (totals[a]?.gross ?? 0n)) || a.localeCompare(b));
  return { days, currencies, byCurrency, totals };
}

function previousDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) - 1)).toISOString().slice(0, 10);
}
