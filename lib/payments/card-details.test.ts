// The card details and metadata a payment page shows, from the snapshots Stripe's events leave.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cardDetails, metadataOf } from "./card-details";

const event = (name: string) =>
  (JSON.parse(readFileSync(path.join(process.cwd(), "emulator/test/fixtures/events-2020-03-02", name), "utf8")) as { data: { object: unknown } }).data.object;

describe("cardDetails", () => {
  it("reads a real charge.succeeded payload's card", () => {
    expect(cardDetails(event("charge_succeeded.json"))).toEqual({
      brand: "visa",
      last4: "4242",
      expiry: "04/2024",
      country: "US",
      funding: "credit",
      cvcCheck: "pass",
      addressLine1Check: null,
      postalCodeCheck: null,
      wallet: null,
    });
  });

  it("reads a wallet and every check, and nothing from a charge without a card", () => {
    const charge = {
      payment_method_details: {
        type: "card",
        card: { brand: "mastercard", last4: "4444", exp_month: 12, exp_year: 2030, country: "FR", funding: "debit", checks: { cvc_check: "fail", address_line1_check: "unavailable", address_postal_code_check: "pass" }, wallet: { type: "apple_pay", apple_pay: {} } },
      },
    };
    expect(cardDetails(charge)).toMatchObject({ expiry: "12/2030", cvcCheck: "fail", addressLine1Check: "unavailable", postalCodeCheck: "pass", wallet: "apple_pay" });
    expect(cardDetails({ payment_method_details: { type: "sepa_debit", sepa_debit: {} } })).toBeNull();
    expect(cardDetails(null)).toBeNull();
    expect(cardDetails({ payment_method_details: { card: { exp_month: 13, exp_year: 2030 } } })?.expiry).toBeNull();
  });
});

describe("metadataOf", () => {
  it("lists string values by key and leaves anything else out", () => {
    expect(metadataOf({ metadata: { order: "A-17", channel: "web", nested: { x: 1 } } })).toEqual([["channel", "web"], ["order", "A-17"]]);
    expect(metadataOf({ metadata: {} })).toEqual([]);
    expect(metadataOf({})).toEqual([]);
  });
});
