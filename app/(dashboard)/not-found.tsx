import { SearchX } from "lucide-react";
import { FallbackPage } from "@/components/ui/fallback-page";

// Inside the shell: an id that matches nothing (mistyped, another account's, not yet mirrored).
export default function DashboardNotFound() {
  return (
    <FallbackPage icon={SearchX} status={404} title="Nothing here by that id">
      <p>
        No payment, dispute, payout, customer or event in this account has that id. Check the link, or find the object
        from its list: the navigation has every section.
      </p>
    </FallbackPage>
  );
}
