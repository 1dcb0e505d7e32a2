import { describe, expect, it } from "vitest";
import { REDACTED, redactClientSecrets } from "./redact";

const SECRET = "pi_3Q0abc_secret_Zy9xw";

describe("redactClientSecrets", () => {
  it("replaces every copy of a secret, however deep, and keeps only next_action's type", () => {
    const event = {
      id: "evt_1",
      data: {
        object: {
          id: "pi_3Q0abc",
          client_secret: SECRET,
          next_action: { type: "use_stripe_sdk", use_stripe_sdk: { stripe_js: `https://hooks.stripe.com/?secret=${SECRET}` } },
          last_payment_error: { payment_intent: { client_secret: SECRET }, message: `see ${SECRET}` },
          charges: { data: [{ id: "ch_1" }, { id: "ch_2", description: `for ${SECRET} and seti_1Ab_secret_Cd` }] },
        },
        previous_attributes: { client_secret: null, metadata: { note: SECRET } },
      },
    };
    const stored = JSON.stringify(redactClientSecrets(event));
    expect(stored).not.toContain("_secret_");
    expect(redactClientSecrets(event)).toEqual({
      id: "evt_1",
      data: {
        object: {
          id: "pi_3Q0abc",
          client_secret: REDACTED,
          next_action: { type: "use_stripe_sdk", redacted: true },
          last_payment_error: { payment_intent: { client_secret: REDACTED }, message: `see ${REDACTED}` },
          charges: { data: [{ id: "ch_1" }, { id: "ch_2", description: `for ${REDACTED} and ${REDACTED}` }] },
        },
        previous_attributes: { client_secret: null, metadata: { note: REDACTED } },
      },
    });
    // The input is left as it was: the projectors read the same object after the event log.
    expect(event.data.object.client_secret).toBe(SECRET);
    expect(event.data.previous_attributes.metadata.note).toBe(SECRET);
  });

  it("returns what holds no secret as it is, and shares the untouched parts of what does", () => {
    const customer = { id: "cus_1", address: { city: "Lyon" }, tags: ["a", "b"], next_action: null, client_secret: null };
    expect(redactClientSecrets(customer)).toBe(customer);
    const intent = { id: "pi_1", customer, client_secret: SECRET };
    const redacted = redactClientSecrets(intent);
    expect(redacted).not.toBe(intent);
    expect(redacted.customer).toBe(customer);
    expect(Object.keys(redacted)).toEqual(["id", "customer", "client_secret"]);
  });

  it("copies an object that is not plain JSON field by field, as before", () => {
    class Snapshot {
      id = "cus_2";
    }
    expect(JSON.stringify(redactClientSecrets({ when: new Date(0), snapshot: new Snapshot() }))).toBe('{"when":{},"snapshot":{"id":"cus_2"}}');
  });
});
