// No client secret reaches staff: not in a stored row, not on any dashboard page (every event's
// page included), not in the export, not in a log line, whatever path brought the object in — a
// signed delivery, catch-up from GET /v1/events, the backfill or an action's own response.
import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { paidPayment, useMoneyTestbed } from "@/tests/support/money-testbed";
import { completeCardSetup } from "@/lib/customers/card-setup";
import { STAFF_ROLES, type StaffRole } from "@/lib/auth/roles";
import { can } from "@/lib/auth/permissions";
import { createCustomer, sendCardLink } from "@/lib/customers/manage";
import { db } from "@/lib/db";
import { chargeSavedCard } from "@/lib/payments/charge";
import { stripeWebhooks } from "@/lib/stripe/client";
import { backfillFromStripe } from "@/lib/webhooks/backfill";
import { catchUpMissedEvents } from "@/lib/webhooks/catch-up";
import { receiveStripeWebhook } from "@/lib/webhooks/receive";
import { actAs, installRequestContext } from "../authorization/request-context";

vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
// The staff pages' forms use the App Router's hooks, which need a mounted router outside Next.
vi.mock("next/navigation", async (actual) => ({
  ...(await actual<typeof import("next/navigation")>()),
  useRouter: () => ({ push: () => {}, replace: () => {}, refresh: () => {}, back: () => {}, forward: () => {}, prefetch: () => {} }),
  usePathname: () => "/",
  useSearchParams: () => new URLSearchParams(),
}));

const SESSION_SECRET = "client-secrets-session-secret-0123456789abcdef";
const WEBHOOK_SECRET = "whsec_client_secrets_test";
process.env.DATABASE_URL = "pglite:memory";
process.env.NEXTAUTH_SECRET = SESSION_SECRET;
installRequestContext();

const bed = useMoneyTestbed();

// Every log line written while the test runs, to search for secrets at the end.
const logged: string[] = [];
const consoleMethods = ["log", "info", "warn", "error", "debug"] as const;
const restore: Array<() => void> = [];

beforeAll(async () => {
  for (const method of consoleMethods) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    };
    restore.push(() => (console[method] = original));
  }

  // A paid payment, a card saved after 3-D Secure (a SetupIntent that was requires_action, with
  // next_action), an off-session charge that card refuses, and an open card link, each through the
  // staff actions, which also store Stripe's responses.
  await paidPayment(bed);
  const { customerId, paymentMethodId } = await customerWithThreeDSecureCard();
  const charged = await chargeSavedCard(bed.staff.agent, {
    actionId: randomUUID(), customerId, paymentMethodId, amount: "25.00", currency: "usd", description: "Needs 3-D Secure",
  });
  expect(charged.ok).toBe(false);
  await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId });

  // Stripe's events carry the secrets: prove it, so that finding none below means something.
  const events = await bed.stripe.events.list({ limit: 100 });
  const intentEvents = events.data.filter((e) => /^(payment_intent|setup_intent)\./.test(e.type));
  expect(JSON.stringify(intentEvents)).toMatch(/_secret_/);
  expect(intentEvents.some((e) => (e.data.object as { next_action?: unknown }).next_action)).toBe(true);

  // Half of them arrive as signed deliveries, the rest through catch-up; then the backfill.
  for (const event of intentEvents.filter((_, i) => i % 2 === 0)) {
    const body = JSON.stringify(event);
    const header = stripeWebhooks().generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET });
    const request = new Request("http://127.0.0.1:3000/api/webhooks/stripe", { method: "POST", body, headers: { "stripe-signature": header } });
    expect((await receiveStripeWebhook(request, { environmentSecrets: [WEBHOOK_SECRET], dependencies: {} })).status).toBe(200);
  }
  await catchUpMissedEvents(bed.stripe, {});
  await backfillFromStripe(bed.stripe);
}, 120_000);

afterAll(() => restore.forEach((undo) => undo()));

describe("client secrets", () => {
  it("are in no stored row", async () => {
    expect(await db().stripeEvent.count({ where: { type: { startsWith: "payment_intent." } } })).toBeGreaterThan(2);
    expect(await db().stripeEvent.count({ where: { type: { startsWith: "setup_intent." } } })).toBeGreaterThan(1);
    const tables = await db().$queryRawUnsafe<{ tablename: string }[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
    );
    const leaks: string[] = [];
    for (const { tablename } of tables) {
      const rows = await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${tablename}" t WHERE t::text LIKE '%\\_secret\\_%'`);
      if (Number(rows[0]!.n) > 0) leaks.push(tablename);
    }
    expect(leaks).toEqual([]);
    // What the customer is asked for is still there to read.
    const asked = await db().$queryRawUnsafe<{ action: unknown }[]>(
      `SELECT payload->'data'->'object'->'next_action' AS action FROM stripe_events WHERE type = 'setup_intent.requires_action'`,
    );
    expect(asked.map((row) => row.action)).toEqual([{ type: "use_stripe_sdk", redacted: true }]);
  });

  it.each<StaffRole>([...STAFF_ROLES])("are on no dashboard page a %s can open, nor in the export", async (role) => {
    await actAs(bed.staff[role], SESSION_SECRET);
    const pages = await everyDashboardPage();
    expect(pages.length).toBeGreaterThan(20);
    let refused = 0;
    for (const { name, render } of pages) {
      const element = await render().catch((error: unknown) => {
        // A page the role does not cover answers 403 (forbidden()) and shows nothing of its own.
        if ((error as { digest?: string }).digest === "NEXT_HTTP_ERROR_FALLBACK;403") return null;
        throw error;
      });
      if (!element) {
        refused++;
        continue;
      }
      const html = renderToStaticMarkup(element);
      expect(html.length, name).toBeGreaterThan(100);
      expect(html, name).not.toMatch(/_secret_/);
    }
    expect(refused).toBeLessThan(pages.length / 2);
    if (!can([role], "payments.export")) return;
    const { GET } = await import("../../app/(dashboard)/payments/export/route");
    const csv = await (await GET(new Request("http://127.0.0.1:3000/payments/export"))).text();
    expect(csv.split("\n").length).toBeGreaterThan(2);
    expect(csv).not.toMatch(/_secret_/);
  });

  it("are in no log line", () => {
    expect(logged.join("\n")).not.toMatch(/_secret_/);
  });
});

describe("the migration that redacts rows stored before", () => {
  it("leaves no secret in the event log or the mirrors, and next_action as its type", async () => {
    const secret = "pi_old_secret_abcDEF123";
    const intent = { id: "pi_old", object: "payment_intent", client_secret: secret, next_action: { type: "redirect_to_url", redirect_to_url: { url: `https://hooks.example/3ds?client_secret=${secret}` } } };
    const event = { id: "evt_old", object: "event", type: "payment_intent.requires_action", data: { object: intent, previous_attributes: { next_action: null } } };
    await db().$executeRawUnsafe(
      `INSERT INTO stripe_events (id, type, created, livemode, object_type, payload) VALUES ('evt_old', 'payment_intent.requires_action', now(), false, 'payment_intent', $1::jsonb)`,
      JSON.stringify(event),
    );
    await db().$executeRawUnsafe(
      `INSERT INTO setup_intents (id, livemode, created, status, data, synced_at) VALUES ('seti_old', false, now(), 'requires_payment_method', $1::jsonb, now())`,
      JSON.stringify({ id: "seti_old", object: "setup_intent", client_secret: "seti_old_secret_xyz789", next_action: null }),
    );
    const directory = path.join(process.cwd(), "prisma/migrations");
    const migration = readdirSync(directory).find((name) => name.endsWith("_redact_client_secrets"))!;
    const script = readFileSync(path.join(directory, migration, "migration.sql"), "utf8").replace(/^--.*$/gm, "");
    for (const statement of script.split(";").map((s) => s.trim()).filter(Boolean)) await db().$executeRawUnsafe(statement);

    const stored = await db().stripeEvent.findUniqueOrThrow({ where: { id: "evt_old" } });
    expect(JSON.stringify(stored.payload)).not.toMatch(/_secret_/);
    expect((stored.payload as typeof event).data.object).toMatchObject({ client_secret: "[redacted]", next_action: { type: "redirect_to_url", redacted: true } });
    const setup = await db().setupIntent.findUniqueOrThrow({ where: { id: "seti_old" } });
    expect(setup.data).toMatchObject({ client_secret: "[redacted]", next_action: null });
  });
});

/** A card that asks for 3-D Secure on every payment, saved after the customer approved it once. */
async function customerWithThreeDSecureCard(): Promise<{ customerId: string; paymentMethodId: string }> {
  const created = await createCustomer(bed.staff.agent, { actionId: randomUUID(), name: "Ada Lovelace", email: "ada@example.com" });
  if (!created.ok || !created.objectId) throw new Error(JSON.stringify(created));
  const linked = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId: created.objectId });
  if (!linked.ok || !linked.objectId || !linked.link) throw new Error(JSON.stringify(linked));
  const confirmed = await bed.stripe.setupIntents.confirm(linked.objectId, { payment_method: "pm_card_authenticationRequired", return_url: "http://127.0.0.1/done" });
  expect(confirmed.status).toBe("requires_action");
  await bed.control("POST", `/_emulator/three_d_secure/${confirmed.id}`, { client_secret: confirmed.client_secret!, result: "approve" });
  const done = await completeCardSetup(linked.link.split("/").pop());
  if (!done.ok) throw new Error(JSON.stringify(done));
  const card = await db().paymentMethod.findFirstOrThrow({ where: { customerId: created.objectId } });
  return { customerId: created.objectId, paymentMethodId: card.id };
}

interface PageToRender {
  name: string;
  render: () => Promise<ReactElement>;
}

/** Every staff page, each detail page once per row it can show (every event's among them). */
async function everyDashboardPage(): Promise<PageToRender[]> {
  const none = { searchParams: Promise.resolve({}) };
  const lists: Array<[string, () => Promise<{ default: (props: never) => Promise<ReactElement> }>]> = [
    ["overview", () => import("../../app/(dashboard)/page")],
    ["payments", () => import("../../app/(dashboard)/payments/(list)/page")],
    ["refunds", () => import("../../app/(dashboard)/refunds/page")],
    ["disputes", () => import("../../app/(dashboard)/disputes/(list)/page")],
    ["payouts", () => import("../../app/(dashboard)/payouts/(list)/page")],
    ["customers", () => import("../../app/(dashboard)/customers/page")],
    ["events", () => import("../../app/(dashboard)/events/page")],
    ["audit", () => import("../../app/(dashboard)/audit/page")],
    ["settings", () => import("../../app/(dashboard)/settings/page")],
    ["staff", () => import("../../app/(dashboard)/settings/staff/page")],
  ];
  const pages: PageToRender[] = lists.map(([name, load]) => ({ name, render: async () => (await load()).default(none as never) }));
  const details: Array<[string, () => Promise<{ default: (props: never) => Promise<ReactElement> }>, string[]]> = [
    ["event", () => import("../../app/(dashboard)/events/[id]/page"), (await db().stripeEvent.findMany({ select: { id: true } })).map((r) => r.id)],
    ["payment", () => import("../../app/(dashboard)/payments/[id]/page"), (await db().paymentIntent.findMany({ select: { id: true } })).map((r) => r.id)],
    ["customer", () => import("../../app/(dashboard)/customers/[id]/page"), (await db().customer.findMany({ select: { id: true } })).map((r) => r.id)],
  ];
  for (const [name, load, ids] of details) {
    for (const id of ids) pages.push({ name: `${name} ${id}`, render: async () => (await load()).default({ params: Promise.resolve({ id }), ...none } as never) });
  }
  return pages;
}
