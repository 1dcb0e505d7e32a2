// Everything a person reads, formatted once: dates and times, statuses, decline codes and counts,
// in the viewer's locale and time zone. Components and pages use these and never call Intl or
// build labels themselves (tests/architecture.test.ts). Money: formatMoney in lib/money.ts, given
// the viewer's locale. Client-safe: the server-only getViewerFormat lives in ./viewer.ts.
export { DEFAULT_LOCALE, type ViewerFormat } from "./viewer-format";
export { formatDate, formatDateTime, formatDay, formatRelative, formatShortDay } from "./dates";
export { declineCodeLabel, paymentFailureLabel } from "./decline-codes";
export { formatCount, formatHours, formatListCount, formatPercent } from "./numbers";
export * from "./statuses";
