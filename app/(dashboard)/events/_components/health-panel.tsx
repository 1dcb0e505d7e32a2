import Link from "next/link";
import { formatCount, formatDateTime, resourceLabel, type ViewerFormat } from "@/lib/format";
import { STRIPE_API_VERSION } from "@/lib/stripe/api-version";
import { BACKFILL_RESOURCES } from "@/lib/webhooks/backfill";
import type { WebhookHealth } from "@/lib/webhooks/event-log";
import { REJECTION_MESSAGE, type RejectionReason } from "@/lib/webhooks/verify";

function Figure({ label, value, tone = "slate", href }: { label: string; value: string; tone?: "slate" | "red" | "amber"; href?: string }) {
  const color = tone === "red" ? "text-red-700" : tone === "amber" ? "text-amber-800" : "text-slate-900";
  const body = <span className={`block text-lg font-semibold tabular-nums ${color}`}>{value}</span>;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <span className="block text-xs font-medium uppercase tracking-wide text-slate-500">{label}</span>
      {href ? (
        <Link href={href} className="hover:underline">
          {body}
        </Link>
      ) : (
        body
      )}
    </div>
  );
}

/** Whether Stripe's events are reaching us, and what needs a person. */
export function HealthPanel({ health, viewer }: { health: WebhookHealth; viewer: ViewerFormat }) {
  const rejections = health.rejectionsLast24h.reduce((sum, r) => sum + r.count, 0);
  const resourcesDone = health.backfill.filter((b) => b.finished).length;
  const resourcesTotal = BACKFILL_RESOURCES.length + 1;
  return (
    <section aria-labelledby="webhook-health" className="mb-6" data-testid="webhook-health">
      <h2 id="webhook-health" className="mb-2 text-sm font-semibold text-slate-900">
        Webhook health
      </h2>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Figure
          label="Last event received"
          value={health.lastEvent ? formatDateTime(health.lastEvent.receivedAt, viewer) : "Never"}
          tone={health.lastEvent ? "slate" : "amber"}
          href={health.lastEvent ? `/events/${health.lastEvent.id}` : undefined}
        />
        <Figure label="Failed, last 24 h" value={String(health.failedLast24h)} tone={health.failedLast24h ? "red" : "slate"} href="/events?status=failed" />
        <Figure label="Waiting for retry" value={String(health.awaitingRetry)} tone={health.awaitingRetry ? "amber" : "slate"} />
        <Figure label="Stuck in failed" value={String(health.stuckFailed)} tone={health.stuckFailed ? "red" : "slate"} href="/events?status=failed" />
        <Figure label="Signature rejections, 24 h" value={String(rejections)} tone={rejections ? "amber" : "slate"} />
      </div>
      <div className="mt-2 space-y-1 text-xs text-slate-600">
        {health.rejectionsLast24h.length > 0 ? (
          <p>
            Rejected deliveries:{" "}
            {health.rejectionsLast24h.map((r) => `${REJECTION_MESSAGE[r.reason as RejectionReason] ?? r.reason} (${r.count})`).join(", ")}. A
            wrong or rotated signing secret is the usual cause.
          </p>
        ) : null}
        <p>
          Endpoint:{" "}
          {health.endpoint ? (
            <span className="font-mono">
              {health.endpoint.id} → {health.endpoint.url}
            </span>
          ) : (
            "not set up from this dashboard (the signing secret then comes from STRIPE_WEBHOOK_SECRET)"
          )}
          {health.endpoint ? (
            <span data-testid="endpoint-api-version" className={health.endpoint.apiVersion === STRIPE_API_VERSION ? "" : "font-semibold text-amber-800"}>
              {" "}
              · API version {health.endpoint.apiVersion ?? "the account's default"}
              {health.endpoint.apiVersion === STRIPE_API_VERSION ? "" : ` (ours is ${STRIPE_API_VERSION}: set the endpoint up again to move it)`}
              {health.endpoint.replacing ? ` · replacing ${health.endpoint.replacing} until this one has delivered` : ""}
            </span>
          ) : null}
          {health.lastCatchUp?.finishedAt ? ` · last catch-up ${formatDateTime(health.lastCatchUp.finishedAt, viewer)}` : ""}
        </p>
        {health.otherVersionLast24h > 0 ? (
          <p className="text-amber-800">
            <Link href="/events" className="hover:underline">
              {health.otherVersionLast24h} event(s) in the last 24 h
            </Link>{" "}
            came in another API version than {STRIPE_API_VERSION}: each was kept and the mirror updated from Stripe&apos;s current copy.
          </p>
        ) : null}
        {health.backfill.length > 0 ? (
          <div className="flex items-center gap-2" data-testid="backfill-progress">
            <span>Backfill</span>
            <progress max={resourcesTotal} value={resourcesDone} className="h-2 w-40" aria-label="Backfill progress">
              {resourcesDone} of {resourcesTotal}
            </progress>
            <span>
              {resourcesDone}/{resourcesTotal} object types ·{" "}
              {health.backfill.map((b) => `${resourceLabel(b.resource)} ${formatCount(b.copied, viewer.locale)}${b.finished ? "" : "…"}`).join(", ")}
            </span>
          </div>
        ) : null}
      </div>
    </section>
  );
}
