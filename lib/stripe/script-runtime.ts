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
