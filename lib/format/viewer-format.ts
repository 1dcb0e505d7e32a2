/**
 * Who is reading, as far as formatting cares: a BCP 47 locale ("en-US") and an IANA time zone.
 * Pages get it from getViewerFormat() (./viewer.ts, server only) and pass it down as a prop, so
 * client components format with the same values the server used.
 */
export interface ViewerFormat {
  locale: string;
  timeZone: string;
}

/** The locale a viewer reads in until their profile says otherwise: the number formats' default. */
export { DEFAULT_LOCALE } from "@/lib/amounts/number-formats";
