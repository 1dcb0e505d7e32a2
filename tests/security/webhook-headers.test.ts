// The proxy does not run on Stripe's webhook route (proxy.ts's matcher), so the route must itself
// give every answer the headers an API answer carries through the proxy: a refusal, a 429 and a
// stored delivery alike.
import { createHmac } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/tests/support/db";

const WEBHOOK_SECRET = "whsec_headers_test";
process.env.DATABASE_URL = "pglite:memory";
process.env.NEXTAUTH_SECRET = "y".repeat(40);
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
process.env.STRIPE_EMULATOR_URL = "http://127.0.0.1:45678";

useTestDatabase();

const SECURITY_HEADERS = ["content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy", "permissions-policy", "cross-origin-opener-policy"];

function signed(body: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac("sha256", WEBHOOK_SECRET).update(`${t}.${body}`).digest("hex")}`;
}

describe("the webhook route's own headers", () => {
  let apiHeaders: Record<string, string | null>;
  beforeAll(async () => {
    const { proxy } = await import("@/proxy");
    const response = await proxy(new NextRequest("http://127.0.0.1:3000/api/health") as never);
    apiHeaders = Object.fromEntries(SECURITY_HEADERS.map((name) => [name, response.headers.get(name)]));
    expect(apiHeaders["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  async function post(body: string, signature: string | null): Promise<Response> {
    const { POST } = await import("@/app/api/webhooks/stripe/route");
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (signature) headers["stripe-signature"] = signature;
    return POST(new Request("http://127.0.0.1:3000/api/webhooks/stripe", { method: "POST", body, headers }));
  }

  it("are the proxy's API headers, on a stored delivery and on a refusal", async () => {
    const event = JSON.stringify({
      id: "evt_headers_1", object: "event", type: "customer.created", created: Math.floor(Date.now() / 1000), livemode: false,
      api_version: "2026-10-28.endive", data: { object: { id: "cus_headers_1", object: "customer", created: 1, email: null, metadata: {} } },
    });
    const stored = await post(event, signed(event));
    const refused = await post(event, null);
    expect([stored.status, refused.status]).toEqual([200, 400]);
    for (const response of [stored, refused]) {
      expect(Object.fromEntries(SECURITY_HEADERS.map((name) => [name, response.headers.get(name)]))).toEqual(apiHeaders);
      expect(response.headers.get("cache-control")).toBe("no-store, no-transform");
    }
  });

  it("keep next start from gzipping an answer of a few dozen bytes", async () => {
    const answer = await post("{}", null);
    const body = await answer.text();
    // What next start runs on every answer (next/dist/server/lib/router-server.js), fed as Next feeds it: headers, then the body streamed.
    const compress = createRequire(import.meta.url)("next/dist/compiled/compression")() as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
    const server = http.createServer((req, res) => {
      compress(req, res, () => {
        answer.headers.forEach((value, name) => res.setHeader(name, value));
        res.statusCode = answer.status;
        res.write(body);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const served = await fetch(`http://127.0.0.1:${port}/`, { headers: { "accept-encoding": "gzip, deflate" } });
      expect(served.headers.get("content-encoding")).toBeNull();
      expect(await served.text()).toBe(body);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
