import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { currencyExponent } from "@/lib/money";
import type { AnalyticsPeriod } from "./period";

/**
 * The analytics' reads. Each is one grouped query on an index: disputes by created (disputes
 * created_id index), successful charges by quarter hour (charge_count_buckets), a dispute's charge
 * by its primary key, its events by object id, its submission by object id.
 */

export const AMOUNT_BANDS = [
  { key: "under_50", label: "Under 50", below: 50 },
  { key: "50_to_200", label: "50 to under 200", below: 200 },
  { key: "200_to_1000", label: "200 to under 1,000", below: 1000 },
  { key: "1000_plus", label: "1,000 and over", below: null },
] as const;

export type AmountBand = (typeof AMOUNT_BANDS)[number]["key"];

/** Successful charges made in the period, from the quarter-hour counts the charges trigger keeps. */
export async function successfulChargeCount(p: AnalyticsPeriod): Promise<number> {
  const [row] = await db().$queryRaw<[{ n: bigint | null }]>`
    SELECT sum(charges)::bigint AS n FROM charge_count_buckets WHERE bucket >= ${p.start.toISOString()}::timestamptz AND bucket < ${p.end.toISOString()}::timestamptz`;
  return Number(row.n ?? 0);
}

/**
 * Disputes opened in the period, and disputes on charges made in the period (whenever opened). A
 * dispute never precedes its charge, so the second reads disputes from the period's start on (by
 * their created index) and looks their charges up by id, instead of walking every charge.
 */
export async function disputeCounts(p: AnalyticsPeriod): Promise<{ byDisputeDate: number; byChargeDate: number }> {
  const [row] = await db().$queryRaw<[{ by_dispute: bigint; by_charge: bigint }]>`
    SELECT (SELECT count(*) FROM disputes WHERE created >= ${p.start.toISOString()}::timestamptz AND created < ${p.end.toISOString()}::timestamptz AND status <> 'prevented')::bigint AS by_dispute,
           (SELECT count(*) FROM (
              -- A scalar subquery, which the planner keeps as one primary-key look-up per dispute
              -- (a join would be hashed over every charge of the period).
              SELECT (SELECT c.created FROM charges c WHERE c.id = d.charge_id) AS charged
                FROM disputes d WHERE d.created >= ${p.start.toISOString()}::timestamptz AND d.status <> 'prevented') t
             WHERE charged >= ${p.start.toISOString()}::timestamptz AND charged < ${p.end.toISOString()}::timestamptz)::bigint AS by_charge`;
  return { byDisputeDate: Number(row.by_dispute), byChargeDate: Number(row.by_charge) };
}

export interface OutcomeRow {
  status: "won" | "lost";
  reason: string;
  network: string;
  currency: string;
  band: AmountBand;
  count: number;
  amount: bigint;
}

/** Decided chargebacks opened in the period, grouped by reason, card network and amount band. */
export async function decidedDisputes(p: AnalyticsPeriod): Promise<OutcomeRow[]> {
  const currencies = await db().$queryRaw<Array<{ currency: string }>>`
    SELECT DISTINCT currency FROM disputes WHERE created >= ${p.start.toISOString()}::timestamptz AND created < ${p.end.toISOString()}::timestamptz`;
  if (currencies.length === 0) return [];
  // Bands are in the currency's major unit: 50 is $50 and ¥50, so the cut in minor units differs.
  const unit = Prisma.join(currencies.map(({ currency }) => Prisma.sql`WHEN ${currency} THEN ${10 ** currencyExponent(currency)}::numeric`), " ");
  const rows = await db().$queryRaw<Array<{ status: "won" | "lost"; reason: string; network: string; currency: string; band: number; count: bigint; amount: bigint }>>`
    SELECT status, reason, currency,
           coalesce(data->'payment_method_details'->'card'->>'network', data->'payment_method_details'->'card'->>'brand', 'unknown') AS network,
           width_bucket(amount / (CASE currency ${unit} ELSE 100 END), ARRAY[50, 200, 1000]::numeric[]) AS band,
           count(*)::bigint AS count, sum(amount)::bigint AS amount
      FROM disputes
     WHERE created >= ${p.start.toISOString()}::timestamptz AND created < ${p.end.toISOString()}::timestamptz AND status IN ('won', 'lost')
     GROUP BY 1, 2, 3, 4, 5`;
  return rows.map((r) => ({ status: r.status, reason: r.reason, network: r.network, currency: r.currency, band: AMOUNT_BANDS[Number(r.band)]!.key, count: Number(r.count), amount: BigInt(r.amount) }));
}

export interface MoneyRow {
  currency: string;
  disputed: bigint;
  lost: bigint;
  recovered: bigint;
}

/** Per currency: amounts disputed (chargebacks that took funds), lost, and won back. */
export async function disputeMoney(p: AnalyticsPeriod): Promise<MoneyRow[]> {
  const rows = await db().$queryRaw<Array<{ currency: string; disputed: bigint; lost: bigint; recovered: bigint }>>`
    SELECT currency,
           coalesce(sum(amount) FILTER (WHERE funds_withdrawn_at IS NOT NULL OR status IN ('needs_response', 'under_review', 'won', 'lost')), 0)::bigint AS disputed,
           coalesce(sum(amount) FILTER (WHERE status = 'lost'), 0)::bigint AS lost,
           coalesce(sum(amount) FILTER (WHERE status = 'won'), 0)::bigint AS recovered
      FROM disputes
     WHERE created >= ${p.start.toISOString()}::timestamptz AND created < ${p.end.toISOString()}::timestamptz
     GROUP BY currency ORDER BY currency`;
  return rows.map((r) => ({ currency: r.currency, disputed: BigInt(r.disputed), lost: BigInt(r.lost), recovered: BigInt(r.recovered) }));
}

/**
 * Hours from a dispute opening to its evidence being submitted from Ledgerline (the staff action
 * that submitted it; a response sent from Stripe's Dashboard leaves no such row and is not counted).
 */
export async function responseHours(p: AnalyticsPeriod): Promise<{ responded: number; medianHours: number | null; p90Hours: number | null }> {
  const [row] = await db().$queryRaw<[{ n: bigint; median: number | null; p90: number | null }]>`
    SELECT count(*)::bigint AS n,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90
      FROM (SELECT extract(epoch FROM (min(a.completed_at) - d.created)) / 3600 AS hours
              FROM disputes d JOIN staff_actions a ON a.object_id = d.id AND a.kind = 'dispute.evidence.submit' AND a.status = 'succeeded'
             WHERE d.created >= ${p.start.toISOString()}::timestamptz AND d.created < ${p.end.toISOString()}::timestamptz
             GROUP BY d.id, d.created) t`;
  return { responded: Number(row.n), medianHours: row.median === null ? null : Number(row.median), p90Hours: row.p90 === null ? null : Number(row.p90) };
}

/**
 * Inquiries opened in the period: still open, closed (`warning_closed`), or escalated to a
 * chargeback. An escalated inquiry has a chargeback's status now; the event that announced the
 * dispute still shows it as `warning_*`.
 */
export async function inquiryOutcomes(p: AnalyticsPeriod): Promise<{ open: number; closed: number; escalated: number }> {
  const [row] = await db().$queryRaw<[{ open: bigint; closed: bigint; escalated: bigint }]>`
    SELECT count(*) FILTER (WHERE status IN ('warning_needs_response', 'warning_under_review'))::bigint AS open,
           count(*) FILTER (WHERE status = 'warning_closed')::bigint AS closed,
           count(*) FILTER (WHERE status NOT LIKE 'warning%' AND EXISTS (
             SELECT 1 FROM stripe_events e WHERE e.object_id = d.id AND e.type = 'charge.dispute.created'
                AND e.payload->'data'->'object'->>'status' LIKE 'warning%'))::bigint AS escalated
      FROM disputes d
     WHERE created >= ${p.start.toISOString()}::timestamptz AND created < ${p.end.toISOString()}::timestamptz`;
  return { open: Number(row.open), closed: Number(row.closed), escalated: Number(row.escalated) };
}

/** Disputes opened per day of the period (the merchant's days), for the chart. */
export async function disputesPerDay(p: AnalyticsPeriod, dayStarts: Date[]): Promise<number[]> {
  const rows = await db().$queryRaw<Array<{ i: number; n: bigint }>>`
    SELECT width_bucket(created, ${dayStarts.map((d) => d.toISOString())}::timestamptz[]) AS i, count(*)::bigint AS n
      FROM disputes WHERE created >= ${p.start.toISOString()}::timestamptz AND created < ${p.end.toISOString()}::timestamptz AND status <> 'prevented'
     GROUP BY 1`;
  const counts = dayStarts.map(() => 0);
  for (const r of rows) counts[Number(r.i) - 1] = Number(r.n);
  return counts;
}
