// Every export of payments is in the audit log (who, when, which filters) before its first row, and
// a refused export leaves none.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { actAnonymously, actAs, installRequestContext } from "../authorization/request-context";

const SECRET = "export-audit-session-secret-0123456789abcdef";
process.env.DATABASE_URL = "pglite:memory";
process.env.NEXTAUTH_SECRET = SECRET;
installRequestContext();
useTestDatabase();

let viewer: { id: string; email: string; roles: ["analyst"] };
let viewOnly: { id: string; email: string; roles: ["view_only"] };

beforeAll(async () => {
  // An Analyst exports; View only reads the pages but may not take the data away.
  const row = await db().staffUser.create({ data: { email: "analyst@export.test", name: "Analyst", roles: ["analyst"], passwordHash: "unused" } });
  viewer = { id: row.id, email: row.email, roles: ["analyst"] };
  const other = await db().staffUser.create({ data: { email: "viewer@export.test", name: "Viewer", roles: ["view_only"], passwordHash: "unused" } });
  viewOnly = { id: other.id, email: other.email, roles: ["view_only"] };
});

const exportPayments = async (query: string) => {
  const { GET } = await import("../../app/(dashboard)/payments/export/route");
  return GET(new Request(`http://127.0.0.1:3000/payments/export${query}`));
};

describe("the payments export", () => {
  it("records who took which set before it streams", async () => {
    await actAs(viewer, SECRET);
    const response = await exportPayments("?currency=eur&status=succeeded");
    expect(response.status).toBe(200);
    await response.text();
    const audit = await db().staffAction.findMany({ where: { kind: "payments.export" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: viewer.id, status: "succeeded", params: { currency: "eur", status: "succeeded" } });
  });

  it("records nothing for a refused export", async () => {
    await db().staffAction.deleteMany();
    actAnonymously();
    expect((await exportPayments("")).status).toBe(401);
    await actAs(viewOnly, SECRET);
    expect((await exportPayments("")).status).toBe(403);
    await actAs(viewer, SECRET);
    expect((await exportPayments("?from=not-a-day")).status).toBe(400);
    expect(await db().staffAction.count()).toBe(0);
  });
});

// Each list's export route, called with the parameters its page builds.
const LIST_EXPORTS = {
  refunds: () => import("../../app/(dashboard)/refunds/export/route"),
  payouts: () => import("../../app/(dashboard)/payouts/export/route"),
  disputes: () => import("../../app/(dashboard)/disputes/export/route"),
  customers: () => import("../../app/(dashboard)/customers/export/route"),
  events: () => import("../../app/(dashboard)/events/export/route"),
  audit: () => import("../../app/(dashboard)/audit/export/route"),
} as const;

describe.each(Object.entries(LIST_EXPORTS))("the %s export", (name, route) => {
  const get = async (query: string) => (await route()).GET(new Request(`http://127.0.0.1:3000/${name}/export${query}`));

  it("records who took which set before it streams, and names the file after the list", async () => {
    await db().staffAction.deleteMany();
    await actAs(viewer, SECRET);
    const response = await get("?from=2026-01-01&to=2026-01-31&sort=oldest");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${name}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    // The header line only: the export's own audit row is written before the query runs, and
    // falls outside January.
    expect((await response.text()).split("\r\n").filter(Boolean)).toHaveLength(1);
    const audit = await db().staffAction.findMany({ where: { kind: `${name}.export` } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: viewer.id, status: "succeeded", params: { from: "2026-01-01", to: "2026-01-31", sort: "oldest" } });
  });

  it("refuses the signed out, View only and a bad parameter with a reason, recording nothing", async () => {
    await db().staffAction.deleteMany();
    actAnonymously();
    expect((await get("")).status).toBe(401);
    await actAs(viewOnly, SECRET);
    expect((await get("")).status).toBe(403);
    await actAs(viewer, SECRET);
    const bad = await get("?sort=sideways");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringContaining("“sideways” is not a sort order") });
    expect((await get("?from=2026-02-30")).status).toBe(400);
    expect(await db().staffAction.count()).toBe(0);
  });
});
