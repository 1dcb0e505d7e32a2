import { useId, type ReactNode } from "react";

/**
 * The card every staff action form sits in. The form is named by its title, which is how staff
 * using a screen reader (and the end-to-end tests) find it, and submitting never reloads the page:
 * the form hands itself to `onSubmit` and the caller runs the action.
 */
export function FormCard({
  title,
  description,
  onSubmit,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  onSubmit: (form: HTMLFormElement) => void;
  children: ReactNode;
}) {
  const titleId = `${useId()}-title`;
  return (
    <form
      aria-labelledby={titleId}
      className="rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(e.currentTarget);
      }}
    >
      <h2 id={titleId} className="text-sm font-semibold">
        {title}
      </h2>
      {description ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
      {children}
    </form>
  );
}
