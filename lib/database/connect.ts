import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

import { PrismaClient } from "../generated/prisma/client";
import { acquirePgliteLock, releasePgliteLock } from "./pglite-lock";
import { pgDriverTransactions, pgliteDriverTransactions, type DriverTransactions } from "./sql-transaction";
import type { DatabaseTarget } from "./target";
import { withWholeScripts } from "./whole-script";

/**
 * One open database: the Prisma client the app uses, and the driver-adapter factory over the same
 * connection(s), which migrations hand to Prisma's schema engine (with scripts run whole, see
 * whole-script.ts). For an in-memory PGlite the two must share one instance, or the client would
 * see an empty database.
 */
export interface DatabaseConnection {
  readonly target: DatabaseTarget;
  readonly client: PrismaClient;
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * A transaction straight on the driver under the client, in raw SQL: for a hot path (webhook
   * group commit) that pays for each statement Prisma's engine would add round trips and work to.
   */
  readonly driverTransaction: DriverTransactions;
  close(): Promise<void>;
}

/**
 * Opens a database without touching it: PGlite and the pg pool both connect on the first query.
 * For a PGlite data directory the process lock is taken here, so a second process fails at once
 * with DatabaseLockedError instead of corrupting the files.
 */
export function openDatabase(target: DatabaseTarget): DatabaseConnection {
  return target.kind === "pglite" ? openPglite(target.dataDir) : openPostgres(target);
}

function openPglite(dataDir: string | null): DatabaseConnection {
  if (dataDir) acquirePgliteLock(dataDir);
  let pglite: PGlite;
  try {
    pglite = dataDir ? new PGlite(dataDir) : new PGlite();
  } catch (error) {
    if (dataDir) releasePgliteLock(dataDir);
    throw error;
  }
  // The adapter is typed against its own copy of @prisma/driver-adapter-utils; the runtime
  // contract is the same.
  const clientFactory = new PrismaPGlite(pglite) as unknown as SqlMigrationAwareDriverAdapterFactory;
  const adapterFactory = withWholeScripts(clientFactory, "pglite");
  // PGlite runs one transaction at a time, so concurrent transactions queue: the default 2 s
  // maxWait fails them under load (20 concurrent webhook deliveries), though each is short.
  const client = new PrismaClient({ adapter: clientFactory, transactionOptions: { maxWait: 60_000, timeout: 15_000 } });
  return {
    target: { kind: "pglite", dataDir },
    client,
    adapterFactory,
    driverTransaction: pgliteDriverTransactions(pglite),
    close: once(async () => {
      try {
        await client.$disconnect();
        if (!pglite.closed) await pglite.close();
      } finally {
        if (dataDir) releasePgliteLock(dataDir);
      }
    }),
  };
}

function openPostgres(target: Extract<DatabaseTarget, { kind: "postgres" }>): DatabaseConnection {
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  reportLostConnections(pool);
  // Waiting for a free pooled connection may take longer than Prisma's default 2 s under bursts.
  const client = new PrismaClient({
    adapter: new PrismaPg(pool),
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
  return {
    target,
    client,
    adapterFactory: withWholeScripts(migrationSessions(target.url), "postgres"),
    driverTransaction: pgDriverTransactions(pool),
    close: once(async () => {
      await client.$disconnect();
      await pool.end();
    }),
  };
}

// An idle connection dropped by a server restart or a network blip emits "error" on its pool;
// unhandled, that would crash the process. The next query reconnects or fails on its own.
function reportLostConnections(pool: pg.Pool): void {
  pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
}

/**
 * Each schema-engine run gets one connection of its own, ended when the run is disposed. The
 * engine takes a session-level advisory lock so that instances migrating at once take turns; it
 * never unlocks, relying on the session ending, and through a shared pool the lock would stay
 * held by an idle pooled connection.
 */
function migrationSessions(url: string): SqlMigrationAwareDriverAdapterFactory {
  const shadow = new PrismaPg({ connectionString: url });
  return {
    provider: shadow.provider,
    adapterName: shadow.adapterName,
    connect: async () => {
      const session = new pg.Pool({ connectionString: url, max: 1 });
      reportLostConnections(session);
      const adapter = await new PrismaPg(session).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await session.end();
      };
      return adapter;
    },
    connectToShadowDb: () => shadow.connectToShadowDb(),
  };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= fn());
}
