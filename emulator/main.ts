import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { validateKeys, type AccountKeys } from "./core/keys";
import { isKnownApiVersion } from "./core/versions";
import { startEmulator } from "./server";

// `npm run emulator [-- --port 12111 --data-dir .data/emulator --app-origin http://127.0.0.1:3000]`: the
// local Stripe API on loopback.
const { values } = parseArgs({
  options: {
    port: { type: "string" },
    "data-dir": { type: "string" },
    "in-memory": { type: "boolean" },
    "webhook-url": { type: "string" },
    "webhook-secret": { type: "string" },
    // Unix seconds the clock starts at, for a fresh account with history (the demo); a saved clock
    // is kept otherwise.
    "clock-start": { type: "string" },
    // JSON { secret, publishable, restricted?: [{ key, permissions }] }: the only keys accepted.
    "keys-file": { type: "string" },
    // The account's default API version (default 2020-03-02): endpoints created without an
    // api_version, and GET /v1/events, read events in it.
    "account-api-version": { type: "string" },
    // The app's origin (repeatable): the only one whose pages may call the emulator from a browser.
    "app-origin": { type: "string", multiple: true },
  },
});

const port = Number(values.port ?? process.env.EMULATOR_PORT ?? 12111);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`emulator: invalid port ${String(values.port ?? process.env.EMULATOR_PORT)}`);
  process.exit(2);
}
const dataDir = values["in-memory"] ? null : (values["data-dir"] ?? process.env.EMULATOR_DATA_DIR ?? ".data/emulator");

const webhookUrl = values["webhook-url"] ?? process.env.EMULATOR_WEBHOOK_URL;
const webhookSecret = values["webhook-secret"] ?? process.env.EMULATOR_WEBHOOK_SECRET;
if (Boolean(webhookUrl) !== Boolean(webhookSecret)) {
  console.error("emulator: --webhook-url and --webhook-secret (EMULATOR_WEBHOOK_URL / EMULATOR_WEBHOOK_SECRET) go together");
  process.exit(2);
}

const clockStart = values["clock-start"] === undefined ? undefined : Number(values["clock-start"]);
if (clockStart !== undefined && !Number.isInteger(clockStart)) {
  console.error(`emulator: invalid --clock-start ${values["clock-start"]} (unix seconds expected)`);
  process.exit(2);
}

const keysFile = values["keys-file"] ?? process.env.EMULATOR_KEYS_FILE;
let keys: AccountKeys | undefined;
if (keysFile) {
  try {
    keys = validateKeys(JSON.parse(readFileSync(keysFile, "utf8"))).keys;
  } catch (error) {
    console.error(`emulator: cannot use --keys-file ${keysFile}: ${(error as Error).message}`);
    process.exit(2);
  }
}

const accountApiVersion = values["account-api-version"] ?? process.env.EMULATOR_ACCOUNT_API_VERSION;
if (accountApiVersion !== undefined && !isKnownApiVersion(accountApiVersion)) {
  console.error(`emulator: unknown --account-api-version ${accountApiVersion} (a version such as 2020-03-02 or 2026-10-28.endive)`);
  process.exit(2);
}

const appOriginValues = values["app-origin"] ?? process.env.EMULATOR_APP_ORIGIN?.split(",").map((o) => o.trim()).filter(Boolean);
const appOrigins = appOriginValues?.map((value) => {
  try {
    return new URL(value).origin;
  } catch {
    console.error(`emulator: invalid --app-origin ${value} (e.g. http://127.0.0.1:3000)`);
    process.exit(2);
  }
});

async function main(): Promise<void> {
  const webhookEndpoint = webhookUrl && webhookSecret ? { url: webhookUrl, secret: webhookSecret } : undefined;
  const emulator = await startEmulator({ port, host: "127.0.0.1", dataDir, webhookEndpoint, clockStart, keys, accountApiVersion, appOrigins });
  console.log(`Stripe emulator listening on ${emulator.url} (state: ${dataDir ?? "in memory"})`);
  // Like the Dashboard's API keys page: the keys this account answers to, and nothing else.
  console.log(`  secret key:      ${emulator.keys.secret}`);
  console.log(`  publishable key: ${emulator.keys.publishable}`);
  for (const r of emulator.keys.restricted) {
    const granted = Object.entries(r.permissions).filter(([, level]) => level !== "none").map(([resource, level]) => `${resource}:${level}`);
    console.log(`  restricted key:  ${r.key} (${granted.join(", ") || "no permissions"})`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`emulator: ${signal}, saving state and closing`);
    await emulator.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error("emulator: failed to start", err);
  process.exit(1);
});
