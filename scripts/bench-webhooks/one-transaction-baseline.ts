import http from "node:http";
import type { DriverTransactions } from "@/lib/database/sql-transaction";
import type { StripeEventEnvelope } from "@/lib/webhooks/event";
import { verifyStripeDelivery } from "@/lib/webhooks/verify";

/**
 * Issue #15's baseline: a bare node:http server that verifies the signature, then in ONE transaction
 * appends the event to an event log with dedupe and upserts the event's object into a table of its
 * type (id, stamp, JSON), the newest stamp winning. No Next, no Prisma, no links, summaries or
 * activity: the least a server can do and still keep a log and a projection. On PostgreSQL the
 * transaction is a pooled `pg` connection; on PGlite, PGlite's own transaction.
 *
 * Its tables live in a schema of their own, so the app's tables and their WAL stay the app's.
 */
const SCHEMA = "bench_baseline";

export interface BaselineServer {
  url: string;
  close(): Promise<void>;
}

export async function startOneTransactionBaseline(transaction: DriverTransactions, secrets: readonly string[]): Promise<BaselineServer> {
  await transaction(async (tx) => {
    await tx.$executeRawUnsafe(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await tx.$executeRawUnsafe(`CREATE SCHEMA ${SCHEMA}`);
    await tx.$executeRawUnsafe(
      `CREATE TABLE ${SCHEMA}.event_log (id text PRIMARY KEY, type text NOT NULL, created timestamptz NOT NULL, object_id text, payload jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`,
    );
  });

  // One table per object type, created the first time the type is seen and before its first
  // delivery's transaction, so DDL is never part of the measured path after warm-up.
  const projectionTables = new Map<string, Promise<string>>();
  const projectionTable = (objectType: string): Promise<string> => {
    let table = projectionTables.get(objectType);
    if (!table) {
      const name = `${SCHEMA}.${objectType}`;
      table = transaction((tx) => tx.$executeRawUnsafe(`CREATE TABLE ${name} (id text PRIMARY KEY, stamp bigint NOT NULL, data jsonb NOT NULL)`)).then(() => name);
      projectionTables.set(objectType, table);
    }
    return table;
  };

  async function store(rawBody: string, event: StripeEventEnvelope, object: ProjectedObject): Promise<void> {
    const table = await projectionTable(object.type);
    await transaction(async (tx) => {
      const inserted = await tx.$executeRawUnsafe(
        `INSERT INTO ${SCHEMA}.event_log (id, type, created, object_id, payload) VALUES ($1, $2, to_timestamp($3), $4, $5::jsonb) ON CONFLICT (id) DO NOTHING`,
        event.id, event.type, event.created, object.id, rawBody,
      );
      if (inserted === 0) return; // a redelivery: its projection is already in
      await tx.$executeRawUnsafe(
        `INSERT INTO ${table} AS t (id, stamp, data) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (id) DO UPDATE SET stamp = excluded.stamp, data = excluded.data WHERE t.stamp <= excluded.stamp`,
        object.id, event.created, JSON.stringify(event.data.object),
      );
    });
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const verified = verifyStripeDelivery(Buffer.concat(chunks), String(req.headers["stripe-signature"] ?? ""), secrets);
      if (!verified.ok) return void res.writeHead(400).end(verified.reason);
      const object = projectedObject(verified.event);
      if (!object) return void res.writeHead(400).end("no object to project");
      store(verified.rawBody, verified.event, object).then(
        () => res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}'),
        () => res.writeHead(503).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface ProjectedObject {
  id: string;
  type: string;
}

// The object's type names its table, so only a plain identifier may.
function projectedObject(event: StripeEventEnvelope): ProjectedObject | null {
  const { id, object } = event.data.object;
  return typeof id === "string" && typeof object === "string" && /^[a-z_]{1,50}$/.test(object) ? { id, type: object } : null;
}
