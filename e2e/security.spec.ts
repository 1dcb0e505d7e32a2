// Secrets and headers, against the production build: no secret key, restricted key, webhook secret
// or session secret in any file under .next/static or in anything served to a browser; the security
// headers on every page; the session cookie's flags.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page, type Request, type Response } from "@playwright/test";
import { signInAs } from "./helpers";

const SECRET_SHAPES = [/\bsk_(test|live)_[A-Za-z0-9]{4,}/, /\brk_(test|live)_[A-Za-z0-9]{4,}/, /\bwhsec_[A-Za-z0-9]{4,}/];

function e2eSettings(): { url: string; secrets: string[] } {
  const file = path.join(tmpdir(), `ledgerline-e2e-${process.env.E2E_PORT}.json`);
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { url: string; secrets?: string[] };
  return { url: parsed.url, secrets: parsed.secrets ?? [] };
}

function secretsIn(text: string, configured: string[]): string[] {
  const found = SECRET_SHAPES.flatMap((shape) => text.match(shape)?.[0] ?? []);
  for (const secret of configured) if (secret.length >= 16 && text.includes(secret)) found.push("a configured secret");
  return found;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

const STAFF_PAGES = ["/", "/payments", "/refunds", "/disputes", "/payouts", "/customers", "/events", "/audit", "/settings", "/settings/staff"];

function expectStaffHeaders(response: Response | import("@playwright/test").APIResponse, where: string): void {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("frame-src 'none'");
  expect(csp, where).not.toContain("stripe.com");
  expect(csp, where).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["x-frame-options"], where).toBe("DENY");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
}

test("no file under .next/static holds a secret", () => {
  const { secrets } = e2eSettings();
  const files = filesUnder(path.join(process.cwd(), ".next", "static"));
  expect(files.length).toBeGreaterThan(0);
  const leaks = files.flatMap((file) => secretsIn(readFileSync(file, "latin1"), secrets).map((what) => `${path.relative(process.cwd(), file)}: ${what}`));
  expect(leaks).toEqual([]);
});

type Served = { response: Response; body: Buffer | null };

/**
 * What the browser received in full while `visit` ran. Bodies are read as each request finishes:
 * a response still streaming when the next navigation cancels it never finishes, and waiting for
 * its body afterwards would wait forever.
 */
async function collectServed(page: Page, visit: () => Promise<void>): Promise<Served[]> {
  const reads: Array<Promise<Served | null>> = [];
  const origin = new URL(page.url() || test.info().project.use.baseURL!).origin;
  const onFinished = (request: Request) => {
    reads.push(
      (async () => {
        const response = await request.response();
        if (!response || !response.url().startsWith(origin)) return null;
        return { response, body: await response.body().catch(() => null) };
      })(),
    );
  };
  page.on("requestfinished", onFinished);
  await visit();
  page.off("requestfinished", onFinished);
  return (await Promise.all(reads)).filter((read): read is Served => read !== null);
}

test("every page and asset served to a signed-in admin is free of secrets and carries the staff headers", async ({ page, baseURL }) => {
  // A crawl of every staff page, each rendered on the server against the e2e database: it needs
  // more than one page's budget on a busy two-core machine.
  test.setTimeout(180_000);
  const { secrets } = e2eSettings();
  await signInAs(page, "admin");
  const served = await collectServed(page, async () => {
    for (const path of STAFF_PAGES) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(400);
      await page.waitForLoadState("load");
    }
  });
  expect(served.length).toBeGreaterThan(STAFF_PAGES.length);
  const leaks: string[] = [];
  for (const { response, body } of served) {
    const where = response.url().replace(baseURL ?? "", "");
    if (response.request().resourceType() === "document") expectStaffHeaders(response, where);
    else if (where.startsWith("/_next/")) expect(response.headers()["x-content-type-options"], where).toBe("nosniff");
    if (body) leaks.push(...secretsIn(body.toString("latin1"), secrets).map((what) => `${where}: ${what}`));
  }
  expect(leaks).toEqual([]);
});

test("the sign-in page carries the staff headers; API answers may not be framed or run as pages", async ({ request }) => {
  expectStaffHeaders(await request.get("/sign-in"), "/sign-in");
  const health = await request.get("/api/health");
  expect(health.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(health.headers()["x-content-type-options"]).toBe("nosniff");
});

test("customer pages allow Stripe.js and the emulator, send no referrer, and may not be framed", async ({ page }) => {
  const { url: emulatorUrl, secrets } = e2eSettings();
  for (const path of [`/setup/${"A".repeat(43)}`, `/pay/${"B".repeat(43)}`]) {
    const response = await page.goto(path);
    const headers = response!.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toMatch(/script-src [^;]*https:\/\/js\.stripe\.com/);
    expect(csp, path).toMatch(/frame-src [^;]*https:\/\/js\.stripe\.com/);
    expect(csp, path).toContain(new URL(emulatorUrl).origin);
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(headers["referrer-policy"], path).toBe("no-referrer");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(secretsIn(await response!.text(), secrets)).toEqual([]);
  }
});

test("the session cookie is HttpOnly and SameSite=Lax (Secure behind HTTPS is checked in tests/security)", async ({ page, context }) => {
  await signInAs(page, "viewer");
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie).toBeDefined();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});
