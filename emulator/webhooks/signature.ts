import { createHmac, randomBytes } from "node:crypto";

// Test-mode deliveries also carry a `v0` signature made with another key; receivers must
// ignore every scheme but v1 (FACTS §1), and this keeps them honest.
const V0_KEY = randomBytes(32);

/** Stripe's scheme: `t=<unix>,v1=<hex HMAC-SHA256 of "${t}.${body}" keyed by the whole whsec_ string>,v0=…`. */
export function signatureHeader(body: string, secret: string, timestamp: number): string {
  const payload = `${timestamp}.${body}`;
  const v1 = createHmac("sha256", secret).update(payload, "utf8").digest("hex");
  const v0 = createHmac("sha256", V0_KEY).update(payload, "utf8").digest("hex");
  return `t=${timestamp},v1=${v1},v0=${v0}`;
}
