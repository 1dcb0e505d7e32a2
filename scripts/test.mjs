// `npm test`: every check the project has — typecheck, lint, the production build, unit and
// integration tests on an in-memory PGlite (the proof suites among them run the built app under
// `next start`), then the end-to-end suites in Chromium. Runs every step even after a failure, then
// prints one summary line and exits non-zero if anything failed.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { baseEnv, ensureBuilt, ensureInstalled, ensurePrismaClient, root, run } from "./lib/run.mjs";

const reports = mkdtempSync(join(tmpdir(), "ledgerline-test-"));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
// Named again at the very end, where a log cut to its last lines still shows them.
const failedTests = [];

async function step(name, action) {
  const started = Date.now();
  const failuresBefore = totals.failed;
  console.log(`\n── ${name}`);
  try {
    await action();
    console.log(`── ${name}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failedSteps.push(name);
    // A step that fails without a failing test (typecheck, lint, build, a crashed runner) still counts.
    if (totals.failed === failuresBefore) totals.failed += 1;
    console.log(`── ${name}: FAILED (${error.message})`);
  }
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  for (const file of report.testResults) {
    for (const test of file.assertionResults) {
      if (test.status === "failed") failedTests.push(`${relative(root, file.name)} › ${test.fullName}`);
    }
    // A file that failed to load has no tests to name.
    if (file.status === "failed" && file.assertionResults.every((test) => test.status !== "failed")) {
      failedTests.push(`${relative(root, file.name)}: ${String(file.message ?? "failed").split("\n")[0]}`);
    }
  }
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status === "unexpected") failedTests.push(`${spec.file}:${spec.line} › ${[...titles, spec.title].join(" › ")}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, child.file === child.title ? titles : [...titles, child.title]);
  };
  for (const suite of JSON.parse(readFileSync(file, "utf8")).suites ?? []) walk(suite, []);
}

async function playwright(config, name, { specs = [], env = {} } = {}) {
  const output = join(reports, `${name}.json`);
  try {
    await run("npx", ["playwright", "test", "--config", config, "--reporter=list,json", ...specs], {
      env: { ...baseEnv, ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: output },
    });
  } finally {
    countPlaywright(output);
  }
}

await ensureInstalled();
await ensurePrismaClient();

await step("typecheck", () => run("npx", ["tsc", "--noEmit"]));
await step("lint", () => run("npm", ["run", "--silent", "lint"]));
await step("production build", () => ensureBuilt());
await step("unit and integration tests (vitest)", async () => {
  const output = join(reports, "vitest.json");
  try {
    await run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${output}`]);
  } finally {
    countVitest(output);
  }
});
await step("end-to-end tests (Chromium)", () => playwright("playwright.config.ts", "e2e"));
// Again with a restricted key holding exactly the permissions the README documents, so a flow that
// needs more fails here. The money and pages specs cover every Stripe call the app makes; the
// others (sign-in, security headers) make none, and leaving them out keeps CI's time down.
await step("end-to-end tests with the documented restricted key", () =>
  playwright("playwright.config.ts", "e2e-restricted", { specs: ["e2e/money.spec.ts", "e2e/pages.spec.ts"], env: { E2E_STRIPE_KEY: "restricted" } }));
if (existsSync(join(root, "emulator", "stripejs", "playwright.config.ts"))) {
  await step("Stripe.js stand-in in Chromium", () => playwright("emulator/stripejs/playwright.config.ts", "stripejs"));
}

if (failedTests.length > 0) console.log(`\nFailed tests:\n${failedTests.map((name) => `  ${name}`).join("\n")}`);
if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(", ")}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 ? 1 : 0);
