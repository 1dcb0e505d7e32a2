import type { ReactNode } from "react";
import { StripeModeBadge } from "@/components/shell/stripe-mode-badge";
import { appConfig } from "@/lib/env";

export default function AuthLayout({ children }: { children: ReactNode }) {
  const config = appConfig();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <span className="text-lg font-semibold tracking-tight">{config.merchantName}</span>
          <StripeModeBadge mode={config.stripe.mode} />
        </div>
        {children}
      </div>
    </main>
  );
}
