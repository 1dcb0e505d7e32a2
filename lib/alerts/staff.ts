import type { AlertDraft } from "./rules";

/** Drafts for the staff rules, raised by the audit row of what happened (its id is the source). */

export function signInThrottledAlert(actionId: string, staff: { id: string; name: string; email: string }, address: string | null, lockedUntil: Date): AlertDraft {
  return {
    rule: "staff.sign_in_throttled",
    sourceKey: `action:${actionId}`,
    objectType: "staff_user",
    objectId: staff.id,
    subjectStaffId: staff.id,
    facts: { staffName: staff.name, staffEmail: staff.email, address: address ?? "an unknown address", lockedUntil: lockedUntil.toISOString() },
  };
}

export function roleChangedAlert(actionId: string, change: { staffId: string; staffName: string; actorName: string; from: string; to: string }): AlertDraft {
  return {
    rule: "staff.role_changed",
    sourceKey: `action:${actionId}`,
    objectType: "staff_user",
    objectId: change.staffId,
    facts: { staffName: change.staffName, actorName: change.actorName, from: change.from, to: change.to },
  };
}
