-- Nearly every event is stored as processed, and each one entered both indexes below. The event
-- log's "processed" filter walks (created, id) and keeps the processed rows it meets (they are
-- nearly all of them), so the status index only needs the rare other statuses; the event log states
-- `status <> 'processed'` next to its parameter, so even a generic plan can read this index.
-- DropIndex
DROP INDEX "stripe_events_status_created_id_idx";

-- CreateIndex
CREATE INDEX "stripe_events_status_created_id_idx" ON "stripe_events"("status", "created" DESC, "id" DESC) WHERE "status" <> 'processed';

-- Dispute analytics' escalated inquiries look an object up among charge.dispute.created events only;
-- an object's other events are found through stripe_event_objects.
-- DropIndex
DROP INDEX "stripe_events_object_id_idx";

-- CreateIndex
CREATE INDEX "stripe_events_object_id_idx" ON "stripe_events"("object_id") WHERE "type" = 'charge.dispute.created';
