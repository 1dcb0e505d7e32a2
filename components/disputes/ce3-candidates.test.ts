import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Ce3Workbench } from "@/lib/disputes/ce3/candidates";
import { ce3Panel } from "@/lib/disputes/ce3/panel";
import { assessCe3, type Ce3Transaction } from "@/lib/disputes/ce3/qualify";
import { Ce3Candidates, ce3Payload, initialCe3Choice } from "./ce3-candidates";

const at = new Date("2026-06-30T12:00:00Z");
const daysAgo = (d: number) => new Date(at.getTime() - d * 86_400_000);
const tx = (over: Partial<Ce3Transaction>): Ce3Transaction => ({
  chargeId: "ch_x", created: at, amount: 2400n, currency: "usd", paid: true, disputed: false, cardFingerprint: "fp", paymentMethodId: "pm",
  description: null, accountId: null, email: null, deviceId: null, deviceFingerprint: null, ip: null, shippingAddress: null, ...over,
});

function workbench(): Ce3Workbench {
  const disputed = tx({ chargeId: "ch_disputed", ip: "198.51.100.23", description: "Coffee subscription" });
  const history = [
    tx({ chargeId: "ch_ip_only", created: daysAgo(150), ip: "198.51.100.23", deviceId: "imei-356938035643809", description: "Coffee, March" }),
    tx({ chargeId: "ch_nothing", created: daysAgo(200) }),
  ];
  return { ...assessCe3(disputed, history), disputed, stripeStatus: "requires_action", requiredActions: ["missing_prior_undisputed_transactions"] };
}

describe("the CE 3.0 panel", () => {
  it("lists each earlier payment with why it does or does not qualify, and what the disputed payment lacks", () => {
    const panel = ce3Panel(workbench(), { locale: "en-US", timeZone: "UTC" });
    expect(panel.rows.map((r) => r.why)).toEqual([
      "Made 150 days before; shares the purchase IP address (two are needed).",
      "Made 200 days before; shares no identifier (two are needed).",
    ]);
    expect(panel.status).toBe("Stripe still needs two prior undisputed payments.");
    expect(panel.missing[0]).toBe('This payment has no device id or fingerprint recorded (payment metadata "device_id" (at least 15 characters) or "device_fingerprint" (at least 20)): with it, 1 more earlier payment would have qualified.');
    const html = renderToStaticMarkup(createElement(Ce3Candidates, { panel, choice: initialCe3Choice(panel, false), onChange: () => {}, readOnly: false }));
    expect(html).toContain("Visa Compelling Evidence 3.0");
    expect(html).toContain("Coffee, March");
    expect(html.match(/disabled=""/g)).toHaveLength(2);
    expect(ce3Payload(initialCe3Choice(panel, false))).toEqual({});
  });

  it("sends the chosen payments in the shape the staff actions read", () => {
    expect(ce3Payload({ priorCharges: ["ch_a", "ch_b"], productDescription: "Coffee", merchandiseOrServices: "merchandise" })).toEqual({
      ce3PriorCharges: "ch_a,ch_b", ce3ProductDescription: "Coffee", ce3MerchandiseOrServices: "merchandise",
    });
  });
});
