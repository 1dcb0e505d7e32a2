import { PERSONA_ROLES } from "@/tests/support/money-testbed";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordStripeEvent } from "@/lib/webhooks/record";
import { useTestDatabase } from "@/tests/support/db";
import { exampleObject, stripeEvent, T0 } from "@/tests/support/webhooks/events";
import { signInStaff } from "@/lib/auth/sign-in";
import { hashPassword } from "@/lib/auth/password";
import { changeStaffRole } from "@/lib/auth/staff-admin";
import { raiseAlerts } from "./raise";

const database = useTestDatabase();

async function addStaff(name: string, persona: keyof typeof PERSONA_ROLES, disabled = false) {
  return db().staffUser.create({
    data: { email: `${name}@shop.test`, name, roles: [...PERSONA_ROLES[persona]], passwordHash: await hashPassword("the right password"), disabledAt: disabled ? new Date() : null },
  });
}

const dispute = (status: string) =>
  exampleObject("dispute", {
    id: "du_alert", amount: 2500, charge: "ch_alert", payment_intent: "pi_alert", currency: "usd", created: T0, reason: "fraudulent", status,
    is_charge_refundable: false, balance_transactions: [],
    evidence_details: { due_by: T0 + 7 * 86400, has_evidence: false, past_due: false, submission_count: 0, enhanced_eligibility: {} },
  });

async function alertsBy(rule?: string) {
  const rows = await db().alert.findMany({ where: rule ? { rule } : {}, include: { recipient: { select: { name: true } } } });
  return rows.map((a) => `${a.rule} → ${a.recipient.name}${a.emailId ? " (mail)" : ""}`).sort();
}

describe("alerts raised by webhook projection", () => {
  beforeEach(async () => {
    await database.truncateAll();
    await addStaff("ada", "admin");
    await addStaff("aldo", "agent");
    await addStaff("vera", "viewer");
    await addStaff("gone", "admin", true);
  });

  it("raises a new dispute once per active staff member, queues mail by role, and nothing more for duplicates, replays or concurrent deliveries", async () => {
    const created = stripeEvent("charge.dispute.created", T0, dispute("needs_response"));
    await Promise.all([1, 2, 3, 4].map(() => recordStripeEvent(created, "webhook")));
    await recordStripeEvent(created, "webhook");
    // A staff replay of the same snapshot ties with the stored one and is settled by Stripe's copy.
    const replay = await recordStripeEvent(created, "webhook", { fetchCurrentObject: async () => dispute("needs_response") }, { force: true });
    expect(replay, JSON.stringify(replay)).toMatchObject({ status: "processed" });

    expect(await alertsBy()).toEqual(["dispute.opened → ada (mail)", "dispute.opened → aldo (mail)", "dispute.opened → vera"]);
    expect(await db().alertEmail.count()).toBe(2);
    const alert = await db().alert.findFirstOrThrow({ where: { recipient: { name: "vera" } } });
    expect(alert).toMatchObject({ sourceKey: `event:${created.id}`, objectType: "dispute", objectId: "du_alert" });
    expect(alert.facts).toMatchObject({ amount: 2500, currency: "usd", reason: "fraudulent", dueBy: new Date((T0 + 7 * 86400) * 1000).toISOString() });
  });

  it("raises each rule once when events arrive out of order and again shuffled", async () => {
    const created = stripeEvent("charge.dispute.created", T0, dispute("needs_response"));
    const updated = stripeEvent("charge.dispute.updated", T0 + 10, dispute("under_review"));
    const closed = stripeEvent("charge.dispute.closed", T0 + 20, dispute("lost"));
    for (const event of [closed, updated, created, created, closed, updated]) await recordStripeEvent(event, "webhook");
    expect(await alertsBy("dispute.opened")).toHaveLength(3);
    expect(await alertsBy("dispute.closed")).toHaveLength(3);
    // The mirror still holds the newest state: the alerts did not disturb the ordering rule.
    expect((await db().dispute.findUniqueOrThrow({ where: { id: "du_alert" } })).status).toBe("lost");
  });

  it("rolls the alerts back with a projection that fails, and raises them when the retry succeeds", async () => {
    const created = stripeEvent("charge.dispute.created", T0, dispute("needs_response"));
    // A projection that throws after the alerts are written: its transaction must take them along.
    await db().$executeRawUnsafe(`CREATE FUNCTION refuse_alerts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'alerts refused'; END $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER refuse_alerts AFTER INSERT ON alerts FOR EACH STATEMENT EXECUTE FUNCTION refuse_alerts()`);
    expect(await recordStripeEvent(created, "webhook")).toMatchObject({ status: "failed" });
    expect(await db().alert.count()).toBe(0);
    expect(await db().dispute.count()).toBe(0);
    await db().$executeRawUnsafe(`DROP TRIGGER refuse_alerts ON alerts`);
    await db().$executeRawUnsafe(`DROP FUNCTION refuse_alerts()`);
    expect(await recordStripeEvent(created, "webhook", {}, { force: true })).toMatchObject({ status: "processed" });
    expect(await db().alert.count()).toBe(3);
  });

  it("lets the unique index refuse a second alert for the same source, rule and recipient", async () => {
    const ada = await db().staffUser.findFirstOrThrow({ where: { name: "ada" } });
    const row = { recipientId: ada.id, rule: "dispute.opened", sourceKey: "event:evt_x", objectType: "dispute", objectId: "du_x", facts: {} };
    await db().alert.create({ data: row });
    await expect(db().alert.create({ data: row })).rejects.toMatchObject({ code: "P2002" });
  });

  it("gathers a person's digest alerts of one day into one mail", async () => {
    const aldo = await db().staffUser.findFirstOrThrow({ where: { name: "aldo" } });
    await db().alertPreference.create({ data: { staffId: aldo.id, rule: "dispute.opened", email: true, cadence: "digest" } });
    const at = new Date("2026-12-07T09:00:00Z");
    for (const n of [1, 2, 3]) {
      await db().$transaction((tx) =>
        raiseAlerts(tx, [{ rule: "dispute.opened", sourceKey: `event:evt_d${n}`, objectType: "dispute", objectId: `du_${n}`, facts: { disputeId: `du_${n}` } }], at),
      );
    }
    const mails = await db().alertEmail.findMany({ where: { recipientId: aldo.id }, include: { alerts: true } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ digestKey: `${aldo.id}:2026-12-07`, nextAttemptAt: new Date("2026-12-08T00:00:00Z") });
    expect(mails[0]!.alerts).toHaveLength(3);
  });
});

describe("alerts raised by staff changes", () => {
  beforeEach(() => database.truncateAll());

  it("tells the admins, and only them, of a role change", async () => {
    const ada = await addStaff("ada", "admin");
    await addStaff("aldo", "agent");
    const vera = await addStaff("vera", "viewer");
    expect(await changeStaffRole(ada, { staffId: vera.id, roles: ["support_specialist", "refund_analyst", "dispute_analyst"] })).toMatchObject({ ok: true });
    expect(await alertsBy()).toEqual(["staff.role_changed → ada (mail)"]);
    const alert = await db().alert.findFirstOrThrow();
    expect(alert.facts).toEqual({ staffName: "vera", actorName: "ada", from: "View only", to: "Support specialist, Refund analyst and Dispute analyst" });
  });

  it("tells the admins and the person whose sign-in strangers locked, once per lock", async () => {
    await addStaff("ada", "admin");
    await addStaff("aldo", "agent");
    await addStaff("vera", "viewer");
    for (let n = 0; n < 12; n++) await signInStaff("vera@shop.test", `guess ${n}`, new Date(Date.UTC(2026, 11, 7, 10, 0, n)), undefined, `198.51.100.${n}`);
    expect(await alertsBy()).toEqual(["staff.sign_in_throttled → ada (mail)", "staff.sign_in_throttled → vera (mail)"]);
  });
});
