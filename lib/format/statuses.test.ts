import { describe, expect, it } from "vitest";
import { declineCodeLabel, paymentFailureLabel } from "./decline-codes";
import { formatCount } from "./numbers";
import { disputeReasonLabel, disputeStatusInSentence, disputeStatusLabel, eventSourceLabel, paymentIntentStatusInSentence, paymentIntentStatusLabel, payoutStatusLabel, refundStatusLabel, words } from "./statuses";

describe("statuses and decline codes in words", () => {
  it("gives each status one label, wherever it appears", () => {
    expect(paymentIntentStatusLabel("requires_payment_method")).toBe("Waiting for a payment method");
    expect(paymentIntentStatusInSentence("requires_capture")).toBe("authorized, not captured");
    expect(refundStatusLabel("requires_action")).toBe("Needs action");
    expect(disputeStatusLabel("warning_needs_response")).toBe("Inquiry: needs response");
    expect(disputeStatusInSentence("lost")).toBe("lost");
    expect(disputeReasonLabel("product_not_received")).toBe("Product not received");
    expect(payoutStatusLabel("in_transit")).toBe("In transit");
    expect(eventSourceLabel("catch_up")).toBe("catch-up");
  });

  it("turns a code it has no label for into words rather than showing it raw", () => {
    expect(words("some_new_status")).toBe("Some new status");
    expect(refundStatusLabel("some_new_status")).toBe("Some new status");
    expect(refundStatusLabel(null)).toBe("—");
  });

  it("says why a card was declined, preferring the decline code to the error code", () => {
    expect(declineCodeLabel("insufficient_funds")).toBe("Insufficient funds");
    expect(paymentFailureLabel("card_declined", "lost_card")).toBe("Card reported lost");
    expect(paymentFailureLabel("expired_card", null)).toBe("Card expired");
    expect(paymentFailureLabel("card_declined")).toBe("Card declined");
    expect(paymentFailureLabel("card_declined", "a_code_stripe_adds_later")).toBe("A code stripe adds later");
    expect(paymentFailureLabel(null, null)).toBe("—");
  });

  it("groups counts the viewer's way", () => {
    expect(formatCount(20000, "en-US")).toBe("20,000");
    expect(formatCount(20000n, "de-DE")).toBe("20.000");
  });
});
