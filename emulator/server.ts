import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { registerControl } from "./control/routes";
import { Clock } from "./core/clock";
import { Faults } from "./core/faults";
import { DEFAULT_APP_ORIGINS } from "./core/http";
import { pruneIdempotency } from "./core/idempotency";
import { generateKeys, KeyRing, validateKeys, type AccountKeys } from "./core/keys";
import { Persistence } from "./core/persistence";
import { createRequestHandler } from "./core/pipeline";
import { Router } from "./core/router";
import { runDueTasks } from "./core/scheduler";
import { Store } from "./core/store";
import { isKnownApiVersion } from "./core/versions";
import { World } from "./core/world";
import { registerBalance } from "./resources/balance";
import { registerCharges } from "./resources/charges";
import { registerCustomers } from "./resources/customers";
import { registerDisputes } from "./resources/disputes";
import { registerEvents } from "./resources/events";
import { registerFiles } from "./resources/files";
import { registerPaymentIntents } from "./resources/payment_intents";
import { registerPaymentMethods } from "./resources/payment_methods";
import { ensureDailyPayouts, registerPayouts } from "./resources/payouts";
import { registerRadar } from "./resources/radar";
import { registerRefunds } from "./resources/refunds";
import { registerSearches } from "./resources/search";
import { registerTokens } from "./resources/tokens";
import { registerSetupIntents } from "./resources/setup_intents";
import { endpointsFor, ensureWebhookEndpoint, registerWebhookEndpoints } from "./resources/webhook_endpoints";
import { DEFAULT_RETRY_SCHEDULE, WebhookDispatcher } from "./webhooks/delivery";

export type EmulatorOptions = {
  port?: number;
  host?: string;
  /** Where state is kept between runs; `null` keeps everything in memory. */
  dataDir?: string | null;
  /** Delays between webhook delivery attempts, in ms. */
  webhookRetrySchedule?: number[];
  /** Unix seconds the emulator's clock starts at (default: now, or where a saved state left it). */
  clockStart?: number;
  /**
   * The account's default API version (default 2020-03-02, an account opened then): endpoints
   * created without `api_version`, and `GET /v1/events`, read events in it.
   */
  accountApiVersion?: string;
  /** An endpoint that receives every event, signed with a known secret (created or updated at start). */
  webhookEndpoint?: { url: string; secret: string; enabledEvents?: string[] };
  /**
   * The only keys the emulator answers to. Default: the keys saved in `dataDir` (keys.json), or new
   * test-mode keys (saved there when there is a data directory).
   */
  keys?: AccountKeys;
  /** Origins of the app's pages, the only ones browsers may call from (default: DEFAULT_APP_ORIGINS). */
  appOrigins?: string[];
};

export type RunningEmulator = { url: string; port: number; keys: AccountKeys; close(): Promise<void> };

/** Keys given, else the account's saved keys, else new ones: an account keeps its keys across restarts. */
function accountKeys(opts: EmulatorOptions, dataDir: string | null): AccountKeys {
  if (opts.keys) return validateKeys(opts.keys).keys;
  const file = dataDir === null ? null : path.join(path.resolve(dataDir), "keys.json");
  if (file && existsSync(file)) {
    try {
      return validateKeys(JSON.parse(readFileSync(file, "utf8"))).keys;
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
  }
  const keys = generateKeys("test");
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  }
  return keys;
}

const TICK_MS = 1_000;

function buildRouter(deps: Parameters<typeof registerControl>[1]): Router {
  const router = new Router();
  // Search routes first: `/v1/customers/search` would otherwise read as a customer id.
  registerSearches(router);
  registerTokens(router);
  registerCustomers(router);
  registerPaymentMethods(router);
  registerSetupIntents(router);
  registerPaymentIntents(router);
  registerCharges(router);
  registerRefunds(router);
  registerDisputes(router);
  registerFiles(router);
  registerPayouts(router);
  registerBalance(router);
  registerRadar(router);
  registerEvents(router);
  registerWebhookEndpoints(router);
  registerControl(router, deps);
  return router;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? "127.0.0.1";
  const store = new Store();
  const dataDir = opts.dataDir === undefined ? path.resolve(".data/emulator") : opts.dataDir;
  let clock = opts.clockStart !== undefined ? Clock.startingAt(opts.clockStart) : new Clock();
  const persistence = dataDir === null ? null : new Persistence(path.resolve(dataDir), store, () => clock.offset);
  const savedClockOffset = persistence?.load() ?? null;
  if (savedClockOffset !== null && opts.clockStart === undefined) clock = new Clock(savedClockOffset);
  pruneIdempotency(store, clock.nowMs());
  store.clockMs = () => clock.nowMs();
  const world = new World(store, clock, "");
  if (opts.accountApiVersion !== undefined) {
    if (!isKnownApiVersion(opts.accountApiVersion)) throw new Error(`unknown API version ${opts.accountApiVersion}`);
    world.accountApiVersion = opts.accountApiVersion;
  }
  const dispatcher = new WebhookDispatcher(world, opts.webhookRetrySchedule ?? DEFAULT_RETRY_SCHEDULE);
  const faults = new Faults();
  world.onEvent = (event) => dispatcher.enqueue(event);
  world.countEndpointsFor = (type, object) => endpointsFor(world, type, object).length;
  if (persistence) {
    world.saveFile = (id, data) => persistence.saveFile(id, data);
    store.onChange = () => persistence.scheduleSave();
  }
  const configured = accountKeys(opts, dataDir);
  // One account per secret key, so its id is stable across restarts without being stored.
  const keys = new KeyRing(configured, `acct_${createHash("sha256").update(configured.secret).digest("hex").slice(0, 16)}`);
  world.livemode = keys.livemode;
  const router = buildRouter({ faults, dispatcher, resetFiles: () => persistence?.clearFiles(), keys });
  ensureDailyPayouts(world);
  if (opts.webhookEndpoint) {
    const { url, secret, enabledEvents } = opts.webhookEndpoint;
    ensureWebhookEndpoint(world, url, secret, enabledEvents);
  }

  const appOrigins = new Set((opts.appOrigins ?? DEFAULT_APP_ORIGINS).map((origin) => new URL(origin).origin));
  const server = http.createServer(createRequestHandler(world, router, faults, keys, appOrigins));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 12111, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  world.baseUrl = url;

  const tick = setInterval(() => {
    runDueTasks(world);
    pruneIdempotency(store, clock.nowMs());
  }, TICK_MS);
  tick.unref();

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    keys: keys.current,
    close() {
      closing ??= (async () => {
        clearInterval(tick);
        dispatcher.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await persistence?.flush();
      })();
      return closing;
    },
  };
}
