// Sessions end on the server, not only at their idle timeout: signing out everywhere, an admin
// ending someone's sessions, a password change, a role change and a disable each end every session
// the person holds (real next-auth tokens from real sign-ins, checked by requireRole and by the
// token refresh the proxy relies on).
import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { installRequestContext, sessionTokenFor, setSessionCookie } from "./request-context";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const SECRET = "session-revocation-secret-0123456789abcdef";
process.env.DATABASE_URL = "pglite:memory";
process.env.NEXTAUTH_SECRET = SECRET;
installRequestContext();
const database = useTestDatabase();

const PASSWORD = "sam's own password";
let adminToken: string;

async function signIn(email: string, password = PASSWORD): Promise<string> {
  const { signInFully } = await import("@/tests/support/two-factor");
  return sessionTokenFor(await signInFully(email, password), SECRET);
}

/** What the export route answers this session: 200 while it lives, 401 once it has ended. */
async function answerTo(token: string): Promise<number> {
  setSessionCookie(token);
  const { GET } = await import("@/app/(dashboard)/payments/export/route");
  return (await GET(new Request("http://127.0.0.1:3000/payments/export"))).status;
}

async function as<T>(token: string, call: () => Promise<T>): Promise<T> {
  setSessionCookie(token);
  return call();
}

const staffActions = () => import("@/app/(dashboard)/settings/staff/actions");
const sessionActions = () => import("@/app/(dashboard)/settings/session-actions");
const samId = async () => (await db().staffUser.findUniqueOrThrow({ where: { email: "sam@shop.test" } })).id;

describe("revocable sessions", () => {
  beforeEach(async () => {
    await database.truncateAll();
    const { hashPassword } = await import("@/lib/auth/password");
    const passwordHash = await hashPassword(PASSWORD);
    await db().staffUser.createMany({
      data: [
        { email: "ada@shop.test", name: "Ada", roles: ["administrator"], passwordHash },
        // An Analyst among other roles: the export route, which answerTo calls, is theirs.
        { email: "sam@shop.test", name: "Sam", roles: ["analyst", "support_specialist", "refund_analyst", "dispute_analyst"], passwordHash },
      ],
    });
    // An admin needs a second factor before anything else (lib/auth/two-factor/requirement.ts).
    const { enrolStaff } = await import("@/tests/support/two-factor");
    await enrolStaff((await db().staffUser.findUniqueOrThrow({ where: { email: "ada@shop.test" } })).id);
    adminToken = await signIn("ada@shop.test");
  }, 60_000);

  it("signs a person out everywhere from one of their sessions, and audits it", async () => {
    const laptop = await signIn("sam@shop.test");
    const phone = await signIn("sam@shop.test");
    expect(await answerTo(phone)).toBe(200);
    expect(await as(laptop, async () => (await sessionActions()).signOutEverywhereAction({ confirm: true }))).toMatchObject({ ok: true });
    expect(await answerTo(phone)).toBe(401);
    expect(await answerTo(laptop)).toBe(401);
    expect(await answerTo(adminToken)).toBe(200);
    expect(await db().staffAction.findFirst({ where: { kind: "staff.sessions.end", objectId: await samId(), status: "succeeded" } })).not.toBeNull();
    // A new sign-in works as before.
    expect(await answerTo(await signIn("sam@shop.test"))).toBe(200);
  }, 60_000);

  it("lets an admin end another person's sessions, and audits who did it", async () => {
    const sam = await signIn("sam@shop.test");
    const id = await samId();
    expect(await as(adminToken, async () => (await staffActions()).endStaffSessionsAction({ staffId: id }))).toMatchObject({ ok: true });
    expect(await answerTo(sam)).toBe(401);
    const admin = await db().staffUser.findUniqueOrThrow({ where: { email: "ada@shop.test" } });
    expect(await db().staffAction.findFirst({ where: { kind: "staff.sessions.end", objectId: id, actorId: admin.id, status: "succeeded" } })).not.toBeNull();
    expect(await answerTo(adminToken)).toBe(200);
  }, 60_000);

  it("ends the other sessions on a password change", async () => {
    const laptop = await signIn("sam@shop.test");
    const phone = await signIn("sam@shop.test");
    const { changeOwnPasswordAction } = await import("@/app/(auth)/change-password/actions");
    const changed = await as(laptop, () =>
      changeOwnPasswordAction({ currentPassword: PASSWORD, newPassword: "a brand new password", confirmPassword: "a brand new password" }),
    );
    expect(changed).toMatchObject({ ok: true });
    expect(await answerTo(phone)).toBe(401);
    expect(await answerTo(await signIn("sam@shop.test", "a brand new password"))).toBe(200);
  }, 60_000);

  it("ends a person's sessions when their role changes", async () => {
    const sam = await signIn("sam@shop.test");
    const id = await samId();
    expect(await as(adminToken, async () => (await staffActions()).changeStaffRoleAction({ staffId: id, roles: ["view_only"] }))).toMatchObject({ ok: true });
    expect(await answerTo(sam)).toBe(401);
  }, 60_000);

  it("ends a disabled person's sessions on their next request, and re-enabling brings none back", async () => {
    const sam = await signIn("sam@shop.test");
    const id = await samId();
    const { setStaffDisabledAction } = await staffActions();
    expect(await as(adminToken, () => setStaffDisabledAction({ staffId: id, disabled: true }))).toMatchObject({ ok: true });
    expect(await answerTo(sam)).toBe(401);
    expect(await as(adminToken, () => setStaffDisabledAction({ staffId: id, disabled: false }))).toMatchObject({ ok: true });
    expect(await answerTo(sam)).toBe(401);
  }, 60_000);

  it("marks an ended session's token revoked at its next refresh, so the proxy turns it away too", async () => {
    const { refreshToken, ROLE_REFRESH_MS } = await import("@/lib/auth/options");
    const { signInStaff } = await import("@/lib/auth/sign-in");
    const result = await signInStaff("sam@shop.test", PASSWORD);
    if (!result.ok) throw new Error("sign-in failed");
    const token = { sub: result.staff.id, roles: result.staff.roles, sessionVersion: result.staff.sessionVersion, signedInAt: 1, checkedAt: 0 };
    expect((await refreshToken(token, ROLE_REFRESH_MS)).revoked).toBeUndefined();
    await as(adminToken, async () => (await staffActions()).endStaffSessionsAction({ staffId: result.staff.id }));
    expect((await refreshToken(token, ROLE_REFRESH_MS)).revoked).toBe(true);
  }, 60_000);
});
