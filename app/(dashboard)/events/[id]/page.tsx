import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { AccessDenied } from "@/components/ui/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-role";
import { can } from "@/lib/auth/permissions";
import { eventSourceLabel, formatDateTime } from "@/lib/format";
import { getViewerFormat } from "@/lib/format/viewer";
import { STRIPE_API_VERSION } from "@/lib/stripe/api-version";
import { getEvent } from "@/lib/webhooks/event-log";
import { objectPages } from "@/lib/webhooks/object-pages";
import { replayEventAction } from "../actions";
import { EventStatusBadge } from "../_components/event-status-badge";
import { OperationButton } from "../_components/operation-button";

export const metadata: Metadata = { title: "Event · Ledgerline" };

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requirePagePermission("dashboard.read");
  if (!access.ok) return <AccessDenied message={access.error} />;
  const { id } = await params;
  const event = await getEvent(id);
  if (!event) notFound();
  const [viewer, pages] = await Promise.all([getViewerFormat(), objectPages(event.objects)]);
  const canReplay = can(access.staff.roles, "events.replay");
  const replay = replayEventAction.bind(null, { eventId: event.id });

  return (
    <>
      <PageHeader back={{ href: "/events", label: "Events" }}
        title={event.type}
        description={event.id}
        actions={canReplay ? <OperationButton label="Replay" confirm="Process this event again?" run={replay} testId="replay" /> : null}
      />
      <dl className="mb-6 grid grid-cols-2 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm md:grid-cols-4">
        <Fact label="Status">
          <EventStatusBadge status={event.status} />
        </Fact>
        <Fact label="Attempts">{event.attempts}</Fact>
        <Fact label="Created at Stripe">{formatDateTime(event.created, viewer)}</Fact>
        <Fact label="Received">{`${formatDateTime(event.receivedAt, viewer)} (${eventSourceLabel(event.source)})`}</Fact>
        <Fact label="Processed">{formatDateTime(event.processedAt, viewer)}</Fact>
        <Fact label="Next attempt">{event.status === "failed" ? (event.nextAttemptAt ? formatDateTime(event.nextAttemptAt, viewer) : "None: replay it") : "—"}</Fact>
        <Fact label="Request">{event.requestId ?? "automatic"}</Fact>
        <Fact label="Idempotency key">{event.requestIdempotencyKey ?? "—"}</Fact>
      </dl>
      {event.otherApiVersion ? (
        <div role="note" className="mb-6 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900" data-testid="other-api-version">
          <p className="font-semibold">Sent in API version {event.apiVersion ?? "unknown"}, not {STRIPE_API_VERSION}</p>
          <p className="mt-1">
            The payload below is kept exactly as Stripe sent it, but its fields follow that version. The mirror was updated from
            Stripe&apos;s current copy of the object instead. Setting the endpoint up again from this page moves it to our version.
          </p>
        </div>
      ) : null}
      {event.lastError ? (
        <div role="alert" className="mb-6 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800">
          <p className="font-semibold">Processing failed</p>
          <p className="mt-1 font-mono text-xs">{event.lastError}</p>
        </div>
      ) : null}
      <section aria-labelledby="touches" className="mb-6">
        <h2 id="touches" className="mb-2 text-sm font-semibold text-slate-900">
          Objects this event touches
        </h2>
        <ul className="flex flex-wrap gap-2 text-xs" data-testid="touched-objects">
          {event.objects.map((o) => {
            const page = pages.get(o.objectId);
            return (
              <li key={o.objectId} className="inline-flex items-center gap-1 rounded bg-slate-100 px-2 py-1 font-mono text-slate-700">
                <span>{o.objectType}:</span>
                {page ? (
                  <Link href={page} className="text-indigo-700 underline-offset-2 hover:underline">
                    {o.objectId}
                  </Link>
                ) : (
                  <span>{o.objectId}</span>
                )}
                <Link href={`/events?object=${encodeURIComponent(o.objectId)}`} className="ml-1 font-sans text-slate-600 hover:underline" aria-label={`Events of ${o.objectId}`}>
                  events
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby="payload">
        <h2 id="payload" className="mb-2 text-sm font-semibold text-slate-900">
          Payload
        </h2>
        <pre className="max-h-[36rem] overflow-auto rounded-lg border border-slate-200 bg-slate-950 p-4 text-xs leading-relaxed text-slate-100" data-testid="event-payload">
          {JSON.stringify(event.payload, null, 2)}
        </pre>
      </section>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}
