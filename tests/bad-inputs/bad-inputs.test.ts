// Bad inputs for every action and route that takes input, sent the way a browser or Stripe would
// (through the server action modules with a real session, or the route handlers with a Request).
// Each must get its own clear message and leave every table exactly as it was.
import { peerHeaderName } from "@/lib/security/client-address";
import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { projectApiObjects } from "@/lib/audit/project";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { paidPayment, tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import type { StaffPersona } from "@/tests/support/money-testbed";
import { db } from "@/lib/db";
import { actAnonymously, actAs, installRequestContext } from "../authorization/request-context";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const SECRET = "bad-inputs-session-secret-0123456789abcdef";
const WEBHOOK_SECRET = "whsec_badinputs0123456789";
process.env.DATABASE_URL = "pglite:memory";
process.env.NEXTAUTH_SECRET = SECRET;
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
installRequestContext();

const bed = useMoneyTestbed();

const customers = () => import("@/app/(dashboard)/customers/actions");
const customer = () => import("@/app/(dashboard)/customers/[id]/actions");
const payment = () => import("@/app/(dashboard)/payments/[id]/actions");
const dispute = () => import("@/app/(dashboard)/disputes/[id]/actions");
const staff = () => import("@/app/(dashboard)/settings/staff/actions");
const setup = () => import("@/app/(customer)/setup/[token]/actions");
const pay = () => import("@/app/(customer)/pay/[token]/actions");
const twoFactor = () => import("@/app/(auth)/settings/two-factor/actions");
const stepUp = () => import("@/app/(dashboard)/settings/step-up-actions");
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

interface Fixture {
  customerId: string;
  paymentMethodId: string;
  paymentIntentId: string;
  foreignPaymentMethodId: string;
  disputeId: string;
  setupToken: string;
  expiredSetupToken: string;
  usedSetupToken: string;
  payToken: string;
  /** Customer link ids for withdrawals: one per way a link stops being open, and a payment link. */
  usedSetupLinkId: string;
  expiredSetupLinkId: string;
  withdrawnSetupLinkId: string;
  payLinkId: string;
  otherCustomerId: string;
}
let fx: Fixture;

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

beforeAll(async () => {
  const mine = await paidPayment(bed);
  const other = await paidPayment(bed);
  const disputed = await paidPayment(bed, { card: "pm_card_createDispute", amount: "60.00" });
  const disputes = await bed.stripe.disputes.list({ payment_intent: disputed.paymentIntentId });
  await projectApiObjects(disputes.data, responseStamp(disputes));
  const { sendCardLink } = await import("@/lib/customers/manage");
  const { issueCustomerLink } = await import("@/lib/links/customer-link");
  const link = async () => {
    const sent = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId: mine.customerId });
    if (!sent.ok || !sent.link || !sent.objectId) throw new Error(JSON.stringify(sent));
    return { token: sent.link.split("/").pop()!, setupIntentId: sent.objectId };
  };
  const fresh = await link();
  const used = await link();
  await bed.stripe.setupIntents.confirm(used.setupIntentId, { payment_method: "pm_card_visa" });
  const { completeCardSetup } = await import("@/lib/customers/card-setup");
  expect(await completeCardSetup(used.token)).toMatchObject({ ok: true });
  const expired = await issueCustomerLink({
    purpose: "setup_card", customerId: mine.customerId, createdById: bed.staff.agent.id,
    setupIntentId: fresh.setupIntentId, now: new Date(Date.now() - 8 * 24 * 3600 * 1000),
  });
  const waiting = await bed.stripe.paymentIntents.create({ amount: 1200, currency: "usd", customer: mine.customerId });
  const payLink = await issueCustomerLink({ purpose: "payment", customerId: mine.customerId, createdById: bed.staff.agent.id, paymentIntentId: waiting.id });
  const { hashLinkToken } = await import("@/lib/links/tokens");
  const { withdrawCustomerLink } = await import("@/lib/links/withdraw");
  const withdrawn = await link();
  const withdrawnSetupLinkId = (await db().customerLink.findUniqueOrThrow({ where: { tokenHash: hashLinkToken(withdrawn.token) } })).id;
  expect(await withdrawCustomerLink(bed.staff.agent, { actionId: randomUUID(), customerId: mine.customerId, linkId: withdrawnSetupLinkId, purpose: "setup_card" })).toMatchObject({ ok: true });
  fx = {
    ...mine,
    foreignPaymentMethodId: other.paymentMethodId,
    disputeId: disputes.data[0]!.id,
    setupToken: fresh.token,
    expiredSetupToken: expired.token,
    usedSetupToken: used.token,
    payToken: payLink.token,
    usedSetupLinkId: (await db().customerLink.findUniqueOrThrow({ where: { tokenHash: hashLinkToken(used.token) } })).id,
    expiredSetupLinkId: expired.id,
    withdrawnSetupLinkId,
    payLinkId: payLink.id,
    otherCustomerId: other.customerId,
  };
}, 240_000);

type Caller = StaffPersona | "anonymous";
interface BadInput {
  name: string;
  as: Caller;
  call(): Promise<unknown>;
  /** The message the caller must see (matched against the whole answer). */
  message: RegExp;
  /** For route handlers: the HTTP status. */
  status?: number;
  /** Tables a refusal is meant to touch (the webhook rejection counter). */
  touches?: string[];
}

const refund = (input: Record<string, unknown>) => async () =>
  (await payment()).refundPaymentAction({ actionId: randomUUID(), paymentIntentId: fx.paymentIntentId, amount: "1.00", reason: "duplicate", confirmOverBalance: true, ...input });
const charge = (input: Record<string, unknown>) => async () =>
  (await customers()).chargeSavedCardAction({ actionId: randomUUID(), customerId: fx.customerId, paymentMethodId: fx.paymentMethodId, amount: "1.00", currency: "usd", description: "Bad input", ...input });

const withdraw = (input: () => Record<string, unknown>) => async () =>
  (await customer()).withdrawCustomerLinkAction({ actionId: randomUUID(), customerId: fx.customerId, purpose: "setup_card", ...input() });

function evidenceUpload(file: File | null, disputeId = () => fx.disputeId, field = "receipt") {
  return async () => {
    const form = new FormData();
    form.set("actionId", randomUUID());
    form.set("field", field);
    if (file) form.set("file", file);
    const { POST } = await import("@/app/(dashboard)/disputes/[id]/evidence-files/route");
    return POST(new Request(`http://127.0.0.1:3000/disputes/${disputeId()}/evidence-files`, { method: "POST", body: form }), { params: Promise.resolve({ id: disputeId() }) });
  };
}

function signed(body: string, timestamp = Math.floor(Date.now() / 1000), secret = WEBHOOK_SECRET): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
function webhook(body: string, signature: string | null) {
  return async () => {
    const { POST } = await import("@/app/api/webhooks/stripe/route");
    const headers = signature === null ? undefined : { "stripe-signature": signature };
    return POST(new Request("http://127.0.0.1:3000/api/webhooks/stripe", { method: "POST", body, headers }));
  };
}
/** A refused delivery is counted (per reason and minute, and per client address), by design. */
const REFUSAL_COUNTERS = ["webhook_rejections", "webhook_rejection_clients"];
/** A body that never ends, declared as 5 MB: refused on its Content-Length, nothing read. */
function webhookDeclaringSize(bytes: number) {
  return async () => {
    const { POST } = await import("@/app/api/webhooks/stripe/route");
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({ pull: (controller) => { pulled++; controller.enqueue(new Uint8Array(64 * 1024)); } });
    const request = new Request("http://127.0.0.1:3000/api/webhooks/stripe", {
      method: "POST", body: endless, duplex: "half", headers: { "content-length": String(bytes), "stripe-signature": signed(EVENT), [peerHeaderName()]: "192.0.2.44" },
    } as RequestInit);
    const response = await POST(request);
    expect(pulled).toBeLessThanOrEqual(1);
    return response;
  };
}
/** 5,000 unsigned posts from one address, then one from another: the counters stay a few rows. */
function webhookFlood() {
  return async () => {
    const { POST } = await import("@/app/api/webhooks/stripe/route");
    const post = (address: string) =>
      POST(new Request("http://127.0.0.1:3000/api/webhooks/stripe", { method: "POST", body: EVENT, headers: { [peerHeaderName()]: address } }));
    const rowsBefore = (await db().webhookRejection.count()) + (await db().webhookRejectionClient.count());
    const statuses = new Map<number, number>();
    for (let i = 0; i < 5000; i++) {
      const { status } = await post("203.0.113.9");
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    // Refused 400 until the address's limit, 429 after; a minute boundary may restart the count once.
    expect(statuses.get(400)).toBeGreaterThanOrEqual(30);
    expect(statuses.get(400)).toBeLessThanOrEqual(60);
    expect(statuses.get(429)).toBe(5000 - statuses.get(400)!);
    // Two reasons (missing signature, rate limited) and one address, in one minute or two.
    expect((await db().webhookRejection.count()) + (await db().webhookRejectionClient.count()) - rowsBefore).toBeLessThanOrEqual(6);
    // Another address is not held back by the first one's flood.
    return post("198.51.100.7");
  };
}
const EVENT = JSON.stringify({ id: "evt_bad_inputs_1", object: "event", type: "customer.created", created: 1_790_000_000, livemode: false, api_version: "2026-10-28.endive", data: { object: { id: "cus_badinputs", object: "customer" } }, request: { id: null, idempotency_key: null } });

const CASES: BadInput[] = [
  // Refund amounts and ids.
  { name: "refund of zero", as: "agent", call: refund({ amount: "0" }), message: /The amount must be greater than zero\./ },
  { name: "negative refund", as: "agent", call: refund({ amount: "-5.00" }), message: /The amount must be greater than zero\./ },
  { name: "refund with three decimals in USD", as: "agent", call: refund({ amount: "1.234" }), message: /USD amounts have at most 2 decimal places: write it like 1,234,567\.89\./ },
  { name: "refund amount in exponent notation", as: "agent", call: refund({ amount: "1e3" }), message: /Enter the amount as a number written like 1,234,567\.89 \(your number format/ },
  { name: "refund amount as text", as: "agent", call: refund({ amount: "ten dollars" }), message: /Enter the amount as a number/ },
  { name: "refund above what is left", as: "agent", call: refund({ amount: "100.01" }), message: /At most \$100\.00 is left to refund on this payment\./ },
  { name: "refund of a charge id instead of a payment", as: "agent", call: refund({ paymentIntentId: "ch_3Abc" }), message: /Unknown payment\./ },
  { name: "refund of a payment we do not know", as: "agent", call: refund({ paymentIntentId: "pi_NotOurs123" }), message: /This payment is not known here yet/ },
  { name: "refund with an invented reason", as: "agent", call: refund({ reason: "because" }), message: /Choose a reason\./ },
  { name: "refund with a malformed action id", as: "agent", call: refund({ actionId: "1; DROP TABLE refunds" }), message: /"actionId"/ },
  // Charges: currencies, exponents, ceilings, other customers' cards.
  { name: "charge in an unknown currency", as: "agent", call: charge({ currency: "xyz" }), message: /Choose a currency\./ },
  { name: "charge with decimals in JPY", as: "agent", call: charge({ currency: "jpy", amount: "10.5" }), message: /JPY amounts have no decimal places: write it like 1,234,567\./ },
  { name: "charge with four decimals in KWD", as: "agent", call: charge({ currency: "kwd", amount: "1.2345" }), message: /KWD amounts have at most 3 decimal places: write it like 1,234,567\.890\./ },
  { name: "charge typed with a comma decimal by an en-US person", as: "agent", call: charge({ currency: "eur", amount: "1,50" }), message: /Enter the amount as a number written like 1,234,567\.89 \(your number format, English \(United States\)\)\./ },
  { name: "charge of 1.000 yen by an en-US person", as: "agent", call: charge({ currency: "jpy", amount: "1.000" }), message: /JPY amounts have no decimal places: write it like 1,234,567\./ },
  { name: "charge in KWD whose last decimal is not 0", as: "agent", call: charge({ currency: "kwd", amount: "1.235" }), message: /Stripe takes KWD amounts only with a last decimal of 0/ },
  { name: "charge amount of 20,000 zeros", as: "agent", call: charge({ amount: "0".repeat(20_000) }), message: /too long for an amount/ },
  { name: "charge previewed in another number format", as: "agent", call: charge({ amount: "1.000", numberFormat: "de-DE" }), message: /Your number format changed to English \(United States\)/ },
  { name: "refund typed with lakh grouping by an en-US person", as: "agent", call: refund({ amount: "1,00,000" }), message: /Enter the amount as a number written like 1,234,567\.89/ },
  { name: "charge above Stripe's ceiling", as: "agent", call: charge({ amount: "100000000.00" }), message: /larger than Stripe allows/ },
  { name: "charge another customer's card", as: "agent", call: charge({ paymentMethodId: "" }), message: /Choose a saved card\./ },
  { name: "charge a card saved on another customer", as: "agent", call: async () => charge({ paymentMethodId: fx.foreignPaymentMethodId })(), message: /That card is not saved on this customer\./ },
  { name: "charge with an overlong description", as: "agent", call: charge({ description: "x".repeat(501) }), message: /Keep the description under 500 characters\./ },
  { name: "new customer with a bad email", as: "agent", call: async () => (await customers()).createCustomerAction({ actionId: randomUUID(), name: "N", email: "not-an-email" }), message: /Enter a valid email address\./ },
  // Disputes: files of the wrong type, size or content, other objects' ids.
  { name: "evidence file that is text", as: "agent", call: evidenceUpload(new File(["hello"], "notes.txt", { type: "text/plain" })), message: /Only PDF, JPEG and PNG files are accepted\./, status: 400 },
  { name: "evidence PNG claiming to be a PDF", as: "agent", call: evidenceUpload(new File([PNG], "scan.pdf", { type: "application/pdf" })), message: /content does not match its type/, status: 400 },
  { name: "evidence file over 5 MB", as: "agent", call: evidenceUpload(new File([PDF, new Uint8Array(5 * 1024 * 1024)], "big.pdf", { type: "application/pdf" })), message: /at most 5 MB/, status: 413 },
  { name: "empty evidence file", as: "agent", call: evidenceUpload(new File([], "empty.pdf", { type: "application/pdf" })), message: /The file is empty\./, status: 400 },
  { name: "evidence without a file", as: "agent", call: evidenceUpload(null), message: /Choose a file\./, status: 400 },
  { name: "evidence for an unknown field", as: "agent", call: evidenceUpload(new File([PDF], "r.pdf", { type: "application/pdf" }), undefined, "password"), message: /Choose what the file shows\./, status: 400 },
  { name: "evidence for a payment id instead of a dispute", as: "agent", call: evidenceUpload(new File([PDF], "r.pdf", { type: "application/pdf" }), () => fx.paymentIntentId), message: /Unknown dispute\./, status: 400 },
  { name: "evidence for a dispute we do not know", as: "agent", call: evidenceUpload(new File([PDF], "r.pdf", { type: "application/pdf" }), () => "du_NotOurs123"), message: /This dispute is not known here yet\./ },
  { name: "accepting a dispute without the confirmation", as: "admin", call: async () => (await dispute()).acceptDisputeAction({ actionId: randomUUID(), disputeId: fx.disputeId }), message: /Confirm that you accept losing this dispute\./ },
  { name: "submitting evidence without the confirmation", as: "agent", call: async () => (await dispute()).submitEvidenceAction({ actionId: randomUUID(), disputeId: fx.disputeId, customer_name: "x" }), message: /Confirm that the evidence is final/ },
  // Evidence text over Stripe's per-field limits is refused whole, never shortened.
  { name: "evidence text over its limit in a draft", as: "agent", call: async () => (await dispute()).stageEvidenceAction({ actionId: randomUUID(), disputeId: fx.disputeId, uncategorized_text: "x".repeat(20_412) }), message: /“Anything else” is 20,412 characters; the limit is 20,000\./ },
  { name: "evidence text over its limit when submitting", as: "agent", call: async () => (await dispute()).submitEvidenceAction({ actionId: randomUUID(), disputeId: fx.disputeId, confirm: "submit", product_description: "p".repeat(20_001) }), message: /“Product or service description” is 20,001 characters; the limit is 20,000\./ },
  { name: "evidence short text over its limit", as: "agent", call: async () => (await dispute()).stageEvidenceAction({ actionId: randomUUID(), disputeId: fx.disputeId, customer_name: "n".repeat(5_001) }), message: /“Customer name” is 5,001 characters; the limit is 5,000\./ },
  // Staff management.
  { name: "inviting an owner role", as: "admin", call: async () => (await staff()).inviteStaffAction({ email: "x@example.com", name: "X", roles: ["owner"] }), message: /Choose roles from the list\./ },
  { name: "inviting with the old admin role", as: "admin", call: async () => (await staff()).inviteStaffAction({ email: "x@example.com", name: "X", roles: ["admin"] }), message: /Choose roles from the list\./ },
  { name: "inviting with no role", as: "admin", call: async () => (await staff()).inviteStaffAction({ email: "x@example.com", name: "X", roles: [] }), message: /Choose at least one role\./ },
  { name: "taking every role away", as: "admin", call: async () => (await staff()).changeStaffRoleAction({ staffId: bed.staff.viewer.id, roles: [] }), message: /Choose at least one role\./ },
  { name: "changing the role of a non-staff id", as: "admin", call: async () => (await staff()).changeStaffRoleAction({ staffId: fx.customerId, roles: ["administrator"] }), message: /Unknown staff member\./ },
  // Two-factor enrolment and step-up.
  { name: "two-factor enrolment code of five digits", as: "viewer", call: async () => (await twoFactor()).confirmEnrolmentAction({ code: "12345" }), message: /Enter the 6-digit code your app shows\./ },
  { name: "two-factor enrolment code with letters", as: "viewer", call: async () => (await twoFactor()).confirmEnrolmentAction({ code: "12a456" }), message: /Enter the 6-digit code your app shows\./ },
  { name: "two-factor enrolment code before any key was shown", as: "viewer", call: async () => (await twoFactor()).confirmEnrolmentAction({ code: "123456" }), message: /That code does not match/ },
  { name: "step-up confirmation with nothing typed", as: "agent", call: async () => (await stepUp()).confirmIdentityAction({ secret: "" }), message: /Enter your password or a code\./ },
  { name: "step-up confirmation of a megabyte", as: "agent", call: async () => (await stepUp()).confirmIdentityAction({ secret: "x".repeat(1_000_000) }), message: /Enter your password or a code\./ },
  { name: "step-up window of zero minutes", as: "admin", call: async () => (await stepUp()).updateStepUpWindow(null, form({ minutes: "0" })), message: /Enter a whole number of minutes from 1 to 720\./ },
  { name: "step-up window in exponent notation", as: "admin", call: async () => (await stepUp()).updateStepUpWindow(null, form({ minutes: "1e1" })), message: /Enter a whole number of minutes from 1 to 720\./ },
  { name: "step-up refund amount as text", as: "admin", call: async () => (await stepUp()).updateRefundStepUpThreshold(null, form({ currency: "usd", amount: "ten" })), message: /Enter the amount as a number/ },
  { name: "step-up refund amount in no currency", as: "admin", call: async () => (await stepUp()).updateRefundStepUpThreshold(null, form({ currency: "dollars", amount: "10.00" })), message: /Choose a currency\./ },
  { name: "a time zone that does not exist", as: "admin", call: async () => { const form = new FormData(); form.set("timeZone", "Mars/Olympus_Mons"); return (await import("@/app/(dashboard)/settings/time-zone-actions")).updateTimeZone(null, form); }, message: /Choose a time zone from the list\./ },
  // Customer links.
  { name: "tampered setup link", as: "anonymous", call: async () => (await setup()).completeCardSetupAction(fx.setupToken.slice(0, -1) + (fx.setupToken.endsWith("A") ? "B" : "A")), message: /This link is not valid/ },
  { name: "truncated setup link", as: "anonymous", call: async () => (await setup()).completeCardSetupAction(fx.setupToken.slice(0, 20)), message: /This link is not valid/ },
  { name: "expired setup link", as: "anonymous", call: async () => (await setup()).completeCardSetupAction(fx.expiredSetupToken), message: /This link has expired/ },
  { name: "reused setup link", as: "anonymous", call: async () => (await setup()).completeCardSetupAction(fx.usedSetupToken), message: /already been used/ },
  { name: "setup link used on the payment page", as: "anonymous", call: async () => (await pay()).completePaymentLinkAction(fx.setupToken), message: /This link is not valid/ },
  { name: "payment link used on the card page", as: "anonymous", call: async () => (await setup()).completeCardSetupAction(fx.payToken), message: /This link is not valid/ },
  { name: "a link token that is not a string", as: "anonymous", call: async () => (await pay()).completePaymentLinkAction({ token: fx.payToken } as unknown as string), message: /This link is not valid/ },
  // Withdrawing customer links: only an open link of the kind and customer on the page.
  { name: "withdraw a card link the customer already used", as: "agent", call: withdraw(() => ({ linkId: fx.usedSetupLinkId })), message: /The customer has already used this card link, so there is nothing to withdraw\./ },
  { name: "withdraw a card link twice", as: "agent", call: withdraw(() => ({ linkId: fx.withdrawnSetupLinkId })), message: /This card link was already withdrawn\./ },
  { name: "withdraw an expired card link", as: "agent", call: withdraw(() => ({ linkId: fx.expiredSetupLinkId })), message: /This card link has already expired/ },
  { name: "withdraw a link id we do not know", as: "agent", call: withdraw(() => ({ linkId: randomUUID() })), message: /This link does not exist\./ },
  { name: "withdraw a payment link as a card link", as: "agent", call: withdraw(() => ({ linkId: fx.payLinkId })), message: /This is a payment link, not a card link\./ },
  { name: "withdraw a link from another customer's page", as: "agent", call: withdraw(() => ({ linkId: fx.payLinkId, purpose: "payment", customerId: fx.otherCustomerId })), message: /This link was sent to another customer\./ },
  { name: "withdraw with a malformed link id", as: "agent", call: withdraw(() => ({ linkId: "1 OR 1=1" })), message: /Unknown link\./ },
  { name: "withdraw a link of an invented kind", as: "agent", call: withdraw(() => ({ linkId: fx.payLinkId, purpose: "staff_invite" })), message: /Say which kind of link to withdraw\./ },
  // Webhook deliveries. (A timestamp ahead of our clock is accepted, as Stripe's libraries accept it:
  // only a delivery signed with the secret can carry one, and replaying it is a duplicate no-op.)
  { name: "webhook with a stale timestamp", as: "anonymous", call: webhook(EVENT, signed(EVENT, Math.floor(Date.now() / 1000) - 600)), message: /Timestamp outside the tolerance zone/, status: 400, touches: REFUSAL_COUNTERS },
  { name: "webhook signed with another secret", as: "anonymous", call: webhook(EVENT, signed(EVENT, undefined, "whsec_someoneelse")), message: /Signature does not match/, status: 400, touches: REFUSAL_COUNTERS },
  { name: "webhook whose body was changed after signing", as: "anonymous", call: webhook(EVENT.replace("cus_badinputs", "cus_badinput2"), signed(EVENT)), message: /Signature does not match/, status: 400, touches: REFUSAL_COUNTERS },
  { name: "webhook without a signature", as: "anonymous", call: webhook(EVENT, null), message: /Missing Stripe-Signature header/, status: 400, touches: REFUSAL_COUNTERS },
  { name: "signed webhook that is not an event", as: "anonymous", call: webhook('{"hello":', signed('{"hello":')), message: /Body is not a Stripe event/, status: 400, touches: REFUSAL_COUNTERS },
  { name: "oversized webhook body", as: "anonymous", call: webhook(" ".repeat(2 * 1024 * 1024) + EVENT, signed(" ".repeat(2 * 1024 * 1024) + EVENT)), message: /Body too large/, status: 400, touches: REFUSAL_COUNTERS },
  { name: "a flood of 5,000 unsigned webhooks from one address", as: "anonymous", call: webhookFlood(), message: /Missing Stripe-Signature header/, status: 400, touches: REFUSAL_COUNTERS },
  { name: "webhook declaring an oversized body, refused before it is read", as: "anonymous", call: webhookDeclaringSize(5 * 1024 * 1024), message: /Body too large/, status: 400, touches: REFUSAL_COUNTERS },
];

async function answerText(result: unknown): Promise<{ text: string; status: number | null }> {
  if (result instanceof Response) return { text: await result.text(), status: result.status };
  return { text: JSON.stringify(result), status: null };
}

// Callbacks after sign-in: the refusal is silent (the overview instead of the link's target), so these
// check where each entry point would send the browser, and that nothing was written.
const LEAVING_CALLBACKS: [string, string][] = [
  ["control character (tab) between the slashes", "/%09/evil.example"],
  ["raw newline between the slashes", "/\n/evil.example"],
  ["encoded slashes", "/%2F%2Fevil.example"],
  ["doubly encoded slashes", "/%252F%252Fevil.example"],
  ["encoded backslash", "/%5Cevil.example"],
  ["backslash", "/\\evil.example"],
  ["another origin", "https://evil.example/"],
  ["javascript: URL", "javascript:alert(1)"],
];

async function signInPageCallback(callbackUrl: string): Promise<string> {
  const { default: SignInPage } = await import("@/app/(auth)/sign-in/page");
  const element = await SignInPage({ searchParams: Promise.resolve({ callbackUrl }) });
  return (element as { props: { callbackUrl: string } }).props.callbackUrl;
}

// next-auth's own sign-in route puts the callback it accepted into its redirect to our sign-in page
// (or refuses the request outright, as it does for a callback that is not a URL at all).
async function nextAuthRedirect(callbackUrl: string): Promise<{ location: URL | null; callback: URL | null }> {
  const { NextRequest } = await import("next/server");
  const { GET } = await import("@/app/api/auth/[...nextauth]/route");
  const url = `http://127.0.0.1:3000/api/auth/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  const response = await GET(new NextRequest(url), { params: Promise.resolve({ nextauth: ["signin"] }) });
  const header = response.headers.get("location");
  const location = header ? new URL(header, "http://127.0.0.1:3000") : null;
  const callback = location?.searchParams.get("callbackUrl");
  return { location, callback: callback ? new URL(callback) : null };
}

describe("callbacks that would leave the site", () => {
  for (const [name, callbackUrl] of LEAVING_CALLBACKS) {
    it(`${name}: the sign-in page and next-auth both send the browser to the overview, nothing changes`, async () => {
      actAnonymously();
      const before = await tableFingerprint();
      expect(await signInPageCallback(callbackUrl)).toBe("/");
      const { location, callback } = await nextAuthRedirect(callbackUrl);
      if (location) expect(location.host).toBe("127.0.0.1:3000");
      if (callback) {
        expect(callback.hostname).not.toMatch(/evil/);
        expect(callback.pathname).toBe("/");
      }
      expect(await tableFingerprint()).toEqual(before);
    }, 60_000);
  }
});

// Failing someone's password from several addresses slows the strangers, never the owner at theirs,
// and answers each with the same refusal an unknown email gets.
describe("lockout attempts from several addresses", () => {
  it("leave the owner able to sign in from their own address", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { authorizeStaff } = await import("@/lib/auth/options");
    const email = "lockout-owner@example.com";
    await db().staffUser.create({ data: { email, name: "Lockout Owner", roles: ["view_only"], passwordHash: await hashPassword("the owner's password") } });
    const attempt = (password: string, address: string) =>
      authorizeStaff({ email, password }, new Date(), undefined, address).then((staff) => (staff ? "signed in" : "wrong"), (error: Error) => error.message);
    expect(await attempt("the owner's password", "203.0.113.10")).toBe("signed in");
    const answers = [];
    for (let i = 0; i < 12; i++) answers.push(await attempt(`guess ${i}`, `198.51.100.${i % 4}`));
    expect(answers.slice(0, 4)).toEqual(["wrong", "wrong", "wrong", "wrong"]);
    expect(answers.at(-1)).toMatch(/^TooManyAttempts:/);
    expect(await attempt("the owner's password", "203.0.113.10")).toBe("signed in");
  }, 60_000);
});

// A second factor seen once (over a shoulder, in a log) or a recovery code altered by a character
// buys no session: each is refused with the same message as a wrong code, and no code is spent.
describe("replayed TOTP codes and tampered recovery codes", () => {
  it("are refused at the second step of signing in", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { authorizeSecondFactor, authorizeStaff } = await import("@/lib/auth/options");
    const { enrolStaff, totpCodeAt } = await import("@/tests/support/two-factor");
    const email = "second-factor@example.com";
    const person = await db().staffUser.create({ data: { email, name: "Second Factor", roles: ["support_specialist", "refund_analyst", "dispute_analyst"], passwordHash: await hashPassword("the owner's password") } });
    const { secret, recoveryCodes } = await enrolStaff(person.id);
    const challenge = (at: Date) =>
      authorizeStaff({ email, password: "the owner's password" }, at).then(() => { throw new Error("session on the password alone"); }, (error: Error) => error.message.replace(/^SecondFactor:/, ""));
    const answer = (code: string, at: Date, opened?: string) =>
      (opened ? Promise.resolve(opened) : challenge(at)).then((c) => authorizeSecondFactor({ challenge: c, code }, at)).then((staff) => `signed in as ${staff.email}`, (error: Error) => error.message);

    // Steps after the one enrolment used (tests/support/two-factor.ts moves its clock 30 s a time).
    const at = new Date(Date.now() + 10 * 60_000);
    const used = totpCodeAt(secret, at);
    expect(await answer(used, at)).toBe(`signed in as ${email}`);
    const recovery = recoveryCodes[0]!;
    const tampered = [
      `${recovery.slice(0, -1)}${recovery.endsWith("A") ? "B" : "A"}`,
      recovery.replace(/-/g, "").slice(0, 15),
      `${recovery}A`,
      `${recovery}\u0000`,
    ];
    // The password steps first (they record the sign-in address): what follows is the code step alone.
    const opened: string[] = [];
    for (let i = 0; i < 7; i++) opened.push(await challenge(at));
    const before = await tableFingerprint();
    expect(await answer(used, at, opened[0])).toBe("WrongCode");
    for (const [i, code] of tampered.entries()) expect(await answer(code, at, opened[i + 1])).toBe("WrongCode");
    // A sixth wrong answer starts the back-off, which then holds back the real recovery code too.
    expect(await answer(recovery.replace(/[A-Z]/, "0"), at, opened[5])).toMatch(/^TooManyAttempts:/);
    expect(await answer(recovery, at, opened[6])).toMatch(/^TooManyAttempts:/);
    const after = await tableFingerprint();
    // Only the challenges' tries and the back-off counters move (by design): no sign-in, no code spent.
    for (const table of ["sign_in_challenges", "sign_in_backoffs"]) {
      delete after[table];
      delete before[table];
    }
    expect(after).toEqual(before);
  }, 60_000);
});

describe("reused WebAuthn challenges", () => {
  // Passkeys need a relying party by name (lib/auth/passkeys/relying-party.ts); the rest of this
  // file expects next-auth on 127.0.0.1, so the setting lives only as long as this case.
  const config = globalThis as { __ledgerlineConfig?: unknown };
  const previousUrl = process.env.NEXTAUTH_URL;
  beforeAll(() => {
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    delete config.__ledgerlineConfig;
  });
  afterAll(() => {
    if (previousUrl === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = previousUrl;
    delete config.__ledgerlineConfig;
  });

  it("are refused at sign-in and at a step-up, and a replayed assertion changes nothing", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { authorizeSecondFactor, authorizeStaff } = await import("@/lib/auth/options");
    const { SoftwarePasskey } = await import("@/tests/support/software-passkey");
    const passkeyActions = await import("@/app/(dashboard)/settings/passkey-actions");
    const { signInPasskeyOptionsAction } = await import("@/app/(auth)/sign-in/actions");
    const email = "passkey-owner@example.com";
    const person = await db().staffUser.create({ data: { email, name: "Passkey Owner", roles: ["view_only"], passwordHash: await hashPassword("the owner's password") } });
    // Registered through the Settings actions, in a session signed in just now.
    await actAs({ id: person.id, email, roles: ["view_only"] }, SECRET);
    const key = new SoftwarePasskey("localhost", "http://localhost:3000");
    const registration = await passkeyActions.passkeyRegistrationOptionsAction();
    if (!registration.ok) throw new Error(registration.error);
    const response = key.register(registration.options.challenge);
    expect(await passkeyActions.registerPasskeyAction({ name: "Laptop", response })).toMatchObject({ ok: true });
    const before = await tableFingerprint();
    // The same registration again: its challenge is spent.
    expect(await passkeyActions.registerPasskeyAction({ name: "Laptop again", response })).toEqual({ ok: false, error: "That passkey request has expired or was already used. Start again." });
    expect(await tableFingerprint()).toEqual(before);

    const signInChallenge = () =>
      authorizeStaff({ email, password: "the owner's password" }).then(() => { throw new Error("session on the password alone"); }, (error: Error) => error.message.replace(/^SecondFactor:/, ""));
    const first = await signInChallenge();
    const options = await signInPasskeyOptionsAction(first);
    if (!options.ok) throw new Error(options.error);
    const assertion = JSON.stringify(key.assert(options.options.challenge));
    expect(await authorizeSecondFactor({ challenge: first, passkey: assertion })).toMatchObject({ email });
    // The same assertion on a new sign-in (the password given again): refused, nothing signed in.
    const second = await signInChallenge();
    const counterBefore = (await db().staffPasskey.findFirstOrThrow({ where: { staffId: person.id } })).counter;
    expect(await authorizeSecondFactor({ challenge: second, passkey: assertion }).catch((e: Error) => e.message)).toBe("PasskeyRefused");
    // Answered for a step-up, the sign-in's challenge is refused too (bound to its purpose).
    const stepUp = await import("@/app/(dashboard)/settings/step-up-actions");
    expect(await stepUp.confirmIdentityAction({ passkey: JSON.parse(assertion) })).toEqual({ ok: false, error: "That passkey was not accepted. Try it again, or use your password or a code." });
    expect((await db().staffPasskey.findFirstOrThrow({ where: { staffId: person.id } })).counter).toBe(counterBefore);
  }, 60_000);
});

describe("bad inputs", () => {
  for (const c of CASES) {
    it(`${c.name}: "${c.message.source.replace(/\\/g, "")}", nothing changes`, async () => {
      if (c.as === "anonymous") actAnonymously();
      else await actAs(bed.staff[c.as], SECRET);
      const before = await tableFingerprint();
      const { text, status } = await answerText(await c.call());
      expect(text).toMatch(c.message);
      expect(text).toMatch(/"ok":false|"error"/);
      if (c.status !== undefined) expect(status).toBe(c.status);
      const after = await tableFingerprint();
      for (const table of c.touches ?? []) {
        expect(after[table], `${table} should record the refusal`).not.toBe(before[table]);
        delete after[table];
        delete before[table];
      }
      expect(after).toEqual(before);
    }, 60_000);
  }

  it("covers every money and link action with at least one case", () => {
    const names = CASES.map((c) => c.name).join("\n");
    for (const topic of ["refund", "charge", "evidence", "setup link", "payment link", "withdraw", "webhook", "time zone", "role", "two-factor", "step-up"]) expect(names).toContain(topic);
    expect(db).toBeDefined();
  });
});
