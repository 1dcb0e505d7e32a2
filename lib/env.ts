import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseDatabaseUrl, type DatabaseTarget } from "./database/target";
import { MAX_TRUSTED_PROXY_HOPS, parseTrustedProxyHops } from "./security/client-address";
import { modeOfPublishableKey, modeOfSecretKey, type StripeMode } from "./stripe/mode";

/**
 * The environment, validated once. Reading happens in a function (never at import time) so that
 * `next build` and tests can import this module without a configured environment.
 */

export interface AppConfig {
  database: DatabaseTarget;
  /** PGlite on this machine: no configuration, demo data, generated secrets. */
  embedded: boolean;
  stripe: {
    mode: StripeMode;
    /**
     * A secret or restricted key; in emulator mode one of the keys the emulator was started with.
     * Null only in emulator mode while the emulator's keys are unknown (`keysProblem` says why):
     * `next build` needs none, and a server refuses to start without them (exitOnInvalidConfig).
     */
    secretKey: string | null;
    publishableKey: string | null;
    keysProblem: string | null;
    /** Several secrets during a rotation; empty in emulator mode until the endpoint is set up. */
    webhookSecrets: string[];
    emulatorUrl: string;
  };
  auth: { secret: string; url: string | null };
  merchantName: string;
  /** How many proxies' X-Forwarded-For entries to believe (lib/security/client-address.ts). */
  trustedProxyHops: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const DEFAULT_EMULATOR_URL = "http://127.0.0.1:12111";
const SECRET_FILE = "nextauth-secret";

// Empty strings in .env files mean "not set", as they do for most tools.
const optional = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const rawSchema = z.object({
  DATABASE_URL: optional,
  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: optional,
  NEXTAUTH_SECRET: optional,
  NEXTAUTH_URL: optional,
  STRIPE_EMULATOR_URL: optional,
  STRIPE_EMULATOR_SECRET_KEY: optional,
  EMULATOR_DATA_DIR: optional,
  MERCHANT_NAME: optional,
  TRUSTED_PROXY_HOPS: optional,
});

type RawEnv = z.infer<typeof rawSchema>;

export interface LoadOptions {
  /** Where the generated session secret is kept in embedded mode; defaults beside the database. */
  secretDir?: string;
  /**
   * The keys file the emulator writes into its data directory on first start; read in emulator
   * mode when the environment does not name the keys. Defaults to `.data/emulator/keys.json`.
   */
  emulatorKeysFile?: string;
}

export function loadConfig(env: Record<string, string | undefined>, options: LoadOptions = {}): AppConfig {
  const raw = rawSchema.parse(env);
  const problems: string[] = [];

  const database = parseDatabase(raw, problems);
  const stripe = parseStripe(raw, problems, options.emulatorKeysFile ?? path.resolve(raw.EMULATOR_DATA_DIR ?? ".data/emulator", "keys.json"));
  const embedded = database?.kind === "pglite";

  const authUrl = raw.NEXTAUTH_URL ?? null;
  if (authUrl && !isHttpUrl(authUrl)) problems.push("NEXTAUTH_URL must be an http(s) URL, e.g. https://dashboard.example.com");

  let secret = raw.NEXTAUTH_SECRET ?? null;
  if (secret && secret.length < 32) problems.push("NEXTAUTH_SECRET must be at least 32 characters (try `openssl rand -base64 32`)");
  if (!secret && !embedded) problems.push("NEXTAUTH_SECRET is required when DATABASE_URL points at a PostgreSQL server");
  if (!secret && stripe?.mode === "live") problems.push("NEXTAUTH_SECRET is required with a live Stripe key");
  // Without it next-auth builds its redirects (sign-out, sign-in) on http://localhost:3000.
  if (!authUrl && !embedded) problems.push("NEXTAUTH_URL is required when DATABASE_URL points at a PostgreSQL server");
  else if (!authUrl && stripe?.mode === "live") problems.push("NEXTAUTH_URL is required with a live Stripe key");
  else if (authUrl && stripe?.mode === "live" && isHttpUrl(authUrl) && new URL(authUrl).protocol !== "https:") {
    problems.push("NEXTAUTH_URL must be an https URL with a live Stripe key (sign-in and the session cookie would travel unencrypted)");
  }

  const trustedProxyHops = parseTrustedProxyHops(raw.TRUSTED_PROXY_HOPS);
  if (trustedProxyHops === null) {
    problems.push(`TRUSTED_PROXY_HOPS must be a whole number of proxies from 0 to ${MAX_TRUSTED_PROXY_HOPS} (0, the default, believes no X-Forwarded-For)`);
  }

  if (problems.length > 0 || !database || !stripe || trustedProxyHops === null) throw new ConfigError(problems);

  secret ??= embeddedSecret(options.secretDir ?? defaultSecretDir(database));
  return {
    database,
    embedded,
    stripe,
    auth: { secret, url: authUrl },
    merchantName: raw.MERCHANT_NAME ?? "Ledgerline",
    trustedProxyHops,
  };
}

function parseDatabase(raw: RawEnv, problems: string[]): DatabaseTarget | null {
  try {
    return parseDatabaseUrl(raw.DATABASE_URL);
  } catch (error) {
    problems.push((error as Error).message);
    return null;
  }
}

function parseStripe(raw: RawEnv, problems: string[], emulatorKeysFile: string): AppConfig["stripe"] | null {
  const before = problems.length;
  const secretKey = raw.STRIPE_SECRET_KEY ?? null;
  const keyMode = secretKey ? modeOfSecretKey(secretKey) : null;
  if (secretKey && !keyMode) {
    problems.push("STRIPE_SECRET_KEY must be a secret or restricted key (sk_test_, sk_live_, rk_test_ or rk_live_)");
  }
  if (secretKey?.startsWith("pk_")) problems.push("STRIPE_SECRET_KEY holds a publishable key; put it in NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY");

  const webhookSecrets = (raw.STRIPE_WEBHOOK_SECRET ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (secretKey && webhookSecrets.length === 0) {
    problems.push("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set");
  }
  if (webhookSecrets.some((s) => !/^whsec_[A-Za-z0-9_]+$/.test(s))) {
    problems.push("STRIPE_WEBHOOK_SECRET must be whsec_… secrets separated by commas");
  }

  const publishable = raw.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;
  const pkMode = publishable ? modeOfPublishableKey(publishable) : null;
  if (publishable && !pkMode) problems.push("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY must start with pk_test_ or pk_live_");
  if (secretKey && !publishable) {
    problems.push("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is required when STRIPE_SECRET_KEY is set");
  }
  if (keyMode && pkMode && keyMode !== pkMode) {
    problems.push(
      `NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is a ${pkMode} key but STRIPE_SECRET_KEY is a ${keyMode} key; use keys of the same mode`,
    );
  }
  if (!secretKey && pkMode === "live") {
    problems.push("NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is a live key but no STRIPE_SECRET_KEY is set (emulator mode)");
  }

  const emulatorUrl = raw.STRIPE_EMULATOR_URL ?? DEFAULT_EMULATOR_URL;
  if (!isHttpUrl(emulatorUrl)) problems.push("STRIPE_EMULATOR_URL must be an http(s) URL, e.g. http://127.0.0.1:12111");

  const emulator = secretKey ? null : readEmulatorKeys(raw, emulatorKeysFile, problems);
  const emulatorKeys = emulator && "secret" in emulator ? emulator : null;
  if (problems.length > before) return null;
  return {
    mode: keyMode ?? "emulator",
    secretKey: secretKey ?? emulatorKeys?.secret ?? null,
    publishableKey: publishable ?? emulatorKeys?.publishable ?? null,
    keysProblem: emulator && "unknown" in emulator ? emulator.unknown : null,
    webhookSecrets,
    emulatorUrl: emulatorUrl.replace(/\/+$/, ""),
  };
}

/**
 * Like Stripe, the emulator answers only to the keys it was started with. `npm start` and the
 * test servers pass them in the environment; other commands find them in the emulator's data
 * directory, where it keeps them across restarts.
 */
function readEmulatorKeys(raw: RawEnv, file: string, problems: string[]): { secret: string; publishable: string } | { unknown: string } {
  let saved: { secret?: unknown; publishable?: unknown } = {};
  if (!raw.STRIPE_EMULATOR_SECRET_KEY || !raw.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY) {
    try {
      saved = JSON.parse(readFileSync(file, "utf8")) as typeof saved;
    } catch {
      saved = {};
    }
  }
  const secret = raw.STRIPE_EMULATOR_SECRET_KEY ?? (typeof saved.secret === "string" ? saved.secret : null);
  const publishable = raw.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY ?? (typeof saved.publishable === "string" ? saved.publishable : null);
  if (!secret || !publishable) {
    return {
      unknown: `The Stripe emulator's keys are unknown (emulator mode: no STRIPE_SECRET_KEY). Run \`npm start\`, which passes them; or set STRIPE_EMULATOR_SECRET_KEY and NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY to the keys the emulator printed when it started (it also keeps them in ${file})`,
    };
  }
  if (modeOfSecretKey(secret) !== "test") problems.push("STRIPE_EMULATOR_SECRET_KEY must be one of the emulator's test keys (sk_test_… or rk_test_…)");
  return { secret, publishable };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function defaultSecretDir(database: DatabaseTarget): string {
  if (database.kind === "pglite" && database.dataDir) return path.dirname(database.dataDir);
  return path.resolve(process.cwd(), ".data");
}

/**
 * Embedded mode needs no configuration, yet sessions must survive restarts and the proxy and the
 * server must agree on the key: generate it once and keep it beside the data.
 */
function embeddedSecret(dir: string): string {
  const file = path.join(dir, SECRET_FILE);
  try {
    return readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  // Beside the database, and like it readable by its owner only (lib/database/pglite-lock.ts).
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process won the race to create it; theirs is the secret.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

const cache = globalThis as unknown as { __ledgerlineConfig?: AppConfig };

/** The process's configuration, validated on first use and then kept. */
export function appConfig(): AppConfig {
  cache.__ledgerlineConfig ??= loadConfig(process.env);
  return cache.__ledgerlineConfig;
}

/** The Stripe keys, which every call to Stripe and every page with Stripe.js needs. */
export function stripeKeys(config: AppConfig = appConfig()): { secretKey: string; publishableKey: string } {
  const { secretKey, publishableKey, keysProblem } = config.stripe;
  if (!secretKey || !publishableKey) throw new ConfigError([keysProblem ?? "The Stripe keys are not configured"]);
  return { secretKey, publishableKey };
}

/**
 * For server start-up. Next only logs a failing instrumentation hook and then answers every
 * request with a 500, so a misconfigured server exits instead, naming every problem.
 */
export function exitOnInvalidConfig(): void {
  try {
    stripeKeys(appConfig());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Ledgerline cannot start. ${error.message}\nSee .env.example for every variable.`);
    process.exit(1);
  }
}
