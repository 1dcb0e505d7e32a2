-- An event's timeline links are written only in the statement that inserts the event, and only for
-- an event it did insert (record.ts, group-commit/event-log.ts), and every reader joins them to
-- stripe_events: the foreign key proved nothing those statements do not, and cost a key-share lock
-- on the event row and a look-up for every link (three per event). Events are never deleted. The
-- copy of the event's time has no reader since the object index stopped carrying it.
-- DropForeignKey
ALTER TABLE "stripe_event_objects" DROP CONSTRAINT "stripe_event_objects_event_id_fkey";

-- AlterTable
ALTER TABLE "stripe_event_objects" DROP COLUMN "created";
