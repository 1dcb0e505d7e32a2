/**
 * The browser-facing security headers, decided per path. Stripe's scripts and frames are allowed
 * only on the customer pages that collect or authenticate a card (/setup, /pay); staff pages load
 * nothing from another origin and may never be framed (clickjacking a refund button is the attack).
 *
 * Scripts run only by a nonce made for each request (proxy.ts): Next puts it on its own inline
 * scripts when it renders the page, which the root layout makes dynamic for every page, and
 * 'strict-dynamic' lets those scripts load the rest (chunks, Stripe.js). An injected inline script
 * has no nonce and does not run. Styles keep 'unsafe-inline': Next and our components set style
 * attributes, and a style cannot run code.
 */

export type PathKind = "customer" | "staff" | "api";

export interface HeaderOptions {
  /** "emulator" adds the emulator's origin (its Stripe.js stand-in, 3-D Secure page and API). */
  stripeMode: "emulator" | "test" | "live";
  emulatorUrl: string;
  /** next dev evaluates modules with eval; production never does. */
  development?: boolean;
  /** An https NEXTAUTH_URL: tell browsers to stay on HTTPS. */
  https?: boolean;
  /** This request's script nonce (base64); without one no inline script may run. */
  nonce?: string;
}

const STRIPE_SCRIPTS = ["https://js.stripe.com"];
const STRIPE_FRAMES = ["https://js.stripe.com", "https://hooks.stripe.com"];
const STRIPE_API = ["https://api.stripe.com", "https://m.stripe.network", "https://q.stripe.com"];

export function pathKind(pathname: string): PathKind {
  if (pathname.startsWith("/api/")) return "api";
  if (/^\/(setup|pay)(\/|$)/.test(pathname)) return "customer";
  return "staff";
}

function origin(url: string): string {
  return new URL(url).origin;
}

export function contentSecurityPolicy(kind: PathKind, options: HeaderOptions): string {
  if (kind === "api") return "default-src 'none'; frame-ancestors 'none'";
  const stripe = kind === "customer";
  const emulator = stripe && options.stripeMode === "emulator" ? [origin(options.emulatorUrl)] : [];
  const scripts = [
    "'self'",
    ...(options.nonce ? [`'nonce-${options.nonce}'`, "'strict-dynamic'"] : []),
    ...(options.development ? ["'unsafe-eval'"] : []),
    // Ignored beside 'strict-dynamic' by browsers that know it; the allow-list for those that do not.
    ...(stripe ? [...STRIPE_SCRIPTS, ...emulator] : []),
  ];
  const frames = stripe ? [...STRIPE_FRAMES, ...emulator] : ["'none'"];
  const connect = ["'self'", ...(stripe ? [...STRIPE_API, ...emulator] : []), ...(options.development ? ["ws:"] : [])];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:" + (stripe ? " https://*.stripe.com" : ""),
    "font-src 'self' data:",
    `connect-src ${connect.join(" ")}`,
    `frame-src ${frames.join(" ")}`,
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * Every header for one response; the proxy sets them on pages and API answers alike, except on
 * Stripe's webhook route, which the proxy skips and which sets the API ones itself.
 */
export function securityHeaders(pathname: string, options: HeaderOptions): Record<string, string> {
  const kind = pathKind(pathname);
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(kind, options),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    // A customer link carries its token in the path: send no referrer at all from those pages.
    "Referrer-Policy": kind === "customer" ? "no-referrer" : "strict-origin-when-cross-origin",
    "Permissions-Policy": kind === "customer" ? "camera=(), microphone=(), geolocation=(), payment=(self \"https://js.stripe.com\")" : "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": kind === "customer" ? "same-origin-allow-popups" : "same-origin",
  };
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
