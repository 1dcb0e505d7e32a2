// npx tsx scripts/faults-suite.ts [--actions 400 --rate 0.1 --postgres] — the full Stripe-faults run
// (tests/proof/faults.test.ts runs a short one in `npm test`): for each kind of fault in turn (the
// request never arrives, a 500 kept while executing, the answer lost after the work, 429, 503),
// 10 % of the emulator's POSTs fail while an agent makes `--actions` charges and refunds through the
// app's lib actions. Prints a row per kind; exits non-zero unless Stripe holds exactly one object per
// staff action, no action is stuck and every message staff saw was clear.
import { parseArgs } from "node:util";
import { runWithServerConditions } from "@/lib/stripe/script-runtime";

runWithServerConditions();

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { actions: { type: "string", default: "400" }, rate: { type: "string", default: "0.1" }, postgres: { type: "boolean" }, json: { type: "boolean" } },
    strict: true,
  });
  const { openTestbed } = await import("./proof/testbed");
  const { runFaults, formatFaultsReport } = await import("./proof/faults-engine");
  const { serverForSuites } = await import("./proof/server-for-suites");
  const server = values.postgres ? await serverForSuites() : null;
  const bed = await openTestbed(server?.url ?? null);
  try {
    const report = await runFaults(bed.stripe, bed.agent, { actionsPerKind: Number(values.actions), rate: Number(values.rate), control: bed.control });
    console.log(values.json ? JSON.stringify({ database: bed.database, ...report }) : `database: ${bed.database}\n${formatFaultsReport(report)}`);
    return report.notExactlyOnce.length === 0 && report.unclearMessages.length === 0 && report.unfinished === 0 ? 0 : 1;
  } finally {
    await bed.close();
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
