import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSION_NAMES } from "./permissions";
import { rolesDoc } from "./roles-doc";
import { ROLE_LABEL, STAFF_ROLES } from "./roles";

describe("docs/ROLES.md", () => {
  it("is what the permission table says: run `npm run docs:roles` after changing lib/auth/permissions.ts", () => {
    expect(readFileSync(path.resolve("docs", "ROLES.md"), "utf8")).toBe(rolesDoc());
  });

  it("lists every role and every permission, with a mark only where the table allows", () => {
    const doc = rolesDoc();
    for (const role of STAFF_ROLES) expect(doc).toContain(`| ${ROLE_LABEL[role]} | \`${role}\` |`);
    for (const permission of PERMISSION_NAMES) expect(doc).toContain(`| \`${permission}\` |`);
    const staffRow = doc.split("\n").find((line) => line.startsWith("| `staff.manage` |"))!;
    expect(staffRow.split("|").map((c) => c.trim()).slice(3, -1)).toEqual(["✓", "", "", "", "", "", ""]);
  });
});
