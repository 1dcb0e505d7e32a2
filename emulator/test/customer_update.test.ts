// POST /v1/customers/:id refuses what Stripe refuses (lengths from Stripe's API reference, email
// format, metadata limits) with the same kind of error, and changes nothing when it does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, stripeError, type TestEmulator } from "./helpers";

let emu: TestEmulator;

beforeAll(async () => {
  emu = await startTestEmulator();
});

afterAll(() => emu.close());

describe("customer update", () => {
  it("changes name, email, phone and metadata, a metadata key set to empty removing it, and sends customer.updated", async () => {
    const customer = await emu.stripe.customers.create({ name: "Emma Jones", email: "emma@example.com", metadata: { tier: "gold", source: "web" } });
    const updated = await emu.stripe.customers.update(customer.id, { name: "Emma Stone", email: "e.stone@example.com", phone: "+44 20 7946 0958", metadata: { tier: "", vip: "yes" } });
    expect(updated).toMatchObject({ name: "Emma Stone", email: "e.stone@example.com", phone: "+44 20 7946 0958", metadata: { source: "web", vip: "yes" } });
    const events = await emu.stripe.events.list({ type: "customer.updated", limit: 1 });
    expect(events.data[0]!.data.object).toMatchObject({ id: customer.id, name: "Emma Stone" });
    // Empty strings unset a field.
    expect(await emu.stripe.customers.update(customer.id, { phone: "" })).toMatchObject({ phone: null });
  });

  it("refuses what Stripe refuses, naming the parameter, and leaves the customer as it was", async () => {
    const customer = await emu.stripe.customers.create({ name: "Kept", email: "kept@example.com", phone: "+1 555 0100" });
    const refusals: Array<[Record<string, unknown>, string, string | undefined]> = [
      [{ name: "x".repeat(257) }, "name", undefined],
      [{ email: `${"x".repeat(506)}@ex.com` }, "email", undefined],
      [{ email: "not an email" }, "email", "email_invalid"],
      [{ phone: "+1 555 0100 0100 0100 0" }, "phone", undefined],
      [{ description: "d".repeat(351) }, "description", undefined],
      [{ metadata: { ["k".repeat(41)]: "v" } }, "metadata", undefined],
      [{ metadata: { key: "v".repeat(501) } }, "metadata", undefined],
    ];
    for (const [params, param, code] of refusals) {
      const error = await stripeError(() => emu.stripe.customers.update(customer.id, params));
      expect(error, JSON.stringify(params).slice(0, 60)).toMatchObject({ type: "StripeInvalidRequestError", statusCode: 400, param });
      if (code) expect(error.code).toBe(code);
    }
    expect(await emu.stripe.customers.retrieve(customer.id)).toMatchObject({ name: "Kept", email: "kept@example.com", phone: "+1 555 0100", metadata: {} });
  });

  it("accepts values at Stripe's limits", async () => {
    const customer = await emu.stripe.customers.create({ name: "Limits" });
    const updated = await emu.stripe.customers.update(customer.id, { name: "n".repeat(256), phone: "p".repeat(20), description: "d".repeat(350), metadata: { ["k".repeat(40)]: "v".repeat(500) } });
    expect(updated.name).toHaveLength(256);
  });
});
