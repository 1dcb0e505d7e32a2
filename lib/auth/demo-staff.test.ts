import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { ensureDemoStaff } from "./demo-staff";
import { signInStaff } from "./sign-in";

useTestDatabase();

describe("ensureDemoStaff", () => {
  it("creates nothing outside embedded mode", async () => {
    expect(await ensureDemoStaff({ embedded: false })).toEqual([]);
    expect(await db().staffUser.count()).toBe(0);
  });

  it("creates admin, agent and viewer on the first run, and their printed logins work", async () => {
    const logins = await ensureDemoStaff({ embedded: true });
    expect(logins.map((l) => [l.email, l.role])).toEqual([
      ["admin@ledgerline.test", "admin"],
      ["agent@ledgerline.test", "agent"],
      ["viewer@ledgerline.test", "viewer"],
    ]);
    for (const login of logins) {
      expect(await signInStaff(login.email, login.password)).toMatchObject({ ok: true, staff: { role: login.role } });
    }
  });

  it("does not recreate accounts removed or changed after the first run", async () => {
    await db().staffUser.delete({ where: { email: "agent@ledgerline.test" } });
    await db().staffUser.update({ where: { email: "viewer@ledgerline.test" }, data: { passwordHash: "changed" } });
    const logins = await ensureDemoStaff({ embedded: true });
    expect(logins.map((l) => l.email)).toEqual(["admin@ledgerline.test"]);
    expect(await db().staffUser.count()).toBe(2);
  });
});
