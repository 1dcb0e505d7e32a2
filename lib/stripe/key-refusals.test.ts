// What staff see when Stripe refuses the app's own key: a restricted key without a permission the
// action needs, and a key rolled in the Dashboard. Nothing moves, and the message says what an
// admin must change.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { paidPayment, tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import { refundPayment } from "@/lib/refunds/refund";
import { createStripeClient, setStripeClient } from "./client";
import { REQUIRED_PERMISSIONS } from "./permissions";

const withoutRefunds = { ...REQUIRED_PERMISSIONS, refund: "read" } as const;
const bed = useMoneyTestbed({ restricted: [withoutRefunds, { ...REQUIRED_PERMISSIONS }] });

/** Points the app at the emulator with one of its restricted keys, for the rest of the test. */
function useKey(key: string): void {
  setStripeClient(createStripeClient({ mode: "emulator", secretKey: key, emulatorUrl: bed.emulator.url }));
}

describe("Stripe refusing the app's key", () => {
  it("names the permission a restricted key lacks, and refunds nothing", async () => {
    const { paymentIntentId } = await paidPayment(bed, { amount: "40.00" });
    useKey(bed.emulator.keys.restricted[0]!.key);
    try {
      const before = await tableFingerprint();
      const refused = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "10.00", reason: "requested_by_customer" });
      expect(refused).toMatchObject({ ok: false });
      expect(refused.ok ? "" : refused.error).toBe(
        "Our restricted Stripe key lacks the permission rak_refund_write. An admin needs to grant it to the key in Stripe's Dashboard (Developers → API keys), or run `npm run stripe:check` to see every permission Ledgerline needs.",
      );
      const after = await tableFingerprint();
      // The refused action is recorded as failed; no refund row appears.
      expect(after.Refund).toBe(before.Refund);
      expect((await bed.stripe.refunds.list({ payment_intent: paymentIntentId })).data).toHaveLength(0);
    } finally {
      setStripeClient(bed.stripe);
    }
  });

  it("tells staff the key was rolled or revoked, not that the card or the amount is wrong", async () => {
    const { paymentIntentId } = await paidPayment(bed, { amount: "25.00" });
    const rolled = bed.emulator.keys.restricted[1]!.key;
    await bed.control("POST", "/_emulator/api_keys/revoke", { key: rolled });
    useKey(rolled);
    try {
      const refused = await refundPayment(bed.staff.agent, { actionId: randomUUID(), paymentIntentId, amount: "5.00", reason: "requested_by_customer" });
      expect(refused.ok ? "" : refused.error).toBe(
        "Stripe says our API key has expired or was rolled. An admin needs to put the current key in STRIPE_SECRET_KEY and restart Ledgerline.",
      );
      expect((await bed.stripe.refunds.list({ payment_intent: paymentIntentId })).data).toHaveLength(0);
    } finally {
      setStripeClient(bed.stripe);
    }
  });
});
