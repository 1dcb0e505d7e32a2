// What the proof suites and the page benchmark start the app from: a production build of the current
// sources, checked first, and the entry point a suite delivers to (the app under `next start`, or the
// standalone ingest server), both started by app-process.ts.
import { productionBuildState } from "../../scripts/lib/run.mjs";
import { startIngestApp, startNextApp, type AppProcess } from "./app-process";

/** Throws, saying what to run, unless .next holds a build of the current sources. */
export function requireProductionBuild(): void {
  const state = productionBuildState();
  if (state === "fresh") return;
  const problem =
    state === "missing"
      ? "there is no production build in .next"
      : "the production build in .next is older than the sources (app/, components/, lib/, … changed since it was made)";
  throw new Error(
    `The proof suites run the real server (\`next start\`), but ${problem}. ` +
      "Run `npx next build` first (npm test builds before its tests).",
  );
}

export type Entry = "next" | "ingest";

/** The entry point a suite delivers to: the app's route under `next start`, or the standalone server. */
export function startEntry(entry: Entry): (env: Record<string, string>, port?: number) => Promise<AppProcess> {
  if (entry === "next") requireProductionBuild();
  return entry === "next" ? startNextApp : startIngestApp;
}

export const ENTRY_LABEL: Readonly<Record<Entry, string>> = { next: "next start", ingest: "the standalone ingest server" };
