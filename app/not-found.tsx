import { SearchX } from "lucide-react";
import type { Metadata } from "next";
import { FallbackPage } from "@/components/ui/fallback-page";

export const metadata: Metadata = { title: "Not found · Ledgerline" };

// An address no page answers, outside the shell.
export default function NotFound() {
  return (
    <main>
      <FallbackPage icon={SearchX} status={404} title="This page does not exist">
        <p>The address may be mistyped, or the page has moved.</p>
      </FallbackPage>
    </main>
  );
}
