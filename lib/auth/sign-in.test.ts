import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { hashPassword } from "./password";
import { signInStaff } from "./sign-in";
import { FAILURES_BEFORE_LOCK } from "./sign-in-throttle";

const database = useTestDatabase();
const PASSWORD = "a long enough password";
let passwordHash: string;

async function addStaff(email: string, extra: { disabledAt?: Date } = {}) {
  passwordHash ??= await hashPassword(PASSWORD);
  return db().staffUser.create({ data: { email, name: "Sam Staff", roles: ["support_specialist", "refund_analyst", "dispute_analyst"], passwordHash, ...extra } });
}

describe("signInStaff", () => {
  beforeEach(() => database.truncateAll());

  it("accepts the right password, case-insensitively on the email, and records the sign-in", async () => {
    const staff = await addStaff("sam@shop.test");
    const result = await signInStaff("  Sam@Shop.TEST ", PASSWORD);
    expect(result).toEqual({ ok: true, staff: { id: staff.id, email: "sam@shop.test", name: "Sam Staff", roles: ["support_specialist", "refund_analyst", "dispute_analyst"], sessionVersion: 0 } });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } })).lastSignInAt).not.toBeNull();
  });

  it("refuses a wrong password and an unknown email with the same reason", async () => {
    await addStaff("sam@shop.test");
    expect(await signInStaff("sam@shop.test", "wrong")).toEqual({ ok: false, reason: "invalid" });
    expect(await signInStaff("nobody@shop.test", PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a disabled account, and says so only to someone who knows the password", async () => {
    await addStaff("gone@shop.test", { disabledAt: new Date() });
    expect(await signInStaff("gone@shop.test", "wrong")).toEqual({ ok: false, reason: "invalid" });
    expect(await signInStaff("gone@shop.test", PASSWORD)).toEqual({ ok: false, reason: "disabled" });
  });

  it("locks the account after repeated failures, even against the right password, until the lock ends", async () => {
    const staff = await addStaff("sam@shop.test");
    const now = new Date("2026-11-27T10:00:00Z");
    for (let i = 1; i < FAILURES_BEFORE_LOCK; i++) {
      expect(await signInStaff("sam@shop.test", `wrong ${i}`, now)).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await signInStaff("sam@shop.test", "wrong again", now);
    expect(locked).toEqual({ ok: false, reason: "throttled", retryAt: new Date("2026-11-27T10:15:00Z") });

    const stillLocked = await signInStaff("sam@shop.test", PASSWORD, new Date("2026-11-27T10:14:59Z"));
    expect(stillLocked).toMatchObject({ ok: false, reason: "throttled" });

    const after = await signInStaff("sam@shop.test", PASSWORD, new Date("2026-11-27T10:15:01Z"));
    expect(after.ok).toBe(true);
    const row = await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } });
    expect(row).toMatchObject({ failedSignInCount: 0, lockedUntil: null });
  });

  it("doubles the lock with each further failure", async () => {
    await addStaff("sam@shop.test");
    const now = new Date("2026-11-27T10:00:00Z");
    for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) await signInStaff("sam@shop.test", "wrong", now);
    const afterFirstLock = new Date("2026-11-27T10:16:00Z");
    const second = await signInStaff("sam@shop.test", "wrong", afterFirstLock);
    expect(second).toEqual({ ok: false, reason: "throttled", retryAt: new Date(afterFirstLock.getTime() + 30 * 60_000) });
  });

  it("counts concurrent failures without losing any", async () => {
    const staff = await addStaff("sam@shop.test");
    await Promise.all(Array.from({ length: 3 }, () => signInStaff("sam@shop.test", "wrong")));
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } })).failedSignInCount).toBe(3);
  });

  it("keeps the throttle in the database, where every app instance sees it", async () => {
    const staff = await addStaff("sam@shop.test");
    await db().staffUser.update({ where: { id: staff.id }, data: { lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await signInStaff("sam@shop.test", PASSWORD)).toMatchObject({ ok: false, reason: "throttled" });
  });
});
