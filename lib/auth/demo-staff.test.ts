import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { demoStaffBlockingStart, ensureDemoStaff, removeDemoStaff } from "./demo-staff";
import { signInStaff } from "./sign-in";

useTestDatabase();

const EMULATOR = { embedded: true, stripeMode: "emulator" } as const;

describe("ensureDemoStaff", () => {
  it("creates nothing outside embedded mode, nor with real Stripe keys", async () => {
    expect(await ensureDemoStaff({ embedded: false, stripeMode: "emulator" })).toEqual([]);
    expect(await ensureDemoStaff({ embedded: true, stripeMode: "test" })).toEqual([]);
    expect(await ensureDemoStaff({ embedded: true, stripeMode: "live" })).toEqual([]);
    expect(await db().staffUser.count()).toBe(0);
  });

  it("creates one person per kind of work on the first run, and their printed logins work", async () => {
    const logins = await ensureDemoStaff(EMULATOR);
    expect(logins.map((l) => [l.email, l.roles])).toEqual([
      ["admin@ledgerline.test", ["administrator"]],
      ["agent@ledgerline.test", ["support_specialist", "refund_analyst", "dispute_analyst"]],
      ["viewer@ledgerline.test", ["view_only"]],
      ["developer@ledgerline.test", ["developer"]],
      ["analyst@ledgerline.test", ["analyst"]],
    ]);
    for (const login of logins) {
      expect(await signInStaff(login.email, login.password)).toMatchObject({ ok: true, staff: { roles: login.roles } });
    }
  });

  it("does not recreate accounts removed or changed after the first run", async () => {
    await db().staffUser.delete({ where: { email: "agent@ledgerline.test" } });
    await db().staffUser.update({ where: { email: "viewer@ledgerline.test" }, data: { passwordHash: "changed" } });
    const logins = await ensureDemoStaff(EMULATOR);
    expect(logins.map((l) => l.email)).toEqual(["admin@ledgerline.test", "developer@ledgerline.test", "analyst@ledgerline.test"]);
    expect(await db().staffUser.count()).toBe(4);
  });
});

describe("demo staff and live keys", () => {
  it("stop a live start while any demo account is active, naming the accounts and the command that removes them", async () => {
    await db().staffUser.deleteMany();
    await db().setting.deleteMany();
    await ensureDemoStaff(EMULATOR);
    const admin = await db().staffUser.findUniqueOrThrow({ where: { email: "admin@ledgerline.test" } });
    // The demo admin has acted: its account must stay for the audit log, disabled.
    await db().staffAction.create({ data: { actorId: admin.id, kind: "staff.invite", params: {}, idempotencyKey: "demo-history" } });
    // Even with a changed password: the demo admin may have made other accounts.
    await db().staffUser.update({ where: { id: admin.id }, data: { passwordHash: "changed" } });

    expect(await demoStaffBlockingStart({ embedded: true, stripeMode: "test" })).toBeNull();
    const refusal = await demoStaffBlockingStart({ embedded: false, stripeMode: "live" });
    expect(refusal).toContain("admin@ledgerline.test, agent@ledgerline.test, analyst@ledgerline.test, developer@ledgerline.test, viewer@ledgerline.test");
    expect(refusal).toContain("npm run demo-staff:remove");

    expect(await removeDemoStaff()).toEqual([
      { email: "admin@ledgerline.test", outcome: "disabled" },
      { email: "agent@ledgerline.test", outcome: "deleted" },
      { email: "viewer@ledgerline.test", outcome: "deleted" },
      { email: "developer@ledgerline.test", outcome: "deleted" },
      { email: "analyst@ledgerline.test", outcome: "deleted" },
    ]);
    expect(await demoStaffBlockingStart({ embedded: false, stripeMode: "live" })).toBeNull();
    expect(await signInStaff("admin@ledgerline.test", "demo-admin-password")).toMatchObject({ ok: false });
    // A later start in emulator mode does not bring them back.
    expect(await ensureDemoStaff(EMULATOR)).toEqual([]);
  });
});
