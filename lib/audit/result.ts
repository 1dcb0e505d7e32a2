/**
 * What every money action hands back to its form. Plain data only: it crosses the server-action
 * boundary, so nothing raw from Stripe may be in it.
 */

export type FieldErrors = Record<string, string[] | undefined>;

export type ActionResult =
  | { ok: true; message: string; objectId?: string; status?: string; /** A customer link path, shown once. */ link?: string }
  | {
      ok: false;
      error: string;
      fieldErrors?: FieldErrors;
      /** Stable key for the form (e.g. `authentication_required` offers a payment link). */
      code?: string;
      /** The same action id may be sent again: the outcome is not known yet. */
      retryable?: boolean;
      /** The object the failed attempt created anyway (a payment that needs authentication). */
      objectId?: string;
      /** With `needs_amount_confirmation`: the amount in minor units to send back as confirmed. */
      confirmAmount?: string;
    };

export function refused(error: string, code = "refused"): ActionResult {
  return { ok: false, error, code };
}

export function invalidFields(fieldErrors: FieldErrors, error = "Check the highlighted fields."): ActionResult {
  return { ok: false, error, fieldErrors, code: "invalid" };
}
