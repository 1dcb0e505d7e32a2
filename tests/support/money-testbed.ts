// Shared set-up for the money tests: a fresh database (useTestDatabase), an emulator on port 0 that
// the process's Stripe client talks to, and staff: one per role, and the three people of before
// Stripe's roles (admin, agent, viewer) with the roles the migration gave them. Test-only; nothing in app/
// imports it.
import { afterAll, beforeAll } from "vitest";
import type { Permission } from "@/emulator/core/keys";
import { generateKeys } from "@/emulator/core/keys";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
import { rolesRequireTwoFactor } from "@/lib/auth/two-factor/requirement";
import { db } from "@/lib/db";
import { createStripeClient, setStripeClient, type Stripe } from "@/lib/stripe/client";
import { responseStamp } from "@/lib/stripe/response-stamp";
import { useTestDatabase, type TestDatabase } from "@/tests/support/db";
import type { StaffActor } from "@/lib/audit/staff-action";
import { controlEmulator, testEmulatorKeys, type EmulatorControl } from "@/tests/support/emulator-control";

export interface MoneyTestbed {
  readonly database: TestDatabase;
  readonly emulator: RunningEmulator;
  /** The SDK pointed at the emulator, for arranging state as Stripe or a customer would. */
  readonly stripe: Stripe;
  readonly staff: Record<StaffPersona, StaffActor & { email: string }>;
  /** Sends a control request to the emulator (faults, clock). */
  control: EmulatorControl;
}

/** admin → Administrator; agent → Support specialist + Refund analyst + Dispute analyst; viewer → View only. */
export const PERSONA_ROLES = {
  admin: ["administrator"],
  agent: ["support_specialist", "refund_analyst", "dispute_analyst"],
  viewer: ["view_only"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffPersona = StaffRole | keyof typeof PERSONA_ROLES;

/** `restricted`: permission maps of restricted keys the emulator also accepts (`emulator.keys.restricted`). */
export function useMoneyTestbed(options: { restricted?: Record<string, Permission>[] } = {}): MoneyTestbed {
  const database = useTestDatabase();
  let emulator: RunningEmulator | null = null;
  let client: Stripe | null = null;
  const staff = {} as Record<StaffPersona, StaffActor & { email: string }>;

  beforeAll(async () => {
    const restricted = generateKeys("test", options.restricted ?? []).restricted;
    emulator = await startEmulator({ port: 0, dataDir: null, keys: { ...testEmulatorKeys(), restricted } });
    client = createStripeClient({ mode: "emulator", secretKey: emulator.keys.secret, emulatorUrl: emulator.url });
    setStripeClient(client);
    const people: Array<[StaffPersona, readonly StaffRole[]]> = [...Object.entries(PERSONA_ROLES) as Array<[StaffPersona, readonly StaffRole[]]>, ...STAFF_ROLES.map((role): [StaffPersona, StaffRole[]] => [role, [role]])];
    for (const [persona, roles] of people) {
      const row = await db().staffUser.create({
        data: {
          email: `${persona.replace(/_/g, "-")}@money.test`, name: `${persona[0]!.toUpperCase()}${persona.slice(1).replace(/_/g, " ")} Person`, roles: [...roles], passwordHash: "unused",
          // Administrators and Developers need a second factor before anything else
          // (lib/auth/two-factor/requirement.ts); these staff never sign in, so the flag of a
          // finished enrolment is all that matters.
          totpEnabledAt: rolesRequireTwoFactor(roles) ? new Date() : null,
        },
      });
      staff[persona] = { id: row.id, roles: row.roles, email: row.email };
    }
  });

  afterAll(async () => {
    setStripeClient(null);
    await emulator?.close();
  });

  const need = <T,>(value: T | null, what: string): T => {
    if (!value) throw new Error(`${what} is only available inside tests`);
    return value;
  };

  return {
    database,
    get emulator() {
      return need(emulator, "The emulator");
    },
    get stripe() {
      return need(client, "The Stripe client");
    },
    staff,
    control: (method, path, form) => controlEmulator(need(emulator, "The emulator").url, method, path, form),
  };
}

/** A hash of every table's rows, to show that a refused action changed nothing. */
export async function tableFingerprint(): Promise<Record<string, string>> {
  const tables = await db().$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  const result: Record<string, string> = {};
  for (const { tablename } of tables) {
    // A hash of every row's text: any insert, update or delete changes it.
    const rows = await db().$queryRawUnsafe<{ fingerprint: string }[]>(
      `SELECT md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), '')) AS fingerprint FROM "${tablename}" t`,
    );
    result[tablename] = rows[0]?.fingerprint ?? "";
  }
  return result;
}

/** A customer with a card saved through the card link, as the customer would save it. */
export async function customerWithSavedCard(bed: MoneyTestbed, card = "pm_card_bypassPending"): Promise<{ customerId: string; paymentMethodId: string }> {
  const { randomUUID } = await import("node:crypto");
  const { createCustomer, sendCardLink } = await import("@/lib/customers/manage");
  const { completeCardSetup } = await import("@/lib/customers/card-setup");
  const created = await createCustomer(bed.staff.agent, { actionId: randomUUID(), name: "Test Customer", email: `c-${randomUUID()}@example.com` });
  if (!created.ok || !created.objectId) throw new Error(JSON.stringify(created));
  const linked = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId: created.objectId });
  if (!linked.ok || !linked.objectId || !linked.link) throw new Error(JSON.stringify(linked));
  await bed.stripe.setupIntents.confirm(linked.objectId, { payment_method: card });
  const saved = await completeCardSetup(linked.link.split("/").pop());
  if (!saved.ok) throw new Error(JSON.stringify(saved));
  const savedCard = await db().paymentMethod.findFirstOrThrow({ where: { customerId: created.objectId } });
  return { customerId: created.objectId, paymentMethodId: savedCard.id };
}

/** A customer with a saved card and one successful charge, arranged through the money actions. */
export async function paidPayment(
  bed: MoneyTestbed,
  options: { card?: string; amount?: string; currency?: string } = {},
): Promise<{ customerId: string; paymentMethodId: string; paymentIntentId: string }> {
  const { randomUUID } = await import("node:crypto");
  const { chargeSavedCard } = await import("@/lib/payments/charge");
  const { customerId, paymentMethodId } = await customerWithSavedCard(bed, options.card);
  const charged = await chargeSavedCard(bed.staff.agent, {
    actionId: randomUUID(),
    customerId,
    paymentMethodId,
    amount: options.amount ?? "100.00",
    currency: options.currency ?? "usd",
    description: "Test order",
  });
  if (!charged.ok || !charged.objectId) throw new Error(JSON.stringify(charged));
  // Stripe writes an asynchronously captured charge's balance transaction seconds later.
  await bed.control("POST", "/_emulator/clock/advance", { seconds: "2" });
  return { customerId, paymentMethodId, paymentIntentId: charged.objectId };
}

/** A payment the emulator disputes at once (a dispute test card), its dispute in our tables. */
export async function openDisputeOn(bed: MoneyTestbed, card = "pm_card_createDispute"): Promise<string> {
  const { projectApiObjects } = await import("@/lib/audit/project");
  const { paymentIntentId } = await paidPayment(bed, { card, amount: "60.00" });
  const disputes = await bed.stripe.disputes.list({ payment_intent: paymentIntentId });
  await projectApiObjects(disputes.data, responseStamp(disputes));
  const id = disputes.data[0]?.id;
  if (!id) throw new Error("the emulator opened no dispute");
  return id;
}
