import type http from "node:http";

// Serves the browser Stripe.js stand-in. The emulator's router hands over every
// request whose path starts with /js/ or /stripejs/.
export async function handleStripeJsRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  ctx: { baseUrl: string },
): Promise<void> {
  void ctx;
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  res.statusCode = 404;
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify({ error: { type: "invalid_request_error", message: `Unrecognized request URL (GET: ${path}).` } }));
}
