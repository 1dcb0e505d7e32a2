// A throwaway PostgreSQL 15 cluster for the full suites when TEST_DATABASE_URL is not given: the
// Debian server binaries, run as the postgres user, in a fresh temporary directory, on a free
// loopback port. Removed on stop().
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../tests/support/ports";

const BIN = "/usr/lib/postgresql/15/bin";

export interface Cluster {
  url: string;
  stop(): void;
}

export async function startThrowawayPostgres(): Promise<Cluster> {
  if (!existsSync(`${BIN}/initdb`)) throw new Error(`PostgreSQL 15 is not installed (${BIN}); apt-get install postgresql-15, or set TEST_DATABASE_URL`);
  const dir = mkdtempSync(path.join(tmpdir(), "ledgerline-pg-"));
  const port = await freePort();
  const asPostgres = (command: string) => {
    const root = process.getuid?.() === 0;
    execFileSync(root ? "su" : "sh", root ? ["postgres", "-s", "/bin/sh", "-c", command] : ["-c", command], { stdio: "pipe" });
  };
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  asPostgres(`${BIN}/initdb -D '${dir}/data' -U postgres -A trust --no-sync >/dev/null`);
  asPostgres(`${BIN}/pg_ctl -D '${dir}/data' -l '${dir}/log' -w -o "-p ${port} -k '${dir}' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null`);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        asPostgres(`${BIN}/pg_ctl -D '${dir}/data' -m fast stop >/dev/null`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
