import { Lock } from "lucide-react";
import { FallbackPage } from "@/components/ui/fallback-page";
import { currentStaff } from "@/lib/auth/require-role";
import { rolesLabel } from "@/lib/auth/roles";

// Shown with a 403 when requirePagePermission refuses the signed-in person's roles.
export default async function DashboardForbidden() {
  const staff = await currentStaff();
  return (
    <FallbackPage icon={Lock} status={403} alert title="You don’t have access to this page">
      <p>
        {staff ? `You are signed in as ${rolesLabel(staff.roles)}, and this page needs another role.` : "This page needs another role."} Ask an
        Administrator if you need it.
      </p>
    </FallbackPage>
  );
}
