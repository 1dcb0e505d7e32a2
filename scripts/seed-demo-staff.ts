// Creates the demo staff on the first embedded run with the emulator and prints the working demo
// logins as JSON on stdout (an empty list in any other mode). Used by the start command.
import { ensureDemoStaff } from "@/lib/auth/demo-staff";
import { ROLE_LABEL } from "@/lib/auth/roles";
import { closeDb, DatabaseLockedError } from "@/lib/db";

async function main(): Promise<void> {
  try {
    const logins = await ensureDemoStaff();
    // Roles by the names the app and the README show, not their stored keys.
    process.stdout.write(`${JSON.stringify(logins.map((login) => ({ ...login, roles: login.roles.map((role) => ROLE_LABEL[role]) })))}\n`);
  } finally {
    await closeDb();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof DatabaseLockedError ? error.message : error);
    process.exit(1);
  },
);
