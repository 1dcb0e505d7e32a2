import { ROLE_LABEL, sortedRoles, type StaffRole } from "./roles";

/**
 * THE permission table: every action staff can take, and the roles that may take it. Server
 * actions and routes check it (requirePermission, refuseUnlessAllowed), pages hide what a person
 * may not do with `can`, docs/ROLES.md is generated from it (scripts/roles-doc.ts) and the
 * authorization matrix (tests/authorization) calls every action as every role. A role not listed
 * is refused: deny by default.
 *
 * Roles follow Stripe's Dashboard (https://docs.stripe.com/get-started/account/teams/roles).
 */

interface PermissionSpec {
  readonly roles: readonly StaffRole[];
  /** What it lets a person do, in the merchant's words (the doc's second column). */
  readonly does: string;
}

const EVERY_ROLE = ["administrator", "developer", "analyst", "support_specialist", "refund_analyst", "dispute_analyst", "view_only"] as const;

export const PERMISSIONS = {
  "dashboard.read": {
    roles: EVERY_ROLE,
    does: "See every dashboard page: overview, payments, refunds, payouts, disputes, customers, events, audit log, settings",
  },
  "self.manage": {
    roles: EVERY_ROLE,
    does: "Change one's own password, number format and time zone; set up one's own two-factor sign-in and draw new recovery codes, confirm it is oneself for a high-risk action; sign out everywhere",
  },
  "self.two_factor.turn_off": {
    // Administrators and Developers always need a second factor (two-factor/requirement.ts).
    roles: ["analyst", "support_specialist", "refund_analyst", "dispute_analyst", "view_only"],
    does: "Turn off one's own two-factor sign-in (not while another role one holds, or an Administrator's setting, requires it)",
  },
  "payments.export": {
    roles: ["administrator", "analyst"],
    does: "Export payments as CSV",
  },
  "lists.export": {
    roles: ["administrator", "analyst"],
    does: "Export refunds, payouts, disputes, customers, events and the audit log as CSV",
  },
  "customers.create": {
    roles: ["administrator", "support_specialist"],
    does: "Create a customer",
  },
  "customers.update": {
    roles: ["administrator", "support_specialist"],
    does: "Change a customer's name, email, phone and metadata",
  },
  "customers.card_links.send": {
    roles: ["administrator", "support_specialist"],
    does: "Send a customer a link to save a card",
  },
  "customers.links.withdraw": {
    roles: ["administrator", "support_specialist"],
    does: "Withdraw a card or payment link still open (also needs the permission that sent it)",
  },
  "customers.cards.manage": {
    roles: ["administrator", "support_specialist"],
    does: "Choose a customer's default card, remove a saved card",
  },
  "payments.create": {
    roles: ["administrator", "support_specialist"],
    does: "Charge a saved card, send a payment link",
  },
  "refunds.create_partial": {
    roles: ["administrator", "support_specialist", "refund_analyst"],
    does: "Refund part of what is left on a payment",
  },
  "refunds.create": {
    roles: ["administrator", "refund_analyst"],
    does: "Refund any amount, including all that is left on a payment",
  },
  "disputes.evidence.stage": {
    roles: ["administrator", "dispute_analyst"],
    does: "Save dispute evidence as a draft, upload evidence files",
  },
  "disputes.evidence.submit": {
    roles: ["administrator", "dispute_analyst"],
    does: "Submit dispute evidence to the card network",
  },
  "disputes.accept": {
    // Stricter than Stripe may be (UNCONFIRMED whether its Dispute analysts accept): giving up is
    // irreversible, and before Stripe's roles only admins could.
    roles: ["administrator"],
    does: "Accept a dispute (give up; irreversible)",
  },
  "events.replay": {
    roles: ["administrator", "developer"],
    does: "Process a stored event again",
  },
  "events.catch_up": {
    roles: ["administrator", "developer"],
    does: "Catch up on events Stripe sent that never arrived, backfill older objects",
  },
  "webhooks.endpoint.manage": {
    roles: ["administrator", "developer"],
    does: "Create or update this deployment's webhook endpoint at Stripe",
  },
  "stripe.readiness.view": {
    roles: ["administrator", "developer"],
    does: "Run the live-readiness check (Settings → Stripe readiness)",
  },
  "settings.manage": {
    roles: ["administrator"],
    does: "Change the merchant's time zone and the large-amount confirmation thresholds; the security settings: who needs two-factor sign-in, how recent a sign-in high-risk actions need, the refund amounts that need one",
  },
  "staff.manage": {
    roles: ["administrator"],
    does: "Invite staff, change their roles, disable them, end their sessions, lift a sign-in lock, remove someone else's second factor",
  },
} as const satisfies Record<string, PermissionSpec>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** Whether a person holding these roles may do this: true when any one of them may. */
export function can(roles: readonly StaffRole[], permission: Permission): boolean {
  const allowed: readonly StaffRole[] = PERMISSIONS[permission].roles;
  return roles.some((role) => allowed.includes(role));
}

/** The roles that hold a permission, in STAFF_ROLES order. */
export function rolesWith(permission: Permission): StaffRole[] {
  return sortedRoles(PERMISSIONS[permission].roles);
}

/** The permissions a set of roles holds, in table order. */
export function permissionsOf(roles: readonly StaffRole[]): Permission[] {
  return PERMISSION_NAMES.filter((permission) => can(roles, permission));
}

/** "Administrator or Refund analyst": who to ask for a permission one lacks. */
export function rolesWithLabel(permission: Permission): string {
  return rolesWith(permission).map((role) => ROLE_LABEL[role]).join(" or ");
}
