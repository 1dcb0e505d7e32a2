/**
 * Whether a request says it came from another site. Browsers send Origin on every cross-site POST,
 * so a foreign (or "null") one is a page elsewhere riding on the staff member's cookie. A request
 * without Origin is not a browser's cross-site post and is left to the session check.
 */
export function isCrossSiteRequest(request: Request, publicUrl: string | undefined = process.env.NEXTAUTH_URL): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const ours = new Set([new URL(request.url).origin]);
  if (publicUrl) {
    try {
      ours.add(new URL(publicUrl).origin);
    } catch {
      // lib/env refuses a malformed NEXTAUTH_URL at start.
    }
  }
  return !ours.has(origin);
}
