import { afterEach, describe, expect, it, vi } from "vitest";
import { listStaffActions } from "@/lib/audit/queries";
import { endStaffSessions } from "@/lib/auth/staff-admin";
import { db } from "@/lib/db";
import { replayEvent } from "@/lib/webhooks/operations";
import { recordStripeEvent } from "@/lib/webhooks/record";
import { T0, exampleObject, stripeEvent } from "@/tests/support/webhooks/events";
import { useTestDatabase } from "@/tests/support/db";

/**
 * Audit rows are read by every member of staff on the audit page: what failed is said in words,
 * and the database's or a library's own text (table names, paths, SQL) stays in the server log.
 */

useTestDatabase();

const RAW = "internal detail: relation pg_catalog at /srv/pgdata";

/** A real database failure, raised by the server for writes to `table`. */
async function failWritesTo(table: string): Promise<void> {
  await db().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION audit_errors_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION '${RAW}'; END $$ LANGUAGE plpgsql`);
  await db().$executeRawUnsafe(`CREATE TRIGGER audit_errors_fail BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION audit_errors_fail()`);
}

let failing: string | null = null;
afterEach(async () => {
  if (failing) await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS audit_errors_fail ON ${failing}`);
  failing = null;
  vi.restoreAllMocks();
});

async function admin() {
  return db().staffUser.create({ data: { email: `admin-${Date.now()}-${Math.random()}@audit.test`, name: "Audit Admin", roles: ["administrator"], passwordHash: "unused" } });
}

async function shownFor(kind: string): Promise<string | null> {
  const { rows } = await listStaffActions({ kind });
  expect(rows).toHaveLength(1);
  expect(rows[0]!.status).toBe("failed");
  return rows[0]!.message;
}

describe("a failed action's audit row", () => {
  it("says a staff change failed in words, with the database's text only in the server log", async () => {
    const actor = await admin();
    const other = await admin();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    failing = "staff_users";
    await failWritesTo(failing);

    expect(await endStaffSessions(actor, { staffId: other.id })).toEqual({ ok: false, error: "The change could not be saved. Try again." });
    expect(await shownFor("staff.sessions.end")).toBe("The change could not be saved. Try again.");
    expect(JSON.stringify(await db().staffAction.findMany())).not.toContain(RAW);
    expect(JSON.stringify(logged.mock.calls)).toContain(RAW);
  });

  it("says an event operation failed in words, with the database's text only in the server log", async () => {
    const actor = await admin();
    const event = stripeEvent("customer.updated", T0, exampleObject("customer", { id: "cus_audit_errors", created: T0 }), "evt_audit_errors");
    expect(await recordStripeEvent(event, "webhook")).toMatchObject({ status: "processed" });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    failing = "customers";
    await failWritesTo(failing);

    // The projection fails: the event keeps its error for its page; the audit row only says so.
    const said = "Event evt_audit_errors failed again when processed; its page under Events shows why.";
    expect(await replayEvent(actor, { eventId: "evt_audit_errors" })).toEqual({ ok: false, error: said });
    expect(await shownFor("event.replay")).toBe(said);
    expect(JSON.stringify(await db().staffAction.findMany())).not.toContain(RAW);

    // The database refusing the audit's neighbour, the event log itself: no text of its own either.
    failing = null;
    await db().$executeRawUnsafe(`DROP TRIGGER audit_errors_fail ON customers`);
    failing = "stripe_events";
    await failWritesTo(failing);
    const generic = "The operation failed. The server log has the details.";
    expect(await replayEvent(actor, { eventId: "evt_audit_errors" })).toEqual({ ok: false, error: generic });
    const { rows } = await listStaffActions({ kind: "event.replay" });
    expect(rows.map((r) => r.message)).toEqual([generic, said]);
    expect(JSON.stringify(await db().staffAction.findMany())).not.toContain(RAW);
    expect(JSON.stringify(logged.mock.calls)).toContain(RAW);
  });
});
