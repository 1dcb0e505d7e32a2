import { settleBalance } from "../resources/balance";
import { attachBalanceTransaction } from "../resources/charges";
import { runDisputeTask } from "../resources/disputes";
import { runPayoutTask } from "../resources/payouts";
import { runRefundTask } from "../resources/refunds";
import type { World } from "./world";

/** Runs every scheduled task that is due, each at the moment it was due, oldest first. */
export function runDueTasks(world: World): number {
  let ran = 0;
  const now = world.now();
  // Scheduled changes are "automatic" in Stripe's terms: their events name no request.
  const request = world.request;
  world.request = null;
  for (let task = world.store.takeDue(now); task; task = world.store.takeDue(now)) {
    const t = task;
    world.clock.runAt(t.at, () => {
      settleBalance(world);
      if (t.kind.startsWith("refund.")) runRefundTask(world, t.kind, t.ref);
      else if (t.kind.startsWith("payout.")) runPayoutTask(world, t.kind, t.ref);
      else if (t.kind.startsWith("dispute.")) runDisputeTask(world, t.kind, t.ref, t.data);
      else if (t.kind === "charge.balance_transaction") attachBalanceTransaction(world, t.ref);
    });
    ran++;
  }
  settleBalance(world);
  world.request = request;
  return ran;
}
