// SQL that fills the mirrors with a large, plausible merchant in bulk (INSERT … SELECT over
// generate_series), for measuring the pages at scale. The same statements run on PGlite and on
// PostgreSQL. Everything is derived from the row number, so a load is reproducible; rows are
// spread over the year before the load, newest at "now", so the overview's last 30 days are busy.
//
// Ids carry an "s" marker (pi_s0000001) so scale rows never collide with Stripe's or the demo's.

export const SCALE = {
  payments: 1_000_000,
  refunds: 100_000,
  disputes: 10_000,
  payouts: 5_000,
  customers: 200_000,
} as const;

export type ScaleCounts = { [K in keyof typeof SCALE]: number };

/** Seconds between two consecutive payments, so the payments cover one year. */
export function spacingSeconds(payments: number): number {
  return (365 * 86_400) / payments;
}

const pad = (expr: string) => `lpad((${expr})::text, 7, '0')`;

/**
 * Statements in load order, each over a batch of row numbers [from, to]. Payment i:
 *   i % 100 < 92 succeeded; 92–96 declined; 97–98 waiting for 3-D Secure; 99 canceled.
 *   i % 10 = 1 carries a refund (100,000 of them at 1M payments), i % 100 = 3 a dispute,
 *   i % 200 = 5 an early fraud warning. Payment i belongs to customer i % customers.
 */
export interface ScaleStatement {
  table: string;
  total: number;
  /** Row numbers run first..first+total−1. */
  first: 0 | 1;
  sql: (from: number, to: number) => string;
}

export function scaleStatements(counts: ScaleCounts, loadStartIso: string): ScaleStatement[] {
  const step = spacingSeconds(counts.payments);
  const created = (i: string) => `('${loadStartIso}'::timestamptz - ((${counts.payments} - (${i})) * ${step}) * interval '1 second')`;
  // Currency by (i / 7) % 10, not i % 10, so refunds, disputes and warnings (picked by i % 10 and
  // i % 100) come in every currency too.
  const currency = (i: string) => `(CASE WHEN ((${i}) / 7) % 10 < 7 THEN 'usd' WHEN ((${i}) / 7) % 10 < 9 THEN 'eur' ELSE 'jpy' END)`;
  const amount = (i: string) => `(CASE WHEN ((${i}) / 7) % 10 = 9 THEN 500 + ((${i}) * 7919) % 60000 ELSE 500 + ((${i}) * 7919) % 250000 END)::bigint`;
  const status = (i: string) =>
    `(CASE WHEN (${i}) % 100 < 92 THEN 'succeeded' WHEN (${i}) % 100 < 97 THEN 'requires_payment_method' WHEN (${i}) % 100 < 99 THEN 'requires_action' ELSE 'canceled' END)`;
  const last4 = (i: string) => `(ARRAY['4242','0005','4444','1881','0077','3155','9995','5100'])[(1 + (${i}) % 8)::int]`;
  const brand = (i: string) => `(CASE WHEN (${i}) % 8 IN (2, 7) THEN 'mastercard' ELSE 'visa' END)`;
  const refundAmount = (i: string) => `(CASE WHEN ((${i}) / 10) % 3 = 0 THEN ${amount(i)} ELSE ${amount(i)} / 2 END)`;
  const refundStatus = (i: string) => `(CASE WHEN ((${i}) / 10) % 50 = 0 THEN 'pending' WHEN ((${i}) / 10) % 500 = 7 THEN 'failed' ELSE 'succeeded' END)`;
  const fee = (i: string) => `(CASE WHEN ((${i}) / 7) % 10 = 9 THEN ${amount(i)} * 36 / 1000 ELSE ${amount(i)} * 29 / 1000 + 30 END)::bigint`;
  const perBucket = Math.ceil(counts.payments / Math.ceil(counts.payouts / 3));
  const payoutOf = (i: string) =>
    `'po_s' || ${pad(`((${i}) / ${perBucket}) * 3 + (CASE ${currency(i)} WHEN 'usd' THEN 0 WHEN 'eur' THEN 1 ELSE 2 END)`)}`;
  const lastBucket = Math.floor((counts.payouts - 1) / 3);
  const customers = counts.customers;

  return [
    {
      table: "customers",
      first: 0,
      total: customers,
      sql: (from, to) => `INSERT INTO customers (id, livemode, created, email, name, data, synced_at)
        SELECT 'cus_s' || ${pad("c")}, false, ${created(`c * ${counts.payments} / ${customers}`)} - interval '30 days',
               'customer' || c || '@example.com', 'Customer ' || c,
               jsonb_build_object('id', 'cus_s' || ${pad("c")}, 'object', 'customer'), now()
          FROM generate_series(${from}::bigint, ${to}::bigint) AS c`,
    },
    {
      table: "payment_intents",
      first: 0,
      total: counts.payments,
      sql: (from, to) => `INSERT INTO payment_intents (id, livemode, created, status, amount, amount_received, amount_refunded, currency,
          description, capture_method, cancellation_reason, customer_id, customer_email, payment_method_id, latest_charge_id, card_brand, card_last4,
          last_payment_error_code, last_payment_error_decline_code, last_payment_error_message, disputed, has_early_fraud_warning, data, synced_at)
        SELECT 'pi_s' || ${pad("i")}, false, ${created("i")}, ${status("i")}, ${amount("i")},
               CASE WHEN i % 100 < 92 THEN ${amount("i")} ELSE 0 END,
               CASE WHEN i % 10 = 1 AND ${refundStatus("i")} <> 'failed' THEN ${refundAmount("i")} ELSE 0 END,
               ${currency("i")}, 'Order #' || i, 'automatic',
               CASE WHEN i % 100 = 99 THEN 'abandoned' END,
               'cus_s' || ${pad(`i % ${customers}`)}, 'customer' || (i % ${customers}) || '@example.com',
               'pm_s' || ${pad(`i % ${customers}`)},
               CASE WHEN i % 100 < 97 THEN 'ch_s' || ${pad("i")} END, ${brand("i")}, ${last4("i")},
               CASE WHEN i % 100 BETWEEN 92 AND 96 THEN 'card_declined' END,
               CASE WHEN i % 100 BETWEEN 92 AND 96 THEN (ARRAY['generic_decline','insufficient_funds','lost_card','do_not_honor','expired_card'])[(i % 100 - 91)::int] END,
               CASE WHEN i % 100 BETWEEN 92 AND 96 THEN 'Your card was declined.' END,
               i % 100 = 3, i % 200 = 5,
               jsonb_build_object('id', 'pi_s' || ${pad("i")}, 'object', 'payment_intent'), now()
          FROM generate_series(${from}::bigint, ${to}::bigint) AS i`,
    },
    {
      table: "charges",
      first: 0,
      total: counts.payments,
      sql: (from, to) => `INSERT INTO charges (id, livemode, created, status, amount, amount_captured, amount_refunded, currency, paid, captured,
          refunded, disputed, customer_id, billing_email, payment_intent_id, payment_method_id, balance_transaction_id, card_brand, card_last4,
          card_fingerprint, fee, net, outcome_type, outcome_risk_level, outcome_risk_score, outcome_network_status, outcome_seller_message,
          failure_code, failure_message, data, synced_at)
        SELECT 'ch_s' || ${pad("i")}, false, ${created("i")},
               CASE WHEN i % 100 < 92 THEN 'succeeded' ELSE 'failed' END, ${amount("i")},
               CASE WHEN i % 100 < 92 THEN ${amount("i")} ELSE 0 END,
               CASE WHEN i % 10 = 1 AND ${refundStatus("i")} <> 'failed' THEN ${refundAmount("i")} ELSE 0 END,
               ${currency("i")}, i % 100 < 92, i % 100 < 92,
               i % 10 = 1 AND ((i / 10) % 3 = 0) AND ${refundStatus("i")} <> 'failed', i % 100 = 3,
               'cus_s' || ${pad(`i % ${customers}`)}, 'customer' || (i % ${customers}) || '@example.com', 'pi_s' || ${pad("i")},
               'pm_s' || ${pad(`i % ${customers}`)}, CASE WHEN i % 100 < 92 THEN 'txn_ch_s' || ${pad("i")} END,
               ${brand("i")}, ${last4("i")}, 'fp_s' || ${pad(`i % ${customers}`)},
               CASE WHEN i % 100 < 92 THEN ${fee("i")} END, CASE WHEN i % 100 < 92 THEN ${amount("i")} - ${fee("i")} END,
               CASE WHEN i % 100 < 92 THEN 'authorized' ELSE 'issuer_declined' END,
               CASE WHEN i % 200 = 5 THEN 'elevated' ELSE 'normal' END, (i * 37) % 100,
               CASE WHEN i % 100 < 92 THEN 'approved_by_network' ELSE 'declined_by_network' END,
               CASE WHEN i % 100 < 92 THEN 'Payment complete.' ELSE 'The bank did not return any further details with this decline.' END,
               CASE WHEN i % 100 >= 92 THEN 'card_declined' END, CASE WHEN i % 100 >= 92 THEN 'Your card was declined.' END,
               jsonb_build_object('id', 'ch_s' || ${pad("i")}, 'object', 'charge'), now()
          FROM generate_series(${from}::bigint, ${to}::bigint) AS i WHERE i % 100 < 97`,
    },
    {
      table: "refunds",
      first: 1,
      total: counts.refunds,
      // Refund j is on payment 10·(j−1)+1, made two days after it.
      sql: (from, to) => `INSERT INTO refunds (id, livemode, created, status, amount, currency, reason, failure_reason, pending_reason, arn,
          charge_id, payment_intent_id, balance_transaction_id, data, synced_at)
        SELECT 're_s' || ${pad("i")}, false, LEAST(${created("i")} + interval '2 days', '${loadStartIso}'::timestamptz), ${refundStatus("i")}, ${refundAmount("i")},
               ${currency("i")}, (ARRAY['requested_by_customer','duplicate','fraudulent'])[(1 + (i / 10) % 3)::int],
               CASE WHEN ${refundStatus("i")} = 'failed' THEN 'expired_or_canceled_card' END,
               CASE WHEN ${refundStatus("i")} = 'pending' THEN 'processing' END,
               CASE WHEN ${refundStatus("i")} = 'succeeded' THEN lpad(((i * 7919) % 100000000)::text, 23, '7') END,
               'ch_s' || ${pad("i")}, 'pi_s' || ${pad("i")}, 'txn_re_s' || ${pad("i")},
               jsonb_build_object('id', 're_s' || ${pad("i")}, 'object', 'refund'), now()
          FROM (SELECT 10 * (j - 1) + 1 AS i FROM generate_series(${from}::bigint, ${to}::bigint) AS j) AS r`,
    },
    {
      table: "disputes",
      first: 1,
      total: counts.disputes,
      // Dispute j is on payment 100·(j−1)+3, opened five days after it; deadlines 21 days later.
      sql: (from, to) => `INSERT INTO disputes (id, livemode, created, status, reason, amount, currency, charge_id, payment_intent_id, due_by,
          past_due, has_evidence, evidence_submission_count, is_charge_refundable, funds_withdrawn_at, funds_reinstated_at, data, synced_at)
        SELECT 'dp_s' || ${pad("i")}, false, d.opened,
               CASE WHEN d.opened + interval '21 days' > '${loadStartIso}'::timestamptz
                    THEN (ARRAY['needs_response','warning_needs_response','under_review','needs_response'])[(1 + i % 4)::int]
                    ELSE (ARRAY['won','lost','lost','won','warning_closed','under_review'])[(1 + (i / 100) % 6)::int] END,
               (ARRAY['fraudulent','product_not_received','duplicate','general','unrecognized','credit_not_processed'])[(1 + (i / 100) % 6)::int],
               ${amount("i")}, ${currency("i")}, 'ch_s' || ${pad("i")}, 'pi_s' || ${pad("i")},
               d.opened + interval '21 days', false, (i / 100) % 3 = 0, CASE WHEN (i / 100) % 3 = 0 THEN 1 ELSE 0 END, false,
               d.opened, NULL, jsonb_build_object('id', 'dp_s' || ${pad("i")}, 'object', 'dispute'), now()
          FROM (SELECT 100 * (j - 1) + 3 AS i FROM generate_series(${from}::bigint, ${to}::bigint) AS j) AS p
          CROSS JOIN LATERAL (SELECT LEAST(${created("i")} + interval '5 days', '${loadStartIso}'::timestamptz - interval '1 hour') AS opened) AS d`,
    },
    {
      table: "early_fraud_warnings",
      first: 1,
      total: Math.floor(counts.payments / 200),
      sql: (from, to) => `INSERT INTO early_fraud_warnings (id, livemode, created, actionable, fraud_type, charge_id, payment_intent_id, data, synced_at)
        SELECT 'issfr_s' || ${pad("i")}, false, ${created("i")} + interval '3 days', j % 4 <> 0, 'made_with_stolen_card',
               'ch_s' || ${pad("i")}, 'pi_s' || ${pad("i")}, jsonb_build_object('id', 'issfr_s' || ${pad("i")}, 'object', 'radar.early_fraud_warning'), now()
          FROM (SELECT 200 * (j - 1) + 5 AS i, j FROM generate_series(${from}::bigint, ${to}::bigint) AS j) AS p`,
    },
    {
      table: "balance_transactions",
      first: 0,
      total: counts.payments,
      // One per succeeded charge, paid out with its bucket's payout in its currency (the newest
      // buckets are not paid out yet).
      sql: (from, to) => `INSERT INTO balance_transactions (id, livemode, created, type, status, amount, fee, net, currency, available_on,
          reporting_category, description, source_id, payout_id, data, synced_at)
        SELECT 'txn_ch_s' || ${pad("i")}, false, ${created("i")}, 'charge', 'available', ${amount("i")}, ${fee("i")}, ${amount("i")} - ${fee("i")},
               ${currency("i")}, ${created("i")} + interval '2 days', 'charge', 'Order #' || i, 'ch_s' || ${pad("i")},
               CASE WHEN i / ${perBucket} < ${lastBucket} THEN ${payoutOf("i")} END,
               jsonb_build_object('id', 'txn_ch_s' || ${pad("i")}, 'object', 'balance_transaction'), now()
          FROM generate_series(${from}::bigint, ${to}::bigint) AS i WHERE i % 100 < 92`,
    },
    {
      table: "balance_transactions (refunds)",
      first: 1,
      total: counts.refunds,
      // Each refund's transaction (a failed refund's is given back by its failure: neither is loaded),
      // so the overview, built from transactions, counts what the refunds took.
      sql: (from, to) => `INSERT INTO balance_transactions (id, livemode, created, type, status, amount, fee, net, currency, available_on,
          reporting_category, description, source_id, data, synced_at)
        SELECT 'txn_re_s' || ${pad("i")}, false, r.at, 'refund', 'available', -${refundAmount("i")}, 0, -${refundAmount("i")},
               ${currency("i")}, r.at, 'refund', 'REFUND FOR CHARGE', 're_s' || ${pad("i")},
               jsonb_build_object('id', 'txn_re_s' || ${pad("i")}, 'object', 'balance_transaction'), now()
          FROM (SELECT 10 * (j - 1) + 1 AS i FROM generate_series(${from}::bigint, ${to}::bigint) AS j) AS p
          CROSS JOIN LATERAL (SELECT LEAST(${created("i")} + interval '2 days', '${loadStartIso}'::timestamptz) AS at) AS r
         WHERE ${refundStatus("i")} <> 'failed'`,
    },
    {
      table: "balance_transactions (disputes)",
      first: 1,
      total: counts.disputes,
      // A chargeback withdraws its amount and the dispute fee when opened and gives the amount back
      // when won; an inquiry moves nothing. Same statuses as the disputes statement above.
      sql: (from, to) => `INSERT INTO balance_transactions (id, livemode, created, type, status, amount, fee, net, currency, available_on,
          reporting_category, description, source_id, data, synced_at)
        SELECT 'txn_dp' || m.kind || '_s' || ${pad("i")}, false, m.at, 'adjustment', 'available', m.amount, m.fee, m.amount - m.fee,
               ${currency("i")}, m.at, m.category, 'Chargeback', 'dp_s' || ${pad("i")},
               jsonb_build_object('id', 'txn_dp' || m.kind || '_s' || ${pad("i")}, 'object', 'balance_transaction'), now()
          FROM (SELECT 100 * (j - 1) + 3 AS i FROM generate_series(${from}::bigint, ${to}::bigint) AS j) AS p
          CROSS JOIN LATERAL (SELECT LEAST(${created("i")} + interval '5 days', '${loadStartIso}'::timestamptz - interval '1 hour') AS opened) AS d
          CROSS JOIN LATERAL (SELECT CASE WHEN d.opened + interval '21 days' > '${loadStartIso}'::timestamptz
                    THEN (ARRAY['needs_response','warning_needs_response','under_review','needs_response'])[(1 + i % 4)::int]
                    ELSE (ARRAY['won','lost','lost','won','warning_closed','under_review'])[(1 + (i / 100) % 6)::int] END AS status) AS s
          CROSS JOIN LATERAL (VALUES
               ('w', d.opened, -${amount("i")}, CASE WHEN ${currency("i")} = 'jpy' THEN 2000 ELSE 1500 END, 'dispute', true),
               ('r', LEAST(d.opened + interval '21 days', '${loadStartIso}'::timestamptz), ${amount("i")}, 0, 'dispute_reversal', s.status = 'won')
             ) AS m (kind, at, amount, fee, category, applies)
         WHERE s.status NOT LIKE 'warning_%' AND m.applies`,
    },
    {
      table: "payouts",
      first: 0,
      total: counts.payouts,
      // Amount = what its transactions net to, so every loaded payout reconciles.
      sql: (from, to) => `INSERT INTO payouts (id, livemode, created, status, amount, currency, arrival_date, method, type, automatic,
          balance_transaction_id, failure_code, failure_message, balance_transactions_linked_at, data, synced_at)
        SELECT 'po_s' || ${pad("k")}, false, b.at, b.status,
               COALESCE((SELECT sum(net) FROM balance_transactions WHERE payout_id = 'po_s' || ${pad("k")}), 0)::bigint,
               (ARRAY['usd','eur','jpy'])[(1 + k % 3)::int], b.at + interval '2 days', 'standard', 'bank_account', true,
               'txn_po_s' || ${pad("k")},
               CASE WHEN b.status = 'failed' THEN 'account_closed' END,
               CASE WHEN b.status = 'failed' THEN 'The bank account has been closed.' END,
               CASE WHEN b.status = 'paid' THEN b.at + interval '2 days' END,
               jsonb_build_object('id', 'po_s' || ${pad("k")}, 'object', 'payout'), now()
          FROM generate_series(${from}::bigint, ${to}::bigint) AS k
          CROSS JOIN LATERAL (SELECT ${created(`LEAST(((k / 3) + 1) * ${perBucket}, ${counts.payments})`)} AS at) AS t
          CROSS JOIN LATERAL (SELECT t.at,
               CASE WHEN k / 3 >= ${lastBucket} THEN 'pending' WHEN k / 3 = ${lastBucket - 1} THEN 'in_transit'
                    WHEN k % 997 = 0 THEN 'failed' ELSE 'paid' END AS status) AS b`,
    },
    {
      table: "stripe_events",
      first: 0,
      total: counts.payments,
      // One event per payment, as the webhook route would have recorded it: received a second after
      // Stripe made it, processed at once. A merchant this size gets a few thousand a day.
      sql: (from, to) => `INSERT INTO stripe_events (id, type, created, livemode, object_id, object_type, payload, received_at, processed_at, status, attempts, source)
        SELECT 'evt_sp' || ${pad("i")}, e.type, ${created("i")}, false, 'pi_s' || ${pad("i")}, 'payment_intent',
               jsonb_build_object('id', 'evt_sp' || ${pad("i")}, 'object', 'event', 'type', e.type,
                                  'data', jsonb_build_object('object', jsonb_build_object('id', 'pi_s' || ${pad("i")}, 'object', 'payment_intent'))),
               ${created("i")} + interval '1 second', ${created("i")} + interval '1 second', 'processed', 1, 'webhook'
          FROM generate_series(${from}::bigint, ${to}::bigint) AS i
          CROSS JOIN LATERAL (SELECT CASE WHEN i % 100 < 92 THEN 'payment_intent.succeeded' WHEN i % 100 < 97 THEN 'payment_intent.payment_failed'
                                          WHEN i % 100 < 99 THEN 'payment_intent.requires_action' ELSE 'payment_intent.canceled' END AS type) AS e`,
    },
    {
      table: "stripe_event_objects",
      first: 0,
      total: counts.payments,
      // Each payment's event on its charge's timeline (its payment's is its own object_id).
      sql: (from, to) => `INSERT INTO stripe_event_objects (event_id, object_id, object_type)
        SELECT 'evt_sp' || ${pad("i")}, 'ch_s' || ${pad("i")}, 'charge'
          FROM generate_series(${from}::bigint, ${to}::bigint) AS i
         WHERE i % 100 < 97`,
    },
    {
      table: "stripe_events (refunds)",
      first: 1,
      total: counts.refunds,
      // charge.refunded for refund j, on the refund's and the payment's timelines (the charge's is its own object_id).
      sql: (from, to) => `WITH r AS (SELECT j, 10 * (j - 1) + 1 AS i FROM generate_series(${from}::bigint, ${to}::bigint) AS j),
        e AS (INSERT INTO stripe_events (id, type, created, livemode, object_id, object_type, payload, received_at, processed_at, status, attempts, source)
          SELECT 'evt_sr' || ${pad("i")}, 'charge.refunded', LEAST(${created("i")} + interval '2 days', '${loadStartIso}'::timestamptz), false,
                 'ch_s' || ${pad("i")}, 'charge',
                 jsonb_build_object('id', 'evt_sr' || ${pad("i")}, 'object', 'event', 'type', 'charge.refunded',
                                    'data', jsonb_build_object('object', jsonb_build_object('id', 'ch_s' || ${pad("i")}, 'object', 'charge'))),
                 LEAST(${created("i")} + interval '2 days', '${loadStartIso}'::timestamptz) + interval '1 second',
                 LEAST(${created("i")} + interval '2 days', '${loadStartIso}'::timestamptz) + interval '1 second', 'processed', 1, 'webhook'
            FROM r RETURNING id, created)
        INSERT INTO stripe_event_objects (event_id, object_id, object_type)
        SELECT e.id, o.id, o.type FROM e
          CROSS JOIN LATERAL (SELECT substr(e.id, 7) AS n) AS k
          CROSS JOIN LATERAL (VALUES ('re_s' || k.n, 'refund'), ('pi_s' || k.n, 'payment_intent')) AS o(id, type)`,
    },
  ];
}
