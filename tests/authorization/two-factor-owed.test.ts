// Someone who must have a second factor (an admin, or everyone once an admin requires it) and has
// none is refused by every server action and route handler until they set it up, not only sent
// there by the dashboard layout; setting it up is the one thing that works.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { totpCodeAt } from "@/tests/support/two-factor";
import { actAs, installRequestContext } from "./request-context";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const SECRET = "two-factor-owed-secret-0123456789abcdef";
process.env.DATABASE_URL = "pglite:memory";
process.env.NEXTAUTH_SECRET = SECRET;
installRequestContext();
const database = useTestDatabase();

const OWED = /Set up two-factor sign-in before anything else/;

async function exportPayments() {
  const { GET } = await import("@/app/(dashboard)/payments/export/route");
  return GET(new Request("http://127.0.0.1:3000/payments/export"));
}

async function inviteEve() {
  const { inviteStaffAction } = await import("@/app/(dashboard)/settings/staff/actions");
  return inviteStaffAction({ email: "eve@shop.test", name: "Eve", roles: ["view_only"] });
}

describe("a second factor owed", () => {
  beforeEach(() => database.truncateAll());

  it("refuses an admin without one everywhere, lets them enrol, and then lets them through", async () => {
    const admin = await db().staffUser.create({ data: { email: "ada@shop.test", name: "Ada", roles: ["administrator"], passwordHash: "unused" } });
    await actAs({ id: admin.id, email: admin.email, roles: admin.roles }, SECRET);

    expect(await inviteEve()).toMatchObject({ ok: false, error: expect.stringMatching(OWED) });
    expect(await db().staffUser.count({ where: { email: "eve@shop.test" } })).toBe(0);
    const refused = await exportPayments();
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(OWED);

    const { enrolmentState } = await import("@/lib/auth/two-factor/enrolment");
    const state = await enrolmentState(admin);
    if (state.enrolled) throw new Error("enrolled already");
    const { confirmEnrolmentAction } = await import("@/app/(auth)/settings/two-factor/actions");
    expect(await confirmEnrolmentAction({ code: "not a code" })).toMatchObject({ ok: false, fieldErrors: { code: ["Enter the 6-digit code your app shows."] } });
    expect(await confirmEnrolmentAction({ code: totpCodeAt(state.secret, new Date()) })).toMatchObject({ ok: true, recoveryCodes: expect.any(Array) });

    expect(await inviteEve()).toMatchObject({ ok: true });
    expect((await exportPayments()).status).toBe(200);
  }, 60_000);

  it("refuses a Developer without one, as an Administrator", async () => {
    const developer = await db().staffUser.create({ data: { email: "dev@shop.test", name: "Dev", roles: ["developer"], passwordHash: "unused" } });
    await actAs({ id: developer.id, email: developer.email, roles: developer.roles }, SECRET);
    const { catchUpAction } = await import("@/app/(dashboard)/events/actions");
    expect(await catchUpAction()).toMatchObject({ ok: false, error: expect.stringMatching(OWED) });
  }, 60_000);

  it("refuses an Analyst without one once an admin requires it for everyone", async () => {
    const viewer = await db().staffUser.create({ data: { email: "vic@shop.test", name: "Vic", roles: ["analyst"], passwordHash: "unused" } });
    await actAs({ id: viewer.id, email: viewer.email, roles: viewer.roles }, SECRET);
    expect((await exportPayments()).status).toBe(200);
    await db().setting.create({ data: { key: "two_factor_required_for_all", value: true } });
    const refused = await exportPayments();
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(OWED);
  }, 60_000);
});
