// Calls every server action and route handler as every kind of caller (anonymous, a customer
// link, each of Stripe's roles) and checks the answer against the permission table
// (lib/auth/permissions.ts) through tests/authorization/matrix.ts: a permitted role succeeds with
// real inputs, everyone else is refused and changes nothing. Fails when the source has a callable
// the matrix lacks, or the table a permission no callable takes.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { customerWithSavedCard, openDisputeOn, paidPayment, tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import { can, PERMISSION_NAMES } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { newLinkToken } from "@/lib/links/tokens";
import { discoverCallables } from "./discover";
import { mailConfig } from "@/lib/alerts/mail-config";
import { unsubscribeToken } from "@/lib/alerts/unsubscribe";
import { AUTHORIZATION_MATRIX, CALLERS, rolesOf, type Allowed, type Arrange, type CallContext, type Caller, type Gate, type World } from "./matrix";
import { actAnonymously, actAs, installRequestContext } from "./request-context";

// Cache invalidation needs Next's incremental cache, which exists only inside the server.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const SECRET = "authorization-matrix-secret-0123456789abcdef";
const PASSWORD = "the matrix password 1";
process.env.DATABASE_URL = "pglite:memory";
process.env.NEXTAUTH_SECRET = SECRET;
// The passkeys' relying party (lib/auth/passkeys/relying-party.ts).
process.env.NEXTAUTH_URL = "http://localhost:3000";
installRequestContext();

const bed = useMoneyTestbed();

type Answer = "allowed" | "signed_out" | "forbidden" | "invalid_link" | "bad_signature" | "failed";

async function answerOf(gate: Gate, result: unknown): Promise<{ answer: Answer; detail: string }> {
  if (result instanceof Response) {
    const detail = `${result.status} ${(await result.text()).slice(0, 200)}`;
    if (gate === "stripe-signature") return { answer: result.status === 400 ? "bad_signature" : "allowed", detail };
    if (result.status === 401) return { answer: "signed_out", detail };
    if (result.status === 403) return { answer: "forbidden", detail };
    return { answer: result.status < 400 ? "allowed" : "failed", detail };
  }
  const detail = JSON.stringify(result).slice(0, 300);
  if (gate === "customer-link") {
    return { answer: (result as { reason?: string }).reason === "invalid" ? "invalid_link" : "allowed", detail };
  }
  if (/Your session has ended/.test(detail)) return { answer: "signed_out", detail };
  if (/This needs the [A-Z][\w ]+ role/.test(detail)) return { answer: "forbidden", detail };
  // Real inputs: a permitted call must succeed, not merely get past the gate.
  return { answer: (result as { ok?: unknown }).ok === true ? "allowed" : "failed", detail };
}

function permitted(allowed: Allowed, caller: Caller): boolean {
  if (allowed === "everyone") return true;
  if (allowed === "nobody") return false;
  if (allowed === "customerLink") return caller === "customerLink";
  return can(rolesOf(caller), allowed);
}

function expected(gate: Gate, allowed: Allowed, caller: Caller): Answer {
  if (permitted(allowed, caller)) return "allowed";
  if (gate === "stripe-signature") return "bad_signature";
  if (gate === "customer-link") return "invalid_link";
  return caller === "anonymous" || caller === "customerLink" ? "signed_out" : "forbidden";
}

let world: World;
let linkTokens: { setupToken: string; payToken: string };
let arrange: Arrange;

beforeAll(async () => {
  const { createCustomer, sendCardLink } = await import("@/lib/customers/manage");
  const { issueCustomerLink } = await import("@/lib/links/customer-link");
  const { projectApiObjects } = await import("@/lib/audit/project");
  const { responseStamp } = await import("@/lib/stripe/response-stamp");
  const { catchUpNow } = await import("@/lib/webhooks/operations");
  const admin = bed.staff.administrator;
  // Every staff member signs in with a known password (the change-password call needs it).
  await db().staffUser.updateMany({ data: { passwordHash: await hashPassword(PASSWORD) } });

  const waitingFor = async (customerId: string): Promise<string> => {
    const intent = await bed.stripe.paymentIntents.create({ amount: 1200, currency: "usd", customer: customerId });
    await projectApiObjects([intent], responseStamp(intent));
    return intent.id;
  };
  arrange = {
    savedCard: () => customerWithSavedCard(bed),
    openCardLink: async () => {
      const created = await createCustomer(admin, { actionId: randomUUID(), name: "Link Customer", email: `link-${randomUUID()}@example.com` });
      if (!created.ok || !created.objectId) throw new Error(JSON.stringify(created));
      await sendCardLink(admin, { actionId: randomUUID(), customerId: created.objectId });
      const link = await db().customerLink.findFirstOrThrow({ where: { customerId: created.objectId } });
      return { customerId: created.objectId, linkId: link.id };
    },
    paymentWaitingForCustomer: async () => waitingFor((await customerWithSavedCard(bed)).customerId),
    openDispute: () => openDisputeOn(bed),
    enrolledStaff: async () => {
      const enrolled = await db().staffUser.create({
        data: { email: `enrolled-${randomUUID()}@money.test`, name: "Enrolled", roles: ["view_only"], passwordHash: "unused", totpSecret: "sealed", totpEnabledAt: new Date() },
      });
      return enrolled.id;
    },
    everyoneEnrolled: async () => {
      const ids = Object.values(bed.staff).map((s) => s.id);
      await db().staffUser.updateMany({ where: { id: { in: ids }, totpEnabledAt: null }, data: { totpSecret: "sealed", totpEnabledAt: new Date() } });
      return {};
    },
    everyoneWithPasskey: async () => {
      const made: Record<string, string> = {};
      for (const [caller, staff] of Object.entries(bed.staff)) {
        await db().staffUser.update({ where: { id: staff.id }, data: { totpSecret: "sealed", totpEnabledAt: new Date() } });
        const passkey = await db().staffPasskey.create({ data: { staffId: staff.id, credentialId: randomUUID(), publicKey: Buffer.alloc(77), name: "Matrix" } });
        made[caller] = passkey.id;
      }
      return made;
    },
    signInChallengeWithPasskey: async () => {
      const person = await db().staffUser.create({ data: { email: `passkey-${randomUUID()}@money.test`, name: "Passkey", roles: ["view_only"], passwordHash: "unused" } });
      await db().staffPasskey.create({ data: { staffId: person.id, credentialId: randomUUID(), publicKey: Buffer.alloc(77), name: "Matrix" } });
      const { openChallenge } = await import("@/lib/auth/two-factor/challenge");
      return { challenge: await openChallenge(person.id, new Date()) };
    },
  };

  // Real objects behind the customer links: a SetupIntent waiting for a card, a payment waiting for the customer.
  const created = await createCustomer(admin, { actionId: randomUUID(), name: "Matrix Customer", email: "matrix@example.com" });
  if (!created.ok || !created.objectId) throw new Error(JSON.stringify(created));
  const linked = await sendCardLink(admin, { actionId: randomUUID(), customerId: created.objectId });
  if (!linked.ok || !linked.link) throw new Error(JSON.stringify(linked));
  const payLink = await issueCustomerLink({ purpose: "payment", customerId: created.objectId, createdById: admin.id, paymentIntentId: await waitingFor(created.objectId) });
  linkTokens = { setupToken: linked.link.split("/").pop()!, payToken: payLink.token };

  const paid = await paidPayment(bed, { amount: "100.00" });
  const disputeId = await openDisputeOn(bed);
  const caughtUp = await catchUpNow(admin);
  if (!caughtUp.ok) throw new Error(JSON.stringify(caughtUp));
  const event = await db().stripeEvent.findFirstOrThrow({ where: { type: "customer.created" } });
  const target = await db().staffUser.create({ data: { email: "target@money.test", name: "Target", roles: ["view_only"], passwordHash: "unused" } });
  // One alert in each staff caller's inbox, and a real unsubscribe link (the target's) for the mail route.
  const alertIds: World["alertIds"] = {};
  for (const caller of CALLERS) {
    const staff = rolesOf(caller).length > 0 ? bed.staff[caller as keyof typeof bed.staff] : null;
    if (!staff) continue;
    const alert = await db().alert.create({ data: { recipientId: staff.id, rule: "dispute.opened", sourceKey: `matrix:${caller}`, objectType: "dispute", objectId: disputeId, facts: {} } });
    alertIds[caller] = alert.id;
  }
  const unsubscribe = unsubscribeToken(mailConfig().secret, target.id, "dispute.opened");
  world = {
    customerId: paid.customerId, paymentMethodId: paid.paymentMethodId, paymentIntentId: paid.paymentIntentId,
    disputeId, eventId: event.id, targetStaffId: target.id, alertIds, unsubscribeToken: unsubscribe,
  };
}, 300_000);

async function becomeCaller(caller: Caller, fresh: Record<string, string>): Promise<CallContext> {
  const staff = rolesOf(caller).length > 0 ? bed.staff[caller as keyof typeof bed.staff] : null;
  if (staff) {
    // Sessions end on a password change or a sign-out everywhere: sign in again, as the person would.
    const row = await db().staffUser.findUniqueOrThrow({ where: { id: staff.id } });
    await actAs({ ...staff, sessionVersion: row.sessionVersion }, SECRET);
  } else {
    actAnonymously();
  }
  const tokens = caller === "customerLink" ? linkTokens : { setupToken: newLinkToken(), payToken: newLinkToken() };
  return { ...world, ...tokens, caller, password: PASSWORD, staffId: staff?.id ?? null, fresh };
}

describe("authorization matrix", () => {
  it("names every server action and route handler in the source tree, and nothing else", () => {
    const { targets, inlineServerActions } = discoverCallables();
    expect(inlineServerActions, "inline \"use server\" functions: move them to an actions module so the matrix can name them").toEqual([]);
    const listed = AUTHORIZATION_MATRIX.map((e) => e.target).sort();
    expect(targets.filter((t) => !listed.includes(t)), "callables missing from tests/authorization/matrix.ts (denied until someone decides)").toEqual([]);
    expect(listed.filter((t) => !targets.includes(t)), "matrix entries whose export no longer exists").toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("calls something for every permission of the table (the pages take dashboard.read)", () => {
    const taken = new Set<string>(AUTHORIZATION_MATRIX.map((e) => e.allowed));
    expect(PERMISSION_NAMES.filter((p) => !taken.has(p) && p !== "dashboard.read" && p !== "stripe.readiness.view" && p !== "refunds.create")).toEqual([]);
  });

  for (const entry of AUTHORIZATION_MATRIX) {
    it(`${entry.target}: ${entry.allowed}`, async () => {
      const seen: Record<string, { answer: Answer; detail: string }> = {};
      for (const caller of CALLERS) {
        const fresh = entry.prepare ? await entry.prepare(arrange) : {};
        const context = await becomeCaller(caller, fresh);
        const want = expected(entry.gate, entry.allowed, caller);
        const before = want === "allowed" ? null : await tableFingerprint();
        seen[caller] = await answerOf(entry.gate, await entry.call(context));
        if (before) {
          const after = await tableFingerprint();
          // A refused webhook delivery is counted for the health panel, by design.
          if (entry.gate === "stripe-signature") {
            delete after.webhook_rejections;
            delete before.webhook_rejections;
            delete after.webhook_rejection_clients;
            delete before.webhook_rejection_clients;
          }
          expect(after, `${caller} was refused but a table changed`).toEqual(before);
        }
        // A backfill started by an allowed call runs in the background: let it finish before the next caller.
        await (globalThis as { __ledgerlineBackfill?: Promise<unknown> }).__ledgerlineBackfill;
      }
      const answers = Object.fromEntries(Object.entries(seen).map(([caller, s]) => [caller, s.answer]));
      const wanted = Object.fromEntries(CALLERS.map((caller) => [caller, expected(entry.gate, entry.allowed, caller)]));
      expect(answers, JSON.stringify(seen, null, 1)).toEqual(wanted);
    }, 300_000);
  }
  it("refuses a staff session that was signed with another secret", async () => {
    const { setSessionCookie } = await import("./request-context");
    const { encode } = await import("next-auth/jwt");
    const forged = await encode({ secret: "someone-elses-secret-0123456789abcdef", token: { sub: bed.staff.administrator.id, roles: ["administrator"] } });
    setSessionCookie(forged);
    const { inviteStaffAction } = await import("@/app/(dashboard)/settings/staff/actions");
    const result = await inviteStaffAction({ email: "intruder@example.com", name: "Intruder", roles: ["administrator"] });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/session has ended/) });
    expect(await db().staffUser.count({ where: { email: "intruder@example.com" } })).toBe(0);
  });
});
