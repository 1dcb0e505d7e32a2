import type http from "node:http";
import { handleStripeJsRequest } from "../stripejs/handler";
import { parseForm, type FormObject } from "../wire/form";
import { BROWSER_PARAMS, KNOWN_PARAMS } from "../wire/known_params";
import { ApiError, invalidRequest, unknownRoute } from "./errors";
import type { Faults, FaultRule } from "./faults";
import { applyCors, readBody } from "./http";
import { abandonIdempotent, beginIdempotent, finishIdempotent } from "./idempotency";
import { randomToken } from "./ids";
import { keyFromHeader, publishableKeyRefused, type KeyRing } from "./keys";
import { render } from "./render";
import { RawReply, Reply, type Auth, type Router } from "./router";
import { API_VERSION, type World } from "./world";

type Outcome = { status: number; body: string } | { raw: RawReply };

function faultResponse(rule: FaultRule): { status: number; body: string } {
  const status = rule.status ?? 500;
  const error =
    status === 429
      ? { type: "invalid_request_error", code: "rate_limit", message: "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests." }
      : { type: "api_error", message: "An unknown error occurred (injected by the emulator)." };
  return { status, body: JSON.stringify({ error }) };
}

function errorOutcome(err: unknown): { status: number; body: string } {
  if (err instanceof ApiError) return { status: err.status, body: JSON.stringify({ error: err.body }) };
  console.error("emulator: unexpected error", err);
  return { status: 500, body: JSON.stringify({ error: { type: "api_error", message: "An unknown error occurred." } }) };
}

function readInput(req: http.IncomingMessage, url: URL, body: Buffer, rawRoute: boolean): FormObject {
  const query = parseForm(url.search.slice(1));
  if (req.method !== "POST" || rawRoute || body.length === 0) return query;
  const type = String(req.headers["content-type"] ?? "");
  if (type.startsWith("application/json")) {
    try {
      return { ...query, ...(JSON.parse(body.toString("utf8")) as FormObject) };
    } catch {
      throw invalidRequest("Invalid JSON body.");
    }
  }
  return { ...query, ...parseForm(body.toString("utf8")) };
}

function rejectUnknownParams(route: string, input: FormObject, browser: boolean): void {
  const known = KNOWN_PARAMS[route];
  if (!known) return;
  for (const key of Object.keys(input)) {
    if (known.includes(key) || (browser && BROWSER_PARAMS.includes(key))) continue;
    const error = invalidRequest(`Received unknown parameter: ${key}`, { param: key });
    error.isValidation = true;
    throw error;
  }
}

/** `expand` must arrive as an array of paths; a hash (`expand[5]=x` alone) or a plain string is refused. */
function rejectInvalidExpand(input: FormObject): void {
  const value = input.expand;
  if (value === undefined || (Array.isArray(value) && value.every((v) => typeof v === "string"))) return;
  const error = invalidRequest("Invalid array", { param: "expand" });
  error.isValidation = true;
  throw error;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A 500 kept under a key is all a retry with that key can get, and stripe-node expects Stripe to say
 * so: "we expect the stripe-should-retry header to be false in most cases when a 500 is returned,
 * since our idempotency framework would typically replay it anyway" (stripe-node RequestSender).
 */
function keptErrorHeaders(status: number): Record<string, string> {
  return status === 500 ? { "Stripe-Should-Retry": "false" } : {};
}

type Prepared = { run: () => Promise<Outcome> };

/** Route, key kind and parameter checks: a failure here stops the request before it executes. */
function prepare(world: World, router: Router, req: http.IncomingMessage, url: URL, body: Buffer, auth: Auth, requestId: string, key: string | null): Prepared {
  const method = req.method ?? "GET";
  const match = router.match(method, url.pathname);
  if (!match) throw unknownRoute(method, url.pathname);
  const input = readInput(req, url, body, match.route.rawBody === true);
  rejectUnknownParams(`${method} ${match.route.path}`, input, match.route.publishable === true);
  rejectInvalidExpand(input);
  return {
    run: async () => {
      world.request = { id: requestId, idempotencyKey: key };
      let result: unknown;
      try {
        result = match.route.handler({ world, method, path: url.pathname, params: match.params, input, auth, raw: req, rawBody: body });
      } finally {
        world.request = null;
      }
      if (result instanceof Promise) result = await result;
      if (result instanceof RawReply) return { raw: result };
      if (result instanceof Reply) return { status: result.status, body: JSON.stringify(render(result.body, input.expand, world.store)) };
      return { status: 200, body: JSON.stringify(render(result, input.expand, world.store)) };
    },
  };
}

/**
 * Stripe keeps a 500 under the key like any other answer and calls its outcome indeterminate
 * (docs.stripe.com/error-low-level, "Server errors"): the work may have been done or not. The
 * handler's own parameter checks still refuse first, unkept, when the work is done.
 */
async function failWhileExecuting(rule: FaultRule, prepared: Prepared): Promise<Outcome> {
  const committed = rule.committed ?? Math.random() < 0.5;
  if (committed) {
    try {
      await prepared.run();
    } catch (err) {
      // A refusal of the parameters is not kept; any other answer (a decline) becomes the 500.
      if (err instanceof ApiError && err.isValidation) throw err;
    }
  }
  return { status: 500, body: JSON.stringify({ error: { type: "api_error", message: "An unknown error occurred (injected by the emulator while executing)." } }) };
}

/**
 * The Date header (RFC 9110 §6.6.1), from the emulator's clock rather than the machine's, so that a
 * moved clock moves it too: it is the one clock a client can compare with events' `created`. It is
 * read as the answer is sent, after the handler ran: the latest moment it could name.
 */
function servedAt(world: World): string {
  return new Date(world.clock.nowMs()).toUTCString();
}

/** The whole request path: CORS, Stripe.js hand-off, auth, faults, idempotency, the handler, the response. */
export function createRequestHandler(world: World, router: Router, faults: Faults, keys: KeyRing, appOrigins: ReadonlySet<string>) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const requestId = `req_${randomToken(14)}`;
    res.setHeader("Request-Id", requestId);
    res.setHeader("Stripe-Version", String(req.headers["stripe-version"] ?? API_VERSION));
    applyCors(req, res, appOrigins);
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const method = req.method ?? "GET";
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": "application/json", Date: servedAt(world), ...headers });
      res.end(body);
    };
    if (method === "OPTIONS") {
      res.writeHead(204, { Date: servedAt(world) });
      res.end();
      return;
    }
    if (url.pathname.startsWith("/js/") || url.pathname.startsWith("/stripejs/")) {
      res.setHeader("Date", servedAt(world));
      await handleStripeJsRequest(req, res, { baseUrl: world.baseUrl });
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (err) {
      const out = errorOutcome(err);
      send(out.status, out.body);
      return;
    }
    let auth: Auth;
    try {
      // Who may call what is settled before faults and idempotency: a refused key is never saved
      // under an Idempotency-Key, as Stripe saves results only once an endpoint starts executing.
      const credential = keys.authenticate(keyFromHeader(req.headers.authorization));
      const route = router.match(method, url.pathname)?.route;
      if (credential.kind === "publishable" && route && !route.publishable) throw publishableKeyRefused();
      if (route) keys.authorize(credential, method, url.pathname);
      auth = credential.kind === "publishable" ? "publishable" : "secret";
    } catch (err) {
      const out = errorOutcome(err);
      send(out.status, out.body);
      return;
    }
    const isApi = url.pathname.startsWith("/v1/");
    const plan = isApi ? faults.plan(method, url.pathname) : { latencyMs: 0, terminal: null };
    const terminal = plan.terminal;
    if (terminal?.kind === "drop") {
      req.socket.destroy();
      return;
    }
    // Like Stripe's rate limiter, injected status errors sit in front of the idempotency layer;
    // only `fail_while_executing` answers a 500 that is kept under the key.
    if (terminal?.kind === "status") {
      if (plan.latencyMs) await sleep(plan.latencyMs);
      const out = faultResponse(terminal);
      send(out.status, out.body, out.status === 429 ? {} : { "Stripe-Should-Retry": "true" });
      return;
    }
    const key = method === "POST" && isApi ? ((req.headers["idempotency-key"] as string | undefined) ?? null) : null;
    const headers: Record<string, string> = key ? { "Idempotency-Key": key } : {};
    let record = null;
    if (key) {
      if (key.length > 255) {
        send(400, JSON.stringify({ error: { type: "invalid_request_error", message: "Idempotency keys can be at most 255 characters long." } }));
        return;
      }
      const begun = beginIdempotent(world.store, key, method, url.pathname, body, world.clock.nowMs());
      if (begun.kind !== "new" && (terminal?.kind === "fail_while_executing" || terminal?.kind === "commit_then_drop")) faults.unfire(terminal);
      if (begun.kind === "mismatch") {
        send(400, JSON.stringify({ error: { type: "idempotency_error", message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` } }), headers);
        return;
      }
      if (begun.kind === "in_flight") {
        send(409, JSON.stringify({ error: { type: "invalid_request_error", code: "idempotency_key_in_use", message: "There is currently another in-progress request using this Stripe token (probably means you are using the same idempotency key). Please retry this request after a short delay." } }), headers);
        return;
      }
      if (begun.kind === "replay") {
        if (plan.latencyMs) await sleep(plan.latencyMs);
        const status = begun.record.status ?? 200;
        send(status, begun.record.body ?? "{}", { ...headers, ...keptErrorHeaders(status), "Idempotent-Replayed": "true", "Original-Request": begun.record.requestId ?? "" });
        return;
      }
      record = begun.record;
    }
    if (plan.latencyMs) await sleep(plan.latencyMs);
    let outcome: Outcome;
    let validationFailure = false;
    try {
      const prepared = prepare(world, router, req, url, body, auth, requestId, key);
      outcome = terminal?.kind === "fail_while_executing" ? await failWhileExecuting(terminal, prepared) : await prepared.run();
    } catch (err) {
      validationFailure = err instanceof ApiError && err.isValidation;
      outcome = errorOutcome(err);
    }
    if (record) {
      if (validationFailure || "raw" in outcome) abandonIdempotent(world.store, record);
      else finishIdempotent(world.store, record, outcome.status, outcome.body, requestId);
    }
    if (terminal?.kind === "commit_then_drop") {
      req.socket.destroy();
      return;
    }
    if ("raw" in outcome) {
      res.writeHead(200, { "Content-Type": outcome.raw.contentType, "Content-Length": String(outcome.raw.data.length), Date: servedAt(world) });
      res.end(outcome.raw.data);
      return;
    }
    send(outcome.status, outcome.body, record ? { ...headers, ...keptErrorHeaders(outcome.status) } : headers);
  };
}
