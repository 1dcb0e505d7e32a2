// Types for run.mjs, which stays plain JavaScript (it runs before `npm ci`) but is also imported by
// the TypeScript proof suites.
import type { ChildProcess } from "node:child_process";

export const root: string;
export const baseEnv: NodeJS.ProcessEnv;
export function run(command: string, args: string[], options?: { env?: NodeJS.ProcessEnv; quiet?: boolean }): Promise<string>;
export function ensureInstalled(): Promise<void>;
export function ensurePrismaClient(): Promise<void>;
export function ensureBuilt(): Promise<void>;
export function productionBuildState(): "missing" | "stale" | "fresh";
export function waitForUrl(url: string, options?: { timeoutMs?: number; process?: ChildProcess }): Promise<void>;
