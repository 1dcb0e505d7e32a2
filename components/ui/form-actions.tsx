import type { ReactNode } from "react";
import { primaryButton, ResultMessage } from "@/components/payments/action-form";
import type { ActionResult } from "@/lib/audit/result";

/**
 * The submit row every money-action form shares, so staff see the same pending wording and the same
 * status message (the one the end-to-end tests read) whichever form they use. Anything that follows
 * from the outcome, such as a link to the new object, goes in `children`.
 */
export function FormActions({
  label,
  pendingLabel,
  pending,
  result,
  children,
}: {
  label: string;
  pendingLabel: string;
  pending: boolean;
  result: ActionResult | null;
  children?: ReactNode;
}) {
  return (
    <div className="mt-3 flex flex-wrap items-center gap-3">
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? pendingLabel : label}
      </button>
      <ResultMessage result={result} />
      {children}
    </div>
  );
}
