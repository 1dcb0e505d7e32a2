import "server-only";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { checkHealth } from "@/lib/health";
import { peerHeaderName } from "@/lib/security/client-address";
import { WEBHOOK_PATH } from "../endpoint";
import { answerWebhookDelivery, type ReceiveContext } from "../receive";
import { MAX_WEBHOOK_BODY_BYTES, type CappedBody } from "../verify";

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
    handle(request, response, options.context).catch((error: unknown) => {
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

async function handle(request: IncomingMessage, response: ServerResponse, context: ReceiveContext): Promise<void> {
  const path = (request.url ?? "/").split("?")[0];
  if (path === WEBHOOK_PATH && request.method === "POST") {
    // Stamped with the socket's address as the app's server stamps a request (client-address.ts).
    request.headers[peerHeaderName()] = request.socket.remoteAddress ?? "";
    let overCap = false;
    const answer = await answerWebhookDelivery(
      {
        headers: request.headers,
        readBody: async () => {
          const body = await readCappedRequest(request);
          overCap = !body.ok;
          return body;
        },
      },
      context,
    );
    // The rest of an oversized body is never read: the connection goes with the answer.
    const headers = { ...answer.headers, "Content-Length": String(Buffer.byteLength(answer.body)), ...(overCap ? { Connection: "close" } : {}) };
    response.writeHead(answer.status, headers);
    response.end(answer.body);
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

/** The body up to the cap, as readCappedBody reads a Web request's: refused once it passes the cap, not after the whole upload. */
function readCappedRequest(request: IncomingMessage, maxBytes: number = MAX_WEBHOOK_BODY_BYTES): Promise<CappedBody> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = () => {
      request.off("data", onData).off("end", onEnd).off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total <= maxBytes) return void chunks.push(chunk);
      stop();
      request.pause();
      resolve({ ok: false });
    };
    const onEnd = () => {
      stop();
      resolve({ ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) });
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    request.on("data", onData).on("end", onEnd).on("error", onError);
  });
}
