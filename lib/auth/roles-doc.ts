import { PERMISSION_NAMES, PERMISSIONS, can } from "./permissions";
import { ROLE_DESCRIPTION, ROLE_LABEL, STAFF_ROLES } from "./roles";

/**
 * docs/ROLES.md, written from the permission table alone (`npm run docs:roles`); a test fails when
 * the committed file differs, so the page cannot drift from what the code enforces.
 */

export const STRIPE_ROLES_PAGE = "https://docs.stripe.com/get-started/account/teams/roles";

const HEADER = `# Staff roles

<!-- Generated from lib/auth/permissions.ts by \`npm run docs:roles\`; do not edit by hand. -->

Ledgerline uses the roles of Stripe's Dashboard, as far as Ledgerline has the features they cover
(Stripe: [User roles](${STRIPE_ROLES_PAGE})). A person holds one or more roles and may then do
everything each of them may, as at Stripe ("If you assign a user multiple roles, they're assigned
all the permissions of each individual role"). Anything not listed for a role is refused: the
server checks this table on every page, server action and route, and the pages hide what a person
may not do.`;

const NOTES = `## Where Ledgerline differs from Stripe, and why

- **Every role reads every page**, payouts and the overview included. Stripe keeps balances,
  payouts and aggregate reports from Support specialists and View only; Ledgerline has no
  per-page read permission yet.
- **Support specialists refund in part only.** A refund that leaves nothing on the payment needs
  a Refund analyst or an Administrator (\`refunds.create\`); the server refuses it with that
  message. Stripe lets Support specialists refund; the split follows issue #20.
- **Only Administrators accept a dispute.** Whether Stripe's Dispute analyst may is not confirmed
  here; giving up is irreversible, before Stripe's roles only admins could, and former agents
  (now Dispute analysts among others) should not gain it by a migration. Dispute analysts draft
  and submit evidence.
- **Developers** get the webhook endpoint, the event log with replay and catch-up, and the
  readiness check. Stripe's Developer also sees API keys; Ledgerline shows no keys to anyone.
- **Analysts** read everything and export payments. Stripe lists bulk exports under the
  Administrator; its Analyst "can't access any account settings", which holds here too.
- Stripe's other roles (Super Administrator, IAM Administrator, Connect, Identity, Tax, Climate,
  Issuing, Terminal, Sandbox roles…) cover features Ledgerline does not have.

## From admin / agent / viewer

The migration \`staff_roles_as_stripe_defines_them\` turned every existing member of staff into:

| before | after |
| --- | --- |
| admin | Administrator |
| agent | Support specialist + Refund analyst + Dispute analyst |
| viewer | View only |

and ended every session, so each person signs in again under their new roles.`;

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

export function rolesDoc(): string {
  const roles = STAFF_ROLES.map((role) => `| ${ROLE_LABEL[role]} | \`${role}\` | ${cell(ROLE_DESCRIPTION[role])} |`);
  const head = `| permission | what it lets a person do | ${STAFF_ROLES.map((role) => ROLE_LABEL[role]).join(" | ")} |`;
  const rule = `| --- | --- | ${STAFF_ROLES.map(() => ":---:").join(" | ")} |`;
  const rows = PERMISSION_NAMES.map(
    (permission) => `| \`${permission}\` | ${cell(PERMISSIONS[permission].does)} | ${STAFF_ROLES.map((role) => (can([role], permission) ? "✓" : "")).join(" | ")} |`,
  );
  return [
    HEADER,
    "## Roles",
    ["| role | id | in short |", "| --- | --- | --- |", ...roles].join("\n"),
    "## Permissions",
    "Server actions, routes and pages name these (`requirePermission(\"refunds.create_partial\")`); `can(roles, permission)` answers the same question anywhere.",
    [head, rule, ...rows].join("\n"),
    NOTES,
  ].join("\n\n") + "\n";
}
