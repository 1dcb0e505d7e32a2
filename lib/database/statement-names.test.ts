import { describe, expect, it } from "vitest";
import { MAX_NAMED_STATEMENTS, preparedStatementName } from "./statement-names";

describe("prepared statement names", () => {
  it("give one text one name and two texts two, and stop naming new texts past the cap", () => {
    const first = preparedStatementName("SELECT $1::int");
    expect(first).toMatch(/^ll_[0-9a-f]{24}$/);
    expect(preparedStatementName(`SELECT ${"$1"}::int`)).toBe(first);
    expect(preparedStatementName("SELECT $1::bigint")).not.toBe(first);
    for (let i = 0; i < MAX_NAMED_STATEMENTS; i++) preparedStatementName(`SELECT $1::int + ${i}`);
    expect(preparedStatementName("SELECT $1::numeric")).toBeUndefined();
    // Texts named before the cap keep their names.
    expect(preparedStatementName("SELECT $1::int")).toBe(first);
  });
});
