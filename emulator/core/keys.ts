import { randomBytes } from "node:crypto";
import { ApiError } from "./errors";

// The account's API keys. Stripe answers only to keys it issued: an unknown, malformed or rolled
// key is refused, a publishable key may call only what Stripe.js calls, and a restricted key only
// what its permissions allow. The mode of the keys is the mode of every object and event.

export type Permission = "none" | "read" | "write";
export type Mode = "test" | "live";
export type RestrictedKey = { key: string; permissions: Record<string, Permission> };
export type AccountKeys = { secret: string; publishable: string; restricted: RestrictedKey[] };
export type Credential = { kind: "secret" } | { kind: "publishable" } | { kind: "restricted"; key: string; permissions: Record<string, Permission> };

/**
 * The resources a restricted key grants, named as Stripe names the permissions
 * (`rak_<resource>_read` / `rak_<resource>_write` in its refusals).
 */
export const RESOURCES = [
  "balance",
  "balance_transaction_source",
  "charge",
  "customer",
  "dispute",
  "event",
  "file",
  "payment_intent",
  "payment_method",
  "payout",
  "radar_early_fraud_warning",
  "refund",
  "setup_intent",
  "token",
  "webhook",
] as const;

// First path segment after /v1/ → resource; nested paths belong to their first segment.
const RESOURCE_OF_SEGMENT: Record<string, (typeof RESOURCES)[number]> = {
  balance: "balance",
  balance_transactions: "balance_transaction_source",
  charges: "charge",
  customers: "customer",
  disputes: "dispute",
  events: "event",
  files: "file",
  payment_intents: "payment_intent",
  payment_methods: "payment_method",
  payouts: "payout",
  radar: "radar_early_fraud_warning",
  refunds: "refund",
  setup_intents: "setup_intent",
  tokens: "token",
  webhook_endpoints: "webhook",
  test_helpers: "refund",
};

const KEY_BODY = /^[A-Za-z0-9]{16,247}$/;
const SHAPES = { secret: /^sk_(test|live)_(.+)$/, publishable: /^pk_(test|live)_(.+)$/, restricted: /^rk_(test|live)_(.+)$/ } as const;

/** Keys of Stripe's shape: a prefix, the mode, then a random body. */
export function generateKeys(mode: Mode = "test", restricted: Record<string, Permission>[] = []): AccountKeys {
  const body = () => randomBytes(36).toString("base64url").replace(/[-_]/g, "").slice(0, 40);
  return {
    secret: `sk_${mode}_${body()}`,
    publishable: `pk_${mode}_${body()}`,
    restricted: restricted.map((permissions) => ({ key: `rk_${mode}_${body()}`, permissions })),
  };
}

/** Checks a key configuration (from a file, the CLI or code) and returns its mode; throws naming the problem. */
export function validateKeys(value: unknown): { keys: AccountKeys; mode: Mode } {
  const v = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const modes = new Set<string>();
  const check = (key: unknown, shape: keyof typeof SHAPES, what: string): string => {
    const m = typeof key === "string" ? SHAPES[shape].exec(key) : null;
    if (!m || !KEY_BODY.test(m[2]!)) throw new Error(`${what} must look like ${shape === "secret" ? "sk" : shape === "publishable" ? "pk" : "rk"}_test_… or …_live_… followed by 16 or more letters and digits`);
    modes.add(m[1]!);
    return key as string;
  };
  const secret = check(v.secret, "secret", "the secret key");
  const publishable = check(v.publishable, "publishable", "the publishable key");
  const restricted = (Array.isArray(v.restricted) ? v.restricted : v.restricted === undefined ? [] : null)?.map((entry: unknown, i: number) => {
    const e = (typeof entry === "object" && entry !== null ? entry : {}) as Record<string, unknown>;
    const key = check(e.key, "restricted", `restricted key ${i + 1}`);
    const permissions = (typeof e.permissions === "object" && e.permissions !== null ? e.permissions : null) as Record<string, unknown> | null;
    if (!permissions) throw new Error(`restricted key ${i + 1} needs a permissions map (resource → none, read or write)`);
    for (const [resource, level] of Object.entries(permissions)) {
      if (!(RESOURCES as readonly string[]).includes(resource)) throw new Error(`restricted key ${i + 1}: unknown resource "${resource}" (known: ${RESOURCES.join(", ")})`);
      if (level !== "none" && level !== "read" && level !== "write") throw new Error(`restricted key ${i + 1}: ${resource} must be none, read or write`);
    }
    return { key, permissions: permissions as Record<string, Permission> };
  });
  if (!restricted) throw new Error("restricted must be a list of { key, permissions }");
  if (modes.size > 1) throw new Error("all keys of the account must be of one mode (all _test_ or all _live_)");
  return { keys: { secret, publishable, restricted }, mode: [...modes][0] as Mode };
}

/** What a restricted key must hold to make this call, or null for paths outside /v1/. */
export function requiredPermission(method: string, path: string): string | null {
  const segment = /^\/v1\/([a-z_]+)/.exec(path)?.[1];
  if (!segment) return null;
  const resource = RESOURCE_OF_SEGMENT[segment] ?? segment;
  return `${resource}_${method === "GET" ? "read" : "write"}`;
}

function allows(permissions: Record<string, Permission>, needed: string): boolean {
  const [, resource, level] = /^(.+)_(read|write)$/.exec(needed) ?? [];
  const held = permissions[resource ?? ""] ?? "none";
  // Write implies read (docs.stripe.com/keys/restricted-api-keys).
  return held === "write" || (held === "read" && level === "read");
}

/** Stripe shows the key's prefix, stars, and its last characters. */
export function redact(key: string, visible = 4): string {
  const prefix = /^[a-z]+_(test|live)_/.exec(key)?.[0] ?? "";
  if (key.length <= prefix.length + visible) return key;
  return `${prefix}${"*".repeat(Math.max(4, key.length - prefix.length - visible))}${key.slice(-visible)}`;
}

function unauthenticated(message: string, code?: string): ApiError {
  return new ApiError(401, { type: "invalid_request_error", message, ...(code ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}` } : {}) });
}

export class KeyRing {
  readonly mode: Mode;
  private readonly keys: AccountKeys;
  private readonly revoked = new Set<string>();

  constructor(
    config: AccountKeys,
    readonly accountId: string,
  ) {
    const { keys, mode } = validateKeys(config);
    this.keys = keys;
    this.mode = mode;
  }

  get livemode(): boolean {
    return this.mode === "live";
  }

  get current(): AccountKeys {
    return structuredClone(this.keys);
  }

  /** Rolling a key in the Dashboard expires the old one: from then on it gets `api_key_expired`. */
  revoke(key: string): boolean {
    const known = key === this.keys.secret || key === this.keys.publishable || this.keys.restricted.some((r) => r.key === key);
    if (known) this.revoked.add(key);
    return known;
  }

  authenticate(key: string | null): Credential {
    if (!key) {
      throw unauthenticated(
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      );
    }
    if (this.revoked.has(key)) throw unauthenticated(`Expired API Key provided: ${redact(key, 6)}`, "api_key_expired");
    if (key === this.keys.secret) return { kind: "secret" };
    if (key === this.keys.publishable) return { kind: "publishable" };
    const restricted = this.keys.restricted.find((r) => r.key === key);
    if (restricted) return { kind: "restricted", key, permissions: restricted.permissions };
    throw unauthenticated(`Invalid API Key provided: ${redact(key)}`);
  }

  /** Throws Stripe's 403 when a restricted key lacks what the call needs. */
  authorize(credential: Credential, method: string, path: string): void {
    if (credential.kind !== "restricted") return;
    const needed = requiredPermission(method, path);
    if (needed === null) {
      // The emulator's control API is no part of Stripe; only the full secret key may use it.
      throw new ApiError(403, { type: "invalid_request_error", message: `The provided key '${redact(credential.key, 6)}' cannot use the emulator's control API; use the secret key.` });
    }
    if (allows(credential.permissions, needed)) return;
    throw new ApiError(403, {
      type: "invalid_request_error",
      message: `The provided key '${redact(credential.key, 6)}' does not have the required permissions for this endpoint on account '${this.accountId}'. Having the 'rak_${needed}' permission would allow this request to continue.`,
    });
  }
}

/** Stripe's refusal of a publishable key on an endpoint that needs a secret one. */
export function publishableKeyRefused(): ApiError {
  return new ApiError(403, {
    type: "invalid_request_error",
    message: "This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.",
  });
}

export function keyFromHeader(header: string | undefined): string | null {
  if (!header) return null;
  if (header.startsWith("Bearer ")) return header.slice(7).trim();
  if (header.startsWith("Basic ")) {
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    return decoded.split(":")[0] ?? null;
  }
  return null;
}
