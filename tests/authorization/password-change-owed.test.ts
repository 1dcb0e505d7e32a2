// An invited person's one-time password (an admin saw it on screen) buys nothing but the change of
// that password: every server action and route handler refuses them until they have changed it,
// not only the dashboard layout.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { actAs, installRequestContext } from "./request-context";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const SECRET = "password-change-owed-secret-0123456789abcdef";
process.env.DATABASE_URL = "pglite:memory";
process.env.NEXTAUTH_SECRET = SECRET;
installRequestContext();
const database = useTestDatabase();

const NEW_PASSWORD = "a password of Nia's own";
const OWED = /Change the one-time password you were given before anything else/;

async function exportPayments() {
  const { GET } = await import("@/app/(dashboard)/payments/export/route");
  return GET(new Request("http://127.0.0.1:3000/payments/export"));
}

async function inviteEve() {
  const { inviteStaffAction } = await import("@/app/(dashboard)/settings/staff/actions");
  return inviteStaffAction({ email: "eve@shop.test", name: "Eve", roles: ["administrator"] });
}

describe("a password change owed after an invite", () => {
  beforeEach(() => database.truncateAll());

  it("refuses server actions and the export route with the one-time password, and allows them once it is changed", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { inviteStaff } = await import("@/lib/auth/staff-admin");
    const { signInStaff } = await import("@/lib/auth/sign-in");
    const admin = await db().staffUser.create({ data: { email: "ada@shop.test", name: "Ada", roles: ["administrator"], passwordHash: await hashPassword("ada's password 1") } });
    const invited = await inviteStaff(admin, { email: "nia@shop.test", name: "Nia", roles: ["administrator"] });
    if (!invited.ok || !invited.temporaryPassword) throw new Error(JSON.stringify(invited));
    const signedIn = await signInStaff("nia@shop.test", invited.temporaryPassword);
    if (!signedIn.ok) throw new Error(JSON.stringify(signedIn));
    await actAs(signedIn.staff, SECRET);

    expect(await inviteEve()).toMatchObject({ ok: false, error: expect.stringMatching(OWED) });
    expect(await db().staffUser.count({ where: { email: "eve@shop.test" } })).toBe(0);
    const refused = await exportPayments();
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(OWED);

    // The one thing the one-time password is for still works.
    const { changeOwnPasswordAction } = await import("@/app/(auth)/change-password/actions");
    expect(
      await changeOwnPasswordAction({ currentPassword: invited.temporaryPassword, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }),
    ).toMatchObject({ ok: true });

    const again = await signInStaff("nia@shop.test", NEW_PASSWORD);
    if (!again.ok) throw new Error(JSON.stringify(again));
    await actAs(again.staff, SECRET);
    // Nia is an admin: a second factor comes next (tests/authorization/two-factor-owed.test.ts).
    const { enrolStaff } = await import("@/tests/support/two-factor");
    await enrolStaff(again.staff.id);
    expect(await inviteEve()).toMatchObject({ ok: true });
    expect((await exportPayments()).status).toBe(200);
  }, 60_000);
});
