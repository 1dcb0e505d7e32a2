import { formatCount, formatDate } from "@/lib/format";
import type { ViewerFormat } from "@/lib/format/viewer-format";
import { formatMoney } from "@/lib/money";
import type { Ce3Workbench } from "./candidates";
import { CE3_MAX_DAYS, CE3_MIN_DAYS, SIGNAL_LABELS } from "./qualify";

/** What the workbench shows for Visa CE 3.0: plain strings, formatted for the viewer. */
export interface Ce3PanelRow {
  chargeId: string;
  when: string;
  amount: string;
  description: string | null;
  /** "made 200 days before; shares the purchase IP address and the device id or fingerprint" */
  why: string;
  qualifies: boolean;
}

export interface Ce3Panel {
  status: string;
  rows: Ce3PanelRow[];
  /** The two the finder picked, preselected. */
  chosen: string[];
  defaultDescription: string;
  /** One sentence per identifier the disputed payment lacks, with where it would come from. */
  missing: string[];
}

const STATUS: Record<string, string> = {
  qualified: "Stripe says the evidence saved so far qualifies.",
  requires_action: "Stripe says the dispute qualifies once two prior payments and descriptions are provided.",
  not_qualified: "Stripe says this dispute does not qualify.",
};

const REQUIRED_ACTIONS: Record<string, string> = {
  missing_customer_identifiers: "matching customer identifiers",
  missing_disputed_transaction_description: "a description of the disputed payment",
  missing_merchandise_or_services: "whether it was merchandise or services",
  missing_prior_undisputed_transaction_description: "descriptions of the prior payments",
  missing_prior_undisputed_transactions: "two prior undisputed payments",
};

function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

export function ce3Panel(workbench: Ce3Workbench, viewer: ViewerFormat): Ce3Panel {
  const rows = workbench.candidates.map((c) => {
    const t = c.transaction;
    const shares = c.signals.length === 0 ? "shares no identifier" : `shares the ${listed(c.signals.map((s) => SIGNAL_LABELS[s]))}`;
    const verdict = c.qualifies ? "" : c.signals.length < 2 ? " (two are needed)" : " (one must be the IP address or the device)";
    return {
      chargeId: t.chargeId,
      when: formatDate(t.created, viewer),
      amount: formatMoney(t.amount, t.currency, viewer.locale),
      description: t.description,
      why: `Made ${formatCount(c.daysBefore, viewer.locale)} days before; ${shares}${verdict}.`,
      qualifies: c.qualifies,
    };
  });
  const actions = workbench.requiredActions.map((a) => REQUIRED_ACTIONS[a] ?? a);
  const status = STATUS[workbench.stripeStatus ?? ""] ?? "Stripe has not said whether this dispute qualifies.";
  return {
    status: workbench.stripeStatus === "requires_action" && actions.length > 0 ? `Stripe still needs ${listed(actions)}.` : status,
    rows,
    chosen: workbench.chosen?.map((c) => c.transaction.chargeId) ?? [],
    defaultDescription: workbench.disputed.description ?? "",
    missing: workbench.missing.map((m) =>
      `This payment has no ${SIGNAL_LABELS[m.signal]} recorded (${m.source})` +
      (m.wouldQualify > 0 ? `: with it, ${formatCount(m.wouldQualify, viewer.locale)} more earlier payment${m.wouldQualify === 1 ? "" : "s"} would have qualified.` : "."),
    ),
  };
}

export const CE3_WINDOW_TEXT = `Visa counts paid, undisputed payments on the same card made ${CE3_MIN_DAYS}–${CE3_MAX_DAYS} days before the disputed one.`;
