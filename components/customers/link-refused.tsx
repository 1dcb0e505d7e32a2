import { LinkIcon } from "lucide-react";

/** What a customer sees for an expired, used, withdrawn or mistyped link: a sentence, not an error dump. */
export function LinkRefused({ title, message }: { title: string; message: string }) {
  return (
    <div role="alert" className="text-center" data-testid="link-refused">
      <LinkIcon aria-hidden className="mx-auto size-8 text-slate-400" />
      <h1 className="mt-3 text-lg font-semibold text-slate-900">{title}</h1>
      <p className="mt-1 text-sm text-slate-600">{message}</p>
    </div>
  );
}
