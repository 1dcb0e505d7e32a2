import { nextDay, startOfDayIn } from "@/lib/listing/days";
import type { AnalyticsPeriod } from "./period";
import { AMOUNT_BANDS, decidedDisputes, disputeCounts, disputeMoney, disputesPerDay, inquiryOutcomes, responseHours, successfulChargeCount, type MoneyRow, type OutcomeRow } from "./queries";

/**
 * The disputes analytics of one period, as figures (counts, fractions, minor units): formatting is
 * the page's, through lib/format and lib/money. A rate with nothing to divide by is null, never 0.
 */

export interface WinRate {
  key: string;
  won: number;
  lost: number;
  /** won / (won + lost); null with no decided dispute. */
  rate: number | null;
}

export interface DisputeAnalytics {
  period: AnalyticsPeriod;
  charges: number;
  disputesByDisputeDate: number;
  disputesByChargeDate: number;
  /** Disputes opened in the period per successful charge made in it. */
  rateByDisputeDate: number | null;
  /** Disputes (opened at any time) on charges made in the period, per successful charge made in it. */
  rateByChargeDate: number | null;
  overall: WinRate;
  byReason: WinRate[];
  byNetwork: WinRate[];
  byAmountBand: WinRate[];
  money: MoneyRow[];
  response: { responded: number; medianHours: number | null; p90Hours: number | null };
  inquiries: { open: number; closed: number; escalated: number };
  perDay: Array<{ day: string; disputes: number }>;
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

function winRates(rows: OutcomeRow[], keyOf: (r: OutcomeRow) => string, order?: readonly string[]): WinRate[] {
  const groups = new Map<string, { won: number; lost: number }>();
  for (const key of order ?? []) groups.set(key, { won: 0, lost: 0 });
  for (const r of rows) {
    const g = groups.get(keyOf(r)) ?? { won: 0, lost: 0 };
    g[r.status] += r.count;
    groups.set(keyOf(r), g);
  }
  const rates = [...groups].map(([key, g]) => ({ key, ...g, rate: ratio(g.won, g.won + g.lost) }));
  return order ? rates : rates.sort((a, b) => b.won + b.lost - (a.won + a.lost) || a.key.localeCompare(b.key));
}

export async function disputeAnalytics(period: AnalyticsPeriod): Promise<DisputeAnalytics> {
  const days: string[] = [];
  for (let d = period.from; d <= period.to; d = nextDay(d)) days.push(d);
  const dayStarts = days.map((d) => startOfDayIn(d, period.timeZone));
  // One connection on PGlite serialises these anyway; on a server they run side by side.
  const [charges, counts, decided, money, response, inquiries, perDay] = await Promise.all([
    successfulChargeCount(period),
    disputeCounts(period),
    decidedDisputes(period),
    disputeMoney(period),
    responseHours(period),
    inquiryOutcomes(period),
    disputesPerDay(period, dayStarts),
  ]);
  const overall = winRates(decided, () => "all")[0] ?? { key: "all", won: 0, lost: 0, rate: null };
  return {
    period,
    charges,
    disputesByDisputeDate: counts.byDisputeDate,
    disputesByChargeDate: counts.byChargeDate,
    rateByDisputeDate: ratio(counts.byDisputeDate, charges),
    rateByChargeDate: ratio(counts.byChargeDate, charges),
    overall,
    byReason: winRates(decided, (r) => r.reason),
    byNetwork: winRates(decided, (r) => r.network),
    byAmountBand: winRates(decided, (r) => r.band, AMOUNT_BANDS.map((b) => b.key)),
    money,
    response,
    inquiries,
    perDay: days.map((day, i) => ({ day, disputes: perDay[i] ?? 0 })),
  };
}
