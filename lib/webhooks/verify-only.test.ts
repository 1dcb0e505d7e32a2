// The benchmark's verify-only route must be dark unless the benchmark switched it on at start:
// otherwise it would answer 200 to any well-signed post, a second "webhook endpoint" that stores nothing.
import { afterEach, describe, expect, it } from "vitest";
import { stripeWebhooks } from "@/lib/stripe/client";
import { BENCH_VERIFY_ROUTE_ENV, verifyOnly } from "./verify-only";

const SECRET = "whsec_bench_verify";
const body = JSON.stringify({
  id: "evt_verify_only", object: "event", type: "customer.created", created: Math.floor(Date.now() / 1000), livemode: false,
  api_version: "2026-10-28.endive", data: { object: { id: "cus_1", object: "customer" } },
});

function post(signature: string | null): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature) headers["stripe-signature"] = signature;
  return new Request("http://127.0.0.1:3000/api/webhooks/verify-only", { method: "POST", body, headers });
}
const signed = () => post(stripeWebhooks().generateTestHeaderString({ payload: body, secret: SECRET }));

afterEach(() => {
  delete process.env[BENCH_VERIFY_ROUTE_ENV];
});

describe("the verify-only benchmark route", () => {
  it("answers 404 to a well-signed delivery when the server was not started for the benchmark", async () => {
    for (const value of [undefined, "", "0", "true", "yes"]) {
      const env = value === undefined ? {} : { [BENCH_VERIFY_ROUTE_ENV]: value };
      expect((await verifyOnly(signed(), [SECRET], env)).status, String(value)).toBe(404);
    }
  });

  it("reads the switch from the process environment by default", async () => {
    expect((await verifyOnly(signed(), [SECRET])).status).toBe(404);
    process.env[BENCH_VERIFY_ROUTE_ENV] = "1";
    expect((await verifyOnly(signed(), [SECRET])).status).toBe(200);
  });

  it("when switched on, accepts only a valid signature", async () => {
    const on = { [BENCH_VERIFY_ROUTE_ENV]: "1" };
    expect((await verifyOnly(signed(), [SECRET], on)).status).toBe(200);
    const forged = stripeWebhooks().generateTestHeaderString({ payload: body, secret: "whsec_someone_else" });
    expect((await verifyOnly(post(forged), [SECRET], on)).status).toBe(400);
    expect(await (await verifyOnly(post(null), [SECRET], on)).json()).toEqual({ error: "missing_signature" });
  });

  it("is served by both route files, off by default", async () => {
    for (const route of [await import("@/app/api/webhooks/verify-only/route"), await import("@/app/api/bench/verify-only/route")]) {
      expect((await route.POST(signed())).status).toBe(404);
    }
  });
});
