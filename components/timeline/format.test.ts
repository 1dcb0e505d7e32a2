import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, relativeTo } from "./format";

describe("dates on the money pages", () => {
  const at = new Date("2026-11-27T23:30:00Z");

  it("shows the instant in the merchant's time zone, naming the zone", () => {
    expect(formatDateTime(at)).toBe("27 Nov 2026, 23:30 UTC");
    expect(formatDateTime(at, "Asia/Tokyo")).toBe("28 Nov 2026, 08:30 GMT+9");
    expect(formatDate(at, "America/New_York")).toBe("27 Nov 2026");
    expect(formatDateTime(null)).toBe("—");
  });

  it("says how far a deadline is", () => {
    expect(relativeTo(new Date(at.getTime() + 50 * 3_600_000), at)).toBe("in 2 days 2 h");
    expect(relativeTo(new Date(at.getTime() - 90 * 60_000), at)).toBe("1 h 30 min ago");
  });
});
