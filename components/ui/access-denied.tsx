import { Lock } from "lucide-react";

/** Shown when a signed-in staff member opens a page their role does not cover. */
export function AccessDenied({ message }: { message: string }) {
  return (
    <div role="alert" className="flex items-start gap-3 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900">
      <Lock aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div>
        <p className="font-semibold">You don’t have access to this page</p>
        <p className="mt-0.5">{message} Ask an Administrator if you need it.</p>
      </div>
    </div>
  );
}
