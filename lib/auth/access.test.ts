import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { checkPermission, staffForSession } from "./access";
import type { StaffRole } from "./roles";
import { changeStaffRole, setStaffDisabled } from "./staff-admin";

const database = useTestDatabase();

// With a second factor on, so Administrators and Developers are not sent to set one up first
// (what owing one does is in two-factor/two-factor.test.ts).
async function addStaff(email: string, roles: StaffRole[]) {
  return db().staffUser.create({ data: { email, name: email.split("@")[0]!, roles, passwordHash: "unused", totpEnabledAt: new Date() } });
}

describe("requirePermission's decision", () => {
  beforeEach(() => database.truncateAll());

  it("refuses a signed-out caller with a clear message", async () => {
    expect(checkPermission(await staffForSession(null), "dashboard.read")).toEqual({
      ok: false,
      reason: "signed_out",
      error: "Your session has ended. Sign in again to continue.",
    });
  });

  it("lets a person through only where one of their roles is listed, and names the roles needed", async () => {
    const viewer = await addStaff("vic@shop.test", ["view_only"]);
    const staff = await staffForSession({ staffId: viewer.id, signedInAt: Date.now(), sessionVersion: 0 });
    expect(checkPermission(staff, "dashboard.read")).toMatchObject({ ok: true, staff: { id: viewer.id, roles: ["view_only"] } });
    expect(checkPermission(staff, "refunds.create")).toEqual({
      ok: false,
      reason: "forbidden",
      error: "This needs the Administrator or Refund analyst role; you are signed in as View only.",
    });
    const both = await addStaff("dee@shop.test", ["dispute_analyst", "developer"]);
    const two = await staffForSession({ staffId: both.id, signedInAt: Date.now(), sessionVersion: 0 });
    expect(checkPermission(two, "disputes.evidence.submit").ok).toBe(true);
    expect(checkPermission(two, "events.replay").ok).toBe(true);
    expect(checkPermission(two, "payments.create")).toMatchObject({
      ok: false,
      error: "This needs the Administrator or Support specialist role; you are signed in as Developer and Dispute analyst.",
    });
  });

  it("takes the role from the database, not from the session, so a demotion applies at once", async () => {
    const admin = await addStaff("ada@shop.test", ["administrator"]);
    const agent = await addStaff("al@shop.test", ["refund_analyst"]);
    const claim = { staffId: agent.id, signedInAt: Date.now(), sessionVersion: 0 };
    expect(checkPermission(await staffForSession(claim), "refunds.create").ok).toBe(true);
    // The change ends the old session; the next one has the roles the database now says.
    await db().staffUser.update({ where: { id: agent.id }, data: { roles: ["view_only"] } });
    expect(checkPermission(await staffForSession(claim), "refunds.create")).toMatchObject({ ok: false, reason: "forbidden" });
    await changeStaffRole(admin, { staffId: agent.id, roles: ["refund_analyst"] });
    expect(checkPermission(await staffForSession(claim), "refunds.create")).toMatchObject({ ok: false, reason: "signed_out" });
  });

  it("treats a disabled account, or one disabled since the session began, as signed out", async () => {
    const admin = await addStaff("ada@shop.test", ["administrator"]);
    const agent = await addStaff("al@shop.test", ["support_specialist"]);
    const claim = { staffId: agent.id, signedInAt: Date.now() - 1000, sessionVersion: 0 };
    await setStaffDisabled(admin, { staffId: agent.id, disabled: true });
    expect(await staffForSession(claim)).toBeNull();
    await setStaffDisabled(admin, { staffId: agent.id, disabled: false });
    expect(await staffForSession(claim)).toBeNull();
    expect(await staffForSession({ staffId: agent.id, signedInAt: Date.now() + 1, sessionVersion: 1 })).toMatchObject({ roles: ["support_specialist"] });
  });

  it("treats a deleted account as signed out", async () => {
    expect(await staffForSession({ staffId: "00000000-0000-4000-8000-000000000000", signedInAt: Date.now(), sessionVersion: 0 })).toBeNull();
  });
});
