import { describe, expect, it } from "vitest";
import { can, PERMISSION_NAMES, PERMISSIONS, permissionsOf, rolesWith } from "./permissions";
import { rolesLabel, sortedRoles, STAFF_ROLES } from "./roles";

describe("Stripe's roles and the permission table", () => {
  it("lets View only read and look after their own account, nothing else", () => {
    expect(permissionsOf(["view_only"])).toEqual(["dashboard.read", "self.manage", "self.two_factor.turn_off"]);
  });

  it("lets an Administrator do everything but turn off their own second factor", () => {
    expect(permissionsOf(["administrator"])).toEqual(PERMISSION_NAMES.filter((p) => p !== "self.two_factor.turn_off"));
  });

  it("gives each other role its own area and nothing of the others'", () => {
    // Administrators and Developers always need a second factor, so only the others may turn theirs off.
    const BASE = ["dashboard.read", "self.manage", "self.two_factor.turn_off"];
    expect(permissionsOf(["developer"])).toEqual(["dashboard.read", "self.manage", "events.replay", "events.catch_up", "webhooks.endpoint.manage", "stripe.readiness.view"]);
    expect(permissionsOf(["analyst"])).toEqual([...BASE, "payments.export", "lists.export"]);
    expect(permissionsOf(["support_specialist"])).toEqual([
      ...BASE, "customers.create", "customers.update", "customers.card_links.send", "customers.links.withdraw", "customers.cards.manage", "payments.create", "refunds.create_partial",
    ]);
    expect(permissionsOf(["refund_analyst"])).toEqual([...BASE, "refunds.create_partial", "refunds.create"]);
    expect(permissionsOf(["dispute_analyst"])).toEqual([...BASE, "disputes.evidence.stage", "disputes.evidence.submit"]);
  });

  it("gives several roles the union of their permissions, as Stripe does", () => {
    const agent = ["support_specialist", "refund_analyst", "dispute_analyst"] as const;
    expect(can(agent, "refunds.create")).toBe(true);
    expect(can(agent, "disputes.evidence.submit")).toBe(true);
    expect(can(agent, "disputes.accept")).toBe(false);
    expect(can(agent, "staff.manage")).toBe(false);
    expect(can([], "dashboard.read")).toBe(false);
  });

  it("keeps only Administrators in charge of staff and settings", () => {
    expect(rolesWith("staff.manage")).toEqual(["administrator"]);
    expect(rolesWith("settings.manage")).toEqual(["administrator"]);
    expect(rolesWith("disputes.accept")).toEqual(["administrator"]);
  });

  it("names only known roles, each once, in every row", () => {
    for (const [name, spec] of Object.entries(PERMISSIONS)) {
      expect(spec.roles.length, name).toBeGreaterThan(0);
      expect(sortedRoles(spec.roles), name).toEqual(rolesWith(name as keyof typeof PERMISSIONS));
      expect(new Set(spec.roles).size, name).toBe(spec.roles.length);
      for (const role of spec.roles) expect(STAFF_ROLES, name).toContain(role);
    }
  });

  it("reads a set of roles out in the table's order", () => {
    expect(rolesLabel(["dispute_analyst", "support_specialist", "refund_analyst"])).toBe("Support specialist, Refund analyst and Dispute analyst");
    expect(rolesLabel(["view_only"])).toBe("View only");
  });
});
