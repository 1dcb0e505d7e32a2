import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stripeWebhooks } from "@/lib/stripe/client";
import { useTestDatabase } from "@/tests/support/db";
import { T0, exampleObject, stripeEvent } from "@/tests/support/webhooks/events";
import { emptyWebhookTables } from "@/tests/support/webhooks/tables";
import { MAX_WEBHOOK_BODY_BYTES } from "../verify";
import { startIngestServer, type IngestServer } from "./server";

useTestDatabase();

const SECRET = "whsec_test_ingest";
const signer = stripeWebhooks();
let server: IngestServer;

beforeAll(async () => {
  server = await startIngestServer({ port: 0, context: { environmentSecrets: [SECRET], dependencies: {}, responseHeaders: { "x-content-type-options": "nosniff" } } });
});
afterAll(async () => server.close());
afterEach(async () => emptyWebhookTables());

function post(body: string, signature: string | null, path = "/api/webhooks/stripe"): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature !== null) headers["stripe-signature"] = signature;
  return fetch(`${server.url}${path}`, { method: "POST", body, headers });
}

const signedBody = (id: string) => {
  const body = JSON.stringify(stripeEvent("customer.created", T0, exampleObject("customer", { id: `cus_${id}`, email: `${id}@example.com`, created: T0 }), `evt_${id}`));
  return { body, signature: signer.generateTestHeaderString({ payload: body, secret: SECRET }) };
};

describe("the standalone ingest server", () => {
  it("records and projects a signed delivery once, answering as the route does", async () => {
    const { body, signature } = signedBody("ingest_1");
    const first = await post(body, signature);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await first.json()).toEqual({ received: true, status: "processed" });
    const again = await post(body, signature);
    expect(await again.json()).toEqual({ received: true, status: "duplicate" });
    expect(await db().customer.count({ where: { id: "cus_ingest_1" } })).toBe(1);
    expect(await db().stripeEvent.findUniqueOrThrow({ where: { id: "evt_ingest_1" } })).toMatchObject({ status: "processed", source: "webhook" });
  });

  it("refuses a forged delivery and records who sent it, from the socket's address", async () => {
    const { body } = signedBody("ingest_forged");
    const forged = await post(body, signer.generateTestHeaderString({ payload: body, secret: "whsec_someone_else" }));
    expect(forged.status).toBe(400);
    expect(await db().stripeEvent.count()).toBe(0);
    const rejection = await db().webhookRejection.findFirstOrThrow();
    expect(JSON.stringify(rejection)).toContain("127.0.0.1");
  });

  it("refuses a body over the cap, declared or sent, as the route does", async () => {
    const { body, signature } = signedBody("ingest_large");
    const padded = body.replace('"object":"event"', `"padding":"${"x".repeat(MAX_WEBHOOK_BODY_BYTES)}","object":"event"`);
    expect(padded.length).toBeGreaterThan(MAX_WEBHOOK_BODY_BYTES);
    const declared = await post(padded, signature);
    expect(declared.status).toBe(400);
    expect(await declared.json()).toEqual({ error: "Body too large" });
    // Chunked: no Content-Length, so the cap is found while reading.
    const streamed = await fetch(`${server.url}/api/webhooks/stripe`, {
      method: "POST",
      headers: { "stripe-signature": signature },
      body: new Blob([padded]).stream(),
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect(streamed.status).toBe(400);
    expect(await streamed.json()).toEqual({ error: "Body too large" });
    expect(await db().stripeEvent.count()).toBe(0);
    expect((await db().webhookRejection.findFirstOrThrow()).reason).toBe("body_too_large");
  });

  it("answers many deliveries at once, each after its own commit", async () => {
    const deliveries = Array.from({ length: 24 }, (_, i) => signedBody(`ingest_many_${i}`));
    const answers = await Promise.all(deliveries.map(({ body, signature }) => post(body, signature)));
    expect(answers.map((a) => a.status)).toEqual(deliveries.map(() => 200));
    expect(await db().stripeEvent.count({ where: { status: "processed" } })).toBe(24);
  });

  it("serves the health report and nothing else", async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ database: { reachable: true } });
    expect((await fetch(`${server.url}/api/webhooks/stripe`)).status).toBe(405);
    expect((await post("{}", null, "/settings")).status).toBe(404);
  });
});
