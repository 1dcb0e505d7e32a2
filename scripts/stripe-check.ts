// npm run stripe:check [-- --url https://dashboard.example.com]
// Is this deployment ready for Stripe as it really is? Checks the keys and their mode, a restricted
// key's permissions, the webhook endpoint at this deployment's URL (enabled, pinned version, exactly
// the needed events), the signing secret, the last event, and what must never go live (an http URL,
// demo data). One line per check; exits 1 if any line is an error. Writes nothing, to Stripe or here.
import { parseArgs } from "node:util";
import { runStripeCommand } from "@/lib/stripe/script-runtime";

const MARK = { ok: "ok     ", warning: "warning", error: "ERROR  " } as const;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { url: { type: "string" } }, strict: true });
  const { checkStripeReadiness } = await import("@/lib/readiness/readiness");
  const lines = await checkStripeReadiness({ appUrl: values.url });
  for (const line of lines) console.log(`${MARK[line.status]}  ${line.title}: ${line.message}`);
  const errors = lines.filter((l) => l.status === "error").length;
  console.log(errors === 0 ? "\nReady." : `\n${errors} problem${errors === 1 ? "" : "s"} to fix before going live.`);
  return errors === 0 ? 0 : 1;
}

runStripeCommand(main, { whileAppRuns: "Use Settings → Stripe readiness in the running app instead." });
