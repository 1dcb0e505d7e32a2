// Stripe-shaped API errors. Handlers throw them; the router renders `{ error: {...} }`
// with the HTTP status that stripe-node maps to the matching error class.
export type StripeErrorBody = {
  type: string;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_intent?: unknown;
  payment_method?: unknown;
  setup_intent?: unknown;
  advice_code?: string;
};

export class ApiError extends Error {
  isValidation = false;
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

function docUrl(code: string | undefined): string | undefined {
  return code ? `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}` : undefined;
}

export function invalidRequest(message: string, opts: { param?: string; code?: string; status?: number } = {}): ApiError {
  return new ApiError(opts.status ?? 400, {
    type: "invalid_request_error",
    message,
    ...(opts.code ? { code: opts.code, doc_url: docUrl(opts.code) } : {}),
    ...(opts.param ? { param: opts.param } : {}),
  });
}

export function missingParam(param: string): ApiError {
  return invalidRequest(`Missing required param: ${param}.`, { param, code: "parameter_missing" });
}

export function resourceMissing(kind: string, id: string, param = "id"): ApiError {
  return invalidRequest(`No such ${kind}: '${id}'`, { param, code: "resource_missing", status: 404 });
}

export function unknownRoute(method: string, path: string): ApiError {
  return invalidRequest(
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    { status: 404 },
  );
}

export function cardError(body: Omit<StripeErrorBody, "type">): ApiError {
  return new ApiError(402, { type: "card_error", ...body, doc_url: docUrl(body.code) });
}
