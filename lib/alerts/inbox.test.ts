import { PERSONA_ROLES } from "@/tests/support/money-testbed";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { decodeCursor, encodeCursor } from "@/lib/listing/keyset";
import { listOwnAlerts, markAllOwnAlertsRead, markOwnAlertRead, unreadAlertCount } from "./inbox";
import { raiseAlerts } from "./raise";
import type { AlertFacts } from "./rules";

const database = useTestDatabase();
const VIEWER = { locale: "en-US", timeZone: "UTC" };

async function addStaff(name: string, persona: keyof typeof PERSONA_ROLES) {
  return db().staffUser.create({ data: { email: `${name}@shop.test`, name, roles: [...PERSONA_ROLES[persona]], passwordHash: "unused" } });
}

async function raise(rule: "dispute.opened" | "payout.failed", n: number) {
  const facts: AlertFacts = rule === "dispute.opened"
    ? { disputeId: `du_${n}`, amount: 1000 * n, currency: "usd", reason: "fraudulent", status: "needs_response", dueBy: "2026-12-10T15:00:00.000Z" }
    : { payoutId: `po_${n}`, amount: 500, currency: "eur", failureCode: "no_account", failureMessage: null };
  await db().$transaction((tx) => raiseAlerts(tx, [{ rule, sourceKey: `event:evt_${rule}_${n}`, objectType: rule.split(".")[0]!, objectId: `obj_${n}`, facts }]));
}

async function readStates() {
  return (await db().alert.findMany({ orderBy: [{ rule: "asc" }, { objectId: "asc" }], include: { recipient: true } })).map((a) => `${a.recipient.name}:${a.rule}:${a.objectId}:${a.readAt ? "read" : "unread"}`);
}

describe("the inbox", () => {
  beforeEach(async () => {
    await database.truncateAll();
    await addStaff("ada", "admin");
    await addStaff("aldo", "agent");
    await raise("dispute.opened", 1);
    await raise("dispute.opened", 2);
    await raise("payout.failed", 3);
  });

  it("lists one's own alerts in words, newest first, filtered by rule, with links to the object", async () => {
    const ada = await db().staffUser.findFirstOrThrow({ where: { name: "ada" } });
    const { rows: all, next } = await listOwnAlerts(ada.id, {}, VIEWER);
    expect(next).toBeNull();
    expect(all.map((a) => a.title)).toEqual(expect.arrayContaining(["New dispute: $10.00 (Fraudulent)", "New dispute: $20.00 (Fraudulent)", "Payout failed: €5.00"]));
    expect(all).toHaveLength(3);
    const { rows: disputes } = await listOwnAlerts(ada.id, { rule: "dispute.opened" }, VIEWER);
    expect(disputes.map((a) => a.href).sort()).toEqual(["/disputes/du_1", "/disputes/du_2"]);
    expect(disputes[0]!.lines).toContain("Evidence due by: Dec 10, 2026, 3:00 PM UTC");
    expect(await unreadAlertCount(ada.id)).toBe(3);
  });

  it("pages through one's alerts by keyset, newest first, each alert once, through the URL's cursor, ties of one instant included", async () => {
    const ada = await db().staffUser.findFirstOrThrow({ where: { name: "ada" } });
    // Seven more, four of them raised at the same instant: the id orders them.
    const at = new Date("2026-12-07T09:00:00Z");
    for (const n of [4, 5, 6, 7, 8, 9, 10]) {
      const when = n <= 7 ? at : new Date(at.getTime() + n * 1000);
      await db().$transaction((tx) => raiseAlerts(tx, [{ rule: "payout.failed", sourceKey: `event:evt_p${n}`, objectType: "payout", objectId: `obj_${n}`, facts: { payoutId: `po_${n}`, amount: 500, currency: "eur" } }], when));
    }
    const seen: string[] = [];
    let cursor = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listOwnAlerts>> = await listOwnAlerts(ada.id, {}, VIEWER, { cursor, limit: 3 });
      seen.push(...page.rows.map((a) => a.id));
      // The cursor goes out in a link and comes back from the URL.
      cursor = page.next ? decodeCursor(encodeCursor(page.next)) : null;
      if (page.next) expect(cursor).toEqual(page.next);
      pages++;
    } while (cursor);
    const all = await db().alert.findMany({ where: { recipientId: ada.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(pages).toBe(4);
    expect(seen).toEqual(all.map((a) => a.id));
    // A filter holds across pages.
    const first = await listOwnAlerts(ada.id, { rule: "dispute.opened" }, VIEWER, { limit: 1 });
    const second = await listOwnAlerts(ada.id, { rule: "dispute.opened" }, VIEWER, { cursor: first.next, limit: 1 });
    expect([...first.rows, ...second.rows].map((a) => a.href).sort()).toEqual(["/disputes/du_1", "/disputes/du_2"]);
    expect(second.next).toBeNull();
  });

  it("marks one's own alert read, and refuses another person's alert or a malformed id without changing anything", async () => {
    const ada = await db().staffUser.findFirstOrThrow({ where: { name: "ada" } });
    const aldo = await db().staffUser.findFirstOrThrow({ where: { name: "aldo" } });
    const adasAlert = await db().alert.findFirstOrThrow({ where: { recipientId: ada.id, objectId: "obj_1" } });
    const before = await readStates();

    expect(await markOwnAlertRead(aldo.id, { alertId: adasAlert.id })).toEqual({ ok: false, error: "No such alert in your inbox." });
    expect(await markOwnAlertRead(aldo.id, { alertId: "not-an-id" })).toEqual({ ok: false, error: "That is not an alert id. Reload the page and try again." });
    expect(await markOwnAlertRead(aldo.id, {})).toMatchObject({ ok: false });
    expect(await readStates()).toEqual(before);

    expect(await markOwnAlertRead(ada.id, { alertId: adasAlert.id })).toMatchObject({ ok: true, changed: 1 });
    expect(await markOwnAlertRead(ada.id, { alertId: adasAlert.id })).toMatchObject({ ok: true, changed: 0 });
    expect(await unreadAlertCount(ada.id)).toBe(2);
    expect(await unreadAlertCount(aldo.id)).toBe(3);
  });

  it("marks all of one's alerts read, or those of one rule, and nobody else's", async () => {
    const ada = await db().staffUser.findFirstOrThrow({ where: { name: "ada" } });
    const aldo = await db().staffUser.findFirstOrThrow({ where: { name: "aldo" } });
    const before = await readStates();
    expect(await markAllOwnAlertsRead(ada.id, { filters: { rule: "no.such.rule" } }, VIEWER)).toEqual({ ok: false, error: "Unknown kind of alert “no.such.rule”: choose one from the list." });
    expect(await markAllOwnAlertsRead(ada.id, { filters: "rule=payout.failed" }, VIEWER)).toMatchObject({ ok: false });
    expect(await readStates()).toEqual(before);
    expect(await markAllOwnAlertsRead(ada.id, { filters: { rule: "payout.failed", sort: "oldest" } }, VIEWER)).toMatchObject({ ok: true, changed: 1 });
    expect(await unreadAlertCount(ada.id)).toBe(2);
    expect(await markAllOwnAlertsRead(ada.id, {}, VIEWER)).toMatchObject({ ok: true, changed: 2, message: "2 alerts marked as read." });
    expect(await unreadAlertCount(ada.id)).toBe(0);
    expect(await unreadAlertCount(aldo.id)).toBe(3);
  });

  it("marks read only the alerts of the date range the reader sees, read in the reader's time zone", async () => {
    const ada = await db().staffUser.findFirstOrThrow({ where: { name: "ada" } });
    await db().alert.deleteMany();
    // 23:30 on 5 December in UTC is already 6 December in Berlin.
    for (const [n, at] of [[4, "2026-12-05T12:00:00Z"], [5, "2026-12-05T23:30:00Z"], [6, "2026-12-06T12:00:00Z"]] as const) {
      await db().$transaction((tx) => raiseAlerts(tx, [{ rule: "payout.failed", sourceKey: `event:evt_p${n}`, objectType: "payout", objectId: `obj_${n}`, facts: { payoutId: `po_${n}`, amount: 500, currency: "eur" } }], new Date(at)));
    }
    const berlin = { locale: "de-DE", timeZone: "Europe/Berlin" };
    const unreadOf = async () => (await listOwnAlerts(ada.id, { unread: "1" }, VIEWER)).rows.map((a) => a.href).sort();
    expect(await markAllOwnAlertsRead(ada.id, { filters: { from: "2026-12-06", to: "2026-12-06" } }, berlin)).toMatchObject({ ok: true, changed: 2 });
    expect(await unreadOf()).toEqual(["/payouts/po_4"]);
    expect(await markAllOwnAlertsRead(ada.id, { filters: { from: "2026-12-07", to: "2026-12-06" } }, berlin)).toMatchObject({ ok: false });
    expect(await unreadOf()).toEqual(["/payouts/po_4"]);
  });
});
