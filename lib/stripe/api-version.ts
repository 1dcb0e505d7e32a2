/**
 * The API version everything here is written against: the SDK's own, so the types we compile
 * against describe what Stripe sends. Requests carry it, the webhook endpoint is created with it,
 * and an event rendered in any other version is never read as if it were in this one.
 */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const;
