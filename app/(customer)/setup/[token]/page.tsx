import type { Metadata } from "next";
import { CardSetupForm } from "@/components/customers/card-setup-form";
import { LinkRefused } from "@/components/customers/link-refused";
import { loadCardSetup } from "@/lib/customers/card-setup";
import { appConfig } from "@/lib/env";
import { formatDate } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { completeCardSetupAction } from "./actions";

export const metadata: Metadata = { title: "Save your card" };
export const dynamic = "force-dynamic";

const TITLES = { invalid: "This link does not work", expired: "This link has expired", used: "This link has been used", revoked: "This link was withdrawn", unavailable: "Please try again later" } as const;

export default async function SetupCardPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const page = await loadCardSetup(token);
  if (!page.ok) return <LinkRefused title={TITLES[page.reason]} message={page.message} />;
  const config = appConfig();
  const viewer = await getViewerFormat();
  const standIn = config.stripe.mode === "emulator" ? `${config.stripe.emulatorUrl}/js/v3` : null;
  return (
    <>
      <p className="text-sm font-medium text-slate-500">{page.merchantName}</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">Save a card for future payments</h1>
      <p className="mt-1 text-sm text-slate-600">
        For <span className="font-medium text-slate-900" data-testid="customer-email">{page.customerEmail ?? page.customerName ?? "you"}</span>. {page.merchantName} will be able to
        charge this card for your orders without asking you each time. This link works until {formatDate(page.expiresAt, viewer)}.
      </p>
      <div className="mt-6">
        <CardSetupForm
          clientSecret={page.clientSecret}
          publishableKey={page.publishableKey}
          standInScript={standIn}
          complete={completeCardSetupAction.bind(null, token)}
        />
      </div>
    </>
  );
}
