import { db } from "@/lib/db";
import { randomBytes } from "node:crypto";
import { appConfig } from "@/lib/env";
import type { StripeMode } from "@/lib/stripe/mode";
import { hashPassword, verifyPassword } from "./password";
import { sortedRoles, type StaffRole } from "./roles";

/**
 * The demo accounts of the embedded mode with the Stripe emulator, so a fresh clone can be
 * explored at once. Their passwords are published (README, the start command's output), so they
 * exist only while the app talks to the emulator: they are never created with real Stripe keys, and
 * with live keys the app refuses to start while any of them can still sign in. They are created on
 * the first run only: deleting or changing them later is respected.
 */

export interface DemoLogin {
  email: string;
  password: string;
  roles: StaffRole[];
}

// The first three keep the addresses they had as admin / agent / viewer, with the roles the
// migration gave those (an earlier run's accounts must still be recognised as demo accounts).
const DEMO_STAFF: ReadonlyArray<DemoLogin & { name: string }> = [
  { email: "admin@ledgerline.test", name: "Ada Admin", roles: ["administrator"], password: "demo-admin-password" },
  { email: "agent@ledgerline.test", name: "Alex Agent", roles: ["support_specialist", "refund_analyst", "dispute_analyst"], password: "demo-agent-password" },
  { email: "viewer@ledgerline.test", name: "Vic Viewer", roles: ["view_only"], password: "demo-viewer-password" },
  { email: "developer@ledgerline.test", name: "Dev Developer", roles: ["developer"], password: "demo-developer-password" },
  { email: "analyst@ledgerline.test", name: "Ana Analyst", roles: ["analyst"], password: "demo-analyst-password" },
];

/** Accounts whose passwords are published in the README; none may exist on a live deployment. */
export const DEMO_STAFF_EMAILS = DEMO_STAFF.map((demo) => demo.email);

const SEEDED_KEY = "demo.staff_seeded_at";

export interface DemoStaffMode {
  embedded: boolean;
  stripeMode: StripeMode;
}

function currentMode(): DemoStaffMode {
  const config = appConfig();
  return { embedded: config.embedded, stripeMode: config.stripe.mode };
}

/**
 * Creates the demo staff on the first embedded run against the emulator and returns the demo
 * logins that still work (so the start command can print them on every run). Returns nothing in
 * any other mode: a deployment with Stripe keys never gets accounts with published passwords.
 */
export async function ensureDemoStaff(mode: DemoStaffMode = currentMode()): Promise<DemoLogin[]> {
  if (!mode.embedded || mode.stripeMode !== "emulator") return [];

  const seeded = await db().setting.findUnique({ where: { key: SEEDED_KEY } });
  if (!seeded) {
    for (const demo of DEMO_STAFF) {
      const passwordHash = await hashPassword(demo.password);
      await db().staffUser.upsert({
        where: { email: demo.email },
        create: { email: demo.email, name: demo.name, roles: demo.roles, passwordHash },
        update: {},
      });
    }
    await db().setting.create({ data: { key: SEEDED_KEY, value: new Date().toISOString() } });
  }

  const logins: DemoLogin[] = [];
  for (const demo of DEMO_STAFF) {
    const staff = await db().staffUser.findUnique({ where: { email: demo.email } });
    if (staff && !staff.disabledAt && (await verifyPassword(demo.password, staff.passwordHash))) {
      logins.push({ email: demo.email, password: demo.password, roles: sortedRoles(staff.roles) });
    }
  }
  return logins;
}

export const REMOVE_DEMO_STAFF_COMMAND = "npm run demo-staff:remove";

/**
 * Why the app must not start, or null. With live keys a demo account that is not disabled is a
 * published password on an account that moves real money, whatever its password is now (the demo
 * admin can make more staff).
 */
export async function demoStaffBlockingStart(mode: DemoStaffMode = currentMode()): Promise<string | null> {
  if (mode.stripeMode !== "live") return null;
  const active = await db().staffUser.findMany({
    where: { email: { in: DEMO_STAFF.map((d) => d.email) }, disabledAt: null },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  if (active.length === 0) return null;
  return (
    `the demo staff accounts (${active.map((a) => a.email).join(", ")}), whose passwords are published, still exist ` +
    `and this deployment uses live Stripe keys. Remove them with \`${REMOVE_DEMO_STAFF_COMMAND}\` (with the same DATABASE_URL), ` +
    `then start again.`
  );
}

/**
 * Deletes the demo accounts; one with history (audit rows, links, files that must keep naming who) is disabled
 * instead and its password replaced by one nobody knows. Returns what was done to each.
 */
export async function removeDemoStaff(): Promise<Array<{ email: string; outcome: "deleted" | "disabled" }>> {
  const done: Array<{ email: string; outcome: "deleted" | "disabled" }> = [];
  for (const demo of DEMO_STAFF) {
    const staff = await db().staffUser.findUnique({
      where: { email: demo.email },
      select: { id: true, _count: { select: { actions: true, customerLinks: true, evidenceFiles: true } } },
    });
    if (!staff) continue;
    if (staff._count.actions + staff._count.customerLinks + staff._count.evidenceFiles === 0) {
      await db().staffUser.delete({ where: { id: staff.id } });
      done.push({ email: demo.email, outcome: "deleted" });
    } else {
      const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
      await db().staffUser.update({ where: { id: staff.id }, data: { disabledAt: new Date(), passwordHash } });
      done.push({ email: demo.email, outcome: "disabled" });
    }
  }
  return done;
}

/** For server start-up, like exitOnInvalidConfig: a live deployment with demo staff stops at once. */
export async function exitIfDemoStaffWithLiveKeys(): Promise<void> {
  const problem = await demoStaffBlockingStart();
  if (!problem) return;
  console.error(`Ledgerline cannot start: ${problem}`);
  process.exit(1);
}
