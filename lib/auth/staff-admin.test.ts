import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { signInStaff } from "./sign-in";
import { changeStaffRole, inviteStaff, listStaff, setStaffDisabled } from "./staff-admin";

const database = useTestDatabase();

async function addStaff(email: string, role: "admin" | "agent" | "viewer", disabled = false) {
  return db().staffUser.create({
    data: { email, name: email.split("@")[0]!, role, passwordHash: "unused", disabledAt: disabled ? new Date() : null },
  });
}

async function actions() {
  return db().staffAction.findMany({ orderBy: { createdAt: "asc" } });
}

describe("staff management", () => {
  beforeEach(() => database.truncateAll());

  it("invites with a one-time password that signs in, and audits it without the password", async () => {
    const admin = await addStaff("ada@shop.test", "admin");
    const result = await inviteStaff(admin, { email: " New@Shop.test ", name: "Nia", role: "agent" });
    expect(result).toMatchObject({ ok: true, message: "Nia can now sign in as Agent." });
    if (!result.ok || !result.temporaryPassword) throw new Error("expected a password");

    const signedIn = await signInStaff("new@shop.test", result.temporaryPassword);
    expect(signedIn).toMatchObject({ ok: true, staff: { role: "agent", name: "Nia" } });
    const nia = await db().staffUser.findUniqueOrThrow({ where: { email: "new@shop.test" } });
    expect(nia.invitedById).toBe(admin.id);

    const [audit] = await actions();
    expect(audit).toMatchObject({
      actorId: admin.id,
      kind: "staff.invite",
      objectType: "staff_user",
      objectId: nia.id,
      status: "succeeded",
      params: { email: "new@shop.test", name: "Nia", role: "agent" },
    });
    expect(JSON.stringify(audit)).not.toContain(result.temporaryPassword);
  });

  it("rejects bad input with field errors before writing anything", async () => {
    const admin = await addStaff("ada@shop.test", "admin");
    const result = await inviteStaff(admin, { email: "not-an-email", name: " ", role: "owner" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { email: [expect.any(String)], name: [expect.any(String)], role: [expect.any(String)] } });
    expect(await actions()).toHaveLength(0);
    expect(await db().staffUser.count()).toBe(1);
  });

  it("refuses a second invite for the same email and records the refusal", async () => {
    const admin = await addStaff("ada@shop.test", "admin");
    await addStaff("sam@shop.test", "viewer");
    expect(await inviteStaff(admin, { email: "SAM@shop.test", name: "Sam", role: "admin" })).toEqual({
      ok: false,
      error: "sam@shop.test is already on the team.",
    });
    expect(await actions()).toMatchObject([{ kind: "staff.invite", status: "failed", errorMessage: "sam@shop.test is already on the team." }]);
    expect((await db().staffUser.findUniqueOrThrow({ where: { email: "sam@shop.test" } })).role).toBe("viewer");
  });

  it("changes a role and audits from and to", async () => {
    const admin = await addStaff("ada@shop.test", "admin");
    const sam = await addStaff("sam@shop.test", "viewer");
    expect(await changeStaffRole(admin, { staffId: sam.id, role: "agent" })).toEqual({ ok: true, message: "sam is now Agent; their sessions have ended." });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: sam.id } })).role).toBe("agent");
    expect(await actions()).toMatchObject([{ kind: "staff.role.change", status: "succeeded", outcome: { from: "viewer", to: "agent" } }]);
  });

  it("never leaves the team without an active admin", async () => {
    const ada = await addStaff("ada@shop.test", "admin");
    await addStaff("old@shop.test", "admin", true);
    const demote = await changeStaffRole(ada, { staffId: ada.id, role: "viewer" });
    expect(demote).toEqual({ ok: false, error: "Cannot change the role: this is the last active admin. Make someone else an admin first." });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: ada.id } })).role).toBe("admin");

    const bob = await addStaff("bob@shop.test", "admin");
    expect(await setStaffDisabled(ada, { staffId: bob.id, disabled: true })).toMatchObject({ ok: true });
    expect(await setStaffDisabled(bob, { staffId: ada.id, disabled: true })).toMatchObject({ ok: false });
    expect(await changeStaffRole(ada, { staffId: ada.id, role: "agent" })).toMatchObject({ ok: false });

    await setStaffDisabled(ada, { staffId: bob.id, disabled: false });
    expect(await changeStaffRole(ada, { staffId: ada.id, role: "agent" })).toEqual({ ok: true, message: "ada is now Agent; their sessions have ended." });
  });

  it("serialises concurrent demotions so one admin always remains", async () => {
    const ada = await addStaff("ada@shop.test", "admin");
    const bob = await addStaff("bob@shop.test", "admin");
    const results = await Promise.all([
      changeStaffRole(ada, { staffId: bob.id, role: "viewer" }),
      changeStaffRole(bob, { staffId: ada.id, role: "viewer" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().staffUser.count({ where: { role: "admin" } })).toBe(1);
  });

  it("does not let anyone disable their own account", async () => {
    const ada = await addStaff("ada@shop.test", "admin");
    await addStaff("bob@shop.test", "admin");
    expect(await setStaffDisabled(ada, { staffId: ada.id, disabled: "true" })).toEqual({
      ok: false,
      error: "You cannot disable your own account.",
    });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: ada.id } })).disabledAt).toBeNull();
  });

  it("re-enabling clears a sign-in lock", async () => {
    const ada = await addStaff("ada@shop.test", "admin");
    const sam = await addStaff("sam@shop.test", "agent", true);
    await db().staffUser.update({ where: { id: sam.id }, data: { failedSignInCount: 7, lockedUntil: new Date(Date.now() + 3600_000) } });
    expect(await setStaffDisabled(ada, { staffId: sam.id, disabled: false })).toEqual({ ok: true, message: "sam is active again." });
    expect(await db().staffUser.findUniqueOrThrow({ where: { id: sam.id } })).toMatchObject({
      disabledAt: null,
      failedSignInCount: 0,
      lockedUntil: null,
    });
  });

  it("lists active staff before disabled staff", async () => {
    await addStaff("zed@shop.test", "agent", true);
    await addStaff("amy@shop.test", "viewer");
    expect((await listStaff()).map((s) => [s.email, s.disabled])).toEqual([
      ["amy@shop.test", false],
      ["zed@shop.test", true],
    ]);
  });
});
