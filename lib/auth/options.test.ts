import { beforeEach, describe, expect, it } from "vitest";
import type { StaffRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { ROLE_REFRESH_MS, refreshToken } from "./options";
import { setStaffDisabled } from "./staff-admin";

const database = useTestDatabase();

describe("refreshToken", () => {
  beforeEach(() => database.truncateAll());

  async function staff() {
    return db().staffUser.create({ data: { email: "sam@shop.test", name: "Sam", roles: ["support_specialist", "refund_analyst", "dispute_analyst"], passwordHash: "x" } });
  }

  it("keeps a recently checked token as it is, without a database read", async () => {
    const { id } = await staff();
    await db().staffUser.update({ where: { id }, data: { roles: ["view_only"] } });
    const token = { sub: id, roles: ["support_specialist", "refund_analyst", "dispute_analyst"] as StaffRole[], checkedAt: 1_000_000 };
    expect(await refreshToken(token, 1_000_000 + ROLE_REFRESH_MS - 1)).toBe(token);
  });

  it("picks up a role change once the minute has passed", async () => {
    const { id } = await staff();
    await db().staffUser.update({ where: { id }, data: { roles: ["view_only"], name: "Sam Viewer" } });
    const now = 1_000_000 + ROLE_REFRESH_MS;
    const refreshed = await refreshToken({ sub: id, roles: ["support_specialist", "refund_analyst", "dispute_analyst"], checkedAt: 1_000_000 }, now);
    expect(refreshed).toMatchObject({ roles: ["view_only"], name: "Sam Viewer", checkedAt: now });
    expect(refreshed.revoked).toBeUndefined();
  });

  it("revokes the token of a disabled or deleted account, for good", async () => {
    const { id } = await staff();
    await db().staffUser.update({ where: { id }, data: { disabledAt: new Date() } });
    const revoked = await refreshToken({ sub: id, roles: ["support_specialist", "refund_analyst", "dispute_analyst"], checkedAt: 0 }, ROLE_REFRESH_MS);
    expect(revoked.revoked).toBe(true);

    await db().staffUser.update({ where: { id }, data: { disabledAt: null } });
    expect((await refreshToken(revoked, ROLE_REFRESH_MS * 10)).revoked).toBe(true);

    const deleted = await refreshToken({ sub: "00000000-0000-4000-8000-000000000000", roles: ["administrator"] }, 0);
    expect(deleted.revoked).toBe(true);
  });

  it("revokes a session that signed in before a disable, even once the account is re-enabled", async () => {
    const { id } = await staff();
    const admin = await db().staffUser.create({ data: { email: "ada@shop.test", name: "Ada", roles: ["administrator"], passwordHash: "x" } });
    const before = { sub: id, roles: ["support_specialist", "refund_analyst", "dispute_analyst"] as StaffRole[], sessionVersion: 0, checkedAt: 0 };
    await setStaffDisabled(admin, { staffId: id, disabled: true });
    await setStaffDisabled(admin, { staffId: id, disabled: false });
    expect((await refreshToken(before, Date.now())).revoked).toBe(true);

    const { sessionVersion } = await db().staffUser.findUniqueOrThrow({ where: { id } });
    const fresh = await refreshToken({ ...before, sessionVersion }, Date.now());
    expect(fresh.revoked).toBeUndefined();
  });

  it("reads a token from before session versions as version 0", async () => {
    const { id } = await staff();
    expect((await refreshToken({ sub: id, roles: ["support_specialist", "refund_analyst", "dispute_analyst"], checkedAt: 0 }, Date.now())).revoked).toBeUndefined();
    await db().staffUser.update({ where: { id }, data: { sessionVersion: 1 } });
    expect((await refreshToken({ sub: id, roles: ["support_specialist", "refund_analyst", "dispute_analyst"], checkedAt: 0 }, Date.now())).revoked).toBe(true);
  });
});
