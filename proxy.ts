import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { appConfig } from "@/lib/env";

/**
 * First line of defence: no dashboard page is served without a valid, unrevoked session.
 * Pages, route handlers and server actions still check the role themselves (requireRole), since
 * server actions and API routes must not rely on this.
 */
export function proxy(request: NextRequestWithAuth) {
  return withAuth(request, {
    secret: appConfig().auth.secret,
    pages: { signIn: "/sign-in" },
    callbacks: { authorized: ({ token }) => Boolean(token && !token.revoked) },
  });
}

export const config = {
  // Everything but sign-in/out, API routes (which answer 401 themselves), customer-facing pages
  // (/setup, /pay: no staff login) and static files.
  matcher: ["/((?!api/|sign-in|sign-out|setup/|pay/|_next/|favicon\\.ico|.*\\.(?:svg|png|jpg|jpeg|ico|webp|txt)$).*)"],
};
