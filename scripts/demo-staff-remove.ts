// Removes the demo staff accounts (published passwords) before a deployment uses live Stripe keys:
// deleted, or disabled with an unknown password where they have history. Safe to run again.
import { removeDemoStaff } from "@/lib/auth/demo-staff";
import { closeDb, DatabaseLockedError } from "@/lib/db";

async function main(): Promise<void> {
  try {
    const done = await removeDemoStaff();
    if (done.length === 0) console.log("No demo staff accounts exist.");
    for (const { email, outcome } of done) {
      console.log(outcome === "deleted" ? `Deleted ${email}.` : `Disabled ${email} (it has history to keep) and replaced its password.`);
    }
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
