import { z } from "zod";
import type { StaffRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { defaultAlertDelivery, type AlertCadence } from "./defaults";
import { ALERT_RULE_IDS, alertRule, isAlertRuleId, type AlertRuleId } from "./rules";

/**
 * Each person's email choices per rule. Without a choice of their own, their role's default
 * (defaults.ts) applies; the inbox always shows every alert the rule is for, whatever they choose.
 */

export interface OwnPreference {
  rule: AlertRuleId;
  label: string;
  description: string;
  email: boolean;
  cadence: AlertCadence;
  /** True while the person has not chosen: the role's default. */
  byDefault: boolean;
}

interface Person {
  id: string;
  roles: readonly StaffRole[];
}

/** The rules this person receives, with their choice or their role's default. */
export async function ownAlertPreferences(person: Person): Promise<OwnPreference[]> {
  const chosen = new Map((await db().alertPreference.findMany({ where: { staffId: person.id } })).map((p) => [p.rule, p]));
  return ALERT_RULE_IDS.filter((id) => defaultAlertDelivery(person.roles, id).inbox).map((id) => {
    const rule = alertRule(id);
    const own = chosen.get(id);
    const fallback = defaultAlertDelivery(person.roles, id);
    return {
      rule: id, label: rule.label, description: rule.description, email: own ? own.email : fallback.email,
      cadence: own?.cadence === "digest" ? "digest" : "instant", byDefault: !own,
    };
  });
}

const preferenceSchema = z.object({
  rule: z.string({ error: "Choose which alert to change." }),
  email: z.boolean({ error: "Say whether to send email: on or off." }),
  cadence: z.enum(["instant", "digest"], { error: "Choose instant or a daily digest." }),
});

export type PreferenceChange = { ok: true; message: string } | { ok: false; error: string };

export async function saveOwnAlertPreference(person: Person, input: unknown): Promise<PreferenceChange> {
  const parsed = preferenceSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
  const { rule, email, cadence } = parsed.data;
  // A rule that does not exist, or one this person does not receive, is refused by name.
  if (!isAlertRuleId(rule) || !defaultAlertDelivery(person.roles, rule).inbox) return { ok: false, error: `There is no alert “${rule.slice(0, 60)}” for you to change.` };
  await db().alertPreference.upsert({
    where: { staffId_rule: { staffId: person.id, rule } },
    create: { staffId: person.id, rule, email, cadence },
    update: { email, cadence },
  });
  const label = alertRule(rule).label;
  return { ok: true, message: email ? `“${label}”: email ${cadence === "digest" ? "in a daily digest" : "at once"}.` : `“${label}”: no email; still in your inbox.` };
}
