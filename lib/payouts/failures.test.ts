import { describe, expect, it } from "vitest";
import { FAILURE_CODES } from "@/emulator/resources/payouts";
import { describePayoutFailure } from "./failures";

describe("payout failure words", () => {
  it("explains every failure code Stripe documents, with a next step", () => {
    const fallback = describePayoutFailure("not_a_code", null);
    for (const code of FAILURE_CODES) {
      const words = describePayoutFailure(code, null);
      expect(words.what, code).not.toBe(fallback.what);
      expect(words.what, code).not.toMatch(/_/);
      expect(words.next.length, code).toBeGreaterThan(10);
    }
  });

  it("keeps Stripe's message and still says something when the code is unknown or missing", () => {
    expect(describePayoutFailure("account_closed", "The bank account has been closed.")).toMatchObject({
      what: "The bank account has been closed.",
      stripeMessage: "The bank account has been closed.",
      code: "account_closed",
    });
    expect(describePayoutFailure(null, null).what).toBe("The bank returned the payout.");
  });
});
