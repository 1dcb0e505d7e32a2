"use client";

import { useId } from "react";
import { errorProps, Field, inputClass, useMoneyAction, type MoneyAction } from "@/components/payments/action-form";
import { FormActions } from "@/components/ui/form-actions";
import { FormCard } from "@/components/ui/form-card";

/** The customer's details as Stripe holds them, changed through Stripe on save. */
export function EditCustomerForm({
  customerId,
  current,
  update,
}: {
  customerId: string;
  current: { name: string; email: string; phone: string; metadata: string };
  update: MoneyAction;
}) {
  const id = useId();
  const { submit, result, pending, fieldErrors } = useMoneyAction(update);
  return (
    <FormCard title="Edit customer" description="Changes are made in Stripe; metadata is one key: value per line." onSubmit={(form) => submit(form, { customerId })}>
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-name`} label="Name" error={fieldErrors.name?.[0]}>
          <input id={`${id}-name`} name="name" required maxLength={256} defaultValue={current.name} autoComplete="off" className={inputClass} {...errorProps(`${id}-name`, fieldErrors.name?.[0])} />
        </Field>
        <Field id={`${id}-email`} label="Email" error={fieldErrors.email?.[0]}>
          <input id={`${id}-email`} name="email" type="email" required maxLength={512} defaultValue={current.email} autoComplete="off" className={inputClass} {...errorProps(`${id}-email`, fieldErrors.email?.[0])} />
        </Field>
        <Field id={`${id}-phone`} label="Phone" error={fieldErrors.phone?.[0]}>
          <input id={`${id}-phone`} name="phone" type="tel" maxLength={20} defaultValue={current.phone} autoComplete="off" className={inputClass} {...errorProps(`${id}-phone`, fieldErrors.phone?.[0])} />
        </Field>
        <Field id={`${id}-metadata`} label="Metadata" error={fieldErrors.metadata?.[0]}>
          <textarea id={`${id}-metadata`} name="metadata" rows={3} defaultValue={current.metadata} className={inputClass} {...errorProps(`${id}-metadata`, fieldErrors.metadata?.[0])} />
        </Field>
      </div>
      <FormActions label="Save changes" pendingLabel="Saving…" pending={pending} result={result} />
    </FormCard>
  );
}
