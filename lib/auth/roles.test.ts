import { describe, expect, it } from "vitest";
import { CAPABILITIES, can, rolesWith, type Capability } from "./roles";

describe("roles", () => {
  it("lets a viewer read and nothing else", () => {
    for (const capability of Object.keys(CAPABILITIES) as Capability[]) {
      expect(can("viewer", capability)).toBe(capability === "read");
    }
  });

  it("lets an agent move money and answer disputes but not take admin decisions", () => {
    for (const capability of ["read", "charge", "refund", "sendCardLink", "stageEvidence", "submitEvidence"] as const) {
      expect(can("agent", capability)).toBe(true);
    }
    for (const capability of ["acceptDispute", "manageStaff", "manageStripeSettings"] as const) {
      expect(can("agent", capability)).toBe(false);
    }
  });

  it("lets an admin do everything", () => {
    for (const capability of Object.keys(CAPABILITIES) as Capability[]) expect(can("admin", capability)).toBe(true);
  });

  it("lists the roles holding a capability", () => {
    expect(rolesWith("refund")).toEqual(["agent", "admin"]);
    expect(rolesWith("manageStaff")).toEqual(["admin"]);
  });
});
