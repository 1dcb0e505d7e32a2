// Who is asking, as Next would tell next-auth: a cookie jar and headers for the current "request".
// next-auth reads them through `require("next/headers")`, which only works inside a Next request;
// this installs the same two functions in Node's module cache, backed by the jar below. The session
// cookie itself is a real next-auth JWT, encrypted with the app's secret, so getServerSession, the
// jwt/session callbacks and requireRole all run unchanged.
import { createRequire } from "node:module";
import path from "node:path";
import { encode } from "next-auth/jwt";
import type { StaffRole } from "@/lib/auth/roles";

const jar = new Map<string, string>();
const requestHeaders = new Map<string, string>([["host", "127.0.0.1:3000"]]);

export function installRequestContext(): void {
  const require = createRequire(path.join(process.cwd(), "node_modules/next-auth/next/index.js"));
  const resolved = require.resolve("next/headers");
  const cookies = async () => ({
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    has: (name: string) => jar.has(name),
  });
  const headers = async () => new Headers([...requestHeaders, ["cookie", [...jar].map(([n, v]) => `${n}=${v}`).join("; ")]]);
  const fake = new (require("node:module") as typeof import("node:module")).Module(resolved);
  fake.filename = resolved;
  fake.loaded = true;
  fake.exports = { cookies, headers };
  require.cache[resolved] = fake;
}

export const SESSION_COOKIE = "next-auth.session-token";

interface SessionHolder {
  id: string;
  email: string;
  roles: readonly StaffRole[];
  /** The staff row's session version at sign-in; 0 (the column's default) when not given. */
  sessionVersion?: number;
}

/** The session cookie value a sign-in as this staff member gets (a real, encrypted next-auth token). */
export async function sessionTokenFor(staff: SessionHolder, secret: string): Promise<string> {
  const now = Date.now();
  return encode({
    secret,
    token: { sub: staff.id, email: staff.email, name: staff.email, roles: [...staff.roles], sessionVersion: staff.sessionVersion ?? 0, signedInAt: now, checkedAt: now },
  });
}

/** Signs in as this staff member for the calls that follow. */
export async function actAs(staff: SessionHolder, secret: string): Promise<void> {
  setSessionCookie(await sessionTokenFor(staff, secret));
}

/** Sets a raw cookie value, for tampered-session cases. */
export function setSessionCookie(value: string): void {
  jar.clear();
  jar.set(SESSION_COOKIE, value);
}

export function actAnonymously(): void {
  jar.clear();
}
