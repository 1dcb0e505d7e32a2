"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import { errorProps, Field, inputClass, useMoneyAction, type MoneyAction } from "@/components/payments/action-form";
import { FormActions } from "@/components/ui/form-actions";
import { FormCard } from "@/components/ui/form-card";

export function CreateCustomerForm({ create }: { create: MoneyAction }) {
  const id = useId();
  const router = useRouter();
  const { submit, result, pending, fieldErrors } = useMoneyAction(create, (r) => {
    if (r.ok && r.objectId) router.push(`/customers/${r.objectId}`);
  });
  return (
    <FormCard title="New customer" onSubmit={(form) => submit(form)}>
      <div className="mt-3 grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-name`} label="Name" error={fieldErrors.name?.[0]}>
          <input id={`${id}-name`} name="name" required maxLength={200} autoComplete="off" className={inputClass} {...errorProps(`${id}-name`, fieldErrors.name?.[0])} />
        </Field>
        <Field id={`${id}-email`} label="Email" error={fieldErrors.email?.[0]}>
          <input id={`${id}-email`} name="email" type="email" required autoComplete="off" className={inputClass} {...errorProps(`${id}-email`, fieldErrors.email?.[0])} />
        </Field>
      </div>
      <FormActions label="Create customer" pendingLabel="Creating…" pending={pending} result={result} />
    </FormCard>
  );
}
