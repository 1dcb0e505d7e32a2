// The server action modules themselves, called as Next would call them: the session decides who is
// asking. Viewers and signed-out callers are refused on the server and nothing changes; an agent
// gets through to the same lib functions.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { sendCardLink } from "@/lib/customers/manage";
import { db } from "@/lib/db";
import { paidPayment, tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("@/lib/auth/options", () => ({ authOptions: () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const customers = await import("@/app/(dashboard)/customers/actions");
const customer = await import("@/app/(dashboard)/customers/[id]/actions");
const payment = await import("@/app/(dashboard)/payments/[id]/actions");
const dispute = await import("@/app/(dashboard)/disputes/[id]/actions");
const setup = await import("@/app/(customer)/setup/[token]/actions");
const pay = await import("@/app/(customer)/pay/[token]/actions");

const bed = useMoneyTestbed();

beforeEach(() => {
  session.userId = null;
});

describe("server actions", () => {
  it("refuse viewers and signed-out callers for every money action, changing nothing", async () => {
    session.userId = bed.staff.agent.id;
    const { customerId, paymentMethodId, paymentIntentId } = await paidPayment(bed);
    // An open card link: a withdrawal that got through would show in the fingerprint.
    const openLink = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId });
    const linkId = (await db().customerLink.findFirstOrThrow({ where: { setupIntentId: openLink.ok ? openLink.objectId : "" } })).id;
    const calls: Array<[string, () => Promise<{ ok: boolean; code?: string }>]> = [
      ["create customer", () => customers.createCustomerAction({ actionId: randomUUID(), name: "N", email: "n@example.com" })],
      ["send card link", () => customers.sendCardLinkAction({ actionId: randomUUID(), customerId })],
      ["make default", () => customers.makeDefaultCardAction({ actionId: randomUUID(), customerId, paymentMethodId })],
      ["detach", () => customers.detachCardAction({ actionId: randomUUID(), customerId, paymentMethodId })],
      ["charge", () => customers.chargeSavedCardAction({ actionId: randomUUID(), customerId, paymentMethodId, amount: "1.00", currency: "usd", description: "x" })],
      ["payment link", () => customers.sendPaymentLinkAction({ actionId: randomUUID(), paymentIntentId })],
      ["withdraw link", () => customer.withdrawCustomerLinkAction({ actionId: randomUUID(), customerId, linkId, purpose: "setup_card" })],
      ["refund", () => payment.refundPaymentAction({ actionId: randomUUID(), paymentIntentId, amount: "1.00", reason: "duplicate", confirmOverBalance: true })],
      ["payment link (payment page)", () => payment.sendPaymentLinkFromPaymentAction({ actionId: randomUUID(), paymentIntentId })],
      ["stage evidence", () => dispute.stageEvidenceAction({ actionId: randomUUID(), disputeId: "dp_1", customer_name: "x" })],
      ["submit evidence", () => dispute.submitEvidenceAction({ actionId: randomUUID(), disputeId: "dp_1", customer_name: "x", confirm: "submit" })],
      ["accept dispute", () => dispute.acceptDisputeAction({ actionId: randomUUID(), disputeId: "dp_1", confirm: "accept" })],
    ];
    const before = await tableFingerprint();
    for (const who of [bed.staff.viewer.id, null]) {
      session.userId = who;
      for (const [name, call] of calls) {
        const result = await call();
        expect({ name, ok: result.ok, code: result.code }).toEqual({ name, ok: false, code: who ? "forbidden" : "signed_out" });
      }
    }
    // Accepting a dispute is for admins only: an agent is refused too.
    session.userId = bed.staff.agent.id;
    expect(await dispute.acceptDisputeAction({ actionId: randomUUID(), disputeId: "dp_1", confirm: "accept" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await tableFingerprint()).toEqual(before);
  });

  it("let an agent refund through the action module", async () => {
    session.userId = bed.staff.agent.id;
    const { paymentIntentId } = await paidPayment(bed);
    const result = await payment.refundPaymentAction({ actionId: randomUUID(), paymentIntentId, amount: "10.00", reason: "duplicate", confirmOverBalance: true });
    expect(result).toMatchObject({ ok: true, message: "Refunded $10.00." });
  });

  it("let an agent withdraw an open card link through the action module", async () => {
    session.userId = bed.staff.agent.id;
    const { customerId } = await paidPayment(bed);
    const sent = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId });
    const link = await db().customerLink.findFirstOrThrow({ where: { setupIntentId: sent.ok ? sent.objectId : "" } });
    const result = await customer.withdrawCustomerLinkAction({ actionId: randomUUID(), customerId, linkId: link.id, purpose: "setup_card" });
    expect(result).toMatchObject({ ok: true, message: "Card link withdrawn. The customer can no longer open it." });
    expect((await db().customerLink.findUniqueOrThrow({ where: { id: link.id } })).revokedAt).toBeInstanceOf(Date);
  });

  it("refuse a customer action with a bad link", async () => {
    expect(await setup.completeCardSetupAction("x".repeat(43))).toMatchObject({ ok: false, reason: "invalid" });
    expect(await pay.completePaymentLinkAction("tampered")).toMatchObject({ ok: false, reason: "invalid" });
  });
});
