import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setMerchantTimeZone } from "@/lib/listing/time-zone";
import { useTestDatabase } from "@/lib/testing/db";
import { actAs, installRequestContext } from "../../tests/authorization/request-context";
import { getViewerFormat } from "./viewer";

const SECRET = "viewer-format-session-secret-0123456789abcdef";
process.env.NEXTAUTH_SECRET = SECRET;
installRequestContext();
useTestDatabase();

describe("getViewerFormat", () => {
  it("reads in the person's own locale and the merchant's time zone, and follows a change of either", async () => {
    const staff = await db().staffUser.create({ data: { email: "viewer@format.test", name: "V", role: "viewer", passwordHash: "unused", locale: "de-DE" } });
    await actAs({ id: staff.id, email: staff.email, role: "viewer" }, SECRET);
    expect(await getViewerFormat()).toEqual({ locale: "de-DE", timeZone: "UTC" });
    await setMerchantTimeZone("America/Santiago");
    await db().staffUser.update({ where: { id: staff.id }, data: { locale: "en-IN" } });
    expect(await getViewerFormat()).toEqual({ locale: "en-IN", timeZone: "America/Santiago" });
  });
});
