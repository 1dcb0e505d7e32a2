/**
 * Where to go after signing in (or out): only a path on our own origin, judged after decoding, since
 * browsers strip tabs and newlines from URLs and read backslashes as slashes, so `/%09/evil.example`
 * or `/\evil.example` would land on another site. Anything doubtful goes to the overview.
 */

const HOME = "/";
// Longer than any path or filter set of ours; a cap keeps the decoding loop below cheap.
const MAX_LENGTH = 2048;
// Enough to unwrap a value encoded by the proxy's redirect and once more by a crafted link.
const DECODE_ROUNDS = 3;
const PROBE_ORIGIN = "http://ledgerline.invalid";

// C0 controls, DEL and the C1 block; backslashes; a second slash (or backslash) right after the first.
const DANGEROUS = /[\u0000-\u001f\u007f-\u009f\\]|^\/\//;
// Raw (unencoded) characters outside printable ASCII: a browser always percent-encodes them.
const NOT_PRINTABLE_ASCII = /[^\u0021-\u007e]/;

export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return HOME;
  if (!value.startsWith("/") || NOT_PRINTABLE_ASCII.test(value) || DANGEROUS.test(value)) return HOME;
  let decoded = value;
  for (let round = 0; round < DECODE_ROUNDS; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      // Malformed as given is refused; a later round failing only means a literal "%" in a filter.
      if (round === 0) return HOME;
      break;
    }
    if (next === decoded) break;
    if (DANGEROUS.test(next)) return HOME;
    decoded = next;
  }
  const url = new URL(value, PROBE_ORIGIN);
  if (url.origin !== PROBE_ORIGIN) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** next-auth's redirect callback: the same rule for its own redirects (sign-in, sign-out). */
export function safeRedirectUrl({ url, baseUrl }: { url: string; baseUrl: string }): string {
  const base = baseUrl.replace(/\/+$/, "");
  if (url.startsWith("/")) return `${base}${safeCallbackPath(url)}`;
  if (url === base || url.startsWith(`${base}/`)) return `${base}${safeCallbackPath(url.slice(base.length) || HOME)}`;
  return `${base}${HOME}`;
}
