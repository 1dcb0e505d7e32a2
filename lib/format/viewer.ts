import "server-only";
import { currentStaff } from "@/lib/auth/require-role";
import { merchantTimeZone } from "@/lib/listing/time-zone";
import { DEFAULT_LOCALE, type ViewerFormat } from "./viewer-format";

/**
 * The one place that decides how the person viewing a page reads dates, times and amounts: in
 * their own locale (their profile's number format, set from their browser at first sign-in) and
 * their own time zone, which follows the merchant's unless they chose one.
 */
export async function getViewerFormat(): Promise<ViewerFormat> {
  const staff = await currentStaff();
  return { locale: staff?.locale ?? DEFAULT_LOCALE, timeZone: staff?.timeZone ?? (await merchantTimeZone()) };
}
