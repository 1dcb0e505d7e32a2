import { MailCheck } from "lucide-react";
import type { Metadata } from "next";
import { Table } from "@/components/tables/table";
import { AccessDenied } from "@/components/ui/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { mailConfig } from "@/lib/alerts/mail-config";
import { readLocalMailbox } from "@/lib/alerts/mailbox";
import { undeliveredAlertMail } from "@/lib/alerts/outbox";
import { requirePagePermission } from "@/lib/auth/require-role";
import { appConfig } from "@/lib/env";
import { formatCount, formatDateTime } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";

export const metadata: Metadata = { title: "Mail · Ledgerline" };

const LINK = /https?:\/\/[^\s<>"]+/g;

export default async function MailPage() {
  const access = await requirePagePermission("staff.manage");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const viewer = await getViewerFormat();
  const config = mailConfig();
  const undelivered = await undeliveredAlertMail();
  // The local mailbox stands in for people's inboxes next to the Stripe emulator: emulator mode only.
  const showMailbox = appConfig().stripe.mode === "emulator" && config.localMailboxDir !== null;
  const mailbox = showMailbox ? await readLocalMailbox(config.localMailboxDir!) : [];

  return (
    <>
      <PageHeader title="Mail" description={config.smtpUrl ? "Alert mail and how its delivery went." : "SMTP_URL is not set: alert mail waits in the outbox until it is."} />
      <section aria-labelledby="undelivered-heading" className="mb-8">
        <h2 id="undelivered-heading" className="mb-2 text-sm font-semibold text-slate-900">
          Undelivered alert mail
        </h2>
        {undelivered.length === 0 ? (
          <p className="text-sm text-slate-600">Every alert mail so far was accepted by the mail server.</p>
        ) : (
          <Table caption="Undelivered alert mail" testId="undelivered-mail" columns={[{ label: "Created" }, { label: "To" }, { label: "Subject" }, { label: "State" }, { label: "Server's last answer" }]}>
            {undelivered.map((m) => (
              <tr key={m.id}>
                <td className="px-3 py-2 text-sm">{formatDateTime(m.createdAt, viewer)}</td>
                <td className="px-3 py-2 text-sm">{m.recipient}</td>
                <td className="px-3 py-2 text-sm">{m.subject ?? "—"}</td>
                <td className="px-3 py-2 text-sm">
                  {m.status === "failed"
                    ? `Failed for good after ${formatCount(m.attempts, viewer.locale)} attempt(s)`
                    : `Retrying after ${formatCount(m.attempts, viewer.locale)} attempt(s); next at ${formatDateTime(m.nextAttemptAt!, viewer)}`}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{m.lastError ?? "—"}</td>
              </tr>
            ))}
          </Table>
        )}
      </section>
      {showMailbox ? (
        <section aria-labelledby="mailbox-heading">
          <h2 id="mailbox-heading" className="mb-2 text-sm font-semibold text-slate-900">
            Local mailbox
          </h2>
          <p className="mb-3 text-sm text-slate-600">Everything the local SMTP server received, newest first, as staff would get it.</p>
          {mailbox.length === 0 ? (
            <EmptyState icon={MailCheck} title="No mail yet">
              Create a dispute through the emulator: its alert mail arrives here within seconds.
            </EmptyState>
          ) : (
            <ul className="space-y-3">
              {mailbox.map((mail) => (
                <li key={mail.file} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="local-mail">
                  <p className="text-xs text-slate-500">
                    To {mail.to} · {mail.date ? formatDateTime(mail.date, viewer) : "—"}
                  </p>
                  <p className="text-sm font-semibold text-slate-900" data-testid="local-mail-subject">
                    {mail.subject}
                  </p>
                  <details className="mt-2">
                    <summary className="cursor-pointer text-sm text-indigo-700">Show the message</summary>
                    <pre className="mt-2 text-xs whitespace-pre-wrap text-slate-700" data-testid="local-mail-text">
                      {mail.text}
                    </pre>
                  </details>
                  <p className="mt-2 flex flex-wrap gap-3 text-sm">
                    {[...new Set(mail.text.match(LINK) ?? [])].map((url) => (
                      <a key={url} href={url} className="text-indigo-700 underline">
                        {url.includes("/unsubscribe") ? "Unsubscribe link" : `Open ${new URL(url).pathname}`}
                      </a>
                    ))}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
