import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDay, formatRelative, formatShortDay } from "./dates";

const us = (timeZone: string) => ({ locale: "en-US", timeZone });

describe("dates and times", () => {
  const at = new Date("2026-11-27T23:30:00Z");

  it("shows an instant in the viewer's time zone, naming the zone, one style for every page", () => {
    expect(formatDateTime(at, us("UTC"))).toBe("Nov 27, 2026, 11:30 PM UTC");
    expect(formatDateTime(at, us("Asia/Tokyo"))).toBe("Nov 28, 2026, 8:30 AM GMT+9");
    expect(formatDateTime(at, us("America/New_York"))).toBe("Nov 27, 2026, 6:30 PM EST");
    expect(formatDate(at, us("Asia/Tokyo"))).toBe("Nov 28, 2026");
    expect(formatDate(at, us("America/New_York"))).toBe("Nov 27, 2026");
  });

  it("follows the viewer's locale", () => {
    const london = { locale: "en-GB", timeZone: "Europe/London" };
    expect(formatDateTime(at, london)).toBe("27 Nov 2026, 23:30 GMT");
    expect(formatDate(at, { locale: "de-DE", timeZone: "Europe/Berlin" })).toBe("28. Nov. 2026");
    expect(formatShortDay("2026-11-01", london)).toBe("01/11");
    expect(formatShortDay("2026-11-01", us("UTC"))).toBe("11/1");
  });

  it("reads a calendar day as that day in any zone, never shifting it", () => {
    expect(formatDay("2026-11-01", us("Pacific/Kiritimati"))).toBe("Nov 1, 2026");
    expect(formatDay("2026-11-01", us("Etc/GMT+12"))).toBe("Nov 1, 2026");
    expect(() => formatDay("2026-11-1", us("UTC"))).toThrow(RangeError);
  });

  it("shows a dash, not a made-up date, when there is no date", () => {
    expect(formatDateTime(null, us("UTC"))).toBe("—");
    expect(formatDate(undefined, us("UTC"))).toBe("—");
    expect(formatDateTime("not a date", us("UTC"))).toBe("—");
  });

  it("says how far a deadline is, never overstating the time left", () => {
    const later = (ms: number) => new Date(at.getTime() + ms);
    expect(formatRelative(later(50 * 3_600_000 + 59 * 60_000), at, us("UTC"))).toBe("in 50 hours");
    expect(formatRelative(later(4 * 86_400_000 - 1), at, us("UTC"))).toBe("in 3 days");
    expect(formatRelative(later(-90 * 60_000), at, us("UTC"))).toBe("1 hour ago");
    expect(formatRelative(later(30_000), at, us("UTC"))).toBe("in 1 minute");
    expect(formatRelative(later(-5 * 86_400_000), at, { locale: "fr-FR", timeZone: "UTC" })).toBe("il y a 5 jours");
  });
});
