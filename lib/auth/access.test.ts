import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { checkRole, staffForSession } from "./access";
import { rolesWith } from "./roles";
import { changeStaffRole, setStaffDisabled } from "./staff-admin";

const database = useTestDatabase();

async function addStaff(email: string, role: "admin" | "agent" | "viewer") {
  return db().staffUser.create({ data: { email, name: email.split("@")[0]!, role, passwordHash: "unused" } });
}

describe("requireRole's decision", () => {
  beforeEach(() => database.truncateAll());

  it("refuses a signed-out caller with a clear message", async () => {
    expect(checkRole(await staffForSession(null), ["viewer"])).toEqual({
      ok: false,
      reason: "signed_out",
      error: "Your session has ended. Sign in again to continue.",
    });
  });

  it("lets a role through only where it is listed, and names the roles needed", async () => {
    const viewer = await addStaff("vic@shop.test", "viewer");
    const staff = await staffForSession({ staffId: viewer.id, signedInAt: Date.now(), sessionVersion: 0 });
    expect(checkRole(staff, rolesWith("read"))).toMatchObject({ ok: true, staff: { id: viewer.id, role: "viewer" } });
    expect(checkRole(staff, rolesWith("refund"))).toEqual({
      ok: false,
      reason: "forbidden",
      error: "This needs the Agent or Admin role; you are signed in as Viewer.",
    });
  });

  it("takes the role from the database, not from the session, so a demotion applies at once", async () => {
    const admin = await addStaff("ada@shop.test", "admin");
    const agent = await addStaff("al@shop.test", "agent");
    const claim = { staffId: agent.id, signedInAt: Date.now(), sessionVersion: 0 };
    expect(checkRole(await staffForSession(claim), rolesWith("refund")).ok).toBe(true);
    // The change ends the old session; the next one has the role the database now says.
    await db().staffUser.update({ where: { id: agent.id }, data: { role: "viewer" } });
    expect(checkRole(await staffForSession(claim), rolesWith("refund"))).toMatchObject({ ok: false, reason: "forbidden" });
    await changeStaffRole(admin, { staffId: agent.id, role: "agent" });
    expect(checkRole(await staffForSession(claim), rolesWith("refund"))).toMatchObject({ ok: false, reason: "signed_out" });
  });

  it("treats a disabled account, or one disabled since the session began, as signed out", async () => {
    const admin = await addStaff("ada@shop.test", "admin");
    const agent = await addStaff("al@shop.test", "agent");
    const claim = { staffId: agent.id, signedInAt: Date.now() - 1000, sessionVersion: 0 };
    await setStaffDisabled(admin, { staffId: agent.id, disabled: true });
    expect(await staffForSession(claim)).toBeNull();
    await setStaffDisabled(admin, { staffId: agent.id, disabled: false });
    expect(await staffForSession(claim)).toBeNull();
    expect(await staffForSession({ staffId: agent.id, signedInAt: Date.now() + 1, sessionVersion: 1 })).toMatchObject({ role: "agent" });
  });

  it("treats a deleted account as signed out", async () => {
    expect(await staffForSession({ staffId: "00000000-0000-4000-8000-000000000000", signedInAt: Date.now(), sessionVersion: 0 })).toBeNull();
  });
});
