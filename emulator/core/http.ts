import type http from "node:http";
import { ApiError } from "./errors";

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError(413, { type: "invalid_request_error", message: "Request body too large." }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The app's own pages, where `npm start` serves them, unless the emulator is told otherwise. */
export const DEFAULT_APP_ORIGINS = ["http://127.0.0.1:3000", "http://localhost:3000"];

/**
 * Browsers (the Stripe.js stand-in on the app's pages) may call the emulator from the app's origin
 * only. Any `sk_test_` key opens the emulator, so another local page (a dev server, a malicious
 * site on localhost) that it answered could read the whole account with a made-up secret key.
 */
export function applyCors(req: http.IncomingMessage, res: http.ServerResponse, appOrigins: ReadonlySet<string>): void {
  const origin = req.headers.origin;
  res.setHeader("Vary", "Origin");
  if (!origin || !appOrigins.has(origin)) return;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
  res.setHeader(
    "Access-Control-Allow-Headers",
    "Authorization, Content-Type, Stripe-Version, Stripe-Account, Idempotency-Key, X-Stripe-Client-User-Agent",
  );
  res.setHeader("Access-Control-Expose-Headers", "Request-Id, Idempotent-Replayed, Stripe-Version");
  res.setHeader("Access-Control-Max-Age", "600");
}
