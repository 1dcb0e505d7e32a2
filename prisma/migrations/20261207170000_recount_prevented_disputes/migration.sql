-- A payment whose dispute Stripe prevented was counted as disputed until the payment summary left
-- prevented disputes out (lib/webhooks/projectors/summaries.ts, PAYMENT_SUMMARY.disputed); such a
-- payment kept its red badge until its next event. Recount those payments by the same rule.
UPDATE payment_intents p
   SET disputed = (
         EXISTS (SELECT 1 FROM disputes WHERE payment_intent_id = p.id AND status <> 'prevented')
         OR EXISTS (SELECT 1 FROM charges c WHERE c.payment_intent_id = p.id AND c.disputed AND (
              NOT EXISTS (SELECT 1 FROM disputes d WHERE d.charge_id = c.id)
              OR EXISTS (SELECT 1 FROM disputes d WHERE d.charge_id = c.id AND d.status <> 'prevented'))))
 WHERE p.disputed
   AND EXISTS (SELECT 1 FROM disputes d
                WHERE d.status = 'prevented'
                  AND (d.payment_intent_id = p.id OR d.charge_id IN (SELECT id FROM charges WHERE payment_intent_id = p.id)));
