// The list pages as the server renders them, given a day filter that names a date that does not
// exist: the filter bar says why, keeps what was typed, and the list is not shown as if filtered.
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { insertPayments } from "@/lib/queries/fixtures.test-support";
import { useTestDatabase } from "@/tests/support/db";
import { actAs, installRequestContext } from "../../tests/authorization/request-context";

const SECRET = "list-filters-session-secret-0123456789abcdef";
process.env.NEXTAUTH_SECRET = SECRET;
installRequestContext();
useTestDatabase();

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&amp;/g, "&").replace(/\s+/g, " ");
const NOT_A_DATE = "“2026-02-31” is not a date: February 2026 has 28 days. These filters were not applied.";

beforeAll(async () => {
  // An Analyst: reads every list and may export it.
  const viewer = await db().staffUser.create({ data: { email: "viewer@filters.test", name: "Vi", roles: ["analyst"], passwordHash: "unused" } });
  await actAs(viewer, SECRET);
  await insertPayments([{ id: "pi_march", created: new Date("2026-03-03T12:00:00Z") }]);
});

async function paymentsPage(searchParams: Record<string, string>): Promise<string> {
  const { default: PaymentsPage } = await import("./payments/(list)/page");
  return renderToStaticMarkup(await PaymentsPage({ searchParams: Promise.resolve(searchParams) }));
}

describe("day filters on list pages", () => {
  it("list the payment of 3 March for a real day, and refuse 31 February instead of reading it as 3 March", async () => {
    expect(await paymentsPage({ from: "2026-03-03", to: "2026-03-03" })).toContain('data-testid="payment-row"');
    const html = await paymentsPage({ from: "2026-02-27", to: "2026-02-31" });
    expect(text(html)).toContain(NOT_A_DATE);
    expect(html).not.toContain('data-testid="payment-row"');
    // What was typed stays in the field, marked, as text: a date input would blank it.
    const field = (name: string) => html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0] ?? "";
    expect(field("to")).toMatch(/type="text".*aria-invalid="true" aria-describedby="filter-error".*value="2026-02-31"/);
    expect(field("from")).toMatch(/type="date".*value="2026-02-27"/);
    expect(field("from")).not.toContain("aria-invalid");
    // Nor is a CSV of the refused filter offered.
    expect(html).not.toContain("/payments/export");
  });

  it("refuse a range that ends before it starts", async () => {
    const html = text(await paymentsPage({ from: "2026-03-04", to: "2026-03-03" }));
    expect(html).toContain("The “To” date (2026-03-03) is before the “From” date (2026-03-04). These filters were not applied.");
  });

  it("refuse the same way on the refunds and events lists", async () => {
    const { default: RefundsPage } = await import("./refunds/page");
    const { default: EventsPage } = await import("./events/page");
    for (const Page of [RefundsPage, EventsPage]) {
      const html = text(renderToStaticMarkup(await Page({ searchParams: Promise.resolve({ from: "2026-02-31" }) })));
      expect(html).toContain(NOT_A_DATE);
      expect(html).not.toMatch(/No (refund|event)s? (matches|yet|received)/);
    }
  });

  it("refuse to export a CSV for a date that does not exist", async () => {
    const { GET } = await import("./payments/export/route");
    const response = await GET(new Request("http://127.0.0.1:3000/payments/export?from=2026-02-31"));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "“2026-02-31” is not a date: February 2026 has 28 days." });
  });
});

describe("every list page", () => {
  const LISTS = {
    payments: () => import("./payments/(list)/page"),
    refunds: () => import("./refunds/page"),
    payouts: () => import("./payouts/(list)/page"),
    disputes: () => import("./disputes/(list)/page"),
    customers: () => import("./customers/page"),
    events: () => import("./events/page"),
    audit: () => import("./audit/page"),
  } as const;
  const render = async (name: keyof typeof LISTS, searchParams: Record<string, string>) => {
    const { default: Page } = await LISTS[name]();
    return renderToStaticMarkup(await Page({ searchParams: Promise.resolve(searchParams) }));
  };

  it.each(Object.keys(LISTS) as Array<keyof typeof LISTS>)("%s: refuses a sort it does not offer by name, shows no count and offers no export", async (name) => {
    const html = await render(name, { sort: "sideways", from: "2026-03-01" });
    expect(text(html)).toContain("“sideways” is not a sort order here");
    expect(html).not.toContain('data-testid="list-count"');
    expect(html).not.toContain(`/${name}/export`);
    expect(html).toMatch(/<select[^>]*name="sort"[^>]*aria-invalid="true"/);
  });

  it.each(Object.keys(LISTS) as Array<keyof typeof LISTS>)("%s: counts the rows of its filters and links the export of exactly them", async (name) => {
    const html = await render(name, { from: "2026-03-03", to: "2026-03-03", sort: "oldest" });
    expect(text(html)).toMatch(name === "payments" ? /\b1 payment\b/ : /\b0 [a-z]+s\b/);
    expect(html).toContain(`href="/${name}/export?from=2026-03-03&amp;to=2026-03-03&amp;sort=oldest"`);
  });
});
