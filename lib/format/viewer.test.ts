import { describe, expect, it } from "vitest";
import { setMerchantTimeZone } from "@/lib/listing/time-zone";
import { useTestDatabase } from "@/lib/testing/db";
import { getViewerFormat } from "./viewer";

useTestDatabase();

describe("getViewerFormat", () => {
  it("reads in US English in the merchant's time zone, and follows a change of zone", async () => {
    expect(await getViewerFormat()).toEqual({ locale: "en-US", timeZone: "UTC" });
    await setMerchantTimeZone("America/Santiago");
    expect(await getViewerFormat()).toEqual({ locale: "en-US", timeZone: "America/Santiago" });
  });
});
