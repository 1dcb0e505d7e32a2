import "server-only";
import { merchantTimeZone } from "@/lib/listing/time-zone";
import { DEFAULT_LOCALE, type ViewerFormat } from "./viewer-format";

/**
 * The one place that decides how the person viewing a page reads dates, times and amounts. Today
 * every member of staff sees the merchant's time zone in US English; reading each person's own
 * locale and zone from their profile changes this function only.
 */
export async function getViewerFormat(): Promise<ViewerFormat> {
  return { locale: DEFAULT_LOCALE, timeZone: await merchantTimeZone() };
}
