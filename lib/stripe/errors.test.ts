import { describe, expect, it } from "vitest";
import Stripe from "stripe";
import { describeStripeError } from "./errors";
import { idempotencyKeyFor } from "./idempotency";

// Real SDK error objects, built the way stripe-node builds them from an API response.
const fromApi = (statusCode: number, error: Record<string, unknown>) =>
  Stripe.errors.StripeError.generate({ ...error, statusCode, requestId: "req_123" } as never);

describe("describeStripeError", () => {
  it.each([
    [402, { type: "card_error", code: "card_declined", decline_code: "insufficient_funds" }, "insufficient_funds", /insufficient funds/],
    [402, { type: "card_error", code: "authentication_required", decline_code: "authentication_required" }, "authentication_required", /3-D Secure/],
    [402, { type: "card_error", code: "expired_card" }, "expired_card", /expired/],
    [400, { type: "invalid_request_error", code: "amount_too_large" }, "amount_too_large", /more than what is left/],
    [400, { type: "invalid_request_error", code: "charge_already_refunded" }, "charge_already_refunded", /already been refunded/],
    [400, { type: "invalid_request_error", code: "charge_disputed" }, "charge_disputed", /disputed/],
    [429, { type: "invalid_request_error", code: "rate_limit" }, "rate_limit", /too many requests/],
    [401, { type: "invalid_request_error", message: "Invalid API Key provided: sk_test_****" }, "authentication", /API key/],
    [500, { type: "api_error" }, "stripe_unavailable", /Stripe had a problem/],
  ])("maps HTTP %i %o to %s", (status, raw, code, message) => {
    const described = describeStripeError(fromApi(status, raw));
    expect(described.code).toBe(code);
    expect(described.message).toMatch(message);
    expect(described.requestId).toBe("req_123");
    // Never the raw API message.
    expect(described.message).not.toContain("sk_test_");
  });

  it("treats network failures as retryable and unknown errors as generic", () => {
    const network = new Stripe.errors.StripeConnectionError({ message: "socket hang up" } as never);
    expect(describeStripeError(network)).toMatchObject({ code: "connection", retryable: true });
    expect(describeStripeError(new Error("boom")).message).not.toContain("boom");
  });
});

describe("idempotencyKeyFor", () => {
  it("is stable for one row and refuses anything that is not a plain id", () => {
    expect(idempotencyKeyFor("refund.create", "0b6f9d0e-1c1e-4a5f-9b52-0d9f7c6d1a11")).toBe(
      "ledgerline:refund.create:0b6f9d0e-1c1e-4a5f-9b52-0d9f7c6d1a11",
    );
    expect(() => idempotencyKeyFor("refund create", "x")).toThrow();
    expect(() => idempotencyKeyFor("refund.create", "a/b")).toThrow();
  });
});
