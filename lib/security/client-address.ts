import { randomBytes } from "node:crypto";
import { isIP } from "node:net";

/**
 * The address a request came from, shared by sign-in, the webhook route and the audit log.
 *
 * Next 16 gives route handlers no socket address: its server copies the socket's address into
 * X-Forwarded-For only when the request has none (`??=` in next/dist/server/base-server.js), so a
 * client that sends its own header chooses the address we would read. The server therefore stamps
 * the socket's address on each request under a header name drawn at random per process
 * (installPeerAddressStamp, from instrumentation.ts), which no client can know or forge.
 *
 * TRUSTED_PROXY_HOPS says how many proxies in front of the app to believe (none by default): the
 * client is then the entry that many hops back along X-Forwarded-For, counted from our peer, as
 * Express's `trust proxy` counts them. Entries farther out were written by the client.
 */

const holder = globalThis as { __ledgerlinePeerHeader?: string };

/** One name per process, kept on globalThis since Next bundles this module more than once. */
export function peerHeaderName(): string {
  holder.__ledgerlinePeerHeader ??= `x-ledgerline-peer-${randomBytes(12).toString("hex")}`;
  return holder.__ledgerlinePeerHeader;
}

export type HeaderSource = Headers | Record<string, unknown> | undefined | null;

/** A header by its lower-case name, from a Web `Headers` or node's record of a request's headers. */
export function headerValue(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return typeof value === "string" ? value : null;
}

function normalise(address: string | null | undefined): string | null {
  const trimmed = address?.trim() ?? "";
  const unmapped = trimmed.toLowerCase().startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
  return isIP(unmapped) ? unmapped.toLowerCase() : null;
}

/** The client's address, or null when it cannot be told (no stamp, or a malformed entry). */
export function clientAddress(headers: HeaderSource, trustedHops: number): string | null {
  const peer = headerValue(headers, peerHeaderName());
  if (trustedHops === 0) return normalise(peer);
  const forwarded = (headerValue(headers, "x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  // Nearest first: our peer (the last proxy), then what each proxy appended, right to left.
  const chain = [peer, ...forwarded.reverse()];
  return normalise(chain[Math.min(trustedHops, chain.length - 1)]);
}

export const MAX_TRUSTED_PROXY_HOPS = 10;

/** Reads TRUSTED_PROXY_HOPS: a whole number of proxies, 0 (the default) to MAX_TRUSTED_PROXY_HOPS. */
export function parseTrustedProxyHops(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return 0;
  if (!/^\d{1,2}$/.test(value.trim())) return null;
  const hops = Number(value.trim());
  return hops <= MAX_TRUSTED_PROXY_HOPS ? hops : null;
}

/**
 * Stamps every request a Node server of this process receives with its socket's address, before
 * Next reads it. Installed once per process by instrumentation.ts; servers created before it are
 * covered too, since the stamp sits on net.Server's prototype (http and https servers inherit it).
 */
export async function installPeerAddressStamp(): Promise<void> {
  const { Server } = await import("node:net");
  const prototype = Server.prototype as { emit: (event: string | symbol, ...args: unknown[]) => boolean; __ledgerlinePeerStamp?: true };
  if (prototype.__ledgerlinePeerStamp) return;
  const emit = prototype.emit;
  const name = peerHeaderName();
  prototype.emit = function stampPeer(this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as { headers: Record<string, unknown>; socket?: { remoteAddress?: string } };
      request.headers[name] = request.socket?.remoteAddress ?? "";
    }
    return emit.call(this, event, ...args);
  };
  prototype.__ledgerlinePeerStamp = true;
}

/** TRUSTED_PROXY_HOPS from the environment, for code that runs before or without the app's config; 0 when unset or invalid. */
export function trustedProxyHopsFromEnv(env: Record<string, string | undefined> = process.env): number {
  return parseTrustedProxyHops(env.TRUSTED_PROXY_HOPS) ?? 0;
}
