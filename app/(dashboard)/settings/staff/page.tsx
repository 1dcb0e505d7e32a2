import type { Metadata } from "next";
import { InviteStaffForm } from "@/components/staff/invite-staff-form";
import { StaffRowControls } from "@/components/staff/staff-row-controls";
import type { StaffMember } from "@/components/staff/types";
import { Table } from "@/components/tables/table";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { rolesLabel } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { listStaff } from "@/lib/auth/staff-admin";
import {
  changeStaffRoleAction, endStaffSessionsAction, inviteStaffAction, resetStaffTwoFactorAction, setStaffDisabledAction, unlockStaffSignInAction,
} from "./actions";

export const metadata: Metadata = { title: "Staff · Ledgerline" };

const STAFF_COLUMNS = [{ label: "Name" }, { label: "Roles" }, { label: "Status" }, { label: "Last sign-in" }, { label: "Change", align: "right" as const }];

export default async function StaffPage() {
  const access = await requirePagePermission("staff.manage");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const now = new Date();
  const viewer = await getViewerFormat();
  const members: StaffMember[] = (await listStaff()).map((s) => ({
    id: s.id,
    email: s.email,
    name: s.name,
    roles: s.roles,
    disabled: s.disabled,
    locked: Boolean(s.lockedUntil && s.lockedUntil > now),
    twoFactor: s.twoFactor,
    lastSignIn: s.lastSignInAt ? formatDateTime(s.lastSignInAt, viewer) : null,
  }));

  return (
    <>
      <PageHeader back={{ href: "/settings", label: "Settings" }} title="Staff" description="Who can sign in, and what their roles let them do (docs/ROLES.md lists every permission)." />
      <InviteStaffForm invite={inviteStaffAction} />
      <div className="mt-6">
        <Table caption="Staff members" columns={STAFF_COLUMNS}>
          {members.map((member) => (
            <tr key={member.id} data-testid={`staff-${member.email}`} className="align-top">
              <td className="px-3 py-3">
                <div className="font-medium text-slate-900">{member.name}</div>
                <div className="text-slate-500">{member.email}</div>
              </td>
              <td className="px-3 py-3" data-testid="staff-roles">{rolesLabel(member.roles)}</td>
              <td className="px-3 py-3">
                <StaffStatus member={member} />
              </td>
              <td className="px-3 py-3 text-slate-600">{member.lastSignIn ?? "Never"}</td>
              <td className="px-3 py-3">
                <StaffRowControls
                  member={member}
                  isSelf={member.id === access.staff.id}
                  changeRole={changeStaffRoleAction}
                  setDisabled={setStaffDisabledAction}
                  endSessions={endStaffSessionsAction}
                  unlock={unlockStaffSignInAction}
                  resetTwoFactor={resetStaffTwoFactorAction}
                />
              </td>
            </tr>
          ))}
        </Table>
      </div>
    </>
  );
}

function StaffStatus({ member }: { member: StaffMember }) {
  if (member.disabled) return <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-700">Disabled</span>;
  if (member.locked) return <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Locked to new addresses (failed sign-ins)</span>;
  return <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Active</span>;
}
