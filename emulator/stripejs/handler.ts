import type http from "node:http";
import { challengePageHtml, stripeJsScript } from "./browser-script";

const SCRIPT_PATHS = new Set(["/js/v3", "/js/v3/", "/js/v3/stripe.js", "/js/endive/stripe.js"]);
const CHALLENGE_PATHS = new Set(["/stripejs/3ds", "/stripejs/3ds/"]);

function send(res: http.ServerResponse, status: number, contentType: string, body: string, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-cache",
    ...extraHeaders,
  });
  res.end(body);
}

function notFound(res: http.ServerResponse, method: string, path: string): void {
  const body = JSON.stringify({
    error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` },
  });
  send(res, 404, "application/json", body);
}

// Serves the browser Stripe.js stand-in. The emulator's router hands over every
// request whose path starts with /js/ or /stripejs/.
export async function handleStripeJsRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  ctx: { baseUrl: string },
): Promise<void> {
  const method = req.method ?? "GET";
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  if (method !== "GET" && method !== "HEAD") {
    notFound(res, method, path);
    return;
  }
  if (SCRIPT_PATHS.has(path)) {
    // Pages on any origin (the app on its own port) load the script, like js.stripe.com.
    send(res, 200, "application/javascript; charset=utf-8", stripeJsScript(ctx.baseUrl), {
      "Access-Control-Allow-Origin": "*",
    });
    return;
  }
  if (CHALLENGE_PATHS.has(path)) {
    send(res, 200, "text/html; charset=utf-8", challengePageHtml());
    return;
  }
  notFound(res, method, path);
}
