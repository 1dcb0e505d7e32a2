import { can, type StaffRole } from "@/lib/auth/roles";
import { alertRule, type AlertRuleId } from "./rules";

/**
 * The one place that maps staff roles to alert defaults. Each rule names capabilities, never role
 * names, so when roles change (Stripe's role set) only lib/auth/roles.ts changes: admins get
 * everything by email, agents disputes, fraud warnings and refunds, viewers nothing by email.
 */

export type AlertCadence = "instant" | "digest";

export interface AlertDelivery {
  /** In the person's inbox (always, for everyone the rule is for). */
  inbox: boolean;
  email: boolean;
  cadence: AlertCadence;
}

export function defaultAlertDelivery(role: StaffRole, ruleId: AlertRuleId): AlertDelivery {
  const rule = alertRule(ruleId);
  const inbox = can(role, rule.audience);
  return { inbox, email: inbox && can(role, rule.emailByDefault), cadence: "instant" };
}
