import { z } from "zod";
import { resourceMissing } from "../core/errors";
import { newId } from "../core/ids";
import { listOf } from "../core/list";
import { parse } from "../core/params";
import type { Router } from "../core/router";
import type { StripeObject } from "../core/store";
import type { World } from "../core/world";

export function createEarlyFraudWarning(world: World, charge: StripeObject): StripeObject {
  const warning: StripeObject = {
    id: newId("issfr"),
    object: "radar.early_fraud_warning",
    actionable: true,
    charge: charge.id,
    created: world.now(),
    fraud_type: "made_with_stolen_card",
    livemode: world.livemode,
    payment_intent: charge.payment_intent ?? null,
  };
  world.store.insert(warning);
  world.emit("radar.early_fraud_warning.created", warning);
  return warning;
}

/** A warning stops being actionable once its charge is disputed or fully refunded. */
export function settleEarlyFraudWarnings(world: World, chargeId: string): void {
  for (const warning of world.store.all("radar.early_fraud_warning")) {
    if (warning.charge !== chargeId || warning.actionable !== true) continue;
    const previous = world.update(warning, { actionable: false });
    world.emit("radar.early_fraud_warning.updated", warning, previous);
  }
}

export function registerRadar(router: Router): void {
  router.get("/v1/radar/early_fraud_warnings", (r) => {
    const p = parse(z.object({ charge: z.string().optional(), payment_intent: z.string().optional() }), r.input);
    const items = r.world.store
      .where("radar.early_fraud_warning", (w) => (p.charge === undefined || w.charge === p.charge) && (p.payment_intent === undefined || w.payment_intent === p.payment_intent));
    return listOf(r.world.store, items, r.input, "/v1/radar/early_fraud_warnings");
  });
  router.get("/v1/radar/early_fraud_warnings/:id", (r) => {
    const warning = r.world.store.getOf("radar.early_fraud_warning", r.params.id ?? "");
    if (!warning) throw resourceMissing("early fraud warning", r.params.id ?? "");
    return warning;
  });
}
