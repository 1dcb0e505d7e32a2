import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { staffForSession } from "./access";
import { setOwnTheme, THEME_CHANGE } from "./own-preferences";

useTestDatabase();

async function person(email: string) {
  return db().staffUser.create({ data: { email, name: "T", roles: ["view_only"], passwordHash: "unused" } });
}
const claim = (id: string) => ({ staffId: id, signedInAt: Date.now(), sessionVersion: 0 });

describe("each person's theme", () => {
  it("follows the system until the person chooses, keeps their choice on the profile, and audits each change", async () => {
    const staff = await person("theme@prefs.test");
    expect((await staffForSession(claim(staff.id)))?.theme).toBe("system");

    expect(await setOwnTheme(staff.id, "dark")).toEqual({ ok: true, message: "Pages are now dark." });
    expect((await staffForSession(claim(staff.id)))?.theme).toBe("dark");
    expect(await setOwnTheme(staff.id, "system")).toEqual({ ok: true, message: "Pages now follow your system's light or dark setting." });
    expect((await staffForSession(claim(staff.id)))?.theme).toBe("system");

    const changes = await db().staffAction.findMany({ where: { actorId: staff.id, kind: THEME_CHANGE }, orderBy: { createdAt: "asc" } });
    expect(changes.map((c) => [c.status, c.outcome])).toEqual([
      ["succeeded", { from: "system", to: "dark" }],
      ["succeeded", { from: "dark", to: "system" }],
    ]);
  });

  it("refuses anything but system, light or dark, and changes nothing", async () => {
    const staff = await person("bad-theme@prefs.test");
    for (const input of ["purple", "", null, 1, "DARK"]) {
      expect(await setOwnTheme(staff.id, input)).toEqual({ ok: false, error: "Choose system, light or dark." });
    }
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } })).theme).toBe("system");
    expect(await db().staffAction.count({ where: { actorId: staff.id } })).toBe(0);
  });

  it("refuses a disabled account", async () => {
    const staff = await person("gone-theme@prefs.test");
    await db().staffUser.update({ where: { id: staff.id }, data: { disabledAt: new Date() } });
    expect(await setOwnTheme(staff.id, "light")).toEqual({ ok: false, error: "Your account is no longer active." });
    expect((await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } })).theme).toBe("system");
  });
});
