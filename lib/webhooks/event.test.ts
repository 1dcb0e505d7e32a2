// The webhook route checks an event's envelope by hand instead of through the zod schema; both must
// accept and refuse the same bodies, and give the same event, or the route would store what catch-up
// and retry refuse (or the reverse).
import { describe, expect, it } from "vitest";
import { readEventEnvelope, stripeEventSchema } from "./event";

const valid = {
  id: "evt_1Abc_def",
  object: "event",
  api_version: "2026-10-28.endive",
  created: 1_790_000_000,
  data: {
    object: { id: "ch_1", object: "charge", amount: 500, metadata: { order: "7" }, refunds: { data: [] } },
    previous_attributes: { amount_refunded: 0 },
  },
  livemode: false,
  pending_webhooks: 1,
  request: { id: "req_1", idempotency_key: "key-1", extra: true },
  type: "charge.updated",
};

type Body = Record<string, unknown>;
const without = (key: string) => (b: Body) => Object.fromEntries(Object.entries(b).filter(([k]) => k !== key));
const set = (key: string, value: unknown) => (b: Body) => ({ ...b, [key]: value });
const setData = (key: string, value: unknown) => (b: Body) => ({ ...b, data: { ...(b.data as Body), [key]: value } });
const setObject = (key: string, value: unknown) => (b: Body) => ({
  ...b,
  data: { ...(b.data as Body), object: { ...((b.data as Body).object as Body), [key]: value } },
});

const variants: Record<string, (b: Body) => unknown> = {
  "as sent": (b) => b,
  "no previous_attributes": (b) => ({ ...b, data: { object: (b.data as Body).object } }),
  "no api_version": without("api_version"),
  "null api_version": set("api_version", null),
  "numeric api_version": set("api_version", 20261028),
  "no request": without("request"),
  "null request": set("request", null),
  "empty request": set("request", {}),
  "request id a number": set("request", { id: 7 }),
  "request a string": set("request", "req_1"),
  "account set": set("account", "acct_1"),
  "account null": set("account", null),
  "no id": without("id"),
  "id without evt_": set("id", "ch_1"),
  "id with a dash": set("id", "evt_1-2"),
  "id evt_ alone": set("id", "evt_"),
  "object not event": set("object", "charge"),
  "empty type": set("type", ""),
  "type 200 long": set("type", "a".repeat(200)),
  "type 201 long": set("type", "a".repeat(201)),
  "type a number": set("type", 1),
  "created a float": set("created", 1.5),
  "created negative": set("created", -1),
  "created zero": set("created", 0),
  "created a string": set("created", "1790000000"),
  "created unsafe": set("created", 2 ** 60),
  "created NaN-ish": set("created", Number.POSITIVE_INFINITY),
  "livemode a string": set("livemode", "false"),
  "no livemode": without("livemode"),
  "no data": without("data"),
  "data an array": set("data", []),
  "data.object an array": setData("object", []),
  "data.object null": setData("object", null),
  "data.object empty": setData("object", {}),
  "data.object id a number": setObject("id", 1),
  "data.object object null": setObject("object", null),
  "previous_attributes an array": setData("previous_attributes", []),
  "previous_attributes null": setData("previous_attributes", null),
  "previous_attributes empty": setData("previous_attributes", {}),
  "an array": () => [valid],
  "null": () => null,
  "a string": () => "evt_1",
};

describe("the hand-checked event envelope", () => {
  for (const [name, change] of Object.entries(variants)) {
    it(`agrees with the schema: ${name}`, () => {
      const body = JSON.parse(JSON.stringify(change(valid))) as unknown;
      const schema = stripeEventSchema.safeParse(body);
      const envelope = readEventEnvelope(body);
      if (schema.success) expect(envelope).toEqual(schema.data);
      else expect(envelope).toBeNull();
    });
  }

  it("accepts the event as Stripe sends it, keeping data.object whole and leaving out what is not the envelope", () => {
    const envelope = readEventEnvelope(JSON.parse(JSON.stringify(valid)));
    expect(envelope?.data.object).toEqual(valid.data.object);
    expect(envelope).not.toHaveProperty("pending_webhooks");
    expect(envelope?.request).toEqual({ id: "req_1", idempotency_key: "key-1" });
  });
});
