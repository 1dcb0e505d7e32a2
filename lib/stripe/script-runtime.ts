import { spawnSync } from "node:child_process";

/**
 * Command-line entry points reuse lib/ modules marked `server-only`, which refuse to load outside
 * React's server runtime unless Node resolves the `react-server` condition. `npx tsx script.ts`
 * does not set it, so a script calls this first: it re-runs itself once with the condition and
 * exits with the child's status. Returns only in the process that has the condition.
 */
export function runWithServerConditions(): void {
  const flags = `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`;
  if (flags.includes("react-server")) return;
  const result = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim() },
  });
  process.exit(result.status ?? 1);
}

/**
 * The run of a command that works on the database and Stripe: re-runs itself with the server
 * condition, runs `work`, closes the database and exits with its code. A database held by the
 * running app, or a refusal from Stripe, ends in one clear line (with `whileAppRuns` saying what to
 * do instead) and exit code 1.
 */
export function runStripeCommand(work: () => Promise<number>, options: { whileAppRuns?: string } = {}): void {
  runWithServerConditions();
  void (async () => {
    const { closeDb, DatabaseLockedError } = await import("@/lib/db");
    const { describeStripeError } = await import("@/lib/stripe/errors");
    let code = 1;
    try {
      code = await work();
    } catch (error) {
      if (error instanceof DatabaseLockedError) console.error(options.whileAppRuns ? `${error.message}\n${options.whileAppRuns}` : error.message);
      else if (error instanceof Error && "type" in error) console.error(`Stripe refused: ${describeStripeError(error).message}`);
      else console.error(error instanceof Error ? error.message : error);
    } finally {
      await closeDb();
    }
    process.exit(code);
  })();
}
