import { readCappedBody, verifyStripeDelivery } from "./verify";

/**
 * The floor of webhook ingest for `npm run bench`: a Next route that reads and verifies a signed
 * delivery and does nothing else (no database, no rate limit, no projection). Served twice, once
 * outside the proxy (/api/webhooks/verify-only) and once behind it (/api/bench/verify-only), so the
 * benchmark can show what Next, the proxy and the real work each cost.
 *
 * It answers 404 unless the server was started with LEDGERLINE_BENCH_VERIFY_ROUTE=1: a route that
 * says 200 to any well-signed body must never be mistaken for the webhook endpoint in production.
 */

export const BENCH_VERIFY_ROUTE_ENV = "LEDGERLINE_BENCH_VERIFY_ROUTE";

export function benchVerifyRouteEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env[BENCH_VERIFY_ROUTE_ENV] === "1";
}

export async function verifyOnly(request: Request, secrets: readonly string[], env: Record<string, string | undefined> = process.env): Promise<Response> {
  if (!benchVerifyRouteEnabled(env)) return new Response(null, { status: 404 });
  const body = await readCappedBody(request);
  if (!body.ok) return new Response(null, { status: 400 });
  const verified = verifyStripeDelivery(body.body, request.headers.get("stripe-signature"), secrets);
  return Response.json(verified.ok ? { received: true } : { error: verified.reason }, { status: verified.ok ? 200 : 400 });
}
