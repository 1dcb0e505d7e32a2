// Calls every server action and route handler as every kind of caller and checks the gate's answer
// against tests/authorization/matrix.ts; fails when the source has a callable the matrix lacks.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { paidPayment, tableFingerprint, useMoneyTestbed } from "@/tests/support/money-testbed";
import { db } from "@/lib/db";
import { newLinkToken } from "@/lib/links/tokens";
import { discoverCallables } from "./discover";
import { AUTHORIZATION_MATRIX, CALLERS, type CallContext, type Caller, type Gate } from "./matrix";
import { actAnonymously, actAs, installRequestContext } from "./request-context";

// Cache invalidation needs Next's incremental cache, which exists only inside the server.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

const SECRET = "authorization-matrix-secret-0123456789abcdef";
process.env.DATABASE_URL = "pglite:memory";
process.env.NEXTAUTH_SECRET = SECRET;
installRequestContext();

const bed = useMoneyTestbed();

type Answer = "allowed" | "signed_out" | "forbidden" | "invalid_link" | "bad_signature";

async function answerOf(gate: Gate, result: unknown): Promise<{ answer: Answer; detail: string }> {
  if (result instanceof Response) {
    const detail = `${result.status} ${(await result.text()).slice(0, 200)}`;
    if (gate === "stripe-signature") return { answer: result.status === 400 ? "bad_signature" : "allowed", detail };
    return { answer: result.status === 401 ? "signed_out" : result.status === 403 ? "forbidden" : "allowed", detail };
  }
  const detail = JSON.stringify(result).slice(0, 300);
  if (gate === "customer-link") {
    return { answer: (result as { reason?: string }).reason === "invalid" ? "invalid_link" : "allowed", detail };
  }
  if (/Your session has ended/.test(detail)) return { answer: "signed_out", detail };
  if (/This needs the \w+/.test(detail)) return { answer: "forbidden", detail };
  return { answer: "allowed", detail };
}

function expected(gate: Gate, allowed: readonly Caller[], caller: Caller): Answer {
  if (allowed.includes(caller)) return "allowed";
  if (gate === "stripe-signature") return "bad_signature";
  if (gate === "customer-link") return "invalid_link";
  return caller === "anonymous" || caller === "customerLink" ? "signed_out" : "forbidden";
}

let linkContext: CallContext;
let noLinkContext: CallContext;

beforeAll(async () => {
  // Real objects behind the customer links: a SetupIntent waiting for a card, a payment waiting for the customer.
  const { setupToken, customerId, paymentIntentId } = await (async () => {
    const { createCustomer, sendCardLink } = await import("@/lib/customers/manage");
    const created = await createCustomer(bed.staff.agent, { actionId: randomUUID(), name: "Matrix Customer", email: "matrix@example.com" });
    if (!created.ok || !created.objectId) throw new Error(JSON.stringify(created));
    const linked = await sendCardLink(bed.staff.agent, { actionId: randomUUID(), customerId: created.objectId });
    if (!linked.ok || !linked.link) throw new Error(JSON.stringify(linked));
    const paid = await paidPayment(bed);
    return { setupToken: linked.link.split("/").pop()!, customerId: created.objectId, paymentIntentId: paid.paymentIntentId };
  })();
  const waiting = await bed.stripe.paymentIntents.create({ amount: 1200, currency: "usd", customer: customerId });
  const { issueCustomerLink } = await import("@/lib/links/customer-link");
  const payLink = await issueCustomerLink({ purpose: "payment", customerId, createdById: bed.staff.agent.id, paymentIntentId: waiting.id });
  const disputeId = "du_matrix_unknown";
  linkContext = { setupToken, payToken: payLink.token, disputeId, paymentIntentId };
  noLinkContext = { setupToken: newLinkToken(), payToken: newLinkToken(), disputeId, paymentIntentId };
}, 180_000);

async function becomeCaller(caller: Caller): Promise<CallContext> {
  if (caller === "anonymous" || caller === "customerLink") actAnonymously();
  else await actAs(bed.staff[caller], SECRET);
  return caller === "customerLink" ? linkContext : noLinkContext;
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

  for (const entry of AUTHORIZATION_MATRIX) {
    it(`${entry.target}: allowed for ${entry.allowed.join(", ") || "no session or link"}`, async () => {
      const seen: Record<string, { answer: Answer; detail: string }> = {};
      for (const caller of CALLERS) {
        const context = await becomeCaller(caller);
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
      }
      const answers = Object.fromEntries(Object.entries(seen).map(([caller, s]) => [caller, s.answer]));
      const wanted = Object.fromEntries(CALLERS.map((caller) => [caller, expected(entry.gate, entry.allowed, caller)]));
      expect(answers, JSON.stringify(seen, null, 1)).toEqual(wanted);
      // A backfill started by an allowed call runs in the background: let it finish inside this test.
      await (globalThis as { __ledgerlineBackfill?: Promise<unknown> }).__ledgerlineBackfill;
    }, 120_000);
  }

  it("refuses a staff session that was signed with another secret", async () => {
    const { setSessionCookie } = await import("./request-context");
    const { encode } = await import("next-auth/jwt");
    const forged = await encode({ secret: "someone-elses-secret-0123456789abcdef", token: { sub: bed.staff.admin.id, role: "admin" } });
    setSessionCookie(forged);
    const { inviteStaffAction } = await import("@/app/(dashboard)/settings/staff/actions");
    const result = await inviteStaffAction({ email: "intruder@example.com", name: "Intruder", role: "admin" });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/session has ended/) });
    expect(await db().staffUser.count({ where: { email: "intruder@example.com" } })).toBe(0);
  });
});
