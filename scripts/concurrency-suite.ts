// npx tsx scripts/concurrency-suite.ts [--submissions 20 --events 2000 --no-same-second-updates] — the full concurrency proofs
// (tests/proof/concurrency.test.ts runs short ones in `npm test` and CI's PostgreSQL pass):
//  · N simultaneous submissions of one refund form → one refund; N separate full-refund forms → one;
//  · two app instances (`next start`, each on its own port) on one PostgreSQL database, each receiving
//    every event of one shuffled, duplicated stream → one effect per event, tables as in-order delivery;
//    then the same with two standalone ingest servers (`npm run ingest`).
// PostgreSQL: TEST_DATABASE_URL, or a throwaway PostgreSQL 15 cluster started for the run.
// Needs a production build of the current sources (`npx next build`); builds nothing.
import { parseArgs } from "node:util";
import { runWithServerConditions } from "@/lib/stripe/script-runtime";

runWithServerConditions();

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { submissions: { type: "string", default: "20" }, events: { type: "string", default: "2000" }, json: { type: "boolean" }, "no-same-second-updates": { type: "boolean" } }, strict: true });
  const { openTestbed } = await import("./proof/testbed");
  const { refundStampede, twoInstancesOnePostgres } = await import("./proof/concurrency-engine");
  const { serverForSuites } = await import("./proof/server-for-suites");
  const server = await serverForSuites();
  console.log(`PostgreSQL: ${server.label}`);
  let ok = true;
  const results: Record<string, unknown> = {};
  try {
    for (const database of ["PGlite", "PostgreSQL"] as const) {
      const bed = await openTestbed(database === "PGlite" ? null : server.url);
      try {
        for (const sameForm of [true, false]) {
          const r = await refundStampede(bed.stripe, bed.agent, Number(values.submissions), sameForm);
          results[`${database} ${sameForm ? "same form" : "separate forms"}`] = r;
          console.log(`${database}: ${r.submissions} simultaneous ${sameForm ? "submissions of one refund form" : "full refunds from separate forms"} → ${r.refundsAtStripe} refund at Stripe, ${r.succeeded} told it succeeded, in ${r.ms} ms; messages: ${r.messages.join(" | ")}`);
          ok &&= r.refundsAtStripe === 1;
        }
      } finally {
        await bed.close();
      }
    }
    for (const entry of ["next", "ingest"] as const) {
      const two = await twoInstancesOnePostgres(server.url, Number(values.events), (line) => console.log(`· ${line}`), {
        sameSecondUpdates: !values["no-same-second-updates"],
      }, entry);
      results[`twoInstances ${entry}`] = two;
      console.log(
        `two instances of ${entry === "next" ? "next start" : "npm run ingest"}, one PostgreSQL: ${two.events} events, ${two.deliveries} deliveries (${JSON.stringify(two.failedAttempts)} failed), ` +
          `${two.eventsStored} stored, ${two.projectedTwice} projected twice, ${two.lost} lost, tables equal to in-order delivery: ${two.tablesEqual ? "yes" : `NO (${two.differences.join(", ")})`}, ${two.seconds} s`,
      );
      ok &&= two.lost === 0 && two.projectedTwice === 0 && two.tablesEqual;
    }
    if (values.json) console.log(JSON.stringify(results));
  } finally {
    server.stop();
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
