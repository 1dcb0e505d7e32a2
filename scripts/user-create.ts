// npm run user:create -- --email a@b.c --role administrator [--role developer …] [--name "Ada"] [--password "…"]
// Creates a staff account, e.g. the first Administrator of a real deployment. Without --password a
// one-time password is generated and printed once.
import { parseArgs } from "node:util";
import { z } from "zod";
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { sortedRoles, STAFF_ROLES } from "@/lib/auth/roles";
import { closeDb, DatabaseLockedError, db } from "@/lib/db";
import { runWithServerConditions } from "@/lib/stripe/script-runtime";

// Sign-in code reads sealed second-factor secrets (server-only): load it in the server condition.
runWithServerConditions();

const argsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "--email must be an email address" })),
  role: z
    .array(z.enum(STAFF_ROLES, { error: `--role must be one of ${STAFF_ROLES.join(", ")}` }), { error: "give at least one --role" })
    .min(1, { error: "give at least one --role" }),
  name: z.string().trim().min(1).max(120).optional(),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, { error: `--password must be at least ${MIN_PASSWORD_LENGTH} characters` })
    .optional(),
});

async function main(): Promise<number> {
  const { normaliseEmail } = await import("@/lib/auth/sign-in");
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string", multiple: true },
      name: { type: "string" },
      password: { type: "string" },
    },
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(issue.message);
    console.error(`usage: npm run user:create -- --email a@b.c --role ${STAFF_ROLES.join("|")} [--role …] [--name "Name"] [--password …]`);
    return 2;
  }
  const { email } = parsed.data;
  const roles = sortedRoles(parsed.data.role);
  const name = parsed.data.name ?? email.split("@")[0]!;
  const password = parsed.data.password ?? generatePassword();

  try {
    const existing = await db().staffUser.findUnique({ where: { email: normaliseEmail(email) } });
    if (existing) {
      console.error(`${email} already exists (${existing.roles.join(", ")}). Change roles in Settings → Staff.`);
      return 1;
    }
    await db().staffUser.create({
      data: { email: normaliseEmail(email), name, roles, passwordHash: await hashPassword(password) },
    });
  } catch (error) {
    if (error instanceof DatabaseLockedError) {
      console.error(error.message);
      return 1;
    }
    if (/staff_users.*does not exist/i.test(String(error))) {
      console.error("The database has no tables yet: run `npm run db:migrate` first.");
      return 1;
    }
    throw error;
  } finally {
    await closeDb();
  }

  console.log(`Created ${roles.join(" + ")} ${email} (${name}).`);
  if (!parsed.data.password) console.log(`Password (shown once): ${password}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
