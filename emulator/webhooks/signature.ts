import { createHmac } from "node:crypto";

/** Stripe's scheme: `t=<unix>,v1=<hex HMAC-SHA256 of "${t}.${body}" keyed by the whole whsec_ string>`. */
export function signatureHeader(body: string, secret: string, timestamp: number): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${signature}`;
}
