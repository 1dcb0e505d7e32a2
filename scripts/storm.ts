// npx tsx scripts/storm.ts [--events 10000] [--postgres] [--entry next|ingest] [--smtp-refusing [seconds]] — the full webhook storm (tests/proof/storm.test.ts runs a
// short one in `npm test`). Realistic emulator traffic, delivered by the emulator shuffled and 20 %
// duplicated, 2 % forged and 1 % malformed deliveries alongside, the receiving process (the app's
// production server, `next start`, on a PGlite data directory, or with --postgres on an empty database
// of TEST_DATABASE_URL's server or a throwaway PostgreSQL 15 cluster) SIGKILLed midway and restarted on the
// same port. Needs a production build of the current sources (`npx next build`); builds nothing.
// --smtp-refusing adds three staff and a local SMTP server that, once a quarter of the events are in,
// refuses every alert mail with a 451 for 30 s (or the seconds given) and until 10 attempts were
// refused (at most 5 min), then accepts: every alert the rules call for must be raised and its mail
// accepted exactly once (scripts/proof/storm-alerts.ts).
// Prints the counts; exits non-zero if anything was lost or doubled or the tables differ.
import { parseArgs } from "node:util";
import { runWithServerConditions } from "@/lib/stripe/script-runtime";

runWithServerConditions();

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { events: { type: "string", default: "10000" }, json: { type: "boolean" }, "no-same-second-updates": { type: "boolean" }, postgres: { type: "boolean" }, entry: { type: "string", default: "next" }, "smtp-refusing": { type: "string" } }, strict: true, args: withDefaultRefusal(process.argv.slice(2)) });
  if (values.entry !== "next" && values.entry !== "ingest") throw new Error(`--entry must be next (the route under next start) or ingest (npm run ingest), not ${values.entry}`);
  const entry = values.entry;
  const refusing = values["smtp-refusing"];
  if (refusing !== undefined && !/^\d+$/.test(refusing)) throw new Error(`--smtp-refusing takes whole seconds, not "${refusing}"`);
  // Alert mail is sent by the app's own loop (instrumentation.ts); the ingest server only raises alerts.
  if (refusing !== undefined && entry === "ingest") throw new Error("--smtp-refusing needs --entry next: the ingest server sends no mail");
  const { runStorm, formatStormReport } = await import("./proof/storm-engine");
  const { serverForSuites } = await import("./proof/server-for-suites");
  const { freshDatabaseOn } = await import("./proof/testbed");
  const server = values.postgres ? await serverForSuites() : null;
  const database = server ? await freshDatabaseOn(server.url) : null;
  try {
    const report = await runStorm({ events: Number(values.events), sameSecondUpdates: !values["no-same-second-updates"], databaseUrl: database?.url, entry, smtpRefusingMs: refusing === undefined ? undefined : Number(refusing) * 1000, log: (line) => console.log(`· ${line}`) });
    console.log(values.json ? JSON.stringify({ database: server ? `PostgreSQL (${server.label})` : "PGlite", entry, ...report }) : `database: ${server ? `PostgreSQL (${server.label})` : "PGlite"}, entry: ${entry}\n${formatStormReport(report)}`);
    const mail = report.alertMail;
    const mailExact = !mail || (mail.alertsMissing === 0 && mail.alertsExtra === 0 && mail.lostMails === 0 && mail.duplicateMails === 0 && mail.mailsDelivered === mail.mailsExpected);
    return report.lost === 0 && report.tablesEqual && report.rejected.unexpected === 0 && mailExact ? 0 : 1;
  } finally {
    await database?.drop();
    server?.stop();
  }
}

/** `--smtp-refusing` alone means 30 s: parseArgs needs a value for a string option. */
function withDefaultRefusal(args: string[]): string[] {
  return args.flatMap((arg, i) => (arg === "--smtp-refusing" && (args[i + 1] === undefined || args[i + 1]!.startsWith("--")) ? [arg, "30"] : [arg]));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
