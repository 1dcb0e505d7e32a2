/**
 * Who may do what. Roles are cumulative: a viewer reads, an agent also moves money for
 * customers, an admin also takes irreversible or account-wide decisions.
 */

export const STAFF_ROLES = ["admin", "agent", "viewer"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const CAPABILITIES = {
  read: ["viewer", "agent", "admin"],
  charge: ["agent", "admin"],
  refund: ["agent", "admin"],
  sendCardLink: ["agent", "admin"],
  stageEvidence: ["agent", "admin"],
  submitEvidence: ["agent", "admin"],
  acceptDispute: ["admin"],
  manageStaff: ["admin"],
  manageStripeSettings: ["admin"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Capability = keyof typeof CAPABILITIES;

export function can(role: StaffRole, capability: Capability): boolean {
  return (CAPABILITIES[capability] as readonly StaffRole[]).includes(role);
}

/** The roles that hold a capability, for `requireRole(...rolesWith("refund"))`. */
export function rolesWith(capability: Capability): StaffRole[] {
  return [...CAPABILITIES[capability]];
}

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === "string" && (STAFF_ROLES as readonly string[]).includes(value);
}

export const ROLE_LABEL: Record<StaffRole, string> = { admin: "Admin", agent: "Agent", viewer: "Viewer" };

export const ROLE_DESCRIPTION: Record<StaffRole, string> = {
  viewer: "Sees everything, changes nothing",
  agent: "Also charges saved cards, refunds, sends card links and answers disputes",
  admin: "Also accepts disputes, manages staff and Stripe settings",
};
