// Editing a customer's name, email, phone and metadata: through Stripe, under the key of a staff
// action stored first (runStaffAction), like every other write. The limits are Stripe's own
// (emulator/README.md's fidelity table), checked here first so a person reads which field is wrong.
import { z } from "zod";
import { actionIdSchema, refuseUnlessAllowed, runStaffAction, type StaffActor } from "@/lib/audit/staff-action";
import { invalidFields, refused, type ActionResult } from "@/lib/audit/result";
import { db } from "@/lib/db";
import { stripe } from "@/lib/stripe/client";

const MAX_METADATA_KEYS = 50;

/** "key: value" lines into pairs, or why a line cannot be read. Blank lines are skipped. */
function readMetadata(text: string, context: z.RefinementCtx): Record<string, string> {
  const pairs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const at = index + 1;
    const colon = line.indexOf(":");
    const problem =
      colon <= 0
        ? `Write each metadata line as key: value (line ${at} has no colon).`
        : line.slice(0, colon).trim().length > 40
          ? `Metadata keys have at most 40 characters (line ${at}).`
          : /[[\]]/.test(line.slice(0, colon))
            ? `Metadata keys cannot hold [ or ] (line ${at}).`
            : line.slice(colon + 1).trim().length > 500
              ? `Metadata values have at most 500 characters (line ${at}).`
              : Object.hasOwn(pairs, line.slice(0, colon).trim())
                ? `The key ${line.slice(0, colon).trim()} is there twice (line ${at}).`
                : null;
    if (problem) {
      context.addIssue({ code: "custom", message: problem });
      return pairs;
    }
    pairs[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  if (Object.keys(pairs).length > MAX_METADATA_KEYS) context.addIssue({ code: "custom", message: `Metadata has at most ${MAX_METADATA_KEYS} keys.` });
  return pairs;
}

export const editCustomerSchema = z.object({
  actionId: actionIdSchema,
  customerId: z.string().trim().regex(/^cus_[A-Za-z0-9]+$/, { error: "Unknown customer." }),
  name: z.string().trim().min(1, { error: "Enter the customer's name." }).max(256, { error: "Keep the name to 256 characters." }),
  email: z.string().trim().toLowerCase().max(512, { error: "Keep the email to 512 characters." }).pipe(z.email({ error: "Enter a valid email address." })),
  phone: z
    .string()
    .trim()
    .max(20, { error: "Keep the phone number to 20 characters." })
    .regex(/^[0-9+()\-. ]*$/, { error: "A phone number has digits, spaces and + ( ) - . only." }),
  metadata: z.string().max(50 * 560, { error: "That is more metadata than Stripe keeps." }).transform(readMetadata),
});

export async function editCustomer(actor: StaffActor | null, input: unknown): Promise<ActionResult> {
  const denied = refuseUnlessAllowed(actor, "customers.update");
  if (denied || !actor) return denied!;
  const parsed = editCustomerSchema.safeParse(input);
  if (!parsed.success) return invalidFields(z.flattenError(parsed.error).fieldErrors);
  const { actionId, customerId, name, email, phone, metadata } = parsed.data;
  const customer = await db().customer.findUnique({ where: { id: customerId }, select: { deleted: true, data: true } });
  if (!customer || customer.deleted) return refused("This customer does not exist (or was deleted in Stripe).", "unknown_customer");
  // Stripe merges metadata: a key left out of the form is unset by sending it empty.
  const current = ((customer.data as { metadata?: Record<string, string> } | null)?.metadata ?? {}) as Record<string, string>;
  const update: Record<string, string> = { ...metadata };
  for (const key of Object.keys(current)) if (!Object.hasOwn(metadata, key)) update[key] = "";
  return runStaffAction({
    actor,
    actionId,
    kind: "customer.update",
    objectType: "customer",
    objectId: customerId,
    params: { customerId, name, email, phone, metadata },
    call: (request) => stripe().customers.update(customerId, { name, email, phone, metadata: update }, request),
    // Setting the same fields again leaves the customer as the first attempt did.
    retry: { repeatable: true },
    describe: (updated) => ({ message: `${name} was updated.`, outcome: { customerId: updated.id }, objectId: updated.id }),
    objects: (updated) => [updated],
  });
}
