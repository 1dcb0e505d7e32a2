import { PERSONA_ROLES } from "@/tests/support/money-testbed";
import { beforeEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/alerts/unsubscribe/route";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/tests/support/db";
import { mailConfig } from "./mail-config";
import { ownAlertPreferences, saveOwnAlertPreference } from "./preferences";
import { raiseAlerts } from "./raise";
import { UNSUBSCRIBE_LIFETIME_MS, unsubscribeToken, unsubscribeWithToken } from "./unsubscribe";

const database = useTestDatabase();
const SECRET = "k".repeat(40);

async function addStaff(name: string, persona: keyof typeof PERSONA_ROLES) {
  return db().staffUser.create({ data: { email: `${name}@shop.test`, name, roles: [...PERSONA_ROLES[persona]], passwordHash: "unused" } });
}
const preferenceRows = async () => (await db().alertPreference.findMany({ orderBy: [{ staffId: "asc" }, { rule: "asc" }] })).map((p) => `${p.rule}:${p.email}:${p.cadence}`);

async function raiseDispute(n: number) {
  await db().$transaction((tx) =>
    raiseAlerts(tx, [{ rule: "dispute.opened", sourceKey: `event:evt_${n}`, objectType: "dispute", objectId: `du_${n}`, facts: { disputeId: `du_${n}`, amount: 100, currency: "usd" } }]),
  );
}

describe("alert preferences", () => {
  beforeEach(() => database.truncateAll());

  it("shows each person the rules they receive, with their role's defaults until they choose", async () => {
    const aldo = await addStaff("aldo", "agent");
    const vera = await addStaff("vera", "viewer");
    const agent = await ownAlertPreferences(aldo);
    expect(agent.map((p) => p.rule)).not.toContain("staff.role_changed");
    expect(agent.find((p) => p.rule === "dispute.opened")).toMatchObject({ email: true, cadence: "instant", byDefault: true });
    expect(agent.find((p) => p.rule === "payout.failed")).toMatchObject({ email: false, byDefault: true });
    expect((await ownAlertPreferences(vera)).every((p) => !p.email)).toBe(true);
  });

  it("refuses rules that do not exist or are not the person's, and bad values, changing nothing", async () => {
    const aldo = await addStaff("aldo", "agent");
    expect(await saveOwnAlertPreference(aldo, { rule: "dispute.nope", email: true, cadence: "instant" })).toEqual({ ok: false, error: "There is no alert “dispute.nope” for you to change." });
    expect(await saveOwnAlertPreference(aldo, { rule: "staff.role_changed", email: true, cadence: "instant" })).toEqual({ ok: false, error: "There is no alert “staff.role_changed” for you to change." });
    expect(await saveOwnAlertPreference(aldo, { rule: "dispute.opened", email: true, cadence: "weekly" })).toEqual({ ok: false, error: "Choose instant or a daily digest." });
    expect(await saveOwnAlertPreference(aldo, { rule: "dispute.opened", email: "yes", cadence: "instant" })).toEqual({ ok: false, error: "Say whether to send email: on or off." });
    expect(await preferenceRows()).toEqual([]);
  });

  it("turns one rule's email off: the alert still reaches the inbox, no mail is queued", async () => {
    const aldo = await addStaff("aldo", "agent");
    expect(await saveOwnAlertPreference(aldo, { rule: "dispute.opened", email: false, cadence: "instant" })).toMatchObject({ ok: true });
    await raiseDispute(1);
    const alert = await db().alert.findFirstOrThrow({ where: { recipientId: aldo.id } });
    expect(alert.emailId).toBeNull();
    expect(await db().alertEmail.count()).toBe(0);
  });
});

describe("one-click unsubscribe links", () => {
  beforeEach(() => database.truncateAll());

  it("turns off email for the link's person and rule only", async () => {
    const aldo = await addStaff("aldo", "agent");
    await addStaff("ada", "admin");
    expect(await unsubscribeWithToken(SECRET, unsubscribeToken(SECRET, aldo.id, "dispute.opened"))).toMatchObject({ ok: true });
    expect(await preferenceRows()).toEqual(["dispute.opened:false:instant"]);
    await raiseDispute(2);
    expect(await db().alertEmail.findMany({ select: { recipient: { select: { name: true } } } })).toEqual([{ recipient: { name: "ada" } }]);
  });

  it("refuses tampered, cut, forged and expired links with a clear error, changing nothing", async () => {
    const aldo = await addStaff("aldo", "agent");
    const ada = await addStaff("ada", "admin");
    const good = unsubscribeToken(SECRET, aldo.id, "dispute.opened");
    const [payload, signature] = good.split(".");
    const otherPayload = Buffer.from(JSON.stringify({ s: ada.id, r: "dispute.opened", e: Math.floor(Date.now() / 1000) + 3600 })).toString("base64url");
    const tampered = [
      `${otherPayload}.${signature}`,
      `${payload}.${signature!.slice(0, -2)}${signature!.endsWith("AA") ? "BB" : "AA"}`,
      payload!,
      "",
      null,
      unsubscribeToken("another secret entirely, forty characters", aldo.id, "dispute.opened"),
    ];
    for (const token of tampered) {
      expect(await unsubscribeWithToken(SECRET, token)).toEqual({ ok: false, error: expect.stringMatching(/^This unsubscribe link is not valid: it was changed or cut short\./) });
    }
    const expired = await unsubscribeWithToken(SECRET, good, new Date(Date.now() + UNSUBSCRIBE_LIFETIME_MS + 1000));
    expect(expired).toEqual({ ok: false, error: "This unsubscribe link has expired. Turn the email off in Ledgerline: Settings → Alerts." });
    expect(await preferenceRows()).toEqual([]);
  });

  it("asks on GET, unsubscribes on the one-click POST, and answers a bad link with 400", async () => {
    const aldo = await addStaff("aldo", "agent");
    const url = `http://127.0.0.1:3000/api/alerts/unsubscribe?token=${encodeURIComponent(unsubscribeToken(mailConfig().secret, aldo.id, "refund.failed"))}`;
    const asked = await GET(new Request(url));
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain("Stop emails for “Refund failed”?");
    expect(await preferenceRows()).toEqual([]);
    const done = await POST(new Request(url, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } }));
    expect(done.status).toBe(200);
    expect(await preferenceRows()).toEqual(["refund.failed:false:instant"]);
    const bad = await POST(new Request(`${url}x`, { method: "POST" }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("This unsubscribe link is not valid");
  });
});
