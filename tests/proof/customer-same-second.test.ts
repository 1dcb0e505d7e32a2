// Found by the webhook storm and the two-instance run: customer.created and customer.updated stamped with the same second
// and delivered in reverse order left the created snapshot (no default card) in place; a card attached
// and detached within one second reappeared as saved when the attachment arrived last.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { recordStripeEvent } from "@/lib/webhooks/record";
import { T0, exampleObject, stripeEvent } from "@/lib/webhooks/testing/events";

useTestDatabase();

describe("a customer created and updated within one second", () => {
  it("keeps the update when the creation arrives last", async () => {
    const customer = (defaultPm: string | null) =>
      exampleObject("customer", {
        id: "cus_same_second", email: "same@example.com", name: "Same Second", created: T0,
        invoice_settings: { custom_fields: null, default_payment_method: defaultPm, footer: null, rendering_options: null },
      });
    const created = stripeEvent("customer.created", T0, customer(null));
    const updated = stripeEvent("customer.updated", T0, customer("pm_same_second"));
    expect(await recordStripeEvent(updated, "webhook")).toMatchObject({ status: "processed" });
    expect(await recordStripeEvent(created, "webhook")).toMatchObject({ status: "processed" });
    expect(await db().customer.findUniqueOrThrow({ where: { id: "cus_same_second" } })).toMatchObject({ defaultPaymentMethodId: "pm_same_second" });
  });
});

describe("a card attached and detached within one second", () => {
  it("stays detached when the attachment arrives last", async () => {
    const card = (customer: string | null) =>
      exampleObject("payment_method", {
        id: "pm_same_second", customer, created: T0, type: "card",
        card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2030, fingerprint: "fp_same", country: "US", funding: "credit" },
      });
    const attached = stripeEvent("payment_method.attached", T0, card("cus_same_second"));
    const detached = stripeEvent("payment_method.detached", T0, card(null));
    expect(await recordStripeEvent(detached, "webhook")).toMatchObject({ status: "processed" });
    expect(await recordStripeEvent(attached, "webhook")).toMatchObject({ status: "processed" });
    expect(await db().paymentMethod.findUniqueOrThrow({ where: { id: "pm_same_second" } })).toMatchObject({ customerId: null });
  });
});
