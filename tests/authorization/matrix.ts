// Who may call what: every server action and route handler of the app, with the callers allowed.
// tests/authorization/matrix.test.ts finds every "use server" export and every route.ts method in
// the source tree and fails when one is missing here, so a new action is refused by the suite until
// someone decides who may call it.
//
// Callers: anonymous (no session, no link), customerLink (no session, a valid customer link for
// the object), viewer, agent, admin (a signed-in staff member of that role, holding no link).
// Each call is made with inputs that are harmless when allowed (invalid or empty), so an allowed
// call shows itself by getting past the gate to a validation answer, never by moving money.

export const CALLERS = ["anonymous", "customerLink", "viewer", "agent", "admin"] as const;
export type Caller = (typeof CALLERS)[number];

export interface CallContext {
  /** Valid link tokens for this caller; unknown, well-formed tokens for everyone else. */
  setupToken: string;
  payToken: string;
  disputeId: string;
  paymentIntentId: string;
}

/** How a refusal looks for each kind of gate. */
export type Gate = "staff-action" | "customer-link" | "route" | "stripe-signature";

export interface MatrixEntry {
  /** `<file>#<export>`: the file relative to the repository root, the exported name or HTTP method. */
  target: string;
  allowed: readonly Caller[];
  gate: Gate;
  call(context: CallContext): Promise<unknown>;
}

const STAFF = ["viewer", "agent", "admin"] as const;
const MONEY = ["agent", "admin"] as const;
const ADMIN = ["admin"] as const;
const NOBODY = [] as const;
const EVERYONE = CALLERS;

const customers = () => import("@/app/(dashboard)/customers/actions");
const customer = () => import("@/app/(dashboard)/customers/[id]/actions");
const payment = () => import("@/app/(dashboard)/payments/[id]/actions");
const dispute = () => import("@/app/(dashboard)/disputes/[id]/actions");
const events = () => import("@/app/(dashboard)/events/actions");
const staff = () => import("@/app/(dashboard)/settings/staff/actions");
const timeZone = () => import("@/app/(dashboard)/settings/time-zone-actions");
const preferences = () => import("@/app/(dashboard)/settings/preference-actions");
const sessions = () => import("@/app/(dashboard)/settings/session-actions");
const password = () => import("@/app/(auth)/change-password/actions");
const twoFactor = () => import("@/app/(auth)/settings/two-factor/actions");
const stepUp = () => import("@/app/(dashboard)/settings/step-up-actions");
const setup = () => import("@/app/(customer)/setup/[token]/actions");
const pay = () => import("@/app/(customer)/pay/[token]/actions");

const BASE = "http://127.0.0.1:3000";

export const AUTHORIZATION_MATRIX: readonly MatrixEntry[] = [
  // Customers and charging (agents and admins move money; viewers only read).
  { target: "app/(dashboard)/customers/actions.ts#createCustomerAction", allowed: MONEY, gate: "staff-action", call: async () => (await customers()).createCustomerAction({}) },
  { target: "app/(dashboard)/customers/actions.ts#sendCardLinkAction", allowed: MONEY, gate: "staff-action", call: async () => (await customers()).sendCardLinkAction({}) },
  { target: "app/(dashboard)/customers/actions.ts#makeDefaultCardAction", allowed: MONEY, gate: "staff-action", call: async () => (await customers()).makeDefaultCardAction({}) },
  { target: "app/(dashboard)/customers/actions.ts#detachCardAction", allowed: MONEY, gate: "staff-action", call: async () => (await customers()).detachCardAction({}) },
  { target: "app/(dashboard)/customers/actions.ts#chargeSavedCardAction", allowed: MONEY, gate: "staff-action", call: async () => (await customers()).chargeSavedCardAction({}) },
  { target: "app/(dashboard)/customers/actions.ts#sendPaymentLinkAction", allowed: MONEY, gate: "staff-action", call: async () => (await customers()).sendPaymentLinkAction({}) },
  { target: "app/(dashboard)/customers/[id]/actions.ts#withdrawCustomerLinkAction", allowed: MONEY, gate: "staff-action", call: async () => (await customer()).withdrawCustomerLinkAction({}) },
  // Refunds.
  { target: "app/(dashboard)/payments/[id]/actions.ts#refundPaymentAction", allowed: MONEY, gate: "staff-action", call: async () => (await payment()).refundPaymentAction({}) },
  { target: "app/(dashboard)/payments/[id]/actions.ts#sendPaymentLinkFromPaymentAction", allowed: MONEY, gate: "staff-action", call: async () => (await payment()).sendPaymentLinkFromPaymentAction({}) },
  // Disputes: agents answer, only admins give up (accepting is irreversible).
  { target: "app/(dashboard)/disputes/[id]/actions.ts#stageEvidenceAction", allowed: MONEY, gate: "staff-action", call: async () => (await dispute()).stageEvidenceAction({}) },
  { target: "app/(dashboard)/disputes/[id]/actions.ts#submitEvidenceAction", allowed: MONEY, gate: "staff-action", call: async () => (await dispute()).submitEvidenceAction({}) },
  { target: "app/(dashboard)/disputes/[id]/actions.ts#acceptDisputeAction", allowed: ADMIN, gate: "staff-action", call: async () => (await dispute()).acceptDisputeAction({}) },
  // Webhook operations and Stripe settings.
  { target: "app/(dashboard)/events/actions.ts#replayEventAction", allowed: ADMIN, gate: "staff-action", call: async () => (await events()).replayEventAction({}) },
  { target: "app/(dashboard)/events/actions.ts#catchUpAction", allowed: ADMIN, gate: "staff-action", call: async () => (await events()).catchUpAction() },
  { target: "app/(dashboard)/events/actions.ts#backfillAction", allowed: ADMIN, gate: "staff-action", call: async () => (await events()).backfillAction() },
  { target: "app/(dashboard)/events/actions.ts#setUpEndpointAction", allowed: ADMIN, gate: "staff-action", call: async () => (await events()).setUpEndpointAction({ url: "not a url" }) },
  { target: "app/(dashboard)/settings/time-zone-actions.ts#updateTimeZone", allowed: ADMIN, gate: "staff-action", call: async () => (await timeZone()).updateTimeZone(null, new FormData()) },
  { target: "app/(dashboard)/settings/preference-actions.ts#updateConfirmationThreshold", allowed: ADMIN, gate: "staff-action", call: async () => (await preferences()).updateConfirmationThreshold(null, new FormData()) },
  // Staff management.
  { target: "app/(dashboard)/settings/staff/actions.ts#inviteStaffAction", allowed: ADMIN, gate: "staff-action", call: async () => (await staff()).inviteStaffAction({}) },
  { target: "app/(dashboard)/settings/staff/actions.ts#changeStaffRoleAction", allowed: ADMIN, gate: "staff-action", call: async () => (await staff()).changeStaffRoleAction({}) },
  { target: "app/(dashboard)/settings/staff/actions.ts#setStaffDisabledAction", allowed: ADMIN, gate: "staff-action", call: async () => (await staff()).setStaffDisabledAction({}) },
  { target: "app/(dashboard)/settings/staff/actions.ts#unlockStaffSignInAction", allowed: ADMIN, gate: "staff-action", call: async () => (await staff()).unlockStaffSignInAction({}) },
  { target: "app/(dashboard)/settings/staff/actions.ts#resetStaffTwoFactorAction", allowed: ADMIN, gate: "staff-action", call: async () => (await staff()).resetStaffTwoFactorAction({}) },
  { target: "app/(dashboard)/settings/staff/actions.ts#endStaffSessionsAction", allowed: ADMIN, gate: "staff-action", call: async () => (await staff()).endStaffSessionsAction({}) },
  // Every signed-in member of staff sets their own number format and changes their own password.
  { target: "app/(dashboard)/settings/preference-actions.ts#updateOwnNumberFormat", allowed: STAFF, gate: "staff-action", call: async () => (await preferences()).updateOwnNumberFormat(null, new FormData()) },
  { target: "app/(dashboard)/settings/preference-actions.ts#updateOwnTimeZone", allowed: STAFF, gate: "staff-action", call: async () => (await preferences()).updateOwnTimeZone(null, new FormData()) },
  { target: "app/(auth)/change-password/actions.ts#changeOwnPasswordAction", allowed: STAFF, gate: "staff-action", call: async () => (await password()).changeOwnPasswordAction({}) },
  // Each person sets up their own second factor (without a code, only the validation answers).
  { target: "app/(auth)/settings/two-factor/actions.ts#confirmEnrolmentAction", allowed: STAFF, gate: "staff-action", call: async () => (await twoFactor()).confirmEnrolmentAction({}) },
  // Each person proves themselves again for a high-risk action (without a password, only the validation answers).
  { target: "app/(dashboard)/settings/step-up-actions.ts#confirmIdentityAction", allowed: STAFF, gate: "staff-action", call: async () => (await stepUp()).confirmIdentityAction({}) },
  // Admins set who needs a second factor and what needs a recent confirmation.
  { target: "app/(dashboard)/settings/step-up-actions.ts#updateTwoFactorForAll", allowed: ADMIN, gate: "staff-action", call: async () => (await stepUp()).updateTwoFactorForAll(null, new FormData()) },
  { target: "app/(dashboard)/settings/step-up-actions.ts#updateStepUpWindow", allowed: ADMIN, gate: "staff-action", call: async () => (await stepUp()).updateStepUpWindow(null, new FormData()) },
  { target: "app/(dashboard)/settings/step-up-actions.ts#updateRefundStepUpThreshold", allowed: ADMIN, gate: "staff-action", call: async () => (await stepUp()).updateRefundStepUpThreshold(null, new FormData()) },
  // Each person ends their own sessions (without the confirmation, only the validation answers).
  { target: "app/(dashboard)/settings/session-actions.ts#signOutEverywhereAction", allowed: STAFF, gate: "staff-action", call: async () => (await sessions()).signOutEverywhereAction({}) },
  // Customer pages: the link is the only credential; a staff session grants nothing here.
  { target: "app/(customer)/setup/[token]/actions.ts#completeCardSetupAction", allowed: ["customerLink"], gate: "customer-link", call: async (c) => (await setup()).completeCardSetupAction(c.setupToken) },
  { target: "app/(customer)/pay/[token]/actions.ts#completePaymentLinkAction", allowed: ["customerLink"], gate: "customer-link", call: async (c) => (await pay()).completePaymentLinkAction(c.payToken) },
  // Route handlers.
  {
    target: "app/(dashboard)/payments/export/route.ts#GET",
    allowed: STAFF,
    gate: "route",
    call: async () => (await import("@/app/(dashboard)/payments/export/route")).GET(new Request(`${BASE}/payments/export`)),
  },
  {
    target: "app/(dashboard)/disputes/[id]/evidence-files/route.ts#POST",
    allowed: MONEY,
    gate: "route",
    call: async (c) =>
      (await import("@/app/(dashboard)/disputes/[id]/evidence-files/route")).POST(
        new Request(`${BASE}/disputes/${c.disputeId}/evidence-files`, { method: "POST", body: new FormData() }),
        { params: Promise.resolve({ id: c.disputeId }) },
      ),
  },
  { target: "app/api/health/route.ts#GET", allowed: EVERYONE, gate: "route", call: async () => (await import("@/app/api/health/route")).GET() },
  ...(["GET", "POST"] as const).map(
    (method): MatrixEntry => ({
      // Signing in must be reachable by everyone; what it hands out is tested in tests/security.
      target: `app/api/auth/[...nextauth]/route.ts#${method}`,
      allowed: EVERYONE,
      gate: "route",
      call: async () => {
        const { NextRequest } = await import("next/server");
        const route = await import("@/app/api/auth/[...nextauth]/route");
        const request = new NextRequest(`${BASE}/api/auth/${method === "GET" ? "providers" : "signout"}`, { method });
        return route[method](request, { params: Promise.resolve({ nextauth: [method === "GET" ? "providers" : "signout"] }) });
      },
    }),
  ),
  // Only Stripe, proven by the signature (tests/bad-inputs covers forged and stale ones): no session helps.
  {
    target: "app/api/webhooks/stripe/route.ts#POST",
    allowed: NOBODY,
    gate: "stripe-signature",
    call: async () =>
      (await import("@/app/api/webhooks/stripe/route")).POST(new Request(`${BASE}/api/webhooks/stripe`, { method: "POST", body: "{}" })),
  },
];
