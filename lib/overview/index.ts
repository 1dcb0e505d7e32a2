// Everything the Overview page shows, loaded together. The balance comes from a function the
// caller passes (Stripe's API in the app, nothing in the benchmark), so this module reads only
// our own tables.
import { disputesAwaitingResponse, type DisputeRow } from "@/lib/queries/disputes";
import { upcomingPayouts, type PayoutRow } from "@/lib/payouts/queries";
import { dailyActivity, type ActivitySeries } from "./activity";
import { actionableFraudWarnings, recentFailedPayments, type FailedPaymentRow, type FraudWarningRow } from "./attention";
import type { BalanceSnapshot } from "./balance";

export interface Overview {
  balance: BalanceSnapshot;
  activity: ActivitySeries;
  disputes: DisputeRow[];
  fraudWarnings: FraudWarningRow[];
  failedPayments: FailedPaymentRow[];
  payouts: PayoutRow[];
}

const NO_BALANCE: BalanceSnapshot = { amounts: [], source: "unavailable", asOf: null };

export async function loadOverview(options: { timeZone: string; now?: Date; balance?: () => Promise<BalanceSnapshot> }): Promise<Overview> {
  const [balance, activity, disputes, fraudWarnings, failedPayments, payouts] = await Promise.all([
    options.balance ? options.balance() : Promise.resolve(NO_BALANCE),
    dailyActivity({ timeZone: options.timeZone, now: options.now }),
    disputesAwaitingResponse(8),
    actionableFraudWarnings(8),
    recentFailedPayments(8),
    upcomingPayouts(5),
  ]);
  return { balance, activity, disputes, fraudWarnings, failedPayments, payouts };
}
