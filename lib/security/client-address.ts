/**
 * The address a request came from, as far as it can be known, for per-address limits. Next's server
 * writes the socket's address into X-Forwarded-For only when the request carries none, and each
 * proxy in front appends the address it saw, so the entry to believe is the one the nearest
 * trusted proxy wrote. TRUSTED_PROXY_HOPS (default 0) says how many proxies in front of the app
 * append honestly; with none, the rightmost entry is the socket's unless the client wrote the header
 * itself, which no limit on this side of a proxy can prevent. IPv6 addresses are counted per /64,
 * the block one subscriber gets, so one host cannot spread over its 2^64 addresses.
 */

const MAX_TRUSTED_HOPS = 10;

export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const raw = env.TRUSTED_PROXY_HOPS?.trim();
  if (!raw) return 0;
  const hops = Number(raw);
  if (!Number.isInteger(hops) || hops < 0 || hops > MAX_TRUSTED_HOPS) {
    throw new Error(`TRUSTED_PROXY_HOPS must be a whole number from 0 to ${MAX_TRUSTED_HOPS}, got "${raw}"`);
  }
  return hops;
}

export function clientAddress(headers: Headers, hops: number = trustedProxyHops()): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const entry = entries[Math.max(entries.length - Math.max(hops, 1), 0)];
  return entry ? addressBlock(entry) : "unknown";
}

/** An IPv4 address as is; an IPv6 address as its /64; anything else cut short (it is only a key). */
function addressBlock(entry: string): string {
  const address = entry.replace(/^\[|\](:\d+)?$/g, "").toLowerCase();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return address;
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/.exec(address);
  if (mapped) return mapped[1]!;
  if (/^[0-9a-f:]+$/.test(address) && address.includes(":")) return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
  return address.slice(0, 64);
}

function expandIpv6(address: string): string[] {
  const [head, tail] = address.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array.from({ length: Math.max(missing, 0) }, () => "0"), ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}
