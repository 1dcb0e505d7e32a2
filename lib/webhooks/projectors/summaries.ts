import { sendWithoutWaiting } from "@/lib/database/sql-transaction";
import type { Tx } from "../mirror";
import { MARK_RELEASE_REFUNDS } from "./released";

/**
 * Columns derived from several mirrors (a charge's refunded total, a payment's disputed flag) are
 * recomputed from the stored rows after every projection that may change them, instead of being
 * patched incrementally: the result then depends only on which snapshots are stored, not on the
 * order in which events arrived.
 */

/**
 * A group-commit batch recomputes each touched row's summaries once, after its last event, instead
 * of after every event (commit-batch.ts): several events of one payment often share a batch, and
 * each recomputation that changes something writes a new row version and its index entries.
 * Nothing a projection does between two events reads a summary column (they read mirrored columns
 * and snapshots' data), so the batch ends where event-by-event projection would, but for the cases
 * lib/webhooks/README.md names (a payment's latest charge, when two of its charges share a batch and
 * no snapshot names it, is the newer one).
 */
interface Touched {
  charges: Set<string>;
  paymentIntents: Set<string>;
}

const touchedBy = new WeakMap<Tx, Touched>();

/** From now on, this transaction's summaries wait for refreshDeferredSummaries. */
export function deferSummaries(tx: Tx): void {
  touchedBy.set(tx, { charges: new Set(), paymentIntents: new Set() });
}

/**
 * Recomputes the summaries deferred on this transaction, each touched row once: the charges' totals
 * first, since a payment's summary reads them.
 */
export async function refreshDeferredSummaries(tx: Tx): Promise<void> {
  const touched = touchedBy.get(tx);
  if (!touched) return;
  touchedBy.delete(tx);
  for (const chargeId of touched.charges) await recomputeChargeTotals(tx, chargeId);
  for (const paymentIntentId of touched.paymentIntents) await recomputePaymentIntentSummary(tx, paymentIntentId);
}

// Refund statuses that hold money back from the merchant; failed and canceled refunds gave it back.
const LIVE_REFUND_STATUSES = "('pending', 'succeeded', 'requires_action')";

/** A summary column and the SQL that derives it; the expressions may read the row being updated. */
type Derived = Readonly<Record<string, string>>;

function assignments(derived: Derived): string {
  return `${Object.entries(derived).map(([column, value]) => `${column} = ${value}`).join(",\n       ")},\n       updated_at = now()`;
}

/**
 * Whether any derived value differs from the stored one. In PostgreSQL an UPDATE that writes the
 * same values still writes a new row version, its index entries (unless HOT) and their WAL, and most
 * events leave a summary as it was (a status change, a snapshot whose totals are already held, the
 * same snapshot fetched again by catch-up or backfill): the row is then left alone, updated_at with
 * it. The expressions are repeated here rather than computed once in a CTE so that, like the SET
 * list, they read the row version the UPDATE writes.
 */
function changed(alias: string, derived: Derived): string {
  const columns = Object.keys(derived);
  return `(${columns.map((c) => `${alias}.${c}`).join(", ")}) IS DISTINCT FROM (${columns.map((c) => derived[c]).join(", ")})`;
}

// A charge's totals; `totals.refunded_amount` is derived below from its refunds and snapshot.
const CHARGE_TOTALS: Derived = {
  amount_refunded: "totals.refunded_amount",
  refunded: "c.captured AND c.amount_captured > 0 AND totals.refunded_amount >= c.amount_captured",
  disputed: "COALESCE((c.data->>'disputed')::boolean, false) OR EXISTS (SELECT 1 FROM disputes d WHERE d.charge_id = c.id)",
  fee: "COALESCE((SELECT fee FROM balance_transactions b WHERE b.id = c.balance_transaction_id), c.fee)",
  net: "COALESCE((SELECT net FROM balance_transactions b WHERE b.id = c.balance_transaction_id), c.net)",
};

/**
 * A charge's refunded amount comes from its own latest snapshot, unless a refund we hold changed
 * after that snapshot (a refund created or failed later): then the refund ledger is the newer truth.
 * Neither counts a released authorisation (released.ts). The charge projector stores the snapshot's
 * figure read by its API version in amount_refunded; only this function overwrites it, and with the
 * ledger only while a refund is newer than the snapshot, so whenever the snapshot is newest the
 * column still holds that figure (or a smaller one this function derived from the same snapshot).
 */
export async function refreshChargeTotals(tx: Tx, chargeId: string | null): Promise<void> {
  if (!chargeId) return;
  const deferred = touchedBy.get(tx);
  if (deferred) deferred.charges.add(chargeId);
  else await recomputeChargeTotals(tx, chargeId);
}

async function recomputeChargeTotals(tx: Tx, chargeId: string): Promise<void> {
  await sendWithoutWaiting(tx, MARK_RELEASE_REFUNDS, [chargeId]);
  await sendWithoutWaiting(
    tx,
    `WITH r AS (
       SELECT max(synced_at) AS newest,
              COALESCE(sum(amount) FILTER (WHERE status IN ${LIVE_REFUND_STATUSES} AND NOT releases_authorisation), 0)::bigint AS total,
              COALESCE(sum(amount) FILTER (WHERE status IN ${LIVE_REFUND_STATUSES} AND releases_authorisation), 0)::bigint AS released
         FROM refunds WHERE charge_id = $1
     ), totals AS (
       SELECT c.id,
              CASE WHEN NOT c.captured THEN 0
                   WHEN r.newest IS NOT NULL AND r.newest > c.synced_at THEN r.total
                   -- Stripe's amount_refunded sums the charge's Refund objects, so a release we hold
                   -- as a Refund is in it whatever version rendered it.
                   ELSE LEAST(c.amount_refunded, GREATEST(COALESCE((c.data->>'amount_refunded')::bigint, 0) - r.released, 0))
              END AS refunded_amount
         FROM charges c, r WHERE c.id = $1
     )
     UPDATE charges c SET ${assignments(CHARGE_TOTALS)}
       FROM totals WHERE c.id = totals.id AND ${changed("c", CHARGE_TOTALS)}`,
    [chargeId],
  );
}

const PAYMENT_SUMMARY: Derived = {
  latest_charge_id: "COALESCE(p.latest_charge_id, (SELECT id FROM ch))",
  amount_refunded: "COALESCE((SELECT sum(amount_refunded) FROM charges WHERE payment_intent_id = p.id), 0)",
  // A prevented dispute (Stripe stopped the chargeback; nothing to answer) is not "disputed". Whether
  // Stripe sets charge.disputed for one is UNCONFIRMED, so a charge's flag counts only while we hold
  // no dispute for it (its dispute not yet arrived) or one that was not prevented.
  disputed:
    "EXISTS (SELECT 1 FROM disputes WHERE payment_intent_id = p.id AND status <> 'prevented') " +
    "OR EXISTS (SELECT 1 FROM charges c WHERE c.payment_intent_id = p.id AND c.disputed AND (" +
    "NOT EXISTS (SELECT 1 FROM disputes d WHERE d.charge_id = c.id) " +
    "OR EXISTS (SELECT 1 FROM disputes d WHERE d.charge_id = c.id AND d.status <> 'prevented')))",
  has_early_fraud_warning:
    "EXISTS (SELECT 1 FROM early_fraud_warnings e WHERE e.payment_intent_id = p.id " +
    "OR e.charge_id IN (SELECT id FROM charges WHERE payment_intent_id = p.id))",
  card_brand:
    "COALESCE((SELECT card_brand FROM ch), (SELECT card_brand FROM payment_methods WHERE id = p.payment_method_id), p.card_brand)",
  card_last4:
    "COALESCE((SELECT card_last4 FROM ch), (SELECT card_last4 FROM payment_methods WHERE id = p.payment_method_id), p.card_last4)",
  customer_email:
    "COALESCE((SELECT email FROM customers WHERE id = p.customer_id), (SELECT billing_email FROM ch), p.customer_email)",
};

/** The Payments list reads one row per payment: copy what it shows from the charge, customer, warnings. */
export async function refreshPaymentIntentSummary(tx: Tx, paymentIntentId: string | null): Promise<void> {
  if (!paymentIntentId) return;
  const deferred = touchedBy.get(tx);
  if (deferred) deferred.paymentIntents.add(paymentIntentId);
  else await recomputePaymentIntentSummary(tx, paymentIntentId);
}

async function recomputePaymentIntentSummary(tx: Tx, paymentIntentId: string): Promise<void> {
  await sendWithoutWaiting(
    tx,
    `WITH latest AS (SELECT latest_charge_id AS id FROM payment_intents WHERE id = $1),
     ch AS (
       SELECT c.* FROM charges c
        WHERE c.id = (SELECT id FROM latest) OR c.payment_intent_id = $1
        ORDER BY (c.id IS NOT DISTINCT FROM (SELECT id FROM latest)) DESC, c.created DESC, c.id DESC
        LIMIT 1
     )
     UPDATE payment_intents p SET ${assignments(PAYMENT_SUMMARY)}
      WHERE p.id = $1 AND ${changed("p", PAYMENT_SUMMARY)}`,
    [paymentIntentId],
  );
}

/** The payment a charge belongs to, from the event or from the stored charge. */
export async function paymentIntentOfCharge(tx: Tx, chargeId: string | null): Promise<string | null> {
  if (!chargeId) return null;
  const rows = await tx.$queryRawUnsafe<{ payment_intent_id: string | null }[]>(
    `SELECT payment_intent_id FROM charges WHERE id = $1`,
    chargeId,
  );
  return rows[0]?.payment_intent_id ?? null;
}
