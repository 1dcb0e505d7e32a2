import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { signInStaff } from "./sign-in";
import type { StaffRole } from "./roles";
import { changeStaffRole, inviteStaff, listStaff, setStaffDisabled } from "./staff-admin";

const database = useTestDatabase();

const ADMIN: StaffRole[] = ["administrator"];
const SUPPORT: StaffRole[] = ["support_specialist", "refund_analyst", "dispute_analyst"];
const VIEWER: StaffRole[] = ["view_only"];

async function addStaff(email: string, roles: StaffRole[], disabled = false) {
  return db().staffUser.create({
    data: { email, name: email.split("@")[0]!, roles, passwordHash: "unused", disabledAt: disabled ? new Date() : null },
  });
}

async function actions() {
  return db().staffAction.findMany({ orderBy: { createdAt: "asc" } });
}

describe("staff management", () => {
  beforeEach(() => database.truncateAll());

  it("invites with a one-time password that signs in, and audits it without the password", async () => {
    const admin = await addStaff("ada@shop.test", ADMIN);
    // Out of order and repeated: stored once each, in the table's order.
    const result = await inviteStaff(admin, { email: " New@Shop.test ", name: "Nia", roles: ["dispute_analyst", "support_specialist", "dispute_analyst"] });
    expect(result).toMatchObject({ ok: true, message: "Nia can now sign in as Support specialist and Dispute analyst." });
    if (!result.ok || !result.temporaryPassword) throw new Error("expected a password");

    const signedIn = await signInStaff("new@shop.test", result.temporaryPassword);
    expect(signedIn).toMatchObject({ ok: true, staff: { roles: ["support_specialist", "dispute_analyst"], name: "Nia" } });
    const nia = await db().staffUser.findUniqueOrThrow({ where: { email: "new@shop.test" } });
    expect(nia.invitedById).toBe(admin.id);

    const [audit] = await actions();
    expect(audit).toMatchObject({
      actorId: admin.id,
      kind: "staff.invite",
      objectType: "staff_user",
      objectId: nia.id,
      status: "succeeded",
      params: { email: "new@shop.test", name: "Nia", roles: ["support_specialist", "dispute_analyst"] },
    });
    expect(JSON.stringify(audit)).not.toContain(result.temporaryPassword);
  });

  it("rejects bad input with field errors before writing anything", async () => {
    const admin = await addStaff("ada@shop.test", ADMIN);
    const result = await inviteStaff(admin, { email: "not-an-email", name: " ", roles: ["owner"] });
    expect(result).toMatchObject({ ok: false, fieldErrors: { email: [expect.any(String)], name: [expect.any(String)], roles: ["Choose roles from the list."] } });
    for (const [roles, error] of [[[], "Choose at least one role."], [undefined, "Choose at least one role."], ["admin", "Choose roles from the list."], [[...SUPPORT, ...SUPPORT, ...SUPPORT], "Choose each role at most once."]] as const) {
      expect(await inviteStaff(admin, { email: "sam@shop.test", name: "Sam", roles }), JSON.stringify(roles)).toMatchObject({ ok: false, fieldErrors: { roles: [error] } });
    }
    expect(await actions()).toHaveLength(0);
    expect(await db().staffUser.count()).toBe(1);
  });

  it("refuses a role change to no role, and the database refuses a row without one", async () => {
    const admin = await addStaff("ada@shop.test", ADMIN);
    const sam = await addStaff("sam@shop.test", SUPPORT);
    expect(await changeStaffRole(admin, { staffId: sam.id, roles: [] })).toMatchObject({ ok: false, fieldErrors: { roles: ["Choose at least one role."] } });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: sam.id } })).roles).toEqual(SUPPORT);
    await expect(db().staffUser.update({ where: { id: sam.id }, data: { roles: [] } })).rejects.toThrow(/staff_users_roles_held/);
  });

  it("refuses a second invite for the same email and records the refusal", async () => {
    const admin = await addStaff("ada@shop.test", ADMIN);
    await addStaff("sam@shop.test", VIEWER);
    expect(await inviteStaff(admin, { email: "SAM@shop.test", name: "Sam", roles: ADMIN })).toEqual({
      ok: false,
      error: "sam@shop.test is already on the team.",
    });
    expect(await actions()).toMatchObject([{ kind: "staff.invite", status: "failed", errorMessage: "sam@shop.test is already on the team." }]);
    expect((await db().staffUser.findUniqueOrThrow({ where: { email: "sam@shop.test" } })).roles).toEqual(VIEWER);
  });

  it("changes roles, ends the person's sessions, and audits from and to", async () => {
    const admin = await addStaff("ada@shop.test", ADMIN);
    const sam = await addStaff("sam@shop.test", VIEWER);
    expect(await changeStaffRole(admin, { staffId: sam.id, roles: ["refund_analyst", "analyst"] })).toEqual({
      ok: true,
      message: "sam is now Analyst and Refund analyst; their sessions have ended.",
    });
    expect(await db().staffUser.findUniqueOrThrow({ where: { id: sam.id } })).toMatchObject({ roles: ["analyst", "refund_analyst"], sessionVersion: 1 });
    expect(await changeStaffRole(admin, { staffId: sam.id, roles: ["analyst", "refund_analyst"] })).toEqual({ ok: true, message: "sam is already Analyst and Refund analyst." });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: sam.id } })).sessionVersion).toBe(1);
    expect(await actions()).toMatchObject([
      { kind: "staff.role.change", status: "succeeded", outcome: { from: ["view_only"], to: ["analyst", "refund_analyst"], sessionsEnded: true } },
      { kind: "staff.role.change", status: "succeeded" },
    ]);
  });

  it("never leaves the team without an active admin", async () => {
    const ada = await addStaff("ada@shop.test", ADMIN);
    await addStaff("old@shop.test", ADMIN, true);
    const demote = await changeStaffRole(ada, { staffId: ada.id, roles: VIEWER });
    expect(demote).toEqual({ ok: false, error: "Cannot change the roles: this is the last active Administrator. Make someone else an Administrator first." });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: ada.id } })).roles).toEqual(ADMIN);
    // Adding a role to the last Administrator keeps one.
    expect(await changeStaffRole(ada, { staffId: ada.id, roles: ["administrator", "developer"] })).toMatchObject({ ok: true });

    const bob = await addStaff("bob@shop.test", ADMIN);
    expect(await setStaffDisabled(ada, { staffId: bob.id, disabled: true })).toMatchObject({ ok: true });
    expect(await setStaffDisabled(bob, { staffId: ada.id, disabled: true })).toMatchObject({ ok: false });
    expect(await changeStaffRole(ada, { staffId: ada.id, roles: SUPPORT })).toMatchObject({ ok: false });

    await setStaffDisabled(ada, { staffId: bob.id, disabled: false });
    expect(await changeStaffRole(ada, { staffId: ada.id, roles: SUPPORT })).toEqual({
      ok: true,
      message: "ada is now Support specialist, Refund analyst and Dispute analyst; their sessions have ended.",
    });
  });

  it("serialises concurrent demotions so one admin always remains", async () => {
    const ada = await addStaff("ada@shop.test", ADMIN);
    const bob = await addStaff("bob@shop.test", ADMIN);
    const results = await Promise.all([
      changeStaffRole(ada, { staffId: bob.id, roles: VIEWER }),
      changeStaffRole(bob, { staffId: ada.id, roles: VIEWER }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await db().staffUser.findMany()).filter((s) => s.roles.includes("administrator"))).toHaveLength(1);
  });

  it("does not let anyone disable their own account", async () => {
    const ada = await addStaff("ada@shop.test", ADMIN);
    await addStaff("bob@shop.test", ADMIN);
    expect(await setStaffDisabled(ada, { staffId: ada.id, disabled: "true" })).toEqual({
      ok: false,
      error: "You cannot disable your own account.",
    });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: ada.id } })).disabledAt).toBeNull();
  });

  it("re-enabling clears a sign-in lock", async () => {
    const ada = await addStaff("ada@shop.test", ADMIN);
    const sam = await addStaff("sam@shop.test", SUPPORT, true);
    await db().staffUser.update({ where: { id: sam.id }, data: { failedSignInCount: 7, lockedUntil: new Date(Date.now() + 3600_000) } });
    expect(await setStaffDisabled(ada, { staffId: sam.id, disabled: false })).toEqual({ ok: true, message: "sam is active again." });
    expect(await db().staffUser.findUniqueOrThrow({ where: { id: sam.id } })).toMatchObject({
      disabledAt: null,
      failedSignInCount: 0,
      lockedUntil: null,
    });
  });

  it("lists active staff before disabled staff", async () => {
    await addStaff("zed@shop.test", SUPPORT, true);
    await addStaff("amy@shop.test", VIEWER);
    expect((await listStaff()).map((s) => [s.email, s.disabled])).toEqual([
      ["amy@shop.test", false],
      ["zed@shop.test", true],
    ]);
  });
});
