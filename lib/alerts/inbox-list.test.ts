// The inbox through the one list machinery, on the real database, as lib/listing/lists.test.ts
// holds the other lists: both orders walked page by page, its filters and a date range in a zone far
// from UTC, its bounded count, refusals by name — and, on every reading, only the reader's own alerts.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { dayIn } from "@/lib/listing/days";
import { decodeCursor, encodeCursor, type Cursor } from "@/lib/listing/keyset";
import type { ListContext } from "@/lib/listing/list-query";
import { readFilters } from "@/lib/listing/search-params";
import { useTestDatabase } from "@/tests/support/db";
import { countOwnAlerts, inboxFilterSchema, listOwnAlerts, type InboxFilter } from "./inbox";
import type { AlertFacts, AlertRuleId } from "./rules";

const database = useTestDatabase();
const ZONE = "Asia/Tokyo";
const VIEWER = { locale: "en-US", timeZone: ZONE };
const CONTEXT: ListContext = VIEWER;
const T0 = Date.parse("2026-11-20T12:00:00Z");
const N = 30;

const RULES = ["dispute.opened", "payout.failed", "refund.failed"] as const satisfies readonly AlertRuleId[];
const FACTS: Record<(typeof RULES)[number], AlertFacts> = {
  "dispute.opened": { disputeId: "du_1", amount: 1000, currency: "usd", reason: "fraudulent", status: "needs_response", dueBy: null },
  "payout.failed": { payoutId: "po_1", amount: 500, currency: "eur", failureCode: "no_account", failureMessage: null },
  "refund.failed": { refundId: "re_1", amount: 300, currency: "usd", failureReason: "expired_or_canceled_card" },
};

interface Seed {
  i: number;
  created: Date;
  rule: (typeof RULES)[number];
  read: boolean;
}

// Pairs share an instant, so both orders need their id tie-break.
const SEEDS: Seed[] = Array.from({ length: N }, (_, i) => ({
  i,
  created: new Date(T0 - Math.floor(i / 2) * 5 * 3_600_000),
  rule: RULES[i % 3]!,
  read: i % 4 === 0,
}));
const pad = (i: number) => String(i).padStart(2, "0");
const ownId = (i: number) => `00000000-0000-4000-8000-0000000000${pad(i)}`;
const othersId = (i: number) => `00000000-0000-4000-8000-0000000001${pad(i)}`;

let ownerId = "";
let otherId = "";

function alertRow(s: Seed, recipientId: string, id: string, rule: string = s.rule) {
  return {
    id, recipientId, rule, sourceKey: `test:${id}`, objectType: "test", objectId: `obj_${s.i}`,
    facts: FACTS[s.rule], createdAt: s.created, readAt: s.read ? s.created : null,
  };
}

const parse = (raw: Record<string, string>): InboxFilter => inboxFilterSchema.parse(raw);

function expectedOrder(seeds: Seed[], oldestFirst = false): string[] {
  const sign = oldestFirst ? 1 : -1;
  return [...seeds]
    .sort((a, b) => (a.created.getTime() !== b.created.getTime() ? (a.created.getTime() - b.created.getTime()) * sign : (ownId(a.i) < ownId(b.i) ? -1 : 1) * sign))
    .map((s) => ownId(s.i));
}

async function everyPage(filters: InboxFilter, limit: number, reader = ownerId): Promise<string[]> {
  const ids: string[] = [];
  let cursor: Cursor | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listOwnAlerts(reader, filters, VIEWER, { cursor, limit });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    // Through the URL, as the page does it.
    cursor = decodeCursor(encodeCursor(page.next));
  }
  throw new Error("pagination did not end");
}

// Two Tokyo days in the middle of the seeds; the alerts of 15:00 UTC fall on the next Tokyo day.
const FROM = dayIn(new Date(T0 - 40 * 3_600_000), ZONE);
const TO = dayIn(new Date(T0 - 20 * 3_600_000), ZONE);
const inRange = (s: Seed) => dayIn(s.created, ZONE) >= FROM && dayIn(s.created, ZONE) <= TO;

beforeAll(async () => {
  await database.truncateAll();
  const staff = (name: string) => db().staffUser.create({ data: { email: `${name}@inbox.test`, name, roles: ["analyst"], passwordHash: "unused" } });
  ownerId = (await staff("owner")).id;
  otherId = (await staff("other")).id;
  // Someone else's inbox holds alerts at the very same instants, of the same rules, ids interleaved.
  await db().alert.createMany({ data: SEEDS.flatMap((s) => [alertRow(s, ownerId, ownId(s.i)), alertRow(s, otherId, othersId(s.i))]) });
});

describe("the inbox list", () => {
  it("walks every one of one's own alerts once, newest or oldest first, ties broken by id, across pages", async () => {
    expect(await everyPage(parse({}), 7)).toEqual(expectedOrder(SEEDS));
    expect(await everyPage(parse({ sort: "oldest" }), 7)).toEqual(expectedOrder(SEEDS, true));
    // The other reader's walk holds only theirs.
    const theirs = await everyPage(parse({}), 7, otherId);
    expect(theirs).toHaveLength(N);
    expect(theirs.every((id) => id.startsWith("00000000-0000-4000-8000-0000000001"))).toBe(true);
  });

  it("filters by kind, unread and a date range in the viewer's zone, counted alike", async () => {
    const expected = SEEDS.filter((s) => s.rule === "payout.failed" && !s.read && inRange(s));
    expect(expected.length).toBeGreaterThan(1);
    const filters = { rule: "payout.failed", unread: "1", from: FROM, to: TO };
    expect(await everyPage(parse(filters), 1)).toEqual(expectedOrder(expected));
    expect(await everyPage(parse({ ...filters, sort: "oldest" }), 1)).toEqual(expectedOrder(expected, true));
    expect(await countOwnAlerts(ownerId, parse(filters), CONTEXT)).toEqual({ value: expected.length, more: false });
    const page = await listOwnAlerts(ownerId, parse(filters), VIEWER);
    expect(page.rows.every((a) => a.title === "Payout failed: €5.00" && !a.read && a.href === "/payouts/po_1")).toBe(true);
    // The same days read in UTC are other alerts.
    const utc = SEEDS.filter((s) => s.rule === "payout.failed" && !s.read && s.created.toISOString().slice(0, 10) >= FROM && s.created.toISOString().slice(0, 10) <= TO);
    expect(utc.map((s) => ownId(s.i)).sort()).not.toEqual(expected.map((s) => ownId(s.i)).sort());
  });

  it("counts one's own alerts exactly up to the bound and says 'more than' past it", async () => {
    expect(await countOwnAlerts(ownerId, parse({}), CONTEXT)).toEqual({ value: N, more: false });
    expect(await countOwnAlerts(ownerId, parse({}), CONTEXT, N)).toEqual({ value: N, more: false });
    expect(await countOwnAlerts(ownerId, parse({}), CONTEXT, 10)).toEqual({ value: 10, more: true });
    expect(await countOwnAlerts(ownerId, parse({ unread: "1" }), CONTEXT)).toEqual({ value: SEEDS.filter((s) => !s.read).length, more: false });
    expect(await countOwnAlerts(ownerId, parse({ from: "2000-01-01", to: "2000-01-02" }), CONTEXT)).toEqual({ value: 0, more: false });
  });

  it("leaves out, from page and count alike, an alert whose rule no longer exists", async () => {
    const gone = { ...SEEDS[0]!, i: 99 };
    await db().alert.create({ data: alertRow(gone, ownerId, ownId(99), "rule.since.removed") });
    try {
      expect(await countOwnAlerts(ownerId, parse({}), CONTEXT)).toEqual({ value: N, more: false });
      expect(await everyPage(parse({}), 7)).toEqual(expectedOrder(SEEDS));
    } finally {
      await db().alert.delete({ where: { id: ownId(99) } });
    }
  });

  it("refuses, by name, a kind, a tick or a range it cannot read, and restarts on a cursor that is not an alert's", async () => {
    const refused = (raw: Record<string, string>) => {
      const reading = readFilters(inboxFilterSchema, raw);
      return reading.ok ? [] : reading.fields;
    };
    expect(refused({ rule: "dispute.nope" })).toEqual(["rule"]);
    expect(refused({ unread: "yes" })).toEqual(["unread"]);
    expect(refused({ from: "2026-11-20", to: "2026-11-19" })).toEqual(["to"]);
    expect(refused({ from: "2026-02-30" })).toEqual(["from"]);
    expect(refused({ sort: "largest" })).toEqual(["sort"]);
    const stray = decodeCursor(encodeCursor({ created: new Date(T0), id: "pi_not_an_alert" }));
    const page = await listOwnAlerts(ownerId, parse({}), VIEWER, { cursor: stray, limit: 3 });
    expect(page.rows.map((r) => r.id)).toEqual(expectedOrder(SEEDS).slice(0, 3));
  });
});
