import "server-only";
import { appConfig, ConfigError } from "@/lib/env";
import { stripe } from "@/lib/stripe/client";
import { alertClockNow } from "./alert-clock";
import { mailConfig } from "./mail-config";
import { scanDisputeReminders } from "./reminders";
import { sendDueAlertMail } from "./sender";
import { scanWebhookHealth } from "./webhook-health";

/**
 * The alerts' background work, started once per server process by instrumentation.ts beside the
 * webhook retry loop: the scan for disputes whose evidence is due soon (reminders.ts, about once a
 * minute), the look at Stripe's view of our webhook endpoint (webhook-health.ts, every 10 minutes)
 * and the mail outbox. Every instance may run both: reminders are keyed by their schedule
 * slot and mail rows are leased in PostgreSQL (sender.ts). ALERT_LOOP_INTERVAL_MS sets the period (default 2 s, so a dispute's mail
 * leaves within seconds; 0 turns it off).
 */

const REMINDER_SCAN_MS = 60_000;
// Two calls to Stripe per look (webhook-health.ts), so less often than the reminder scan.
const WEBHOOK_HEALTH_SCAN_MS = 10 * 60_000;

const holder = globalThis as typeof globalThis & { __ledgerlineAlertLoop?: NodeJS.Timeout };

export function startAlertLoop(): void {
  if (holder.__ledgerlineAlertLoop) return;
  const configured = Number(process.env.ALERT_LOOP_INTERVAL_MS ?? 2_000);
  if (!Number.isFinite(configured) || configured <= 0) return;
  // A mistyped SMTP_URL stops the server at start, like the rest of the configuration (lib/env.ts).
  try {
    mailConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Ledgerline cannot start. ${error.message}\nSee .env.example for every variable.`);
    process.exit(1);
  }
  if (!process.env.SMTP_URL?.trim()) console.warn("[alerts] SMTP_URL is not set: alert mail waits in the outbox until it is (see .env.example)");
  let running = false;
  let lastProblem = "";
  let lastScan = 0;
  let lastHealthScan = 0;
  holder.__ledgerlineAlertLoop = setInterval(() => {
    if (running) return;
    running = true;
    // Only paces the scan: a scan twice, or on several instances, raises each reminder once.
    const scan = Date.now() - lastScan >= REMINDER_SCAN_MS;
    if (scan) lastScan = Date.now();
    const healthScan = Date.now() - lastHealthScan >= WEBHOOK_HEALTH_SCAN_MS;
    if (healthScan) lastHealthScan = Date.now();
    let now = new Date();
    alertClockNow(emulatorClock())
      .then((clock) => {
        now = clock;
        return scan ? scanDisputeReminders(now) : 0;
      })
      // Stripe unreachable must not hold the mail back: logged, and looked at again in 10 minutes.
      .then(() => (healthScan ? scanWebhookHealth(stripe(), now).catch((error: unknown) => console.error(`[alerts] webhook health: ${error instanceof Error ? error.message : String(error)}`)) : null))
      .then(() => sendDueAlertMail({ now }))
      .then((mail) => {
        lastProblem = "";
        if (mail.retrying + mail.failed > 0) console.log(`[alerts] mail: ${mail.sent} sent, ${mail.retrying} to retry, ${mail.failed} failed for good`);
      })
      .catch((error: unknown) => {
        const problem = error instanceof Error ? error.message.split("\n")[0]! : String(error);
        if (problem !== lastProblem) console.error(`[alerts] loop: ${problem}`);
        lastProblem = problem;
      })
      .finally(() => {
        running = false;
      });
  }, configured);
  holder.__ledgerlineAlertLoop.unref();
}

/** The emulator whose clock the loop follows (alert-clock.ts); none with a real Stripe key. */
function emulatorClock(): { url: string; secretKey: string } | null {
  const { stripe: config } = appConfig();
  return config.mode === "emulator" && config.secretKey ? { url: config.emulatorUrl, secretKey: config.secretKey } : null;
}
