// Every list through the one list machinery, on the real database: its filter and a date range in
// a zone far from UTC, each sort it offers walked page by page, its count (exact and capped), and
// its CSV export, which must hold exactly the rows the list shows, with formula cells defused.
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { db } from "@/lib/db";
import { auditExport } from "@/lib/audit/csv";
import { auditFilterSchema, countStaffActions, listStaffActions } from "@/lib/audit/queries";
import { customersExport } from "@/lib/customers/csv";
import { countCustomers, customerFiltersSchema, listCustomers } from "@/lib/customers/list";
import { payoutsExport } from "@/lib/payouts/csv";
import { countPayouts, listPayouts, payoutFiltersSchema } from "@/lib/payouts/queries";
import { disputesExport } from "@/lib/queries/disputes-csv";
import { countDisputes, disputeFiltersSchema, listDisputes } from "@/lib/queries/disputes";
import { insertPayments } from "@/lib/queries/fixtures.test-support";
import { paymentsExport } from "@/lib/queries/payments-csv";
import { countPayments, listPayments, paymentFiltersSchema } from "@/lib/queries/payments";
import { refundsExport } from "@/lib/queries/refunds-csv";
import { countRefunds, listRefunds, refundFiltersSchema } from "@/lib/queries/refunds";
import { eventsExport } from "@/lib/webhooks/event-csv";
import { countEvents, eventFiltersSchema, listEvents } from "@/lib/webhooks/event-log";
import { useTestDatabase } from "@/tests/support/db";
import type { ListCount } from "./count";
import { dayIn } from "./days";
import { exportCsv, type ListExport } from "./export";
import { decodeCursor, encodeCursor, type Cursor, type Page } from "./keyset";
import type { ListContext } from "./list-query";
import { AMOUNT_SORTS, DATE_SORTS, type ListSort } from "./sort";

const database = useTestDatabase();
const ZONE = "Asia/Tokyo";
const T0 = Date.parse("2026-11-20T12:00:00Z");
const N = 30;

interface Seed {
  i: number;
  created: Date;
  amount: bigint;
  /** Which of three values the list's filtered attribute takes; the filters below pick 1. */
  variant: 0 | 1 | 2;
  /** A cell a spreadsheet would run, on the first rows. */
  formula: string | null;
}

const FORMULAS = ["=1+2", "+1", "-1", "@SUM(1)", "\t=1", "\r=1"];
/** How each comes out of the CSV: one apostrophe in front, quoted where the cell holds a CR. */
const DEFUSED = ["'=1+2", "'+1", "'-1", "'@SUM(1)", "'\t=1", "\"'\r=1\""];

// Pairs share a timestamp and amounts repeat, so every order needs its id tie-break.
const SEEDS: Seed[] = Array.from({ length: N }, (_, i) => ({
  i,
  created: new Date(T0 - Math.floor(i / 2) * 5 * 3_600_000),
  amount: BigInt((((i * 7) % 5) + 1) * 100),
  variant: (i % 3) as 0 | 1 | 2,
  formula: FORMULAS[i] ?? null,
}));
const pad = (i: number) => String(i).padStart(2, "0");
const pick = <T,>(s: Seed, values: readonly [T, T, T]): T => values[s.variant];
const base = { livemode: false, data: {}, syncedAt: new Date() };

interface Case<F, R = never> {
  name: string;
  id: (i: number) => string;
  seed: () => Promise<void>;
  schema: z.ZodType<F>;
  list: (filters: F, options: ListContext & { cursor?: Cursor | null; limit?: number }) => Promise<Page<{ id: string }>>;
  count: (filters: F, context: ListContext, bound?: number) => Promise<ListCount>;
  spec: ListExport<F, R>;
  sorts: readonly ListSort[];
  /** The list's own filter, matching the seeds of variant 1. */
  filter: Record<string, string>;
}

let actorId = "";
const uuid = (i: number) => `00000000-0000-4000-8000-0000000000${pad(i)}`;

/** Each case checked against its own filter type, then held alike. */
const defineCase = <F, R>(c: Case<F, R>): Case<never> => c as unknown as Case<never>;

const CASES: Case<never>[] = [
  defineCase({
    name: "payments",
    id: (i) => `pi_${pad(i)}`,
    async seed() {
      await insertPayments(SEEDS.map((s) => ({ id: `pi_${pad(s.i)}`, created: s.created, amount: s.amount, currency: pick(s, ["usd", "eur", "jpy"]) })));
      for (const s of SEEDS) if (s.formula) await db().paymentIntent.update({ where: { id: `pi_${pad(s.i)}` }, data: { description: s.formula } });
    },
    schema: paymentFiltersSchema,
    list: listPayments,
    count: countPayments,
    spec: paymentsExport,
    sorts: AMOUNT_SORTS,
    filter: { currency: "EUR" },
  }),
  defineCase({
    name: "refunds",
    id: (i) => `re_${pad(i)}`,
    seed: async () => {
      await db().refund.createMany({
        data: SEEDS.map((s) => ({ ...base, id: `re_${pad(s.i)}`, created: s.created, amount: s.amount, currency: "usd", status: pick(s, ["pending", "succeeded", "failed"]), reason: "duplicate", arn: s.formula })),
      });
    },
    schema: refundFiltersSchema,
    list: listRefunds,
    count: countRefunds,
    spec: refundsExport,
    sorts: AMOUNT_SORTS,
    filter: { status: "succeeded", reason: "duplicate" },
  }),
  defineCase({
    name: "disputes",
    id: (i) => `dp_${pad(i)}`,
    seed: async () => {
      await db().dispute.createMany({
        data: SEEDS.map((s) => ({ ...base, id: `dp_${pad(s.i)}`, created: s.created, amount: s.amount, currency: "usd", status: "needs_response", reason: pick(s, ["general", "fraudulent", "duplicate"]), chargeId: s.formula })),
      });
    },
    schema: disputeFiltersSchema,
    list: listDisputes,
    count: countDisputes,
    spec: disputesExport,
    sorts: AMOUNT_SORTS,
    filter: { reason: "fraudulent", currency: "usd" },
  }),
  defineCase({
    name: "payouts",
    id: (i) => `po_${pad(i)}`,
    seed: async () => {
      await db().payout.createMany({
        data: SEEDS.map((s) => ({ ...base, id: `po_${pad(s.i)}`, created: s.created, arrivalDate: s.created, amount: s.amount, currency: "usd", status: "paid", method: pick(s, ["standard", "instant", "standard"]), description: s.formula })),
      });
    },
    schema: payoutFiltersSchema,
    list: listPayouts,
    count: countPayouts,
    spec: payoutsExport,
    sorts: AMOUNT_SORTS,
    filter: { method: "instant", status: "paid" },
  }),
  defineCase({
    name: "events",
    id: (i) => `evt_${pad(i)}`,
    seed: async () => {
      await db().stripeEvent.createMany({
        data: SEEDS.map((s) => ({ id: `evt_${pad(s.i)}`, created: s.created, livemode: false, type: pick(s, ["charge.succeeded", "refund.created", "payout.paid"]), objectType: "charge", payload: {}, status: "processed", lastError: s.formula })),
      });
    },
    schema: eventFiltersSchema,
    list: listEvents,
    count: countEvents,
    spec: eventsExport,
    sorts: DATE_SORTS,
    filter: { type: "refund.*", status: "processed" },
  }),
  defineCase({
    name: "customers",
    id: (i) => `cus_${pad(i)}`,
    seed: async () => {
      await db().customer.createMany({
        data: SEEDS.map((s) => ({ ...base, id: `cus_${pad(s.i)}`, created: s.created, name: `${pick(s, ["Zed", "Ada", "Bea"])} ${s.i}`, phone: s.formula })),
      });
    },
    schema: customerFiltersSchema,
    list: listCustomers,
    count: countCustomers,
    spec: customersExport,
    sorts: DATE_SORTS,
    filter: { q: "ada" },
  }),
  defineCase({
    name: "audit",
    id: uuid,
    seed: async () => {
      await db().staffAction.createMany({
        data: SEEDS.map((s) => ({
          id: uuid(s.i), actorId, createdAt: s.created, kind: pick(s, ["refund.create", "payment.charge", "dispute.accept"]), objectId: s.formula, params: {},
          idempotencyKey: `list-test-${s.i}`, status: "succeeded", outcome: {},
        })),
      });
    },
    schema: auditFilterSchema,
    list: listStaffActions,
    count: countStaffActions,
    spec: auditExport,
    sorts: DATE_SORTS,
    filter: { kind: "payment.charge", status: "succeeded" },
  }),
];

const context: ListContext = { timeZone: ZONE, locale: "en-US" };
// Two Tokyo days in the middle of the seeds; the rows of 15:00 UTC fall on the next Tokyo day.
const FROM = dayIn(new Date(T0 - 40 * 3_600_000), ZONE);
const TO = dayIn(new Date(T0 - 20 * 3_600_000), ZONE);
const inRange = (s: Seed) => dayIn(s.created, ZONE) >= FROM && dayIn(s.created, ZONE) <= TO;

function expectedOrder(seeds: Seed[], sort: ListSort, id: (i: number) => string): string[] {
  const key = sort === "largest" || sort === "smallest" ? (s: Seed) => s.amount : (s: Seed) => BigInt(s.created.getTime());
  const sign = sort === "newest" || sort === "largest" ? -1 : 1;
  return [...seeds]
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
      return (id(a.i) < id(b.i) ? -1 : 1) * sign;
    })
    .map((s) => id(s.i));
}

async function everyPage<F>(c: Case<F>, filters: F, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: Cursor | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: Page<{ id: string }> = await c.list(filters, { ...context, cursor, limit });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    // Through the URL, as the page does it.
    cursor = decodeCursor(encodeCursor(page.next));
  }
  throw new Error("pagination did not end");
}

async function csvText<F>(c: Case<F>, filters: F): Promise<string> {
  let text = "";
  for await (const chunk of exportCsv(c.spec as ListExport<F, never>, filters, context)) text += chunk;
  return text;
}

beforeAll(async () => {
  await database.truncateAll();
  actorId = (await db().staffUser.create({ data: { email: "lists@test.example", name: "Lister", roles: ["analyst"], passwordHash: "unused" } })).id;
  for (const c of CASES) await c.seed();
});

describe.each(CASES.map((c) => [c.name, c] as const))("the %s list", (_name, c) => {
  const parse = (raw: Record<string, string>) => c.schema.parse(raw);

  it("walks every row once in each order it offers, ties broken by id, across pages", async () => {
    for (const sort of c.sorts) {
      expect(await everyPage(c, parse({ sort }), 7), sort).toEqual(expectedOrder(SEEDS, sort, c.id));
    }
    if (c.sorts === DATE_SORTS) expect(c.schema.safeParse({ sort: "largest" }).success).toBe(false);
  });

  it("filters by its own filter and a date range in the viewer's zone, in any order", async () => {
    const expected = SEEDS.filter((s) => s.variant === 1 && inRange(s));
    expect(expected.length).toBeGreaterThan(1);
    for (const sort of c.sorts) {
      expect(await everyPage(c, parse({ ...c.filter, from: FROM, to: TO, sort }), 2), sort).toEqual(expectedOrder(expected, sort, c.id));
    }
    expect(await c.count(parse({ ...c.filter, from: FROM, to: TO }), context)).toEqual({ value: expected.length, more: false });
    // The same days read in UTC are other rows.
    const utc = SEEDS.filter((s) => s.variant === 1 && s.created.toISOString().slice(0, 10) >= FROM && s.created.toISOString().slice(0, 10) <= TO);
    expect(utc.map((s) => c.id(s.i)).sort()).not.toEqual(expected.map((s) => c.id(s.i)).sort());
  });

  it("counts exactly up to its bound and says 'more than' past it", async () => {
    expect(await c.count(parse({}), context)).toEqual({ value: N, more: false });
    expect(await c.count(parse({}), context, N)).toEqual({ value: N, more: false });
    expect(await c.count(parse({}), context, 10)).toEqual({ value: 10, more: true });
    expect(await c.count(parse({ from: "2000-01-01", to: "2000-01-02" }), context)).toEqual({ value: 0, more: false });
  });

  it("exports exactly the filtered rows in the list's order, every formula cell defused", async () => {
    for (const raw of [{ ...c.filter, from: FROM, to: TO, sort: "oldest" }, {}]) {
      const filters = parse(raw);
      const lines = (await csvText(c, filters)).split("\r\n");
      expect(lines.at(-1)).toBe("");
      expect(lines[0]).toBe(c.spec.header.join(","));
      expect(lines.slice(1, -1).map((line) => line.split(",")[0])).toEqual(await everyPage(c, filters, 1000));
    }
    const everything = await csvText(c, parse({}));
    for (const [n, defused] of DEFUSED.entries()) {
      expect(everything, JSON.stringify(FORMULAS[n])).toContain(`,${defused}`);
      expect(everything).not.toContain(`,${FORMULAS[n]}`);
    }
  });
});
