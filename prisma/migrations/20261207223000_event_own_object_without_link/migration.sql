-- An event's row names its own object (object_id): a timeline link to that object repeated it, and
-- was a third of all links, each with an entry in both of the links' indexes. From now on an event
-- links only the other objects it touches (lib/webhooks/links.ts, linksToStore), and an object's own
-- events are found through a full index on stripe_events(object_id), which replaces the partial one
-- dispute analytics read (its charge.dispute.created events are a subset of what the full one holds).
DROP INDEX "stripe_events_object_id_idx";
CREATE INDEX "stripe_events_object_id_idx" ON "stripe_events"("object_id");

-- The links already stored to each event's own object.
DELETE FROM "stripe_event_objects" o USING "stripe_events" e
 WHERE o."event_id" = e."id" AND o."object_id" = e."object_id";
