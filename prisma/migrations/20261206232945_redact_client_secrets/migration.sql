-- Client secrets, with the publishable key, let whoever reads them confirm a PaymentIntent or
-- SetupIntent as the customer. The app stores none from now on (lib/webhooks/redact.ts); this
-- removes those already stored in the event log and the mirrors. A secret is replaced by the same
-- marker wherever it appears, and next_action keeps only its type, as the app now stores them.

UPDATE "stripe_events"
   SET "payload" = regexp_replace("payload"::text, '[A-Za-z0-9]+_[A-Za-z0-9]+_secret_[A-Za-z0-9]+', '[redacted]', 'g')::jsonb
 WHERE "payload"::text LIKE '%\_secret\_%';

UPDATE "stripe_events"
   SET "payload" = jsonb_set("payload", '{data,object,next_action}',
                             jsonb_build_object('type', "payload" #> '{data,object,next_action,type}', 'redacted', true))
 WHERE jsonb_typeof("payload" #> '{data,object,next_action}') = 'object';

UPDATE "stripe_events"
   SET "payload" = jsonb_set("payload", '{data,previous_attributes,next_action}',
                             jsonb_build_object('type', "payload" #> '{data,previous_attributes,next_action,type}', 'redacted', true))
 WHERE jsonb_typeof("payload" #> '{data,previous_attributes,next_action}') = 'object';

UPDATE "payment_intents"
   SET "data" = regexp_replace("data"::text, '[A-Za-z0-9]+_[A-Za-z0-9]+_secret_[A-Za-z0-9]+', '[redacted]', 'g')::jsonb
 WHERE "data"::text LIKE '%\_secret\_%';

UPDATE "payment_intents"
   SET "data" = jsonb_set("data", '{next_action}', jsonb_build_object('type', "data" #> '{next_action,type}', 'redacted', true))
 WHERE jsonb_typeof("data" -> 'next_action') = 'object';

UPDATE "setup_intents"
   SET "data" = regexp_replace("data"::text, '[A-Za-z0-9]+_[A-Za-z0-9]+_secret_[A-Za-z0-9]+', '[redacted]', 'g')::jsonb
 WHERE "data"::text LIKE '%\_secret\_%';

UPDATE "setup_intents"
   SET "data" = jsonb_set("data", '{next_action}', jsonb_build_object('type', "data" #> '{next_action,type}', 'redacted', true))
 WHERE jsonb_typeof("data" -> 'next_action') = 'object';

-- Stripe nests intents in other objects too (a charge's or refund's expanded payment_intent, an
-- error's setup_intent): their secrets go the same way.
UPDATE "charges" SET "data" = regexp_replace("data"::text, '[A-Za-z0-9]+_[A-Za-z0-9]+_secret_[A-Za-z0-9]+', '[redacted]', 'g')::jsonb
 WHERE "data"::text LIKE '%\_secret\_%';
UPDATE "refunds" SET "data" = regexp_replace("data"::text, '[A-Za-z0-9]+_[A-Za-z0-9]+_secret_[A-Za-z0-9]+', '[redacted]', 'g')::jsonb
 WHERE "data"::text LIKE '%\_secret\_%';
UPDATE "disputes" SET "data" = regexp_replace("data"::text, '[A-Za-z0-9]+_[A-Za-z0-9]+_secret_[A-Za-z0-9]+', '[redacted]', 'g')::jsonb
 WHERE "data"::text LIKE '%\_secret\_%';
UPDATE "customers" SET "data" = regexp_replace("data"::text, '[A-Za-z0-9]+_[A-Za-z0-9]+_secret_[A-Za-z0-9]+', '[redacted]', 'g')::jsonb
 WHERE "data"::text LIKE '%\_secret\_%';
UPDATE "payment_methods" SET "data" = regexp_replace("data"::text, '[A-Za-z0-9]+_[A-Za-z0-9]+_secret_[A-Za-z0-9]+', '[redacted]', 'g')::jsonb
 WHERE "data"::text LIKE '%\_secret\_%';
