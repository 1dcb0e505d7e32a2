import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { OwnSecondFactorControls } from "@/components/auth/own-second-factor-controls";
import { TwoFactorEnrolment } from "@/components/auth/two-factor-enrolment";
import { requireEnrolmentPermission } from "@/lib/auth/require-role";
import { enrolmentState } from "@/lib/auth/two-factor/enrolment";
import { unusedRecoveryCodeCount } from "@/lib/auth/two-factor/recovery-codes";
import { turnOffRefusal } from "@/lib/auth/two-factor/self-service";
import { confirmEnrolmentAction, renewRecoveryCodesAction, turnOffTwoFactorAction } from "./actions";

export const metadata: Metadata = { title: "Two-factor sign-in · Ledgerline" };

// Under Settings in the address, but outside the dashboard shell, whose every page sends someone
// who owes a second factor here.
export default async function TwoFactorPage() {
  const access = await requireEnrolmentPermission();
  if (!access.ok && access.reason === "password_change_required") redirect("/change-password");
  if (!access.ok) redirect("/sign-in");
  const state = await enrolmentState(access.staff);
  const remaining = state.enrolled ? await unusedRecoveryCodeCount(access.staff.id) : 0;
  return (
    <TwoFactorEnrolment
      email={access.staff.email}
      required={access.staff.twoFactorOwed}
      state={state.enrolled ? { enrolled: true, recoveryCodesLeft: remaining } : { enrolled: false, secret: state.secret, qrCode: state.qrCode }}
      confirm={confirmEnrolmentAction}
      controls={
        state.enrolled ? (
          <OwnSecondFactorControls renew={renewRecoveryCodesAction} turnOff={turnOffTwoFactorAction} turnOffRefusal={await turnOffRefusal(access.staff)} />
        ) : null
      }
    />
  );
}
