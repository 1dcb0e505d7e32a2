"use client";

import { useId, useState } from "react";
import { errorProps, Field, inputClass, useMoneyAction, type MoneyAction } from "@/components/payments/action-form";
import { AmountField, amountToConfirm, ConfirmAmount } from "@/components/payments/amount-field";
import { FormActions } from "@/components/ui/form-actions";
import { FormCard } from "@/components/ui/form-card";
import { PaymentLinkButton } from "@/components/payments/payment-link-button";

export interface ChargeCardChoice {
  id: string;
  label: string;
  isDefault: boolean;
}

/**
 * Charge a saved card off-session. The amount is read in the person's number format and shown as it
 * will be sent; a large one is confirmed first. When the bank asks for 3-D Secure, offer the
 * payment link.
 */
export function ChargeForm({
  customerId,
  cards,
  currencies,
  locale,
  charge,
  sendPaymentLink,
}: {
  customerId: string;
  cards: ChargeCardChoice[];
  currencies: readonly string[];
  /** The person's number format. */
  locale: string;
  charge: MoneyAction;
  sendPaymentLink: MoneyAction;
}) {
  const id = useId();
  const preferred = cards.find((c) => c.isDefault) ?? cards[0];
  const [currency, setCurrency] = useState("usd");
  const [amount, setAmount] = useState("");
  const [cardId, setCardId] = useState(preferred?.id ?? "");
  const [confirming, setConfirming] = useState<string | null>(null);
  const { submit, result, pending, fieldErrors } = useMoneyAction(charge, (outcome) => setConfirming(amountToConfirm(outcome)));
  const needsCustomer = result && !result.ok && result.code === "authentication_required" && result.objectId;
  const card = cards.find((c) => c.id === cardId) ?? preferred;
  const change = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setConfirming(null);
  };
  return (
    <FormCard title="Charge a saved card" onSubmit={(form) => submit(form, { customerId, confirmedAmount: confirming ?? undefined })}>
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-card`} label="Card" error={fieldErrors.paymentMethodId?.[0]}>
          <select id={`${id}-card`} name="paymentMethodId" value={cardId} onChange={(e) => change(setCardId)(e.target.value)} className={inputClass} {...errorProps(`${id}-card`, fieldErrors.paymentMethodId?.[0])}>
            {cards.map((card) => (
              <option key={card.id} value={card.id}>
                {card.label}
                {card.isDefault ? " (default)" : ""}
              </option>
            ))}
          </select>
        </Field>
        <div className="grid grid-cols-[1fr_7rem] items-start gap-2">
          <AmountField
            id={`${id}-amount`}
            label="Amount"
            value={amount}
            onChange={change(setAmount)}
            currency={currency}
            locale={locale}
            error={fieldErrors.amount?.[0]}
            describe={(shown) => `Charge ${shown} to ${card?.label ?? "the card"}`}
          />
          <Field id={`${id}-currency`} label="Currency" error={fieldErrors.currency?.[0]}>
            <select id={`${id}-currency`} name="currency" value={currency} onChange={(e) => change(setCurrency)(e.target.value)} className={inputClass}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field id={`${id}-description`} label="Description" error={fieldErrors.description?.[0]}>
            <input id={`${id}-description`} name="description" required maxLength={500} autoComplete="off" className={inputClass} {...errorProps(`${id}-description`, fieldErrors.description?.[0])} />
          </Field>
        </div>
      </div>
      {confirming ? (
        <ConfirmAmount result={result} pending={pending} onCancel={() => setConfirming(null)} />
      ) : (
        <FormActions label="Charge card" pendingLabel="Charging…" pending={pending} result={result}>
          {result?.ok && result.objectId ? (
            <a className="inline-flex min-h-11 items-center text-sm font-medium text-indigo-700 underline md:min-h-0" href={`/payments/${result.objectId}`}>
              View payment
            </a>
          ) : null}
        </FormActions>
      )}
      {needsCustomer ? (
        <div className="mt-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
          <p>
            The payment is waiting for the customer.{" "}
            <a className="font-medium underline" href={`/payments/${result.objectId}`}>
              View payment
            </a>
          </p>
          <div className="mt-2">
            <PaymentLinkButton paymentIntentId={result.objectId!} send={sendPaymentLink} />
          </div>
        </div>
      ) : null}
    </FormCard>
  );
}
