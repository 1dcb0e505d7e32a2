// The closing table of bench:webhooks must say "met" exactly when the bound is reached,
// each bound in its own direction (throughput at least, WAL at most, p99 below).
import { describe, expect, it } from "vitest";
import { targetRows, targetsTable, type MeasuredCell } from "./targets";

const labels = { route: "route", verifyOnly: "verify-only", ingest: "ingest", baseline: "baseline" };
const cell = (target: string, concurrency: number, perSecond: number, p99 = 10, walBytesPerRequest: number | null = null): MeasuredCell => ({ target, concurrency, perSecond, p99, walBytesPerRequest });

function verdicts(cells: MeasuredCell[], database: "postgres" | "pglite" = "postgres"): Record<string, string> {
  const table = targetsTable(targetRows(cells, labels, database, [32])).slice(2);
  return Object.fromEntries(table.map((line) => line.split(" | ")).map((c) => [c[0]!.replace(/^\| /, ""), `${c[3]} ${c[4]!.replace(/ \|$/, "")}`]));
}

describe("issue #15's targets table", () => {
  it("meets each target at its bound and misses it just short of it", () => {
    const met = verdicts([
      cell("route", 32, 800), cell("verify-only", 32, 1000),
      cell("ingest", 32, 150, 49.9, 4500), cell("baseline", 32, 100, 5, 3000),
    ]);
    expect(met).toEqual({
      "route ≥ 0.8× the verify-only Next route (no proxy)": "0.80× yes",
      "route ≥ 4× the issue's PostgreSQL route (indicative)": "5.52× yes",
      "standalone ingest server ≥ 1.5× the one-transaction baseline": "1.50× yes",
      "standalone ingest server p99 < 50 ms": "— yes",
      "standalone ingest server's WAL per event ≤ 1.5× the one-transaction baseline's": "1.50× yes",
    });
    const missed = verdicts([
      cell("route", 32, 799), cell("verify-only", 32, 1000),
      cell("ingest", 32, 149, 50, 4501), cell("baseline", 32, 100, 5, 3000),
    ]);
    expect(Object.values(missed).map((v) => v.endsWith(" no"))).toEqual([true, false, true, true, true]);
  });

  it("holds PGlite to 5× the issue's PGlite route and reads no WAL there", () => {
    const met = verdicts([cell("route", 32, 400), cell("ingest", 32, 10), cell("baseline", 32, 10)], "pglite");
    expect(met["route ≥ 5× the issue's PGlite route (indicative)"]).toBe("4.88× no");
    expect(Object.keys(met).some((target) => target.includes("WAL"))).toBe(false);
  });
});
