import { disputeStatusLabel, paymentBadgeLabel, payoutStatusLabel, refundStatusLabel } from "@/lib/format";
import type { PaymentBadge } from "@/lib/queries/payment-status";

export type Tone = "green" | "red" | "amber" | "blue" | "slate" | "purple";

const TONE_CLASS: Record<Tone, string> = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  red: "bg-red-50 text-red-800 ring-red-600/20",
  amber: "bg-amber-50 text-amber-900 ring-amber-600/25",
  blue: "bg-sky-50 text-sky-800 ring-sky-600/20",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/20",
  purple: "bg-violet-50 text-violet-800 ring-violet-600/20",
};

/** One status word in a coloured pill; the word carries the meaning, the colour only helps. */
export function StatusBadge({ tone, children, testId }: { tone: Tone; children: string; testId?: string }) {
  return (
    <span data-testid={testId} data-tone={tone} className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONE_CLASS[tone]}`}>
      {children}
    </span>
  );
}

const PAYMENT_TONE: Record<PaymentBadge, Tone> = {
  succeeded: "green",
  failed: "red",
  needs_authentication: "amber",
  refunded: "slate",
  partially_refunded: "slate",
  disputed: "red",
  early_fraud_warning: "purple",
  canceled: "slate",
  incomplete: "slate",
  processing: "blue",
  uncaptured: "blue",
};

export function PaymentBadges({ badges }: { badges: PaymentBadge[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {badges.map((badge) => (
        <StatusBadge key={badge} tone={PAYMENT_TONE[badge]} testId={`badge-${badge}`}>
          {paymentBadgeLabel(badge)}
        </StatusBadge>
      ))}
    </span>
  );
}

const REFUND_TONE: Record<string, Tone> = { succeeded: "green", pending: "blue", requires_action: "amber", failed: "red", canceled: "slate" };
export function RefundStatusBadge({ status }: { status: string }) {
  return <StatusBadge tone={REFUND_TONE[status] ?? "slate"}>{refundStatusLabel(status)}</StatusBadge>;
}

const DISPUTE_TONE: Record<string, Tone> = {
  needs_response: "red",
  warning_needs_response: "amber",
  under_review: "blue",
  warning_under_review: "blue",
  won: "green",
  lost: "slate",
  warning_closed: "slate",
  prevented: "green",
};
export function DisputeStatusBadge({ status, testId }: { status: string; testId?: string }) {
  return (
    <StatusBadge tone={DISPUTE_TONE[status] ?? "slate"} testId={testId}>
      {disputeStatusLabel(status)}
    </StatusBadge>
  );
}

const PAYOUT_TONE: Record<string, Tone> = { paid: "green", in_transit: "blue", pending: "blue", failed: "red", canceled: "slate" };
export function PayoutStatusBadge({ status }: { status: string }) {
  return <StatusBadge tone={PAYOUT_TONE[status] ?? "slate"}>{payoutStatusLabel(status)}</StatusBadge>;
}

