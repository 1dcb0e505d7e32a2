// Who may call what: every server action and route handler of the app, with the permission of
// lib/auth/permissions.ts it takes. tests/authorization/matrix.test.ts finds every "use server"
// export and every route.ts method in the source tree and fails when one is missing here, or when
// a permission of the table is taken by no callable, so a new action is refused by the suite until
// someone decides who may call it.
//
// Callers: anonymous (no session, no link), customerLink (no session, a valid customer link for
// the object), and one signed-in member of staff per role of lib/auth/roles.ts. Each call is made
// with real inputs (ids of real rows, amounts that can be paid back) that succeed for a permitted
// role: an allowed call shows itself by succeeding, a refused one by its refusal and an unchanged
// database.
import { randomUUID } from "node:crypto";
import type { Permission } from "@/lib/auth/permissions";
import { STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";

export const CALLERS = ["anonymous", "customerLink", ...STAFF_ROLES] as const;
export type Caller = (typeof CALLERS)[number];

/** Real rows the calls act on, made once before the matrix runs. */
export interface World {
  customerId: string;
  /** A card saved on that customer. */
  paymentMethodId: string;
  /** A paid USD payment with plenty left to refund. */
  paymentIntentId: string;
  /** A dispute waiting for evidence. */
  disputeId: string;
  /** A stored event. */
  eventId: string;
  /** A member of staff to manage. */
  targetStaffId: string;
  /** An alert in each staff caller's own inbox. */
  alertIds: Partial<Record<Caller, string>>;
  /** A valid unsubscribe link's token (the target's, for new disputes). */
  unsubscribeToken: string;
}

export interface CallContext extends World {
  caller: Caller;
  /** Valid link tokens for this caller; unknown, well-formed tokens for everyone else. */
  setupToken: string;
  payToken: string;
  /** The caller's own password (staff only). */
  password: string;
  /** The caller's own staff row (staff only). */
  staffId: string | null;
  /** What this entry's `prepare` made for this call. */
  fresh: Record<string, string>;
}

/** What arranges fresh rows for one call: a card to remove, a dispute to accept. */
export interface Arrange {
  savedCard(): Promise<{ customerId: string; paymentMethodId: string }>;
  openCardLink(): Promise<{ customerId: string; linkId: string }>;
  paymentWaitingForCustomer(): Promise<string>;
  openDispute(): Promise<string>;
  /** A member of staff with a second factor on, for an admin to remove. */
  enrolledStaff(): Promise<string>;
  /** Every staff caller with a second factor on, for their own recovery codes and turn-off. */
  everyoneEnrolled(): Promise<Record<string, string>>;
  /** Every staff caller with an authenticator app and a passkey (whose key the test does not hold). */
  everyoneWithPasskey(): Promise<Record<string, string>>;
  /** A sign-in waiting for its second factor, of someone with a passkey: the challenge token. */
  signInChallengeWithPasskey(): Promise<Record<string, string>>;
}

/** How a refusal looks for each kind of gate. */
export type Gate = "staff-action" | "customer-link" | "route" | "stripe-signature";

/** A permission of the table, or who may call beyond staff. */
export type Allowed = Permission | "everyone" | "customerLink" | "nobody";

export interface MatrixEntry {
  /** `<file>#<export>`: the file relative to the repository root, the exported name or HTTP method. */
  target: string;
  allowed: Allowed;
  gate: Gate;
  /** Runs before each caller's call, outside the unchanged-database check. */
  prepare?: (arrange: Arrange) => Promise<Record<string, string>>;
  call(context: CallContext): Promise<unknown>;
}

const customers = () => import("@/app/(dashboard)/customers/actions");
const customer = () => import("@/app/(dashboard)/customers/[id]/actions");
const payment = () => import("@/app/(dashboard)/payments/[id]/actions");
const dispute = () => import("@/app/(dashboard)/disputes/[id]/actions");
const events = () => import("@/app/(dashboard)/events/actions");
const staff = () => import("@/app/(dashboard)/settings/staff/actions");
const timeZone = () => import("@/app/(dashboard)/settings/time-zone-actions");
const preferences = () => import("@/app/(dashboard)/settings/preference-actions");
const sessions = () => import("@/app/(dashboard)/settings/session-actions");
const alerts = () => import("@/app/(dashboard)/alerts/actions");
const alertPreferences = () => import("@/app/(dashboard)/settings/alerts/actions");
const password = () => import("@/app/(auth)/change-password/actions");
const twoFactor = () => import("@/app/(auth)/settings/two-factor/actions");
const stepUp = () => import("@/app/(dashboard)/settings/step-up-actions");
const passkeys = () => import("@/app/(dashboard)/settings/passkey-actions");
const signIn = () => import("@/app/(auth)/sign-in/actions");
const setup = () => import("@/app/(customer)/setup/[token]/actions");
const pay = () => import("@/app/(customer)/pay/[token]/actions");

const BASE = "http://127.0.0.1:3000";
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const id = () => randomUUID();

/** Makes this person's password the given one again (none to set for callers without a staff row). */
async function passwordRestored(staffId: string | null, password: string): Promise<string> {
  if (!staffId) return password;
  const { db } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/auth/password");
  await db().staffUser.update({ where: { id: staffId }, data: { passwordHash: await hashPassword(password) } });
  return password;
}

/**
 * A current code for a second factor being set up by this person (none for callers without a
 * staff row): whatever they had is cleared, a key is drawn as the Settings page would, and the
 * code is computed from it.
 */
async function freshEnrolmentCode(staffId: string | null): Promise<string> {
  if (!staffId) return "000000";
  const { db } = await import("@/lib/db");
  const { enrolmentState } = await import("@/lib/auth/two-factor/enrolment");
  const { totpCodeAt } = await import("@/tests/support/two-factor");
  await db().staffRecoveryCode.deleteMany({ where: { staffId } });
  await db().staffUser.update({ where: { id: staffId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
  const state = await enrolmentState({ id: staffId });
  if (state.enrolled) throw new Error("still enrolled after clearing");
  return totpCodeAt(state.secret, new Date());
}

export const AUTHORIZATION_MATRIX: readonly MatrixEntry[] = [
  // Customers and charging.
  { target: "app/(dashboard)/customers/actions.ts#createCustomerAction", allowed: "customers.create", gate: "staff-action",
    call: async (c) => (await customers()).createCustomerAction({ actionId: id(), name: "Matrix New", email: `new-${c.caller}@example.com` }) },
  { target: "app/(dashboard)/customers/[id]/actions.ts#editCustomerAction", allowed: "customers.update", gate: "staff-action",
    call: async (c) => (await customer()).editCustomerAction({ actionId: id(), customerId: c.customerId, name: `Matrix ${c.caller}`, email: `edited-${c.caller}@example.com`, phone: "+1 555 0100", metadata: `edited_by: ${c.caller}` }) },
  { target: "app/(dashboard)/customers/actions.ts#sendCardLinkAction", allowed: "customers.card_links.send", gate: "staff-action",
    call: async (c) => (await customers()).sendCardLinkAction({ actionId: id(), customerId: c.customerId }) },
  { target: "app/(dashboard)/customers/actions.ts#makeDefaultCardAction", allowed: "customers.cards.manage", gate: "staff-action",
    call: async (c) => (await customers()).makeDefaultCardAction({ actionId: id(), customerId: c.customerId, paymentMethodId: c.paymentMethodId }) },
  { target: "app/(dashboard)/customers/actions.ts#detachCardAction", allowed: "customers.cards.manage", gate: "staff-action",
    prepare: async (arrange) => arrange.savedCard(),
    call: async (c) => (await customers()).detachCardAction({ actionId: id(), customerId: c.fresh.customerId, paymentMethodId: c.fresh.paymentMethodId }) },
  { target: "app/(dashboard)/customers/actions.ts#chargeSavedCardAction", allowed: "payments.create", gate: "staff-action",
    call: async (c) => (await customers()).chargeSavedCardAction({ actionId: id(), customerId: c.customerId, paymentMethodId: c.paymentMethodId, amount: "12.00", currency: "usd", description: "Matrix order" }) },
  { target: "app/(dashboard)/customers/actions.ts#sendPaymentLinkAction", allowed: "payments.create", gate: "staff-action",
    prepare: async (arrange) => ({ paymentIntentId: await arrange.paymentWaitingForCustomer() }),
    call: async (c) => (await customers()).sendPaymentLinkAction({ actionId: id(), paymentIntentId: c.fresh.paymentIntentId }) },
  { target: "app/(dashboard)/customers/[id]/actions.ts#withdrawCustomerLinkAction", allowed: "customers.links.withdraw", gate: "staff-action",
    prepare: async (arrange) => arrange.openCardLink(),
    call: async (c) => (await customer()).withdrawCustomerLinkAction({ actionId: id(), customerId: c.fresh.customerId, linkId: c.fresh.linkId, purpose: "setup_card" }) },
  // Refunds: part of a payment (a Support specialist may), or all that is left (tested in lib/refunds).
  { target: "app/(dashboard)/payments/[id]/actions.ts#refundPaymentAction", allowed: "refunds.create_partial", gate: "staff-action",
    call: async (c) => (await payment()).refundPaymentAction({ actionId: id(), paymentIntentId: c.paymentIntentId, amount: "1.00", reason: "requested_by_customer", confirmOverBalance: "true" }) },
  { target: "app/(dashboard)/payments/[id]/actions.ts#sendPaymentLinkFromPaymentAction", allowed: "payments.create", gate: "staff-action",
    prepare: async (arrange) => ({ paymentIntentId: await arrange.paymentWaitingForCustomer() }),
    call: async (c) => (await payment()).sendPaymentLinkFromPaymentAction({ actionId: id(), paymentIntentId: c.fresh.paymentIntentId }) },
  // Disputes.
  { target: "app/(dashboard)/disputes/[id]/actions.ts#stageEvidenceAction", allowed: "disputes.evidence.stage", gate: "staff-action",
    call: async (c) => (await dispute()).stageEvidenceAction({ actionId: id(), disputeId: c.disputeId, customer_name: `Staged by ${c.caller}` }) },
  { target: "app/(dashboard)/disputes/[id]/actions.ts#submitEvidenceAction", allowed: "disputes.evidence.submit", gate: "staff-action",
    prepare: async (arrange) => ({ disputeId: await arrange.openDispute() }),
    call: async (c) => (await dispute()).submitEvidenceAction({ actionId: id(), disputeId: c.fresh.disputeId, confirm: "submit", customer_name: "Matrix Customer" }) },
  { target: "app/(dashboard)/disputes/[id]/actions.ts#attachCoverLetterAction", allowed: "disputes.evidence.stage", gate: "staff-action",
    call: async (c) => (await dispute()).attachCoverLetterAction({ actionId: id(), disputeId: c.disputeId }) },
  { target: "app/(dashboard)/disputes/[id]/actions.ts#acceptDisputeAction", allowed: "disputes.accept", gate: "staff-action",
    prepare: async (arrange) => ({ disputeId: await arrange.openDispute() }),
    call: async (c) => (await dispute()).acceptDisputeAction({ actionId: id(), disputeId: c.fresh.disputeId, confirm: "accept" }) },
  // Webhook operations and the endpoint (Developers and Administrators).
  { target: "app/(dashboard)/events/actions.ts#replayEventAction", allowed: "events.replay", gate: "staff-action",
    call: async (c) => (await events()).replayEventAction({ eventId: c.eventId }) },
  { target: "app/(dashboard)/events/actions.ts#catchUpAction", allowed: "events.catch_up", gate: "staff-action", call: async () => (await events()).catchUpAction() },
  { target: "app/(dashboard)/events/actions.ts#backfillAction", allowed: "events.catch_up", gate: "staff-action", call: async () => (await events()).backfillAction() },
  { target: "app/(dashboard)/events/actions.ts#setUpEndpointAction", allowed: "webhooks.endpoint.manage", gate: "staff-action",
    call: async () => (await events()).setUpEndpointAction({ appUrl: "https://dashboard.example.com" }) },
  // Merchant settings.
  { target: "app/(dashboard)/settings/time-zone-actions.ts#updateTimeZone", allowed: "settings.manage", gate: "staff-action",
    call: async () => (await timeZone()).updateTimeZone(null, form({ timeZone: "Europe/Berlin" })) },
  { target: "app/(dashboard)/settings/preference-actions.ts#updateConfirmationThreshold", allowed: "settings.manage", gate: "staff-action",
    call: async () => (await preferences()).updateConfirmationThreshold(null, form({ currency: "usd", amount: "5,000.00" })) },
  // Staff management.
  { target: "app/(dashboard)/settings/staff/actions.ts#inviteStaffAction", allowed: "staff.manage", gate: "staff-action",
    call: async (c) => (await staff()).inviteStaffAction({ email: `invited-${c.caller}@example.com`, name: "Invited", roles: ["analyst"] }) },
  { target: "app/(dashboard)/settings/staff/actions.ts#changeStaffRoleAction", allowed: "staff.manage", gate: "staff-action",
    call: async (c) => (await staff()).changeStaffRoleAction({ staffId: c.targetStaffId, roles: ["analyst", "refund_analyst"] }) },
  { target: "app/(dashboard)/settings/staff/actions.ts#setStaffDisabledAction", allowed: "staff.manage", gate: "staff-action",
    call: async (c) => (await staff()).setStaffDisabledAction({ staffId: c.targetStaffId, disabled: true }) },
  { target: "app/(dashboard)/settings/staff/actions.ts#unlockStaffSignInAction", allowed: "staff.manage", gate: "staff-action",
    call: async (c) => (await staff()).unlockStaffSignInAction({ staffId: c.targetStaffId }) },
  { target: "app/(dashboard)/settings/staff/actions.ts#endStaffSessionsAction", allowed: "staff.manage", gate: "staff-action",
    call: async (c) => (await staff()).endStaffSessionsAction({ staffId: c.targetStaffId }) },
  { target: "app/(dashboard)/settings/staff/actions.ts#resetStaffTwoFactorAction", allowed: "staff.manage", gate: "staff-action",
    prepare: async (arrange) => ({ staffId: await arrange.enrolledStaff() }),
    call: async (c) => (await staff()).resetStaffTwoFactorAction({ staffId: c.fresh.staffId }) },
  // Every signed-in member of staff looks after their own account.
  { target: "app/(dashboard)/settings/preference-actions.ts#updateOwnNumberFormat", allowed: "self.manage", gate: "staff-action",
    call: async () => (await preferences()).updateOwnNumberFormat(null, form({ locale: "de-DE" })) },
  { target: "app/(dashboard)/settings/preference-actions.ts#updateOwnTimeZone", allowed: "self.manage", gate: "staff-action",
    call: async () => (await preferences()).updateOwnTimeZone(null, form({ timeZone: "Asia/Tokyo" })) },
  { target: "app/(dashboard)/settings/preference-actions.ts#updateOwnTheme", allowed: "self.manage", gate: "staff-action",
    call: async () => (await preferences()).updateOwnTheme(null, form({ theme: "dark" })) },
  { target: "app/(auth)/change-password/actions.ts#changeOwnPasswordAction", allowed: "self.manage", gate: "staff-action",
    call: async (c) => (await password()).changeOwnPasswordAction({ currentPassword: c.password, newPassword: `${c.password} renewed`, confirmPassword: `${c.password} renewed` }) },
  { target: "app/(dashboard)/settings/session-actions.ts#signOutEverywhereAction", allowed: "self.manage", gate: "staff-action",
    call: async () => (await sessions()).signOutEverywhereAction({ confirm: true }) },
  // Each person sets up their own second factor: here with a code from a key drawn just before,
  // as an authenticator app would compute it (whoever was enrolled starts again).
  { target: "app/(auth)/settings/two-factor/actions.ts#confirmEnrolmentAction", allowed: "self.manage", gate: "staff-action",
    call: async (c) => (await twoFactor()).confirmEnrolmentAction({ code: await freshEnrolmentCode(c.staffId) }) },
  // Once it is on, each person draws new recovery codes; only those whose roles do not require a
  // second factor may turn it off.
  { target: "app/(auth)/settings/two-factor/actions.ts#renewRecoveryCodesAction", allowed: "self.manage", gate: "staff-action",
    prepare: async (arrange) => arrange.everyoneEnrolled(),
    call: async () => (await twoFactor()).renewRecoveryCodesAction({ confirm: true }) },
  { target: "app/(auth)/settings/two-factor/actions.ts#turnOffTwoFactorAction", allowed: "self.two_factor.turn_off", gate: "staff-action",
    prepare: async (arrange) => arrange.everyoneEnrolled(),
    call: async () => (await twoFactor()).turnOffTwoFactorAction({ confirm: true }) },
  // Passkeys: each person adds (through a real registration by a software authenticator), lists
  // and removes their own; the options of a sign-in's passkey step need only that sign-in's challenge.
  { target: "app/(dashboard)/settings/passkey-actions.ts#passkeyRegistrationOptionsAction", allowed: "self.manage", gate: "staff-action",
    call: async () => (await passkeys()).passkeyRegistrationOptionsAction() },
  { target: "app/(dashboard)/settings/passkey-actions.ts#registerPasskeyAction", allowed: "self.manage", gate: "staff-action",
    call: async () => {
      const { SoftwarePasskey } = await import("@/tests/support/software-passkey");
      const options = await (await passkeys()).passkeyRegistrationOptionsAction();
      const origin = new URL(process.env.NEXTAUTH_URL!).origin;
      const key = new SoftwarePasskey(new URL(origin).hostname, origin);
      return (await passkeys()).registerPasskeyAction({ name: "Matrix key", response: key.register(options.ok ? options.options.challenge : "A".repeat(43)) });
    } },
  { target: "app/(dashboard)/settings/passkey-actions.ts#removePasskeyAction", allowed: "self.manage", gate: "staff-action",
    prepare: async (arrange) => arrange.everyoneWithPasskey(),
    call: async (c) => (await passkeys()).removePasskeyAction({ passkeyId: c.fresh[c.caller] ?? randomUUID() }) },
  { target: "app/(dashboard)/settings/passkey-actions.ts#stepUpPasskeyOptionsAction", allowed: "self.manage", gate: "staff-action",
    prepare: async (arrange) => arrange.everyoneWithPasskey(),
    call: async () => (await passkeys()).stepUpPasskeyOptionsAction() },
  { target: "app/(auth)/sign-in/actions.ts#signInPasskeyOptionsAction", allowed: "everyone", gate: "staff-action",
    prepare: async (arrange) => arrange.signInChallengeWithPasskey(),
    call: async (c) => (await signIn()).signInPasskeyOptionsAction(c.fresh.challenge) },
  // Each person proves themselves again for a high-risk action, with their password (set again
  // here: the change-password entry renewed it).
  { target: "app/(dashboard)/settings/step-up-actions.ts#confirmIdentityAction", allowed: "self.manage", gate: "staff-action",
    call: async (c) => (await stepUp()).confirmIdentityAction({ secret: await passwordRestored(c.staffId, c.password) }) },
  // The security settings: who needs a second factor, what needs a recent confirmation.
  { target: "app/(dashboard)/settings/step-up-actions.ts#updateTwoFactorForAll", allowed: "settings.manage", gate: "staff-action",
    call: async () => (await stepUp()).updateTwoFactorForAll(null, form({ required: "false" })) },
  { target: "app/(dashboard)/settings/step-up-actions.ts#updateStepUpWindow", allowed: "settings.manage", gate: "staff-action",
    call: async () => (await stepUp()).updateStepUpWindow(null, form({ minutes: "15" })) },
  { target: "app/(dashboard)/settings/step-up-actions.ts#updateRefundStepUpThreshold", allowed: "settings.manage", gate: "staff-action",
    call: async () => (await stepUp()).updateRefundStepUpThreshold(null, form({ currency: "usd", amount: "2500" })) },
  // Alerts: everyone has an inbox and preferences of their own (lib/alerts scopes each call to the caller).
  { target: "app/(dashboard)/alerts/actions.ts#markAlertReadAction", allowed: "self.manage", gate: "staff-action",
    call: async (c) => (await alerts()).markAlertReadAction({ alertId: c.alertIds[c.caller] ?? randomUUID() }) },
  { target: "app/(dashboard)/alerts/actions.ts#markAllAlertsReadAction", allowed: "self.manage", gate: "staff-action",
    call: async () => (await alerts()).markAllAlertsReadAction({ rule: "dispute.opened" }) },
  { target: "app/(dashboard)/settings/alerts/actions.ts#saveAlertPreferenceAction", allowed: "self.manage", gate: "staff-action",
    call: async () => (await alertPreferences()).saveAlertPreferenceAction({ rule: "dispute.opened", email: false, cadence: "digest" }) },
  // Customer pages: the link is the only credential; a staff session grants nothing here.
  { target: "app/(customer)/setup/[token]/actions.ts#completeCardSetupAction", allowed: "customerLink", gate: "customer-link", call: async (c) => (await setup()).completeCardSetupAction(c.setupToken) },
  { target: "app/(customer)/pay/[token]/actions.ts#completePaymentLinkAction", allowed: "customerLink", gate: "customer-link", call: async (c) => (await pay()).completePaymentLinkAction(c.payToken) },
  // Route handlers.
  {
    target: "app/(dashboard)/payments/export/route.ts#GET",
    allowed: "payments.export",
    gate: "route",
    call: async () => (await import("@/app/(dashboard)/payments/export/route")).GET(new Request(`${BASE}/payments/export`)),
  },
  // Every other list's export, with a filter and a date range as its page would pass them.
  { target: "app/(dashboard)/refunds/export/route.ts#GET", allowed: "lists.export", gate: "route",
    call: async () => (await import("@/app/(dashboard)/refunds/export/route")).GET(new Request(`${BASE}/refunds/export?status=succeeded&from=2026-01-01&sort=largest`)) },
  { target: "app/(dashboard)/payouts/export/route.ts#GET", allowed: "lists.export", gate: "route",
    call: async () => (await import("@/app/(dashboard)/payouts/export/route")).GET(new Request(`${BASE}/payouts/export?status=paid&method=standard`)) },
  { target: "app/(dashboard)/disputes/export/route.ts#GET", allowed: "lists.export", gate: "route",
    call: async (c) => (await import("@/app/(dashboard)/disputes/export/route")).GET(new Request(`${BASE}/disputes/export?q=${c.disputeId}&reason=fraudulent`)) },
  { target: "app/(dashboard)/customers/export/route.ts#GET", allowed: "lists.export", gate: "route",
    call: async () => (await import("@/app/(dashboard)/customers/export/route")).GET(new Request(`${BASE}/customers/export?q=matrix&sort=oldest`)) },
  { target: "app/(dashboard)/events/export/route.ts#GET", allowed: "lists.export", gate: "route",
    call: async () => (await import("@/app/(dashboard)/events/export/route")).GET(new Request(`${BASE}/events/export?type=charge.*&to=2030-01-01`)) },
  { target: "app/(dashboard)/audit/export/route.ts#GET", allowed: "lists.export", gate: "route",
    call: async () => (await import("@/app/(dashboard)/audit/export/route")).GET(new Request(`${BASE}/audit/export?status=succeeded&kind=payment.charge`)) },
  {
    target: "app/(dashboard)/disputes/[id]/evidence-files/route.ts#POST",
    allowed: "disputes.evidence.stage",
    gate: "route",
    call: async (c) =>
      (await import("@/app/(dashboard)/disputes/[id]/evidence-files/route")).POST(
        new Request(`${BASE}/disputes/${c.disputeId}/evidence-files`, {
          method: "POST",
          body: (() => {
            const data = form({ actionId: id(), field: "receipt" });
            data.set("file", new File([PDF], "receipt.pdf", { type: "application/pdf" }));
            return data;
          })(),
        }),
        { params: Promise.resolve({ id: c.disputeId }) },
      ),
  },
  {
    target: "app/(dashboard)/disputes/[id]/cover-letter/route.ts#GET",
    allowed: "disputes.evidence.stage",
    gate: "route",
    call: async (c) =>
      (await import("@/app/(dashboard)/disputes/[id]/cover-letter/route")).GET(new Request(`${BASE}/disputes/${c.disputeId}/cover-letter`), {
        params: Promise.resolve({ id: c.disputeId }),
      }),
  },
  {
    target: "app/(dashboard)/disputes/analytics/export/route.ts#GET",
    allowed: "dashboard.read",
    gate: "route",
    call: async () => (await import("@/app/(dashboard)/disputes/analytics/export/route")).GET(new Request(`${BASE}/disputes/analytics/export?from=2026-01-01&to=2026-12-31`)),
  },
  { target: "app/api/health/route.ts#GET", allowed: "everyone", gate: "route", call: async () => (await import("@/app/api/health/route")).GET() },
  { target: "app/api/alerts/unread/route.ts#GET", allowed: "self.manage", gate: "route", call: async () => (await import("@/app/api/alerts/unread/route")).GET() },
  {
    target: "app/api/search/route.ts#GET",
    allowed: "dashboard.read",
    gate: "route",
    call: async (c) => (await import("@/app/api/search/route")).GET(new Request(`${BASE}/api/search?q=${encodeURIComponent(c.paymentIntentId)}`)),
  },
  // An unsubscribe link works from a mail client with no session: its signed token is the credential.
  ...(["GET", "POST"] as const).map(
    (method): MatrixEntry => ({
      target: `app/api/alerts/unsubscribe/route.ts#${method}`,
      allowed: "everyone",
      gate: "route",
      call: async (c) => (await import("@/app/api/alerts/unsubscribe/route"))[method](new Request(`${BASE}/api/alerts/unsubscribe?token=${encodeURIComponent(c.unsubscribeToken)}`, { method })),
    }),
  ),
  ...(["GET", "POST"] as const).map(
    (method): MatrixEntry => ({
      // Signing in must be reachable by everyone; what it hands out is tested in tests/security.
      target: `app/api/auth/[...nextauth]/route.ts#${method}`,
      allowed: "everyone",
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
    allowed: "nobody",
    gate: "stripe-signature",
    call: async () =>
      (await import("@/app/api/webhooks/stripe/route")).POST(new Request(`${BASE}/api/webhooks/stripe`, { method: "POST", body: "{}" })),
  },
  // The benchmark's verify-only routes, switched on as the benchmark starts them: still only a valid
  // signature gets past them (off, they answer 404: lib/webhooks/verify-only.test.ts).
  ...(["webhooks", "bench"] as const).map((folder): MatrixEntry => ({
    target: `app/api/${folder}/verify-only/route.ts#POST`,
    allowed: "nobody",
    gate: "stripe-signature" as const,
    call: async () => {
      const route = folder === "webhooks" ? await import("@/app/api/webhooks/verify-only/route") : await import("@/app/api/bench/verify-only/route");
      process.env.LEDGERLINE_BENCH_VERIFY_ROUTE = "1";
      try {
        return await route.POST(new Request(`${BASE}/api/${folder}/verify-only`, { method: "POST", body: "{}" }));
      } finally {
        delete process.env.LEDGERLINE_BENCH_VERIFY_ROUTE;
      }
    },
  })),
];

/** The roles a caller holds (none for callers without a staff session). */
export function rolesOf(caller: Caller): StaffRole[] {
  return (STAFF_ROLES as readonly string[]).includes(caller) ? [caller as StaffRole] : [];
}
