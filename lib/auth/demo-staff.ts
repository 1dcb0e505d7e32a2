import { db } from "@/lib/db";
import { appConfig } from "@/lib/env";
import { hashPassword, verifyPassword } from "./password";
import type { StaffRole } from "./roles";

/**
 * The three demo accounts of the embedded mode, so a fresh clone can be explored at once. They are
 * created on the first run only: deleting or changing them later is respected.
 */

export interface DemoLogin {
  email: string;
  password: string;
  role: StaffRole;
}

const DEMO_STAFF: ReadonlyArray<DemoLogin & { name: string }> = [
  { email: "admin@ledgerline.test", name: "Ada Admin", role: "admin", password: "demo-admin-password" },
  { email: "agent@ledgerline.test", name: "Alex Agent", role: "agent", password: "demo-agent-password" },
  { email: "viewer@ledgerline.test", name: "Vic Viewer", role: "viewer", password: "demo-viewer-password" },
];

/** Accounts whose passwords are published in the README; none may exist on a live deployment. */
export const DEMO_STAFF_EMAILS = DEMO_STAFF.map((demo) => demo.email);

const SEEDED_KEY = "demo.staff_seeded_at";

/**
 * Creates the demo staff on the first embedded run and returns the demo logins that still work
 * (so the start command can print them on every run). Returns nothing outside embedded mode:
 * a real deployment never gets accounts with published passwords.
 */
export async function ensureDemoStaff(options: { embedded?: boolean } = {}): Promise<DemoLogin[]> {
  const embedded = options.embedded ?? appConfig().embedded;
  if (!embedded) return [];

  const seeded = await db().setting.findUnique({ where: { key: SEEDED_KEY } });
  if (!seeded) {
    for (const demo of DEMO_STAFF) {
      const passwordHash = await hashPassword(demo.password);
      await db().staffUser.upsert({
        where: { email: demo.email },
        create: { email: demo.email, name: demo.name, role: demo.role, passwordHash },
        update: {},
      });
    }
    await db().setting.create({ data: { key: SEEDED_KEY, value: new Date().toISOString() } });
  }

  const logins: DemoLogin[] = [];
  for (const demo of DEMO_STAFF) {
    const staff = await db().staffUser.findUnique({ where: { email: demo.email } });
    if (staff && !staff.disabledAt && (await verifyPassword(demo.password, staff.passwordHash))) {
      logins.push({ email: demo.email, password: demo.password, role: staff.role });
    }
  }
  return logins;
}
