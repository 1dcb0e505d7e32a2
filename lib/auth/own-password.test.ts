import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { changeOwnPassword, mustChangePassword } from "./own-password";
import { hashPassword } from "./password";
import { signInStaff } from "./sign-in";
import { inviteStaff } from "./staff-admin";

const database = useTestDatabase();

describe("own password", () => {
  beforeEach(() => database.truncateAll());

  async function invited() {
    const admin = await db().staffUser.create({
      data: { email: "ada@shop.test", name: "Ada", roles: ["administrator"], passwordHash: await hashPassword("ada's password 1") },
    });
    const result = await inviteStaff(admin, { email: "nia@shop.test", name: "Nia", roles: ["support_specialist", "refund_analyst", "dispute_analyst"] });
    if (!result.ok || !result.temporaryPassword) throw new Error("invite failed");
    const nia = await db().staffUser.findUniqueOrThrow({ where: { email: "nia@shop.test" } });
    return { admin, nia, temporary: result.temporaryPassword };
  }

  it("is owed by an invited person until they change it, and by no one else", async () => {
    const { admin, nia, temporary } = await invited();
    expect(await mustChangePassword(nia.id)).toBe(true);
    expect(await mustChangePassword(admin.id)).toBe(false);

    const result = await changeOwnPassword(nia, {
      currentPassword: temporary,
      newPassword: "nia's own password",
      confirmPassword: "nia's own password",
    });
    expect(result).toEqual({ ok: true, message: "Your password is changed." });
    expect(await mustChangePassword(nia.id)).toBe(false);
    expect((await signInStaff("nia@shop.test", temporary)).ok).toBe(false);
    expect((await signInStaff("nia@shop.test", "nia's own password")).ok).toBe(true);

    const audit = await db().staffAction.findFirstOrThrow({ where: { kind: "staff.password.change" } });
    expect(audit).toMatchObject({ actorId: nia.id, objectId: nia.id, status: "succeeded", params: {} });
    expect(JSON.stringify(audit)).not.toContain("nia's own password");
  });

  it("refuses a wrong current password, a short or mismatched new one, and changes nothing", async () => {
    const { nia, temporary } = await invited();
    const wrong = await changeOwnPassword(nia, { currentPassword: "guess", newPassword: "long enough one", confirmPassword: "long enough one" });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["That is not your current password."] } });

    const short = await changeOwnPassword(nia, { currentPassword: temporary, newPassword: "short", confirmPassword: "short" });
    expect(short).toMatchObject({ ok: false, fieldErrors: { newPassword: ["Use at least 12 characters."] } });

    const mismatch = await changeOwnPassword(nia, { currentPassword: temporary, newPassword: "long enough one", confirmPassword: "long enough two" });
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { confirmPassword: ["The two new passwords differ."] } });

    expect((await signInStaff("nia@shop.test", temporary)).ok).toBe(true);
    expect(await mustChangePassword(nia.id)).toBe(true);
  });

  it("slows down guesses of the current password: after 5 wrong ones it waits without checking, even the right one", async () => {
    const { nia, temporary } = await invited();
    const attempt = (currentPassword: string) => changeOwnPassword(nia, { currentPassword, newPassword: "nia's own password", confirmPassword: "nia's own password" });
    for (let i = 0; i < 6; i++) {
      expect(await attempt(`guess ${i}`)).toMatchObject({ ok: false, fieldErrors: { currentPassword: ["That is not your current password."] } });
    }
    const waiting = { ok: false, error: "Too many wrong current passwords. Wait 1 minute, then try again." };
    expect(await attempt(temporary)).toEqual(waiting);
    expect(await attempt("guess 7")).toEqual(waiting);
    expect((await signInStaff("nia@shop.test", temporary)).ok).toBe(true);
    expect(await db().staffAction.count({ where: { kind: "staff.password.change" } })).toBe(0);

    // Once the wait is over, the right password goes through and the count starts again.
    await db().signInBackoff.updateMany({ data: { retryAt: new Date(Date.now() - 1000) } });
    expect(await attempt(temporary)).toEqual({ ok: true, message: "Your password is changed." });
    expect(await db().signInBackoff.findMany({ where: { key: { startsWith: "password-change:" } } })).toMatchObject([{ failedCount: 0, retryAt: null }]);
  });
});
