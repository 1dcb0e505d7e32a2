import { describe, expect, it } from "vitest";
import { assessCe3, exclusion, sharedSignals, signalsQualify, type Ce3Transaction } from "./qualify";

const DISPUTED_AT = new Date("2026-06-30T12:00:00Z");
const daysAgo = (days: number, hours = 0) => new Date(DISPUTED_AT.getTime() - days * 86_400_000 - hours * 3_600_000);
const address = { line1: "1 Main St", line2: null, city: "Springfield", state: "IL", postal_code: "62701", country: "US" };

const tx = (over: Partial<Ce3Transaction> = {}): Ce3Transaction => ({
  chargeId: "ch_prior",
  created: daysAgo(200),
  amount: 2500n,
  currency: "usd",
  paid: true,
  disputed: false,
  cardFingerprint: "fp_card",
  paymentMethodId: "pm_1",
  description: "Annual plan",
  accountId: null,
  email: null,
  deviceId: null,
  deviceFingerprint: null,
  ip: null,
  shippingAddress: null,
  ...over,
});
const disputed = tx({ chargeId: "ch_disputed", created: DISPUTED_AT, ip: "203.0.113.7", deviceId: "imei-356938035643809", email: "jo@example.com", shippingAddress: address });

describe("the 120–364 day window", () => {
  it.each([
    [119, "too_recent"],
    [120, null],
    [364, null],
    [365, "too_old"],
    [366, "too_old"],
  ] as const)("a charge %i days before the disputed one: %s", (days, expected) => {
    expect(exclusion(disputed, tx({ created: daysAgo(days) }))).toBe(expected);
  });

  it("counts whole days: 119 days and 23 hours is still too recent", () => {
    expect(exclusion(disputed, tx({ created: daysAgo(119, 23) }))).toBe("too_recent");
  });
});

describe("which charges can count at all", () => {
  it.each([
    ["a disputed prior charge", tx({ disputed: true }), "disputed"],
    ["an unpaid one", tx({ paid: false }), "not_paid"],
    ["a zero-amount validation", tx({ amount: 0n }), "validation"],
    ["another card", tx({ cardFingerprint: "fp_other" }), "other_card"],
    ["the same payment method when no fingerprint is known", tx({ cardFingerprint: null }), null],
    ["the disputed charge itself", tx({ chargeId: "ch_disputed" }), "same_charge"],
  ] as const)("%s", (_, prior, expected) => {
    expect(exclusion(disputed, prior)).toBe(expected);
  });
});

describe("matching identifiers", () => {
  it.each([
    ["no shared identifier", {}, [], false],
    ["the IP alone", { ip: "203.0.113.7" }, ["ip"], false],
    ["the email alone", { email: "JO@example.com " }, ["user_id"], false],
    ["email and shipping address, neither IP nor device", { email: "jo@example.com", shippingAddress: address }, ["user_id", "shipping_address"], false],
    ["IP and email", { ip: "203.0.113.7", email: "jo@example.com" }, ["ip", "user_id"], true],
    ["device and shipping address", { deviceId: "imei-356938035643809", shippingAddress: address }, ["device", "shipping_address"], true],
    ["IP and device", { ip: "203.0.113.7", deviceId: "imei-356938035643809" }, ["ip", "device"], true],
  ] as const)("%s", (_, over, signals, qualifies) => {
    const shared = sharedSignals(disputed, tx(over));
    expect(shared).toEqual(signals);
    expect(signalsQualify(shared)).toBe(qualifies);
  });
});

describe("assessCe3", () => {
  const good = (id: string, days: number, over: Partial<Ce3Transaction> = {}) => tx({ chargeId: id, created: daysAgo(days), ip: "203.0.113.7", email: "jo@example.com", ...over });

  it("chooses the two best qualifying charges, ranked by shared identifiers then recency, and leaves disputed ones out", () => {
    const history = [
      good("ch_two_signals", 150),
      good("ch_three_signals", 300, { deviceId: "imei-356938035643809" }),
      good("ch_disputed_before", 140, { disputed: true, deviceId: "imei-356938035643809" }),
      good("ch_too_recent", 119),
      tx({ chargeId: "ch_one_signal", created: daysAgo(130), ip: "203.0.113.7" }),
    ];
    const { candidates, chosen, missing } = assessCe3(disputed, history);
    expect(candidates.map((c) => c.transaction.chargeId)).toEqual(["ch_three_signals", "ch_two_signals", "ch_one_signal"]);
    expect(candidates.map((c) => c.qualifies)).toEqual([true, true, false]);
    expect(chosen?.map((c) => c.transaction.chargeId)).toEqual(["ch_three_signals", "ch_two_signals"]);
    expect(chosen?.[0].signals).toEqual(["ip", "device", "user_id"]);
    expect(missing).toEqual([]);
  });

  it("short of two qualifying charges, names each identifier the disputed payment lacks that would have qualified the other", () => {
    const bare = { ...disputed, deviceId: null, email: null, shippingAddress: null };
    const history = [good("ch_a", 200), tx({ chargeId: "ch_b", created: daysAgo(210), ip: "203.0.113.7", deviceId: "imei-356938035643809" })];
    const { chosen, missing } = assessCe3(bare, history);
    expect(chosen).toBeNull();
    expect(missing.map((m) => [m.signal, m.wouldQualify])).toEqual([["device", 1], ["user_id", 1], ["shipping_address", 0]]);
    expect(missing[0]!.source).toContain('"device_id"');
  });
});
