"use client";

import { useId } from "react";
import { inputClass } from "@/components/payments/action-form";
import { CE3_WINDOW_TEXT, type Ce3Panel } from "@/lib/disputes/ce3/panel";

export interface Ce3Choice {
  priorCharges: string[];
  productDescription: string;
  merchandiseOrServices: "" | "merchandise" | "services";
}

/** The finder's two picks preselected; none when the evidence can no longer change, as they may not be what was sent. */
export function initialCe3Choice(panel: Ce3Panel, readOnly: boolean): Ce3Choice {
  return { priorCharges: readOnly ? [] : panel.chosen, productDescription: panel.defaultDescription, merchandiseOrServices: "" };
}

/** The fields the stage and submit actions read, sent only when two payments are chosen. */
export function ce3Payload(choice: Ce3Choice): Record<string, string> {
  if (choice.priorCharges.length === 0) return {};
  return { ce3PriorCharges: choice.priorCharges.join(","), ce3ProductDescription: choice.productDescription, ce3MerchandiseOrServices: choice.merchandiseOrServices };
}

/**
 * Visa Compelling Evidence 3.0: the earlier payments of this card that could answer a fraud
 * dispute, why each qualifies or not, and what the merchant would need to record to qualify more.
 */
export function Ce3Candidates({ panel, choice, onChange, readOnly }: { panel: Ce3Panel; choice: Ce3Choice; onChange: (c: Ce3Choice) => void; readOnly: boolean }) {
  const id = useId();
  const toggle = (chargeId: string, on: boolean) => {
    const rest = choice.priorCharges.filter((c) => c !== chargeId);
    onChange({ ...choice, priorCharges: on ? [...rest, chargeId].slice(-2) : rest });
  };
  return (
    <section aria-labelledby={`${id}-title`} className="mt-4 rounded-md border border-indigo-200 bg-indigo-50/40 p-3" data-testid="ce3-panel">
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        Visa Compelling Evidence 3.0
      </h3>
      <p className="text-xs text-slate-600">{CE3_WINDOW_TEXT} Two are sent; they must share two identifiers with this payment, one the IP address or the device.</p>
      <p className="mt-1 text-sm text-slate-800" data-testid="ce3-status">{panel.status}</p>
      {panel.rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No earlier payment of this card falls in the window.</p>
      ) : (
        <ul className="mt-2 space-y-1.5" aria-label="Earlier payments of this card">
          {panel.rows.map((row) => (
            <li key={row.chargeId} className="text-sm" data-testid="ce3-candidate">
              <label className={`flex items-start gap-2 ${row.qualifies ? "" : "text-slate-500"}`}>
                <input
                  type="checkbox"
                  className="mt-1"
                  disabled={readOnly || !row.qualifies}
                  checked={choice.priorCharges.includes(row.chargeId)}
                  onChange={(e) => toggle(row.chargeId, e.currentTarget.checked)}
                />
                <span>
                  <span className="font-medium">
                    {row.when} · {row.amount}
                  </span>
                  {row.description ? ` · ${row.description}` : ""} <span className="text-xs text-slate-500">{row.chargeId}</span>
                  <span className="block text-xs">{row.why}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {panel.missing.length > 0 ? (
        <ul className="mt-2 list-disc pl-5 text-xs text-amber-900" aria-label="Identifiers not recorded">
          {panel.missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      {choice.priorCharges.length > 0 && !readOnly ? (
        <div className="mt-3 grid gap-2 sm:grid-cols-[1fr_12rem]">
          <label className="text-sm font-medium text-slate-800">
            What was sold in the disputed payment
            <input className={inputClass} name="ce3ProductDescription" value={choice.productDescription} onChange={(e) => onChange({ ...choice, productDescription: e.target.value })} />
          </label>
          <label className="text-sm font-medium text-slate-800">
            Merchandise or services
            <select className={inputClass} name="ce3MerchandiseOrServices" value={choice.merchandiseOrServices} onChange={(e) => onChange({ ...choice, merchandiseOrServices: e.target.value as Ce3Choice["merchandiseOrServices"] })}>
              <option value="">Choose…</option>
              <option value="merchandise">Merchandise</option>
              <option value="services">Services</option>
            </select>
          </label>
        </div>
      ) : null}
    </section>
  );
}
