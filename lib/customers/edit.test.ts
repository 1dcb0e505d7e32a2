// Editing a customer goes through Stripe under a stored staff action's key, lands in the mirror,
// and refuses bad input (and Stripe's refusals) clearly, changing nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import { db } from "@/lib/db";
import { editCustomer } from "./edit";
import { createCustomer } from "./manage";

const bed = useMoneyTestbed();

async function newCustomer(): Promise<string> {
  const created = await createCustomer(bed.staff.agent, { actionId: randomUUID(), name: "Emma Jones", email: `emma-${randomUUID()}@example.com` });
  if (!created.ok || !created.objectId) throw new Error(JSON.stringify(created));
  await bed.stripe.customers.update(created.objectId, { metadata: { tier: "gold", source: "web" } });
  return created.objectId;
}

describe("editCustomer", () => {
  it("changes name, email, phone and metadata at Stripe under the action's key, and the mirror follows", async () => {
    const customerId = await newCustomer();
    const actionId = randomUUID();
    const result = await editCustomer(bed.staff.agent, { actionId, customerId, name: " Emma Stone ", email: "E.Stone@Example.com", phone: "+44 20 7946 0958", metadata: "source: shop\nvip: yes" });
    expect(result).toMatchObject({ ok: true, message: "Emma Stone was updated." });
    const atStripe = await bed.stripe.customers.retrieve(customerId);
    // tier was removed from the text, so it is unset; source changed; vip added.
    expect(atStripe).toMatchObject({ name: "Emma Stone", email: "e.stone@example.com", phone: "+44 20 7946 0958", metadata: { source: "shop", vip: "yes" } });
    expect(await db().customer.findUnique({ where: { id: customerId } })).toMatchObject({ name: "Emma Stone", email: "e.stone@example.com", phone: "+44 20 7946 0958" });
    const row = await db().staffAction.findUniqueOrThrow({ where: { id: actionId } });
    expect(row).toMatchObject({ kind: "customer.update", status: "succeeded", objectId: customerId });
    // The same form sent again (a double click) changes nothing more and answers the same.
    expect(await editCustomer(bed.staff.agent, { actionId, customerId, name: "Emma Stone", email: "e.stone@example.com", phone: "+44 20 7946 0958", metadata: "source: shop\nvip: yes" })).toMatchObject({ ok: true });
  });

  it("clears a phone left empty", async () => {
    const customerId = await newCustomer();
    await bed.stripe.customers.update(customerId, { phone: "+1 555 0100" });
    expect(await editCustomer(bed.staff.agent, { actionId: randomUUID(), customerId, name: "Emma Jones", email: "emma@example.com", phone: "", metadata: "" })).toMatchObject({ ok: true });
    expect((await bed.stripe.customers.retrieve(customerId)) as { phone: string | null; metadata: object }).toMatchObject({ phone: null, metadata: {} });
  });

  it("refuses bad input field by field, and a role without the permission, changing nothing", async () => {
    const customerId = await newCustomer();
    const before = await tableFingerprint();
    const base = { actionId: randomUUID(), customerId, name: "Emma", email: "emma@example.com", phone: "", metadata: "" };
    const fields = async (input: object) => {
      const result = await editCustomer(bed.staff.agent, { ...base, ...input });
      return result.ok ? null : result.fieldErrors;
    };
    expect(await fields({ name: "" })).toMatchObject({ name: ["Enter the customer's name."] });
    expect(await fields({ name: "n".repeat(257) })).toMatchObject({ name: ["Keep the name to 256 characters."] });
    expect(await fields({ email: "not an email" })).toMatchObject({ email: ["Enter a valid email address."] });
    expect(await fields({ phone: "+1 555 0100 0100 0100 0" })).toMatchObject({ phone: ["Keep the phone number to 20 characters."] });
    expect(await fields({ phone: "call me" })).toMatchObject({ phone: ["A phone number has digits, spaces and + ( ) - . only."] });
    expect(await fields({ metadata: "no colon here" })).toMatchObject({ metadata: ["Write each metadata line as key: value (line 1 has no colon)."] });
    expect(await fields({ metadata: `${"k".repeat(41)}: v` })).toMatchObject({ metadata: ["Metadata keys have at most 40 characters (line 1)."] });
    expect(await fields({ metadata: `k: ${"v".repeat(501)}` })).toMatchObject({ metadata: ["Metadata values have at most 500 characters (line 1)."] });
    expect(await fields({ metadata: "a: 1\na: 2" })).toMatchObject({ metadata: ["The key a is there twice (line 2)."] });
    expect(await fields({ customerId: "cus_missing" })).toBeUndefined();
    const viewer = await editCustomer(bed.staff.view_only, base);
    expect(viewer.ok).toBe(false);
    expect(await tableFingerprint()).toEqual(before);
    expect(await bed.stripe.customers.retrieve(customerId)).toMatchObject({ name: "Emma Jones", metadata: { tier: "gold", source: "web" } });
  });
});
