// The PostgreSQL server the full suites use: TEST_DATABASE_URL when set, otherwise a throwaway
// PostgreSQL 15 cluster started for the run and removed after it.
import { startThrowawayPostgres } from "./postgres-cluster";

export async function serverForSuites(): Promise<{ url: string; stop(): void; label: string }> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) return { url: given, stop: () => undefined, label: "TEST_DATABASE_URL" };
  const cluster = await startThrowawayPostgres();
  return { url: cluster.url, stop: () => cluster.stop(), label: "a throwaway PostgreSQL 15 cluster" };
}
