import path from "node:path";

/** Where the database lives, decided only by DATABASE_URL. */
export type DatabaseTarget =
  | { kind: "pglite"; /** absolute data directory, or null for an in-memory database */ dataDir: string | null }
  | { kind: "postgres"; url: string };

export const DEFAULT_PGLITE_DIR = path.join(".data", "pglite");

/**
 * Reads a DATABASE_URL. Unset or empty means the embedded default (`.data/pglite` under the
 * working directory, which is the repo root for every command we ship); `pglite:<dir>` and
 * `pglite:memory` pick another embedded database; `postgres://` or `postgresql://` a server.
 */
export function parseDatabaseUrl(url: string | undefined, cwd: string = process.cwd()): DatabaseTarget {
  const value = url?.trim() ?? "";
  if (value === "") return { kind: "pglite", dataDir: path.resolve(cwd, DEFAULT_PGLITE_DIR) };
  if (value.startsWith("pglite:")) {
    const rest = value.slice("pglite:".length).replace(/^\/\/(?=\/)/, "");
    if (rest === "memory" || rest === "memory://") return { kind: "pglite", dataDir: null };
    if (rest === "") throw new Error("DATABASE_URL=pglite: needs a directory, e.g. pglite:.data/pglite or pglite:memory");
    return { kind: "pglite", dataDir: path.resolve(cwd, rest) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: "postgres", url: value };
  throw new Error(
    "DATABASE_URL must be unset (embedded database in .data/pglite), pglite:<dir>, pglite:memory, " +
      "or a postgres:// / postgresql:// URL",
  );
}

/** A description safe to print: no password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return target.dataDir ? `PGlite at ${target.dataDir}` : "PGlite in memory";
  try {
    const url = new URL(target.url);
    return `PostgreSQL at ${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}
