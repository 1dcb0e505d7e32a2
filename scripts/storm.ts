// npx tsx scripts/storm.ts [--events 10000] [--postgres] [--entry next|ingest] — the full webhook storm (tests/proof/storm.test.ts runs a
// short one in `npm test`). Realistic emulator traffic, delivered by the emulator shuffled and 20 %
// duplicated, 2 % forged and 1 % malformed deliveries alongside, the receiving process (the app's
// production server, `next start`, on a PGlite data directory, or with --postgres on an empty database
// of TEST_DATABASE_URL's server or a throwaway PostgreSQL 15 cluster) SIGKILLed midway and restarted on the
// same port. Needs a production build of the current sources (`npx next build`); builds nothing.
// Prints the counts; exits non-zero if anything was lost or the tables differ.
import { parseArgs } from "node:util";
import { runWithServerConditions } from "@/lib/stripe/script-runtime";

runWithServerConditions();

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { events: { type: "string", default: "10000" }, json: { type: "boolean" }, "no-same-second-updates": { type: "boolean" }, postgres: { type: "boolean" }, entry: { type: "string", default: "next" } }, strict: true });
  if (values.entry !== "next" && values.entry !== "ingest") throw new Error(`--entry must be next (the route under next start) or ingest (npm run ingest), not ${values.entry}`);
  const entry = values.entry;
  const { runStorm, formatStormReport } = await import("./proof/storm-engine");
  const { serverForSuites } = await import("./proof/server-for-suites");
  const { freshDatabaseOn } = await import("./proof/testbed");
  const server = values.postgres ? await serverForSuites() : null;
  const database = server ? await freshDatabaseOn(server.url) : null;
  try {
    const report = await runStorm({ events: Number(values.events), sameSecondUpdates: !values["no-same-second-updates"], databaseUrl: database?.url, entry, log: (line) => console.log(`· ${line}`) });
    console.log(values.json ? JSON.stringify({ database: server ? `PostgreSQL (${server.label})` : "PGlite", entry, ...report }) : `database: ${server ? `PostgreSQL (${server.label})` : "PGlite"}, entry: ${entry}\n${formatStormReport(report)}`);
    return report.lost === 0 && report.tablesEqual && report.rejected.unexpected === 0 ? 0 : 1;
  } finally {
    await database?.drop();
    server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
