// The headers every answer carries, decided by path and run mode, and checked through the proxy
// itself: Stripe's origins only on customer pages, no framing anywhere, nosniff, a referrer policy.
import { NextRequest } from "next/server";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { beforeAll, describe, expect, it } from "vitest";
import { contentSecurityPolicy, pathKind, securityHeaders } from "@/lib/security/headers";

const EMULATOR = { stripeMode: "emulator" as const, emulatorUrl: "http://127.0.0.1:45678" };
const LIVE = { stripeMode: "live" as const, emulatorUrl: "http://127.0.0.1:12111" };

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe("content security policy", () => {
  it("classifies paths", () => {
    expect(pathKind("/setup/abc")).toBe("customer");
    expect(pathKind("/pay/abc")).toBe("customer");
    expect(pathKind("/payments/pi_1")).toBe("staff");
    expect(pathKind("/payouts")).toBe("staff");
    expect(pathKind("/sign-in")).toBe("staff");
    expect(pathKind("/api/webhooks/stripe")).toBe("api");
  });

  it("allows Stripe's scripts and frames on customer pages only", () => {
    const customer = directives(contentSecurityPolicy("customer", LIVE));
    expect(customer["script-src"]).toContain("https://js.stripe.com");
    expect(customer["frame-src"]).toContain("https://js.stripe.com");
    expect(customer["frame-ancestors"]).toEqual(["'none'"]);
    const staff = directives(contentSecurityPolicy("staff", LIVE));
    expect(staff["script-src"]?.some((s) => s.includes("stripe"))).toBe(false);
    expect(staff["frame-src"]).toEqual(["'none'"]);
    expect(staff["frame-ancestors"]).toEqual(["'none'"]);
    expect(staff["object-src"]).toEqual(["'none'"]);
    expect(staff["connect-src"]).toEqual(["'self'"]);
  });

  it("adds the emulator's origin on customer pages in emulator mode, and nowhere else", () => {
    const customer = directives(contentSecurityPolicy("customer", EMULATOR));
    for (const d of ["script-src", "frame-src", "connect-src"]) expect(customer[d]).toContain("http://127.0.0.1:45678");
    expect(contentSecurityPolicy("staff", EMULATOR)).not.toContain("45678");
    expect(contentSecurityPolicy("customer", LIVE)).not.toContain("127.0.0.1");
  });

  it("allows inline scripts only by the request's nonce, never 'unsafe-inline'", () => {
    for (const kind of ["staff", "customer"] as const) {
      const policy = directives(contentSecurityPolicy(kind, { ...LIVE, nonce: "bm9uY2U=" }));
      expect(policy["script-src"]).toEqual(expect.arrayContaining(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]));
      expect(policy["script-src"]).not.toContain("'unsafe-inline'");
      // Without a nonce no inline script runs at all.
      expect(directives(contentSecurityPolicy(kind, LIVE))["script-src"]).not.toContain("'unsafe-inline'");
    }
  });

  it("never allows eval outside development", () => {
    expect(contentSecurityPolicy("customer", LIVE)).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy("staff", { ...LIVE, development: true })).toContain("unsafe-eval");
  });

  it("sends no referrer from pages whose path holds a link token", () => {
    expect(securityHeaders("/setup/tok", LIVE)["Referrer-Policy"]).toBe("no-referrer");
    expect(securityHeaders("/payments", LIVE)["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("asks for HTTPS only when served over HTTPS", () => {
    expect(securityHeaders("/", { ...LIVE, https: true })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders("/", LIVE)["Strict-Transport-Security"]).toBeUndefined();
  });
});

describe("the proxy", () => {
  let proxy: typeof import("@/proxy").proxy;
  beforeAll(async () => {
    // A configuration of our own, so nothing is generated under .data/.
    process.env.DATABASE_URL = "pglite:memory";
    process.env.NEXTAUTH_SECRET = "x".repeat(40);
    process.env.STRIPE_EMULATOR_URL = "http://127.0.0.1:45678";
    ({ proxy } = await import("@/proxy"));
  });

  it("sends a signed-out visitor of a staff page to sign in, with the staff headers", async () => {
    const response = await proxy(new NextRequest("http://127.0.0.1:3000/payments") as never);
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toContain("/sign-in");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("lets a customer page through with Stripe's origins allowed", async () => {
    const response = await proxy(new NextRequest("http://127.0.0.1:3000/setup/abc") as never);
    expect(response.headers.get("location")).toBeNull();
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("https://js.stripe.com");
    expect(csp).toContain("http://127.0.0.1:45678");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("gives every page request a fresh nonce, in its policy and in the request Next renders", async () => {
    const nonces = [];
    for (const path of ["/sign-in", "/setup/abc", "/sign-in"]) {
      const response = await proxy(new NextRequest(`http://127.0.0.1:3000${path}`) as never);
      const csp = response.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22,}={0,2}$/);
      expect(csp, path).not.toContain("'unsafe-inline' ;");
      expect(directives(csp)["script-src"], path).not.toContain("'unsafe-inline'");
      // Next reads the nonce for its own inline scripts from the request's CSP header.
      expect(response.headers.get("x-middleware-request-content-security-policy"), path).toBe(csp);
      expect(response.headers.get("x-middleware-request-x-nonce"), path).toBe(nonce);
      nonces.push(nonce);
    }
    expect(new Set(nonces).size).toBe(3);
  });

  it("lets the sign-in page and API routes through (they answer for themselves)", async () => {
    // Stripe's webhook route sets the same headers itself (tests/security/webhook-headers.test.ts).
    for (const path of ["/sign-in", "/api/health"]) {
      const response = await proxy(new NextRequest(`http://127.0.0.1:3000${path}`) as never);
      expect(response.headers.get("location"), path).toBeNull();
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });

  it("asks for a session on any staff path that merely ends like a file; only the root's icon files are public", async () => {
    for (const path of ["/payments/pi_1.png", "/customers/cus_1/x.svg", "/events/evt_1.txt", "/settings/staff.ico", "/refunds.webp"]) {
      const response = await proxy(new NextRequest(`http://127.0.0.1:3000${path}`) as never);
      expect(response.headers.get("location"), path).toContain("/sign-in");
    }
    for (const path of ["/icon.svg", "/icon.png", "/apple-icon.png", "/robots.txt"]) {
      const response = await proxy(new NextRequest(`http://127.0.0.1:3000${path}`) as never);
      expect(response.headers.get("location"), path).toBeNull();
    }
  });
});

describe("where the proxy runs", () => {
  const runsOn = async (url: string) => {
    const { config } = await import("@/proxy");
    return unstable_doesMiddlewareMatch({ config, url });
  };

  it("runs on pages, customer pages and API routes", async () => {
    for (const path of ["/", "/payments", "/payments/pi_1.png", "/setup/abc", "/sign-in", "/api/health", "/api/auth/session", "/api/bench/verify-only"]) {
      expect(await runsOn(path), path).toBe(true);
    }
  });

  it("does not run on Stripe's webhook route nor the benchmark's bare verify-only route, only on those exact paths", async () => {
    expect(await runsOn("/api/webhooks/stripe")).toBe(false);
    expect(await runsOn("/api/webhooks/verify-only")).toBe(false);
    for (const path of ["/api/webhooks/stripe/x", "/api/webhooks/stripes", "/api/webhooks/verify-only-not", "/api/webhooks", "/api/webhooks/other"]) {
      expect(await runsOn(path), path).toBe(true);
    }
  });
});
