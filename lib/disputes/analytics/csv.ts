import { toDecimalString } from "@/lib/money";
import type { DisputeAnalytics, WinRate } from "./figures";
import { AMOUNT_BANDS } from "./queries";

/**
 * The analytics as CSV for a spreadsheet: one row per figure (section, group, metric, value),
 * machine-readable values (rates as fractions with six decimals, money as exact decimals in the
 * currency's unit), so nothing depends on the reader's locale.
 */

const cell = (v: string) => (/[",\n\r]/.test(v) || /^[=+\-@\t\r]/.test(v) ? `"${v.replace(/"/g, '""').replace(/^([=+\-@\t\r])/, "'$1")}"` : v);
const fraction = (v: number | null) => (v === null ? "" : v.toFixed(6));

export function analyticsCsv(a: DisputeAnalytics): string {
  const rows: string[][] = [["section", "group", "metric", "value"]];
  const add = (section: string, group: string, metric: string, value: string | number) => rows.push([section, group, metric, String(value)]);
  add("period", "", "from", a.period.from);
  add("period", "", "to", a.period.to);
  add("period", "", "time_zone", a.period.timeZone);
  add("dispute_rate", "", "successful_charges", a.charges);
  add("dispute_rate", "by_dispute_date", "disputes", a.disputesByDisputeDate);
  add("dispute_rate", "by_dispute_date", "rate", fraction(a.rateByDisputeDate));
  add("dispute_rate", "by_charge_date", "disputes", a.disputesByChargeDate);
  add("dispute_rate", "by_charge_date", "rate", fraction(a.rateByChargeDate));
  const wins = (section: string, list: WinRate[], label = (k: string) => k) => {
    for (const w of list) {
      add(section, label(w.key), "won", w.won);
      add(section, label(w.key), "lost", w.lost);
      add(section, label(w.key), "win_rate", fraction(w.rate));
    }
  };
  wins("win_rate", [a.overall]);
  wins("win_rate_by_reason", a.byReason);
  wins("win_rate_by_network", a.byNetwork);
  wins("win_rate_by_amount_band", a.byAmountBand, (k) => AMOUNT_BANDS.find((b) => b.key === k)?.label ?? k);
  for (const m of a.money) {
    add("money", m.currency, "disputed", toDecimalString(m.disputed, m.currency));
    add("money", m.currency, "lost", toDecimalString(m.lost, m.currency));
    add("money", m.currency, "recovered", toDecimalString(m.recovered, m.currency));
  }
  add("time_to_respond", "", "responded", a.response.responded);
  add("time_to_respond", "", "median_hours", a.response.medianHours === null ? "" : a.response.medianHours.toFixed(2));
  add("time_to_respond", "", "p90_hours", a.response.p90Hours === null ? "" : a.response.p90Hours.toFixed(2));
  add("inquiries", "", "open", a.inquiries.open);
  add("inquiries", "", "closed", a.inquiries.closed);
  add("inquiries", "", "escalated", a.inquiries.escalated);
  for (const d of a.perDay) add("per_day", d.day, "disputes", d.disputes);
  return rows.map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
