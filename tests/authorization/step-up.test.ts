// High-risk actions need a recent proof of the person, checked on the server whatever the page
// showed: through the real server actions, a session signed in an hour ago is refused with
// step_up_required and nothing changes; after the person confirms with their password in this
// session, the same calls go through.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { ACCEPT_CONFIRMATION } from "@/lib/disputes/evidence";
import { openDisputeOn, paidPayment, tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import { installRequestContext, setSessionCookie } from "./request-context";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const SECRET = "step-up-secret-0123456789abcdef0123456789";
process.env.DATABASE_URL = "pglite:memory";
process.env.NEXTAUTH_SECRET = SECRET;
installRequestContext();
const bed = useMoneyTestbed();
const PASSWORD = "ada's own long password";

async function signedInAgo(staff: { id: string; email: string; roles: readonly StaffRole[] }, minutes: number, sessionId: string) {
  const signedInAt = Date.now() - minutes * 60_000;
  setSessionCookie(await encode({ secret: SECRET, token: { sub: staff.id, email: staff.email, name: staff.email, roles: [...staff.roles], sessionVersion: 0, signedInAt, checkedAt: Date.now(), sessionId } }));
}

const STEP_UP = { ok: false, code: "step_up_required", error: expect.stringMatching(/^This needs you to confirm it is you/) };

describe("step-up through the server actions", () => {
  beforeAll(async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    await db().staffUser.update({ where: { id: bed.staff.admin.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
    // Refunds above $50 need a recent proof (below the $1,000 that asks to confirm the amount).
    await db().setting.create({ data: { key: "step_up", value: { refundAbove: { usd: "5000" } } } });
  });

  it("refuses a stale session's refund above $50, dispute acceptance, staff changes and endpoint change, changing nothing", async () => {
    const { paymentIntentId } = await paidPayment(bed, { amount: "500.00" });
    const disputeId = await openDisputeOn(bed);
    const staff = await import("@/app/(dashboard)/settings/staff/actions");
    const { refundPaymentAction } = await import("@/app/(dashboard)/payments/[id]/actions");
    const { acceptDisputeAction } = await import("@/app/(dashboard)/disputes/[id]/actions");
    const { setUpEndpointAction } = await import("@/app/(dashboard)/events/actions");
    const { confirmIdentityAction } = await import("@/app/(dashboard)/settings/step-up-actions");
    const refund = (amount: string) =>
      refundPaymentAction({ actionId: randomUUID(), paymentIntentId, amount, reason: "requested_by_customer", confirmOverBalance: "true" });

    await signedInAgo(bed.staff.admin, 60, "old-laptop");
    const before = await tableFingerprint();
    expect(await refund("100.00")).toEqual(STEP_UP);
    expect(await acceptDisputeAction({ actionId: randomUUID(), disputeId, confirm: ACCEPT_CONFIRMATION })).toEqual(STEP_UP);
    expect(await staff.inviteStaffAction({ email: "eve@shop.test", name: "Eve", roles: ["administrator"] })).toEqual(STEP_UP);
    expect(await staff.changeStaffRoleAction({ staffId: bed.staff.viewer.id, roles: ["administrator"] })).toEqual(STEP_UP);
    expect(await staff.setStaffDisabledAction({ staffId: bed.staff.agent.id, disabled: true })).toEqual(STEP_UP);
    expect(await setUpEndpointAction({ appUrl: "https://evil.example" })).toEqual(STEP_UP);
    expect(await tableFingerprint()).toEqual(before);
    // A wrong password proves nothing (it only counts towards the back-off).
    expect(await confirmIdentityAction({ secret: "a guess" })).toEqual({ ok: false, error: "That is not your password." });
    expect(await staff.inviteStaffAction({ email: "eve@shop.test", name: "Eve", roles: ["administrator"] })).toEqual(STEP_UP);

    // A small refund needs no proof.
    const small = await refund("10.00");
    expect(small, JSON.stringify(small)).toMatchObject({ ok: true });

    expect(await confirmIdentityAction({ secret: PASSWORD })).toMatchObject({ ok: true });
    expect(await refund("100.00")).toMatchObject({ ok: true });
    const promoted = await staff.changeStaffRoleAction({ staffId: bed.staff.viewer.id, roles: ["support_specialist", "refund_analyst", "dispute_analyst"] });
    expect(promoted, JSON.stringify(promoted)).toMatchObject({ ok: true });
    const accepted = await acceptDisputeAction({ actionId: randomUUID(), disputeId, confirm: ACCEPT_CONFIRMATION });
    expect(accepted, JSON.stringify(accepted)).toMatchObject({ ok: true });
  }, 120_000);
});
