// The session cookie a real credentials sign-in sets, through next-auth's own handler with our
// options: HttpOnly and SameSite=Lax always, Secure (and __Secure- prefixed) behind HTTPS.
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";

// next-auth's core handler (the one its Next route handler wraps), which the package does not export by name.
const { AuthHandler } = createRequire(import.meta.url)(path.join(process.cwd(), "node_modules/next-auth/core/index.js")) as {
  AuthHandler<Body = unknown>(params: { req: Record<string, unknown>; options: unknown }): Promise<{ body?: Body; redirect?: string; cookies?: SetCookie[] }>;
};

interface SetCookie {
  name: string;
  value: string;
  options: Record<string, unknown>;
}

useTestDatabase();
const PASSWORD = "correct horse battery staple";

let authOptions: typeof import("@/lib/auth/options").authOptions;
beforeAll(async () => {
  process.env.DATABASE_URL = "pglite:memory";
  process.env.NEXTAUTH_SECRET = "s".repeat(40);
  ({ authOptions } = await import("@/lib/auth/options"));
  const { hashPassword } = await import("@/lib/auth/password");
  await db().staffUser.create({ data: { email: "cookie@example.com", name: "Cookie Test", roles: ["view_only"], passwordHash: await hashPassword(PASSWORD) } });
});

// next-auth takes its origin from NEXTAUTH_URL, as in production.
async function signIn(nextAuthUrl: string) {
  process.env.NEXTAUTH_URL = nextAuthUrl;
  const csrf = await AuthHandler<{ csrfToken: string }>({ req: { action: "csrf", method: "GET" }, options: authOptions() });
  const csrfCookie = csrf.cookies?.find((c) => c.name.endsWith("next-auth.csrf-token"));
  if (!csrfCookie || !csrf.body) throw new Error("next-auth handed out no CSRF token");
  const callback = await AuthHandler({
    req: {
      action: "callback",
      providerId: "credentials",
      method: "POST",
      cookies: { [csrfCookie.name]: csrfCookie.value },
      body: { email: "cookie@example.com", password: PASSWORD, csrfToken: csrf.body.csrfToken },
    },
    options: authOptions(),
  });
  const session = callback.cookies?.find((c) => c.name.endsWith("next-auth.session-token"));
  if (!session) throw new Error(`no session cookie; answer: ${JSON.stringify(callback.redirect ?? callback.body)}`);
  return { session, csrfCookie };
}

const originalUrl = process.env.NEXTAUTH_URL;
afterAll(() => {
  if (originalUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = originalUrl;
});

describe("session cookies", () => {
  it("are HttpOnly, SameSite=Lax and Secure behind an HTTPS NEXTAUTH_URL", async () => {
    const { session, csrfCookie } = await signIn("https://ledgerline.example.com");
    expect(session.name).toBe("__Secure-next-auth.session-token");
    expect(session.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true, path: "/" });
    expect(csrfCookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true });
    expect(session.value.split(".")).toHaveLength(5); // an encrypted JWT (JWE), not readable by the browser
  }, 60_000);

  it("are HttpOnly and SameSite=Lax on plain-HTTP development too", async () => {
    const { session } = await signIn("http://127.0.0.1:3000");
    expect(session.name).toBe("next-auth.session-token");
    expect(session.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });
  }, 60_000);
});
