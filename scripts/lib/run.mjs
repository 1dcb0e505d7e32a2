// Process helpers shared by the start and test commands, and the production-build check of the
// proof suites that run `next start`. Plain JavaScript: these run before `npm ci`, so they may use
// nothing but Node itself.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const root = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

export const baseEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
};

/** Runs a command to completion, streaming its output; rejects on a non-zero exit. */
export function run(command, args, { env = baseEnv, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve(output);
      else {
        if (quiet) process.stderr.write(output);
        reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`));
      }
    });
  });
}

/** Installs dependencies when node_modules is missing or older than the lock file. */
export async function ensureInstalled() {
  const marker = join(root, "node_modules", ".package-lock.json");
  const lock = join(root, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log("Installing dependencies (npm ci)…");
  await run("npm", ["ci", "--no-audit", "--no-fund"]);
}

/** Generates the Prisma client when the schema changed since the last generation. */
export async function ensurePrismaClient() {
  const schema = readFileSync(join(root, "prisma", "schema.prisma"));
  const stamp = join(root, "lib", "generated", "prisma", ".schema-hash");
  const hash = createHash("sha256").update(schema).digest("hex");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash) return;
  await run("npm", ["run", "--silent", "db:generate"], { quiet: true });
  writeFileSync(stamp, hash);
}

const buildInputs = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.js",
  "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

/** The build inputs' digest, and when the most recently changed of them last changed. */
function buildSources() {
  const hash = createHash("sha256");
  let newestMs = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name === "generated" || name === "node_modules" || name.endsWith(".test.ts")) continue;
        visit(join(path, name));
      }
    } else {
      hash.update(path).update(readFileSync(path));
      newestMs = Math.max(newestMs, stat.mtimeMs);
    }
  };
  for (const input of buildInputs) visit(join(root, input));
  return { digest: hash.digest("hex"), newestMs };
}

const buildIdFile = join(root, ".next", "BUILD_ID");
const sourceStamp = join(root, ".next", ".source-hash");
const stampMatches = (digest) => existsSync(sourceStamp) && readFileSync(sourceStamp, "utf8") === digest;

/** Builds the app unless the last build was made from the same sources. */
export async function ensureBuilt() {
  // Hashed before building: a source edited during the build makes the next check build again.
  const { digest } = buildSources();
  if (existsSync(buildIdFile) && stampMatches(digest)) return;
  console.log("Building the app (next build)…");
  await run("npx", ["next", "build"]);
  writeFileSync(sourceStamp, digest);
}

/**
 * Whether .next holds a production build of the current sources, without building: "missing",
 * "stale" or "fresh". Fresh when ensureBuilt stamped it for these exact sources, or when it was
 * made after the last change to any of them (a plain `next build`, which leaves no stamp).
 */
export function productionBuildState() {
  if (!existsSync(buildIdFile)) return "missing";
  const { digest, newestMs } = buildSources();
  return stampMatches(digest) || statSync(buildIdFile).mtimeMs >= newestMs ? "fresh" : "stale";
}

/** Polls a URL until it answers (any HTTP status) or the deadline passes. */
export async function waitForUrl(url, { timeoutMs = 60_000, process: child } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
