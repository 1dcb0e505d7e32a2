import { NextResponse, type NextFetchEvent } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { appConfig } from "@/lib/env";
import { pathKind, securityHeaders } from "@/lib/security/headers";

/**
 * First line of defence: no dashboard page is served without a valid, unrevoked session, and every
 * answer carries the security headers of its kind of page (lib/security/headers.ts).
 * Pages, route handlers and server actions still check the permission themselves (requirePermission), since
 * server actions and API routes must not rely on this.
 */

// Reachable without a staff session: sign-in/out and the customer pages answer for themselves, and
// the icon and robots files Next serves from the root. Only those exact names: a staff path that
// merely ends in ".png" is still a staff path.
const PUBLIC_PAGE = /^\/(?:sign-in|sign-out|setup\/|pay\/)|^\/(?:icon\.(?:svg|png)|apple-icon\.png|robots\.txt)$/;

export async function proxy(request: NextRequestWithAuth, _event?: NextFetchEvent) {
  const config = appConfig();
  const { pathname } = request.nextUrl;
  const needsSession = pathKind(pathname) === "staff" && !PUBLIC_PAGE.test(pathname);
  const gated = needsSession
    ? await withAuth(request, {
        secret: config.auth.secret,
        pages: { signIn: "/sign-in" },
        callbacks: { authorized: ({ token }) => Boolean(token && !token.revoked) },
      })
    : undefined;
  // A fresh nonce for every request; Next reads it from the request's policy when it renders.
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders(pathname, {
    nonce,
    stripeMode: config.stripe.mode,
    emulatorUrl: config.stripe.emulatorUrl,
    development: process.env.NODE_ENV === "development",
    https: config.auth.url?.startsWith("https:") ?? false,
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = gated instanceof Response ? gated : NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but build output and the icon; API routes only get headers (they answer 401 themselves).
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico).*)"],
};
