import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, stripeKeys } from "./env";

const secretDir = () => mkdtempSync(path.join(tmpdir(), "ledgerline-env-"));
/** The keys file the emulator writes on first start, as `npm start` leaves it. */
const EMULATOR_KEYS = { secret: `sk_test_${"e".repeat(24)}`, publishable: `pk_test_${"e".repeat(24)}`, restricted: [] };
const KEYS_FILE = path.join(secretDir(), "keys.json");
writeFileSync(KEYS_FILE, JSON.stringify(EMULATOR_KEYS));
const NO_KEYS_FILE = path.join(secretDir(), "keys.json");
const SECRET = "s".repeat(40);
const DASHBOARD_URL = "https://dashboard.example.com";
const real = {
  STRIPE_SECRET_KEY: "sk_test_abc123",
  STRIPE_WEBHOOK_SECRET: "whsec_one",
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_test_abc123",
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env, { secretDir: secretDir(), emulatorKeysFile: KEYS_FILE });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("runs embedded with no configuration at all", () => {
    const config = loadConfig({}, { secretDir: secretDir(), emulatorKeysFile: KEYS_FILE });
    expect(config.embedded).toBe(true);
    expect(config.database).toEqual({ kind: "pglite", dataDir: path.resolve(".data", "pglite") });
    expect(config.stripe.mode).toBe("emulator");
    expect(config.stripe.secretKey).toBe(EMULATOR_KEYS.secret);
    expect(config.stripe.publishableKey).toBe(EMULATOR_KEYS.publishable);
    expect(config.stripe.emulatorUrl).toBe("http://127.0.0.1:12111");
    expect(config.merchantName).toBe("Ledgerline");
  });

  it("takes the emulator's keys from the environment before its keys file", () => {
    const env = { STRIPE_EMULATOR_SECRET_KEY: `rk_test_${"r".repeat(24)}`, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: `pk_test_${"p".repeat(24)}` };
    const config = loadConfig(env, { secretDir: secretDir(), emulatorKeysFile: NO_KEYS_FILE });
    expect(config.stripe).toMatchObject({ mode: "emulator", secretKey: env.STRIPE_EMULATOR_SECRET_KEY, publishableKey: env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY });
  });

  it("says how to find the emulator's keys when neither the environment nor its keys file has them", () => {
    // `next build` needs no keys; anything that talks to Stripe, and a starting server, does.
    const config = loadConfig({}, { secretDir: secretDir(), emulatorKeysFile: NO_KEYS_FILE });
    expect(config.stripe).toMatchObject({ mode: "emulator", secretKey: null, publishableKey: null });
    let problems: string[] = [];
    try {
      stripeKeys(config);
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^The Stripe emulator's keys are unknown .*Run `npm start`.*STRIPE_EMULATOR_SECRET_KEY and NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY/)]);
    expect(problems[0]).toContain(NO_KEYS_FILE);
    const live = { STRIPE_EMULATOR_SECRET_KEY: `sk_live_${"l".repeat(24)}`, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: `pk_test_${"p".repeat(24)}` };
    expect(problemsOf(live)).toContain("STRIPE_EMULATOR_SECRET_KEY must be one of the emulator's test keys (sk_test_… or rk_test_…)");
  });

  it("treats empty strings as unset", () => {
    const config = loadConfig({ DATABASE_URL: "", STRIPE_SECRET_KEY: " " }, { secretDir: secretDir(), emulatorKeysFile: KEYS_FILE });
    expect(config.stripe.mode).toBe("emulator");
    expect(config.database.kind).toBe("pglite");
  });

  it("generates the session secret once in embedded mode and keeps it", () => {
    const dir = secretDir();
    const first = loadConfig({}, { secretDir: dir, emulatorKeysFile: KEYS_FILE }).auth.secret;
    const second = loadConfig({}, { secretDir: dir, emulatorKeysFile: KEYS_FILE }).auth.secret;
    expect(first).toHaveLength(43);
    expect(second).toBe(first);
    const file = path.join(dir, "nextauth-secret");
    expect(readFileSync(file, "utf8")).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it("reads pglite:<dir> and pglite:memory", () => {
    expect(loadConfig({ DATABASE_URL: "pglite:memory" }, { secretDir: secretDir(), emulatorKeysFile: KEYS_FILE }).database).toEqual({
      kind: "pglite",
      dataDir: null,
    });
    const dir = loadConfig({ DATABASE_URL: "pglite:./tmp/db" }, { secretDir: secretDir(), emulatorKeysFile: KEYS_FILE }).database;
    expect(dir).toEqual({ kind: "pglite", dataDir: path.resolve("tmp/db") });
    expect(problemsOf({ DATABASE_URL: "pglite:" })[0]).toMatch(/^DATABASE_URL=pglite: needs a directory/);
  });

  it("accepts a PostgreSQL URL only with a session secret", () => {
    expect(problemsOf({ DATABASE_URL: "postgres://u@localhost/db" })).toEqual([
      "NEXTAUTH_SECRET is required when DATABASE_URL points at a PostgreSQL server",
      "NEXTAUTH_URL is required when DATABASE_URL points at a PostgreSQL server",
    ]);
    const config = loadConfig({ DATABASE_URL: "postgresql://u@localhost/db", NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: DASHBOARD_URL }, { emulatorKeysFile: KEYS_FILE });
    expect(config).toMatchObject({ embedded: false, database: { kind: "postgres" }, auth: { secret: SECRET } });
  });

  it("rejects other database URLs by name", () => {
    expect(problemsOf({ DATABASE_URL: "mysql://x" })[0]).toMatch(/^DATABASE_URL must be/);
  });

  it("rejects a short session secret", () => {
    expect(problemsOf({ NEXTAUTH_SECRET: "short" })[0]).toMatch(/^NEXTAUTH_SECRET must be at least 32/);
  });

  it("derives test and live modes from secret and restricted keys", () => {
    expect(loadConfig(real, { secretDir: secretDir(), emulatorKeysFile: KEYS_FILE }).stripe.mode).toBe("test");
    const live = {
      STRIPE_SECRET_KEY: "rk_live_abc",
      STRIPE_WEBHOOK_SECRET: "whsec_a",
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_live_abc",
      NEXTAUTH_SECRET: SECRET,
      NEXTAUTH_URL: DASHBOARD_URL,
    };
    expect(loadConfig(live).stripe).toMatchObject({ mode: "live", secretKey: "rk_live_abc" });
  });

  it("names a malformed secret key", () => {
    expect(problemsOf({ ...real, STRIPE_SECRET_KEY: "sk_prod_x" })).toEqual([
      "STRIPE_SECRET_KEY must be a secret or restricted key (sk_test_, sk_live_, rk_test_ or rk_live_)",
    ]);
    expect(problemsOf({ ...real, STRIPE_SECRET_KEY: "pk_test_x" })).toContain(
      "STRIPE_SECRET_KEY holds a publishable key; put it in NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
    );
  });

  it("requires a webhook secret with a real key", () => {
    expect(problemsOf({ ...real, STRIPE_WEBHOOK_SECRET: undefined })).toEqual([
      "STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set",
    ]);
  });

  it("splits several webhook secrets for rotation and checks each", () => {
    const config = loadConfig({ ...real, STRIPE_WEBHOOK_SECRET: "whsec_old, whsec_new" }, { secretDir: secretDir(), emulatorKeysFile: KEYS_FILE });
    expect(config.stripe.webhookSecrets).toEqual(["whsec_old", "whsec_new"]);
    expect(problemsOf({ ...real, STRIPE_WEBHOOK_SECRET: "whsec_ok,nope" })).toEqual([
      "STRIPE_WEBHOOK_SECRET must be whsec_… secrets separated by commas",
    ]);
  });

  it("requires a publishable key of the same mode with a real key", () => {
    expect(problemsOf({ ...real, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: undefined })).toEqual([
      "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is required when STRIPE_SECRET_KEY is set",
    ]);
    expect(
      problemsOf({ ...real, STRIPE_SECRET_KEY: "sk_live_x", NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: DASHBOARD_URL }),
    ).toEqual([
      "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is a test key but STRIPE_SECRET_KEY is a live key; use keys of the same mode",
    ]);
    expect(problemsOf({ ...real, NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "sk_test_x" })).toEqual([
      "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY must start with pk_test_ or pk_live_",
    ]);
  });

  it("refuses a live publishable key in emulator mode", () => {
    expect(problemsOf({ NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_live_x" })).toEqual([
      "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is a live key but no STRIPE_SECRET_KEY is set (emulator mode)",
    ]);
  });

  it("requires a configured session secret with a live key even when embedded", () => {
    const live = { STRIPE_SECRET_KEY: "sk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_a", NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_live_x" };
    expect(problemsOf(live)).toEqual([
      "NEXTAUTH_SECRET is required with a live Stripe key",
      "NEXTAUTH_URL is required with a live Stripe key",
    ]);
  });

  it("refuses an http NEXTAUTH_URL with a live key: sessions and sign-in would cross the network in clear", () => {
    const live = { STRIPE_SECRET_KEY: "sk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_a", NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "pk_live_x", NEXTAUTH_SECRET: SECRET };
    expect(problemsOf({ ...live, NEXTAUTH_URL: "http://dashboard.example.com" })).toEqual([
      "NEXTAUTH_URL must be an https URL with a live Stripe key (sign-in and the session cookie would travel unencrypted)",
    ]);
    expect(loadConfig({ ...live, NEXTAUTH_URL: "https://dashboard.example.com" }).auth.url).toBe("https://dashboard.example.com");
  });

  it("checks URLs and lists every problem at once", () => {
    const problems = problemsOf({
      NEXTAUTH_URL: "localhost:3000",
      STRIPE_EMULATOR_URL: "ftp://x",
      STRIPE_SECRET_KEY: "sk_test_x",
    });
    expect(problems).toEqual([
      "STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set",
      "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is required when STRIPE_SECRET_KEY is set",
      "STRIPE_EMULATOR_URL must be an http(s) URL, e.g. http://127.0.0.1:12111",
      "NEXTAUTH_URL must be an http(s) URL, e.g. https://dashboard.example.com",
    ]);
  });

  it("keeps the emulator URL without a trailing slash and the merchant name", () => {
    const config = loadConfig(
      { STRIPE_EMULATOR_URL: "http://127.0.0.1:4000/", MERCHANT_NAME: "Acme Tea" },
      { secretDir: secretDir(), emulatorKeysFile: KEYS_FILE },
    );
    expect(config.stripe.emulatorUrl).toBe("http://127.0.0.1:4000");
    expect(config.merchantName).toBe("Acme Tea");
  });
});
