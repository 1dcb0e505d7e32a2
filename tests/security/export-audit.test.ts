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
