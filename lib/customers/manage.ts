import { z } from "zod";
import { actionMetadata, createdSince, madeByAction } from "@/lib/audit/earlier-attempt";
import { actionIdSchema, refuseUnlessAllowed, runStaffAction, type Described, type StaffActionSpec, type StaffActor } from "@/lib/audit/staff-action";
import { invalidFields, refused, type ActionResult } from "@/lib/audit/result";
import { db } from "@/lib/db";
import { issueCustomerLinkOnce } from "@/lib/links/issue-once";
import { stripe } from "@/lib/stripe/client";

/** Staff actions on customers and their saved cards. Each follows runStaffAction's shape. */

const customerId = z.string().trim().regex(/^cus_[A-Za-z0-9]+$/, { error: "Unknown customer." });
const paymentMethodId = z.string().trim().regex(/^pm_[A-Za-z0-9_]+$/, { error: "Choose a saved card." });

export const createCustomerSchema = z.object({
  actionId: actionIdSchema,
  name: z.string().trim().min(1, { error: "Enter the customer's name." }).max(200, { error: "Keep the name under 200 characters." }),
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter a valid email address." })),
});

export async function createCustomer(actor: StaffActor | null, input: unknown): Promise<ActionResult> {
  const denied = refuseUnlessAllowed(actor, "customers.create");
  if (denied || !actor) return denied!;
  const parsed = createCustomerSchema.safeParse(input);
  if (!parsed.success) return invalidFields(z.flattenError(parsed.error).fieldErrors);
  const { actionId, name, email } = parsed.data;
  return runStaffAction({
    actor,
    actionId,
    kind: "customer.create",
    objectType: "customer",
    objectId: email,
    params: { name, email },
    call: (request) => stripe().customers.create({ name, email, metadata: actionMetadata(actionId) }, request),
    // A second customer would split the person's cards and payments in two. Customers are listed
    // by exact email (a list sees a new customer at once, search does not) and the metadata
    // picks the one this action made.
    retry: {
      lookUp: async (startedAt) => {
        const customer = await madeByAction(stripe().customers.list({ email, created: createdSince(startedAt), limit: 100 }), actionId);
        return customer ? { result: customer } : null;
      },
    },
    describe: (customer) => ({ message: `${name} was added.`, outcome: { customerId: customer.id }, objectId: customer.id }),
    objects: (customer) => [customer],
  });
}

export const sendCardLinkSchema = z.object({ actionId: actionIdSchema, customerId });

/**
 * A SetupIntent for future off-session charges, and a link the customer opens to enter their card.
 * The SetupIntent is created here, under the staff action's key, so the customer's page only reads.
 */
export async function sendCardLink(actor: StaffActor | null, input: unknown): Promise<ActionResult> {
  const denied = refuseUnlessAllowed(actor, "customers.card_links.send");
  if (denied || !actor) return denied!;
  const parsed = sendCardLinkSchema.safeParse(input);
  if (!parsed.success) return invalidFields(z.flattenError(parsed.error).fieldErrors);
  const { actionId, customerId: id } = parsed.data;
  const customer = await db().customer.findUnique({ where: { id }, select: { id: true, email: true, deleted: true } });
  if (!customer || customer.deleted) return refused("This customer does not exist (or was deleted in Stripe).", "unknown_customer");
  if (!customer.email) return refused("Add an email address to this customer before sending a card link.", "no_email");
  return runStaffAction({
    actor,
    actionId,
    kind: "customer.card_link.send",
    objectType: "customer",
    objectId: id,
    params: { customerId: id },
    call: (request) =>
      stripe().setupIntents.create(
        { customer: id, usage: "off_session", metadata: actionMetadata(actionId) },
        request,
      ),
    // A second SetupIntent would leave the first open with no link to it; the customer's
    // SetupIntents since the action began are listed and the metadata picks this one.
    retry: {
      lookUp: async (startedAt) => {
        const setupIntent = await madeByAction(stripe().setupIntents.list({ customer: id, created: createdSince(startedAt), limit: 100 }), actionId);
        return setupIntent ? { result: setupIntent } : null;
      },
    },
    // A second instance answering the same form concurrently gets Stripe's replay of the same
    // SetupIntent, and then finds the link the first issued for it.
    describe: async (setupIntent) => {
      const once = await issueCustomerLinkOnce({ purpose: "setup_card", customerId: id, createdById: actor.id, setupIntentId: setupIntent.id });
      if (!once.created) return { message: "The card link was already created for this request.", outcome: { setupIntentId: setupIntent.id, linkId: once.link.id }, objectId: setupIntent.id };
      return {
        message: `Card link created for ${customer.email}. It works once and expires in 7 days.`,
        outcome: { setupIntentId: setupIntent.id, linkId: once.link.id, expiresAt: once.link.expiresAt.toISOString() },
        objectId: setupIntent.id,
        link: once.link.path,
      };
    },
    objects: (setupIntent) => [setupIntent],
  });
}

export const savedCardSchema = z.object({ actionId: actionIdSchema, customerId, paymentMethodId });

async function ownedCard(customer: string, card: string): Promise<boolean> {
  const row = await db().paymentMethod.findUnique({ where: { id: card }, select: { customerId: true } });
  return row?.customerId === customer;
}

type SavedCardChange<T> = Pick<StaffActionSpec<T>, "kind" | "objects"> & {
  retry: (customerId: string, paymentMethodId: string) => StaffActionSpec<T>["retry"];
  call: (customerId: string, paymentMethodId: string, request: { idempotencyKey: string }) => Promise<T>;
  describe: (result: T, paymentMethodId: string) => Described;
};

/** The checks both saved-card actions share: role, input, and that the card is this customer's. */
async function changeSavedCard<T>(actor: StaffActor | null, input: unknown, change: SavedCardChange<T>): Promise<ActionResult> {
  const denied = refuseUnlessAllowed(actor, "customers.cards.manage");
  if (denied || !actor) return denied!;
  const parsed = savedCardSchema.safeParse(input);
  if (!parsed.success) return invalidFields(z.flattenError(parsed.error).fieldErrors);
  const { actionId, customerId: id, paymentMethodId: card } = parsed.data;
  if (!(await ownedCard(id, card))) return refused("That card is not saved on this customer.", "unknown_card");
  return runStaffAction({
    actor,
    actionId,
    kind: change.kind,
    objectType: "customer",
    objectId: id,
    params: { customerId: id, paymentMethodId: card },
    call: (request) => change.call(id, card, request),
    describe: (result) => change.describe(result, card),
    objects: change.objects,
    retry: change.retry(id, card),
  });
}

export function makeDefaultCard(actor: StaffActor | null, input: unknown): Promise<ActionResult> {
  return changeSavedCard(actor, input, {
    kind: "customer.default_card.set",
    call: (id, card, request) => stripe().customers.update(id, { invoice_settings: { default_payment_method: card } }, request),
    describe: (customer, card) => ({ message: "Default card changed.", outcome: { paymentMethodId: card }, objectId: customer.id }),
    objects: (customer) => [customer],
    // Setting the default to the same card again leaves the customer as the first attempt did.
    retry: () => ({ repeatable: true }),
  });
}

export function detachCard(actor: StaffActor | null, input: unknown): Promise<ActionResult> {
  return changeSavedCard(actor, input, {
    kind: "customer.card.detach",
    call: (_id, card, request) => stripe().paymentMethods.detach(card, {}, request),
    describe: (pm) => ({ message: "Card removed from the customer.", outcome: { paymentMethodId: pm.id }, objectId: pm.id }),
    objects: (pm) => [pm],
    // Nothing doubles, but Stripe refuses to detach a card twice: a card no longer on any
    // customer means the earlier attempt removed it.
    retry: (_id, card) => ({
      lookUp: async () => {
        const pm = await stripe().paymentMethods.retrieve(card);
        return pm.customer === null ? { result: pm } : null;
      },
    }),
  });
}
