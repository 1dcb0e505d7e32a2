import { describe, expect, it } from "vitest";
import { refundTrace } from "./trace";

const card = (type: string, reference_status: string, reference: string | null = null) => ({
  destination_details: { type: "card", card: { reference, reference_status, reference_type: type === "reversal" ? null : "acquirer_reference_number", type } },
});

describe("refundTrace", () => {
  it("gives the ARN once Stripe has it, and says it is coming while the network assigns it", () => {
    expect(refundTrace({ status: "succeeded", arn: "74987654321098765432109", data: card("refund", "available", "74987654321098765432109") })).toEqual({ kind: "reference", reference: "74987654321098765432109" });
    expect(refundTrace({ status: "succeeded", arn: null, data: card("refund", "pending") })).toEqual({ kind: "coming" });
    expect(refundTrace({ status: "pending", arn: null, data: card("pending", "pending") })).toEqual({ kind: "coming" });
    // A mirror row from before destination_details were kept still reads as coming, not as none.
    expect(refundTrace({ status: "succeeded", arn: null, data: {} })).toEqual({ kind: "coming" });
  });

  it("says why no ARN will come: a reversal, a failed or canceled refund, or none given", () => {
    expect(refundTrace({ status: "succeeded", arn: null, data: card("reversal", "unavailable") })).toMatchObject({ kind: "none", short: "none (reversal)", why: expect.stringContaining("reversed the payment before it settled") });
    expect(refundTrace({ status: "failed", arn: null, data: card("refund", "unavailable") })).toMatchObject({ kind: "none", short: "none (failed)" });
    expect(refundTrace({ status: "canceled", arn: null, data: card("refund", "pending") })).toMatchObject({ kind: "none", short: "none (canceled)" });
    expect(refundTrace({ status: "succeeded", arn: null, data: card("refund", "unavailable") })).toMatchObject({ kind: "none", why: expect.stringContaining("ask Stripe support") });
  });
});
