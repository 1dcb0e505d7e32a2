import { describe, expect, it } from "vitest";
import { PENDING_REFUND_EXPECTED_DAYS, refundOverdueDays } from "./pending";

const now = new Date("2026-11-20T12:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe("a refund pending longer than Stripe's documented time", () => {
  it("is flagged with its age once past 10 business days, and never while settled or within time", () => {
    expect(refundOverdueDays("pending", daysAgo(3), now)).toBeNull();
    expect(refundOverdueDays("pending", daysAgo(PENDING_REFUND_EXPECTED_DAYS), now)).toBeNull();
    expect(refundOverdueDays("pending", daysAgo(20), now)).toBe(20);
    expect(refundOverdueDays("requires_action", daysAgo(30), now)).toBe(30);
    for (const settled of ["succeeded", "failed", "canceled"]) expect(refundOverdueDays(settled, daysAgo(90), now)).toBeNull();
  });
});
