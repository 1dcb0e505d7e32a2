// Gross volume, fees, refunds and disputes per day and currency over the last N days, grouped by
// the merchant's day.
import { db } from "@/lib/db";
import { dayIn, nextDay, previousDay, startOfDayIn } from "@/lib/listing/days";

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

  // activity_buckets holds the sums per quarter hour (kept by triggers, see schema.prisma), so
  // this reads ~3,000 rows for 30 days at any volume. Days are cut by width_bucket over the day
  // starts computed here (DST-correct), which is several times cheaper per row than formatting
  // each bucket in the zone.
  const starts = days.map((day) => startOfDayIn(day, options.timeZone).toISOString());
  const grouped = await db().$queryRaw<Array<Omit<Row, "day"> & { dayIndex: number }>>`
    SELECT width_bucket(bucket, ${starts}::timestamptz[]) AS "dayIndex", currency,
           sum(gross)::bigint AS gross, sum(fees)::bigint AS fees, sum(refunds)::bigint AS refunds, sum(disputes)::bigint AS disputes
      FROM activity_buckets
     WHERE bucket >= ${from}::timestamptz AND bucket < ${before}::timestamptz
     GROUP BY 1, 2`;
  const rows: Row[] = grouped.map(({ dayIndex, ...sums }) => ({ ...sums, day: days[Number(dayIndex) - 1] ?? "" }));

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
