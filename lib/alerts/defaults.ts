import { can } from "@/lib/auth/permissions";
import type { StaffRole } from "@/lib/auth/roles";
import { alertRule, type AlertRuleId } from "./rules";

/**
 * The one place that maps staff roles to alert defaults. Each rule names permissions of
 * lib/auth/permissions.ts, never role names: Administrators get everything by email, dispute
 * analysts disputes, refund analysts fraud warnings and refunds, View only nothing by email.
 */

export type AlertCadence = "instant" | "digest";

export interface AlertDelivery {
  /** In the person's inbox (always, for everyone the rule is for). */
  inbox: boolean;
  email: boolean;
  cadence: AlertCadence;
}

export function defaultAlertDelivery(roles: readonly StaffRole[], ruleId: AlertRuleId): AlertDelivery {
  const rule = alertRule(ruleId);
  const inbox = can(roles, rule.audience);
  return { inbox, email: inbox && can(roles, rule.emailByDefault), cadence: "instant" };
}
