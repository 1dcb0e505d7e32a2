/**
 * Stripe's Dashboard roles, as far as Ledgerline has the features they cover
 * (https://docs.stripe.com/get-started/account/teams/roles). A person may hold several; they then
 * hold every permission of each, as at Stripe. What each role may do is in permissions.ts.
 */

export const STAFF_ROLES = [
  "administrator",
  "developer",
  "analyst",
  "support_specialist",
  "refund_analyst",
  "dispute_analyst",
  "view_only",
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: unknown): value is StaffRole {
  return typeof value === "string" && (STAFF_ROLES as readonly string[]).includes(value);
}

export const ROLE_LABEL: Record<StaffRole, string> = {
  administrator: "Administrator",
  developer: "Developer",
  analyst: "Analyst",
  support_specialist: "Support specialist",
  refund_analyst: "Refund analyst",
  dispute_analyst: "Dispute analyst",
  view_only: "View only",
};

export const ROLE_DESCRIPTION: Record<StaffRole, string> = {
  administrator: "Everything, including staff, settings and accepting disputes",
  developer: "The webhook endpoint, the event log and replays, the readiness check",
  analyst: "Reads everything and exports payments",
  support_specialist: "Customers, card links, charging saved cards and partial refunds",
  refund_analyst: "Refunds, partial or full",
  dispute_analyst: "Disputes: drafting and submitting evidence",
  view_only: "Reads everything, changes nothing",
};

/** Roles in the order of STAFF_ROLES, without repeats: one way to store and show a set. */
export function sortedRoles(roles: Iterable<StaffRole>): StaffRole[] {
  const held = new Set(roles);
  return STAFF_ROLES.filter((role) => held.has(role));
}

/** "Support specialist, Refund analyst and Dispute analyst". */
export function rolesLabel(roles: readonly StaffRole[]): string {
  const labels = sortedRoles(roles).map((role) => ROLE_LABEL[role]);
  if (labels.length <= 1) return labels[0] ?? "no role";
  return `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}
