// Creates the demo staff on the first embedded run with the emulator and prints the working demo
// logins as JSON on stdout (an empty list in any other mode). Used by the start command.
import { ensureDemoStaff } from "@/lib/auth/demo-staff";
import { closeDb, DatabaseLockedError } from "@/lib/db";

async function main(): Promise<void> {
  try {
    const logins = await ensureDemoStaff();
    process.stdout.write(`${JSON.stringify(logins)}\n`);
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
