import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextDay, parseDay, previousDay, startOfDayIn } from "./days";

// The runtime's own calendar, read through Intl, is the referee: a day starts at the first instant
// whose local date is that day, whatever the zone does with its clocks around midnight.
const localDates = new Map<string, Intl.DateTimeFormat>();
function localDate(instant: number, timeZone: string): string {
  let format = localDates.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    localDates.set(timeZone, format);
  }
  return format.format(instant);
}

function daysOf(year: number): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

describe("the start of a day in every zone", () => {
  // The server's own zone must not leak in: run under one whose clocks jump at midnight.
  const serverZone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = "America/Santiago";
  });
  afterAll(() => {
    if (serverZone === undefined) delete process.env.TZ;
    else process.env.TZ = serverZone;
  });
  const zones = Intl.supportedValuesOf("timeZone");
  const days = [...daysOf(2024), ...daysOf(2026)];

  it("is the first instant of that local date, for every zone the runtime knows and every day of 2024 and 2026", () => {
    const wrong: string[] = [];
    for (const zone of zones) {
      for (const day of days) {
        const start = startOfDayIn(day, zone).getTime();
        const before = previousDay(day);
        if (localDate(start, zone) !== day || localDate(start - 1, zone) !== before) {
          wrong.push(`${zone} ${day}: ${new Date(start).toISOString()} is ${localDate(start, zone)}, 1 ms earlier is ${localDate(start - 1, zone)}`);
        }
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    expect(zones.length * days.length).toBeGreaterThan(200_000);
  }, 60_000);

  it("starts a day whose midnight is skipped when the clocks move, not an hour early", () => {
    // Chile and Cuba move their clocks forward at midnight: 00:00 never happens on these days.
    expect(startOfDayIn("2024-09-08", "America/Santiago").toISOString()).toBe("2024-09-08T04:00:00.000Z");
    expect(startOfDayIn("2024-03-10", "America/Havana").toISOString()).toBe("2024-03-10T05:00:00.000Z");
  });

  it("ends a day where the next one starts, so day filters neither overlap nor leave a gap", () => {
    // Santiago's 7 September 2024 lasts 24 hours; the 8th, which loses its first hour, lasts 23.
    const hours = (day: string) => (startOfDayIn(nextDay(day), "America/Santiago").getTime() - startOfDayIn(day, "America/Santiago").getTime()) / 3_600_000;
    expect(hours("2024-09-07")).toBe(24);
    expect(hours("2024-09-08")).toBe(23);
  });

  it("refuses a day that does not exist instead of rolling it into the next month", () => {
    expect(parseDay("2026-02-31")).toEqual({ ok: false, message: "“2026-02-31” is not a date: February 2026 has 28 days." });
    expect(parseDay("2024-02-29")).toEqual({ ok: true, day: "2024-02-29" });
    expect(parseDay("2026-02-29")).toMatchObject({ ok: false, message: expect.stringContaining("February 2026 has 28 days") });
    expect(parseDay("2026-13-01")).toMatchObject({ ok: false, message: expect.stringContaining("there is no month 13") });
    expect(parseDay("2026-04-00")).toMatchObject({ ok: false, message: expect.stringContaining("April 2026 has 30 days") });
    expect(parseDay("yesterday")).toMatchObject({ ok: false, message: expect.stringContaining("write it as YYYY-MM-DD") });
    expect(parseDay("1969-12-31")).toMatchObject({ ok: false, message: expect.stringContaining("from 1970-01-01 on") });
    expect(() => startOfDayIn("2026-02-31", "UTC")).toThrow(/February 2026 has 28 days/);
    expect(() => nextDay("2026-02-31")).toThrow(RangeError);
  });

  it("steps across months, leap days and years", () => {
    expect(nextDay("2024-02-28")).toBe("2024-02-29");
    expect(nextDay("2024-02-29")).toBe("2024-03-01");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(previousDay("2026-03-01")).toBe("2026-02-28");
    expect(previousDay("2024-01-01")).toBe("2023-12-31");
  });
});
