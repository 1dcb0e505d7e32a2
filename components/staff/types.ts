import type { StaffRole } from "@/lib/auth/roles";

export type StaffChangeOutcome =
  | { ok: true; message: string; temporaryPassword?: string }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined>; /** `step_up_required` offers the confirmation dialog. */ code?: string };

export type StaffChange = (input: Record<string, unknown>) => Promise<StaffChangeOutcome>;

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  roles: StaffRole[];
  disabled: boolean;
  locked: boolean;
  twoFactor: boolean;
  lastSignIn: string | null;
}
