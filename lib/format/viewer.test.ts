import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setMerchantTimeZone } from "@/lib/listing/time-zone";
import { useTestDatabase } from "@/tests/support/db";
import { actAs, installRequestContext } from "../../tests/authorization/request-context";
import { setOwnTimeZone } from "@/lib/auth/own-preferences";
import { getViewerFormat } from "./viewer";

const SECRET = "viewer-format-session-secret-0123456789abcdef";
process.env.NEXTAUTH_SECRET = SECRET;
installRequestContext();
useTestDatabase();

describe("getViewerFormat", () => {
  it("reads in the person's own locale and the merchant's time zone, and follows a change of either", async () => {
    const staff = await db().staffUser.create({ data: { email: "viewer@format.test", name: "V", roles: ["view_only"], passwordHash: "unused", locale: "de-DE" } });
    await actAs({ id: staff.id, email: staff.email, roles: ["view_only"] }, SECRET);
    expect(await getViewerFormat()).toEqual({ locale: "de-DE", timeZone: "UTC" });
    await setMerchantTimeZone("America/Santiago");
    await db().staffUser.update({ where: { id: staff.id }, data: { locale: "en-IN" } });
    expect(await getViewerFormat()).toEqual({ locale: "en-IN", timeZone: "America/Santiago" });
  });

  it("reads in the person's own time zone once they chose one, and the merchant's again after", async () => {
    const staff = await db().staffUser.create({ data: { email: "zoned@format.test", name: "Z", roles: ["support_specialist", "refund_analyst", "dispute_analyst"], passwordHash: "unused" } });
    await actAs({ id: staff.id, email: staff.email, roles: ["support_specialist", "refund_analyst", "dispute_analyst"] }, SECRET);
    await setMerchantTimeZone("Asia/Tokyo");
    expect(await setOwnTimeZone(staff.id, "Europe/Lisbon", "Asia/Tokyo")).toEqual({ ok: true, message: "Dates now show in Europe/Lisbon." });
    expect(await getViewerFormat()).toEqual({ locale: "en-US", timeZone: "Europe/Lisbon" });
    expect(await setOwnTimeZone(staff.id, "Mars/Olympus", "Asia/Tokyo")).toEqual({ ok: false, error: "Choose a time zone from the list." });
    expect(await setOwnTimeZone(staff.id, "", "Asia/Tokyo")).toEqual({ ok: true, message: "Dates now follow the merchant's time zone (Asia/Tokyo)." });
    expect(await getViewerFormat()).toEqual({ locale: "en-US", timeZone: "Asia/Tokyo" });
    const changes = await db().staffAction.findMany({ where: { actorId: staff.id, kind: "staff.time_zone.change" }, orderBy: { createdAt: "asc" } });
    expect(changes.map((c) => c.outcome)).toEqual([{ from: null, to: "Europe/Lisbon" }, { from: "Europe/Lisbon", to: null }]);
  });
});
