import "server-only";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { checkHealth } from "@/lib/health";
import { peerHeaderName } from "@/lib/security/client-address";
import { WEBHOOK_PATH } from "../endpoint";
import { receiveStripeWebhook, type ReceiveContext } from "../receive";

/**
 * The standalone ingest server (`npm run ingest`): the webhook route's own code — verify, record,
 * project, answer — behind node:http instead of Next.js, for merchants whose deliveries outgrow one
 * Next process. Several instances may run side by side on one PostgreSQL database: dedupe and order
 * rest on the database (record.ts), not on the process. It serves two paths only:
 *   POST /api/webhooks/stripe — the same path as the app's, so Stripe is pointed at another host only;
 *   GET  /api/health          — the app's health report, for a load balancer.
 */

export interface IngestServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface IngestServerOptions {
  host?: string;
  port?: number;
  context: ReceiveContext;
}

export async function startIngestServer(options: IngestServerOptions): Promise<IngestServer> {
  const host = options.host ?? "127.0.0.1";
  const server = http.createServer((request, response) => {
    handle(request, response, options.context, host).catch((error: unknown) => {
      console.error("[ingest] unexpected error:", error instanceof Error ? error.message : error);
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "Internal error" }));
    });
  });
  // Stripe waits up to 30 s for an answer; a stalled client must not hold a socket much longer.
  server.requestTimeout = 35_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    // Answers the deliveries in flight, then stops: each is answered only after its commit.
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, context: ReceiveContext, host: string): Promise<void> {
  const path = (request.url ?? "/").split("?")[0];
  if (path === WEBHOOK_PATH && request.method === "POST") {
    const answer = await receiveStripeWebhook(toWebRequest(request, host), context);
    await send(answer, response);
    return;
  }
  if (path === "/api/health" && (request.method === "GET" || request.method === "HEAD")) {
    const report = await checkHealth();
    response.writeHead(report.database.reachable ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
    response.end(request.method === "HEAD" ? undefined : JSON.stringify(report));
    return;
  }
  request.resume();
  const known = path === WEBHOOK_PATH || path === "/api/health";
  response.writeHead(known ? 405 : 404, { "content-type": "application/json", ...(known ? { allow: path === WEBHOOK_PATH ? "POST" : "GET, HEAD" } : {}) });
  response.end(JSON.stringify({ error: known ? "Method not allowed" : "Not found" }));
}

/** The delivery as the route sees it, with the socket's address stamped as the app's server stamps it. */
function toWebRequest(request: IncomingMessage, host: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  headers.set(peerHeaderName(), request.socket.remoteAddress ?? "");
  return new Request(`http://${host}${request.url ?? "/"}`, {
    method: "POST",
    headers,
    body: Readable.toWeb(request) as ReadableStream<Uint8Array>,
    duplex: "half",
  } as RequestInit & { duplex: "half" });
}

async function send(answer: Response, response: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => (headers[name] = value));
  const body = Buffer.from(await answer.arrayBuffer());
  response.writeHead(answer.status, { ...headers, "content-length": String(body.byteLength) });
  response.end(body);
}
